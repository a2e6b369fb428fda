// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// The second series brought onto the anatomical one: one B image per slice
/// of A, on A's pixel grid.
struct AlignedPair {
  std::vector<Image> b;                  ///< b[i] pairs with slice i of A
  std::vector<std::size_t> sourceSlice;  ///< the B slice each b[i] was made from
  bool resampled = false;                ///< true when B's grid differed from A's
  std::vector<std::string> notes;        ///< what was done (slice matching, resampling)
};

/// Pairs every slice of `a` with a slice of `b` and resamples it to A's grid
/// when the grids differ (resampleToGrid; refused for other orientations).
/// Slices are matched by index when the counts agree, by position along the
/// slice normal when both series know their positions, and otherwise by
/// relative position in the stack (noted). Thread-safe.
Expected<AlignedPair> alignToAnatomical(const ImageSeries& a, const ImageSeries& b);

}  // namespace edgefuse
