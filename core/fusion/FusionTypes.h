// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"
#include "core/image/Normalize.h"

namespace edgefuse {

/// How the two encoded feature maps are combined (the authors' strategies).
enum class Strategy {
  Addition,  ///< fA + fB
  Average,   ///< (fA + fB) / 2
  Fer,       ///< feature energy ratio, elementwise: (fA²·fA + fB²·fB) / (fA² + fB²)
  L1nw,      ///< L1-norm weights, unnormalised as in the reference: ‖fA‖₁·fA + ‖fB‖₁·fB
  Al1nw,     ///< average L1-norm weights: (‖fA‖₁/2)·fA + (‖fB‖₁/2)·fB
  Fl1n,      ///< normalised L1-norm weights: (‖fA‖₁·fA + ‖fB‖₁·fB) / (‖fA‖₁ + ‖fB‖₁)
  Max,       ///< elementwise maximum
  Sfnn,      ///< softmax nuclear norm: channel softmax, per-channel nuclear norm, max², normalised
};

/// Which fusion method produces the image.
enum class Method {
  Network,    ///< encoder → strategy → decoder
  Average,    ///< pixel average of the normalised sources (baseline)
  Max,        ///< pixel maximum (baseline)
  Laplacian,  ///< Laplacian pyramid: max-abs detail, average base (baseline)
};

/// BatchNorm statistics used at inference.
enum class BnMode {
  Running,  ///< eval mode with the stored running statistics
  Batch,    ///< statistics of the single image being encoded (the authors' inference scripts)
};

/// Device choice of the engine.
enum class DevicePreference { Auto, Cpu, Cuda };

const char* strategyName(Strategy s);
const char* methodName(Method m);
const char* bnModeName(BnMode b);
const char* devicePreferenceName(DevicePreference d);
Expected<Strategy> parseStrategy(std::string_view text);
Expected<Method> parseMethod(std::string_view text);
Expected<BnMode> parseBnMode(std::string_view text);
Expected<Normalization> parseNormalization(std::string_view text);
Expected<DevicePreference> parseDevicePreference(std::string_view text);
/// All strategies, in documentation order.
std::vector<Strategy> allStrategies();

/// Parameters of one fusion. Plain values, safe to copy across threads.
struct FusionOptions {
  Method method = Method::Network;
  Strategy strategy = Strategy::Sfnn;
  /// BatchNorm mode; unset = the model's recommended mode (model.json `bn_mode`).
  std::optional<BnMode> bnMode;
  /// Input normalisation; unset = the model's recommended one (model.json `normalization`).
  std::optional<Normalization> normalization;
};

/// Wall time of one pipeline stage, in milliseconds.
struct StageTiming {
  std::string stage;
  double ms = 0.0;
};

/// What a fusion produced and how. Images are [0,1] floats.
struct FusionResult {
  Image fused;      ///< grey (1 channel) or RGB (3 channels) when a source was colour
  Image fusedLuma;  ///< the fused grey image or Y plane
  Image inputA;     ///< network input A after normalisation (grey or Y), [0,1]
  Image inputB;     ///< network input B after normalisation (grey or Y), [0,1]
  bool colour = false;
  /// Scalar source weights of strategies that have them (SFNN, FL1N, …).
  std::optional<double> weightA;
  std::optional<double> weightB;
  std::vector<StageTiming> timings;
  double totalMs = 0.0;
  std::string device;     ///< device actually used, e.g. "cpu (2 threads)"
  std::string model;      ///< model name and version for display, or "none" for baselines
  std::string modelName;  ///< e.g. "eh-dran" ("none" for baselines)
  std::string modelVersion;
  std::string modelSha256;
  std::string method;
  std::string strategy;
  std::string bnMode;
  std::string normalization;
  /// Everything done to the data that the user should know (padding,
  /// colour handling, device fallback, normalisation of constant images, …).
  std::vector<std::string> notes;
};

/// Progress report: stage name ("load", "encode", "fuse", "decode", …) and
/// overall fraction in [0,1]. Called on the thread that runs the fusion.
using ProgressCallback = std::function<void(const std::string& stage, double fraction)>;

}  // namespace edgefuse
