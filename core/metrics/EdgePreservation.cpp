// SPDX-License-Identifier: GPL-3.0-or-later
// Edge-based measures: Qabf (Xydeas & Petrović) and Nabf (Shreyamsha Kumar).

#include <algorithm>
#include <cmath>

#include "core/metrics/Metrics.h"
#include "core/metrics/detail/EdgeKernels.h"
#include "core/metrics/detail/LaneSum.h"
#include "core/metrics/detail/MetricSupport.h"
#include "core/metrics/detail/VectorClones.h"
#include "core/metrics/detail/VectorMath.h"

namespace edgefuse {

namespace metrics_detail {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Reflect-101 index (…, 1, 0, 1, …, n−2, n−1, n−2, …) for one step outside.
inline int reflect101(int i, int n) {
  if (i < 0) return n > 1 ? 1 : 0;
  if (i >= n) return n > 1 ? n - 2 : n - 1;
  return i;
}

/// Relative orientation in [0,1] from two orientations in [−π/2, π/2]:
/// ||αX − αF| − π/2|·2/π, i.e. 1 − (difference modulo π)/(π/2).
inline double relativeOrientation(double ax, double af) {
  return std::abs(std::abs(ax - af) - kPi / 2.0) * 2.0 / kPi;
}

}  // namespace

EDGEFUSE_VECTOR_CLONES EdgeMaps sobelZeroPadded(const Plane& p) {
  // conv2(p, h, 'same') with zero padding; the signs of sx and sy (kernel
  // flipped or not) change neither the strength nor atan(sy/sx).
  const int w = p.width, h = p.height;
  EdgeMaps out{Plane(w, h, Uninitialized{}), Plane(w, h, Uninitialized{})};
  auto px = [&](int x, int y) { return (x < 0 || y < 0 || x >= w || y >= h) ? 0.0 : p.at(x, y); };
  auto atBorder = [&](int x, int y) {
    const double a = px(x - 1, y - 1), b = px(x, y - 1), c = px(x + 1, y - 1);
    const double d = px(x - 1, y), f = px(x + 1, y);
    const double g = px(x - 1, y + 1), hh = px(x, y + 1), i = px(x + 1, y + 1);
    out.sx.at(x, y) = (c + 2.0 * f + i) - (a + 2.0 * d + g);
    out.sy.at(x, y) = (g + 2.0 * hh + i) - (a + 2.0 * b + c);
  };
  for (int y = 0; y < h; ++y) {
    if (y == 0 || y == h - 1 || w < 3) {
      for (int x = 0; x < w; ++x) atBorder(x, y);
      continue;
    }
    // Inside, without the zero padding's tests: a loop that vectorises.
    const double* above = &p.v[static_cast<std::size_t>(y - 1) * w];
    const double* row = above + w;
    const double* below = row + w;
    double* sx = &out.sx.v[static_cast<std::size_t>(y) * w];
    double* sy = &out.sy.v[static_cast<std::size_t>(y) * w];
    atBorder(0, y);
    for (int x = 1; x < w - 1; ++x) {
      const double a = above[x - 1], b = above[x], c = above[x + 1];
      const double d = row[x - 1], f = row[x + 1];
      const double g = below[x - 1], hh = below[x], i = below[x + 1];
      sx[x] = (c + 2.0 * f + i) - (a + 2.0 * d + g);
      sy[x] = (g + 2.0 * hh + i) - (a + 2.0 * b + c);
    }
    atBorder(w - 1, y);
  }
  return out;
}

EDGEFUSE_VECTOR_CLONES EdgeMaps sobelReflected(const Plane& p) {
  // sobel_fn.m: correlation with [-1 0 1; -2 0 2; -1 0 1]/8 (gv, the x
  // derivative despite its name) and its transpose (gh), borders reflected
  // without repeating the edge pixel.
  const int w = p.width, h = p.height;
  EdgeMaps out{Plane(w, h, Uninitialized{}), Plane(w, h, Uninitialized{})};
  for (int y = 0; y < h; ++y) {
    const int ym = reflect101(y - 1, h), yp = reflect101(y + 1, h);
    auto border = [&](int x, int xm, int xp) {
      const double a = p.at(xm, ym), b = p.at(x, ym), c = p.at(xp, ym);
      const double d = p.at(xm, y), f = p.at(xp, y);
      const double g = p.at(xm, yp), hh = p.at(x, yp), i = p.at(xp, yp);
      out.sx.at(x, y) = ((c + 2.0 * f + i) - (a + 2.0 * d + g)) / 8.0;
      out.sy.at(x, y) = ((g + 2.0 * hh + i) - (a + 2.0 * b + c)) / 8.0;
    };
    // The first and last columns reflect; the columns between are the same
    // sums without the index tests, in a loop that vectorises.
    border(0, reflect101(-1, w), reflect101(1, w));
    if (w == 1) continue;
    const double* above = &p.v[static_cast<std::size_t>(ym) * w];
    const double* row = &p.v[static_cast<std::size_t>(y) * w];
    const double* below = &p.v[static_cast<std::size_t>(yp) * w];
    double* sx = &out.sx.v[static_cast<std::size_t>(y) * w];
    double* sy = &out.sy.v[static_cast<std::size_t>(y) * w];
    for (int x = 1; x < w - 1; ++x) {
      const double a = above[x - 1], b = above[x], c = above[x + 1];
      const double d = row[x - 1], f = row[x + 1];
      const double g = below[x - 1], hh = below[x], i = below[x + 1];
      sx[x] = ((c + 2.0 * f + i) - (a + 2.0 * d + g)) / 8.0;
      sy[x] = ((g + 2.0 * hh + i) - (a + 2.0 * b + c)) / 8.0;
    }
    border(w - 1, reflect101(w - 2, w), reflect101(w, w));
  }
  return out;
}

namespace {

/// Qabf.m's Q^XF of one pixel from the strengths and orientations of the
/// source (gs, as) and of F (gf, af).
__attribute__((always_inline)) inline double qabfPreservation(double gs, double as, double gf, double af) {
  constexpr double gammaG = 0.9994, kappaG = -15.0, sigmaG = 0.5;
  constexpr double gammaA = 0.9879, kappaA = -22.0, sigmaA = 0.8;
  const double g = gs == gf ? 1.0 : std::min(gs, gf) / std::max(gs, gf);
  const double a = relativeOrientation(as, af);
  return gammaG / (1.0 + expVectorisable(kappaG * (g - sigmaG))) * gammaA /
         (1.0 + expVectorisable(kappaA * (a - sigmaA)));
}

/// Qabf.m's per-pixel Q^XF·g_X and g_X of both sources for n pixels (F's
/// strength and orientation computed once; g_X = 0 adds nothing).
/// Branch-free, with the vectorisable atan and exp.
EDGEFUSE_VECTOR_CLONES void qabfPixels(const double* __restrict ax, const double* __restrict ay,
                                       const double* __restrict bx, const double* __restrict by,
                                       const double* __restrict fx, const double* __restrict fy, int n,
                                       double* __restrict weightedQA, double* __restrict weightA,
                                       double* __restrict weightedQB, double* __restrict weightB) {
  for (int i = 0; i < n; ++i) {
    const double gf = std::sqrt(fx[i] * fx[i] + fy[i] * fy[i]);
    const double af = fx[i] == 0.0 ? kPi / 2.0 : atanVectorisable(fy[i] / fx[i]);
    const double ga = std::sqrt(ax[i] * ax[i] + ay[i] * ay[i]);
    const double aa = ax[i] == 0.0 ? kPi / 2.0 : atanVectorisable(ay[i] / ax[i]);
    const double gb = std::sqrt(bx[i] * bx[i] + by[i] * by[i]);
    const double ab = bx[i] == 0.0 ? kPi / 2.0 : atanVectorisable(by[i] / bx[i]);
    weightedQA[i] = qabfPreservation(ga, aa, gf, af) * ga;
    weightA[i] = ga;
    weightedQB[i] = qabfPreservation(gb, ab, gf, af) * gb;
    weightB[i] = gb;
  }
}

}  // namespace

void qabfTerms(const EdgeMaps& a, const EdgeMaps& b, const EdgeMaps& fused, QabfTerms& termsA, QabfTerms& termsB) {
  LaneSum weightedQA, weightA, weightedQB, weightB;
  double qa[kLaneSumBlock], ga[kLaneSumBlock], qb[kLaneSumBlock], gb[kLaneSumBlock];
  const int total = static_cast<int>(fused.sx.size());
  for (int first = 0; first < total; first += kLaneSumBlock) {
    const int n = std::min(kLaneSumBlock, total - first);
    qabfPixels(&a.sx.v[first], &a.sy.v[first], &b.sx.v[first], &b.sy.v[first], &fused.sx.v[first], &fused.sy.v[first],
               n, qa, ga, qb, gb);
    weightedQA.add(qa, n);
    weightA.add(ga, n);
    weightedQB.add(qb, n);
    weightB.add(gb, n);
  }
  termsA.weightedQ = weightedQA.total();
  termsA.weight = weightA.total();
  termsB.weightedQ = weightedQB.total();
  termsB.weight = weightB.total();
}

NabfTerms nabfTerms(const EdgeMaps& a, const EdgeMaps& b, const EdgeMaps& f) {
  constexpr double threshold = 2.0, minWeight = 0.001;  // and the weight exponent 1.5
  constexpr double gammaG = 0.9999, kappaG = 19.0, sigmaG = 0.5;
  constexpr double gammaA = 0.9995, kappaA = 22.0, sigmaA = 0.5;
  auto strength = [](const EdgeMaps& m, std::size_t i) {
    return std::sqrt(m.sx.v[i] * m.sx.v[i] + m.sy.v[i] * m.sy.v[i]);
  };
  auto orientation = [](const EdgeMaps& m, std::size_t i) {
    const double gv = m.sx.v[i], gh = m.sy.v[i];
    return (gv == 0.0 && gh == 0.0) ? 0.0 : std::atan(gv / gh);
  };
  auto preservation = [&](double gs, double gf, double as, double af) {
    const double g = (gs == 0.0 || gf == 0.0) ? 0.0 : std::min(gs, gf) / std::max(gs, gf);
    const double o = relativeOrientation(as, af);
    const double qg = gammaG / (1.0 + std::exp(-kappaG * (g - sigmaG)));
    const double qa = gammaA / (1.0 + std::exp(-kappaA * (o - sigmaA)));
    return std::sqrt(qg * qa);
  };
  NabfTerms t;
  for (std::size_t i = 0; i < f.sx.size(); ++i) {
    const double ga = strength(a, i), gb = strength(b, i), gf = strength(f, i);
    // g^1.5 as g·√g (within an ulp or two of std::pow, at a fraction of its cost).
    const double wa = ga >= threshold ? ga * std::sqrt(ga) : minWeight;
    const double wb = gb >= threshold ? gb * std::sqrt(gb) : minWeight;
    t.weightA += wa;
    t.weightB += wb;
    if (!(gf > ga && gf > gb)) continue;
    const double af = orientation(f, i);
    t.artefactA += (1.0 - preservation(ga, gf, orientation(a, i), af)) * wa;
    t.artefactB += (1.0 - preservation(gb, gf, orientation(b, i), af)) * wb;
  }
  return t;
}

SourcePairValue combineQabf(const QabfTerms& ta, const QabfTerms& tb, MetricNotes* notes) {
  SourcePairValue out;
  out.a = ta.weight > 0.0 ? ta.weightedQ / ta.weight : 0.0;
  out.b = tb.weight > 0.0 ? tb.weightedQ / tb.weight : 0.0;
  const double total = ta.weight + tb.weight;
  out.combined = total > 0.0 ? (ta.weightedQ + tb.weightedQ) / total : 0.0;
  if (notes && !(ta.weight > 0.0)) notes->push_back("qabf: A has no edges; its Qabf is undefined and reported as 0");
  if (notes && !(tb.weight > 0.0)) notes->push_back("qabf: B has no edges; its Qabf is undefined and reported as 0");
  return out;
}

SourcePairValue combineNabf(const NabfTerms& t) {
  // The weights are at least 0.001 per pixel, so the sums are positive.
  SourcePairValue out;
  out.a = t.artefactA / t.weightA;
  out.b = t.artefactB / t.weightB;
  out.combined = (t.artefactA + t.artefactB) / (t.weightA + t.weightB);
  return out;
}

}  // namespace metrics_detail

using namespace metrics_detail;

Expected<SourcePairValue> qabf(const Image& a, const Image& b, const Image& fused, MetricNotes* notes) {
  if (auto ok = checkInputs({&a, &b, &fused}, 3, "qabf"); !ok) return tl::unexpected(ok.error());
  const EdgeMaps ea = sobelZeroPadded(toPlane(a)), eb = sobelZeroPadded(toPlane(b)),
                 ef = sobelZeroPadded(toPlane(fused));
  QabfTerms ta, tb;
  qabfTerms(ea, eb, ef, ta, tb);
  return combineQabf(ta, tb, notes);
}

Expected<SourcePairValue> nabf(const Image& a, const Image& b, const Image& fused) {
  if (auto ok = checkInputs({&a, &b, &fused}, 3, "nabf"); !ok) return tl::unexpected(ok.error());
  return combineNabf(nabfTerms(sobelReflected(toPlane(a, 255.0)), sobelReflected(toPlane(b, 255.0)),
                               sobelReflected(toPlane(fused, 255.0))));
}

}  // namespace edgefuse
