// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <random>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"

namespace edgefuse::detail {

/// Images of one split, prepared exactly as the Classifier prepares an image
/// (detail::prepareInput), before standardisation.
struct LabelledImages {
  at::Tensor images;   ///< (N, 1, H, W) float32 in [0,1]
  at::Tensor targets;  ///< (N) int64 class indices
  std::vector<std::string> files;
  std::vector<std::string> sha256;  ///< of each file's bytes (duplicate detection)
  std::vector<int> perClass;        ///< image count per label
  int adapted = 0;                  ///< images that were resized, padded or converted to grey
  /// Per image: no spatial structure (checkStructure), i.e. a noise file.
  std::vector<bool> noStructure;
};

/// The images at `index` (in that order), with their files, hashes and flags;
/// perClass counted anew.
LabelledImages selectImages(const LabelledImages& all, const std::vector<std::int64_t>& index, std::size_t labels);

/// Indices of the images with (`wanted` false) or without (`wanted` true) structure.
std::vector<std::int64_t> indicesWhereNoStructure(const LabelledImages& images, bool wanted);

/// The sub-folder names of `folder`, sorted (the default label order).
Expected<std::vector<std::string>> listLabelFolders(const std::string& folder);

/// Reads `folder`/<label>/* for each label (sorted file names; at most
/// `limitPerClass` per class when > 0). Unreadable files are errors naming the file.
Expected<LabelledImages> loadLabelledImages(const std::string& folder, const std::vector<std::string>& labels,
                                            const ClassifierPreprocessing& preprocessing, int limitPerClass);

/// Augmentation ranges (see ClassifierTrainingConfig).
struct AugmentSettings {
  bool flip = true;
  double rotationDeg = 15.0;
  double scale = 0.10;
  double translate = 0.06;
  double gamma = 1.3;
  double contrast = 0.15;
  double brightness = 0.08;
};

/// Random flip, rotation, zoom and shift (one bilinear resampling, the
/// border filled with `padValue`), then gamma, contrast and brightness, per
/// image; parameters drawn from `rng` so that a seed fixes them. Input and
/// output (N, 1, H, W) in [0,1].
at::Tensor augmentBatch(const at::Tensor& unit, const AugmentSettings& settings, float padValue, std::mt19937_64& rng);

}  // namespace edgefuse::detail
