// SPDX-License-Identifier: GPL-3.0-or-later
// The float FFT of phase congruency against the defining sums, and the fast
// phase-congruency path against the cv::dft (double) path.

#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "core/metrics/detail/Fft2d.h"
#include "core/metrics/detail/PhaseCongruency.h"

using namespace edgefuse::metrics_detail;

namespace {

std::complex<double> dftAt(const std::vector<float>& re, const std::vector<float>& im, int w, int h, int u, int v,
                           double sign) {
  std::complex<double> sum = 0.0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const double angle = sign * 2.0 * M_PI * (static_cast<double>(u) * x / w + static_cast<double>(v) * y / h);
      sum += std::complex<double>(re[y * w + x], im[y * w + x]) * std::polar(1.0, angle);
    }
  }
  return sum;
}

}  // namespace

TEST(Fft2d, ForwardAndInverseMatchTheDefiningSums) {
  // Square and oblong; log2 of a side odd (a radix-2 stage) and even.
  for (const auto& [w, h] : {std::pair{8, 8}, {16, 32}, {32, 8}, {64, 16}}) {
    ASSERT_TRUE(Fft2d::supports(w, h));
    const Fft2d fft(w, h);
    const std::size_t n = fft.size();
    std::vector<float> image(n), zeros(n, 0.0f), re(n), im(n), s1(n), s2(n);
    for (std::size_t i = 0; i < n; ++i) image[i] = static_cast<float>((i * 37) % 101) / 100.0f;
    fft.forward(image.data(), re.data(), im.data(), s1.data(), s2.data());
    for (int v = 0; v < h; ++v) {
      for (int u = 0; u < w; ++u) {
        const std::complex<double> expected = dftAt(image, zeros, w, h, u, v, -1.0);
        const std::size_t k = fft.spectrumIndex(u, v);
        EXPECT_NEAR(re[k], expected.real(), 1e-4) << w << "x" << h << " (" << u << "," << v << ")";
        EXPECT_NEAR(im[k], expected.imag(), 1e-4) << w << "x" << h << " (" << u << "," << v << ")";
      }
    }
    // Inverse of a spectrum given in natural order, placed in the spectrum layout.
    std::vector<float> specRe(n), specIm(n), naturalRe(n), naturalIm(n), outRe(n), outIm(n);
    for (int v = 0; v < h; ++v) {
      for (int u = 0; u < w; ++u) {
        naturalRe[v * w + u] = std::sin(0.3f * u + 0.7f * v);
        naturalIm[v * w + u] = std::cos(1.1f * u - 0.2f * v);
        specRe[fft.spectrumIndex(u, v)] = naturalRe[v * w + u];
        specIm[fft.spectrumIndex(u, v)] = naturalIm[v * w + u];
      }
    }
    const std::vector<float> keptRe = specRe, keptIm = specIm;
    fft.inverse(specRe.data(), specIm.data(), nullptr, outRe.data(), outIm.data(), s1.data(), s2.data());
    EXPECT_EQ(specRe, keptRe);  // the spectrum is left as it was
    EXPECT_EQ(specIm, keptIm);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const std::complex<double> expected = dftAt(naturalRe, naturalIm, w, h, x, y, +1.0);
        EXPECT_NEAR(outRe[fft.pixelIndex(x, y)], expected.real(), 1e-4)
            << w << "x" << h << " (" << x << "," << y << ")";
        EXPECT_NEAR(outIm[fft.pixelIndex(x, y)], expected.imag(), 1e-4)
            << w << "x" << h << " (" << x << "," << y << ")";
      }
    }
    // The pixel layout back in row-major order.
    std::vector<float> rowMajor(n);
    fft.toRowMajor(outRe.data(), rowMajor.data());
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) EXPECT_EQ(rowMajor[y * w + x], outRe[fft.pixelIndex(x, y)]);
    }
  }
  EXPECT_FALSE(Fft2d::supports(48, 64));
  EXPECT_FALSE(Fft2d::supports(4, 64));
  EXPECT_FALSE(Fft2d::supports(64, 16384));
}

TEST(Fft2d, FilteredInverseIsTheInverseOfTheProduct) {
  const Fft2d fft(32, 64);
  const std::size_t n = fft.size();
  std::vector<float> re(n), im(n), filter(n), productRe(n), productIm(n), s1(n), s2(n);
  for (std::size_t i = 0; i < n; ++i) {
    re[i] = std::sin(0.01f * static_cast<float>(i * i % 977));
    im[i] = std::cos(0.02f * static_cast<float>(i * 31 % 1009));
    filter[i] = static_cast<float>(i % 17) / 16.0f;
    productRe[i] = re[i] * filter[i];
    productIm[i] = im[i] * filter[i];
  }
  std::vector<float> filteredRe(n), filteredIm(n), plainRe(n), plainIm(n);
  fft.inverse(re.data(), im.data(), filter.data(), filteredRe.data(), filteredIm.data(), s1.data(), s2.data());
  fft.inverse(productRe.data(), productIm.data(), nullptr, plainRe.data(), plainIm.data(), s1.data(), s2.data());
  // The same products, the same butterflies: the same floats.
  EXPECT_EQ(filteredRe, plainRe);
  EXPECT_EQ(filteredIm, plainIm);
}

TEST(PhaseCongruency, FloatFftPathMatchesTheDoublePath) {
  Plane image(64, 64);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x) image.at(x, y) = static_cast<double>((x * x + y * y) % 256);
  }
  const Plane fast = phaseCongruency(image);
  const Plane reference = phaseCongruency(image, PcPath::DoubleDft);
  double largest = 0.0;
  for (std::size_t i = 0; i < fast.size(); ++i) {
    EXPECT_NEAR(fast.v[i], reference.v[i], 1e-4);
    largest = std::max(largest, fast.v[i]);
  }
  EXPECT_GT(largest, 0.1);  // a structured image has phase congruency
}

TEST(PhaseCongruency, ConstantImageHasNone) {
  const Plane flat(32, 32, 128.0);
  for (double v : phaseCongruency(flat).v) EXPECT_EQ(v, 0.0);
}

TEST(PhaseCongruency, IgnoresAConstantOffset) {
  // The log-Gabor filters have no DC; the float path removes the mean first
  // so that a bright image keeps the precision of a dark one.
  Plane dark(128, 128), bright(128, 128);
  for (int y = 0; y < 128; ++y) {
    for (int x = 0; x < 128; ++x) {
      dark.at(x, y) = static_cast<double>((x * x + 3 * y * y) % 200) * 0.25;
      bright.at(x, y) = dark.at(x, y) + 200.0;
    }
  }
  const Plane a = phaseCongruency(dark), b = phaseCongruency(bright);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a.v[i], b.v[i], 1e-5);
}
