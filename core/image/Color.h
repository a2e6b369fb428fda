// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/image/Image.h"

namespace edgefuse {

/// Planes of a full-range BT.601 YCbCr image (JPEG/JFIF convention, as
/// Pillow's "YCbCr" mode): Y in the input's units, Cb/Cr centred on
/// `offset` (128 for 8-bit data, 0.5 for [0,1] data).
struct YCbCr {
  Image y;
  Image cb;
  Image cr;
};

/// RGB → full-range BT.601 YCbCr, in floating point (no rounding):
///   Y  =  0.299 R + 0.587 G + 0.114 B
///   Cb = -0.168736 R - 0.331264 G + 0.5 B + offset
///   Cr =  0.5 R - 0.418688 G - 0.081312 B + offset
/// `rgb` must have 3 channels.
YCbCr rgbToYCbCr(const Image& rgb, float offset);

/// Inverse of rgbToYCbCr; output RGB with 3 channels (not clamped).
Image yCbCrToRgb(const Image& y, const Image& cb, const Image& cr, float offset);

/// Grey from RGB by the BT.601 luma weights (the Y plane).
Image lumaOf(const Image& rgb);

}  // namespace edgefuse
