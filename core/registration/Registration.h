// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Volume.h"

namespace edgefuse {

enum class TransformKind {
  Rigid,   ///< rotation and translation: 6 degrees of freedom in 3-D, 3 in 2-D
  Affine,  ///< adds scaling and shearing: 12 in 3-D, 6 in 2-D
};

/// How the registration was started.
enum class RegistrationStart {
  Auto,          ///< by geometry when both volumes have it, else by centres of mass
  Geometry,      ///< identity in patient space (the volumes' positions are trusted)
  CentreOfMass,  ///< the centres of mass (above each volume's minimum) brought together
  Given,         ///< `initial` (e.g. a user's manual alignment, to be refined)
};

struct RegistrationOptions {
  TransformKind kind = TransformKind::Rigid;
  RegistrationStart start = RegistrationStart::Auto;
  /// Fixed → moving start for RegistrationStart::Given.
  AffineTransform initial;
  int levels = 3;           ///< multi-resolution levels (shrink 4, 2, 1)
  int histogramBins = 50;   ///< Mattes mutual information bins
  int samplesPerLevel = 0;  ///< random metric samples per level; 0 = every voxel in 2-D, 60 000 in 3-D
  int maxIterationsPerLevel = 200;
  int seed = 20261206;  ///< sampling seed: the same inputs give the same result
};

struct RegistrationResult {
  /// Maps a point of the fixed volume (A) to the moving volume (B), LPS mm.
  AffineTransform fixedToMoving;
  /// Rotation (degrees, about x, y, z as in AffineTransform::rigid) and the
  /// displacement of the fixed volume's centre (mm): what B's content was
  /// moved by relative to A.
  Vec3 rotationDeg{0, 0, 0};
  Vec3 translationMm{0, 0, 0};
  int dimension = 3;         ///< 2 for a pair of single slices
  double metricValue = 0.0;  ///< final Mattes MI (negative; lower is better)
  int iterations = 0;        ///< over all levels
  std::vector<int> iterationsPerLevel;
  std::string start;       ///< "geometry", "centres of mass", "given"
  std::string stopReason;  ///< the optimizer's last stop condition
  /// False when the full-resolution level ran out of iterations before its
  /// step fell below 1/1000 of its start (callers refuse such a result).
  bool converged = true;
  double ms = 0.0;
  std::vector<std::string> notes;
};

/// Progress 0..1 of a registration.
using RegistrationProgress = std::function<void(double fraction)>;

/// Registers `moving` (B) to `fixed` (A) with ITK: Mattes mutual information,
/// regular-step gradient descent with physical-shift parameter scales,
/// multi-resolution (shrink 4, 2, 1; smoothing 2, 1, 0 voxels). A pair of
/// one-slice volumes is registered in 2-D, in the planes of the two slices
/// (Euler 2-D or 2-D affine), starting from the best angle of a coarse
/// search within ±30° of the start (unless the start is Given); anything
/// else in 3-D (Euler 3-D or affine).
/// Colour volumes are registered on their luma. `cancel` is checked at every
/// iteration (Cancelled). Errors: InvalidArgument for a slice against a
/// volume or a volume too small for the levels, Internal for an ITK
/// failure (e.g. no overlap left while optimising). Thread-safe (each call
/// has its own ITK objects).
Expected<RegistrationResult> registerVolumes(const Volume& fixed, const Volume& moving,
                                             const RegistrationOptions& options = {},
                                             const RegistrationProgress& progress = {},
                                             const std::atomic<bool>* cancel = nullptr);

/// The transform by which each volume's own geometry places it in patient
/// space when both share one frame of reference: the identity. Spelled out
/// for readability at call sites.
inline AffineTransform geometryTransform() {
  return AffineTransform::identity();
}

}  // namespace edgefuse
