#pragma once

#include <string>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Reads any supported input: a raster file (one slice). Returns the slices
/// as a series, with notes about anything done to the data. Thread-safe.
Expected<ImageSeries> readImageSeries(const std::string& path);

/// Reads a single 2-D image (the first slice of a series, noted when the
/// input had more). Thread-safe.
Expected<Image> readImage(const std::string& path);

}  // namespace edgefuse
