// Pixel-domain VIF (vifp_mscale.m).

#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/FastLog.h"
#include "core/metrics/detail/MetricSupport.h"
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

VifSums vifSums(const VifPyramid& ref, const VifPyramid& dist) {
  VifSums sums;
  for (int s = 0; s < kVifScales; ++s) {
    const Plane cross = filterValid(multiply(ref.levels[s], dist.levels[s]), vifKernel(s));
    const Plane& mu1 = ref.mean[s];
    const Plane& mu2 = dist.mean[s];
    for (std::size_t i = 0; i < cross.size(); ++i) {
      double s1 = ref.meanOfSquares[s].v[i] - mu1.v[i] * mu1.v[i];
      double s2 = dist.meanOfSquares[s].v[i] - mu2.v[i] * mu2.v[i];
      const double s12 = cross.v[i] - mu1.v[i] * mu2.v[i];
      if (s1 < 0.0) s1 = 0.0;
      if (s2 < 0.0) s2 = 0.0;
      // The order of these steps is vifp_mscale.m's.
      double g = s12 / (s1 + kTiny);
      double sv = s2 - g * s12;
      if (s1 < kTiny) {
        g = 0.0;
        sv = s2;
        s1 = 0.0;
      }
      if (s2 < kTiny) {
        g = 0.0;
        sv = 0.0;
      }
      if (g < 0.0) {
        sv = s2;
        g = 0.0;
      }
      if (sv <= kTiny) sv = kTiny;
      // log10 via the table log2 (|error| < 1e-11): two logarithms per pixel and scale dominate otherwise.
      sums.numerator += kLog10Of2 * fastLog2(1.0 + g * g * s1 / (sv + kNoiseVariance));
      sums.denominator += kLog10Of2 * fastLog2(1.0 + s1 / kNoiseVariance);
    }
  }
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
