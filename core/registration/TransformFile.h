// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/image/Volume.h"

namespace edgefuse {

/// Writes `fixedToMoving` as an ITK transform file (.tfm/.txt, ITK's text
/// format: AffineTransform_double_3_3 in LPS mm, mapping points of the fixed
/// image to the moving image, as ITK and 3D Slicer's "transform from parent"
/// files of registrations do). Atomic (writeAtomically, with `policy`).
Expected<void> writeItkTransform(const std::string& path, const AffineTransform& fixedToMoving,
                                 const OutputPolicy& policy = {});

/// Reads an ITK transform file holding one linear transform (Euler,
/// versor, similarity, affine; 2-D transforms act on x and y and keep z)
/// as a fixed → moving map. Composite or deformable transforms are refused
/// (UnsupportedFormat). Thread-safe.
Expected<AffineTransform> readItkTransform(const std::string& path);

}  // namespace edgefuse
