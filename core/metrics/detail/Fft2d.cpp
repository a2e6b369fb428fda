// SPDX-License-Identifier: GPL-3.0-or-later

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
  return n >= Fft2d::kLanes && n <= 8192 && (n & (n - 1)) == 0;
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

// The forward transform (once per image) runs over whole rows, in column
// strips of this width for wide images.
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

/// One row of a strip: kLanes floats as one vector (GCC/Clang vector
/// extension: one AVX register, two SSE ones). Unaligned (aligned(4)).
typedef float Lanes __attribute__((vector_size(Fft2d::kLanes * sizeof(float)), aligned(4)));
typedef int LaneIndices __attribute__((vector_size(Fft2d::kLanes * sizeof(int))));

#if defined(__clang__)
#define EDGEFUSE_SHUFFLE(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#else
#define EDGEFUSE_SHUFFLE(a, b, ...) __builtin_shuffle(a, b, LaneIndices{__VA_ARGS__})
#endif

// (Pointers, not vector values, cross function boundaries: a vector passed
// by value would have a different ABI in each variant.)
inline Lanes* lanesAt(float* base, std::size_t row) {
  return reinterpret_cast<Lanes*>(base + row * Fft2d::kLanes);
}
inline const Lanes* lanesAt(const float* base, std::size_t row) {
  return reinterpret_cast<const Lanes*>(base + row * Fft2d::kLanes);
}

// Inverse (decimation in time, W = e^{+2πi/block}): bit-reversed order in,
// natural order out; the mirror image of passForward. A radix-2² stage:
//   c0 = x[j], c1 = x[j+q]·W^2j, c2 = x[j+2q]·W^j, c3 = x[j+3q]·W^3j
//   x[j] = (c0 + c1) + (c2 + c3), x[j+2q] = (c0 + c1) − (c2 + c3),
//   x[j+q] = (c0 − c1) + i·(c2 − c3), x[j+3q] = (c0 − c1) − i·(c2 − c3).

/// One inverse radix-2² butterfly on rows o0 + {0, q, 2q, 3q} of a strip:
/// reads src (times the filter when kFiltered), writes (re, im), which may
/// be src. With kUnit every twiddle is 1 (j = 0) and its products are left
/// out (the same values, but for the sign of a zero).
template <bool kUnit, bool kFiltered>
__attribute__((always_inline)) inline void stripButterfly(const float* srcRe, const float* srcIm, const float* filter,
                                                          float* re, float* im, std::size_t o0, std::size_t q,
                                                          const Twiddles& w) {
  const std::size_t o1 = o0 + q, o2 = o1 + q, o3 = o2 + q;
  Lanes x0r = *lanesAt(srcRe, o0), x0i = *lanesAt(srcIm, o0), x1r = *lanesAt(srcRe, o1), x1i = *lanesAt(srcIm, o1);
  Lanes x2r = *lanesAt(srcRe, o2), x2i = *lanesAt(srcIm, o2), x3r = *lanesAt(srcRe, o3), x3i = *lanesAt(srcIm, o3);
  if (kFiltered) {
    const Lanes f0 = *lanesAt(filter, o0), f1 = *lanesAt(filter, o1), f2 = *lanesAt(filter, o2),
                f3 = *lanesAt(filter, o3);
    x0r = x0r * f0;
    x0i = x0i * f0;
    x1r = x1r * f1;
    x1i = x1i * f1;
    x2r = x2r * f2;
    x2i = x2i * f2;
    x3r = x3r * f3;
    x3i = x3i * f3;
  }
  Lanes a1r = x1r, a1i = x1i, a2r = x2r, a2i = x2i, a3r = x3r, a3i = x3i;
  if (!kUnit) {
    a1r = x1r * w.w2c - x1i * w.w2s;
    a1i = x1r * w.w2s + x1i * w.w2c;
    a2r = x2r * w.w1c - x2i * w.w1s;
    a2i = x2r * w.w1s + x2i * w.w1c;
    a3r = x3r * w.w3c - x3i * w.w3s;
    a3i = x3r * w.w3s + x3i * w.w3c;
  }
  const Lanes sr = x0r + a1r, si = x0i + a1i;
  const Lanes dr = x0r - a1r, di = x0i - a1i;
  const Lanes er = a2r + a3r, ei = a2i + a3i;
  const Lanes fr = a2r - a3r, fi = a2i - a3i;
  *lanesAt(re, o0) = sr + er;
  *lanesAt(im, o0) = si + ei;
  *lanesAt(re, o2) = sr - er;
  *lanesAt(im, o2) = si - ei;
  *lanesAt(re, o1) = dr - fi;
  *lanesAt(im, o1) = di + fr;
  *lanesAt(re, o3) = dr + fi;
  *lanesAt(im, o3) = di - fr;
}

/// The first stage of a strip's inverse (q = 1: every twiddle is 1), from
/// src (times the filter when kFiltered) to (re, im), which may be src.
template <bool kFiltered>
EDGEFUSE_VECTOR_CLONES void stripFirstStage(const float* srcRe, const float* srcIm, const float* filter, float* re,
                                            float* im, int n) {
  for (int start = 0; start < n; start += 4) {
    stripButterfly<true, kFiltered>(srcRe, srcIm, filter, re, im, static_cast<std::size_t>(start), 1, Twiddles{});
  }
}

/// A later radix-2² stage of a strip's inverse (quarter q > 1), in place.
EDGEFUSE_VECTOR_CLONES void stripStage(float* re, float* im, int n, int q, const float* c1, const float* s1,
                                       const float* c2, const float* s2, const float* c3, const float* s3) {
  const std::size_t quarter = static_cast<std::size_t>(q);
  for (int start = 0; start < n; start += 4 * q) {
    const std::size_t first = static_cast<std::size_t>(start);
    stripButterfly<true, false>(re, im, nullptr, re, im, first, quarter, Twiddles{});
    for (int j = 1; j < q; ++j) {
      const Twiddles w{c1[j], s1[j], c2[j], s2[j], c3[j], s3[j]};
      stripButterfly<false, false>(re, im, nullptr, re, im, first + static_cast<std::size_t>(j), quarter, w);
    }
  }
}

/// The radix-2 stage (block n) of a strip's inverse, in place: the last one.
EDGEFUSE_VECTOR_CLONES void stripRadix2(float* re, float* im, int n, const float* cosHalf, const float* sinHalf) {
  const int half = n / 2;
  for (int j = 0; j < half; ++j) {
    const float wc = cosHalf[j], ws = sinHalf[j];
    const std::size_t a = static_cast<std::size_t>(j), b = a + static_cast<std::size_t>(half);
    const Lanes ar = *lanesAt(re, a), ai = *lanesAt(im, a), br = *lanesAt(re, b), bi = *lanesAt(im, b);
    const Lanes tr = br * wc - bi * ws, ti = br * ws + bi * wc;
    *lanesAt(re, b) = ar - tr;
    *lanesAt(im, b) = ai - ti;
    *lanesAt(re, a) = ar + tr;
    *lanesAt(im, a) = ai + ti;
  }
}

/// Writes a strip of n rows transposed: lane k of rows 8b…8b+7 goes to the
/// kLanes values at out + b·blockStride + k·kLanes (8×8 transposes in
/// registers: pairs of lanes, then pairs of pairs, then halves).
EDGEFUSE_VECTOR_CLONES void transposeStrip(const float* strip, int n, float* out, std::size_t blockStride) {
  static_assert(Fft2d::kLanes == 8, "the shuffles below transpose 8×8 blocks");
  for (int b = 0; b < n / 8; ++b) {
    const std::size_t row = static_cast<std::size_t>(b) * 8;
    const Lanes r0 = *lanesAt(strip, row), r1 = *lanesAt(strip, row + 1), r2 = *lanesAt(strip, row + 2),
                r3 = *lanesAt(strip, row + 3), r4 = *lanesAt(strip, row + 4), r5 = *lanesAt(strip, row + 5),
                r6 = *lanesAt(strip, row + 6), r7 = *lanesAt(strip, row + 7);
    const Lanes t0 = EDGEFUSE_SHUFFLE(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13);
    const Lanes t1 = EDGEFUSE_SHUFFLE(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);
    const Lanes t2 = EDGEFUSE_SHUFFLE(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13);
    const Lanes t3 = EDGEFUSE_SHUFFLE(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);
    const Lanes t4 = EDGEFUSE_SHUFFLE(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13);
    const Lanes t5 = EDGEFUSE_SHUFFLE(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);
    const Lanes t6 = EDGEFUSE_SHUFFLE(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13);
    const Lanes t7 = EDGEFUSE_SHUFFLE(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);
    const Lanes u0 = EDGEFUSE_SHUFFLE(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);
    const Lanes u1 = EDGEFUSE_SHUFFLE(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
    const Lanes u2 = EDGEFUSE_SHUFFLE(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);
    const Lanes u3 = EDGEFUSE_SHUFFLE(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
    const Lanes u4 = EDGEFUSE_SHUFFLE(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);
    const Lanes u5 = EDGEFUSE_SHUFFLE(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
    const Lanes u6 = EDGEFUSE_SHUFFLE(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);
    const Lanes u7 = EDGEFUSE_SHUFFLE(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
    float* dst = out + static_cast<std::size_t>(b) * blockStride;
    *lanesAt(dst, 0) = EDGEFUSE_SHUFFLE(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11);
    *lanesAt(dst, 1) = EDGEFUSE_SHUFFLE(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11);
    *lanesAt(dst, 2) = EDGEFUSE_SHUFFLE(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11);
    *lanesAt(dst, 3) = EDGEFUSE_SHUFFLE(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11);
    *lanesAt(dst, 4) = EDGEFUSE_SHUFFLE(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15);
    *lanesAt(dst, 5) = EDGEFUSE_SHUFFLE(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15);
    *lanesAt(dst, 6) = EDGEFUSE_SHUFFLE(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15);
    *lanesAt(dst, 7) = EDGEFUSE_SHUFFLE(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15);
  }
}

/// Copies a rows×cols row-major array into blocks of kLanes columns (block
/// after block, each row after row), or back (toBlocks false).
void reblock(const float* in, float* out, int rows, int cols, bool toBlocks) {
  const std::size_t blockSize = static_cast<std::size_t>(rows) * Fft2d::kLanes;
  for (int r = 0; r < rows; ++r) {
    for (int b = 0; b < cols / Fft2d::kLanes; ++b) {
      const std::size_t rowMajor = static_cast<std::size_t>(r) * cols + static_cast<std::size_t>(b) * Fft2d::kLanes;
      const std::size_t blocked = static_cast<std::size_t>(b) * blockSize + static_cast<std::size_t>(r) * Fft2d::kLanes;
      if (toBlocks) {
        std::copy(in + rowMajor, in + rowMajor + Fft2d::kLanes, out + blocked);
      } else {
        std::copy(in + blocked, in + blocked + Fft2d::kLanes, out + rowMajor);
      }
    }
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

void Fft2d::stripInverse(const Axis& axis, const float* srcRe, const float* srcIm, const float* filter, float* re,
                         float* im) {
  const int n = axis.n;
  // The last radix-2² stage (q = 1) comes first.
  if (filter) {
    stripFirstStage<true>(srcRe, srcIm, filter, re, im, n);
  } else {
    stripFirstStage<false>(srcRe, srcIm, nullptr, re, im, n);
  }
  for (std::size_t s = axis.quarters.size() - 1; s-- > 0;) {
    stripStage(re, im, n, axis.quarters[s], axis.cos1[s].data(), axis.sin1[s].data(), axis.cos2[s].data(),
               axis.sin2[s].data(), axis.cos3[s].data(), axis.sin3[s].data());
  }
  if (axis.leadingRadix2) stripRadix2(re, im, n, axis.cosHalf.data(), axis.sinHalf.data());
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
  std::copy(image, image + n, re);
  std::fill(im, im + n, 0.0f);
  passForward(m_y, re, im, m_width);  // along y: rows of the image
  transpose(re, scratchRe, m_height, m_width);
  transpose(im, scratchIm, m_height, m_width);
  passForward(m_x, scratchRe, scratchIm, m_height);  // along x: rows of the transposed array
  reblock(scratchRe, re, m_width, m_height, true);
  reblock(scratchIm, im, m_width, m_height, true);
}

// Pass 1 runs along x on each strip of kLanes spectrum columns and writes it
// transposed, so that pass 2 finds each strip of kLanes pixel columns (the
// spectrum's columns as its rows) contiguous, and runs along y in place.
void Fft2d::inverse(const float* re, const float* im, const float* filter, float* outRe, float* outIm, float* scratchRe,
                    float* scratchIm) const {
  const std::size_t stripSize = static_cast<std::size_t>(m_width) * kLanes;
  const std::size_t blockStride = static_cast<std::size_t>(m_height) * kLanes;
  for (int b = 0; b < m_height / kLanes; ++b) {
    const std::size_t at = static_cast<std::size_t>(b) * stripSize;
    stripInverse(m_x, re + at, im + at, filter ? filter + at : nullptr, scratchRe, scratchIm);
    const std::size_t corner = static_cast<std::size_t>(b) * kLanes * kLanes;
    transposeStrip(scratchRe, m_width, outRe + corner, blockStride);
    transposeStrip(scratchIm, m_width, outIm + corner, blockStride);
  }
  for (int b = 0; b < m_width / kLanes; ++b) {
    float* r = outRe + static_cast<std::size_t>(b) * blockStride;
    float* i = outIm + static_cast<std::size_t>(b) * blockStride;
    stripInverse(m_y, r, i, nullptr, r, i);
  }
}

void Fft2d::toRowMajor(const float* pixels, float* rowMajor) const {
  reblock(pixels, rowMajor, m_height, m_width, false);
}

}  // namespace edgefuse::metrics_detail
