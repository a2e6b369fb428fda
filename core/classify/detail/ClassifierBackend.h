// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <memory>
#include <string>

#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"
#include "core/classify/detail/SmallResNet.h"

namespace edgefuse::detail {

/// A loaded classifier network, in eval mode: EdgeFuse's own SmallResNet or a
/// TorchScript plug-in. Not thread-safe.
class ClassifierBackend {
 public:
  virtual ~ClassifierBackend() = default;
  /// Outputs (N, labels) for a standardised input (N, C, H, W): logits, or
  /// probabilities when the manifest says so.
  virtual at::Tensor forward(const at::Tensor& x) = 0;
  /// Whether features()/head() exist (Grad-CAM).
  virtual bool hasFeatureSplit() const = 0;
  /// Last convolutional feature maps (N, K, h, w).
  virtual at::Tensor features(const at::Tensor& x) = 0;
  /// Outputs from those feature maps.
  virtual at::Tensor head(const at::Tensor& features) = 0;
};

/// Loads and checks the network of a resolved model: the tensors against
/// the architecture, and a forward pass of a zero input of the manifest's
/// shape, whose output must have one value per label.
Expected<std::unique_ptr<ClassifierBackend>> loadClassifierBackend(const ClassifierModelInfo& model);

/// Fields of a native ("resnet-small") model folder besides the weights.
struct NativeModelCard {
  std::string name;
  std::string version;
  std::string description;
  std::vector<std::string> labels;
  ClassifierPreprocessing preprocessing;
  /// Further model.json fields as a JSON object text (training_data,
  /// training, metrics, model_card, …), merged in.
  std::string extraJson = "{}";
  /// Store floating-point tensors as float16 (half the file size; the
  /// network still computes in float32). Measure the model after
  /// roundToHalf() so that its metrics describe the stored weights.
  bool halfPrecision = false;
};

/// Rounds every floating-point tensor of the network to float16 precision
/// (kept as float32), as saveNativeModelFolder with halfPrecision stores it.
void roundToHalf(SmallResNet& network);

/// Writes a native model folder: weights.pt (the state dict, torch::pickle_save)
/// and model.json with its sha256, each atomically. Returns the sha256.
Expected<std::string> saveNativeModelFolder(const std::string& dir, const SmallResNet& network,
                                            const NativeModelCard& card);

}  // namespace edgefuse::detail
