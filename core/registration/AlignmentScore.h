// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/image/Volume.h"
#include "core/registration/Resample.h"

namespace edgefuse {

/// How well B (resampled into A's grid) agrees with A where they overlap.
struct AlignmentScore {
  /// Studholme's normalised mutual information (H(A) + H(B)) / H(A, B) over
  /// the covered voxels, 32 bins each: 1 for independent images, 2 for a
  /// one-to-one intensity mapping.
  double nmi = 1.0;
  /// Agreement of edges: Σ(∇A·∇B)² / √(Σ|∇A|⁴ Σ|∇B|⁴) over the covered
  /// voxels (in-plane gradients of lightly smoothed slices), 0..1: high only
  /// where strong edges of A and B coincide in place and direction; the sign
  /// of the contrast does not matter (multimodal pairs).
  double edgeAgreement = 0.0;
  /// The gate's score: edgeAgreement·(nmi − 1) normalised, 0..1 (see
  /// docs/registration.md for the calibration).
  double score = 0.0;
  /// Share of A's voxels that B covers.
  double coverage = 0.0;
};

/// The default gate threshold on AlignmentScore::score, calibrated on the
/// AANLIB pairs (docs/registration.md, tools/calibrate-gate).
constexpr double kDefaultGateThreshold = 0.10;

/// Scores the agreement of `fixed` and `moving` (on fixed's grid, with its
/// mask). Colour volumes are scored on their luma. Thread-safe.
AlignmentScore scoreAlignment(const Volume& fixed, const ResampledVolume& moving);

/// The gate's verdict on a score: pass when score ≥ threshold.
struct GateVerdict {
  bool passed = false;
  double threshold = kDefaultGateThreshold;
  std::string reason;  ///< one sentence with the score and the threshold
};
GateVerdict applyGate(const AlignmentScore& score, double threshold = kDefaultGateThreshold);

}  // namespace edgefuse
