// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/image/Volume.h"

namespace edgefuse {

/// What a DICOM Spatial Registration object (SOP class
/// 1.2.840.10008.5.1.4.1.1.66.1) records of a registration between two
/// DICOM volumes.
struct SpatialRegistrationExport {
  /// The fixed (A) and moving (B) volumes as read from DICOM: their
  /// identity (meta.identity: patient, study, series, frame of reference)
  /// and their instances are referenced.
  const Volume* fixed = nullptr;
  const Volume* moving = nullptr;
  /// Maps a point of A to the point of B (LPS mm), as everywhere in EdgeFuse.
  AffineTransform fixedToMoving;
  /// RIGID when the matrix is a rotation and translation, else AFFINE.
  bool rigid = true;
  /// How the transform was found: by image content (registration) or
  /// given by the user / the scanners' geometry.
  bool byImageContent = true;
  std::string description = "EdgeFuse registration (research)";
};

/// Writes a Spatial Registration object in the study of A, in A's frame of
/// reference (the registered coordinate system): one item for A's frame
/// (identity) and one for B's frame with the matrix that takes B's
/// coordinates into A's (the inverse of fixedToMoving, as PS3.3 C.20.2
/// defines it), and references to every instance of both series. Both
/// volumes need DICOM identity (study, series and frame of reference UIDs)
/// and different frames of reference: InvalidArgument otherwise. Atomic; never writes over `policy.protectedPaths`.
Expected<void> writeSpatialRegistration(const std::string& path, const SpatialRegistrationExport& content,
                                        const OutputPolicy& policy = {});

/// The checks writeSpatialRegistration makes before it writes, for callers
/// that write other outputs too (nothing is written when one fails).
Expected<void> checkSpatialRegistration(const SpatialRegistrationExport& content);

/// True when `path` is a DICOM file of the Spatial Registration SOP class.
bool isSpatialRegistrationFile(const std::string& path);

/// The matrices of a Spatial Registration object: for each frame of
/// reference, the 4×4 map from its coordinates into the registered
/// coordinate system (the object's own frame of reference).
struct SpatialRegistrationMatrices {
  std::string registeredFrameOfReferenceUid;
  struct Entry {
    std::string frameOfReferenceUid;
    AffineTransform toRegistered;
    std::string type;  ///< RIGID, RIGID_SCALE or AFFINE
  };
  std::vector<Entry> entries;
};

/// Reads a Spatial Registration object's matrices. Only matrix registrations
/// are read (deformable ones are another SOP class and are refused);
/// several matrices in one item are composed in order. Errors:
/// FileNotFound/ReadFailed, MalformedData (missing or bad matrix),
/// UnsupportedFormat (not a Spatial Registration object). Thread-safe.
Expected<SpatialRegistrationMatrices> readSpatialRegistration(const std::string& path);

/// The fixed → moving map that a Spatial Registration object gives for two
/// volumes of frames of reference `fixedFrame` and `movingFrame`: the moving
/// frame's matrix inverted, after the fixed frame's. A frame that is the
/// registered coordinate system itself needs no entry. SizeMismatch (exit 6)
/// when the object does not register these frames of reference ("made for
/// other series").
Expected<AffineTransform> fixedToMovingFrom(const SpatialRegistrationMatrices& matrices, const std::string& fixedFrame,
                                            const std::string& movingFrame);

}  // namespace edgefuse
