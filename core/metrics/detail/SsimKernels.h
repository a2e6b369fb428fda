// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal pieces of SSIM and MS-SSIM shared with computeMetrics.

#include <vector>

#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse::metrics_detail {

constexpr int kSsimWindow = 11;
constexpr int kMsSsimMaxScales = 5;

/// Gaussian-weighted local mean and mean of squares of one image ('valid').
struct SsimMoments {
  Plane mean;
  Plane meanOfSquares;
};

/// Mean SSIM and mean contrast-structure term of one pair at one scale.
struct SsimStats {
  double ssim = 0.0;
  double cs = 0.0;
};

SsimMoments ssimMoments(const Plane& x);
SsimStats ssimStats(const Plane& x, const SsimMoments& mx, const Plane& y, const SsimMoments& my);

/// msssim.m's downsampling: 2×2 mean with symmetric borders, every second pixel.
Plane downsampleByTwo(const Plane& in);

/// How many MS-SSIM scales fit (coarsest scale at least 11 pixels), at most 5.
int msSsimScales(int width, int height);

/// Π cs_j^w_j · ssim_M^w_M with the weights of the first M scales rescaled to sum 1.
double msSsimFromStats(const std::vector<SsimStats>& perScale);

}  // namespace edgefuse::metrics_detail
