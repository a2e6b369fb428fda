// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/io/Provenance.h"

#include <ctime>

namespace edgefuse {

std::string Provenance::summary() const {
  std::string s = "Fused by " + software;
  if (modelName != "none" && !modelName.empty()) {
    s += " with " + modelName + " " + modelVersion + " (" + strategy + ", BatchNorm " + bnMode + ")";
  } else {
    s += " with the " + method + " method";
  }
  s += " on " + device;
  return s;
}

std::vector<PngTextEntry> Provenance::pngText() const {
  std::vector<PngTextEntry> out;
  out.push_back({"Software", software});
  out.push_back({"Description", summary() + ". Research use only, not for primary diagnosis."});
  std::string joined;
  for (const auto& s : sources) joined += (joined.empty() ? "" : "; ") + s;
  out.push_back({"Source", joined});
  out.push_back({"Creation Time", createdUtc});
  out.push_back({"EdgeFuse:Model", modelName});
  out.push_back({"EdgeFuse:ModelVersion", modelVersion});
  out.push_back({"EdgeFuse:WeightsSha256", weightsSha256});
  out.push_back({"EdgeFuse:Method", method});
  out.push_back({"EdgeFuse:Strategy", strategy});
  out.push_back({"EdgeFuse:BatchNorm", bnMode});
  out.push_back({"EdgeFuse:Normalization", normalization});
  out.push_back({"EdgeFuse:Device", device});
  out.push_back({"EdgeFuse:LibTorch", torchVersion});
  for (const auto& n : notes) out.push_back({"EdgeFuse:Note", n});
  return out;
}

std::string utcNowIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace edgefuse
