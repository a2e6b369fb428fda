// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QPoint>
#include <QString>
#include <optional>

#include "core/image/Image.h"

namespace edgefuse::ui {

/// A display window (window/level) in an image's stored units (HU for CT,
/// Bq/ml for PET, raw values otherwise): values at or below `lower()` show
/// black, at or above `upper()` white.
struct DisplayWindow {
  double center = 0.5;
  double width = 1.0;

  double lower() const { return center - width / 2.0; }
  double upper() const { return center + width / 2.0; }
  bool operator==(const DisplayWindow& other) const { return center == other.center && width == other.width; }
  bool operator!=(const DisplayWindow& other) const { return !(*this == other); }
};

/// Named window presets. The CT presets are in Hounsfield units and only
/// apply to images whose units are HU.
enum class DisplayPreset {
  Auto,       ///< 0.5th to 99.5th percentile of the image
  FullRange,  ///< minimum to maximum
  Brain,      ///< CT: centre 40 HU, width 80 HU
  Subdural,   ///< CT: centre 75 HU, width 215 HU
  Bone,       ///< CT: centre 600 HU, width 2800 HU
};

/// True for the presets that need Hounsfield units.
bool isCtPreset(DisplayPreset preset);

/// True when the image's values are Hounsfield units (meta.units "HU").
bool hasHounsfieldUnits(const Image& image);

/// The window of a preset for `image`; nullopt when a CT preset is asked of
/// an image that is not in HU, or the image is empty. Thread-safe.
std::optional<DisplayWindow> presetWindow(const Image& image, DisplayPreset preset);

/// The window after a right-drag by `delta` pixels from `start`: right widens,
/// left narrows, down raises the level, up lowers it; `valueRange` (max −
/// min of the image) sets the sensitivity so a 512-pixel drag spans it.
DisplayWindow draggedWindow(const DisplayWindow& start, QPoint delta, double valueRange);

/// Translated preset name for menus. GUI thread.
QString displayPresetName(DisplayPreset preset);

/// Display name of a units string from ImageMeta ("HU", "BQML" → "Bq/ml");
/// empty for unitless values.
QString unitsDisplayName(const std::string& units);

}  // namespace edgefuse::ui
