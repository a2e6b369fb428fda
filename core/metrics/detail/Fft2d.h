#pragma once

// A 2-D complex FFT for power-of-two sizes, in float, for phase congruency.
//
// Data are two planes (real, imaginary). Every 1-D pass runs down the rows
// of a plane, combining whole rows, so the inner loops run along contiguous
// memory and vectorise; a transpose in between turns columns into rows. The
// forward transform leaves the spectrum in a permuted layout (transposed,
// bit-reversed in both axes: decimation in frequency without reordering) and
// the inverse takes that layout back to natural order (decimation in time),
// so no bit-reversal pass is ever made; callers address the spectrum through
// spectrumIndex(). Not normalised: inverse(forward(x)) = N·x.

#include <cstddef>
#include <vector>

namespace edgefuse::metrics_detail {

/// One transform size with its twiddle factors. Immutable after construction;
/// its const methods may run concurrently on different data.
class Fft2d {
 public:
  Fft2d(int width, int height);

  /// True when both sides are powers of two from 4 to 8192.
  static bool supports(int width, int height);

  int width() const { return m_width; }
  int height() const { return m_height; }
  std::size_t size() const { return static_cast<std::size_t>(m_width) * m_height; }

  /// Forward transform of a real height×width image (row-major) into the
  /// permuted spectrum (re, im). scratchRe/scratchIm are working space. All
  /// arrays hold size() floats and must not overlap.
  void forward(const float* image, float* re, float* im, float* scratchRe, float* scratchIm) const;

  /// Inverse transform of a permuted spectrum (re, im; overwritten) into the
  /// natural row-major complex image (outRe, outIm), not divided by N.
  void inverse(float* re, float* im, float* outRe, float* outIm) const;

  /// Where frequency (u along x, v along y) lives in the permuted spectrum.
  std::size_t spectrumIndex(int u, int v) const {
    return static_cast<std::size_t>(m_reverseX[static_cast<std::size_t>(u)]) * m_height +
           m_reverseY[static_cast<std::size_t>(v)];
  }

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
  static void passInverse(const Axis& axis, float* re, float* im, int cols);
  static void transpose(const float* in, float* out, int rows, int cols);

  int m_width = 0;
  int m_height = 0;
  Axis m_x, m_y;
  std::vector<int> m_reverseX, m_reverseY;
};

}  // namespace edgefuse::metrics_detail
