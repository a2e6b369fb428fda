// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/classify/ClassifierTypes.h"
#include "core/image/Image.h"

namespace edgefuse::detail {

/// Where the image lies inside the padded network input, in input pixels.
struct Placement {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

/// An image brought to the network's input grid, before standardisation.
struct PreparedInput {
  at::Tensor unit;  ///< (1, 1 or 3, H, W) float in [0,1] (padding = padValue)
  Placement placement;
  std::vector<std::string> notes;  ///< what was done (luma, resize, padding, clamping)
};

/// Colour → luma (for one-channel models), intensity scaling to [0,1],
/// resize with the aspect ratio kept (antialiased when shrinking), centred
/// padding. The same function prepares training images and images to
/// classify, so that both see identical inputs.
Expected<PreparedInput> prepareInput(const Image& image, const ClassifierPreprocessing& p);

/// (N, 1 or C, H, W) unit tensor → (N, C, H, W) network input: the grey
/// channel repeated to C channels when needed, then (x − mean[c]) / std[c].
at::Tensor standardise(const at::Tensor& unit, const ClassifierPreprocessing& p);

/// A (1,1,h,w) map on the network input grid → the image's own grid
/// (`width`×`height`): crop `placement`, resize bilinearly.
at::Tensor toImageGrid(const at::Tensor& map, const Placement& placement, int width, int height);

}  // namespace edgefuse::detail
