// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/InputCheck.h"

#include <cmath>

#include "core/image/Color.h"

namespace edgefuse {
namespace {

// Sums of the pairs (a, b) of a Pearson correlation. Each row's pairs are
// summed in four interleaved float lanes (loops that need no reordering to
// run in vector registers; a row holds few enough terms for float), and the
// rows' sums are added in double.
struct PairSums {
  static constexpr int kLanes = 4;
  double n = 0, a = 0, b = 0, aa = 0, bb = 0, ab = 0;

  // Pairs (x[i] − mean, y[i] − mean) for i < count.
  void addRow(const float* __restrict x, const float* __restrict y, int count, float mean) {
    float la[kLanes] = {}, lb[kLanes] = {}, laa[kLanes] = {}, lbb[kLanes] = {}, lab[kLanes] = {};
    int i = 0;
    for (; i + kLanes <= count; i += kLanes) {
      for (int l = 0; l < kLanes; ++l) {
        const float u = x[i + l] - mean, v = y[i + l] - mean;
        la[l] += u;
        lb[l] += v;
        laa[l] += u * u;
        lbb[l] += v * v;
        lab[l] += u * v;
      }
    }
    for (int l = 0; i < count; ++i, ++l) {
      const float u = x[i] - mean, v = y[i] - mean;
      la[l] += u;
      lb[l] += v;
      laa[l] += u * u;
      lbb[l] += v * v;
      lab[l] += u * v;
    }
    for (int l = 0; l < kLanes; ++l) {
      a += la[l];
      b += lb[l];
      aa += laa[l];
      bb += lbb[l];
      ab += lab[l];
    }
    n += count;
  }

  std::optional<double> correlation() const {
    if (n < 2) return std::nullopt;
    const double va = aa - a * a / n, vb = bb - b * b / n;
    if (!(va > 0.0) || !(vb > 0.0)) return std::nullopt;
    return (ab - a * b / n) / std::sqrt(va * vb);
  }
};

// The sum of a row, in four interleaved float lanes (see PairSums).
double rowSum(const float* __restrict x, int count) {
  float lanes[PairSums::kLanes] = {};
  int i = 0;
  for (; i + PairSums::kLanes <= count; i += PairSums::kLanes) {
    for (int l = 0; l < PairSums::kLanes; ++l) lanes[l] += x[i + l];
  }
  for (int l = 0; i < count; ++i, ++l) lanes[l] += x[i];
  double sum = 0.0;
  for (float v : lanes) sum += v;
  return sum;
}

}  // namespace

StructureCheck checkStructure(const Image& image) {
  StructureCheck check;
  if (image.empty()) return check;
  Image converted;
  if (image.channels == 3)
    converted = lumaOf(image);
  else if (image.channels != 1)
    converted = image.channel(0);
  const Image& grey = converted.empty() ? image : converted;
  // Centred on the mean so that the sums of squares do not cancel for large
  // stored values (CT in HU, 16-bit MRI). A NaN or infinite pixel makes the
  // mean non-finite: the correlation is then undefined.
  double sum = 0.0;
  for (int y = 0; y < grey.height; ++y)
    sum += rowSum(grey.pixels.data() + static_cast<std::size_t>(y) * grey.width, grey.width);
  const double mean = sum / static_cast<double>(grey.pixels.size());
  if (!std::isfinite(mean)) return check;
  const float centre = static_cast<float>(mean);
  PairSums across, down;
  const int w = grey.width, h = grey.height;
  for (int y = 0; y < h; ++y) {
    const float* row = grey.pixels.data() + static_cast<std::size_t>(y) * w;
    across.addRow(row, row + 1, w - 1, centre);
    if (y + 1 < h) down.addRow(row, row + w, w, centre);
  }
  const auto r1 = across.correlation(), r2 = down.correlation();
  if (r1 && r2)
    check.neighbourCorrelation = 0.5 * (*r1 + *r2);
  else if (r1 || r2)
    check.neighbourCorrelation = r1 ? *r1 : *r2;
  check.noStructure = check.neighbourCorrelation && *check.neighbourCorrelation < kNoStructureCorrelation;
  return check;
}

}  // namespace edgefuse
