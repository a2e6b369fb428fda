// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Phase congruency and the other pieces of FSIM, shared with computeMetrics.

#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse::metrics_detail {

constexpr int kPcScales = 4;
constexpr int kPcOrientations = 6;
constexpr int kFsimMinSide = 8;

/// How phaseCongruency transforms: the float FFT where the size is a power
/// of two (Auto), or always cv::dft in double (the reference for tests).
enum class PcPath { Auto, DoubleDft };

/// Phase congruency (Kovesi's PC_2 as FeatureSIM.m's phasecong) of an image
/// on the 0..255 scale. A constant image has PC 0 everywhere.
Plane phaseCongruency(const Plane& image255, PcPath path = PcPath::Auto);

/// FeatureSIM.m's gradient magnitude: 3×3 Scharr-type kernels /16, zero padding.
Plane fsimGradient(const Plane& image255);

/// Σ S_L·PCm / Σ PCm from the maps of two images; `undefined` is set when
/// neither image has phase congruency (the plain mean of S_L is returned).
double fsimFromMaps(const Plane& pc1, const Plane& g1, const Plane& pc2, const Plane& g2, bool* undefined);

}  // namespace edgefuse::metrics_detail
