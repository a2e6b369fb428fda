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
/// nmi, fmi, fmi_float, fmi_gradient, fmi_gradient_float, fmi_dct,
/// fmi_dct_float, fsim, cc, scd, vif, vif_float, vif_sum, vif_sum_float, qabf,
/// qabf_float, nabf, en, en_distinct, sd, sf, ag). FMI, VIF and Qabf are
/// computed on the 8-bit images (the papers' convention) and, under the
/// "_float" keys, on the full-precision images.
const std::vector<MetricInfo>& metricCatalogue();

/// True for the keys computed only with MetricOptions::fullPrecision (the
/// "_float" variants of FMI, VIF and Qabf).
bool isFullPrecisionKey(std::string_view key);

/// The entry of `key`, or nullptr.
const MetricInfo* findMetric(std::string_view key);

}  // namespace edgefuse
