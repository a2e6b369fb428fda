// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/SaliencyOverlay.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/image/Color.h"
#include "core/image/Normalize.h"

namespace edgefuse {

void heatColour(float value, float& r, float& g, float& b) {
  // Piecewise-linear stops of a perceptually ordered blue-to-red map.
  static constexpr std::array<std::array<float, 4>, 6> kStops{{
      {0.00f, 0.19f, 0.07f, 0.23f},
      {0.20f, 0.16f, 0.47f, 0.93f},
      {0.40f, 0.10f, 0.85f, 0.70f},
      {0.60f, 0.55f, 0.98f, 0.24f},
      {0.80f, 0.98f, 0.73f, 0.22f},
      {1.00f, 0.80f, 0.12f, 0.03f},
  }};
  const float v = std::clamp(std::isfinite(value) ? value : 0.0f, 0.0f, 1.0f);
  for (std::size_t i = 1; i < kStops.size(); ++i) {
    if (v <= kStops[i][0]) {
      const auto& lo = kStops[i - 1];
      const auto& hi = kStops[i];
      const float t = (v - lo[0]) / (hi[0] - lo[0]);
      r = lo[1] + t * (hi[1] - lo[1]);
      g = lo[2] + t * (hi[2] - lo[2]);
      b = lo[3] + t * (hi[3] - lo[3]);
      return;
    }
  }
  r = kStops.back()[1];
  g = kStops.back()[2];
  b = kStops.back()[3];
}

Expected<Image> saliencyOverlay(const Image& base, const Image& heat, float opacity) {
  if (base.empty() || heat.empty())
    return fail(ErrorCode::InvalidArgument, "the overlay needs an image and a heat map");
  if (base.width != heat.width || base.height != heat.height || heat.channels != 1) {
    return fail(ErrorCode::SizeMismatch, "the heat map must be one channel of the image's size");
  }
  const Image grey = base.channels == 3 ? lumaOf(base) : base.channel(0);
  const Image unit = normalizeToUnit(grey, Normalization::MinMax);
  Image out(base.width, base.height, 3);
  out.meta.format = "generated";
  out.meta.nominalMin = 0.0;
  out.meta.nominalMax = 1.0;
  const float alphaMax = std::clamp(opacity, 0.0f, 1.0f);
  for (std::size_t i = 0; i < base.pixelCount(); ++i) {
    const float h = std::clamp(heat.pixels[i], 0.0f, 1.0f);
    float r = 0, g = 0, b = 0;
    heatColour(h, r, g, b);
    const float alpha = alphaMax * std::sqrt(h);
    const float u = unit.pixels[i];
    out.pixels[3 * i] = (1.0f - alpha) * u + alpha * r;
    out.pixels[3 * i + 1] = (1.0f - alpha) * u + alpha * g;
    out.pixels[3 * i + 2] = (1.0f - alpha) * u + alpha * b;
  }
  return out;
}

}  // namespace edgefuse
