// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once
// Internal to core/io: turning one loaded DICOM file into EdgeFuse images.
// Included only by core/io .cpp files.

#include <memory>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"
#include "core/io/detail/DcmtkSupport.h"

class DcmFileFormat;

namespace edgefuse::detail {

/// Loads a DICOM file's attributes; values larger than a few KiB (the pixel
/// data) stay in the file until used. A dataset without a file meta header
/// whose encoding DCMTK guesses wrongly is retried as little endian.
Expected<std::unique_ptr<DcmFileFormat>> loadDicomFile(const std::string& path);

/// True when the loaded file is a DICOMDIR (Media Storage Directory).
bool isDicomDir(DcmFileFormat& file);

/// True when the dataset has pixel data (an image object).
bool hasPixelData(DcmFileFormat& file);

/// Number of frames the dataset declares (1 when absent or malformed).
int declaredFrameCount(DcmFileFormat& file);

/// Decodes every frame of a loaded file into images (values after the
/// modality LUT, colour as RGB, geometry and identity in the metadata).
/// `path` is used for messages and `meta.sourcePath`.
Expected<std::vector<Image>> decodeDicomImages(DcmFileFormat& file, const std::string& path);

}  // namespace edgefuse::detail
