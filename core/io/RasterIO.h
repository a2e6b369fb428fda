// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <string_view>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Reads a raster image (PNG, JPEG, TIFF, BMP) with OpenCV: 8/16-bit grey,
/// RGB, RGBA (alpha dropped, noted), palette (expanded to RGB, noted); an RGB
/// image whose channels are equal is returned as grey (noted). Values keep
/// their stored range (0..255 or 0..65535; `meta.nominalMax` says which).
/// The header's size is checked before anything is decoded (ImageTooLarge
/// beyond 65535 pixels a side or 2^28 samples). Thread-safe.
Expected<Image> readRaster(const std::string& path);

/// As readRaster, from the bytes of a file already in memory; `name` is used
/// in messages and `meta.sourcePath`. Thread-safe.
Expected<Image> decodeRaster(std::string_view bytes, const std::string& name);

/// True when the file name has a raster extension EdgeFuse reads.
bool hasRasterExtension(const std::string& path);

}  // namespace edgefuse
