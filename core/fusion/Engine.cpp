// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/Engine.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "core/fusion/Baselines.h"
#include "core/fusion/detail/Network.h"
#include "core/fusion/detail/Strategies.h"
#include "core/fusion/detail/Weights.h"
#include "core/image/Color.h"

#ifdef EDGEFUSE_WITH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif

namespace edgefuse {
namespace {

// LibTorch parallelises over its own OpenMP threads. A threaded OpenBLAS
// underneath (Debian's default, libopenblas0-pthread) starts threads of its
// own inside each LAPACK call: for SFNN's batched SVDs of 256×256 matrices
// they only oversubscribe the cores (160-210 ms on 2 cores instead of about
// 90 ms with one BLAS thread, docs/performance.md). The strategy step runs
// with one OpenBLAS thread and the previous count is restored afterwards, so
// that the rest of the process keeps its own setting. Nothing happens when
// the BLAS is not OpenBLAS (e.g. MKL on a CUDA machine).
class OneBlasThread {
 public:
  OneBlasThread() {
    if (functions().set && functions().get) {
      m_before = functions().get();
      if (m_before != 1) functions().set(1);
    }
  }
  ~OneBlasThread() {
    if (m_before > 1) functions().set(m_before);
  }
  OneBlasThread(const OneBlasThread&) = delete;
  OneBlasThread& operator=(const OneBlasThread&) = delete;

 private:
  struct Functions {
    void (*set)(int) = nullptr;
    int (*get)() = nullptr;
  };
  static const Functions& functions() {
    static const Functions f = [] {
      Functions out;
      out.set = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
      out.get = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
      return out;
    }();
    return f;
  }
  int m_before = 0;
};

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Largest image the network path accepts: activations of a 1024×1024 pair
// already take several GB on the CPU.
constexpr std::int64_t kMaxNetworkPixels = 1024 * 1024;
constexpr int kMinSide = 8;

// One source prepared for the network: grey [0,1], plus chroma when it was colour.
struct PreparedSource {
  Image unit;                   // grey or Y, normalised to [0,1]
  std::optional<Image> cb, cr;  // [0,1] data, offset 0.5, when the source was colour
};

struct PreparedPair {
  PreparedSource a, b;
  int width = 0, height = 0;  // original size
  int paddedWidth = 0, paddedHeight = 0;
  std::vector<std::string> notes;
};

Expected<PreparedSource> prepareSource(const Image& image, Normalization mode, const char* label,
                                       std::vector<std::string>& notes) {
  PreparedSource out;
  if (image.channels == 1) {
    std::vector<std::string> n;
    out.unit = normalizeToUnit(image, mode, &n);
    for (auto& s : n) notes.push_back(std::string(label) + ": " + s);
    return out;
  }
  if (image.channels != 3) {
    return fail(ErrorCode::UnsupportedFormat,
                std::string(label) + " has " + std::to_string(image.channels) + " channels; expected 1 or 3");
  }
  if (image.isGreyStoredAsRgb()) {
    notes.push_back(std::string(label) + ": grey image stored as RGB, used as grey");
    std::vector<std::string> n;
    out.unit = normalizeToUnit(image.channel(0), mode, &n);
    for (auto& s : n) notes.push_back(std::string(label) + ": " + s);
    return out;
  }
  // Colour functional image: full-range BT.601 YCbCr on the nominal range;
  // only Y is fused, Cb/Cr are re-attached afterwards.
  Image rgb01 = normalizeToUnit(image, Normalization::Range);
  YCbCr planes = rgbToYCbCr(rgb01, 0.5f);
  std::vector<std::string> n;
  Image y = planes.y;
  y.meta.nominalMin = 0.0;
  y.meta.nominalMax = 1.0;
  out.unit = normalizeToUnit(y, mode, &n);
  for (auto& s : n) notes.push_back(std::string(label) + " (Y): " + s);
  out.cb = std::move(planes.cb);
  out.cr = std::move(planes.cr);
  notes.push_back(std::string(label) +
                  ": colour image: its Y channel (BT.601 full range) was fused and its Cb/Cr re-attached");
  return out;
}

Image padToEven(const Image& image, int width, int height) {
  if (image.width == width && image.height == height) return image;
  Image out(width, height, image.channels);
  out.meta = image.meta;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < image.channels; ++c) {
        out.at(x, y, c) = image.at(std::min(x, image.width - 1), std::min(y, image.height - 1), c);
      }
    }
  }
  return out;
}

Image crop(const Image& image, int width, int height) {
  if (image.width == width && image.height == height) return image;
  Image out(width, height, image.channels);
  out.meta = image.meta;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < image.channels; ++c) out.at(x, y, c) = image.at(x, y, c);
    }
  }
  return out;
}

at::Tensor toTensor(const Image& grey) {
  return at::from_blob(const_cast<float*>(grey.pixels.data()), {1, 1, grey.height, grey.width}, at::kFloat).clone();
}

Image toImage(const at::Tensor& t, const ImageMeta& meta) {
  const at::Tensor cpu = t.detach().to(at::kCPU, at::kFloat).contiguous();
  Image out(static_cast<int>(cpu.size(-1)), static_cast<int>(cpu.size(-2)), 1);
  std::copy(cpu.data_ptr<float>(), cpu.data_ptr<float>() + out.pixels.size(), out.pixels.begin());
  out.meta = meta;
  return out;
}

bool cancelled(const std::atomic<bool>* cancel) {
  return cancel && cancel->load();
}

}  // namespace

std::string libtorchVersion() {
  return TORCH_VERSION;
}

std::string DeviceInfo::describe() const {
  if (type == "cuda") return "cuda:0 (" + name + ")";
  return "cpu (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
}

struct Engine::Impl {
  EngineConfig config;
  DeviceInfo device;
  at::Device torchDevice{at::kCPU};
  ModelInfo model;
  std::optional<detail::FusionNetwork> network;
  std::optional<Error> modelError;  ///< why no network was loaded

  /// The error of a network request without a network: the load error,
  /// not a generic "not found" (issue 18: a damaged file was reported as missing).
  Error noNetwork() const {
    if (!modelError) return Error{ErrorCode::ModelNotFound, "no fusion model is loaded", ""};
    return Error{modelError->code, "no fusion model is loaded: " + modelError->message, modelError->context};
  }

  void applyThreads() const {
    if (torchDevice.is_cpu() && at::get_num_threads() != device.threads) at::set_num_threads(device.threads);
  }

  Expected<PreparedPair> prepare(const Image& a, const Image& b, Normalization mode, bool forNetwork) const;
  Expected<std::vector<FusionResult>> run(std::vector<PreparedPair>& pairs, const FusionOptions& options,
                                          const ProgressCallback& progress, const std::atomic<bool>* cancel,
                                          int batchSize);
};

Expected<PreparedPair> Engine::Impl::prepare(const Image& a, const Image& b, Normalization mode,
                                             bool forNetwork) const {
  if (a.empty() || b.empty()) return fail(ErrorCode::InvalidArgument, "an input image is empty");
  if (a.width != b.width || a.height != b.height) {
    return fail(ErrorCode::SizeMismatch, "image sizes differ: A is " + std::to_string(a.width) + "x" +
                                             std::to_string(a.height) + ", B is " + std::to_string(b.width) + "x" +
                                             std::to_string(b.height) +
                                             " (resample B to A's grid first; EdgeFuse never resamples silently)");
  }
  if (a.width < kMinSide || a.height < kMinSide) {
    return fail(ErrorCode::InvalidArgument,
                "images must be at least " + std::to_string(kMinSide) + "x" + std::to_string(kMinSide) + " pixels");
  }
  if (forNetwork && static_cast<std::int64_t>(a.width) * a.height > kMaxNetworkPixels) {
    return fail(ErrorCode::ImageTooLarge, "the network fuses images of at most 1024x1024 pixels (this pair is " +
                                              std::to_string(a.width) + "x" + std::to_string(a.height) +
                                              "); use a classical method or a downsampled copy");
  }
  PreparedPair pair;
  pair.width = a.width;
  pair.height = a.height;
  auto pa = prepareSource(a, mode, "A", pair.notes);
  if (!pa) return tl::unexpected(pa.error());
  auto pb = prepareSource(b, mode, "B", pair.notes);
  if (!pb) return tl::unexpected(pb.error());
  pair.a = std::move(*pa);
  pair.b = std::move(*pb);
  if (pair.a.cb && pair.b.cb) {
    pair.notes.push_back("both sources are colour: the colour of B was re-attached");
  }
  pair.paddedWidth = forNetwork ? (a.width + 1) / 2 * 2 : a.width;
  pair.paddedHeight = forNetwork ? (a.height + 1) / 2 * 2 : a.height;
  if (pair.paddedWidth != a.width || pair.paddedHeight != a.height) {
    pair.notes.push_back("odd size " + std::to_string(a.width) + "x" + std::to_string(a.height) +
                         ": padded by edge replication to " + std::to_string(pair.paddedWidth) + "x" +
                         std::to_string(pair.paddedHeight) + " for the network and cropped back");
  }
  return pair;
}

Expected<std::vector<FusionResult>> Engine::Impl::run(std::vector<PreparedPair>& pairs, const FusionOptions& options,
                                                      const ProgressCallback& progress, const std::atomic<bool>* cancel,
                                                      int batchSize) {
  const bool useNetwork = options.method == Method::Network;
  const BnMode bnMode = options.bnMode.value_or(model.bnMode);
  const Normalization normalization = options.normalization.value_or(model.normalization);
  if (batchSize <= 0) batchSize = torchDevice.is_cuda() ? 16 : 1;
  std::vector<FusionResult> results(pairs.size());
  const std::size_t total = pairs.size();

  std::size_t end = 0;
  for (std::size_t start = 0; start < total; start = end) {
    if (cancelled(cancel)) return fail(ErrorCode::Cancelled, "fusion cancelled");
    // A chunk holds consecutive pairs of one size.
    end = std::min(total, start + static_cast<std::size_t>(batchSize));
    for (std::size_t i = start + 1; i < end; ++i) {
      if (pairs[i].paddedWidth != pairs[start].paddedWidth || pairs[i].paddedHeight != pairs[start].paddedHeight) {
        end = i;
        break;
      }
    }
    const std::size_t n = end - start;
    std::vector<Image> fusedLuma(n);
    std::vector<std::optional<std::pair<double, double>>> weights(n);
    std::vector<StageTiming> timings;
    auto report = [&](const std::string& stage, double withinChunk) {
      if (progress) progress(stage, (static_cast<double>(start) + withinChunk * static_cast<double>(n)) / total);
    };

    if (useNetwork) {
      c10::InferenceMode inferenceGuard;
      applyThreads();
      auto t0 = Clock::now();
      std::vector<at::Tensor> inputs;
      for (std::size_t i = start; i < end; ++i) {
        inputs.push_back(toTensor(padToEven(pairs[i].a.unit, pairs[i].paddedWidth, pairs[i].paddedHeight)));
      }
      for (std::size_t i = start; i < end; ++i) {
        inputs.push_back(toTensor(padToEven(pairs[i].b.unit, pairs[i].paddedWidth, pairs[i].paddedHeight)));
      }
      const at::Tensor batch = at::cat(inputs, 0).to(torchDevice);
      report("encode", 0.05);
      const auto bnUse = bnMode == BnMode::Running ? detail::BnUse::Running : detail::BnUse::PerImage;
      const at::Tensor features = network->encodeInference(batch, bnUse);
      const at::Tensor fa = features.slice(0, 0, static_cast<std::int64_t>(n));
      const at::Tensor fb = features.slice(0, static_cast<std::int64_t>(n), static_cast<std::int64_t>(2 * n));
      if (torchDevice.is_cuda()) features.sum().item<float>();  // finish the queue so the stage timing is real
      timings.push_back({"encode", msSince(t0)});
      if (cancelled(cancel)) return fail(ErrorCode::Cancelled, "fusion cancelled");
      report("fuse", 0.7);
      auto t1 = Clock::now();
      std::vector<std::pair<double, double>> scalarWeights;
      const at::Tensor fused = [&] {
        OneBlasThread oneBlasThread;
        return detail::fuseFeatures(options.strategy, fa, fb, &scalarWeights);
      }();
      timings.push_back({"fuse", msSince(t1)});
      report("decode", 0.8);
      auto t2 = Clock::now();
      const at::Tensor decoded = network->decode(fused).clamp(0.0, 1.0).cpu();
      timings.push_back({"decode", msSince(t2)});
      for (std::size_t k = 0; k < n; ++k) {
        const PreparedPair& p = pairs[start + k];
        fusedLuma[k] = crop(toImage(decoded[static_cast<std::int64_t>(k)], p.a.unit.meta), p.width, p.height);
        if (k < scalarWeights.size()) weights[k] = scalarWeights[k];
      }
    } else {
      auto t0 = Clock::now();
      for (std::size_t k = 0; k < n; ++k) {
        const PreparedPair& p = pairs[start + k];
        switch (options.method) {
          case Method::Average:
            fusedLuma[k] = fuseAverage(p.a.unit, p.b.unit);
            break;
          case Method::Max:
            fusedLuma[k] = fuseMaximum(p.a.unit, p.b.unit);
            break;
          case Method::Laplacian:
            fusedLuma[k] = fuseLaplacianPyramid(p.a.unit, p.b.unit);
            break;
          case Method::Network:
            break;
        }
      }
      timings.push_back({"fuse", msSince(t0)});
    }

    for (std::size_t k = 0; k < n; ++k) {
      PreparedPair& p = pairs[start + k];
      FusionResult& r = results[start + k];
      r.fusedLuma = fusedLuma[k];
      r.fusedLuma.meta = ImageMeta{};
      r.fusedLuma.meta.format = "generated";
      r.fusedLuma.meta.nominalMin = 0.0;
      r.fusedLuma.meta.nominalMax = 1.0;
      const PreparedSource* colour = p.b.cb ? &p.b : (p.a.cb ? &p.a : nullptr);
      if (colour) {
        r.colour = true;
        r.fused = yCbCrToRgb(r.fusedLuma, *colour->cb, *colour->cr, 0.5f);
        for (float& v : r.fused.pixels) v = std::clamp(v, 0.0f, 1.0f);
      } else {
        r.fused = r.fusedLuma;
      }
      r.inputA = std::move(p.a.unit);
      r.inputB = std::move(p.b.unit);
      if (weights[k]) {
        r.weightA = weights[k]->first;
        r.weightB = weights[k]->second;
      }
      r.timings = timings;
      if (n > 1) {
        for (auto& t : r.timings) t.ms /= static_cast<double>(n);
      }
      r.device = device.describe();
      r.model = useNetwork ? model.displayName() : "none";
      r.modelName = useNetwork ? model.name : "none";
      r.modelVersion = useNetwork ? model.version : "";
      r.modelSha256 = useNetwork ? model.sha256 : "";
      r.method = methodName(options.method);
      r.strategy = useNetwork ? strategyName(options.strategy) : "";
      r.bnMode = useNetwork ? bnModeName(bnMode) : "";
      r.normalization = normalizationName(normalization);
      r.notes = std::move(p.notes);
      if (!device.reason.empty() && useNetwork) r.notes.push_back(device.reason);
    }
    report("done", 1.0);
  }
  return results;
}

Engine::Engine() : d(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

Expected<std::unique_ptr<Engine>> Engine::create(const EngineConfig& config) {
  std::unique_ptr<Engine> engine(new Engine());
  Impl& impl = *engine->d;
  impl.config = config;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl.device.threads = config.threads > 0 ? config.threads : cores;
  const bool cudaAvailable = at::hasCUDA();
  switch (config.device) {
    case DevicePreference::Cuda:
      if (!cudaAvailable) {
        return fail(ErrorCode::DeviceUnavailable,
                    "CUDA was requested but is not available (this LibTorch build has no CUDA support or no GPU "
                    "was found); use --device cpu or auto");
      }
      impl.torchDevice = at::Device(at::kCUDA, 0);
      impl.device.reason = "device: cuda (requested)";
      break;
    case DevicePreference::Cpu:
      impl.device.reason = "";
      break;
    case DevicePreference::Auto:
      if (cudaAvailable) {
        impl.torchDevice = at::Device(at::kCUDA, 0);
        impl.device.reason = "";
      } else {
        impl.device.reason = "device: CPU, because no CUDA GPU is available to this LibTorch build";
      }
      break;
  }
  if (impl.torchDevice.is_cuda()) {
    impl.device.type = "cuda";
#ifdef EDGEFUSE_WITH_CUDA
    impl.device.name = at::cuda::getDeviceProperties(0)->name;
#else
    impl.device.name = "CUDA device 0";
#endif
  } else {
    impl.device.type = "cpu";
    impl.device.name = "CPU";
    impl.applyThreads();
  }
  auto loaded = detail::loadModel(config.model);
  if (loaded) {
    impl.model = std::move(loaded->first);
    impl.network.emplace(std::move(loaded->second));
    impl.network->to(impl.torchDevice);
    impl.network->prepareInference();
  } else if (config.requireModel) {
    return tl::unexpected(loaded.error());
  } else {
    impl.model.name = "none";
    impl.model.version = "";
    impl.modelError = loaded.error();
  }
  return engine;
}

const DeviceInfo& Engine::device() const {
  return d->device;
}
const ModelInfo& Engine::model() const {
  return d->model;
}
bool Engine::hasModel() const {
  return d->network.has_value();
}
const std::optional<Error>& Engine::modelLoadError() const {
  return d->modelError;
}

Expected<FusionResult> Engine::fuse(const Image& a, const Image& b, const FusionOptions& options,
                                    const ProgressCallback& progress, const std::atomic<bool>* cancel) {
  auto results = fuseBatch({{a, b}}, options, progress, cancel, 1);
  if (!results) return tl::unexpected(results.error());
  return std::move(results->front());
}

Expected<std::vector<FusionResult>> Engine::fuseBatch(const std::vector<std::pair<Image, Image>>& pairs,
                                                      const FusionOptions& options, const ProgressCallback& progress,
                                                      const std::atomic<bool>* cancel, int batchSize) {
  const auto started = Clock::now();
  const bool useNetwork = options.method == Method::Network;
  if (useNetwork && !d->network) return tl::unexpected(d->noNetwork());
  const Normalization normalization = options.normalization.value_or(d->model.normalization);
  if (progress) progress("prepare", 0.0);
  std::vector<PreparedPair> prepared;
  prepared.reserve(pairs.size());
  const auto t0 = Clock::now();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (cancelled(cancel)) return fail(ErrorCode::Cancelled, "fusion cancelled");
    auto p = d->prepare(pairs[i].first, pairs[i].second, normalization, useNetwork);
    if (!p) {
      if (pairs.size() > 1) p.error().context = "pair " + std::to_string(i + 1);
      return tl::unexpected(p.error());
    }
    prepared.push_back(std::move(*p));
  }
  const double prepareMs = msSince(t0) / static_cast<double>(std::max<std::size_t>(1, pairs.size()));
  Expected<std::vector<FusionResult>> results = [&]() -> Expected<std::vector<FusionResult>> {
    try {
      return d->run(prepared, options, progress, cancel, batchSize);
    } catch (const std::exception& e) {
      const std::string what = e.what();
      if (what.find("out of memory") != std::string::npos || what.find("bad_alloc") != std::string::npos) {
        return fail(ErrorCode::ImageTooLarge, "out of memory while fusing: " + what.substr(0, what.find('\n')));
      }
      return fail(ErrorCode::Internal, "fusion failed: " + what.substr(0, what.find('\n')));
    }
  }();
  if (!results) return results;
  const double totalMs = msSince(started) / static_cast<double>(std::max<std::size_t>(1, pairs.size()));
  for (auto& r : *results) {
    r.timings.insert(r.timings.begin(), StageTiming{"prepare", prepareMs});
    r.totalMs = totalMs;
  }
  return results;
}

Expected<FeatureMap> Engine::encode(const Image& unitImage, BnMode bnMode) {
  if (!d->network) return tl::unexpected(d->noNetwork());
  if (unitImage.channels != 1 || unitImage.width % 2 || unitImage.height % 2) {
    return fail(ErrorCode::InvalidArgument, "encode needs a grey image of even width and height");
  }
  c10::InferenceMode guard;
  d->applyThreads();
  const at::Tensor f =
      d->network
          ->encodeInference(toTensor(unitImage).to(d->torchDevice),
                            bnMode == BnMode::Running ? detail::BnUse::Running : detail::BnUse::PerImage)
          .cpu()
          .contiguous();
  FeatureMap out;
  out.channels = static_cast<int>(f.size(1));
  out.height = static_cast<int>(f.size(2));
  out.width = static_cast<int>(f.size(3));
  out.values.assign(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
  return out;
}

}  // namespace edgefuse
