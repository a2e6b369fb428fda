#include "core/metrics/detail/Fft2d.h"
#include "core/metrics/detail/VectorClones.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace edgefuse::metrics_detail {

namespace {

constexpr double kPi = 3.14159265358979323846;

bool isPowerOfTwo(int n) {
  return n >= 4 && n <= 8192 && (n & (n - 1)) == 0;
}

int log2Of(int n) {
  int m = 0;
  while ((1 << m) < n) ++m;
  return m;
}

std::vector<int> bitReversal(int n) {
  const int bits = log2Of(n);
  std::vector<int> r(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    int v = 0;
    for (int b = 0; b < bits; ++b) v |= ((i >> b) & 1) << (bits - 1 - b);
    r[static_cast<std::size_t>(i)] = v;
  }
  return r;
}

// Columns are processed in strips so that a strip of every row stays in
// cache (L2) through all stages of a pass; wide strips keep the butterfly
// loops long (fewer calls per pass: 64-column strips were measurably slower
// for 256×256 images).
constexpr int kStrip = 256;

// The butterflies of one row group over `width` columns; separate functions
// with restrict pointers so that the column loops vectorise.
EDGEFUSE_VECTOR_CLONES void radix2Forward(float* __restrict ar, float* __restrict ai, float* __restrict br,
                                          float* __restrict bi, float wc, float ws, int width) {
  for (int c = 0; c < width; ++c) {
    const float dr = ar[c] - br[c], di = ai[c] - bi[c];
    ar[c] += br[c];
    ai[c] += bi[c];
    br[c] = dr * wc - di * ws;
    bi[c] = dr * ws + di * wc;
  }
}

EDGEFUSE_VECTOR_CLONES void radix2Inverse(float* __restrict ar, float* __restrict ai, float* __restrict br,
                                          float* __restrict bi, float wc, float ws, int width) {
  for (int c = 0; c < width; ++c) {
    const float tr = br[c] * wc - bi[c] * ws, ti = br[c] * ws + bi[c] * wc;
    br[c] = ar[c] - tr;
    bi[c] = ai[c] - ti;
    ar[c] += tr;
    ai[c] += ti;
  }
}

struct Twiddles {
  float w1c, w1s, w2c, w2s, w3c, w3s;
};

EDGEFUSE_VECTOR_CLONES void radix4Forward(float* __restrict r0, float* __restrict i0, float* __restrict r1,
                                          float* __restrict i1, float* __restrict r2, float* __restrict i2,
                                          float* __restrict r3, float* __restrict i3, Twiddles w, int width) {
  for (int c = 0; c < width; ++c) {
    const float t0r = r0[c] + r2[c], t0i = i0[c] + i2[c];
    const float t1r = r0[c] - r2[c], t1i = i0[c] - i2[c];
    const float t2r = r1[c] + r3[c], t2i = i1[c] + i3[c];
    // −i·(a1 − a3)
    const float t3r = i1[c] - i3[c], t3i = r3[c] - r1[c];
    r0[c] = t0r + t2r;
    i0[c] = t0i + t2i;
    const float yr = t0r - t2r, yi = t0i - t2i;
    r1[c] = yr * w.w2c - yi * w.w2s;
    i1[c] = yr * w.w2s + yi * w.w2c;
    const float ur = t1r + t3r, ui = t1i + t3i;
    r2[c] = ur * w.w1c - ui * w.w1s;
    i2[c] = ur * w.w1s + ui * w.w1c;
    const float vr = t1r - t3r, vi = t1i - t3i;
    r3[c] = vr * w.w3c - vi * w.w3s;
    i3[c] = vr * w.w3s + vi * w.w3c;
  }
}

EDGEFUSE_VECTOR_CLONES void radix4Inverse(float* __restrict r0, float* __restrict i0, float* __restrict r1,
                                          float* __restrict i1, float* __restrict r2, float* __restrict i2,
                                          float* __restrict r3, float* __restrict i3, Twiddles w, int width) {
  for (int c = 0; c < width; ++c) {
    const float a1r = r1[c] * w.w2c - i1[c] * w.w2s, a1i = r1[c] * w.w2s + i1[c] * w.w2c;
    const float a2r = r2[c] * w.w1c - i2[c] * w.w1s, a2i = r2[c] * w.w1s + i2[c] * w.w1c;
    const float a3r = r3[c] * w.w3c - i3[c] * w.w3s, a3i = r3[c] * w.w3s + i3[c] * w.w3c;
    const float sr = r0[c] + a1r, si = i0[c] + a1i;
    const float dr = r0[c] - a1r, di = i0[c] - a1i;
    const float er = a2r + a3r, ei = a2i + a3i;
    const float fr = a2r - a3r, fi = a2i - a3i;
    r0[c] = sr + er;
    i0[c] = si + ei;
    r2[c] = sr - er;
    i2[c] = si - ei;
    // (c0 − c1) ± i·(c2 − c3)
    r1[c] = dr - fi;
    i1[c] = di + fr;
    r3[c] = dr + fi;
    i3[c] = di - fr;
  }
}

}  // namespace

bool Fft2d::supports(int width, int height) {
  return isPowerOfTwo(width) && isPowerOfTwo(height);
}

Fft2d::Axis Fft2d::makeAxis(int n) {
  Axis a;
  a.n = n;
  const int m = log2Of(n);
  a.leadingRadix2 = (m % 2) == 1;
  // Radix-2 stage (block n, half n/2) when log2(n) is odd: first in the
  // forward (DIF) order, last in the inverse (DIT) order.
  if (a.leadingRadix2) {
    const int half = n / 2;
    a.cosHalf.resize(static_cast<std::size_t>(half));
    a.sinHalf.resize(static_cast<std::size_t>(half));
    for (int j = 0; j < half; ++j) {
      const double angle = 2.0 * kPi * j / n;
      a.cosHalf[static_cast<std::size_t>(j)] = static_cast<float>(std::cos(angle));
      a.sinHalf[static_cast<std::size_t>(j)] = static_cast<float>(std::sin(angle));
    }
  }
  // Radix-2² stages, largest block first: block 4q with q = n/4 (or n/8 after
  // a radix-2 stage), …, 1.
  for (int q = a.leadingRadix2 ? n / 8 : n / 4; q >= 1; q /= 4) {
    a.quarters.push_back(q);
    const int block = 4 * q;
    std::vector<float> c1(q), s1(q), c2(q), s2(q), c3(q), s3(q);
    for (int j = 0; j < q; ++j) {
      const double angle = 2.0 * kPi * j / block;
      c1[j] = static_cast<float>(std::cos(angle));
      s1[j] = static_cast<float>(std::sin(angle));
      c2[j] = static_cast<float>(std::cos(2.0 * angle));
      s2[j] = static_cast<float>(std::sin(2.0 * angle));
      c3[j] = static_cast<float>(std::cos(3.0 * angle));
      s3[j] = static_cast<float>(std::sin(3.0 * angle));
    }
    a.cos1.push_back(std::move(c1));
    a.sin1.push_back(std::move(s1));
    a.cos2.push_back(std::move(c2));
    a.sin2.push_back(std::move(s2));
    a.cos3.push_back(std::move(c3));
    a.sin3.push_back(std::move(s3));
  }
  return a;
}

Fft2d::Fft2d(int width, int height)
    : m_width(width),
      m_height(height),
      m_x(makeAxis(width)),
      m_y(makeAxis(height)),
      m_reverseX(bitReversal(width)),
      m_reverseY(bitReversal(height)) {}

// Forward (decimation in frequency, W = e^{−2πi/block}): natural order in,
// bit-reversed order out. A radix-2² stage is two radix-2 stages fused:
//   t0 = a0 + a2, t1 = a0 − a2, t2 = a1 + a3, t3 = −i·(a1 − a3)
//   x[j] = t0 + t2, x[j+q] = (t0 − t2)·W^2j, x[j+2q] = (t1 + t3)·W^j, x[j+3q] = (t1 − t3)·W^3j.
void Fft2d::passForward(const Axis& axis, float* re, float* im, int cols) {
  const int n = axis.n;
  const std::size_t stride = static_cast<std::size_t>(cols);
  for (int c0 = 0; c0 < cols; c0 += kStrip) {
    const int width = std::min(kStrip, cols - c0);
    float* const reStrip = re + c0;
    float* const imStrip = im + c0;
    if (axis.leadingRadix2) {
      const int half = n / 2;
      for (int j = 0; j < half; ++j) {
        const std::size_t a = static_cast<std::size_t>(j) * stride, b = static_cast<std::size_t>(j + half) * stride;
        radix2Forward(reStrip + a, imStrip + a, reStrip + b, imStrip + b, axis.cosHalf[j], -axis.sinHalf[j], width);
      }
    }
    for (std::size_t s = 0; s < axis.quarters.size(); ++s) {
      const int q = axis.quarters[s];
      for (int start = 0; start < n; start += 4 * q) {
        for (int j = 0; j < q; ++j) {
          const Twiddles w{axis.cos1[s][j],  -axis.sin1[s][j], axis.cos2[s][j],
                           -axis.sin2[s][j], axis.cos3[s][j],  -axis.sin3[s][j]};
          const std::size_t o0 = static_cast<std::size_t>(start + j) * stride, o1 = o0 + q * stride,
                            o2 = o1 + q * stride, o3 = o2 + q * stride;
          radix4Forward(reStrip + o0, imStrip + o0, reStrip + o1, imStrip + o1, reStrip + o2, imStrip + o2,
                        reStrip + o3, imStrip + o3, w, width);
        }
      }
    }
  }
}

// Inverse (decimation in time, W = e^{+2πi/block}): bit-reversed order in,
// natural order out; the mirror image of passForward:
//   c0 = x[j], c1 = x[j+q]·W^2j, c2 = x[j+2q]·W^j, c3 = x[j+3q]·W^3j
//   x[j] = (c0 + c1) + (c2 + c3), x[j+2q] = (c0 + c1) − (c2 + c3),
//   x[j+q] = (c0 − c1) + i·(c2 − c3), x[j+3q] = (c0 − c1) − i·(c2 − c3).
void Fft2d::passInverse(const Axis& axis, float* re, float* im, int cols) {
  const int n = axis.n;
  const std::size_t stride = static_cast<std::size_t>(cols);
  for (int c0 = 0; c0 < cols; c0 += kStrip) {
    const int width = std::min(kStrip, cols - c0);
    float* const reStrip = re + c0;
    float* const imStrip = im + c0;
    for (std::size_t s = axis.quarters.size(); s-- > 0;) {
      const int q = axis.quarters[s];
      for (int start = 0; start < n; start += 4 * q) {
        for (int j = 0; j < q; ++j) {
          const Twiddles w{axis.cos1[s][j], axis.sin1[s][j], axis.cos2[s][j],
                           axis.sin2[s][j], axis.cos3[s][j], axis.sin3[s][j]};
          const std::size_t o0 = static_cast<std::size_t>(start + j) * stride, o1 = o0 + q * stride,
                            o2 = o1 + q * stride, o3 = o2 + q * stride;
          radix4Inverse(reStrip + o0, imStrip + o0, reStrip + o1, imStrip + o1, reStrip + o2, imStrip + o2,
                        reStrip + o3, imStrip + o3, w, width);
        }
      }
    }
    if (axis.leadingRadix2) {
      const int half = n / 2;
      for (int j = 0; j < half; ++j) {
        const std::size_t a = static_cast<std::size_t>(j) * stride, b = static_cast<std::size_t>(j + half) * stride;
        radix2Inverse(reStrip + a, imStrip + a, reStrip + b, imStrip + b, axis.cosHalf[j], axis.sinHalf[j], width);
      }
    }
  }
}

void Fft2d::transpose(const float* in, float* out, int rows, int cols) {
#if defined(__SSE2__)
  // 4×4 blocks in registers (sizes are multiples of 4), 16×16 tiles for the cache.
  for (int r0 = 0; r0 < rows; r0 += 16) {
    for (int c0 = 0; c0 < cols; c0 += 16) {
      const int r1 = std::min(r0 + 16, rows), c1 = std::min(c0 + 16, cols);
      for (int r = r0; r < r1; r += 4) {
        for (int c = c0; c < c1; c += 4) {
          const float* src = in + static_cast<std::size_t>(r) * cols + c;
          __m128 a = _mm_loadu_ps(src), b = _mm_loadu_ps(src + cols), d = _mm_loadu_ps(src + 2 * cols),
                 e = _mm_loadu_ps(src + 3 * cols);
          _MM_TRANSPOSE4_PS(a, b, d, e);
          float* dst = out + static_cast<std::size_t>(c) * rows + r;
          _mm_storeu_ps(dst, a);
          _mm_storeu_ps(dst + rows, b);
          _mm_storeu_ps(dst + 2 * rows, d);
          _mm_storeu_ps(dst + 3 * rows, e);
        }
      }
    }
  }
#else
  constexpr int block = 16;
  for (int r0 = 0; r0 < rows; r0 += block) {
    for (int c0 = 0; c0 < cols; c0 += block) {
      const int r1 = std::min(r0 + block, rows), c1 = std::min(c0 + block, cols);
      for (int r = r0; r < r1; ++r) {
        for (int c = c0; c < c1; ++c)
          out[static_cast<std::size_t>(c) * rows + r] = in[static_cast<std::size_t>(r) * cols + c];
      }
    }
  }
#endif
}

void Fft2d::forward(const float* image, float* re, float* im, float* scratchRe, float* scratchIm) const {
  const std::size_t n = size();
  std::copy(image, image + n, scratchRe);
  std::fill(scratchIm, scratchIm + n, 0.0f);
  passForward(m_y, scratchRe, scratchIm, m_width);  // along y: rows of the image
  transpose(scratchRe, re, m_height, m_width);
  transpose(scratchIm, im, m_height, m_width);
  passForward(m_x, re, im, m_height);  // along x: rows of the transposed array
}

void Fft2d::inverse(float* re, float* im, float* outRe, float* outIm) const {
  passInverse(m_x, re, im, m_height);
  transpose(re, outRe, m_width, m_height);
  transpose(im, outIm, m_width, m_height);
  passInverse(m_y, outRe, outIm, m_width);
}

}  // namespace edgefuse::metrics_detail
