// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <string>
#include <vector>

#include "core/pipeline/Evaluation.h"

namespace edgefuse::ui {

/// The key metrics shown on the fused view: psnr, ssim, fsim, fmi, qabf, en.
const std::vector<std::string>& overlayMetricKeys();

/// Keys of `values` in display order: the overlay metrics first, then the
/// rest alphabetically.
std::vector<std::string> orderedMetricKeys(const MetricValues& values);

/// Display name of a metric key ("psnr" → "PSNR", "qabf" → "Qabf").
QString metricDisplayName(const std::string& key);

/// A value for display with its unit where it has one ("16.83 dB"), in the
/// UI's locale. GUI thread.
QString formatMetricValue(const std::string& key, double value);

}  // namespace edgefuse::ui
