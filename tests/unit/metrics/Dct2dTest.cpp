// SPDX-License-Identifier: GPL-3.0-or-later
// The fast 2-D DCT of FMI's DCT feature against the defining sums, and dct2
// (which picks it for power-of-two sizes) on other sizes.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/metrics/detail/Dct2d.h"
#include "core/metrics/detail/FmiKernels.h"

using namespace edgefuse::metrics_detail;

namespace {

/// The orthonormal DCT-II by its definition, separably: down each column,
/// then along each row.
std::vector<double> definingDct2(const std::vector<double>& in, int w, int h) {
  auto dct1 = [](const double* x, std::size_t stride, int n, double* out, std::size_t outStride) {
    for (int k = 0; k < n; ++k) {
      double sum = 0.0;
      for (int i = 0; i < n; ++i) sum += x[i * stride] * std::cos(M_PI * (2 * i + 1) * k / (2.0 * n));
      out[k * outStride] = sum * std::sqrt((k == 0 ? 1.0 : 2.0) / n);
    }
  };
  std::vector<double> columns(in.size()), out(in.size());
  for (int x = 0; x < w; ++x) dct1(&in[x], w, h, &columns[x], w);
  for (int y = 0; y < h; ++y) dct1(&columns[y * w], 1, w, &out[y * w], 1);
  return out;
}

std::vector<double> testImage(int w, int h) {
  std::vector<double> v(static_cast<std::size_t>(w) * h);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>((i * 7919) % 1013) / 1012.0;
  return v;
}

double largestDifference(const std::vector<double>& a, const std::vector<double>& b) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::abs(a[i] - b[i]));
  return worst;
}

}  // namespace

TEST(Dct2d, MatchesTheDefiningSumsOnPowerOfTwoSizes) {
  for (const auto& [w, h] : {std::pair{2, 2}, {2, 8}, {8, 2}, {4, 16}, {32, 16}, {64, 64}, {256, 256}, {16, 512}}) {
    ASSERT_TRUE(fastDctSupports(w, h));
    const std::vector<double> image = testImage(w, h);
    std::vector<double> fast(image.size());
    fastDct2(image.data(), fast.data(), w, h);
    const std::vector<double> expected = definingDct2(image, w, h);
    // The DC coefficient is sqrt(w·h)·mean, up to 256 here; an FFT's rounding
    // is a few ulps of it per stage.
    EXPECT_LT(largestDifference(fast, expected), 1e-12 * std::sqrt(static_cast<double>(w) * h)) << w << "x" << h;
  }
}

TEST(Dct2d, OnlyPowersOfTwoTakeTheFastPath) {
  EXPECT_FALSE(fastDctSupports(1, 8));
  EXPECT_FALSE(fastDctSupports(12, 8));
  EXPECT_FALSE(fastDctSupports(8, 6));
  EXPECT_FALSE(fastDctSupports(16384, 8));
  EXPECT_TRUE(fastDctSupports(8192, 2));
}

TEST(Dct2d, Dct2AgreesWithTheDefinitionOnEveryKindOfSize) {
  // Power of two (fast path), even (cv::dct) and odd (defining sums) sizes.
  for (const auto& [w, h] : {std::pair{16, 8}, {12, 10}, {5, 3}, {6, 7}}) {
    Plane image(w, h);
    const std::vector<double> values = testImage(w, h);
    for (std::size_t i = 0; i < values.size(); ++i) image.v[i] = values[i];
    const Plane out = dct2(image);
    const std::vector<double> expected = definingDct2(values, w, h);
    EXPECT_LT(largestDifference(std::vector<double>(out.v.begin(), out.v.end()), expected), 1e-12) << w << "x" << h;
  }
}

TEST(Dct2d, AConstantImageHasExactlyZeroAcCoefficients) {
  // FMI's DCT windows of a constant image must be constant: rounding noise
  // in the AC coefficients would make them describe noise.
  for (const auto& [w, h] : {std::pair{2, 2}, {8, 4}, {256, 256}}) {
    const std::vector<double> image(static_cast<std::size_t>(w) * h, 0.3);
    std::vector<double> out(image.size());
    fastDct2(image.data(), out.data(), w, h);
    EXPECT_NEAR(out[0], 0.3 * std::sqrt(static_cast<double>(w) * h), 1e-12);
    for (std::size_t i = 1; i < out.size(); ++i) ASSERT_EQ(out[i], 0.0) << w << "x" << h << " coefficient " << i;
  }
}
