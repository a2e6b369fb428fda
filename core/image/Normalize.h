// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

#include "core/image/Image.h"

namespace edgefuse {

/// How source values are mapped to the network's [0,1] input.
enum class Normalization {
  MinMax,  ///< (x - min) / (max - min) per image (the EH-DRAN reference; default)
  Range,   ///< (x - nominalMin) / (nominalMax - nominalMin), e.g. x/255 (the DILRAN reference)
};

/// "minmax" / "range".
const char* normalizationName(Normalization n);

/// Maps all channels of `image` to [0,1] floats. A constant image maps to 0
/// under MinMax and the fact is appended to `notes` (if given). Range clamps
/// values outside the nominal range to [0,1] and says so in `notes`.
Image normalizeToUnit(const Image& image, Normalization mode, std::vector<std::string>* notes = nullptr);

}  // namespace edgefuse
