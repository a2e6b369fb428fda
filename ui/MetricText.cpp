// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MetricText.h"

#include <QCoreApplication>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <map>

namespace edgefuse::ui {

const std::vector<std::string>& overlayMetricKeys() {
  static const std::vector<std::string> keys = {"psnr", "ssim", "fsim", "fmi", "qabf", "en"};
  return keys;
}

std::vector<std::string> orderedMetricKeys(const MetricValues& values) {
  std::vector<std::string> keys;
  for (const auto& key : overlayMetricKeys()) {
    if (values.count(key)) keys.push_back(key);
  }
  for (const auto& [key, value] : values) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

QString metricDisplayName(const std::string& key) {
  static const std::map<std::string, QString> names = {{"psnr", QStringLiteral("PSNR")},
                                                       {"ssim", QStringLiteral("SSIM")},
                                                       {"fsim", QStringLiteral("FSIM")},
                                                       {"fmi", QStringLiteral("FMI")},
                                                       {"qabf", QStringLiteral("Qabf")},
                                                       {"nabf", QStringLiteral("Nabf")},
                                                       {"en", QStringLiteral("EN")},
                                                       {"mi", QStringLiteral("MI")},
                                                       {"nmi", QStringLiteral("NMI")},
                                                       {"sd", QStringLiteral("SD")},
                                                       {"sf", QStringLiteral("SF")},
                                                       {"ag", QStringLiteral("AG")},
                                                       {"vif", QStringLiteral("VIF")},
                                                       {"scd", QStringLiteral("SCD")},
                                                       {"cc", QStringLiteral("CC")},
                                                       {"ms_ssim", QStringLiteral("MS-SSIM")},
                                                       {"fmi_gradient", QStringLiteral("FMI (gradient)")},
                                                       {"fmi_dct", QStringLiteral("FMI (DCT)")},
                                                       {"vif_sum", QStringLiteral("VIF (sum)")},
                                                       {"en_distinct", QStringLiteral("EN (distinct values)")},
                                                       {"fmi_float", QStringLiteral("FMI (float)")},
                                                       {"fmi_gradient_float", QStringLiteral("FMI (gradient, float)")},
                                                       {"fmi_dct_float", QStringLiteral("FMI (DCT, float)")},
                                                       {"vif_float", QStringLiteral("VIF (float)")},
                                                       {"vif_sum_float", QStringLiteral("VIF (sum, float)")},
                                                       {"qabf_float", QStringLiteral("Qabf (float)")}};
  const auto it = names.find(key);
  if (it != names.end()) return it->second;
  return QString::fromStdString(key).toUpper();
}

QString formatMetricValue(const std::string& key, double value) {
  if (!std::isfinite(value)) return QCoreApplication::translate("MetricText", "n/a");
  const QLocale locale;
  if (key == "psnr") return QCoreApplication::translate("MetricText", "%1 dB").arg(locale.toString(value, 'f', 2));
  const double magnitude = std::abs(value);
  const int decimals = magnitude >= 100.0 ? 1 : (magnitude >= 10.0 ? 2 : 3);
  return locale.toString(value, 'f', decimals);
}

}  // namespace edgefuse::ui
