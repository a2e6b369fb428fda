// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/image/Volume.h"

namespace edgefuse {

/// True for the research volume formats read through ITK, by name: NIfTI
/// (.nii, .nii.gz), NRRD (.nrrd, .nhdr) and MetaImage (.mha, .mhd).
bool isResearchVolumePath(const std::string& path);

/// Reads a NIfTI, NRRD or MetaImage file with ITK: grey voxels as float, the
/// file's own geometry converted to LPS (ITK's convention; NIfTI's RAS
/// qform/sform is turned by ITK). No modality, units or frame of reference
/// are known (noted). The size is checked from the header before the voxels
/// are read (ImageTooLarge); vector or 4-D images are refused
/// (UnsupportedFormat). Thread-safe.
Expected<Volume> readResearchVolume(const std::string& path);

/// Reads any supported input as a volume in patient space: research formats
/// through ITK, DICOM series, files and DICOMDIRs and raster images through
/// readImageSeries and volumeFromSeries (which says what it assumed or
/// repaired). Thread-safe.
Expected<Volume> readVolume(const std::string& path);

/// True for a name that writeNifti takes: ends in .nii or .nii.gz (any case).
bool isNiftiPath(const std::string& path);

/// Writes a grey volume as NIfTI (.nii or .nii.gz) with its geometry,
/// atomically (writeAtomically, with `policy`). Colour volumes are refused
/// (UnsupportedFormat).
Expected<void> writeNifti(const std::string& path, const Volume& volume, const OutputPolicy& policy = {});

}  // namespace edgefuse
