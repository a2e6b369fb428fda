// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/Error.h"
#include "core/fusion/FusionTypes.h"
#include "core/fusion/ModelStore.h"
#include "core/image/Image.h"

namespace edgefuse {

/// How to build an engine.
struct EngineConfig {
  /// Model specification (see resolveModel): empty = shipped default.
  std::string model;
  DevicePreference device = DevicePreference::Auto;
  /// Intra-op CPU threads; 0 = all cores of the machine.
  int threads = 0;
  /// When false, a model that cannot be resolved is not an error: only the
  /// classical baselines are available (the CLI's --method average etc.).
  bool requireModel = true;
};

/// The device an engine computes on, and why it was chosen.
struct DeviceInfo {
  std::string type = "cpu";  ///< "cpu" or "cuda"
  std::string name;          ///< GPU name, or the CPU description
  int threads = 1;           ///< CPU intra-op threads
  std::string reason;        ///< why this device (e.g. "auto: this LibTorch has no CUDA support")
  /// "cpu (2 threads)" or "cuda:0 (NVIDIA H100 80GB HBM3)".
  std::string describe() const;
};

/// Per-pair encoder features, for tests and research tools (C×H×W floats).
struct FeatureMap {
  int channels = 0;
  int height = 0;
  int width = 0;
  std::vector<float> values;
};

/// Version of the LibTorch the engine was built with, e.g. "1.13.0".
std::string libtorchVersion();

/// Owns the compute device and the loaded fusion network; fuses image
/// pairs with any strategy, and the classical baselines. Create once (model
/// weights are loaded once) and reuse. Not thread-safe: one thread (the
/// fusion worker) owns it and calls everything; results are plain values.
class Engine {
 public:
  static Expected<std::unique_ptr<Engine>> create(const EngineConfig& config);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const DeviceInfo& device() const;
  /// The loaded model; `hasModel()` false when created without one.
  const ModelInfo& model() const;
  bool hasModel() const;
  /// Why the model could not be loaded (created with requireModel false);
  /// empty when it was. Network requests then fail with this error's code
  /// and reason.
  const std::optional<Error>& modelLoadError() const;

  /// Fuses A (anatomical) and B. Inputs in their stored units (any range),
  /// grey or RGB; see FusionResult for what comes back. `cancel` is checked
  /// between stages; a cancelled request returns ErrorCode::Cancelled.
  Expected<FusionResult> fuse(const Image& a, const Image& b, const FusionOptions& options,
                              const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

  /// Fuses many pairs (slices of a volume, an evaluation set). On a GPU the
  /// pairs are encoded `batchSize` at a time (0 = 16 on CUDA, 1 on CPU);
  /// progress is reported per pair and cancel checked between batches.
  Expected<std::vector<FusionResult>> fuseBatch(const std::vector<std::pair<Image, Image>>& pairs,
                                                const FusionOptions& options, const ProgressCallback& progress = {},
                                                const std::atomic<bool>* cancel = nullptr, int batchSize = 0);

  /// Encoder features of one normalised [0,1] grey image (even size).
  Expected<FeatureMap> encode(const Image& unitImage, BnMode bnMode);

 private:
  Engine();
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace edgefuse
