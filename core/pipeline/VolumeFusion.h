// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/fusion/Engine.h"
#include "core/image/Image.h"

namespace edgefuse {

/// Checks that two series can be fused slice by slice: the same number of
/// slices of the same size, and, where both say, the same pixel spacing,
/// orientation and slice positions (within 0.01 mm / 0.001). Nothing is
/// resampled: a mismatch is a SizeMismatch error naming what differs. Returns
/// notes on what could not be checked. Thread-safe.
Expected<std::vector<std::string>> checkVolumePair(const ImageSeries& a, const ImageSeries& b);

/// Fuses two volumes slice by slice (checkVolumePair first) with
/// Engine::fuseBatch; results are in slice order, each carrying the notes of
/// its sources. Called on the engine's thread; `cancel` is checked between
/// batches.
Expected<std::vector<FusionResult>> fuseVolumes(Engine& engine, const ImageSeries& a, const ImageSeries& b,
                                                const FusionOptions& options, const ProgressCallback& progress = {},
                                                const std::atomic<bool>* cancel = nullptr);

}  // namespace edgefuse
