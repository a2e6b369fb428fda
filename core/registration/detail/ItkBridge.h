// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Functions implemented with ITK in the registration library's ITK
// translation units; the interface uses project types only.

#include <atomic>
#include <functional>
#include <string>

#include "core/base/Error.h"
#include "core/image/Volume.h"

namespace edgefuse::detail {

/// Cubic B-spline resampling of channel `channel` of `moving` into `fixed`
/// (ITK ResampleImageFilter + BSplineInterpolateImageFunction); writes one
/// value per fixed voxel to `out` (stride `outStride`), `outside` where the
/// point falls outside the moving volume.
void resampleBSpline(const Volume& moving, int channel, const VolumeGeometry& fixed,
                     const AffineTransform& fixedToMoving, float outside, float* out, int outStride);

/// ITK's linear ResampleImageFilter, for tests that compare the project's own
/// resampler with ITK's (grey volumes only).
std::vector<float> resampleLinearItk(const Volume& moving, const VolumeGeometry& fixed,
                                     const AffineTransform& fixedToMoving, float outside);

}  // namespace edgefuse::detail
