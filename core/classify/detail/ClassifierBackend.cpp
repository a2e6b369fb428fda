// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/detail/ClassifierBackend.h"

#include <c10/core/InferenceMode.h>
#include <torch/script.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/base/AtomicFile.h"
#include "core/base/Sha256.h"
#include "core/base/Version.h"
#include "core/classify/detail/TensorDict.h"

namespace edgefuse::detail {
namespace {

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

class NativeBackend : public ClassifierBackend {
 public:
  explicit NativeBackend(SmallResNet net) : m_net(std::move(net)) { m_net->eval(); }
  at::Tensor forward(const at::Tensor& x) override { return m_net->forward(x); }
  bool hasFeatureSplit() const override { return true; }
  at::Tensor features(const at::Tensor& x) override { return m_net->features(x); }
  at::Tensor head(const at::Tensor& f) override { return m_net->head(f); }

 private:
  SmallResNet m_net;
};

class TorchScriptBackend : public ClassifierBackend {
 public:
  TorchScriptBackend(torch::jit::Module module, std::string featuresMethod, std::string headMethod)
      : m_module(std::move(module)), m_featuresMethod(std::move(featuresMethod)), m_headMethod(std::move(headMethod)) {
    m_module.eval();
  }
  at::Tensor forward(const at::Tensor& x) override { return tensorOf(m_module.forward({x}), "forward"); }
  bool hasFeatureSplit() const override { return !m_featuresMethod.empty(); }
  at::Tensor features(const at::Tensor& x) override {
    return tensorOf(m_module.get_method(m_featuresMethod)({x}), m_featuresMethod);
  }
  at::Tensor head(const at::Tensor& f) override {
    return tensorOf(m_module.get_method(m_headMethod)({f}), m_headMethod);
  }

 private:
  static at::Tensor tensorOf(const c10::IValue& value, const std::string& method) {
    // Thrown as c10::Error like LibTorch's own failures; the Classifier converts them.
    TORCH_CHECK(value.isTensor(), "the TorchScript method '", method, "' must return one tensor");
    return value.toTensor();
  }
  torch::jit::Module m_module;
  std::string m_featuresMethod;
  std::string m_headMethod;
};

Expected<std::unique_ptr<ClassifierBackend>> loadNative(const ClassifierModelInfo& model,
                                                        const nlohmann::json& manifest) {
  const std::string paramsJson = manifest.value("architecture_params", nlohmann::json::object()).dump();
  auto params = SmallResNetParams::fromJson(paramsJson, model.preprocessing.inputChannels,
                                            static_cast<std::int64_t>(model.labels.size()));
  if (!params) {
    return fail(ErrorCode::ModelInvalid, "model.json: " + params.error().message, model.path + "/model.json");
  }
  auto tensors = loadClassifierTensors(model.weightsPath);
  if (!tensors) return tl::unexpected(tensors.error());
  SmallResNet net(*params);
  // The labels fix the size of the last layer: a mismatch shows as the fc shapes.
  if (auto fc = tensors->find("fc.weight"); fc != tensors->end() && fc->second.dim() == 2 &&
                                            fc->second.size(0) != static_cast<std::int64_t>(model.labels.size())) {
    return fail(ErrorCode::ModelInvalid,
                "the network has " + std::to_string(fc->second.size(0)) + " outputs but model.json lists " +
                    std::to_string(model.labels.size()) + " labels",
                model.weightsPath);
  }
  if (auto loaded = net->loadStateDict(*tensors, model.weightsPath); !loaded) return tl::unexpected(loaded.error());
  return std::unique_ptr<ClassifierBackend>(new NativeBackend(net));
}

Expected<std::unique_ptr<ClassifierBackend>> loadTorchScript(const ClassifierModelInfo& model,
                                                             const nlohmann::json& manifest) {
  torch::jit::Module module;
  try {
    module = torch::jit::load(model.weightsPath, at::Device(at::kCPU));
  } catch (const std::exception& e) {
    return fail(ErrorCode::ModelInvalid,
                "cannot load the TorchScript file (export it with torch.jit.script or torch.jit.trace and "
                "torch.jit.save): " +
                    firstLine(e.what()),
                model.weightsPath);
  }
  std::string featuresMethod, headMethod;
  const auto saliency = manifest.value("saliency", nlohmann::json::object());
  if (model.saliencyMethod == "grad-cam") {
    featuresMethod = saliency.value("features_method", std::string());
    headMethod = saliency.value("head_method", std::string());
    for (const auto& method : {featuresMethod, headMethod}) {
      if (!module.find_method(method)) {
        return fail(ErrorCode::ModelInvalid,
                    "model.json names the method '" + method +
                        "' for Grad-CAM, but the TorchScript module has none (mark it @torch.jit.export)",
                    model.weightsPath);
      }
    }
  }
  return std::unique_ptr<ClassifierBackend>(new TorchScriptBackend(module, featuresMethod, headMethod));
}

std::string shapeText(const at::Tensor& t) {
  std::ostringstream out;
  out << t.sizes();
  return out.str();
}

}  // namespace

Expected<std::unique_ptr<ClassifierBackend>> loadClassifierBackend(const ClassifierModelInfo& model) {
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(model.manifestJson);
  } catch (const std::exception& e) {
    return fail(ErrorCode::ModelInvalid, std::string("model.json is not valid JSON: ") + e.what(), model.path);
  }
  auto backend = model.architecture == "torchscript" ? loadTorchScript(model, manifest) : loadNative(model, manifest);
  if (!backend) return backend;

  // One forward pass of the manifest's input shape proves that the network
  // takes it and yields one output per label.
  const auto& p = model.preprocessing;
  const std::string shape =
      "1x" + std::to_string(p.inputChannels) + "x" + std::to_string(p.inputHeight) + "x" + std::to_string(p.inputWidth);
  at::Tensor out;
  try {
    c10::InferenceMode guard;
    out = (*backend)->forward(at::zeros({1, p.inputChannels, p.inputHeight, p.inputWidth}));
    if ((*backend)->hasFeatureSplit()) {
      const at::Tensor f = (*backend)->features(at::zeros({1, p.inputChannels, p.inputHeight, p.inputWidth}));
      if (f.dim() != 4) {
        return fail(ErrorCode::ModelInvalid,
                    "the Grad-CAM features method must return feature maps (N, K, h, w), not " + shapeText(f),
                    model.weightsPath);
      }
      const at::Tensor fromHead = (*backend)->head(f);
      if (fromHead.sizes() != out.sizes() || !at::allclose(fromHead, out, 1e-4, 1e-4)) {
        return fail(ErrorCode::ModelInvalid,
                    "head(features(x)) differs from forward(x): the Grad-CAM methods named in model.json do not "
                    "split the network",
                    model.weightsPath);
      }
    }
  } catch (const std::exception& e) {
    return fail(ErrorCode::ModelInvalid,
                "the network does not accept the input shape of model.json (" + shape + "): " + firstLine(e.what()),
                model.weightsPath);
  }
  if (out.dim() != 2 || out.size(0) != 1) {
    return fail(ErrorCode::ModelInvalid,
                "the network must return (N, classes) for an input of " + shape + ", not " + shapeText(out),
                model.weightsPath);
  }
  if (out.size(1) != static_cast<std::int64_t>(model.labels.size())) {
    return fail(ErrorCode::ModelInvalid,
                "the network has " + std::to_string(out.size(1)) + " outputs but model.json lists " +
                    std::to_string(model.labels.size()) + " labels",
                model.weightsPath);
  }
  return backend;
}

Expected<std::string> saveNativeModelFolder(const std::string& dir, const SmallResNet& network,
                                            const NativeModelCard& card) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the model folder: " + ec.message(), dir);
  const std::string weightsPath = (fs::path(dir) / "weights.pt").string();
  auto tensors = network->stateDict();
  if (card.halfPrecision) {
    for (auto& [key, tensor] : tensors) {
      if (tensor.is_floating_point()) tensor = tensor.detach().to(at::kHalf);
    }
  }
  if (auto saved = saveClassifierTensors(weightsPath, tensors); !saved) {
    return tl::unexpected(saved.error());
  }
  auto sha = sha256OfFile(weightsPath);
  if (!sha) return tl::unexpected(sha.error());
  nlohmann::json m;
  try {
    m = nlohmann::json::parse(card.extraJson);
  } catch (const std::exception& e) {
    return fail(ErrorCode::InvalidArgument, std::string("model card fields are not valid JSON: ") + e.what());
  }
  const auto& p = card.preprocessing;
  m["format"] = "edgefuse-classifier-model";
  m["format_version"] = 1;
  m["name"] = card.name;
  m["version"] = card.version;
  m["description"] = card.description;
  m["architecture"] = "resnet-small";
  m["architecture_params"] = nlohmann::json::parse(network->params().toJson());
  m["weights"] = "weights.pt";
  m["weights_dtype"] = card.halfPrecision ? "float16" : "float32";
  m["sha256"] = *sha;
  m["labels"] = card.labels;
  m["input"] = {{"width", p.inputWidth}, {"height", p.inputHeight}, {"channels", p.inputChannels}};
  m["preprocessing"] = {{"intensity", normalizationName(p.intensity)},
                        {"resize", "fit-pad"},
                        {"pad_value", p.padValue},
                        {"mean", p.mean},
                        {"std", p.std}};
  m["output"] = "logits";
  m["saliency"] = {{"method", "grad-cam"}, {"layer", network->params().lastBlockName()}};
  m["software"] = std::string("EdgeFuse ") + kVersion;
  const std::string text = m.dump(2) + "\n";
  if (auto written = writeFileAtomically((fs::path(dir) / "model.json").string(), text); !written) {
    return tl::unexpected(written.error());
  }
  return *sha;
}

void roundToHalf(SmallResNet& network) {
  at::NoGradGuard noGrad;
  for (auto& [key, tensor] : network->stateDict()) {
    if (tensor.is_floating_point()) {
      auto target = tensor;  // shares storage with the module's tensor
      target.copy_(tensor.to(at::kHalf).to(tensor.dtype()));
    }
  }
}

}  // namespace edgefuse::detail
