#pragma once

#include <string>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Reads a raster image (PNG, JPEG, TIFF, BMP) with OpenCV: 8/16-bit grey,
/// RGB, RGBA (alpha dropped, noted), palette (expanded to RGB); an RGB image
/// whose channels are equal is returned as grey (noted). Values keep their
/// stored range (0..255 or 0..65535; `meta.nominalMax` says which).
/// Thread-safe.
Expected<Image> readRaster(const std::string& path);

/// True when the file name has a raster extension EdgeFuse reads.
bool hasRasterExtension(const std::string& path);

}  // namespace edgefuse
