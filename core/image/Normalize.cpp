// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Normalize.h"

#include <algorithm>

namespace edgefuse {

const char* normalizationName(Normalization n) {
  return n == Normalization::MinMax ? "minmax" : "range";
}

Image normalizeToUnit(const Image& image, Normalization mode, std::vector<std::string>* notes) {
  Image out = image;
  if (image.empty()) return out;
  double lo = 0.0, hi = 1.0;
  if (mode == Normalization::MinMax) {
    const auto [mn, mx] = image.minMax();
    lo = mn;
    hi = mx;
  } else {
    lo = image.meta.nominalMin;
    hi = image.meta.nominalMax;
  }
  if (!(hi > lo)) {
    std::fill(out.pixels.begin(), out.pixels.end(), 0.0f);
    if (notes) notes->push_back("constant image: normalised to 0");
    return out;
  }
  const double scale = 1.0 / (hi - lo);
  bool clamped = false;
  for (float& v : out.pixels) {
    double u = (static_cast<double>(v) - lo) * scale;
    if (u < 0.0 || u > 1.0) {
      clamped = true;
      u = std::clamp(u, 0.0, 1.0);
    }
    v = static_cast<float>(u);
  }
  if (clamped && notes) notes->push_back("values outside the nominal range were clamped to [0,1]");
  return out;
}

}  // namespace edgefuse
