// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"
#include "core/image/Image.h"

namespace edgefuse {

/// A loaded image classifier (the shipped tumour classifier or a plug-in
/// model folder): per-class probabilities, the out-of-distribution note, and
/// the Grad-CAM saliency map of the predicted class. Runs on the CPU with an
/// explicit thread count (the network is small: a GPU transfer would cost
/// more than it saves). Create once and reuse. Not thread-safe: one thread
/// (e.g. the GUI's worker) owns it; results are plain values.
class Classifier {
 public:
  /// Resolves the model (see resolveClassifierModel), verifies its checksum,
  /// loads the network and checks that it takes the manifest's input shape
  /// and yields one output per label.
  static Expected<std::unique_ptr<Classifier>> load(const ClassifierConfig& config = {});
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  const ClassifierModelInfo& model() const;
  /// "cpu (N threads)".
  std::string device() const;

  /// Classifies one image in its stored units (any size, grey or RGB).
  Expected<Classification> classify(const Image& image, const ClassifyOptions& options = {});

 private:
  Classifier();
  struct Impl;
  std::unique_ptr<Impl> d;
};

}  // namespace edgefuse
