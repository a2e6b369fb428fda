// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <optional>
#include <vector>

#include "core/fusion/FusionTypes.h"

namespace edgefuse::detail {

/// SFNN weights of one pair and how they were found.
struct SfnnWeights {
  double weightA = 0.5;
  double weightB = 0.5;
  double maxNuclearNormA = 0.0;  ///< max over channels of ‖softmax(fA)_c‖_*
  double maxNuclearNormB = 0.0;
  /// Per-channel nuclear norms (float64); filled only in exhaustive mode.
  std::vector<double> nuclearNormsA;
  std::vector<double> nuclearNormsB;
  int exactNorms = 0;  ///< channel maps whose singular values were computed
};

/// Largest nuclear norm over the channel maps of each sample of `maps`
/// (N,C,H,W), computed exactly (float64 singular values) but only for the
/// channels that can still be the maximum: a randomized range finder gives
/// for every channel a certified lower bound ‖QᵀM‖_* and upper bound
/// ‖QᵀM‖_* + √(rank)·‖(I−QQᵀ)M‖_F; channels whose upper bound is below the
/// best exact norm are skipped. The result equals the exhaustive maximum.
/// `exactCount` (if given) receives the number of exact SVDs.
std::vector<double> maxNuclearNorms(const at::Tensor& maps, int* exactCount = nullptr);

/// Per-channel nuclear norms of every sample (N,C,H,W) → N×C, float64, all
/// channels (the reference's definition, used by tests and `exhaustive`).
at::Tensor nuclearNormsExhaustive(const at::Tensor& maps);

/// The SFNN weights of the authors' reference: softmax over channels,
/// per-channel nuclear norm, maximum over channels squared, normalised:
/// wA = mA² / (mA² + mB²). fa, fb: (1,C,H,W).
SfnnWeights sfnnWeights(const at::Tensor& fa, const at::Tensor& fb, bool exhaustive = false);

/// Combined features of one strategy. fa, fb: (N,C,H,W), pairs along N.
/// Scalar weights per sample go to `weights` (N×2) for strategies that have them.
at::Tensor fuseFeatures(Strategy strategy, const at::Tensor& fa, const at::Tensor& fb,
                        std::vector<std::pair<double, double>>* weights = nullptr);

}  // namespace edgefuse::detail
