// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// One image of a derived DICOM series.
struct DerivedImage {
  /// The pixels as [0,1] floats: grey is written as MONOCHROME2 16-bit
  /// (value × 65535), RGB as 8-bit RGB (value × 255); outside [0,1] clamped.
  Image unitImage;
  /// The images it was derived from. The first one (the anatomical image)
  /// gives the patient, study and geometry of the export; DICOM sources are
  /// referenced in SourceImageSequence.
  std::vector<ImageMeta> sources;
};

/// How a derived series is written.
struct DicomExportOptions {
  /// Remove patient identity per the DICOM PS3.15 Basic Application Level
  /// Confidentiality Profile (see docs/dicom.md): dummy patient, new
  /// study/frame-of-reference UIDs, referenced UIDs replaced, dates removed.
  bool anonymize = false;
  std::string seriesDescription = "EdgeFuse fusion (research)";
  int seriesNumber = 9001;
  /// How the pixels were made (DerivationDescription, at most 1024 characters).
  std::string derivationDescription;
  /// Provenance text for ImageComments; the statement "For research use only,
  /// not for primary diagnosis." is always added.
  std::string imageComments;
};

/// The "not for primary diagnosis" statement every export carries.
inline constexpr const char* kNotForDiagnosis = "For research use only, not for primary diagnosis.";

/// Writes `images` as one new DICOM Secondary Capture series (DERIVED\SECONDARY,
/// one instance per image, InstanceNumber in order) in the study of the
/// first image's first source, with new Series and SOP Instance UIDs from
/// DCMTK's generator. One image: `path` is the file written. Several: `path`
/// is a folder created for the series (IM0001.dcm, …), assembled in a
/// temporary folder and renamed into place; an existing folder is replaced
/// only when it holds nothing but an earlier export and `policy.overwrite`.
/// Never writes over or into `policy.protectedPaths`. Returns the files
/// written. Thread-safe.
Expected<std::vector<std::string>> writeDerivedDicomSeries(const std::string& path,
                                                           const std::vector<DerivedImage>& images,
                                                           const DicomExportOptions& options,
                                                           const OutputPolicy& policy);

}  // namespace edgefuse
