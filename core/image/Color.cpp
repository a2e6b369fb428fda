// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/Color.h"

namespace edgefuse {

YCbCr rgbToYCbCr(const Image& rgb, float offset) {
  YCbCr out{Image(rgb.width, rgb.height, 1), Image(rgb.width, rgb.height, 1), Image(rgb.width, rgb.height, 1)};
  out.y.meta = rgb.meta;
  const std::size_t n = rgb.pixelCount();
  for (std::size_t i = 0; i < n; ++i) {
    const double r = rgb.pixels[3 * i], g = rgb.pixels[3 * i + 1], b = rgb.pixels[3 * i + 2];
    out.y.pixels[i] = static_cast<float>(0.299 * r + 0.587 * g + 0.114 * b);
    out.cb.pixels[i] = static_cast<float>(-0.168736 * r - 0.331264 * g + 0.5 * b + offset);
    out.cr.pixels[i] = static_cast<float>(0.5 * r - 0.418688 * g - 0.081312 * b + offset);
  }
  return out;
}

Image yCbCrToRgb(const Image& y, const Image& cb, const Image& cr, float offset) {
  Image out(y.width, y.height, 3);
  out.meta = y.meta;
  const std::size_t n = y.pixelCount();
  for (std::size_t i = 0; i < n; ++i) {
    const double yy = y.pixels[i], u = cb.pixels[i] - offset, v = cr.pixels[i] - offset;
    out.pixels[3 * i] = static_cast<float>(yy + 1.402 * v);
    out.pixels[3 * i + 1] = static_cast<float>(yy - 0.344136 * u - 0.714136 * v);
    out.pixels[3 * i + 2] = static_cast<float>(yy + 1.772 * u);
  }
  return out;
}

Image lumaOf(const Image& rgb) {
  return rgbToYCbCr(rgb, 0.0f).y;
}

}  // namespace edgefuse
