// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// log2 without libm calls, tables or branches, for the metrics' vector loops
// (FMI's entropies, VIF's information terms).

#include <cstdint>
#include <cstring>

namespace edgefuse::metrics_detail {

/// log2 of a positive normal double without tables or branches, so that loops
/// over it vectorise: exponent from the bits, mantissa folded into [√½, √2),
/// then 2·atanh(t)/ln 2 with t = (m−1)/(m+1) as a series to t¹³
/// (|t| ≤ 0.172: absolute error below 1e-12).
inline double log2Vectorisable(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  const std::uint64_t exponentBits = (bits >> 52) | 0x4330000000000000ull;
  double e;
  std::memcpy(&e, &exponentBits, sizeof e);
  e -= 4503599627370496.0 + 1023.0;  // 2^52 + bias
  const std::uint64_t mantissaBits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;
  double m;
  std::memcpy(&m, &mantissaBits, sizeof m);
  const double big = m > 1.4142135623730951 ? 1.0 : 0.0;
  m *= 1.0 - 0.5 * big;
  e += big;
  const double t = (m - 1.0) / (m + 1.0);
  const double t2 = t * t;
  const double series =
      1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9 + t2 * (1.0 / 11 + t2 * (1.0 / 13))))));
  return e + 2.8853900817779268 * t * series;  // 2/ln 2
}

/// log2 of a positive normal float, the same way in single precision (series
/// to t⁹, |t| ≤ 0.172: error within a few float ulps, relative error below
/// about 3e-7 away from x = 1): twice the lanes of log2Vectorisable, for the
/// FMI loops whose logarithms only weigh terms of an entropy sum.
inline float log2VectorisableFloat(float x) {
  std::uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  float e = static_cast<float>(static_cast<std::int32_t>(bits >> 23) - 127);
  const std::uint32_t mantissaBits = (bits & 0x007FFFFFu) | 0x3F800000u;
  float m;
  std::memcpy(&m, &mantissaBits, sizeof m);
  const float big = m > 1.41421356f ? 1.0f : 0.0f;
  m *= 1.0f - 0.5f * big;
  e += big;
  const float t = (m - 1.0f) / (m + 1.0f);
  const float t2 = t * t;
  const float series = 1.0f + t2 * (1.0f / 3 + t2 * (1.0f / 5 + t2 * (1.0f / 7 + t2 * (1.0f / 9))));
  return e + 2.88539008f * t * series;  // 2/ln 2
}

}  // namespace edgefuse::metrics_detail
