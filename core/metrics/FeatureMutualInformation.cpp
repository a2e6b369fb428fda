// Feature mutual information (Haghighat et al. 2011; fast FMI, fmi.m).
//
// fmi.m fills a 9×9 joint pdf per window pair: J(i,j) = φ·U(i,j) + (1−φ)·p_i·q_j,
// where U is the mass the Fréchet bound copula puts on the rectangle of cdf
// steps i and j. U is non-zero only where the cdf steps of the two windows
// overlap, a "staircase" of at most 17 cells that a merge of the two sorted
// cdfs finds. The joint entropy is therefore computed as the closed form of
// the product part over all 81 cells plus a correction on the staircase cells,
// which gives fmi.m's sum with a fraction of its logarithms.

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/FastLog.h"
#include "core/metrics/detail/FmiKernels.h"
#include "core/metrics/detail/MetricSupport.h"

namespace edgefuse {

namespace metrics_detail {

namespace {

constexpr int kBins = 9;  // a 3×3 window

// The per-window work runs on chunks of windows stored as structures of
// arrays with fixed strides, so that the compiler vectorises it (and builds
// AVX2 and AVX variants picked at run time on x86-64: the logarithm's bit
// manipulation needs AVX2's 256-bit integer instructions; neither enables
// FMA, so the arithmetic is the same); the merge of the pair step is
// data-dependent and stays scalar.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(EDGEFUSE_NO_VECTOR_CLONES)
#define EDGEFUSE_VECTOR_CLONES __attribute__((target_clones("avx2", "avx", "default")))
#else
#define EDGEFUSE_VECTOR_CLONES
#endif

constexpr int kChunk = 128;  // windows per chunk

/// Up to kChunk windows of one feature map, each with its 9-bin pdf and what
/// every pair it is in needs of it. Only non-constant windows are described.
struct PdfChunk {
  int count = 0;
  int column[kChunk];  // x of the window's top-left corner
  double low[kChunk];
  double pdf[kBins][kChunk];
  double cdf[kBins][kChunk];
  double log2Pdf[kBins][kChunk];  // 0 where pdf is 0
  double deviation[kBins][kChunk];
  double pdfSum[kChunk];
  double cdfSum[kChunk];
  double sumSquaredDeviation[kChunk];
  double entropy[kChunk];
  double sd[kChunk];
};

/// One bin of describeChunk for n windows: the pdf value (pdf holds the
/// window value minus the window's minimum on entry), the cdf from the
/// previous bin's, and the sums over bins. Separate arrays (restrict), so
/// that it vectorises.
EDGEFUSE_VECTOR_CLONES void pdfStep(double index, const double* __restrict sum, const double* __restrict previous,
                                    double* __restrict pdf, double* __restrict cdf, double* __restrict log2Pdf,
                                    double* __restrict cdfSum, double* __restrict pdfSum, double* __restrict entropy,
                                    double* __restrict moment1, double* __restrict moment2, int n) {
  for (int i = 0; i < n; ++i) {
    const double p = pdf[i] / sum[i];
    pdf[i] = p;
    const double running = previous[i] + p;
    cdf[i] = running;
    cdfSum[i] += running;
    pdfSum[i] += p;
    moment1[i] += index * p;
    moment2[i] += index * index * p;
    const double l = log2Vectorisable(p > 0.0 ? p : 1.0);
    log2Pdf[i] = p > 0.0 ? l : 0.0;
    entropy[i] -= p * log2Pdf[i];
  }
}

/// fmi.m's per-window steps for the chunk's windows in the row starting at
/// `top` (the window's top row): min–max normalisation and division by the
/// sum (column sums first, as MATLAB's sum(sum())) in one step, cdf,
/// moments, entropy.
EDGEFUSE_VECTOR_CLONES void describeChunk(const double* top, std::size_t stride, PdfChunk& c) {
  const int n = c.count;
  // Gather the windows, column-major (MATLAB's (:)), into pdf[] for now.
  for (int i = 0; i < n; ++i) {
    const double* w = top + c.column[i];
    for (int col = 0; col < 3; ++col) {
      c.pdf[3 * col][i] = w[col];
      c.pdf[3 * col + 1][i] = w[stride + col];
      c.pdf[3 * col + 2][i] = w[2 * stride + col];
    }
  }
  // fmi.m divides (x − min) by the range and then by the sum; the range
  // cancels, so p = (x − min) / Σ(x − min). (A division rather than a
  // product with the reciprocal: a window with one non-zero bin then has
  // p = 1 exactly, and so sd = 0, as in fmi.m.)
  for (int k = 0; k < kBins; ++k) {
    double* __restrict v = c.pdf[k];
    const double* __restrict low = c.low;
    for (int i = 0; i < n; ++i) v[i] -= low[i];
  }
  double sum[kChunk];
  for (int i = 0; i < n; ++i) {
    sum[i] = (c.pdf[0][i] + c.pdf[1][i] + c.pdf[2][i]) + (c.pdf[3][i] + c.pdf[4][i] + c.pdf[5][i]) +
             (c.pdf[6][i] + c.pdf[7][i] + c.pdf[8][i]);
  }
  double moment1[kChunk], moment2[kChunk];
  const double zero[kChunk] = {};
  for (int i = 0; i < n; ++i) {
    c.pdfSum[i] = c.cdfSum[i] = c.entropy[i] = moment1[i] = moment2[i] = 0.0;
  }
  for (int k = 0; k < kBins; ++k) {
    pdfStep(k + 1, sum, k > 0 ? c.cdf[k - 1] : zero, c.pdf[k], c.cdf[k], c.log2Pdf[k], c.cdfSum, c.pdfSum, c.entropy,
            moment1, moment2, n);
  }
  for (int i = 0; i < n; ++i) {
    c.sumSquaredDeviation[i] = 0.0;
    c.sd[i] = std::sqrt(std::max(0.0, moment2[i] - moment1[i] * moment1[i]));
  }
  for (int k = 0; k < kBins; ++k) {
    const double* __restrict p = c.pdf[k];
    const double* __restrict pdfSum = c.pdfSum;
    double* __restrict deviation = c.deviation[k];
    double* __restrict ssd = c.sumSquaredDeviation;
    for (int i = 0; i < n; ++i) {
      const double d = p[i] - pdfSum[i] / kBins;
      deviation[i] = d;
      ssd[i] += d * d;
    }
  }
}

/// At most 17 merge steps per pair (each advances i or m, and the merge
/// stops when one of them reaches 9); room for 18.
constexpr int kMaxCells = 2 * kBins;

/// The staircase cells of the pairs of one chunk, filled pair by pair, then
/// finished in one vectorised pass (cellTerms).
struct CellBatch {
  double mass[kChunk * kMaxCells];           // u: the bound's mass in the cell
  double productPdf[kChunk * kMaxCells];     // p_i·q_j
  double productLog2[kChunk * kMaxCells];    // log2 p_i + log2 q_j (0 for a zero pdf)
  double weight[kChunk * kMaxCells];         // the pair's bound weight
  double productWeight[kChunk * kMaxCells];  // the pair's k = 1 − weight
  double log2AbsK[kChunk * kMaxCells];       // the pair's log2|k| (0 for k = 0)
  double term[kChunk * kMaxCells];           // the cell's share of the joint entropy
};

/// The joint entropy of one window pair (F window a of chunk f, source
/// window b of chunk s, neither constant, not identical), all but its
/// staircase cells: Pearson correlation c of the pdfs, the merge of their cdf
/// steps into the staircase cells of the Fréchet bound picked by the sign of
/// c, the bound weight, the closed form of the product part. Returns −1 when
/// φ = 0 (J = p·q, MI = 0); otherwise the number of cells (one per merge
/// step, empty ones included), written to `batch` from index `at` on, and
/// the rest of the joint entropy in `joint`.
int pairFmiCells(const PdfChunk& f, int a, const PdfChunk& s, int b, CellBatch& batch, int at, double& joint) {
  double cross = 0.0;
  for (int k = 0; k < kBins; ++k) cross += s.deviation[k][b] * f.deviation[k][a];
  const double c = cross == 0.0 ? 0.0 : cross / std::sqrt(s.sumSquaredDeviation[b] * f.sumSquaredDeviation[a]);
  if (c == 0.0 || s.sd[b] == 0.0 || f.sd[a] == 0.0) return -1;

  // Merge the cdf steps of F (axis i) with those of the source (axis j) for
  // the upper bound (c > 0), or with the source's steps mirrored to 1 − cdf
  // for the lower bound (c < 0). Each merged segment of length u lies in one
  // cell (i, j) and is the bound's mass there; the bound's Σ_ij C(F_i, G_j)
  // is Σ u·(9 − i)·(9 − j) (the integral of the counts of steps above t).
  // The source's steps are put in merge order m first, with what the cells
  // need of them. The merge yields every segment, empty ones too (equal
  // steps): an empty cell adds 0 to the bound's sum, and its term in the
  // entropy is the product part's own, −q·log2|q| + q·log2|q| = 0 (to
  // rounding).
  const bool upper = c > 0.0;
  // One +∞ past each end: the merge reads one step ahead.
  double first[kBins + 1], firstPdf[kBins], firstLog2[kBins], firstAbove[kBins];
  double second[kBins + 1], secondPdf[kBins], secondLog2[kBins], secondAbove[kBins];
  for (int k = 0; k < kBins; ++k) {
    first[k] = f.cdf[k][a];
    firstPdf[k] = f.pdf[k][a];
    firstLog2[k] = f.log2Pdf[k][a];
    firstAbove[k] = kBins - k;
  }
  for (int m = 0; m < kBins; ++m) {
    // Lower bound: source step j covers (1 − cdf_j, 1 − cdf_{j−1}], so the
    // ascending order is j = 8 … 0.
    const int j = upper ? m : kBins - 1 - m;
    second[m] = upper ? s.cdf[m][b] : (m < kBins - 1 ? 1.0 - s.cdf[kBins - 2 - m][b] : 1.0);
    secondPdf[m] = s.pdf[j][b];
    secondLog2[m] = s.log2Pdf[j][b];
    secondAbove[m] = kBins - j;
  }
  first[kBins] = second[kBins] = std::numeric_limits<double>::infinity();
  // The merge proper: the current steps fi, gm and the next ones are kept in
  // registers, so that no load waits for the last comparison.
  double merged[kMaxCells];
  int cellI[kMaxCells], cellM[kMaxCells];
  int cells = 0, i = 0, m = 0;
  double fi = first[0], gm = second[0];
  while (i < kBins && m < kBins) {
    const double fiNext = first[i + 1], gmNext = second[m + 1];
    const bool takeF = fi <= gm;
    merged[cells] = takeF ? fi : gm;
    cellI[cells] = i;
    cellM[cells] = m;
    ++cells;
    i += takeF ? 1 : 0;
    m += takeF ? 0 : 1;
    fi = takeF ? fiNext : fi;
    gm = takeF ? gm : gmNext;
  }
  double* mass = &batch.mass[at];
  double* productPdf = &batch.productPdf[at];
  double* productLog2 = &batch.productLog2[at];
  double boundSum = 0.0, previous = 0.0;
  for (int e = 0; e < cells; ++e) {
    const int ci = cellI[e], cm = cellM[e];
    const double u = merged[e] - previous;
    previous = merged[e];
    mass[e] = u;
    productPdf[e] = firstPdf[ci] * secondPdf[cm];
    productLog2[e] = firstLog2[ci] + secondLog2[cm];
    boundSum += u * (firstAbove[ci] * secondAbove[cm]);
  }
  const double cov = boundSum - f.cdfSum[a] * s.cdfSum[b];
  const double weight = c / (cov / (f.sd[a] * s.sd[b]));  // φ (upper) or θ (lower)

  // Σ over all 81 cells of the product part k·p_i·q_j in closed form; each
  // staircase cell is corrected to its full value weight·u + k·p_i·q_j.
  const double k = 1.0 - weight;
  double log2AbsK = 0.0;
  joint = 0.0;
  if (k != 0.0) {
    log2AbsK = fastLog2(std::abs(k));
    joint = -k * log2AbsK * f.pdfSum[a] * s.pdfSum[b] + k * (s.pdfSum[b] * f.entropy[a] + f.pdfSum[a] * s.entropy[b]);
  }
  for (int e = 0; e < cells; ++e) {
    batch.weight[at + e] = weight;
    batch.productWeight[at + e] = k;
    batch.log2AbsK[at + e] = log2AbsK;
  }
  return cells;
}

/// Each cell's share of the joint entropy, −J·log2|J| + q·(log2|k| + log2 p_i
/// + log2 q_j) with J = weight·u + q its full value and q = k·p_i·q_j its
/// product part (whose share the closed form counted). −J·log2|J| for
/// negative J is the real part of MATLAB's complex log, as fmi.m sums it;
/// values below 1e-300 in magnitude take the logarithm of 1e-300, as
/// fastLog2.
EDGEFUSE_VECTOR_CLONES void cellTerms(CellBatch& batch, int n) {
  const double* __restrict mass = batch.mass;
  const double* __restrict productPdf = batch.productPdf;
  const double* __restrict productLog2 = batch.productLog2;
  const double* __restrict weight = batch.weight;
  const double* __restrict productWeight = batch.productWeight;
  const double* __restrict log2AbsK = batch.log2AbsK;
  double* __restrict term = batch.term;
  for (int e = 0; e < n; ++e) {
    const double product = productWeight[e] * productPdf[e];
    const double productTerm = product == 0.0 ? 0.0 : -product * (log2AbsK[e] + productLog2[e]);
    const double value = weight[e] * mass[e] + product;
    const double magnitude = std::abs(value);
    term[e] = -value * log2Vectorisable(magnitude > 1e-300 ? magnitude : 1e-300) - productTerm;
  }
}

/// Per position of a feature map: the minimum and maximum of its 3×3 window
/// (valid positions only, indexed by the window's top-left corner).
void windowExtremes(const Plane& feature, PooledVector<double>& lo, PooledVector<double>& hi) {
  const int w = feature.width, h = feature.height, ow = w - 2, oh = h - 2;
  PooledVector<double> rowLo(static_cast<std::size_t>(ow) * h), rowHi(rowLo.size());
  for (int y = 0; y < h; ++y) {
    const double* src = &feature.v[static_cast<std::size_t>(y) * w];
    double* l = &rowLo[static_cast<std::size_t>(y) * ow];
    double* u = &rowHi[static_cast<std::size_t>(y) * ow];
    for (int x = 0; x < ow; ++x) {
      l[x] = std::min(std::min(src[x], src[x + 1]), src[x + 2]);
      u[x] = std::max(std::max(src[x], src[x + 1]), src[x + 2]);
    }
  }
  lo.resize(static_cast<std::size_t>(ow) * oh);
  hi.resize(lo.size());
  for (int y = 0; y < oh; ++y) {
    const std::size_t a = static_cast<std::size_t>(y) * ow, b = a + ow, c = b + ow;
    for (int x = 0; x < ow; ++x) {
      lo[a + x] = std::min(std::min(rowLo[a + x], rowLo[b + x]), rowLo[c + x]);
      hi[a + x] = std::max(std::max(rowHi[a + x], rowHi[b + x]), rowHi[c + x]);
    }
  }
}

/// Per window position: 1 where the 3×3 windows of two maps are identical.
PooledVector<unsigned char> identicalWindows(const Plane& a, const Plane& b) {
  const int w = a.width, h = a.height, ow = w - 2, oh = h - 2;
  PooledVector<unsigned char> equal(a.size()), rows(static_cast<std::size_t>(ow) * h),
      out(static_cast<std::size_t>(ow) * oh);
  for (std::size_t i = 0; i < equal.size(); ++i) equal[i] = a.v[i] == b.v[i] ? 1 : 0;
  for (int y = 0; y < h; ++y) {
    const unsigned char* e = &equal[static_cast<std::size_t>(y) * w];
    unsigned char* r = &rows[static_cast<std::size_t>(y) * ow];
    for (int x = 0; x < ow; ++x) r[x] = e[x] & e[x + 1] & e[x + 2];
  }
  for (int y = 0; y < oh; ++y) {
    const std::size_t p = static_cast<std::size_t>(y) * ow;
    for (int x = 0; x < ow; ++x) out[p + x] = rows[p + x] & rows[p + ow + x] & rows[p + 2 * ow + x];
  }
  return out;
}

}  // namespace

Plane fmiFeatureMap(const Plane& image, FmiFeature feature) {
  switch (feature) {
    case FmiFeature::Pixel:
      return image;
    case FmiFeature::Gradient: {
      // MATLAB/NumPy gradient: central differences, one-sided at the border.
      const int w = image.width, h = image.height;
      Plane out(w, h, Uninitialized{});
      auto diff = [](double lo, double hi, int span) { return (hi - lo) / span; };
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          const int x0 = std::max(x - 1, 0), x1 = std::min(x + 1, w - 1);
          const int y0 = std::max(y - 1, 0), y1 = std::min(y + 1, h - 1);
          const double gx = x1 > x0 ? diff(image.at(x0, y), image.at(x1, y), x1 - x0) : 0.0;
          const double gy = y1 > y0 ? diff(image.at(x, y0), image.at(x, y1), y1 - y0) : 0.0;
          out.at(x, y) = std::sqrt(gx * gx + gy * gy);
        }
      }
      return out;
    }
    case FmiFeature::Dct:
      return dct2(image);
  }
  return image;
}

Plane dct2(const Plane& image) {
  const int w = image.width, h = image.height;
  Plane out(w, h, Uninitialized{});
  // cv::dct handles even lengths; odd lengths use the defining sum (small images only).
  auto dct1d = [](const double* in, double* result, int n, std::size_t stride) {
    if (n % 2 == 0) {
      cv::Mat src(1, n, CV_64F), dst;
      for (int i = 0; i < n; ++i) src.at<double>(0, i) = in[i * stride];
      cv::dct(src, dst);
      for (int i = 0; i < n; ++i) result[i * stride] = dst.at<double>(0, i);
      return;
    }
    const double pi = 3.14159265358979323846;
    for (int k = 0; k < n; ++k) {
      double sum = 0.0;
      for (int i = 0; i < n; ++i) sum += in[i * stride] * std::cos(pi * (2 * i + 1) * k / (2.0 * n));
      result[k * stride] = sum * std::sqrt((k == 0 ? 1.0 : 2.0) / n);
    }
  };
  if (w % 2 == 0 && h % 2 == 0) {
    cv::Mat src(h, w, CV_64F, const_cast<double*>(image.v.data()));
    cv::Mat dst(h, w, CV_64F, out.v.data());
    cv::dct(src, dst);
    return out;
  }
  Plane rows(w, h, Uninitialized{});
  for (int y = 0; y < h; ++y)
    dct1d(&image.v[static_cast<std::size_t>(y) * w], &rows.v[static_cast<std::size_t>(y) * w], w, 1);
  for (int x = 0; x < w; ++x) dct1d(&rows.v[x], &out.v[x], h, static_cast<std::size_t>(w));
  return out;
}

std::vector<double> fmiMeans(const std::vector<const Plane*>& sources, const Plane& fused) {
  const int w = fused.width, h = fused.height, ow = w - 2, oh = h - 2;
  const std::size_t stride = static_cast<std::size_t>(w);
  PooledVector<double> fusedLo, fusedHi;
  windowExtremes(fused, fusedLo, fusedHi);
  const std::size_t count = sources.size();
  std::vector<PooledVector<double>> lo(count), hi(count);
  std::vector<PooledVector<unsigned char>> same(count);
  for (std::size_t s = 0; s < count; ++s) {
    windowExtremes(*sources[s], lo[s], hi[s]);
    same[s] = identicalWindows(*sources[s], fused);
  }
  std::vector<double> sums(count, 0.0);
  // Large: on the heap, reused for every chunk.
  auto fusedChunk = std::make_unique<PdfChunk>();
  auto sourceChunk = std::make_unique<PdfChunk>();
  auto cellBatch = std::make_unique<CellBatch>();
  int fusedIndex[kChunk], pairF[kChunk], cellStart[kChunk], cellCount[kChunk];
  double pairJoint[kChunk];
  for (int y = 0; y < oh; ++y) {
    const std::size_t rowAt = static_cast<std::size_t>(y) * ow;
    for (int x0 = 0; x0 < ow; x0 += kChunk) {
      const int x1 = std::min(x0 + kChunk, ow);
      // Identical windows give 1; a constant window has a uniform pdf, c = 0
      // and so MI = 0. Only the other windows are described.
      PdfChunk& fc = *fusedChunk;
      fc.count = 0;
      for (int x = x0; x < x1; ++x) {
        const std::size_t at = rowAt + x;
        fusedIndex[x - x0] = -1;
        if (fusedLo[at] == fusedHi[at]) continue;
        bool needed = false;
        for (std::size_t s = 0; s < count; ++s) needed = needed || (!same[s][at] && lo[s][at] != hi[s][at]);
        if (!needed) continue;
        fusedIndex[x - x0] = fc.count;
        fc.column[fc.count] = x;
        fc.low[fc.count] = fusedLo[at];
        ++fc.count;
      }
      describeChunk(&fused.v[static_cast<std::size_t>(y) * stride], stride, fc);
      for (std::size_t s = 0; s < count; ++s) {
        PdfChunk& sc = *sourceChunk;
        sc.count = 0;
        for (int x = x0; x < x1; ++x) {
          const std::size_t at = rowAt + x;
          if (same[s][at]) {
            sums[s] += 1.0;
            continue;
          }
          if (fusedIndex[x - x0] < 0 || lo[s][at] == hi[s][at]) continue;
          pairF[sc.count] = fusedIndex[x - x0];
          sc.column[sc.count] = x;
          sc.low[sc.count] = lo[s][at];
          ++sc.count;
        }
        describeChunk(&sources[s]->v[static_cast<std::size_t>(y) * stride], stride, sc);
        // All pairs' cells first, then their logarithms in one vectorised pass.
        int cells = 0;
        for (int i = 0; i < sc.count; ++i) {
          cellStart[i] = cells;
          const int added = pairFmiCells(fc, pairF[i], sc, i, *cellBatch, cells, pairJoint[i]);
          cellCount[i] = added;  // −1: φ = 0, MI = 0
          if (added > 0) cells += added;
        }
        cellTerms(*cellBatch, cells);
        for (int i = 0; i < sc.count; ++i) {
          if (cellCount[i] < 0) continue;
          const int a = pairF[i];
          double joint = pairJoint[i];
          for (int e = cellStart[i]; e < cellStart[i] + cellCount[i]; ++e) joint += cellBatch->term[e];
          const double mi = sc.entropy[i] + fc.entropy[a] - joint;
          if (mi != 0.0) sums[s] += 2.0 * mi / (sc.entropy[i] + fc.entropy[a]);
        }
      }
    }
  }
  const double windows = static_cast<double>(ow) * oh;
  for (double& v : sums) v /= windows;
  return sums;
}

}  // namespace metrics_detail

using namespace metrics_detail;

Expected<double> featureMutualInformation(const Image& source, const Image& fused, FmiFeature feature) {
  if (auto ok = checkInputs({&source, &fused}, 3, "fmi"); !ok) return tl::unexpected(ok.error());
  const Plane s = fmiFeatureMap(toPlane(source), feature), f = fmiFeatureMap(toPlane(fused), feature);
  return fmiMeans({&s}, f)[0];
}

}  // namespace edgefuse
