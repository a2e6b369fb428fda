// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Volume.h"

namespace edgefuse {

enum class Interpolation {
  Linear,   ///< trilinear (bilinear for one-slice volumes); the default
  BSpline,  ///< cubic B-spline (ITK), smoother, slower
};

/// B brought into A's grid.
struct ResampledVolume {
  /// The moving volume's values on the fixed grid (its metadata and units,
  /// the fixed grid's geometry). Voxels outside the moving volume hold
  /// `outsideValue`.
  Volume volume;
  /// One byte per fixed voxel: 1 where the moving volume covers it, 0 where
  /// it does not (shown as "no data", never stretched).
  std::vector<std::uint8_t> mask;
  float outsideValue = 0.0f;
  /// Share of the fixed voxels covered by the moving volume (0..1).
  double coverage = 0.0;
  std::vector<std::string> notes;
};

/// Bytes that resampling into `fixed` with `channels` channels needs
/// (values and mask).
std::size_t resampleMemoryBytes(const VolumeGeometry& fixed, int channels);

/// The default memory limit for one resampled volume: a quarter of the
/// physical memory, at most 8 GiB.
std::size_t defaultResampleLimitBytes();

/// Resamples `moving` into the grid `fixed`: the fixed voxel at patient
/// point p takes the moving value at fixedToMoving(p). A one-slice moving
/// volume covers points within half its slice spacing of its plane. Voxels
/// the moving volume does not cover take its minimum (its background) and
/// are 0 in the mask. The memory needed is checked against `limitBytes`
/// before anything is allocated (ImageTooLarge). Uses every core.
/// Thread-safe.
Expected<ResampledVolume> resampleVolume(const Volume& moving, const VolumeGeometry& fixed,
                                         const AffineTransform& fixedToMoving,
                                         Interpolation interpolation = Interpolation::Linear,
                                         std::size_t limitBytes = defaultResampleLimitBytes());

}  // namespace edgefuse
