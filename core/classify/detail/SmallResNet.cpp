// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/detail/SmallResNet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/dropout.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace edgefuse::detail {

namespace F = torch::nn::functional;

std::string SmallResNetParams::toJson() const {
  nlohmann::json j;
  j["widths"] = widths;
  j["strides"] = strides;
  if (!blocks.empty()) j["blocks"] = blocks;
  j["stem_stride"] = stemStride;
  j["stem_pool"] = stemPool;
  j["dropout"] = dropout;
  return j.dump();
}

Expected<SmallResNetParams> SmallResNetParams::fromJson(const std::string& json, std::int64_t inputChannels,
                                                        std::int64_t classes) {
  SmallResNetParams p;
  p.inputChannels = inputChannels;
  p.classes = classes;
  try {
    const auto j = nlohmann::json::parse(json);
    p.widths = j.value("widths", p.widths);
    p.strides = j.value("strides", p.strides);
    p.blocks = j.value("blocks", p.blocks);
    p.stemStride = j.value("stem_stride", p.stemStride);
    p.stemPool = j.value("stem_pool", p.stemPool);
    p.dropout = j.value("dropout", p.dropout);
  } catch (const std::exception& e) {
    return fail(ErrorCode::InvalidArgument, std::string("architecture_params: ") + e.what());
  }
  if (p.widths.empty() || p.widths.size() != p.strides.size()) {
    return fail(ErrorCode::InvalidArgument, "architecture_params: 'widths' and 'strides' need one entry per stage");
  }
  if (!p.blocks.empty() && p.blocks.size() != p.widths.size()) {
    return fail(ErrorCode::InvalidArgument, "architecture_params: 'blocks' needs one entry per stage");
  }
  for (std::size_t i = 0; i < p.widths.size(); ++i) {
    if (p.blocksIn(i) < 1 || p.blocksIn(i) > 16) {
      return fail(ErrorCode::InvalidArgument, "architecture_params: blocks must be 1..16 per stage");
    }
    if (p.widths[i] < 1 || p.widths[i] > 2048 || p.strides[i] < 1 || p.strides[i] > 4) {
      return fail(ErrorCode::InvalidArgument, "architecture_params: widths must be 1..2048 and strides 1..4");
    }
  }
  if (p.stemStride < 1 || p.stemStride > 4 || p.dropout < 0.0 || p.dropout >= 1.0) {
    return fail(ErrorCode::InvalidArgument, "architecture_params: stem_stride must be 1..4 and dropout in [0,1)");
  }
  return p;
}

std::string SmallResNetParams::blockName(std::size_t stage, std::int64_t block) {
  const std::string name = "stage" + std::to_string(stage + 1);
  return block == 1 ? name : name + "_" + std::to_string(block);
}

std::int64_t SmallResNetParams::totalStride() const {
  std::int64_t s = stemStride * (stemPool ? 2 : 1);
  for (auto st : strides) s *= st;
  return s;
}

BasicBlockImpl::BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride) {
  using torch::nn::BatchNorm2d;
  using torch::nn::Conv2d;
  using torch::nn::Conv2dOptions;
  m_conv1 = register_module("conv1", Conv2d(Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false)));
  m_bn1 = register_module("bn1", BatchNorm2d(out));
  m_conv2 = register_module("conv2", Conv2d(Conv2dOptions(out, out, 3).stride(1).padding(1).bias(false)));
  m_bn2 = register_module("bn2", BatchNorm2d(out));
  if (stride != 1 || in != out) {
    m_shortcutConv = register_module("shortcut_conv", Conv2d(Conv2dOptions(in, out, 1).stride(stride).bias(false)));
    m_shortcutBn = register_module("shortcut_bn", BatchNorm2d(out));
  }
}

at::Tensor BasicBlockImpl::forward(const at::Tensor& x) {
  at::Tensor y = F::relu(m_bn1(m_conv1(x)));
  y = m_bn2(m_conv2(y));
  const at::Tensor shortcut = m_shortcutConv ? m_shortcutBn(m_shortcutConv(x)) : x;
  return F::relu(y + shortcut);
}

SmallResNetImpl::SmallResNetImpl(const SmallResNetParams& params) : m_params(params) {
  using torch::nn::Conv2dOptions;
  m_stemConv = register_module(
      "stem_conv",
      torch::nn::Conv2d(
          Conv2dOptions(params.inputChannels, params.widths[0], 3).stride(params.stemStride).padding(1).bias(false)));
  m_stemBn = register_module("stem_bn", torch::nn::BatchNorm2d(params.widths[0]));
  std::int64_t in = params.widths[0];
  for (std::size_t i = 0; i < params.widths.size(); ++i) {
    m_stages.push_back(
        register_module(SmallResNetParams::blockName(i, 1), BasicBlock(in, params.widths[i], params.strides[i])));
    in = params.widths[i];
    for (std::int64_t k = 2; k <= params.blocksIn(i); ++k) {
      m_stages.push_back(register_module(SmallResNetParams::blockName(i, k), BasicBlock(in, in, 1)));
    }
  }
  m_fc = register_module("fc", torch::nn::Linear(in, params.classes));

  // He initialisation for the ReLU convolutions (as torchvision's ResNet).
  at::NoGradGuard noGrad;
  for (auto& module : modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
    }
  }
  for (auto& stage : m_stages) stage->lastNorm()->weight.zero_();
}

at::Tensor SmallResNetImpl::features(const at::Tensor& x) {
  at::Tensor y = F::relu(m_stemBn(m_stemConv(x)));
  if (m_params.stemPool) y = F::max_pool2d(y, F::MaxPool2dFuncOptions(2));
  for (auto& stage : m_stages) y = stage(y);
  return y;
}

at::Tensor SmallResNetImpl::head(const at::Tensor& features) {
  at::Tensor pooled = features.mean({2, 3});
  if (m_params.dropout > 0.0) {
    pooled = F::dropout(pooled, F::DropoutFuncOptions().p(m_params.dropout).training(is_training()));
  }
  return m_fc(pooled);
}

std::map<std::string, at::Tensor> SmallResNetImpl::stateDict() const {
  std::map<std::string, at::Tensor> out;
  for (const auto& item : named_parameters(true)) out.emplace(item.key(), item.value());
  for (const auto& item : named_buffers(true)) out.emplace(item.key(), item.value());
  return out;
}

Expected<void> SmallResNetImpl::loadStateDict(const std::map<std::string, at::Tensor>& tensors,
                                              const std::string& source) {
  const auto expected = stateDict();
  for (const auto& [key, target] : expected) {
    auto it = tensors.find(key);
    if (it == tensors.end()) {
      return fail(ErrorCode::ModelInvalid,
                  "the weights lack the tensor '" + key + "' (do model.json's architecture_params match them?)",
                  source);
    }
    if (it->second.sizes() != target.sizes()) {
      std::ostringstream shapes;
      shapes << "tensor '" << key << "' has shape " << it->second.sizes() << ", the architecture needs "
             << target.sizes();
      return fail(ErrorCode::ModelInvalid, shapes.str() + " (do model.json's architecture_params match?)", source);
    }
    if (it->second.is_floating_point() && !it->second.isfinite().all().item<bool>()) {
      return fail(ErrorCode::ModelInvalid, "tensor '" + key + "' holds NaN or infinite values", source);
    }
  }
  for (const auto& [key, tensor] : tensors) {
    if (!expected.count(key)) {
      return fail(ErrorCode::ModelInvalid, "the weights hold an unexpected tensor '" + key + "'", source);
    }
  }
  at::NoGradGuard noGrad;
  for (const auto& [key, target] : expected) {
    auto copy = target;  // shares storage with the module's tensor
    copy.copy_(tensors.at(key).to(target.dtype()));
  }
  return {};
}

double SmallResNetImpl::flops(std::int64_t height, std::int64_t width) const {
  auto out = [](std::int64_t size, std::int64_t stride) { return (size + stride - 1) / stride; };
  double macs = 0.0;
  std::int64_t h = out(height, m_params.stemStride), w = out(width, m_params.stemStride);
  macs += static_cast<double>(h * w) * static_cast<double>(m_params.inputChannels * m_params.widths[0] * 9);
  if (m_params.stemPool) {
    h /= 2;
    w /= 2;
  }
  std::int64_t in = m_params.widths[0];
  for (std::size_t i = 0; i < m_params.widths.size(); ++i) {
    const std::int64_t c = m_params.widths[i], s = m_params.strides[i];
    h = out(h, s);
    w = out(w, s);
    macs += static_cast<double>(h * w) * static_cast<double>(in * c * 9 + c * c * 9);
    if (s != 1 || in != c) macs += static_cast<double>(h * w) * static_cast<double>(in * c);
    macs +=
        static_cast<double>(m_params.blocksIn(i) - 1) * static_cast<double>(h * w) * static_cast<double>(c * c * 18);
    in = c;
  }
  macs += static_cast<double>(in * m_params.classes);
  return 2.0 * macs;
}

}  // namespace edgefuse::detail
