// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/detail/Network.h"

#include <ATen/Parallel.h>
#include <ATen/ops/instance_norm.h>

#include <algorithm>
#include <cmath>

namespace edgefuse::detail {
namespace {

using Shape = std::vector<std::int64_t>;

constexpr double kBnEps = 1e-5;
constexpr double kBnMomentum = 0.1;
constexpr double kLeakySlope = 0.2;
constexpr double kDropout = 0.2;

void addConv(std::vector<std::pair<std::string, Shape>>& out, const std::string& prefix, std::int64_t cout,
             std::int64_t cin, std::int64_t k, bool bias = true) {
  out.emplace_back(prefix + ".weight", Shape{cout, cin, k, k});
  if (bias) out.emplace_back(prefix + ".bias", Shape{cout});
}

void addBn(std::vector<std::pair<std::string, Shape>>& out, const std::string& prefix, std::int64_t c) {
  for (const char* name : {".weight", ".bias", ".running_mean", ".running_var"}) {
    out.emplace_back(prefix + name, Shape{c});
  }
}

// The gate of the authors' attention blocks: ReLU(Upsample(AvgPool(x))).
// ReLU commutes with nearest upsampling, so it is applied on the small map.
at::Tensor gate(const at::Tensor& x) {
  const auto pooled = at::relu(at::avg_pool2d(x, {2, 2}, {2, 2}));
  return at::upsample_nearest2d(pooled, {x.size(2), x.size(3)});
}

// y ← y ⊙ Upsample(ReLU(AvgPool(source))), in place, without materialising
// the upsampled map: y is viewed as (N, C, H/2, 2, W/2, 2) and multiplied by
// the pooled map broadcast over the two 2-pixel axes. `source` has C or 1 channels.
void multiplyByGateInPlace(at::Tensor& y, const at::Tensor& source) {
  const std::int64_t n = y.size(0), c = y.size(1), h = y.size(2), w = y.size(3);
  const at::Tensor pooled = at::relu(at::avg_pool2d(source, {2, 2}, {2, 2}));
  y.view({n, c, h / 2, 2, w / 2, 2}).mul_(pooled.view({n, source.size(1), h / 2, 1, w / 2, 1}));
}

// |Kx ∗ e| + |Ky ∗ e| per channel (zero padding, cross-correlation as in
// conv2d), in one pass over e. e: (N,C,H,W) contiguous float; kx, ky: (C,1,3,3).
at::Tensor sobelMagnitudeCpu(const at::Tensor& e, const at::Tensor& kx, const at::Tensor& ky) {
  const std::int64_t n = e.size(0), c = e.size(1), h = e.size(2), w = e.size(3);
  at::Tensor out = at::empty_like(e);
  const float* in = e.data_ptr<float>();
  float* o = out.data_ptr<float>();
  const float* wx = kx.data_ptr<float>();
  const float* wy = ky.data_ptr<float>();
  at::parallel_for(0, n * c, 1, [&](std::int64_t begin, std::int64_t end) {
    std::vector<float> padded(static_cast<std::size_t>((h + 2) * (w + 2)), 0.0f);
    const std::int64_t pw = w + 2;
    for (std::int64_t plane = begin; plane < end; ++plane) {
      const std::int64_t channel = plane % c;
      const float* src = in + plane * h * w;
      for (std::int64_t y = 0; y < h; ++y) std::copy(src + y * w, src + (y + 1) * w, padded.data() + (y + 1) * pw + 1);
      const float* a = wx + channel * 9;
      const float* b = wy + channel * 9;
      float* dst = o + plane * h * w;
      for (std::int64_t y = 0; y < h; ++y) {
        const float* r0 = padded.data() + y * pw;
        const float* r1 = r0 + pw;
        const float* r2 = r1 + pw;
        float* d = dst + y * w;
        for (std::int64_t x = 0; x < w; ++x) {
          const float gx = a[0] * r0[x] + a[1] * r0[x + 1] + a[2] * r0[x + 2] + a[3] * r1[x] + a[4] * r1[x + 1] +
                           a[5] * r1[x + 2] + a[6] * r2[x] + a[7] * r2[x + 1] + a[8] * r2[x + 2];
          const float gy = b[0] * r0[x] + b[1] * r0[x + 1] + b[2] * r0[x + 2] + b[3] * r1[x] + b[4] * r1[x + 1] +
                           b[5] * r1[x + 2] + b[6] * r2[x] + b[7] * r2[x + 1] + b[8] * r2[x + 2];
          d[x] = std::fabs(gx) + std::fabs(gy);
        }
      }
    }
  });
  return out;
}

// A 1×1 convolution as a batched GEMM: (Cout×Cin) · (N, Cin, H·W).
at::Tensor pointwise(const at::Tensor& weight, const at::Tensor& x) {
  const std::int64_t n = x.size(0), h = x.size(2), w = x.size(3);
  return at::matmul(weight, x.reshape({n, x.size(1), h * w})).view({n, weight.size(0), h, w});
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

double convFlops(std::int64_t hw, std::int64_t cout, std::int64_t cin, std::int64_t k, std::int64_t groups = 1) {
  return 2.0 * static_cast<double>(hw) * static_cast<double>(cout) * static_cast<double>(cin / groups) *
         static_cast<double>(k * k);
}

}  // namespace

const char* architectureName(Architecture a) {
  return a == Architecture::EhDran ? "eh-dran" : "dilran-v5";
}

Expected<Architecture> parseArchitecture(const std::string& name) {
  if (name == "eh-dran") return Architecture::EhDran;
  if (name == "dilran-v5") return Architecture::DilranV5;
  return fail(ErrorCode::ModelInvalid, "unknown architecture '" + name + "' (expected eh-dran or dilran-v5)");
}

std::vector<std::pair<std::string, Shape>> requiredTensors(Architecture a) {
  std::vector<std::pair<std::string, Shape>> out;
  addConv(out, "fe.conv1", 64, 1, 1);
  addConv(out, "fe.fe.convd1", 64, 64, 3);
  addConv(out, "fe.fe.convd2", 64, 64, 3);
  addConv(out, "fe.fe.convd3", 64, 64, 3);
  addConv(out, "fe.fe.reduce", 64, 192, 1);
  addBn(out, "fe.fe.bnorm1", 64);
  addConv(out, "fe.fe.dilran.conv_d", 64, 64, 3);
  if (a == Architecture::EhDran) {
    addConv(out, "fe.edge_enhance.dense.conv1.conv", 64, 64, 3);
    addConv(out, "fe.edge_enhance.dense.conv2.conv", 128, 128, 3);
    addConv(out, "fe.edge_enhance.convdown.conv", 64, 128, 1);
    addConv(out, "fe.edge_enhance.sobelconv.convx", 64, 1, 3, false);
    addConv(out, "fe.edge_enhance.sobelconv.convy", 64, 1, 3, false);
    addConv(out, "fe.edge_enhance.convup.conv", 64, 64, 1);
    addConv(out, "recon.recon_conv.0", 64, 64, 3);
    addConv(out, "recon.recon_conv.2", 32, 64, 3);
    addConv(out, "recon.recon_conv.4", 1, 32, 3);
  } else {
    addConv(out, "recon.recon_conv.0", 64, 64, 3);
    addConv(out, "recon.recon_conv.1", 32, 64, 3);
    addConv(out, "recon.recon_conv.2", 1, 32, 3);
  }
  return out;
}

Expected<Architecture> detectArchitecture(const std::map<std::string, at::Tensor>& tensors) {
  const bool hasEncoder = tensors.count("fe.fe.dilran.conv_d.weight") > 0;
  if (!hasEncoder) {
    return fail(ErrorCode::ModelInvalid, "not DILRAN/EH-DRAN weights: key 'fe.fe.dilran.conv_d.weight' is missing");
  }
  if (tensors.count("fe.edge_enhance.dense.conv1.conv.weight") > 0 || tensors.count("recon.recon_conv.4.weight") > 0) {
    return Architecture::EhDran;
  }
  return Architecture::DilranV5;
}

Expected<std::map<std::string, at::Tensor>> validateTensors(Architecture a,
                                                            const std::map<std::string, at::Tensor>& tensors,
                                                            const std::string& source) {
  std::map<std::string, at::Tensor> out;
  for (const auto& [key, shape] : requiredTensors(a)) {
    const auto it = tensors.find(key);
    if (it == tensors.end()) {
      return fail(ErrorCode::ModelInvalid, "missing tensor '" + key + "' for " + architectureName(a), source);
    }
    const at::Tensor& tensor = it->second;
    if (tensor.sizes() != at::IntArrayRef(shape)) {
      std::string want = "[", got = "[";
      for (auto s : shape) want += std::to_string(s) + (want.size() > 1 ? "," : ",");
      for (auto s : tensor.sizes()) got += std::to_string(s) + ",";
      want.back() = ']';
      got.back() = ']';
      if (tensor.dim() == 0) got = "[]";
      return fail(ErrorCode::ModelInvalid, "tensor '" + key + "' has shape " + got + ", expected " + want, source);
    }
    if (!tensor.is_floating_point()) {
      return fail(ErrorCode::ModelInvalid, "tensor '" + key + "' is not floating point", source);
    }
    at::Tensor value = tensor.to(at::kFloat).contiguous();
    if (!at::isfinite(value).all().item<bool>()) {
      return fail(ErrorCode::ModelInvalid, "tensor '" + key + "' holds NaN or infinite values", source);
    }
    if (endsWith(key, ".running_var") && (value < 0).any().item<bool>()) {
      return fail(ErrorCode::ModelInvalid, "tensor '" + key + "' holds negative variances", source);
    }
    out.emplace(key, value);
  }
  return out;
}

FusionNetwork::FusionNetwork(Architecture arch, std::map<std::string, at::Tensor> tensors)
    : m_arch(arch), m_tensors(std::move(tensors)) {}

FusionNetwork FusionNetwork::initialise(Architecture arch, std::uint64_t seed) {
  auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  std::map<std::string, at::Tensor> tensors;
  // PyTorch's default: weights and biases uniform in ±1/sqrt(fan_in)
  // (kaiming_uniform_ with a = sqrt(5)).
  for (const auto& [key, shape] : requiredTensors(arch)) {
    at::Tensor value;
    const bool isBn = key.find("bnorm1") != std::string::npos;
    if (key.find("sobelconv") != std::string::npos) {
      const bool isX = key.find("convx") != std::string::npos;
      const float sobel[9] = {1, 0, -1, 2, 0, -2, 1, 0, -1};
      at::Tensor kernel = at::from_blob(const_cast<float*>(sobel), {3, 3}, at::kFloat).clone();
      if (!isX) kernel = kernel.t().contiguous();
      value = kernel.reshape({1, 1, 3, 3}).repeat({shape[0], 1, 1, 1}).contiguous();
    } else if (isBn) {
      const bool ones = endsWith(key, ".weight") || endsWith(key, ".running_var");
      value = ones ? at::ones(shape, at::kFloat) : at::zeros(shape, at::kFloat);
    } else {
      // fan_in of the layer: for a bias, that of its weight.
      const std::string weightKey = key.substr(0, key.rfind('.')) + ".weight";
      Shape weightShape;
      for (const auto& [k2, s2] : requiredTensors(arch)) {
        if (k2 == weightKey) weightShape = s2;
      }
      const double fanIn = static_cast<double>(weightShape[1] * weightShape[2] * weightShape[3]);
      const double bound = 1.0 / std::sqrt(fanIn);
      value = at::empty(shape, at::kFloat).uniform_(-bound, bound, generator);
    }
    tensors.emplace(key, value);
  }
  return FusionNetwork(arch, std::move(tensors));
}

const at::Tensor& FusionNetwork::t(const std::string& key) const {
  return m_tensors.at(key);
}

at::Tensor FusionNetwork::batchNorm(const at::Tensor& x, const std::string& prefix, BnUse bn) {
  const at::Tensor& weight = t(prefix + ".weight");
  const at::Tensor& bias = t(prefix + ".bias");
  at::Tensor& runningMean = m_tensors.at(prefix + ".running_mean");
  at::Tensor& runningVar = m_tensors.at(prefix + ".running_var");
  switch (bn) {
    case BnUse::Running:
      return at::batch_norm(x, weight, bias, runningMean, runningVar, false, 0.0, kBnEps, false);
    case BnUse::PerImage:
      // BatchNorm in training mode on a batch of one image is instance
      // normalisation with the BatchNorm's affine parameters.
      return at::instance_norm(x, weight, bias, {}, {}, true, 0.0, kBnEps, false);
    case BnUse::Train:
      return at::batch_norm(x, weight, bias, runningMean, runningVar, true, kBnMomentum, kBnEps, false);
  }
  return x;
}

at::Tensor FusionNetwork::encode(const at::Tensor& x, BnUse bn, bool dropout) {
  return encodeBody(x, bn, dropout);
}

at::Tensor FusionNetwork::encodeBody(const at::Tensor& x, BnUse bn, bool dropout) {
  // MSFuNet: shallow 1×1 feature gated by the pooled input.
  const at::Tensor shallow = at::conv2d(x, t("fe.conv1.weight"), t("fe.conv1.bias"));
  const at::Tensor x1 = x + gate(x) * shallow;

  // FE_V1: dilated convolutions (dilation 1, 3, 5), 1×1 reduce, BatchNorm.
  const at::Tensor d1 = at::conv2d(x1, t("fe.fe.convd1.weight"), t("fe.fe.convd1.bias"), 1, 1, 1);
  const at::Tensor d2 = at::conv2d(x1, t("fe.fe.convd2.weight"), t("fe.fe.convd2.bias"), 1, 3, 3);
  const at::Tensor d3 = at::conv2d(x1, t("fe.fe.convd3.weight"), t("fe.fe.convd3.bias"), 1, 5, 5);
  at::Tensor reduced = at::conv2d(at::cat({d1, d2, d3}, 1), t("fe.fe.reduce.weight"), t("fe.fe.reduce.bias"));
  reduced = batchNorm(reduced, "fe.fe.bnorm1", bn);

  // DILRAN_V1: one shared 3×3 conv applied as a chain c1 → c2 → c3; the
  // reference writes conv(x) + conv(conv(x)) + conv(conv(conv(x))), which is
  // the same three maps computed six times.
  const at::Tensor& convW = t("fe.fe.dilran.conv_d.weight");
  const at::Tensor& convB = t("fe.fe.dilran.conv_d.bias");
  const at::Tensor c1 = at::conv2d(reduced, convW, convB, 1, 1);
  const at::Tensor c2 = at::conv2d(c1, convW, convB, 1, 1);
  const at::Tensor c3 = at::conv2d(c2, convW, convB, 1, 1);
  at::Tensor deep = reduced + gate(reduced) * (c1 + c2 + c3);
  // The same BatchNorm module is applied a second time.
  deep = batchNorm(deep, "fe.fe.bnorm1", bn);

  // Outer gate and residual.
  at::Tensor out = x1 + gate(x1) * deep;

  if (m_arch == Architecture::EhDran) {
    // Edge enhancer on the shallow feature: dense block + trainable Sobel branch.
    const at::Tensor& e = shallow;
    const at::Tensor dense1 = at::leaky_relu(
        at::conv2d(e, t("fe.edge_enhance.dense.conv1.conv.weight"), t("fe.edge_enhance.dense.conv1.conv.bias"), 1, 1),
        kLeakySlope);
    at::Tensor dense = at::leaky_relu(at::conv2d(at::cat({e, dense1}, 1), t("fe.edge_enhance.dense.conv2.conv.weight"),
                                                 t("fe.edge_enhance.dense.conv2.conv.bias"), 1, 1),
                                      kLeakySlope);
    if (dropout) dense = at::dropout(dense, kDropout, true);
    const at::Tensor down =
        at::conv2d(dense, t("fe.edge_enhance.convdown.conv.weight"), t("fe.edge_enhance.convdown.conv.bias"));
    const std::int64_t channels = e.size(1);
    const at::Tensor gx = at::conv2d(e, t("fe.edge_enhance.sobelconv.convx.weight"), {}, 1, 1, 1, channels);
    const at::Tensor gy = at::conv2d(e, t("fe.edge_enhance.sobelconv.convy.weight"), {}, 1, 1, 1, channels);
    const at::Tensor up = at::conv2d(at::abs(gx) + at::abs(gy), t("fe.edge_enhance.convup.conv.weight"),
                                     t("fe.edge_enhance.convup.conv.bias"));
    at::Tensor edge = down + up;
    if (dropout) edge = at::dropout(edge, kDropout, true);
    out = out + edge;
  }
  return out;
}

at::Tensor FusionNetwork::decode(const at::Tensor& features) const {
  if (m_arch == Architecture::EhDran) {
    at::Tensor y = at::leaky_relu(
        at::conv2d(features, t("recon.recon_conv.0.weight"), t("recon.recon_conv.0.bias"), 1, 1), kLeakySlope);
    y = at::leaky_relu(at::conv2d(y, t("recon.recon_conv.2.weight"), t("recon.recon_conv.2.bias"), 1, 1), kLeakySlope);
    return at::conv2d(y, t("recon.recon_conv.4.weight"), t("recon.recon_conv.4.bias"), 1, 1);
  }
  at::Tensor y = at::conv2d(features, t("recon.recon_conv.0.weight"), t("recon.recon_conv.0.bias"), 1, 1);
  y = at::conv2d(y, t("recon.recon_conv.1.weight"), t("recon.recon_conv.1.bias"), 1, 1);
  return at::conv2d(y, t("recon.recon_conv.2.weight"), t("recon.recon_conv.2.bias"), 1, 1);
}

void FusionNetwork::to(const at::Device& device) {
  for (auto& [key, tensor] : m_tensors) tensor = tensor.to(device, at::kFloat).contiguous();
  if (m_plan) prepareInference();
}

void FusionNetwork::prepareInference() {
  at::NoGradGuard noGrad;
  auto plan = std::make_shared<InferencePlan>();
  const auto channel = [](const at::Tensor& v) { return v.detach().reshape({1, -1, 1, 1}).contiguous(); };
  plan->shallowWeight = channel(t("fe.conv1.weight"));
  plan->shallowBias = channel(t("fe.conv1.bias"));
  // reduce(cat(d1, d2, d3)) = Σ R_i·d_i + b_R, and R_i·conv(x, W_i) = conv(x, R_i·W_i).
  const at::Tensor reduce = t("fe.fe.reduce.weight").detach().reshape({64, 192}).to(at::kDouble);
  at::Tensor bias = t("fe.fe.reduce.bias").detach().to(at::kDouble);
  const at::Tensor scale =
      (t("fe.fe.bnorm1.weight") / at::sqrt(t("fe.fe.bnorm1.running_var") + kBnEps)).detach().to(at::kDouble);
  const at::Tensor shift = (t("fe.fe.bnorm1.bias") - t("fe.fe.bnorm1.running_mean") * t("fe.fe.bnorm1.weight") /
                                                         at::sqrt(t("fe.fe.bnorm1.running_var") + kBnEps))
                               .detach()
                               .to(at::kDouble);
  const char* dilated[3] = {"fe.fe.convd1", "fe.fe.convd2", "fe.fe.convd3"};
  for (int i = 0; i < 3; ++i) {
    const at::Tensor ri = reduce.slice(1, 64 * i, 64 * (i + 1));
    const at::Tensor wi = t(std::string(dilated[i]) + ".weight").detach().to(at::kDouble);
    const at::Tensor folded = at::matmul(ri, wi.reshape({64, -1})).reshape(wi.sizes());
    plan->dilatedWeights[i] = folded.to(at::kFloat).contiguous();
    plan->dilatedWeightsBn[i] = (folded * scale.view({64, 1, 1, 1})).to(at::kFloat).contiguous();
    bias = bias + at::matmul(ri, t(std::string(dilated[i]) + ".bias").detach().to(at::kDouble));
  }
  plan->dilatedBias = bias.to(at::kFloat).contiguous();
  plan->dilatedBiasBn = (bias * scale + shift).to(at::kFloat).contiguous();
  plan->bnScale = channel(scale.to(at::kFloat));
  plan->bnShift = channel(shift.to(at::kFloat));
  if (m_arch == Architecture::EhDran) {
    plan->downWeight = t("fe.edge_enhance.convdown.conv.weight").detach().reshape({64, 128}).contiguous();
    plan->upWeight = t("fe.edge_enhance.convup.conv.weight").detach().reshape({64, 64}).contiguous();
    plan->edgeBias = channel(t("fe.edge_enhance.convdown.conv.bias") + t("fe.edge_enhance.convup.conv.bias"));
  }
  m_plan = std::move(plan);
}

at::Tensor FusionNetwork::encodeInference(const at::Tensor& x, BnUse bn) const {
  TORCH_CHECK(m_plan, "prepareInference() was not called");
  TORCH_CHECK(bn != BnUse::Train, "encodeInference is for inference only");
  const InferencePlan& p = *m_plan;
  const bool running = bn == BnUse::Running;
  // BatchNorm with the statistics of each image (instance normalisation),
  // in place: per (image, channel) mean and biased variance over H×W. (Same
  // values as at::instance_norm, which was several times slower here.)
  const auto instanceNorm = [&](at::Tensor& v) {
    const auto [variance, mean] = at::var_mean(v, {2, 3}, /*unbiased=*/false, /*keepdim=*/true);
    const std::int64_t c = v.size(1);
    const at::Tensor scale = t("fe.fe.bnorm1.weight").view({1, c, 1, 1}) * (variance + kBnEps).rsqrt();
    v.sub_(mean).mul_(scale).add_(t("fe.fe.bnorm1.bias").view({1, c, 1, 1}));
  };

  // Shallow 1×1 feature (an outer product), gated by the pooled input.
  const at::Tensor shallow = at::addcmul(p.shallowBias, x, p.shallowWeight);
  at::Tensor x1 = shallow.clone();
  multiplyByGateInPlace(x1, x);
  x1.add_(x);

  // Dilated convolutions with the reduce (and the running BatchNorm) folded in.
  const at::Tensor* w = running ? p.dilatedWeightsBn : p.dilatedWeights;
  at::Tensor reduced = at::conv2d(x1, w[0], running ? p.dilatedBiasBn : p.dilatedBias, 1, 1, 1);
  reduced.add_(at::conv2d(x1, w[1], {}, 1, 3, 3));
  reduced.add_(at::conv2d(x1, w[2], {}, 1, 5, 5));
  if (!running) instanceNorm(reduced);

  // Shared-conv chain, gate, second BatchNorm.
  const at::Tensor& convW = t("fe.fe.dilran.conv_d.weight");
  const at::Tensor& convB = t("fe.fe.dilran.conv_d.bias");
  at::Tensor c1 = at::conv2d(reduced, convW, convB, 1, 1);
  at::Tensor c2 = at::conv2d(c1, convW, convB, 1, 1);
  const at::Tensor c3 = at::conv2d(c2, convW, convB, 1, 1);
  at::Tensor deep = c1.add_(c2).add_(c3);
  c2 = at::Tensor();
  multiplyByGateInPlace(deep, reduced);
  deep.add_(reduced);
  if (running) {
    deep.mul_(p.bnScale).add_(p.bnShift);
  } else {
    instanceNorm(deep);
  }
  multiplyByGateInPlace(deep, x1);
  at::Tensor out = deep.add_(x1);

  if (m_arch == Architecture::EhDran) {
    at::Tensor dense1 = at::conv2d(shallow, t("fe.edge_enhance.dense.conv1.conv.weight"),
                                   t("fe.edge_enhance.dense.conv1.conv.bias"), 1, 1);
    at::leaky_relu_(dense1, kLeakySlope);
    at::Tensor dense = at::conv2d(at::cat({shallow, dense1}, 1), t("fe.edge_enhance.dense.conv2.conv.weight"),
                                  t("fe.edge_enhance.dense.conv2.conv.bias"), 1, 1);
    dense1 = at::Tensor();
    at::leaky_relu_(dense, kLeakySlope);
    const at::Tensor& kx = t("fe.edge_enhance.sobelconv.convx.weight");
    const at::Tensor& ky = t("fe.edge_enhance.sobelconv.convy.weight");
    const at::Tensor sobel = shallow.is_cpu() ? sobelMagnitudeCpu(shallow.contiguous(), kx, ky)
                                              : at::abs(at::conv2d(shallow, kx, {}, 1, 1, 1, 64)) +
                                                    at::abs(at::conv2d(shallow, ky, {}, 1, 1, 1, 64));
    out.add_(pointwise(p.downWeight, dense)).add_(pointwise(p.upWeight, sobel)).add_(p.edgeBias);
  }
  return out;
}

at::Device FusionNetwork::device() const {
  return m_tensors.empty() ? at::Device(at::kCPU) : m_tensors.begin()->second.device();
}

std::vector<at::Tensor> FusionNetwork::parameters() const {
  std::vector<at::Tensor> out;
  for (const auto& [key, tensor] : m_tensors) {
    const bool isStatistic = key.find("running_") != std::string::npos;
    if (!isStatistic) out.push_back(tensor);
  }
  return out;
}

double FusionNetwork::encodeFlops(Architecture arch, std::int64_t height, std::int64_t width) {
  const std::int64_t hw = height * width;
  double flops = convFlops(hw, 64, 1, 1);  // conv1
  flops += 3 * convFlops(hw, 64, 64, 3);   // dilated convolutions
  flops += convFlops(hw, 64, 192, 1);      // reduce
  flops += 3 * convFlops(hw, 64, 64, 3);   // shared conv chain
  if (arch == Architecture::EhDran) {
    flops += convFlops(hw, 64, 64, 3);          // dense conv1
    flops += convFlops(hw, 128, 128, 3);        // dense conv2
    flops += convFlops(hw, 64, 128, 1);         // convdown
    flops += 2 * convFlops(hw, 64, 64, 3, 64);  // depthwise Sobel x and y
    flops += convFlops(hw, 64, 64, 1);          // convup
  }
  return flops;
}

double FusionNetwork::decodeFlops(Architecture, std::int64_t height, std::int64_t width) {
  const std::int64_t hw = height * width;
  return convFlops(hw, 64, 64, 3) + convFlops(hw, 32, 64, 3) + convFlops(hw, 1, 32, 3);
}

}  // namespace edgefuse::detail
