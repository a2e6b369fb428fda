// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/metrics/detail/Dct2d.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "core/metrics/detail/BufferPool.h"
#include "core/metrics/detail/VectorClones.h"

namespace edgefuse::metrics_detail {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Sequences transformed together: one vector of doubles wide (AVX-512), the
/// lanes of every butterfly.
constexpr int kStrip = 8;

/// One transform length n: the packing, the twiddles of the n/2-point FFT and
/// the per-output combination.
struct DctPlan {
  int n = 0;
  int half = 0;
  /// Slot m of the packed FFT input (in bit-reversed order) holds
  /// x[realFrom[m]] + i·x[imagFrom[m]].
  std::vector<int> realFrom, imagFrom;
  /// exp(−2πi·t/half) = (wCos[t], −wSin[t]) for t < half/2.
  std::vector<double> wCos, wSin;
  /// Output k = a·Re Z[k1] + b·Im Z[k1] + c·Re Z[k2] + d·Im Z[k2] with
  /// k1 = k mod half, k2 = (half − k1) mod half, orthonormal scale included.
  std::vector<int> k1, k2;
  std::vector<double> a, b, c, d;
};

int reverseBits(int value, int bits) {
  int out = 0;
  for (int i = 0; i < bits; ++i) out |= ((value >> i) & 1) << (bits - 1 - i);
  return out;
}

std::unique_ptr<DctPlan> makePlan(int n) {
  auto p = std::make_unique<DctPlan>();
  p->n = n;
  p->half = n / 2;
  const int half = p->half;
  int bits = 0;
  while ((1 << bits) < half) ++bits;
  // Makhoul's order v[j] = x[2j] (j < n/2), v[n − 1 − j] = x[2j + 1]; then
  // z[m] = v[2m] + i·v[2m + 1].
  auto sourceOf = [n](int j) { return j < n / 2 ? 2 * j : 2 * (n - 1 - j) + 1; };
  p->realFrom.resize(static_cast<std::size_t>(half));
  p->imagFrom.resize(static_cast<std::size_t>(half));
  for (int m = 0; m < half; ++m) {
    const int slot = reverseBits(m, bits);
    p->realFrom[static_cast<std::size_t>(slot)] = sourceOf(2 * m);
    p->imagFrom[static_cast<std::size_t>(slot)] = sourceOf(2 * m + 1);
  }
  for (int t = 0; t < half / 2; ++t) {
    p->wCos.push_back(std::cos(2.0 * kPi * t / half));
    p->wSin.push_back(std::sin(2.0 * kPi * t / half));
  }
  // V[k] = E[k] + exp(−2πik/n)·O[k] with E = (Z[k1] + conj Z[k2]) / 2 and
  // O = (Z[k1] − conj Z[k2]) / 2i; the DCT is Re(exp(−iπk/2n)·V[k]).
  for (int k = 0; k < n; ++k) {
    const int first = k % half, second = (half - first) % half;
    const double cosT = std::cos(2.0 * kPi * k / n), sinT = std::sin(2.0 * kPi * k / n);
    const double cosA = std::cos(kPi * k / (2.0 * n)), sinA = std::sin(kPi * k / (2.0 * n));
    const double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / n);
    p->k1.push_back(first);
    p->k2.push_back(second);
    if (first != second) {
      p->a.push_back(scale * 0.5 * (cosA * (1.0 - sinT) - sinA * cosT));
      p->b.push_back(scale * 0.5 * (cosA * cosT + sinA * (1.0 - sinT)));
      p->c.push_back(scale * 0.5 * (cosA * (1.0 + sinT) + sinA * cosT));
      p->d.push_back(scale * 0.5 * (cosA * cosT - sinA * (1.0 + sinT)));
      continue;
    }
    // Both halves read one value: its two coefficients summed, a = cos A and
    // b = cos(A + T). For k = n/2, b = −a exactly (cos(π/4 + π)), so that a
    // constant sequence (Re Z[0] = Im Z[0]) gives exactly 0 there, as the
    // definition does; rounding noise instead would make FMI's DCT windows
    // of a constant image non-constant.
    const double a = scale * cosA;
    p->a.push_back(a);
    p->b.push_back(k == half ? -a : scale * std::cos(kPi * k / (2.0 * n) + 2.0 * kPi * k / n));
    p->c.push_back(0.0);
    p->d.push_back(0.0);
  }
  return p;
}

const DctPlan& planFor(int n) {
  static std::mutex mutex;
  static std::vector<std::unique_ptr<DctPlan>> plans;
  std::lock_guard<std::mutex> lock(mutex);
  for (const auto& p : plans) {
    if (p->n == n) return *p;
  }
  plans.push_back(makePlan(n));
  return *plans.back();
}

/// A strip's lanes as one vector (GCC/Clang vector extension: one AVX-512
/// register, two AVX ones, four SSE ones). Unaligned (aligned(8)).
typedef double Lanes __attribute__((vector_size(kStrip * sizeof(double)), aligned(8)));

Lanes* lanesAt(double* base, std::size_t row) {
  return reinterpret_cast<Lanes*>(base + row * kStrip);
}
const Lanes* lanesAt(const double* base, std::size_t row) {
  return reinterpret_cast<const Lanes*>(base + row * kStrip);
}

/// The n/2-point FFT of the packed strips (slot m of strip lane s at
/// re/im[m·kStrip + s]), radix 2, decimation in time, in place. Written with
/// whole-strip vectors: with a loop over the lanes, GCC unrolled it and
/// vectorised across the butterflies instead, with permutes.
EDGEFUSE_VECTOR_CLONES void fftStrips(double* re, double* im, int half, const double* __restrict wCos,
                                      const double* __restrict wSin) {
  for (int size = 2; size <= half; size *= 2) {
    const int h = size / 2, step = half / size;
    for (int start = 0; start < half; start += size) {
      for (int j = 0; j < h; ++j) {
        const double wr = wCos[j * step], wi = -wSin[j * step];
        const std::size_t top = static_cast<std::size_t>(start + j), bottom = top + static_cast<std::size_t>(h);
        Lanes* ar = lanesAt(re, top);
        Lanes* ai = lanesAt(im, top);
        Lanes* br = lanesAt(re, bottom);
        Lanes* bi = lanesAt(im, bottom);
        const Lanes xr = *br, xi = *bi, yr = *ar, yi = *ai;
        const Lanes tr = wr * xr - wi * xi;
        const Lanes ti = wr * xi + wi * xr;
        *br = yr - tr;
        *bi = yi - ti;
        *ar = yr + tr;
        *ai = yi + ti;
      }
    }
  }
}

/// The DCT outputs of the strips from their FFT (result[k·kStrip + s]).
EDGEFUSE_VECTOR_CLONES void combineStrips(const double* re, const double* im, const DctPlan& p, double* result) {
  for (int k = 0; k < p.n; ++k) {
    const std::size_t first = static_cast<std::size_t>(p.k1[static_cast<std::size_t>(k)]);
    const std::size_t second = static_cast<std::size_t>(p.k2[static_cast<std::size_t>(k)]);
    const std::size_t at = static_cast<std::size_t>(k);
    *lanesAt(result, at) = (p.a[at] * *lanesAt(re, first) + p.b[at] * *lanesAt(im, first)) +
                           (p.c[at] * *lanesAt(re, second) + p.d[at] * *lanesAt(im, second));
  }
}

/// Working arrays of one transform length.
struct StripBuffers {
  PooledVector<double> re, im, result;
  explicit StripBuffers(int n)
      : re(static_cast<std::size_t>(n / 2) * kStrip), im(re.size()), result(static_cast<std::size_t>(n) * kStrip) {}
};

/// Transforms `count` ≤ kStrip sequences: element t of sequence s at
/// in[t·along + s·across], written to out at the same place.
void transformStrip(const DctPlan& p, const double* in, double* out, std::size_t along, std::size_t across, int count,
                    StripBuffers& buffers) {
  double* re = buffers.re.data();
  double* im = buffers.im.data();
  for (int m = 0; m < p.half; ++m) {
    const double* real = in + static_cast<std::size_t>(p.realFrom[static_cast<std::size_t>(m)]) * along;
    const double* imag = in + static_cast<std::size_t>(p.imagFrom[static_cast<std::size_t>(m)]) * along;
    double* r = re + static_cast<std::size_t>(m) * kStrip;
    double* i = im + static_cast<std::size_t>(m) * kStrip;
    for (int s = 0; s < count; ++s) {
      r[s] = real[static_cast<std::size_t>(s) * across];
      i[s] = imag[static_cast<std::size_t>(s) * across];
    }
    for (int s = count; s < kStrip; ++s) r[s] = i[s] = 0.0;
  }
  fftStrips(re, im, p.half, p.wCos.data(), p.wSin.data());
  double* result = buffers.result.data();
  combineStrips(re, im, p, result);
  for (int k = 0; k < p.n; ++k) {
    for (int s = 0; s < count; ++s) {
      out[static_cast<std::size_t>(k) * along + static_cast<std::size_t>(s) * across] =
          result[static_cast<std::size_t>(k) * kStrip + s];
    }
  }
}

bool powerOfTwo(int n) {
  return n >= 2 && n <= 8192 && (n & (n - 1)) == 0;
}

}  // namespace

bool fastDctSupports(int width, int height) {
  return powerOfTwo(width) && powerOfTwo(height);
}

void fastDct2(const double* in, double* out, int width, int height) {
  const DctPlan& columns = planFor(height);
  const DctPlan& rows = planFor(width);
  const std::size_t w = static_cast<std::size_t>(width);
  PooledVector<double> along(w * static_cast<std::size_t>(height));
  {
    // Down each column: strips of neighbouring columns.
    StripBuffers buffers(height);
    for (int x = 0; x < width; x += kStrip) {
      transformStrip(columns, in + x, along.data() + x, w, 1, std::min(kStrip, width - x), buffers);
    }
  }
  // Along each row: strips of neighbouring rows.
  StripBuffers buffers(width);
  for (int y = 0; y < height; y += kStrip) {
    const std::size_t at = static_cast<std::size_t>(y) * w;
    transformStrip(rows, along.data() + at, out + at, 1, w, std::min(kStrip, height - y), buffers);
  }
}

}  // namespace edgefuse::metrics_detail
