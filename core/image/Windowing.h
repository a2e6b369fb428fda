// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/image/Image.h"

namespace edgefuse {

/// The standard CT head windows EdgeFuse offers for any CT in HU: brain
/// (C 40, W 80), subdural (C 75, W 215) and bone (C 600, W 2800). Thread-safe.
std::vector<WindowPreset> ctWindowPresets();

/// A CT preset by name ("brain", "subdural", "bone"), or nullopt. Thread-safe.
std::optional<WindowPreset> findCtWindowPreset(const std::string& name);

/// Maps an image to [0,1] with a VOI window, using the linear function of
/// DICOM PS3.3 C.11.2.1.2 (values below the window give 0, above it 1).
/// Grey images only; colour images are mapped by `toUnitByNominalRange`.
/// Thread-safe (pure function).
Image applyWindow(const Image& image, const WindowPreset& window);

/// Maps an image to [0,1] by its nominal range (`meta.nominalMin..nominalMax`),
/// clamping values outside it. Works on grey and RGB images. Thread-safe.
Image toUnitByNominalRange(const Image& image);

}  // namespace edgefuse
