// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal helpers of core/metrics, included only by its .cpp files.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"
#include "core/metrics/detail/BufferPool.h"

namespace edgefuse::metrics_detail {

/// Tag of the Plane constructor that leaves the values unset.
struct Uninitialized {};

/// A 2-D array of doubles, row-major (storage recycled per thread, see BufferPool.h).
struct Plane {
  int width = 0;
  int height = 0;
  PooledVector<double> v;

  Plane() = default;
  Plane(int w, int h, double fill = 0.0) : width(w), height(h), v(static_cast<std::size_t>(w) * h, fill) {}
  /// For results that are written in full: no pass over the memory first.
  Plane(int w, int h, Uninitialized) : width(w), height(h), v(static_cast<std::size_t>(w) * h) {}
  double& at(int x, int y) { return v[static_cast<std::size_t>(y) * width + x]; }
  double at(int x, int y) const { return v[static_cast<std::size_t>(y) * width + x]; }
  std::size_t size() const { return v.size(); }
};

/// Checks what every metric needs: grey, non-empty, finite values in [0,1],
/// all images of one size, at least `minSide` pixels wide and high.
/// `metric` names the caller in the message.
Expected<void> checkInputs(std::initializer_list<const Image*> images, int minSide, const char* metric);

/// The image as doubles, multiplied by `scale`.
Plane toPlane(const Image& image, double scale = 1.0);

/// q(x) = floor(255·x + 0.5), clamped to 0..255 (exact in double).
std::vector<std::uint8_t> quantize8(const Image& image);

/// Normalised 1-D Gaussian exp(−x²/2σ²) of `size` taps centred on the middle
/// (the separable factor of MATLAB's fspecial('gaussian', size, sigma)).
std::vector<double> gaussianKernel(int size, double sigma);

/// Correlates `in` with the separable kernel k⊗k, keeping the positions where
/// the kernel lies wholly inside ('valid'): output (W−K+1)×(H−K+1).
Plane filterValid(const Plane& in, const std::vector<double>& k);

/// Pixelwise product of two planes of one size.
Plane multiply(const Plane& x, const Plane& y);

/// Shannon entropy in bits of a histogram with `total` counts.
double entropyOfCounts(const std::uint32_t* counts, std::size_t bins, double total);

/// Entropy in bits of an 8-bit image's 256-bin histogram.
double entropy8(const std::vector<std::uint8_t>& q);

/// Joint entropy in bits of two 8-bit images' 256×256 histogram.
double jointEntropy8(const std::vector<std::uint8_t>& x, const std::vector<std::uint8_t>& y);

/// Entropy in bits over the distinct values of `n` floats (−0 counts as 0).
double distinctValueEntropy(const float* values, std::size_t n);

/// The smallest and largest of n > 0 values and their mean (the sum taken
/// in vector loops, in a fixed order: see LaneSum).
struct ValueRange {
  double lo = 0.0;
  double hi = 0.0;
  double mean = 0.0;
};
ValueRange rangeAndMean(const double* v, std::size_t n);

/// Pearson correlation of two equally long arrays; `defined` is false (and 0
/// returned) when either has zero variance.
double pearson(const double* x, const double* y, std::size_t n, bool* defined);

}  // namespace edgefuse::metrics_detail
