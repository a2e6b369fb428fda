// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/image/ImageMeta.h"

namespace edgefuse {

/// How `convertImage` maps and writes an input.
struct ConvertOptions {
  /// VOI window for grey input. Unset: the file's first window (DICOM), else
  /// the nominal range of the pixel type (said in the notes).
  std::optional<WindowPreset> window;
  /// DICOM output: apply the PS3.15 basic profile. PNG output never carries
  /// patient identity, whatever this says.
  bool anonymize = false;
  /// PNG bit depth for grey output: 8 or 16; 0 = 8 for sources of at most 8
  /// bits mapped by their nominal range, 16 otherwise. RGB is always 8-bit.
  int pngBitDepth = 0;
  /// The series to read from a folder or DICOMDIR with several; empty = the largest.
  std::string seriesInstanceUid;
  OutputPolicy policy;
};

/// What a conversion wrote.
struct ConvertReport {
  std::vector<std::string> files;
  std::vector<std::string> notes;
  std::string mapping;  ///< how values were mapped to the output, e.g. "window brain (C 40, W 80)"
};

/// Converts any readable input (raster, DICOM file, series folder, DICOMDIR)
/// to PNG (`output` ends in .png) or to a DICOM Secondary Capture derived
/// from it (`.dcm`). A multi-slice input goes into a folder named like
/// `output` without its extension (0001.png, … or IM0001.dcm, …). Written
/// atomically, never over or into the input. Thread-safe.
Expected<ConvertReport> convertImage(const std::string& input, const std::string& output,
                                     const ConvertOptions& options);

/// The output path for a multi-slice result: `path` without its extension.
std::string seriesFolderFor(const std::string& path);

}  // namespace edgefuse
