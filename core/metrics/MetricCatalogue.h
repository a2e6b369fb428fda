// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string_view>
#include <vector>

namespace edgefuse {

/// What one metric key of a MetricReport means: for tables, GUI tooltips and
/// JSON. Static data; thread-safe.
struct MetricInfo {
  const char* key;         ///< lowercase key, e.g. "psnr"
  const char* name;        ///< display name, e.g. "PSNR"
  const char* unit;        ///< "dB", "bits", "" (unitless), "[0,1] units"
  bool higherIsBetter;     ///< direction: true ↑, false ↓ (no-reference statistics: higher = more detail)
  bool perSource;          ///< the report also has its value against A and against B
  const char* convention;  ///< how it is computed and combined, in one or two sentences
  const char* reference;   ///< the paper it follows
};

/// Every metric of a MetricReport, in report order (psnr, ssim, ms_ssim, mi,
/// nmi, fmi, fmi_gradient, fmi_dct, fsim, cc, scd, vif, vif_sum, qabf, nabf,
/// en, en_distinct, sd, sf, ag).
const std::vector<MetricInfo>& metricCatalogue();

/// The entry of `key`, or nullptr.
const MetricInfo* findMetric(std::string_view key);

}  // namespace edgefuse
