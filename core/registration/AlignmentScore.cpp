// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/registration/AlignmentScore.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace edgefuse {
namespace {

// 3×3 binomial smoothing of one slice (edges replicated).
std::vector<float> smoothSlice(const float* in, int w, int h) {
  std::vector<float> tmp(static_cast<std::size_t>(w) * h), out(tmp.size());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const float* row = in + static_cast<std::size_t>(y) * w;
      tmp[static_cast<std::size_t>(y) * w + x] =
          0.25f * row[std::max(x - 1, 0)] + 0.5f * row[x] + 0.25f * row[std::min(x + 1, w - 1)];
    }
  }
  for (int y = 0; y < h; ++y) {
    const float* up = tmp.data() + static_cast<std::size_t>(std::max(y - 1, 0)) * w;
    const float* mid = tmp.data() + static_cast<std::size_t>(y) * w;
    const float* down = tmp.data() + static_cast<std::size_t>(std::min(y + 1, h - 1)) * w;
    for (int x = 0; x < w; ++x)
      out[static_cast<std::size_t>(y) * w + x] = 0.25f * up[x] + 0.5f * mid[x] + 0.25f * down[x];
  }
  return out;
}

double entropy(const std::vector<double>& p) {
  double h = 0.0;
  for (double v : p) {
    if (v > 0) h -= v * std::log(v);
  }
  return h;
}

}  // namespace

AlignmentScore scoreAlignment(const Volume& fixed, const ResampledVolume& moving) {
  AlignmentScore s;
  s.coverage = moving.coverage;
  const std::vector<float> a = lumaVoxels(fixed), b = lumaVoxels(moving.volume);
  const auto& mask = moving.mask;
  const int w = fixed.geometry.size[0], h = fixed.geometry.size[1], d = fixed.geometry.size[2];
  // Normalised mutual information over the covered voxels.
  float aLow = 0, aHigh = 0, bLow = 0, bHigh = 0;
  bool first = true;
  for (std::size_t x = 0; x < a.size(); ++x) {
    if (!mask[x]) continue;
    if (first) {
      aLow = aHigh = a[x];
      bLow = bHigh = b[x];
      first = false;
    }
    aLow = std::min(aLow, a[x]);
    aHigh = std::max(aHigh, a[x]);
    bLow = std::min(bLow, b[x]);
    bHigh = std::max(bHigh, b[x]);
  }
  if (first) return s;
  constexpr int bins = 32;
  std::vector<double> joint(bins * bins, 0.0), pa(bins, 0.0), pb(bins, 0.0);
  const double sa = aHigh > aLow ? (bins - 1e-6) / (aHigh - aLow) : 0.0;
  const double sb = bHigh > bLow ? (bins - 1e-6) / (bHigh - bLow) : 0.0;
  double count = 0;
  for (std::size_t x = 0; x < a.size(); ++x) {
    if (!mask[x]) continue;
    const int ia = static_cast<int>((a[x] - aLow) * sa), ib = static_cast<int>((b[x] - bLow) * sb);
    joint[static_cast<std::size_t>(ia) * bins + ib] += 1.0;
    count += 1.0;
  }
  for (int i = 0; i < bins; ++i) {
    for (int j = 0; j < bins; ++j) {
      joint[static_cast<std::size_t>(i) * bins + j] /= count;
      pa[i] += joint[static_cast<std::size_t>(i) * bins + j];
      pb[j] += joint[static_cast<std::size_t>(i) * bins + j];
    }
  }
  const double hj = entropy(joint);
  s.nmi = hj > 0 ? (entropy(pa) + entropy(pb)) / hj : 1.0;
  // Edge agreement, slice by slice, on lightly smoothed images: the
  // correlation of the squared gradient products, high only where strong
  // edges of A and B lie at the same place with parallel (or opposite)
  // directions.
  double num = 0.0, energyA = 0.0, energyB = 0.0;
  const std::size_t plane = static_cast<std::size_t>(w) * h;
  for (int k = 0; k < d; ++k) {
    const auto sa2 = smoothSlice(smoothSlice(a.data() + plane * k, w, h).data(), w, h);
    const auto sb2 = smoothSlice(smoothSlice(b.data() + plane * k, w, h).data(), w, h);
    const std::uint8_t* m = mask.data() + plane * k;
    for (int y = 1; y + 1 < h; ++y) {
      for (int x = 1; x + 1 < w; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        if (!m[i] || !m[i - 1] || !m[i + 1] || !m[i - w] || !m[i + w]) continue;
        const double ax = sa2[i + 1] - sa2[i - 1], ay = sa2[i + w] - sa2[i - w];
        const double bx = sb2[i + 1] - sb2[i - 1], by = sb2[i + w] - sb2[i - w];
        const double na = ax * ax + ay * ay, nb = bx * bx + by * by;
        const double dotp = ax * bx + ay * by;
        num += dotp * dotp;
        energyA += na * na;
        energyB += nb * nb;
      }
    }
  }
  s.edgeAgreement = energyA > 0 && energyB > 0 ? std::clamp(num / std::sqrt(energyA * energyB), 0.0, 1.0) : 0.0;
  s.score = std::clamp(s.edgeAgreement * std::min(1.0, (s.nmi - 1.0) / 0.5), 0.0, 1.0);
  return s;
}

GateVerdict applyGate(const AlignmentScore& score, double threshold) {
  GateVerdict v;
  v.threshold = threshold;
  v.passed = score.score >= threshold;
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, "alignment score %.3f %s the threshold %.3f (NMI %.3f, edge agreement %.3f)",
                score.score, v.passed ? "reaches" : "is below", threshold, score.nmi, score.edgeAgreement);
  v.reason = buffer;
  return v;
}

}  // namespace edgefuse
