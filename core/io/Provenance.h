// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

#include "core/io/PngWriter.h"

namespace edgefuse {

/// How an exported image was made. Written into PNG text chunks and DICOM
/// derivation attributes. Identity-free: sources are file names (or UIDs
/// when the export is not anonymised), never patient data.
struct Provenance {
  std::string software;   ///< "EdgeFuse 0.1.0"
  std::string modelName;  ///< "eh-dran" or "none"
  std::string modelVersion;
  std::string weightsSha256;
  std::string method;
  std::string strategy;
  std::string bnMode;
  std::string normalization;
  std::string device;
  std::string torchVersion;
  std::vector<std::string> sources;  ///< file names (anonymised) or DICOM UIDs
  std::string createdUtc;            ///< ISO 8601, e.g. 2026-11-22T10:00:00Z
  std::vector<std::string> notes;

  /// One line for DICOM DerivationDescription / ImageComments.
  std::string summary() const;
  /// PNG text chunks: Software, Description, Source, Creation Time, and
  /// EdgeFuse:* keys for each field.
  std::vector<PngTextEntry> pngText() const;
};

/// Current UTC time as ISO 8601 with a Z suffix.
std::string utcNowIso8601();

}  // namespace edgefuse
