// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Image.h"

#include <algorithm>

namespace edgefuse {

Image::Image(int w, int h, int c, float fill)
    : width(w),
      height(h),
      channels(c),
      pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * static_cast<std::size_t>(c), fill) {}

std::pair<float, float> Image::minMax() const {
  if (pixels.empty()) return {0.0f, 0.0f};
  const auto [lo, hi] = std::minmax_element(pixels.begin(), pixels.end());
  return {*lo, *hi};
}

bool Image::isGreyStoredAsRgb() const {
  if (channels != 3) return false;
  for (std::size_t i = 0; i + 2 < pixels.size(); i += 3) {
    if (pixels[i] != pixels[i + 1] || pixels[i] != pixels[i + 2]) return false;
  }
  return true;
}

Image Image::channel(int c) const {
  Image out(width, height, 1);
  out.meta = meta;
  const std::size_t n = pixelCount();
  for (std::size_t i = 0; i < n; ++i) out.pixels[i] = pixels[i * channels + c];
  return out;
}

}  // namespace edgefuse
