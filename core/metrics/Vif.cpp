// SPDX-License-Identifier: GPL-3.0-or-later
// Pixel-domain VIF (vifp_mscale.m).

#include <algorithm>
#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/FastLog.h"
#include "core/metrics/detail/LaneSum.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/VectorClones.h"
#include "core/metrics/detail/VifKernels.h"

namespace edgefuse {

namespace metrics_detail {

namespace {

constexpr double kNoiseVariance = 2.0;  // σn² on the 0..255 scale
constexpr double kTiny = 1e-10;
constexpr double kLog10Of2 = 0.30102999566398119521;

Plane subsampleByTwo(const Plane& in) {
  Plane out((in.width + 1) / 2, (in.height + 1) / 2, Uninitialized{});
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) out.at(x, y) = in.at(2 * x, 2 * y);
  }
  return out;
}

}  // namespace

const std::vector<double>& vifKernel(int scale) {
  static const std::vector<double> kernels[kVifScales] = {gaussianKernel(17, 17 / 5.0), gaussianKernel(9, 9 / 5.0),
                                                          gaussianKernel(5, 5 / 5.0), gaussianKernel(3, 3 / 5.0)};
  return kernels[scale];
}

VifPyramid vifPyramid(const Plane& image255) {
  VifPyramid p;
  Plane current = image255;
  for (int s = 0; s < kVifScales; ++s) {
    const std::vector<double>& k = vifKernel(s);
    if (s > 0) current = subsampleByTwo(filterValid(current, k));
    p.levels[s] = current;
    p.mean[s] = filterValid(current, k);
    p.meanOfSquares[s] = filterValid(multiply(current, current), k);
  }
  return p;
}

namespace {

/// vifp_mscale.m's per-pixel terms log10(1 + g²·σ1²/(σv² + σn²)) and
/// log10(1 + σ1²/σn²) of n pixels, branch-free (its conditions in its order,
/// as selects) so that the loop vectorises; log10 as log2 (error below
/// 1e-12) times log10 2.
EDGEFUSE_VECTOR_CLONES void vifTerms(const double* __restrict cross, const double* __restrict mu1,
                                     const double* __restrict mu2, const double* __restrict meanSquares1,
                                     const double* __restrict meanSquares2, int n, double* __restrict numerator,
                                     double* __restrict denominator) {
  for (int i = 0; i < n; ++i) {
    double s1 = std::max(meanSquares1[i] - mu1[i] * mu1[i], 0.0);
    const double s2 = std::max(meanSquares2[i] - mu2[i] * mu2[i], 0.0);
    const double s12 = cross[i] - mu1[i] * mu2[i];
    double g = s12 / (s1 + kTiny);
    double sv = s2 - g * s12;
    const bool flatReference = s1 < kTiny;
    g = flatReference ? 0.0 : g;
    sv = flatReference ? s2 : sv;
    s1 = flatReference ? 0.0 : s1;
    const bool flatDistorted = s2 < kTiny;
    g = flatDistorted ? 0.0 : g;
    sv = flatDistorted ? 0.0 : sv;
    const bool negative = g < 0.0;
    sv = negative ? s2 : sv;
    g = negative ? 0.0 : g;
    sv = sv <= kTiny ? kTiny : sv;
    numerator[i] = kLog10Of2 * log2Vectorisable(1.0 + g * g * s1 / (sv + kNoiseVariance));
    denominator[i] = kLog10Of2 * log2Vectorisable(1.0 + s1 / kNoiseVariance);
  }
}

}  // namespace

VifSums vifSums(const VifPyramid& ref, const VifPyramid& dist) {
  LaneSum numerator, denominator;
  double num[kLaneSumBlock], den[kLaneSumBlock];
  for (int s = 0; s < kVifScales; ++s) {
    const Plane cross = filterValid(multiply(ref.levels[s], dist.levels[s]), vifKernel(s));
    const int total = static_cast<int>(cross.size());
    for (int first = 0; first < total; first += kLaneSumBlock) {
      const int n = std::min(kLaneSumBlock, total - first);
      vifTerms(&cross.v[first], &ref.mean[s].v[first], &dist.mean[s].v[first], &ref.meanOfSquares[s].v[first],
               &dist.meanOfSquares[s].v[first], n, num, den);
      numerator.add(num, n);
      denominator.add(den, n);
    }
  }
  VifSums sums;
  sums.numerator = numerator.total();
  sums.denominator = denominator.total();
  return sums;
}

}  // namespace metrics_detail

using namespace metrics_detail;

Expected<double> vif(const Image& reference, const Image& distorted, MetricNotes* notes) {
  if (auto ok = checkInputs({&reference, &distorted}, kVifMinSide, "vif"); !ok) return tl::unexpected(ok.error());
  const VifSums sums = vifSums(vifPyramid(toPlane(reference, 255.0)), vifPyramid(toPlane(distorted, 255.0)));
  if (!(sums.denominator > 0.0)) {
    if (notes) notes->push_back("vif: the reference has no local variance; VIF is undefined and reported as 0");
    return 0.0;
  }
  return sums.numerator / sums.denominator;
}

}  // namespace edgefuse
