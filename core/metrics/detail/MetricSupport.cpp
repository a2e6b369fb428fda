// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/LaneSum.h"
#include "core/metrics/detail/VectorClones.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace edgefuse::metrics_detail {

Expected<void> checkInputs(std::initializer_list<const Image*> images, int minSide, const char* metric) {
  const Image* first = *images.begin();
  for (const Image* image : images) {
    if (image->empty()) return fail(ErrorCode::InvalidArgument, std::string(metric) + ": an input image is empty");
    if (image->channels != 1) {
      return fail(ErrorCode::InvalidArgument,
                  std::string(metric) + ": metrics need grey images (use the Y channel of a colour image)");
    }
    if (image->pixels.size() != image->pixelCount()) {
      return fail(ErrorCode::InvalidArgument, std::string(metric) + ": pixel buffer does not match the image size");
    }
    if (image->width != first->width || image->height != first->height) {
      return fail(ErrorCode::SizeMismatch, std::string(metric) + ": images differ in size (" +
                                               std::to_string(first->width) + "x" + std::to_string(first->height) +
                                               " and " + std::to_string(image->width) + "x" +
                                               std::to_string(image->height) + ")");
    }
  }
  if (first->width < minSide || first->height < minSide) {
    return fail(ErrorCode::InvalidArgument, std::string(metric) + ": needs images of at least " +
                                                std::to_string(minSide) + "x" + std::to_string(minSide) + " pixels");
  }
  for (const Image* image : images) {
    for (float v : image->pixels) {
      // Written so that NaN fails too.
      if (!(v >= 0.0f && v <= 1.0f)) {
        if (!std::isfinite(v)) {
          return fail(ErrorCode::InvalidArgument, std::string(metric) + ": an image contains NaN or infinite values");
        }
        return fail(ErrorCode::InvalidArgument,
                    std::string(metric) + ": image values must lie in [0,1] (normalise the images first)");
      }
    }
  }
  return {};
}

EDGEFUSE_VECTOR_CLONES Plane toPlane(const Image& image, double scale) {
  Plane p(image.width, image.height, Uninitialized{});
  for (std::size_t i = 0; i < p.v.size(); ++i) p.v[i] = static_cast<double>(image.pixels[i]) * scale;
  return p;
}

EDGEFUSE_VECTOR_CLONES std::vector<std::uint8_t> quantize8(const Image& image) {
  std::vector<std::uint8_t> q(image.pixels.size());
  for (std::size_t i = 0; i < q.size(); ++i) {
    // 255·x has at most 32 significant bits for a float x, so this is exact
    // in double. Clamped to [0, 255.5] first, the value is non-negative and
    // truncation is the floor (a conversion the baseline build vectorises;
    // std::floor is a library call there).
    const double shifted = std::clamp(255.0 * static_cast<double>(image.pixels[i]) + 0.5, 0.0, 255.5);
    q[i] = static_cast<std::uint8_t>(static_cast<int>(shifted));
  }
  return q;
}

std::vector<double> gaussianKernel(int size, double sigma) {
  std::vector<double> k(static_cast<std::size_t>(size));
  const double centre = (size - 1) / 2.0;
  double sum = 0.0;
  for (int i = 0; i < size; ++i) {
    const double x = i - centre;
    k[static_cast<std::size_t>(i)] = std::exp(-(x * x) / (2.0 * sigma * sigma));
    sum += k[static_cast<std::size_t>(i)];
  }
  for (double& v : k) v /= sum;
  return k;
}

namespace {

/// dst[x] = Σ_t k[t]·src[x + t·step] for x < count. A symmetric kernel
/// (k[t] = k[taps−1−t], taps odd) takes each pair of taps with one product.
EDGEFUSE_VECTOR_CLONES void correlateLine(const double* __restrict src, std::size_t step, const double* __restrict k,
                                          int taps, bool symmetric, double* __restrict dst, int count) {
  if (symmetric) {
    const int centre = taps / 2;
    const double* __restrict middle = src + static_cast<std::size_t>(centre) * step;
    for (int x = 0; x < count; ++x) dst[x] = k[centre] * middle[x];
    for (int t = 0; t < centre; ++t) {
      const double w = k[t];
      const double* __restrict s = src + static_cast<std::size_t>(t) * step;
      const double* __restrict mirror = src + static_cast<std::size_t>(taps - 1 - t) * step;
      for (int x = 0; x < count; ++x) dst[x] += w * (s[x] + mirror[x]);
    }
    return;
  }
  for (int x = 0; x < count; ++x) dst[x] = k[0] * src[x];
  for (int t = 1; t < taps; ++t) {
    const double w = k[t];
    const double* __restrict s = src + static_cast<std::size_t>(t) * step;
    for (int x = 0; x < count; ++x) dst[x] += w * s[x];
  }
}

/// correlateLine for a symmetric kernel of kTaps taps, with each output's
/// sum held in a register (the same products added in the same order, so the
/// same values): a loop that GCC vectorises across the outputs.
template <int kTaps>
EDGEFUSE_VECTOR_CLONES void correlateSymmetric(const double* __restrict src, std::size_t step,
                                               const double* __restrict k, double* __restrict dst, int count) {
  constexpr int centre = kTaps / 2;
  double weight[centre + 1];
  for (int t = 0; t <= centre; ++t) weight[t] = k[t];
  const double* __restrict middle = src + static_cast<std::size_t>(centre) * step;
  for (int x = 0; x < count; ++x) {
    double sum = weight[centre] * middle[x];
#pragma GCC unroll 16
    for (int t = 0; t < centre; ++t) {
      sum += weight[t] *
             (src[static_cast<std::size_t>(t) * step + x] + src[static_cast<std::size_t>(kTaps - 1 - t) * step + x]);
    }
    dst[x] = sum;
  }
}

/// correlateLine through correlateSymmetric for the kernels the metrics use
/// (SSIM's 11 taps, VIF's 17, 9, 5 and 3).
void correlate(const double* src, std::size_t step, const double* k, int taps, bool symmetric, double* dst, int count) {
  if (symmetric) {
    switch (taps) {
      case 3:
        return correlateSymmetric<3>(src, step, k, dst, count);
      case 5:
        return correlateSymmetric<5>(src, step, k, dst, count);
      case 9:
        return correlateSymmetric<9>(src, step, k, dst, count);
      case 11:
        return correlateSymmetric<11>(src, step, k, dst, count);
      case 17:
        return correlateSymmetric<17>(src, step, k, dst, count);
      default:
        break;
    }
  }
  correlateLine(src, step, k, taps, symmetric, dst, count);
}

}  // namespace

Plane filterValid(const Plane& in, const std::vector<double>& k) {
  const int taps = static_cast<int>(k.size());
  const int outW = in.width - taps + 1, outH = in.height - taps + 1;
  if (outW <= 0 || outH <= 0) return Plane(0, 0);
  bool symmetric = taps % 2 == 1;
  for (int t = 0; t < taps / 2; ++t) symmetric = symmetric && k[t] == k[taps - 1 - t];
  // Horizontal pass over every row, then vertical pass; both run along rows.
  PooledVector<double> rows(static_cast<std::size_t>(outW) * in.height);
  for (int y = 0; y < in.height; ++y) {
    correlate(&in.v[static_cast<std::size_t>(y) * in.width], 1, k.data(), taps, symmetric,
              &rows[static_cast<std::size_t>(y) * outW], outW);
  }
  Plane out;
  out.width = outW;
  out.height = outH;
  out.v.resize(static_cast<std::size_t>(outW) * outH);
  for (int y = 0; y < outH; ++y) {
    correlate(&rows[static_cast<std::size_t>(y) * outW], static_cast<std::size_t>(outW), k.data(), taps, symmetric,
              &out.v[static_cast<std::size_t>(y) * outW], outW);
  }
  return out;
}

EDGEFUSE_VECTOR_CLONES Plane multiply(const Plane& x, const Plane& y) {
  Plane out(x.width, x.height, Uninitialized{});
  for (std::size_t i = 0; i < out.v.size(); ++i) out.v[i] = x.v[i] * y.v[i];
  return out;
}

double entropyOfCounts(const std::uint32_t* counts, std::size_t bins, double total) {
  double h = 0.0;
  for (std::size_t i = 0; i < bins; ++i) {
    if (counts[i] == 0) continue;
    const double p = counts[i] / total;
    h -= p * std::log2(p);
  }
  return h;
}

double entropy8(const std::vector<std::uint8_t>& q) {
  std::uint32_t counts[256] = {};
  for (std::uint8_t v : q) ++counts[v];
  return entropyOfCounts(counts, 256, static_cast<double>(q.size()));
}

double jointEntropy8(const std::vector<std::uint8_t>& x, const std::vector<std::uint8_t>& y) {
  PooledVector<std::uint32_t> counts(256 * 256, 0);
  for (std::size_t i = 0; i < x.size(); ++i) ++counts[(static_cast<std::size_t>(x[i]) << 8) | y[i]];
  return entropyOfCounts(counts.data(), counts.size(), static_cast<double>(x.size()));
}

double distinctValueEntropy(const float* values, std::size_t n) {
  // Sort the bit patterns of the (non-negative) values with an LSD radix sort
  // in two 16-bit passes: for non-negative IEEE floats the order of the bit
  // patterns is the order of the values, and equal values have equal patterns
  // once −0 is mapped to +0.
  PooledVector<std::uint32_t> keys(n), tmp(n);
  for (std::size_t i = 0; i < n; ++i) {
    const float v = values[i] + 0.0f;  // −0 → +0
    std::uint32_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    keys[i] = bits;
  }
  PooledVector<std::uint32_t> offsets(65536);
  for (int shift : {0, 16}) {
    std::fill(offsets.begin(), offsets.end(), 0u);
    for (std::uint32_t k : keys) ++offsets[(k >> shift) & 0xFFFFu];
    std::uint32_t running = 0;
    for (std::uint32_t& o : offsets) {
      const std::uint32_t c = o;
      o = running;
      running += c;
    }
    for (std::uint32_t k : keys) tmp[offsets[(k >> shift) & 0xFFFFu]++] = k;
    keys.swap(tmp);
  }
  double h = 0.0;
  const double total = static_cast<double>(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && keys[j] == keys[i]) ++j;
    const double p = static_cast<double>(j - i) / total;
    h -= p * std::log2(p);
    i = j;
  }
  return h;
}

namespace {

/// The extremes and the sum of n values, in vectorisable loops.
EDGEFUSE_VECTOR_CLONES void rangeAndSum(const double* __restrict v, int n, double& lo, double& hi, LaneSum& sum) {
  double blockLo[8], blockHi[8];
  for (int l = 0; l < 8; ++l) blockLo[l] = blockHi[l] = v[0];
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int l = 0; l < 8; ++l) {
      blockLo[l] = std::min(blockLo[l], v[i + l]);
      blockHi[l] = std::max(blockHi[l], v[i + l]);
    }
  }
  for (; i < n; ++i) {
    blockLo[0] = std::min(blockLo[0], v[i]);
    blockHi[0] = std::max(blockHi[0], v[i]);
  }
  for (int l = 0; l < 8; ++l) {
    lo = std::min(lo, blockLo[l]);
    hi = std::max(hi, blockHi[l]);
  }
  sum.add(v, n);
}

/// The centred sums Σ(x − mx)(y − my), Σ(x − mx)², Σ(y − my)² of n values.
EDGEFUSE_VECTOR_CLONES void centredSums(const double* __restrict x, const double* __restrict y, int n, double mx,
                                        double my, LaneSum& sxy, LaneSum& sxx, LaneSum& syy) {
  double xy[kLaneSumBlock], xx[kLaneSumBlock], yy[kLaneSumBlock];
  for (int i = 0; i < n; ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    xy[i] = dx * dy;
    xx[i] = dx * dx;
    yy[i] = dy * dy;
  }
  sxy.add(xy, n);
  sxx.add(xx, n);
  syy.add(yy, n);
}

}  // namespace

ValueRange rangeAndMean(const double* v, std::size_t n) {
  ValueRange r;
  r.lo = r.hi = v[0];
  LaneSum sum;
  for (std::size_t first = 0; first < n; first += kLaneSumBlock) {
    const int count = static_cast<int>(std::min<std::size_t>(kLaneSumBlock, n - first));
    rangeAndSum(v + first, count, r.lo, r.hi, sum);
  }
  r.mean = sum.total() / static_cast<double>(n);
  return r;
}

double pearson(const double* x, const double* y, std::size_t n, bool* defined) {
  if (n == 0) {
    if (defined) *defined = false;
    return 0.0;
  }
  // A constant array is detected exactly: its mean need not equal its value
  // after rounding, which would leave a tiny spurious variance.
  const ValueRange rx = rangeAndMean(x, n), ry = rangeAndMean(y, n);
  if (rx.lo == rx.hi || ry.lo == ry.hi) {
    if (defined) *defined = false;
    return 0.0;
  }
  const double mx = rx.mean, my = ry.mean;
  LaneSum sxy, sxx, syy;
  for (std::size_t first = 0; first < n; first += kLaneSumBlock) {
    const int count = static_cast<int>(std::min<std::size_t>(kLaneSumBlock, n - first));
    centredSums(x + first, y + first, count, mx, my, sxy, sxx, syy);
  }
  if (defined) *defined = true;
  return sxy.total() / std::sqrt(sxx.total() * syy.total());
}

}  // namespace edgefuse::metrics_detail
