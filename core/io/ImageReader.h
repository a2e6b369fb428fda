// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// What kind of input a path holds, decided by content first (magic bytes)
/// and by name only where the content says nothing.
enum class InputKind {
  Raster,    ///< PNG, JPEG, TIFF or BMP
  Dicom,     ///< a DICOM file (single or multi-frame)
  DicomDir,  ///< a DICOMDIR file, or a folder that has one
  Folder,    ///< a folder read as a DICOM series
  Volume,    ///< NIfTI, NRRD or MetaImage (by name), read through ITK
  Unknown,   ///< none of these
};

/// Classifies `path` (reads at most a few bytes). Thread-safe.
InputKind detectInputKind(const std::string& path);

/// Reads any supported input: a raster file (one slice), a DICOM file (all
/// its frames), a folder holding a DICOM series, or a DICOMDIR. Dispatches by
/// content (see detectInputKind). Returns the slices as a series, with notes
/// about anything done to the data. Thread-safe.
Expected<ImageSeries> readImageSeries(const std::string& path);

/// Reads a single 2-D image (the first slice of a series, noted when the
/// input had more). Thread-safe.
Expected<Image> readImage(const std::string& path);

}  // namespace edgefuse
