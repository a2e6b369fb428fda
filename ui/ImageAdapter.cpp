// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ImageAdapter.h"

#include <algorithm>
#include <cmath>

#include "core/classify/SaliencyOverlay.h"

namespace edgefuse::ui {

QImage renderImage(const Image& image, const DisplayWindow& window, ColorMapKind map) {
  if (image.empty()) return {};
  QImage out(image.width, image.height, QImage::Format_RGB32);
  const double lower = window.lower();
  const double scale = 255.0 / std::max(1e-9, window.width);
  auto level = [lower, scale](float v) {
    return static_cast<int>(std::clamp((static_cast<double>(v) - lower) * scale, 0.0, 255.0) + 0.5);
  };
  if (image.channels == 3) {
    for (int y = 0; y < image.height; ++y) {
      auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
      const float* src = image.pixels.data() + static_cast<std::size_t>(y) * image.width * 3;
      for (int x = 0; x < image.width; ++x) {
        line[x] = qRgb(level(src[3 * x]), level(src[3 * x + 1]), level(src[3 * x + 2]));
      }
    }
  } else {
    const QVector<QRgb>& table = colorTable(map);
    for (int y = 0; y < image.height; ++y) {
      auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
      const float* src = image.pixels.data() + static_cast<std::size_t>(y) * image.width * image.channels;
      for (int x = 0; x < image.width; ++x) line[x] = table[level(src[x * image.channels])];
    }
  }
  return out;
}

Image imageFromQImage(const QImage& source) {
  if (source.isNull()) return {};
  const QImage rgb = source.convertToFormat(QImage::Format_RGB32);
  const bool grey = rgb.allGray();
  Image out(rgb.width(), rgb.height(), grey ? 1 : 3);
  out.meta.format = "generated";
  out.meta.nominalMin = 0.0;
  out.meta.nominalMax = 255.0;
  for (int y = 0; y < rgb.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
    for (int x = 0; x < rgb.width(); ++x) {
      if (grey) {
        out.at(x, y) = static_cast<float>(qRed(line[x]));
      } else {
        out.at(x, y, 0) = static_cast<float>(qRed(line[x]));
        out.at(x, y, 1) = static_cast<float>(qGreen(line[x]));
        out.at(x, y, 2) = static_cast<float>(qBlue(line[x]));
      }
    }
  }
  return out;
}

QImage renderSaliency(const Image& heat, double opacity) {
  if (heat.empty() || heat.channels != 1) return {};
  QImage out(heat.width, heat.height, QImage::Format_ARGB32_Premultiplied);
  for (int y = 0; y < heat.height; ++y) {
    auto* line = reinterpret_cast<QRgb*>(out.scanLine(y));
    for (int x = 0; x < heat.width; ++x) {
      const float v = std::clamp(heat.pixels[static_cast<std::size_t>(y) * heat.width + x], 0.0f, 1.0f);
      float r = 0.0f, g = 0.0f, b = 0.0f;
      heatColour(v, r, g, b);
      const double alpha = opacity * v;
      auto channel = [alpha](float c) { return static_cast<int>(std::lround(255.0 * alpha * c)); };
      line[x] = qRgba(channel(r), channel(g), channel(b), static_cast<int>(std::lround(255.0 * alpha)));
    }
  }
  return out;
}

}  // namespace edgefuse::ui
