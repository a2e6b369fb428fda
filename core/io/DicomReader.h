// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"

namespace edgefuse {

/// How to read DICOM input.
struct DicomReadOptions {
  /// The series to read from a folder or DICOMDIR that holds several; empty =
  /// the one with the most images (the choice is stated in the notes).
  std::string seriesInstanceUid;
};

/// One image series found in a folder or DICOMDIR (for `info` and pickers).
struct DicomSeriesSummary {
  std::string seriesInstanceUid;
  std::string modality;
  std::string seriesDescription;
  int seriesNumber = 0;
  int imageCount = 0;  ///< frames over all its files
  int fileCount = 0;
};

/// True when `path` looks like DICOM by content or name: the "DICM" magic at
/// byte 128, a dataset without file meta header that starts with a group
/// 0x0002/0x0008 element, a ".dcm"/".dicom" extension, or the name DICOMDIR.
/// Reads at most 132 bytes. Thread-safe.
bool looksLikeDicom(const std::string& path);

/// Reads one DICOM file with DCMTK: a single image, or every frame of a
/// multi-frame object (in file order); a DICOMDIR file is read as its series.
/// Values come back after the modality LUT (HU for CT, Bq/ml for PET, …),
/// MONOCHROME1 inverted, PALETTE COLOR and YBR converted to RGB; geometry
/// (mm, LPS), windows and identity in `ImageMeta`. Failures carry an exact
/// reason: UnsupportedTransferSyntax ("unsupported transfer syntax JPEG 2000
/// (1.2.840.10008.1.2.4.90)"), MalformedData, NotAnImage, ImageTooLarge, …
/// Thread-safe.
Expected<ImageSeries> readDicomFile(const std::string& path);

/// Reads the image series in a folder (searched recursively; non-DICOM files
/// are skipped and counted in the notes), sorted by ImagePositionPatient
/// along the slice normal, or by InstanceNumber when positions are missing
/// or inconsistent (said in the notes). Thread-safe.
Expected<ImageSeries> readDicomFolder(const std::string& folder, const DicomReadOptions& options = {});

/// Reads the image series referenced by a DICOMDIR file, as readDicomFolder
/// does for a folder. Thread-safe.
Expected<ImageSeries> readDicomDir(const std::string& dicomdirPath, const DicomReadOptions& options = {});

/// Reads a DICOM file, a DICOMDIR, or a folder (using its DICOMDIR when it has
/// one). Thread-safe.
Expected<ImageSeries> readDicom(const std::string& path, const DicomReadOptions& options = {});

/// The image series of a DICOM file, folder or DICOMDIR without decoding
/// pixels, largest first. Thread-safe.
Expected<std::vector<DicomSeriesSummary>> listDicomSeries(const std::string& path);

}  // namespace edgefuse
