// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/image/Image.h"

namespace edgefuse {

/// Classical pixel-level fusion baselines on normalised [0,1] grey images of
/// the same size. Plain C++; deterministic; thread-safe (no shared state).

/// (A + B) / 2 per pixel.
Image fuseAverage(const Image& a, const Image& b);

/// max(A, B) per pixel.
Image fuseMaximum(const Image& a, const Image& b);

/// Laplacian-pyramid fusion (Burt & Adelson 1983, as used by Burt & Kolczynski
/// 1993 for fusion): 5-tap binomial Gaussian pyramid with reflected borders,
/// `levels` detail bands (0 = as many as keep the base ≥ 8 pixels, at most 5);
/// each detail band takes the coefficient of larger magnitude, the base is
/// averaged; the result is reconstructed and clamped to [0,1].
Image fuseLaplacianPyramid(const Image& a, const Image& b, int levels = 0);

}  // namespace edgefuse
