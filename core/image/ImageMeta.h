// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace edgefuse {

/// A VOI window (centre/width in the image's stored units after the modality LUT).
struct WindowPreset {
  std::string name;  ///< "file 1", "brain", "subdural", "bone", …
  double center = 0.0;
  double width = 1.0;
};

/// Who and what an image belongs to; kept for derived DICOM export.
/// Empty strings mean "not known". Dates as DICOM DA (YYYYMMDD).
struct ImageIdentity {
  std::string patientName;
  std::string patientId;
  std::string patientBirthDate;
  std::string patientSex;
  std::string studyInstanceUid;
  std::string seriesInstanceUid;
  std::string sopInstanceUid;
  std::string sopClassUid;
  std::string frameOfReferenceUid;
  std::string studyId;
  std::string studyDate;
  std::string studyTime;
  std::string studyDescription;
  std::string seriesDate;
  std::string seriesTime;
  std::string seriesDescription;
  std::string acquisitionDate;
  std::string contentDate;
  std::string accessionNumber;
  std::string referringPhysicianName;
  std::string bodyPartExamined;
  std::string laterality;  ///< (0020,0060) of the series: "R", "L" or ""
  std::string specificCharacterSet;
  std::string manufacturer;
  std::string institutionName;
  int seriesNumber = 0;
  int instanceNumber = 0;
};

/// Everything known about where an image came from and how to read its values.
struct ImageMeta {
  std::string sourcePath;   ///< file it was read from (empty for generated images)
  std::string format;       ///< "png", "jpeg", "tiff", "bmp", "dicom", "phantom", "generated"
  std::string modality;     ///< DICOM modality ("MR", "CT", "PT", "NM", "OT", …) or "" if unknown
  std::string photometric;  ///< "MONOCHROME2", "RGB", "PALETTE COLOR", … (after decoding: grey or RGB)
  std::string transferSyntaxUid;
  std::string transferSyntaxName;
  /// True when the pixels went through lossy compression (a lossy transfer
  /// syntax or LossyImageCompression "01"); derived exports must say so.
  bool lossyCompressed = false;
  /// Frame of a multi-frame file (0-based) this image is, and how many
  /// frames that file has (1 for single images).
  int frameIndex = 0;
  int frameCount = 1;
  int bitsAllocated = 8;
  int bitsStored = 8;
  bool isSigned = false;
  /// Nominal value range of the stored pixel type after the modality LUT
  /// (0..255 for 8-bit, 0..65535 for 16-bit, HU range for CT), used by
  /// `--normalize range`.
  double nominalMin = 0.0;
  double nominalMax = 255.0;
  double rescaleSlope = 1.0;
  double rescaleIntercept = 0.0;
  std::string units;  ///< "HU", "BQML", "" (unitless), …
  std::vector<WindowPreset> windows;
  /// Pixel spacing in mm as (row spacing, column spacing), if known.
  std::optional<std::array<double, 2>> pixelSpacingMm;
  std::optional<double> sliceThicknessMm;
  /// Distance between the centres of neighbouring slices of the series (mm,
  /// along the slice normal), when the slices have positions.
  std::optional<double> sliceSpacingMm;
  /// ImagePositionPatient (mm, LPS) of the first pixel, if known.
  std::optional<std::array<double, 3>> positionPatientMm;
  /// ImageOrientationPatient: row then column direction cosines (LPS).
  std::optional<std::array<double, 6>> orientationPatient;
  ImageIdentity identity;
  /// Non-silent notes about what reading did to the data
  /// ("alpha channel dropped", "grey image stored as RGB: treated as grey", …).
  std::vector<std::string> notes;
};

}  // namespace edgefuse
