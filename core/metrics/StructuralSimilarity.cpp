// SSIM and MS-SSIM.

#include <algorithm>
#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/SsimKernels.h"

namespace edgefuse {

namespace metrics_detail {

namespace {

constexpr double kC1 = 0.01 * 0.01;  // (K1·L)², L = 1
constexpr double kC2 = 0.03 * 0.03;  // (K2·L)²

}  // namespace

SsimMoments ssimMoments(const Plane& x) {
  static const std::vector<double> kernel = gaussianKernel(kSsimWindow, 1.5);
  return {filterValid(x, kernel), filterValid(multiply(x, x), kernel)};
}

SsimStats ssimStats(const Plane& x, const SsimMoments& mx, const Plane& y, const SsimMoments& my) {
  static const std::vector<double> kernel = gaussianKernel(kSsimWindow, 1.5);
  const Plane xy = filterValid(multiply(x, y), kernel);
  double sumSsim = 0.0, sumCs = 0.0;
  const std::size_t n = xy.size();
  for (std::size_t i = 0; i < n; ++i) {
    const double ux = mx.mean.v[i], uy = my.mean.v[i];
    const double vx = mx.meanOfSquares.v[i] - ux * ux;
    const double vy = my.meanOfSquares.v[i] - uy * uy;
    const double cov = xy.v[i] - ux * uy;
    const double luminance = (2.0 * ux * uy + kC1) / (ux * ux + uy * uy + kC1);
    const double cs = (2.0 * cov + kC2) / (vx + vy + kC2);
    sumSsim += luminance * cs;
    sumCs += cs;
  }
  return {sumSsim / static_cast<double>(n), sumCs / static_cast<double>(n)};
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
