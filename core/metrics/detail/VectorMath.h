// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// e^x and atan(x) for doubles without libm calls or branches, so that loops
// over them vectorise (Qabf and Nabf evaluate both per pixel). Both are
// accurate to a few units in the last place over the ranges the metrics use.

#include <cmath>
#include <cstdint>
#include <cstring>

namespace edgefuse::metrics_detail {

/// e^x for |x| ≤ 700 (x is clamped to that range): x = k·ln 2 + r with k the
/// nearest integer to x/ln 2 (by the 1.5·2^52 rounding trick), r = x − k·ln 2
/// in two parts (fdlibm's split of ln 2, so r is exact to ~1e-26), |r| ≤ 0.35;
/// e^r is its Taylor series to r^13 (remainder below 5e-18), and 2^k is
/// built from the bits of the rounded sum.
inline double expVectorisable(double x) {
  constexpr double invLn2 = 1.44269504088896338700;
  constexpr double ln2High = 6.93147180369123816490e-01;
  constexpr double ln2Low = 1.90821492927058770002e-10;
  constexpr double shifter = 6755399441055744.0;  // 1.5·2^52
  x = x < -700.0 ? -700.0 : (x > 700.0 ? 700.0 : x);
  const double shifted = x * invLn2 + shifter;  // k in the low bits of the mantissa
  const double k = shifted - shifter;
  const double r = (x - k * ln2High) - k * ln2Low;
  double series = 1.0 / 6227020800.0;  // 1/13!
  series = series * r + 1.0 / 479001600.0;
  series = series * r + 1.0 / 39916800.0;
  series = series * r + 1.0 / 3628800.0;
  series = series * r + 1.0 / 362880.0;
  series = series * r + 1.0 / 40320.0;
  series = series * r + 1.0 / 5040.0;
  series = series * r + 1.0 / 720.0;
  series = series * r + 1.0 / 120.0;
  series = series * r + 1.0 / 24.0;
  series = series * r + 1.0 / 6.0;
  series = series * r + 0.5;
  series = series * r + 1.0;
  series = series * r + 1.0;
  std::uint64_t bits;
  std::memcpy(&bits, &shifted, sizeof bits);
  // The low bits hold k + 2^51 (two's complement k); shifting k + 1023 into
  // the exponent field drops the offset's bits.
  const std::uint64_t scaleBits = (bits + 1023u) << 52;
  double scale;
  std::memcpy(&scale, &scaleBits, sizeof scale);
  return series * scale;
}

/// atan(x) for any double (±π/2 for ±∞): |x| > 1 is folded by
/// atan(x) = π/2 − atan(1/x) into y ∈ [0, 1], then y = c + (y − c) with c the
/// nearest multiple of 1/8, atan(y) = atan(c) + atan(u),
/// u = (y − c)/(1 + y·c), |u| ≤ 1/16, whose Taylor series to u^13 has a
/// remainder below 1e-19. atan(c) is picked by comparisons (no table), so
/// the function stays free of branches and gathers.
inline double atanVectorisable(double x) {
  constexpr double halfPi = 1.57079632679489661923;
  const double magnitude = std::abs(x);
  const bool folded = magnitude > 1.0;
  const double y = folded ? 1.0 / magnitude : magnitude;
  const double eighths = std::floor(y * 8.0 + 0.5);  // 0 … 8
  const double c = eighths * 0.125;
  // atan(j/8), j = 0 … 8.
  double base = 0.0;
  base = eighths >= 1.0 ? 0.124354994546761435031 : base;
  base = eighths >= 2.0 ? 0.244978663126864154172 : base;
  base = eighths >= 3.0 ? 0.358770670270572220395 : base;
  base = eighths >= 4.0 ? 0.463647609000806116214 : base;
  base = eighths >= 5.0 ? 0.558599315343562435972 : base;
  base = eighths >= 6.0 ? 0.643501108793284386803 : base;
  base = eighths >= 7.0 ? 0.718829999621624505417 : base;
  base = eighths >= 8.0 ? 0.785398163397448309616 : base;
  const double u = (y - c) / (1.0 + y * c);
  const double u2 = u * u;
  double series = 1.0 / 13.0;
  series = series * -u2 + 1.0 / 11.0;
  series = series * -u2 + 1.0 / 9.0;
  series = series * -u2 + 1.0 / 7.0;
  series = series * -u2 + 1.0 / 5.0;
  series = series * -u2 + 1.0 / 3.0;
  series = series * -u2 + 1.0;
  const double inner = base + u * series;
  const double value = folded ? halfPi - inner : inner;
  return x < 0.0 ? -value : value;
}

}  // namespace edgefuse::metrics_detail
