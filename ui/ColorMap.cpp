// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ColorMap.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

namespace edgefuse::ui {
namespace {

struct Stop {
  double at;
  QRgb colour;
};

// Piecewise-linear interpolation between colour stops in sRGB.
QVector<QRgb> interpolate(const std::vector<Stop>& stops) {
  QVector<QRgb> table(256);
  for (int i = 0; i < 256; ++i) {
    const double t = i / 255.0;
    std::size_t k = 1;
    while (k + 1 < stops.size() && stops[k].at < t) ++k;
    const Stop& lo = stops[k - 1];
    const Stop& hi = stops[k];
    const double f = std::clamp((t - lo.at) / std::max(1e-9, hi.at - lo.at), 0.0, 1.0);
    auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    table[i] = qRgb(mix(qRed(lo.colour), qRed(hi.colour)), mix(qGreen(lo.colour), qGreen(hi.colour)),
                    mix(qBlue(lo.colour), qBlue(hi.colour)));
  }
  return table;
}

QVector<QRgb> makeTable(ColorMapKind kind) {
  switch (kind) {
    case ColorMapKind::Grey:
      return interpolate({{0.0, qRgb(0, 0, 0)}, {1.0, qRgb(255, 255, 255)}});
    case ColorMapKind::Hot:
      // Black → red → yellow → white, the classic "hot iron" ramp.
      return interpolate(
          {{0.0, qRgb(0, 0, 0)}, {0.375, qRgb(255, 0, 0)}, {0.75, qRgb(255, 255, 0)}, {1.0, qRgb(255, 255, 255)}});
    case ColorMapKind::PetRainbow:
      // The rainbow used by nuclear-medicine consoles: black, violet, blue,
      // cyan, green, yellow, orange, red, white.
      return interpolate({{0.0, qRgb(0, 0, 0)},
                          {0.12, qRgb(80, 0, 120)},
                          {0.25, qRgb(0, 0, 255)},
                          {0.38, qRgb(0, 200, 255)},
                          {0.5, qRgb(0, 210, 0)},
                          {0.63, qRgb(255, 255, 0)},
                          {0.76, qRgb(255, 140, 0)},
                          {0.9, qRgb(255, 0, 0)},
                          {1.0, qRgb(255, 255, 255)}});
    case ColorMapKind::Viridis:
      // Viridis (van der Walt & Smith, matplotlib) sampled at eleven stops.
      return interpolate({{0.0, qRgb(0x44, 0x01, 0x54)},
                          {0.1, qRgb(0x48, 0x24, 0x75)},
                          {0.2, qRgb(0x41, 0x44, 0x87)},
                          {0.3, qRgb(0x35, 0x5f, 0x8d)},
                          {0.4, qRgb(0x2a, 0x78, 0x8e)},
                          {0.5, qRgb(0x21, 0x91, 0x8c)},
                          {0.6, qRgb(0x22, 0xa8, 0x84)},
                          {0.7, qRgb(0x44, 0xbf, 0x70)},
                          {0.8, qRgb(0x7a, 0xd1, 0x51)},
                          {0.9, qRgb(0xbd, 0xdf, 0x26)},
                          {1.0, qRgb(0xfd, 0xe7, 0x25)}});
  }
  return {};
}

}  // namespace

QVector<ColorMapKind> allColorMaps() {
  return {ColorMapKind::Grey, ColorMapKind::Hot, ColorMapKind::PetRainbow, ColorMapKind::Viridis};
}

const QVector<QRgb>& colorTable(ColorMapKind kind) {
  // Built once, on first use; function-local statics are thread-safe.
  static const std::array<QVector<QRgb>, 4> tables = {makeTable(ColorMapKind::Grey), makeTable(ColorMapKind::Hot),
                                                      makeTable(ColorMapKind::PetRainbow),
                                                      makeTable(ColorMapKind::Viridis)};
  return tables[static_cast<std::size_t>(kind)];
}

QString colorMapId(ColorMapKind kind) {
  switch (kind) {
    case ColorMapKind::Grey:
      return QStringLiteral("grey");
    case ColorMapKind::Hot:
      return QStringLiteral("hot");
    case ColorMapKind::PetRainbow:
      return QStringLiteral("pet-rainbow");
    case ColorMapKind::Viridis:
      return QStringLiteral("viridis");
  }
  return QStringLiteral("grey");
}

std::optional<ColorMapKind> colorMapFromId(const QString& id) {
  for (ColorMapKind kind : allColorMaps()) {
    if (colorMapId(kind) == id) return kind;
  }
  return std::nullopt;
}

QString colorMapDisplayName(ColorMapKind kind) {
  switch (kind) {
    case ColorMapKind::Grey:
      return QCoreApplication::translate("ColorMap", "Grey");
    case ColorMapKind::Hot:
      return QCoreApplication::translate("ColorMap", "Hot iron");
    case ColorMapKind::PetRainbow:
      return QCoreApplication::translate("ColorMap", "PET rainbow");
    case ColorMapKind::Viridis:
      return QCoreApplication::translate("ColorMap", "Viridis (colour-blind safe)");
  }
  return {};
}

}  // namespace edgefuse::ui
