// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Windowing.h"

#include <algorithm>

namespace edgefuse {

std::vector<WindowPreset> ctWindowPresets() {
  // Centre/width in HU as commonly used for head CT (e.g. Radiopaedia's
  // "CT head windowing"): brain W80 L40, subdural W215 L75, bone W2800 L600.
  return {{"brain", 40.0, 80.0}, {"subdural", 75.0, 215.0}, {"bone", 600.0, 2800.0}};
}

std::optional<WindowPreset> findCtWindowPreset(const std::string& name) {
  for (const auto& preset : ctWindowPresets()) {
    if (preset.name == name) return preset;
  }
  return std::nullopt;
}

Image applyWindow(const Image& image, const WindowPreset& window) {
  Image out = image;
  const double width = std::max(window.width, 1.0);
  // PS3.3 C.11.2.1.2.1: y = ((x - (c - 0.5)) / (w - 1) + 0.5), clamped; for
  // w = 1 it is a threshold at c - 0.5.
  for (float& v : out.pixels) {
    double y = 0.0;
    if (width <= 1.0) {
      y = v <= window.center - 0.5 ? 0.0 : 1.0;
    } else {
      y = (static_cast<double>(v) - (window.center - 0.5)) / (width - 1.0) + 0.5;
    }
    v = static_cast<float>(std::clamp(y, 0.0, 1.0));
  }
  out.meta.nominalMin = 0.0;
  out.meta.nominalMax = 1.0;
  return out;
}

Image toUnitByNominalRange(const Image& image) {
  Image out = image;
  const double lo = image.meta.nominalMin;
  const double span = image.meta.nominalMax - image.meta.nominalMin;
  for (float& v : out.pixels) {
    const double y = span > 0.0 ? (static_cast<double>(v) - lo) / span : 0.0;
    v = static_cast<float>(std::clamp(y, 0.0, 1.0));
  }
  out.meta.nominalMin = 0.0;
  out.meta.nominalMax = 1.0;
  return out;
}

}  // namespace edgefuse
