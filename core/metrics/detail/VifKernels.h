// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal pieces of pixel-domain VIF shared with computeMetrics.

#include <vector>

#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse::metrics_detail {

constexpr int kVifScales = 4;
constexpr int kVifMinSide = 41;  // the smallest size whose coarsest scale keeps one pixel

/// One image's scales (0..255 units) with their local means and mean squares.
struct VifPyramid {
  Plane levels[kVifScales];
  Plane mean[kVifScales];
  Plane meanOfSquares[kVifScales];
};

/// The summed information terms of one reference/distorted pair.
struct VifSums {
  double numerator = 0.0;
  double denominator = 0.0;
};

/// The Gaussian window of scale 0..3 (17, 9, 5, 3 taps, σ = N/5).
const std::vector<double>& vifKernel(int scale);

VifPyramid vifPyramid(const Plane& image255);
VifSums vifSums(const VifPyramid& reference, const VifPyramid& distorted);

}  // namespace edgefuse::metrics_detail
