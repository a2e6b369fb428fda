// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Colour of a heat value in [0,1] on the "turbo"-like map used for saliency
/// (dark blue → cyan → green → yellow → red), as RGB in [0,1].
void heatColour(float value, float& r, float& g, float& b);

/// The saliency overlay: `base` (any units, grey or RGB; shown as its
/// min–max scaled luma) blended with the colour-mapped `heat` ([0,1], same
/// size), where the blend weight grows with the heat (`opacity` at heat 1,
/// nothing at 0) so that unremarkable regions keep the anatomy visible.
/// Returns an RGB image in [0,1] (ready for writePng). Thread-safe.
Expected<Image> saliencyOverlay(const Image& base, const Image& heat, float opacity = 0.6f);

}  // namespace edgefuse
