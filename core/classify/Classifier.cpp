// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/Classifier.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/upsampling.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <sstream>
#include <thread>

#include "core/classify/ClassifierModel.h"
#include "core/classify/InputCheck.h"
#include "core/classify/detail/ClassifierBackend.h"
#include "core/classify/detail/Preprocess.h"

namespace edgefuse {
namespace {

using Clock = std::chrono::steady_clock;

Image toImage(const at::Tensor& map) {
  const at::Tensor cpu = map.detach().to(at::kCPU, at::kFloat).contiguous();
  Image out(static_cast<int>(cpu.size(-1)), static_cast<int>(cpu.size(-2)), 1);
  std::copy(cpu.data_ptr<float>(), cpu.data_ptr<float>() + out.pixels.size(), out.pixels.begin());
  out.meta.format = "generated";
  out.meta.nominalMin = 0.0;
  out.meta.nominalMax = 1.0;
  return out;
}

// Scales a non-negative map so that its maximum is 1.
at::Tensor normaliseHeat(const at::Tensor& heat) {
  const at::Tensor clipped = heat.clamp_min(0.0);
  const double peak = clipped.max().item<double>();
  return peak > 0.0 ? clipped / peak : clipped;
}

}  // namespace

struct Classifier::Impl {
  ClassifierModelInfo model;
  std::unique_ptr<detail::ClassifierBackend> backend;
  int threads = 1;

  void applyThreads() const {
    if (at::get_num_threads() != threads) at::set_num_threads(threads);
  }
  Expected<Classification> run(const Image& image, const ClassifyOptions& options);
};

Classifier::Classifier() : d(std::make_unique<Impl>()) {}
Classifier::~Classifier() = default;

Expected<std::unique_ptr<Classifier>> Classifier::load(const ClassifierConfig& config) {
  if (config.threads < 0) return fail(ErrorCode::InvalidArgument, "the thread count must be 0 (all cores) or more");
  auto info = resolveClassifierModel(config.model);
  if (!info) return tl::unexpected(info.error());
  std::unique_ptr<Classifier> classifier(new Classifier());
  Impl& impl = *classifier->d;
  impl.threads =
      config.threads > 0 ? config.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl.applyThreads();
  auto backend = detail::loadClassifierBackend(*info);
  if (!backend) return tl::unexpected(backend.error());
  impl.model = std::move(*info);
  impl.backend = std::move(*backend);
  return classifier;
}

const ClassifierModelInfo& Classifier::model() const {
  return d->model;
}

std::string Classifier::device() const {
  return "cpu (" + std::to_string(d->threads) + (d->threads == 1 ? " thread)" : " threads)");
}

Expected<Classification> Classifier::classify(const Image& image, const ClassifyOptions& options) {
  try {
    return d->run(image, options);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    return fail(ErrorCode::Internal, "classification failed: " + what.substr(0, what.find('\n')), d->model.path);
  }
}

Expected<Classification> Classifier::Impl::run(const Image& image, const ClassifyOptions& options) {
  const auto started = Clock::now();
  applyThreads();
  auto prepared = detail::prepareInput(image, model.preprocessing);
  if (!prepared) return tl::unexpected(prepared.error());
  const at::Tensor x = detail::standardise(prepared->unit, model.preprocessing);

  Classification result;
  at::Tensor outputs;
  at::Tensor heat;  // on the network input grid, (1,1,H,W)
  const bool gradCam = options.saliency && model.saliencyMethod == "grad-cam" && backend->hasFeatureSplit();
  if (!options.saliency) {
    c10::InferenceMode guard;
    outputs = backend->forward(x);
  } else if (gradCam) {
    // Grad-CAM (Selvaraju et al. 2017): weight each feature map by the mean
    // gradient of the class score over it, sum, ReLU, upsample.
    at::Tensor features;
    {
      at::NoGradGuard noGrad;
      features = backend->features(x);
    }
    features = features.detach().requires_grad_(true);
    at::AutoGradMode enable(true);
    outputs = backend->head(features);
    const auto predicted = outputs.argmax(1).item<std::int64_t>();
    const at::Tensor score =
        model.outputsProbabilities ? outputs[0][predicted].clamp_min(1e-12).log() : outputs[0][predicted];
    const at::Tensor grad = torch::autograd::grad({score}, {features})[0];
    const at::Tensor weights = grad.mean({2, 3}, /*keepdim=*/true);
    const at::Tensor cam = (weights * features).sum(1, /*keepdim=*/true).clamp_min(0.0).detach();
    heat = torch::nn::functional::interpolate(cam, torch::nn::functional::InterpolateFuncOptions()
                                                       .size(std::vector<std::int64_t>{x.size(2), x.size(3)})
                                                       .mode(torch::kBilinear)
                                                       .align_corners(false));
    outputs = outputs.detach();
  } else {
    // Plug-ins without a features/head split: the input gradient's magnitude
    // (Simonyan et al. 2014), smoothed so that it reads as a heat map.
    const at::Tensor input = x.detach().clone().requires_grad_(true);
    at::AutoGradMode enable(true);
    outputs = backend->forward(input);
    const auto predicted = outputs.argmax(1).item<std::int64_t>();
    const at::Tensor score =
        model.outputsProbabilities ? outputs[0][predicted].clamp_min(1e-12).log() : outputs[0][predicted];
    const at::Tensor grad = torch::autograd::grad({score}, {input})[0];
    namespace F = torch::nn::functional;
    const auto smooth = F::AvgPool2dFuncOptions(7).stride(1).padding(3).count_include_pad(false);
    heat = F::avg_pool2d(F::avg_pool2d(grad.abs().amax(1, /*keepdim=*/true), smooth), smooth).detach();
    outputs = outputs.detach();
  }

  const at::Tensor probs = (model.outputsProbabilities ? outputs : outputs.softmax(1))[0].to(at::kDouble).contiguous();
  if (!probs.isfinite().all().item<bool>()) {
    return fail(ErrorCode::Internal, "the network returned NaN or infinite values", model.weightsPath);
  }
  const double* p = probs.data_ptr<double>();
  double total = 0.0;
  for (std::size_t i = 0; i < model.labels.size(); ++i) total += p[i];
  for (std::size_t i = 0; i < model.labels.size(); ++i) {
    result.probabilities.push_back({model.labels[i], total > 0.0 ? p[i] / total : 0.0});
  }
  const auto best = std::max_element(result.probabilities.begin(), result.probabilities.end(),
                                     [](const auto& a, const auto& b) { return a.probability < b.probability; });
  result.labelIndex = static_cast<int>(best - result.probabilities.begin());
  result.label = best->label;
  result.probability = best->probability;

  if (heat.defined()) {
    const at::Tensor onImage = detail::toImageGrid(heat, prepared->placement, image.width, image.height);
    result.saliency = toImage(normaliseHeat(onImage)[0][0]);
    result.saliencyMethod = gradCam ? "grad-cam" : "input-gradient";
    if (gradCam != (model.saliencyMethod == "grad-cam")) {
      prepared->notes.push_back(
          "saliency: input gradient instead of Grad-CAM (the network has no features/head split)");
    }
    if (result.saliency->minMax().second <= 0.0f) {
      prepared->notes.push_back("saliency: the map is zero everywhere (no region raises the predicted class)");
    }
  }

  const auto check =
      checkDistribution(model, options.kind, image.meta.modality, image.channels == 3 && !image.isGreyStoredAsRgb());
  result.kind = check.kind;
  result.outOfDistribution = check.outOfDistribution;
  result.note = check.note;
  const StructureCheck structure = checkStructure(image);
  result.neighbourCorrelation = structure.neighbourCorrelation;
  result.noStructure = structure.noStructure;
  if (structure.noStructure) {
    std::ostringstream r;
    r << std::fixed << std::setprecision(2) << *structure.neighbourCorrelation;
    result.outOfDistribution = true;
    result.note = "the image shows no structure (neighbouring pixels are uncorrelated, r = " + r.str() +
                  "): it looks like noise or a corrupted file, not a picture of anatomy, and the probabilities "
                  "mean nothing";
  }
  result.notes = std::move(prepared->notes);
  result.model = model.displayName();
  result.modelName = model.name;
  result.modelVersion = model.version;
  result.modelSha256 = model.sha256;
  result.device = "cpu (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
  result.ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  return result;
}

}  // namespace edgefuse
