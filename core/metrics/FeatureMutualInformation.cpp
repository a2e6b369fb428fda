// SPDX-License-Identifier: GPL-3.0-or-later
// Feature mutual information (Haghighat et al. 2011; fast FMI, fmi.m).
//
// fmi.m fills a 9×9 joint pdf per window pair: J(i,j) = φ·U(i,j) + (1−φ)·p_i·q_j,
// where U is the mass the Fréchet bound copula puts on the rectangle of cdf
// steps i and j. U is non-zero only where the cdf steps of the two windows
// overlap, a "staircase" of at most 17 cells that a merge of the two sorted
// cdfs finds (here found by comparisons instead, see staircaseCells). The
// joint entropy is therefore computed as the closed form of the product part
// over all 81 cells plus a correction on the staircase cells, which gives
// fmi.m's sum with a fraction of its logarithms. The pair step runs in single
// precision (twice the vector lanes); pairs with a window that single
// precision cannot describe run again in double (see kFloatSafePdf).

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <type_traits>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/Dct2d.h"
#include "core/metrics/detail/FastLog.h"
#include "core/metrics/detail/FmiKernels.h"
#include "core/metrics/detail/LaneSum.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/VectorClones.h"

namespace edgefuse {

namespace metrics_detail {

namespace {

constexpr int kBins = 9;  // a 3×3 window

// The per-window and per-pair work runs on chunks stored as structures of
// arrays with fixed strides, so that the compiler vectorises it (in the
// variants of VectorClones.h).
constexpr int kChunk = 128;  // windows per chunk

/// The per-window and per-pair loops run over a multiple of this many
/// windows or pairs (16 floats: an AVX-512 vector), the lanes past the real
/// ones holding a copy of the last real window (or pair): without them each
/// loop ended in a scalar remainder, which took a quarter to a third of the
/// time of the loops that have one. Their results are never read.
constexpr int kLanes = 16;

int padded(int n) {
  return (n + kLanes - 1) / kLanes * kLanes;
}

/// A window whose pdf (as rounded to float) has a non-zero value below this
/// is "coarse": single precision cannot hold its cdf (steps of ~1e-9 near 1
/// vanish in a float, which changes the window's sd and with it fmi.m's
/// weight), so the pairs it is in are computed again in double precision. Such windows are rare in
/// real images (feature values that differ by rounding noise only: 0.4 % of
/// the pairs of the AANLIB CT-MRI 2004 pair, most of them gradient windows);
/// in the others every non-zero pdf value is at least 1e-5, and rounding to
/// float moves the window's share of the FMI sum by ~1e-7 at most.
constexpr double kFloatSafePdf = 1e-5;

/// Up to kChunk windows of one feature map, each with its 9-bin pdf and what
/// every pair it is in needs of it, with the pdf, cdf and deviations in T
/// (float for the pair step, double for the coarse pairs). Only non-constant
/// windows are described. The cdf, pdf and log2 pdf rows are laid out as the
/// pair step reads them (see SideView), so that it reads a run of windows in
/// place.
template <typename T>
struct PdfChunk {
  int count = 0;
  int column[kChunk];  // x of the window's top-left corner
  double low[kChunk];
  double values[kBins][kChunk];  // the window's values minus its minimum
  T pdf[kBins + 1][kChunk];      // row kBins is 0
  T cdf[kBins + 1][kChunk];      // row 0 is 0, row k + 1 is step k
  T log2Pdf[kBins + 1][kChunk];  // 0 where pdf is 0; row kBins is 0
  T deviation[kBins][kChunk];
  double pdfSum[kChunk];
  double cdfSum[kChunk];
  double sumSquaredDeviation[kChunk];
  double entropy[kChunk];
  double sd[kChunk];
  double smallest[kChunk];  // the smallest non-zero pdf value as rounded (set in float chunks only)
};

/// The distribution of each of n windows (arrays with rows of kChunk): the
/// pdf (from the window's values minus its minimum and their sum), cdf,
/// log2 pdf, the sums over bins, the sd of the bin index, the deviations
/// from the mean pdf and (for T = float) the smallest non-zero pdf value.
/// One pass per window with its sums in registers (the bin loop is
/// unrolled, the loop over windows vectorises).
///
/// Each pdf value and cdf step is rounded to T, and the window's double sums
/// are taken over the rounded values, so they describe exactly what the pair
/// step sees: the entropy, the pdf sum and the deviations over the rounded
/// pdf, the cdf sum over the rounded steps and the moments (so the sd) over
/// the differences of the rounded steps, whose bound covariance the pair
/// step computes (a pair of windows with equal pdfs then has weight 1 to
/// rounding). log2 p is taken in single precision (relative error ~3e-7;
/// the same values serve the window's entropy and the joint pdf's product
/// part, so the closed form of the joint entropy cancels on the staircase),
/// with p below 1e-30 raised to 1e-30 (p·log2 p is then below 1e-28).
template <typename T>
EDGEFUSE_VECTOR_CLONES void windowDistributions(const double* __restrict sum, const double* __restrict values,
                                                T* __restrict pdf, T* __restrict cdf, T* __restrict log2Pdf,
                                                T* __restrict deviation, double* __restrict cdfSum,
                                                double* __restrict pdfSum, double* __restrict entropy,
                                                double* __restrict sumSquaredDeviation, double* __restrict sd,
                                                double* __restrict smallestPdf, int n) {
  for (int i = 0; i < n; ++i) {
    double running = 0.0, runningSum = 0.0, previousStep = 0.0, probability = 0.0, h = 0.0, moment1 = 0.0,
           moment2 = 0.0;
    float smallest = 1.0f;
    const double total = sum[i], inverse = 1.0 / total;
#pragma GCC unroll 9
    for (int k = 0; k < kBins; ++k) {
      const double index = k + 1;
      const double value = values[k * kChunk + i];
      const double exact = value == total ? 1.0 : value * inverse;
      const T rounded = static_cast<T>(exact);
      const double p = rounded;
      pdf[k * kChunk + i] = rounded;
      running += p;
      const T step = static_cast<T>(running);
      cdf[k * kChunk + i] = step;
      runningSum += step;
      const double stepMass = step - previousStep;
      previousStep = step;
      probability += p;
      moment1 += index * stepMass;
      moment2 += index * index * stepMass;
      float l;
      if constexpr (std::is_same<T, float>::value) {
        // The same tests on the float itself (p is rounded, widened).
        smallest = std::min(smallest, rounded > 0.0f ? rounded : 1.0f);
        l = log2VectorisableFloat(rounded > 1e-30f ? rounded : (rounded > 0.0f ? 1e-30f : 1.0f));
      } else {
        l = log2VectorisableFloat(static_cast<float>(p > 1e-30 ? p : (p > 0.0 ? 1e-30 : 1.0)));
      }
      const T log2P = rounded > T(0) ? l : T(0);
      log2Pdf[k * kChunk + i] = log2P;
      h -= p * log2P;
    }
    cdfSum[i] = runningSum;
    pdfSum[i] = probability;
    entropy[i] = h;
    sd[i] = std::sqrt(std::max(0.0, moment2 - moment1 * moment1));
    smallestPdf[i] = smallest;
    double squares = 0.0;
#pragma GCC unroll 9
    for (int k = 0; k < kBins; ++k) {
      const T d = static_cast<T>(pdf[k * kChunk + i] - probability / kBins);
      deviation[k * kChunk + i] = d;
      squares += static_cast<double>(d) * d;
    }
    sumSquaredDeviation[i] = squares;
  }
}

/// fmi.m's per-window steps for the chunk's windows in the row starting at
/// `top` (the window's top row): min–max normalisation and division by the
/// sum (column sums first, as MATLAB's sum(sum())) in one step, cdf,
/// moments, entropy.
template <typename T>
EDGEFUSE_VECTOR_CLONES void describeChunk(const double* top, std::size_t stride, PdfChunk<T>& c) {
  const int n = c.count;
  // The windows' values minus their minimum, column-major (MATLAB's (:)).
  // fmi.m divides (x − min) by the range and then by the sum; the range
  // cancels, so p = (x − min) / Σ(x − min), taken as a product with the
  // reciprocal of the sum except for a bin that holds the whole sum: a
  // window with one non-zero bin then has p = 1 exactly, and so sd = 0, as in
  // fmi.m.
  if (n > 0 && c.column[n - 1] - c.column[0] == n - 1) {
    // A run of neighbouring windows (the usual case): bin k of window i is
    // the map's value at a fixed offset from column[0] + i, a plain load.
    const double* first = top + c.column[0];
    for (int col = 0; col < 3; ++col) {
      for (int row = 0; row < 3; ++row) {
        const double* __restrict src = first + row * stride + col;
        double* __restrict v = c.values[3 * col + row];
        const double* __restrict low = c.low;
        for (int i = 0; i < n; ++i) v[i] = src[i] - low[i];
      }
    }
  } else {
    for (int i = 0; i < n; ++i) {
      const double* w = top + c.column[i];
      for (int col = 0; col < 3; ++col) {
        c.values[3 * col][i] = w[col];
        c.values[3 * col + 1][i] = w[stride + col];
        c.values[3 * col + 2][i] = w[2 * stride + col];
      }
    }
    for (int k = 0; k < kBins; ++k) {
      double* __restrict v = c.values[k];
      const double* __restrict low = c.low;
      for (int i = 0; i < n; ++i) v[i] -= low[i];
    }
  }
  // The padding lanes: copies of the last window.
  const int lanes = padded(n);
  for (int k = 0; k < kBins; ++k) {
    for (int i = n; i < lanes; ++i) c.values[k][i] = c.values[k][n - 1];
  }
  double sum[kChunk] = {};  // (set in full: GCC cannot tell that the first n suffice)
  for (int i = 0; i < lanes; ++i) {
    sum[i] = (c.values[0][i] + c.values[1][i] + c.values[2][i]) + (c.values[3][i] + c.values[4][i] + c.values[5][i]) +
             (c.values[6][i] + c.values[7][i] + c.values[8][i]);
  }
  windowDistributions<T>(sum, &c.values[0][0], &c.pdf[0][0], &c.cdf[1][0], &c.log2Pdf[0][0], &c.deviation[0][0],
                         c.cdfSum, c.pdfSum, c.entropy, c.sumSquaredDeviation, c.sd, c.smallest, lanes);
  for (int i = 0; i < lanes; ++i) c.cdf[0][i] = c.pdf[kBins][i] = c.log2Pdf[kBins][i] = 0;
}

/// Pairs finished together by pairBatch (a multiple of the vector width;
/// its working arrays stay close in the cache).
constexpr int kPairs = 64;

/// One side of up to kPairs window pairs, in pair order, as the pair step
/// reads it: row r of an array starts at r·stride. The cdf steps with a
/// leading 0 (step row k + 1 is step k, row 0 the start of step 0), the pdf
/// and its log2 with a trailing 0 (the value looked up past the last step),
/// and the number of steps above step k, aboveBase + aboveSlope·k. It points
/// either into a PdfChunk (stride kChunk: a run of its windows, as they are)
/// or into a PairSide (stride kPairs: gathered or oriented).
template <typename T>
struct SideView {
  const T* step;
  const T* pdf;
  const T* log2Pdf;
  const T* aboveBase;
  const T* aboveSlope;
  int stride;
};

/// Storage for a side that has to be gathered or oriented.
template <typename T>
struct PairSide {
  T step[kBins + 1][kPairs];
  T pdf[kBins + 1][kPairs];
  T log2Pdf[kBins + 1][kPairs];
  T aboveBase[kPairs];
  T aboveSlope[kPairs];

  SideView<T> view() const { return {&step[0][0], &pdf[0][0], &log2Pdf[0][0], aboveBase, aboveSlope, kPairs}; }
};

/// One comparison of staircaseCells: y's step at *ym against x's step
/// value, counting it if below, and picking its value, pdf and log2 pdf.
/// The loads are unconditional, so that the selects if-convert.
template <typename T, bool kTiesBelow>
inline void compareStep(T value, const T* ym, const T* qm, const T* lqm, T& j, T& start, T& q, T& lq) {
  const T step = *ym, pdf = *qm, log2Pdf = *lqm;
  const bool below = kTiesBelow ? step <= value : step < value;
  j += below ? T(1) : T(0);
  start = below ? step : start;
  q = below ? pdf : q;
  lq = below ? log2Pdf : lq;
}

/// The staircase cells that end at a step of side x, one per step k of x
/// (written to mass/productPdf/productLog2[k·kPairs + p], laid out as in
/// PairSide), and their share of the bound's Σ_ij C, added to boundSum.
///
/// fmi.m's merge of the two sorted cdfs visits one cell per merge step: the
/// step that ends there is either x's step k, with the other side y at its
/// step j = #{y steps below x_k}, or the reverse. Ties go to F first: for
/// x = F, "below" is strict (y_m < x_k), for x = the source it is y_m ≤ x_k
/// (kTiesBelow). The merge stops when either side has run out, so the cell
/// is in it only when j < 9; otherwise it is given zero mass and product
/// (its term is then 0). The cell's segment starts at the previous merged
/// value, max(x_{k−1}, y_{j−1}) (0 for the first), and its length u is the
/// bound's mass there. So the cells follow from comparisons alone, without
/// the data-dependent merge: 81 per pair, vectorised across the pairs, y's
/// values at j picked by the same comparisons that count j.
template <typename T, bool kTiesBelow, int xStride, int yStride>
EDGEFUSE_VECTOR_CLONES void staircaseCells(const T* __restrict xSteps, const T* __restrict xPdf,
                                           const T* __restrict xLog2, const T* __restrict xBase,
                                           const T* __restrict xSlope, const T* __restrict ySteps,
                                           const T* __restrict yPdf, const T* __restrict yLog2,
                                           const T* __restrict yBase, const T* __restrict ySlope, int n,
                                           T* __restrict mass, T* __restrict productPdf, T* __restrict productLog2,
                                           double* __restrict boundSum) {
  for (int p = 0; p < n; ++p) {
    double bound = boundSum[p];
#pragma GCC unroll 9
    for (int k = 0; k < kBins; ++k) {
      const T stepIndex = k;
      const T value = xSteps[(k + 1) * xStride + p];
      T j = 0, start = 0, q = yPdf[p], lq = yLog2[p];
#pragma GCC unroll 9
      for (int m = 1; m <= kBins; ++m) {
        compareStep<T, kTiesBelow>(value, ySteps + m * yStride + p, yPdf + m * yStride + p, yLog2 + m * yStride + p, j,
                                   start, q, lq);
      }
      const T previous = xSteps[k * xStride + p];
      const T length = j < kBins ? value - std::max(previous, start) : T(0);
      mass[k * kPairs + p] = length;
      productPdf[k * kPairs + p] = xPdf[k * xStride + p] * q;
      productLog2[k * kPairs + p] = xLog2[k * xStride + p] + lq;
      const T aboveX = xBase[p] + xSlope[p] * stepIndex;
      const T aboveY = yBase[p] + ySlope[p] * j;
      bound += static_cast<double>(length) * (aboveX * aboveY);
    }
    boundSum[p] = bound;
  }
}

/// staircaseCells for the cells that end at a step of x, with the sides'
/// strides as constants (with run-time strides its loops ran slower).
template <typename T, bool kTiesBelow>
void staircaseCellsOf(const SideView<T>& x, const SideView<T>& y, int n, T (*mass)[kPairs], T (*productPdf)[kPairs],
                      T (*productLog2)[kPairs], double* boundSum) {
  auto cells = [&](auto xStride, auto yStride) {
    staircaseCells<T, kTiesBelow, decltype(xStride)::value, decltype(yStride)::value>(
        x.step, x.pdf, x.log2Pdf, x.aboveBase, x.aboveSlope, y.step, y.pdf, y.log2Pdf, y.aboveBase, y.aboveSlope, n,
        &mass[0][0], &productPdf[0][0], &productLog2[0][0], boundSum);
  };
  using InChunk = std::integral_constant<int, kChunk>;
  using InPairs = std::integral_constant<int, kPairs>;
  if (x.stride == kChunk) {
    y.stride == kChunk ? cells(InChunk{}, InChunk{}) : cells(InChunk{}, InPairs{});
  } else {
    y.stride == kChunk ? cells(InPairs{}, InChunk{}) : cells(InPairs{}, InPairs{});
  }
}

/// Each pair's joint entropy, from its staircase cells (18 slots, 17 at
/// most in the merge; arrays laid out as in PairSide) and the closed form of
/// the product part: a cell's share is −J·log2|J| + q·(log2|k| + log2 p_i +
/// log2 q_j) with J = weight·u + q its full value and q = k·p_i·q_j its
/// product part (whose share the closed form counted). −J·log2|J| for
/// negative J is the real part of MATLAB's complex log, as fmi.m sums it.
/// log2|J| is taken in single precision (relative error ~3e-7: the joint
/// entropy moves by ~1e-7 bit at most, far below the metric's resolution),
/// with magnitudes below 1e-30 raised to 1e-30 (their term is below 1e-28).
/// The terms are computed in T and summed in double.
template <typename T>
EDGEFUSE_VECTOR_CLONES void cellTerms(const T* __restrict mass, const T* __restrict productPdf,
                                      const T* __restrict productLog2, const T* __restrict weight,
                                      const T* __restrict productWeight, const T* __restrict log2AbsK, int n,
                                      double* __restrict joint) {
  for (int p = 0; p < n; ++p) {
    double sum = joint[p];
#pragma GCC unroll 18
    for (int e = 0; e < 2 * kBins; ++e) {
      const T product = productWeight[p] * productPdf[e * kPairs + p];
      const T productTerm = product == T(0) ? T(0) : -product * (log2AbsK[p] + productLog2[e * kPairs + p]);
      const T value = weight[p] * mass[e * kPairs + p] + product;
      const float magnitude = static_cast<float>(std::abs(value));
      const T term = -value * log2VectorisableFloat(magnitude > 1e-30f ? magnitude : 1e-30f) - productTerm;
      sum += term;
    }
    joint[p] = sum;
  }
}

/// The bound weight (φ for the upper bound, θ for the lower),
/// c·sd_F·sd_S / cov with cov the bound's covariance, and the closed form
/// of the product part k·p_i·q_j (k = 1 − weight) of the joint pdf over all
/// 81 cells. The weights go to the cells in T, and k and log2|k| are
/// rounded before the closed form uses them (the closed form and the cells'
/// corrections use the same values, so the product part cancels on the
/// staircase); log2|k| is taken in single precision, with |k| below 1e-30
/// raised to 1e-30 (the terms are then below 1e-28).
template <typename T>
EDGEFUSE_VECTOR_CLONES void pairWeights(const double* __restrict c, const double* __restrict boundSum,
                                        const double* __restrict fCdfSum, const double* __restrict fSd,
                                        const double* __restrict fPdfSum, const double* __restrict fEntropy,
                                        const double* __restrict sCdfSum, const double* __restrict sSd,
                                        const double* __restrict sPdfSum, const double* __restrict sEntropy, int n,
                                        T* __restrict weight, T* __restrict productWeight, T* __restrict log2AbsK,
                                        double* __restrict joint) {
  for (int p = 0; p < n; ++p) {
    const double cov = boundSum[p] - fCdfSum[p] * sCdfSum[p];
    const double w = c[p] * (fSd[p] * sSd[p]) / cov;
    const T rounded = static_cast<T>(1.0 - w);
    const double k = rounded;
    const double absK = std::abs(k);
    const double l = log2VectorisableFloat(static_cast<float>(absK > 1e-30 ? absK : 1e-30));
    weight[p] = static_cast<T>(w);
    productWeight[p] = rounded;
    log2AbsK[p] = k == 0.0 ? T(0) : static_cast<T>(l);
    joint[p] =
        k == 0.0 ? 0.0 : -k * l * fPdfSum[p] * sPdfSum[p] + k * (sPdfSum[p] * fEntropy[p] + fPdfSum[p] * sEntropy[p]);
  }
}

/// F's side of the pairs (window[p] of F's chunk) gathered into pair order,
/// with its scalars (cdf sum, sd, pdf sum, entropy: rows of kPairs).
template <typename T>
EDGEFUSE_VECTOR_CLONES void gatherFused(const PdfChunk<T>& f, const int* __restrict window, int n, T* __restrict step,
                                        T* __restrict pdf, T* __restrict log2Pdf, double* __restrict scalars) {
  double* __restrict cdfSum = scalars;
  double* __restrict sd = scalars + kPairs;
  double* __restrict pdfSum = scalars + 2 * kPairs;
  double* __restrict entropy = scalars + 3 * kPairs;
  for (int p = 0; p < n; ++p) {
    const int a = window[p];
    cdfSum[p] = f.cdfSum[a];
    sd[p] = f.sd[a];
    pdfSum[p] = f.pdfSum[a];
    entropy[p] = f.entropy[a];
  }
  for (int k = 0; k <= kBins; ++k) {
    for (int p = 0; p < n; ++p) {
      const int a = window[p];
      step[k * kPairs + p] = f.cdf[k][a];
      pdf[k * kPairs + p] = f.pdf[k][a];
      log2Pdf[k * kPairs + p] = f.log2Pdf[k][a];
    }
  }
}

/// The Pearson correlation c of each pair's pdfs, from their deviations from
/// the mean pdf (arrays with rows of kChunk): F's window fWindow[p], or p
/// when fWindow is null, against the source's window p. Both ways add the
/// same products in the same order.
template <typename T>
EDGEFUSE_VECTOR_CLONES void pdfCorrelations(const T* __restrict fDev, const double* __restrict fSsd,
                                            const int* __restrict fWindow, const T* __restrict sDev,
                                            const double* __restrict sSsd, int n, double* __restrict c) {
  double cross[kPairs], fSquares[kPairs];
  for (int p = 0; p < n; ++p) {
    cross[p] = 0.0;
    fSquares[p] = fWindow ? fSsd[fWindow[p]] : fSsd[p];
  }
  for (int k = 0; k < kBins; ++k) {
    const T* __restrict fRow = fDev + k * kChunk;
    const T* __restrict sRow = sDev + k * kChunk;
    if (fWindow) {
      for (int p = 0; p < n; ++p) cross[p] += static_cast<double>(sRow[p]) * fRow[fWindow[p]];
    } else {
      for (int p = 0; p < n; ++p) cross[p] += static_cast<double>(sRow[p]) * fRow[p];
    }
  }
  for (int p = 0; p < n; ++p) {
    const double r = cross[p] / std::sqrt(sSsd[p] * fSquares[p]);
    c[p] = cross[p] == 0.0 ? 0.0 : r;
  }
}

/// The source's side of the pairs (arrays with rows of kChunk, starting at
/// the pairs' first window) in pair order, oriented for the pair's bound:
/// for the upper bound (c > 0) its steps as they are; for the lower bound
/// step m is j = 8 − m, ending at 1 − cdf_{7−m} (1 for m = 8). Step m has
/// 9 − j steps above it.
template <typename T>
EDGEFUSE_VECTOR_CLONES void orientSource(const T* __restrict cdf, const T* __restrict pdf, const T* __restrict log2Pdf,
                                         const double* __restrict c, int n, T* __restrict step, T* __restrict outPdf,
                                         T* __restrict outLog2, T* __restrict aboveBase, T* __restrict aboveSlope) {
  // The orientations are picked as u·upper + (1 − u)·lower with u 1 or 0,
  // which is exact for finite values: written as selects, GCC made them
  // masked loads that it then could not vectorise.
  T useUpper[kPairs], useLower[kPairs];
  for (int p = 0; p < n; ++p) {
    const bool upper = c[p] > 0.0;
    useUpper[p] = upper ? T(1) : T(0);
    useLower[p] = upper ? T(0) : T(1);
    step[p] = 0;
    outPdf[kBins * kPairs + p] = outLog2[kBins * kPairs + p] = 0;
    aboveBase[p] = upper ? T(kBins) : T(1);
    aboveSlope[p] = upper ? T(-1) : T(1);
    step[kBins * kPairs + p] = upper ? cdf[(kBins - 1) * kChunk + p] : T(1);
  }
  for (int m = 0; m < kBins; ++m) {
    const T* __restrict pdfUpper = pdf + m * kChunk;
    const T* __restrict pdfLower = pdf + (kBins - 1 - m) * kChunk;
    const T* __restrict log2Upper = log2Pdf + m * kChunk;
    const T* __restrict log2Lower = log2Pdf + (kBins - 1 - m) * kChunk;
    for (int p = 0; p < n; ++p) {
      outPdf[m * kPairs + p] = useUpper[p] * pdfUpper[p] + useLower[p] * pdfLower[p];
      outLog2[m * kPairs + p] = useUpper[p] * log2Upper[p] + useLower[p] * log2Lower[p];
    }
  }
  for (int m = 0; m < kBins - 1; ++m) {
    const T* __restrict stepUpper = cdf + m * kChunk;
    const T* __restrict stepMirrored = cdf + (kBins - 2 - m) * kChunk;
    for (int p = 0; p < n; ++p) {
      step[(m + 1) * kPairs + p] = useUpper[p] * stepUpper[p] + useLower[p] * (T(1) - stepMirrored[p]);
    }
  }
}

/// Each pair's share of the FMI sum, 2·MI / (H_F + H_S), 0 where φ = 0
/// (c = 0 or a pdf with sd = 0: J = p·q) or MI = 0.
EDGEFUSE_VECTOR_CLONES void pairShares(const double* __restrict c, const double* __restrict fSd,
                                       const double* __restrict fEntropy, const double* __restrict sSd,
                                       const double* __restrict sEntropy, const double* __restrict joint, int n,
                                       double* __restrict share) {
  for (int p = 0; p < n; ++p) {
    const bool defined = c[p] != 0.0 && sSd[p] != 0.0 && fSd[p] != 0.0;
    const double entropies = sEntropy[p] + fEntropy[p];
    const double mi = entropies - joint[p];
    const double value = 2.0 * mi / entropies;
    share[p] = defined && mi != 0.0 ? value : 0.0;
  }
}

template <typename T>
struct PairWork {
  PairSide<T> fSide, sSide;
  T mass[2 * kBins][kPairs], productPdf[2 * kBins][kPairs], productLog2[2 * kBins][kPairs];
  T upperBase[kPairs], upperSlope[kPairs];  // 9 − k steps above step k, for sides read as they are

  PairWork() {
    std::fill(std::begin(upperBase), std::end(upperBase), T(kBins));
    std::fill(std::begin(upperSlope), std::end(upperSlope), T(-1));
  }
};

/// fmi.m's joint pdf of up to kPairs window pairs (F window fWindow[p] of
/// chunk f, source window first + p of chunk s; neither constant, not
/// identical) and each pair's share of the FMI sum in `share`: the Pearson
/// correlation c of the pdfs picks the Fréchet bound (upper for c > 0,
/// lower with the source's steps mirrored), whose mass lies on a staircase
/// of at most 17 cells of the 9×9 joint pdf (staircaseCells); the bound's
/// Σ_ij C(F_i, G_j) = Σ u·(9 − i)·(9 − j) over them gives its covariance,
/// and so the weight.
///
/// The pair step reads F's windows in place when they are a run of F's chunk
/// (usual: F's windows are skipped only where F or both sources are
/// constant), and the source's when every pair takes the upper bound;
/// otherwise it reads copies, gathered or oriented. Both give the same
/// values.
///
/// The loops run over padded(n) pairs (see kLanes): fWindow holds that many
/// entries, and the source's chunk describes that many windows from `first`
/// (the lanes past n are copies of the last pair; only the n real shares
/// matter to the caller, and only they decide the run and the bound).
template <typename T>
void pairBatch(const PdfChunk<T>& f, const int* fWindow, const PdfChunk<T>& s, int first, int n, PairWork<T>& work,
               double* share) {
  const int lanes = padded(n);
  bool run = fWindow[0] + lanes <= kChunk;  // F's padding lanes read in place too
  for (int p = 1; p < n; ++p) run = run && fWindow[p] == fWindow[0] + p;
  double c[kPairs], fScalars[4 * kPairs];
  SideView<T> fSide;
  const double *fCdfSum, *fSd, *fPdfSum, *fEntropy;
  if (run) {
    const int a = fWindow[0];
    fSide = {&f.cdf[0][a], &f.pdf[0][a], &f.log2Pdf[0][a], work.upperBase, work.upperSlope, kChunk};
    fCdfSum = &f.cdfSum[a];
    fSd = &f.sd[a];
    fPdfSum = &f.pdfSum[a];
    fEntropy = &f.entropy[a];
    pdfCorrelations<T>(&f.deviation[0][a], &f.sumSquaredDeviation[a], nullptr, &s.deviation[0][first],
                       &s.sumSquaredDeviation[first], lanes, c);
  } else {
    PairSide<T>& gathered = work.fSide;
    gatherFused<T>(f, fWindow, lanes, &gathered.step[0][0], &gathered.pdf[0][0], &gathered.log2Pdf[0][0], fScalars);
    fSide = {&gathered.step[0][0], &gathered.pdf[0][0], &gathered.log2Pdf[0][0],
             work.upperBase,       work.upperSlope,     kPairs};
    fCdfSum = fScalars;
    fSd = fScalars + kPairs;
    fPdfSum = fScalars + 2 * kPairs;
    fEntropy = fScalars + 3 * kPairs;
    pdfCorrelations<T>(&f.deviation[0][0], f.sumSquaredDeviation, fWindow, &s.deviation[0][first],
                       &s.sumSquaredDeviation[first], lanes, c);
  }
  bool upper = true;
  for (int p = 0; p < n; ++p) upper = upper && c[p] > 0.0;
  SideView<T> sSide;
  if (upper) {
    sSide = {&s.cdf[0][first], &s.pdf[0][first], &s.log2Pdf[0][first], work.upperBase, work.upperSlope, kChunk};
  } else {
    PairSide<T>& oriented = work.sSide;
    orientSource<T>(&s.cdf[1][first], &s.pdf[0][first], &s.log2Pdf[0][first], c, lanes, &oriented.step[0][0],
                    &oriented.pdf[0][0], &oriented.log2Pdf[0][0], oriented.aboveBase, oriented.aboveSlope);
    sSide = oriented.view();
  }
  T(*mass)[kPairs] = work.mass;
  T(*productPdf)[kPairs] = work.productPdf;
  T(*productLog2)[kPairs] = work.productLog2;
  double boundSum[kPairs] = {};
  staircaseCellsOf<T, false>(fSide, sSide, lanes, mass, productPdf, productLog2, boundSum);
  staircaseCellsOf<T, true>(sSide, fSide, lanes, mass + kBins, productPdf + kBins, productLog2 + kBins, boundSum);
  T weight[kPairs], productWeight[kPairs], log2AbsK[kPairs];
  double joint[kPairs];
  pairWeights<T>(c, boundSum, fCdfSum, fSd, fPdfSum, fEntropy, &s.cdfSum[first], &s.sd[first], &s.pdfSum[first],
                 &s.entropy[first], lanes, weight, productWeight, log2AbsK, joint);
  cellTerms<T>(&mass[0][0], &productPdf[0][0], &productLog2[0][0], weight, productWeight, log2AbsK, lanes, joint);
  pairShares(c, fSd, fEntropy, &s.sd[first], &s.entropy[first], joint, lanes, share);
}

/// pairBatch over n pairs (F window fWindow[i] of f, source window i of s),
/// kPairs at a time; fWindow holds padded(n) entries.
template <typename T>
void chunkPairShares(const PdfChunk<T>& f, const int* fWindow, const PdfChunk<T>& s, int n, PairWork<T>& work,
                     double* share) {
  for (int first = 0; first < n; first += kPairs) {
    pairBatch<T>(f, fWindow + first, s, first, std::min(kPairs, n - first), work, share + first);
  }
}

/// The minimum and maximum of src[x], src[x + 1], src[x + 2] for x < n.
/// (Restrict parameters: GCC vectorises these loops only when it sees them.)
EDGEFUSE_VECTOR_CLONES void rowExtremes(const double* __restrict src, int n, double* __restrict lo,
                                        double* __restrict hi) {
  for (int x = 0; x < n; ++x) {
    const double v0 = src[x], v1 = src[x + 1], v2 = src[x + 2];
    lo[x] = std::min(std::min(v0, v1), v2);
    hi[x] = std::max(std::max(v0, v1), v2);
  }
}

/// The minimum of three rows of minima and the maximum of three of maxima.
EDGEFUSE_VECTOR_CLONES void columnExtremes(const double* __restrict lo0, const double* __restrict lo1,
                                           const double* __restrict lo2, const double* __restrict hi0,
                                           const double* __restrict hi1, const double* __restrict hi2, int n,
                                           double* __restrict lo, double* __restrict hi) {
  for (int x = 0; x < n; ++x) {
    lo[x] = std::min(std::min(lo0[x], lo1[x]), lo2[x]);
    hi[x] = std::max(std::max(hi0[x], hi1[x]), hi2[x]);
  }
}

/// Per position of a feature map: the minimum and maximum of its 3×3 window
/// (valid positions only, indexed by the window's top-left corner).
void windowExtremes(const Plane& feature, PooledVector<double>& lo, PooledVector<double>& hi) {
  const int w = feature.width, h = feature.height, ow = w - 2, oh = h - 2;
  lo.resize(static_cast<std::size_t>(ow) * oh);
  hi.resize(lo.size());
  // The extremes along the last three rows, in a ring (a few KiB, so that
  // they stay in the L1 cache instead of going through memory as planes).
  const std::size_t rowSize = static_cast<std::size_t>(ow);
  std::vector<double> rowLo(3 * rowSize), rowHi(3 * rowSize);
  for (int y = 0; y < h; ++y) {
    const std::size_t slot = static_cast<std::size_t>(y % 3) * rowSize;
    rowExtremes(&feature.v[static_cast<std::size_t>(y) * w], ow, &rowLo[slot], &rowHi[slot]);
    if (y < 2) continue;
    const std::size_t a = static_cast<std::size_t>((y - 2) % 3) * rowSize,
                      b = static_cast<std::size_t>((y - 1) % 3) * rowSize,
                      out = static_cast<std::size_t>(y - 2) * rowSize;
    columnExtremes(&rowLo[a], &rowLo[b], &rowLo[slot], &rowHi[a], &rowHi[b], &rowHi[slot], ow, &lo[out], &hi[out]);
  }
}

/// Per window position: 1 where the 3×3 windows of two maps are identical.
EDGEFUSE_VECTOR_CLONES PooledVector<unsigned char> identicalWindows(const Plane& a, const Plane& b) {
  const int w = a.width, h = a.height, ow = w - 2, oh = h - 2;
  PooledVector<unsigned char> equal(a.size()), rows(static_cast<std::size_t>(ow) * h),
      out(static_cast<std::size_t>(ow) * oh);
  // Through restrict pointers: bytes may alias anything otherwise.
  unsigned char* __restrict e = equal.data();
  unsigned char* __restrict r = rows.data();
  unsigned char* __restrict o = out.data();
  const double* __restrict av = a.v.data();
  const double* __restrict bv = b.v.data();
  for (std::size_t i = 0; i < equal.size(); ++i) e[i] = av[i] == bv[i] ? 1 : 0;
  for (int y = 0; y < h; ++y) {
    const std::size_t in = static_cast<std::size_t>(y) * w, at = static_cast<std::size_t>(y) * ow;
    for (int x = 0; x < ow; ++x) r[at + x] = e[in + x] & e[in + x + 1] & e[in + x + 2];
  }
  for (int y = 0; y < oh; ++y) {
    const std::size_t p = static_cast<std::size_t>(y) * ow;
    for (int x = 0; x < ow; ++x) o[p + x] = r[p + x] & r[p + ow + x] & r[p + 2 * ow + x];
  }
  return out;
}

/// Per window position: 1 where the pair of F's and the source's windows
/// is computed, i.e. neither window is constant and they are not identical
/// (identical windows give 1, a constant window gives 0).
EDGEFUSE_VECTOR_CLONES void pairedWindows(const double* __restrict fusedLo, const double* __restrict fusedHi,
                                          const double* __restrict lo, const double* __restrict hi,
                                          const unsigned char* __restrict same, std::size_t n,
                                          unsigned char* __restrict paired) {
  for (std::size_t i = 0; i < n; ++i) {
    const bool varies = fusedLo[i] != fusedHi[i] && lo[i] != hi[i];
    paired[i] = varies && !same[i] ? 1 : 0;
  }
}

/// needed[i] |= paired[i] for i < n; returns the number of identical windows
/// (same[i] = 1).
EDGEFUSE_VECTOR_CLONES std::size_t markNeeded(const unsigned char* __restrict paired,
                                              const unsigned char* __restrict same, std::size_t n,
                                              unsigned char* __restrict needed) {
  std::size_t identical = 0;
  for (std::size_t i = 0; i < n; ++i) {
    needed[i] |= paired[i];
    identical += same[i];
  }
  return identical;
}

}  // namespace

EDGEFUSE_VECTOR_CLONES Plane fmiFeatureMap(const Plane& image, FmiFeature feature) {
  switch (feature) {
    case FmiFeature::Pixel:
      return image;
    case FmiFeature::Gradient: {
      // MATLAB/NumPy gradient: central differences, one-sided at the border.
      const int w = image.width, h = image.height;
      Plane out(w, h, Uninitialized{});
      auto diff = [](double lo, double hi, int span) { return (hi - lo) / span; };
      auto at = [&](int x, int y) {
        const int x0 = std::max(x - 1, 0), x1 = std::min(x + 1, w - 1);
        const int y0 = std::max(y - 1, 0), y1 = std::min(y + 1, h - 1);
        const double gx = x1 > x0 ? diff(image.at(x0, y), image.at(x1, y), x1 - x0) : 0.0;
        const double gy = y1 > y0 ? diff(image.at(x, y0), image.at(x, y1), y1 - y0) : 0.0;
        return std::sqrt(gx * gx + gy * gy);
      };
      for (int y = 0; y < h; ++y) {
        if (y == 0 || y == h - 1 || w < 3) {
          for (int x = 0; x < w; ++x) out.at(x, y) = at(x, y);
          continue;
        }
        // Inside: central differences both ways, a loop that vectorises.
        const double* above = &image.v[static_cast<std::size_t>(y - 1) * w];
        const double* row = above + w;
        const double* below = row + w;
        double* result = &out.v[static_cast<std::size_t>(y) * w];
        result[0] = at(0, y);
        for (int x = 1; x < w - 1; ++x) {
          const double gx = (row[x + 1] - row[x - 1]) / 2, gy = (below[x] - above[x]) / 2;
          result[x] = std::sqrt(gx * gx + gy * gy);
        }
        result[w - 1] = at(w - 1, y);
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
  if (fastDctSupports(w, h)) {
    fastDct2(image.v.data(), out.v.data(), w, h);
    return out;
  }
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
  std::vector<PooledVector<unsigned char>> same(count), paired(count);
  // F's windows that some pair needs.
  PooledVector<unsigned char> needed(fusedLo.size());
  std::fill(needed.begin(), needed.end(), 0);
  std::vector<std::size_t> identical(count, 0);
  for (std::size_t s = 0; s < count; ++s) {
    windowExtremes(*sources[s], lo[s], hi[s]);
    same[s] = identicalWindows(*sources[s], fused);
    paired[s].resize(needed.size());
    pairedWindows(fusedLo.data(), fusedHi.data(), lo[s].data(), hi[s].data(), same[s].data(), needed.size(),
                  paired[s].data());
    identical[s] = markNeeded(paired[s].data(), same[s].data(), needed.size(), needed.data());
  }
  std::vector<LaneSum> sums(count);
  // Large: on the heap, reused for every chunk. The float chunks take every
  // pair; the double ones the pairs with a coarse window (see kFloatSafePdf).
  auto fusedChunk = std::make_unique<PdfChunk<float>>();
  auto sourceChunk = std::make_unique<PdfChunk<float>>();
  auto pairWork = std::make_unique<PairWork<float>>();
  auto fusedExact = std::make_unique<PdfChunk<double>>();
  auto sourceExact = std::make_unique<PdfChunk<double>>();
  auto pairWorkExact = std::make_unique<PairWork<double>>();
  int fusedIndex[kChunk], pairF[kChunk], coarsePair[kChunk], exactF[kChunk];
  double share[kChunk], exactShare[kChunk];
  for (int j = 0; j < kChunk; ++j) exactF[j] = j;  // pair j of the double chunks is window j of both
  for (int y = 0; y < oh; ++y) {
    const std::size_t rowAt = static_cast<std::size_t>(y) * ow;
    const double* fusedRow = &fused.v[static_cast<std::size_t>(y) * stride];
    for (int x0 = 0; x0 < ow; x0 += kChunk) {
      const int x1 = std::min(x0 + kChunk, ow);
      // Identical windows give 1 (counted above); a constant window has a
      // uniform pdf, c = 0 and so MI = 0. Only the other windows are
      // described, picked without branches (each position is written, the
      // count advances where it is taken).
      PdfChunk<float>& fc = *fusedChunk;
      int taken = 0;
      for (int x = x0; x < x1; ++x) {
        const std::size_t at = rowAt + x;
        fusedIndex[x - x0] = taken;
        fc.column[taken] = x;
        fc.low[taken] = fusedLo[at];
        taken += needed[at];
      }
      fc.count = taken;
      describeChunk(fusedRow, stride, fc);
      for (std::size_t s = 0; s < count; ++s) {
        const double* sourceRow = &sources[s]->v[static_cast<std::size_t>(y) * stride];
        PdfChunk<float>& sc = *sourceChunk;
        int pairs = 0;
        for (int x = x0; x < x1; ++x) {
          const std::size_t at = rowAt + x;
          pairF[pairs] = fusedIndex[x - x0];
          sc.column[pairs] = x;
          sc.low[pairs] = lo[s][at];
          pairs += paired[s][at];
        }
        sc.count = pairs;
        for (int i = pairs; i < padded(pairs); ++i) pairF[i] = pairF[pairs - 1];  // the padding lanes' F
        describeChunk(sourceRow, stride, sc);
        chunkPairShares(fc, pairF, sc, sc.count, *pairWork, share);
        PdfChunk<double>& fe = *fusedExact;
        PdfChunk<double>& se = *sourceExact;
        // The coarse pairs again, their F and source windows side by side
        // (pair j is window j of both double chunks).
        int coarse = 0;
        for (int i = 0; i < sc.count; ++i) {
          const int a = pairF[i];
          if (sc.smallest[i] >= kFloatSafePdf && fc.smallest[a] >= kFloatSafePdf) continue;
          coarsePair[coarse] = i;
          se.column[coarse] = sc.column[i];
          se.low[coarse] = sc.low[i];
          fe.column[coarse] = fc.column[a];
          fe.low[coarse] = fc.low[a];
          ++coarse;
        }
        fe.count = se.count = coarse;
        if (coarse > 0) {
          describeChunk(fusedRow, stride, fe);
          describeChunk(sourceRow, stride, se);
          chunkPairShares(fe, exactF, se, coarse, *pairWorkExact, exactShare);
          for (int j = 0; j < coarse; ++j) share[coarsePair[j]] = exactShare[j];
        }
        sums[s].add(share, sc.count);
      }
    }
  }
  const double windows = static_cast<double>(ow) * oh;
  std::vector<double> means(count);
  for (std::size_t s = 0; s < count; ++s) means[s] = (sums[s].total() + static_cast<double>(identical[s])) / windows;
  return means;
}

}  // namespace metrics_detail

using namespace metrics_detail;

Expected<double> featureMutualInformation(const Image& source, const Image& fused, FmiFeature feature) {
  if (auto ok = checkInputs({&source, &fused}, 3, "fmi"); !ok) return tl::unexpected(ok.error());
  const Plane s = fmiFeatureMap(toPlane(source), feature), f = fmiFeatureMap(toPlane(fused), feature);
  return fmiMeans({&s}, f)[0];
}

}  // namespace edgefuse
