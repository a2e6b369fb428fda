// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// True when `a` and `b` share one pixel grid: the same size, and pixel
/// spacings that are equal (within 0.1 %) or unknown for either image.
/// Thread-safe.
bool sameGrid(const Image& a, const Image& b);

/// Resamples `moving` onto the pixel grid of `reference` (bilinear, every
/// channel), so that a second image can be fused with the anatomical one.
/// Geometry, in this order of preference:
/// - both spacings and ImagePositionPatient known, same orientation: pixels
///   are matched by patient position (mm);
/// - both spacings known: centre on centre, physical scale kept;
/// - a spacing unknown: the field of view of `moving` is stretched to
///   the reference's.
/// Pixels outside the moving image take its minimum value (background).
/// Refuses (SizeMismatch) images whose known orientations differ: EdgeFuse
/// does not reslice. Every choice made is appended to `notes` — never silent.
/// The result keeps `moving`'s metadata with the reference's geometry.
/// Thread-safe.
Expected<Image> resampleToGrid(const Image& moving, const Image& reference, std::vector<std::string>& notes);

}  // namespace edgefuse
