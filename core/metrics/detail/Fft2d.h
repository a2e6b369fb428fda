// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// A 2-D complex FFT for power-of-two sizes, in float, for phase congruency.
//
// Data are two planes (real, imaginary). Every 1-D pass runs down columns,
// combining whole rows, so the inner loops run along contiguous memory and
// vectorise. The inverse, which phase congruency runs 24 times per image,
// works on strips of kLanes neighbouring columns: a strip of both planes of
// a 256-row transform is 16 KiB, so it stays in the L1 cache through all
// butterflies of a pass (whole planes went through the L2 cache once per
// radix-4 stage, which bound the transform), and every butterfly is one
// 8-lane vector operation. So that each strip is contiguous, the spectrum
// and the inverse's output are stored in blocks of kLanes columns, block
// after block, each block row after row (spectrumIndex and pixelIndex say
// where a value lives); the inverse turns the corner between its two passes
// with 8×8 transposes in registers.
//
// The forward transform leaves the spectrum transposed and bit-reversed in
// both axes (decimation in frequency without reordering), the inverse takes
// that back to natural order (decimation in time), so no bit-reversal pass
// is ever made. Not normalised: inverse(forward(x)) = N·x. Arrays of any
// alignment work; 64-byte aligned ones (as PooledVector's) are faster, since
// no vector then straddles two cache lines.

#include <cstddef>
#include <vector>

namespace edgefuse::metrics_detail {

/// One transform size with its twiddle factors. Immutable after construction;
/// its const methods may run concurrently on different data.
class Fft2d {
 public:
  /// Columns per strip and per block of the spectrum and pixel layouts.
  static constexpr int kLanes = 8;

  Fft2d(int width, int height);

  /// True when both sides are powers of two from 8 to 8192.
  static bool supports(int width, int height);

  int width() const { return m_width; }
  int height() const { return m_height; }
  std::size_t size() const { return static_cast<std::size_t>(m_width) * m_height; }

  /// Forward transform of a real height×width image (row-major) into the
  /// spectrum (re, im) in its layout (spectrumIndex). scratchRe/scratchIm are
  /// working space. All arrays hold size() floats and must not overlap.
  void forward(const float* image, float* re, float* im, float* scratchRe, float* scratchIm) const;

  /// Inverse transform of the spectrum (re, im) times a real `filter` in the
  /// same layout (nullptr: no filter), not divided by N, into the complex
  /// image (outRe, outIm) in the pixel layout (pixelIndex). re, im and
  /// filter are left unchanged. scratchRe/scratchIm hold kLanes·width()
  /// floats each. No two arrays may overlap.
  void inverse(const float* re, const float* im, const float* filter, float* outRe, float* outIm, float* scratchRe,
               float* scratchIm) const;

  /// Where frequency (u along x, v along y) lives in the spectrum: row
  /// bitreverse(u) and column bitreverse(v) of a width×height array, stored
  /// in blocks of kLanes columns.
  std::size_t spectrumIndex(int u, int v) const {
    const std::size_t row = static_cast<std::size_t>(m_reverseX[static_cast<std::size_t>(u)]);
    const std::size_t column = static_cast<std::size_t>(m_reverseY[static_cast<std::size_t>(v)]);
    return column / kLanes * (static_cast<std::size_t>(m_width) * kLanes) + row * kLanes + column % kLanes;
  }

  /// Where pixel (x, y) of the inverse's output lives: blocks of kLanes
  /// columns, each height rows of kLanes values.
  std::size_t pixelIndex(int x, int y) const {
    return static_cast<std::size_t>(x / kLanes) * (static_cast<std::size_t>(m_height) * kLanes) +
           static_cast<std::size_t>(y) * kLanes + static_cast<std::size_t>(x % kLanes);
  }

  /// Copies an array in the pixel layout into row-major order.
  void toRowMajor(const float* pixels, float* rowMajor) const;

 private:
  struct Axis {
    int n = 0;
    // Per radix-2² stage (largest block first), for j < q: W^j, W^2j, W^3j.
    std::vector<std::vector<float>> cos1, sin1, cos2, sin2, cos3, sin3;
    std::vector<int> quarters;            // q of each radix-2² stage, largest first
    bool leadingRadix2 = false;           // log2(n) odd: one plain radix-2 stage as well
    std::vector<float> cosHalf, sinHalf;  // twiddles of the radix-2 stage (block n)
  };

  static Axis makeAxis(int n);
  // Transforms along the row index of a rows×cols plane pair.
  static void passForward(const Axis& axis, float* re, float* im, int cols);
  // The inverse along the rows of one strip (axis.n rows of kLanes values):
  // reads (srcRe, srcIm)·filter (no filter: as they are), writes (re, im),
  // which may be src.
  static void stripInverse(const Axis& axis, const float* srcRe, const float* srcIm, const float* filter, float* re,
                           float* im);
  static void transpose(const float* in, float* out, int rows, int cols);

  int m_width = 0;
  int m_height = 0;
  Axis m_x, m_y;
  std::vector<int> m_reverseX, m_reverseY;
};

}  // namespace edgefuse::metrics_detail
