// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Volume.h"
#include "core/registration/AlignmentScore.h"
#include "core/registration/Registration.h"
#include "core/registration/Resample.h"

namespace edgefuse {

/// How B is brought onto A (the CLI's --align).
enum class AlignMode {
  Auto,      ///< same frame of reference: geometry; otherwise registration
  Geometry,  ///< trust both volumes' positions (resample only)
  Register,  ///< Mattes-MI registration
  None,      ///< B must already be on A's grid (nothing is resampled)
  File,      ///< a transform from a file (ITK .tfm)
};

/// Parses "auto", "geometry", "register", "none"; anything else is taken as
/// a transform file (AlignMode::File). Empty → Auto.
AlignMode parseAlignMode(const std::string& text);

struct AlignOptions {
  AlignMode mode = AlignMode::Auto;
  std::string transformFile;  ///< for AlignMode::File
  TransformKind kind = TransformKind::Rigid;
  Interpolation interpolation = Interpolation::Linear;
  double gateThreshold = kDefaultGateThreshold;
  /// Iterations of the registration per resolution level.
  int maxIterationsPerLevel = 200;
  std::size_t memoryLimitBytes = defaultResampleLimitBytes();
};

/// How the pair was aligned, as a word for JSON and notes.
enum class AlignMethod { SameGrid, Geometry, Registration, UserTransform };
const char* alignMethodName(AlignMethod method);

/// B on A's grid, how it got there, and the gate's verdict.
struct PreparedPair {
  ResampledVolume b;
  AlignMethod method = AlignMethod::SameGrid;
  AffineTransform fixedToMoving;
  std::optional<RegistrationResult> registration;
  AlignmentScore score;
  GateVerdict gate;
  std::vector<std::string> notes;  ///< what was decided and why, in plain words
  double alignMs = 0.0;
  double resampleMs = 0.0;
  double scoreMs = 0.0;
};

using PrepareProgress = std::function<void(const std::string& stage, double fraction)>;

/// Decides how to align B to A, aligns, resamples B into A's grid and scores
/// the result (see docs/registration.md):
/// 1. same FrameOfReferenceUID (both known): resample by geometry;
/// 2. different or missing frame of reference, or Register: rigid (or affine)
///    Mattes-MI registration, started from geometry where both have it;
///    a result within half a voxel of the identity on a shared grid keeps B's
///    voxels as they are;
/// 3. File: the user's transform.
/// None: B must already share A's grid (SizeMismatch otherwise).
/// The gate's verdict is returned, not enforced: the caller refuses network
/// fusion when !gate.passed unless the user forces it. Thread-safe.
Expected<PreparedPair> preparePair(const Volume& a, const Volume& b, const AlignOptions& options,
                                   const PrepareProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

/// The error for a pair the gate refused (AlignmentRefused, with the score).
Error gateRefusal(const PreparedPair& pair);

}  // namespace edgefuse
