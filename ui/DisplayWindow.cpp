// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/DisplayWindow.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <vector>

namespace edgefuse::ui {

bool isCtPreset(DisplayPreset preset) {
  return preset == DisplayPreset::Brain || preset == DisplayPreset::Subdural || preset == DisplayPreset::Bone;
}

bool hasHounsfieldUnits(const Image& image) {
  return image.meta.units == "HU";
}

std::optional<DisplayWindow> presetWindow(const Image& image, DisplayPreset preset) {
  if (image.empty()) return std::nullopt;
  if (isCtPreset(preset) && !hasHounsfieldUnits(image)) return std::nullopt;
  switch (preset) {
    case DisplayPreset::Brain:
      return DisplayWindow{40.0, 80.0};
    case DisplayPreset::Subdural:
      return DisplayWindow{75.0, 215.0};
    case DisplayPreset::Bone:
      return DisplayWindow{600.0, 2800.0};
    case DisplayPreset::FullRange: {
      const auto [lo, hi] = image.minMax();
      const double width = std::max(1e-6, static_cast<double>(hi) - lo);
      return DisplayWindow{lo + width / 2.0, width};
    }
    case DisplayPreset::Auto: {
      // Percentiles of a subsample: enough for a window, cheap for big images.
      const std::size_t step = std::max<std::size_t>(1, image.pixels.size() / 65536);
      std::vector<float> values;
      values.reserve(image.pixels.size() / step + 1);
      for (std::size_t i = 0; i < image.pixels.size(); i += step) values.push_back(image.pixels[i]);
      auto at = [&values](double q) {
        const auto k = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
        return static_cast<double>(values[k]);
      };
      const double lo = at(0.005);
      const double hi = at(0.995);
      if (hi - lo <= 1e-6) return presetWindow(image, DisplayPreset::FullRange);
      return DisplayWindow{(lo + hi) / 2.0, hi - lo};
    }
  }
  return std::nullopt;
}

DisplayWindow draggedWindow(const DisplayWindow& start, QPoint delta, double valueRange) {
  const double perPixel = std::max(1e-6, valueRange) / 512.0;
  DisplayWindow w;
  w.width = std::max(perPixel, start.width + delta.x() * perPixel);
  w.center = start.center + delta.y() * perPixel;
  return w;
}

QString displayPresetName(DisplayPreset preset) {
  switch (preset) {
    case DisplayPreset::Auto:
      return QCoreApplication::translate("DisplayWindow", "Automatic (0.5–99.5 %)");
    case DisplayPreset::FullRange:
      return QCoreApplication::translate("DisplayWindow", "Full range");
    case DisplayPreset::Brain:
      return QCoreApplication::translate("DisplayWindow", "CT brain (W 80, L 40)");
    case DisplayPreset::Subdural:
      return QCoreApplication::translate("DisplayWindow", "CT subdural (W 215, L 75)");
    case DisplayPreset::Bone:
      return QCoreApplication::translate("DisplayWindow", "CT bone (W 2800, L 600)");
  }
  return {};
}

QString unitsDisplayName(const std::string& units) {
  if (units == "BQML") return QStringLiteral("Bq/ml");
  return QString::fromStdString(units);
}

}  // namespace edgefuse::ui
