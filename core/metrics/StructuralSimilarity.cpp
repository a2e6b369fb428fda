// SPDX-License-Identifier: GPL-3.0-or-later
// SSIM and MS-SSIM.

#include <algorithm>
#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/LaneSum.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/SsimKernels.h"
#include "core/metrics/detail/VectorClones.h"

namespace edgefuse {

namespace metrics_detail {

namespace {

constexpr double kC1 = 0.01 * 0.01;  // (K1·L)², L = 1
constexpr double kC2 = 0.03 * 0.03;  // (K2·L)²

/// The SSIM and contrast-structure terms of n pixels from the local moments.
EDGEFUSE_VECTOR_CLONES void ssimTerms(const double* __restrict meanX, const double* __restrict meanSquaresX,
                                      const double* __restrict meanY, const double* __restrict meanSquaresY,
                                      const double* __restrict meanXY, int n, double* __restrict ssim,
                                      double* __restrict cs) {
  for (int i = 0; i < n; ++i) {
    const double ux = meanX[i], uy = meanY[i];
    const double vx = meanSquaresX[i] - ux * ux;
    const double vy = meanSquaresY[i] - uy * uy;
    const double cov = meanXY[i] - ux * uy;
    const double luminance = (2.0 * ux * uy + kC1) / (ux * ux + uy * uy + kC1);
    cs[i] = (2.0 * cov + kC2) / (vx + vy + kC2);
    ssim[i] = luminance * cs[i];
  }
}

}  // namespace

SsimMoments ssimMoments(const Plane& x) {
  static const std::vector<double> kernel = gaussianKernel(kSsimWindow, 1.5);
  return {filterValid(x, kernel), filterValid(multiply(x, x), kernel)};
}

SsimStats ssimStats(const Plane& x, const SsimMoments& mx, const Plane& y, const SsimMoments& my) {
  static const std::vector<double> kernel = gaussianKernel(kSsimWindow, 1.5);
  const Plane xy = filterValid(multiply(x, y), kernel);
  LaneSum sumSsim, sumCs;
  double ssim[kLaneSumBlock], cs[kLaneSumBlock];
  const std::size_t n = xy.size();
  for (std::size_t first = 0; first < n; first += kLaneSumBlock) {
    const int count = static_cast<int>(std::min<std::size_t>(kLaneSumBlock, n - first));
    ssimTerms(&mx.mean.v[first], &mx.meanOfSquares.v[first], &my.mean.v[first], &my.meanOfSquares.v[first],
              &xy.v[first], count, ssim, cs);
    sumSsim.add(ssim, count);
    sumCs.add(cs, count);
  }
  return {sumSsim.total() / static_cast<double>(n), sumCs.total() / static_cast<double>(n)};
}

Plane downsampleByTwo(const Plane& in) {
  // msssim.m: imfilter(ones(2)/4, 'symmetric', 'same') then every second pixel.
  const int w = (in.width + 1) / 2, h = (in.height + 1) / 2;
  Plane out(w, h, Uninitialized{});
  for (int y = 0; y < h; ++y) {
    const int y0 = 2 * y, y1 = std::min(2 * y + 1, in.height - 1);
    for (int x = 0; x < w; ++x) {
      const int x0 = 2 * x, x1 = std::min(2 * x + 1, in.width - 1);
      out.at(x, y) = (in.at(x0, y0) + in.at(x1, y0) + in.at(x0, y1) + in.at(x1, y1)) / 4.0;
    }
  }
  return out;
}

int msSsimScales(int width, int height) {
  int scales = 1;
  int w = width, h = height;
  while (scales < kMsSsimMaxScales) {
    const int nw = (w + 1) / 2, nh = (h + 1) / 2;
    if (std::min(nw, nh) < kSsimWindow) break;
    w = nw;
    h = nh;
    ++scales;
  }
  return scales;
}

double msSsimFromStats(const std::vector<SsimStats>& perScale) {
  static const double weights[kMsSsimMaxScales] = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
  const std::size_t m = perScale.size();
  double weightSum = 0.0;
  for (std::size_t j = 0; j < m; ++j) weightSum += weights[j];
  double value = 1.0;
  for (std::size_t j = 0; j < m; ++j) {
    const double term = j + 1 < m ? perScale[j].cs : perScale[j].ssim;
    value *= std::pow(std::max(term, 0.0), weights[j] / weightSum);
  }
  return value;
}

}  // namespace metrics_detail

using namespace metrics_detail;

Expected<double> ssim(const Image& x, const Image& y) {
  if (auto ok = checkInputs({&x, &y}, kSsimWindow, "ssim"); !ok) return tl::unexpected(ok.error());
  const Plane px = toPlane(x), py = toPlane(y);
  return ssimStats(px, ssimMoments(px), py, ssimMoments(py)).ssim;
}

Expected<double> msSsim(const Image& x, const Image& y, MetricNotes* notes) {
  if (auto ok = checkInputs({&x, &y}, kSsimWindow, "ms_ssim"); !ok) return tl::unexpected(ok.error());
  const int scales = msSsimScales(x.width, x.height);
  if (scales < kMsSsimMaxScales && notes) {
    notes->push_back("ms_ssim: the image is too small for 5 scales; " + std::to_string(scales) +
                     " scale(s) used with their weights rescaled to sum 1");
  }
  Plane px = toPlane(x), py = toPlane(y);
  std::vector<SsimStats> stats;
  for (int s = 0; s < scales; ++s) {
    if (s > 0) {
      px = downsampleByTwo(px);
      py = downsampleByTwo(py);
    }
    stats.push_back(ssimStats(px, ssimMoments(px), py, ssimMoments(py)));
  }
  return msSsimFromStats(stats);
}

}  // namespace edgefuse
