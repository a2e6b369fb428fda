// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal pieces of FMI shared with computeMetrics.

#include <vector>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse::metrics_detail {

/// The feature map FMI compares (image in [0,1]).
Plane fmiFeatureMap(const Plane& image, FmiFeature feature);

/// Orthonormal 2-D DCT-II (MATLAB's dct2).
Plane dct2(const Plane& image);

/// Mean window FMI of each source feature map against the fused one.
std::vector<double> fmiMeans(const std::vector<const Plane*>& sources, const Plane& fused);

}  // namespace edgefuse::metrics_detail
