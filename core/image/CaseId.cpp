// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/image/CaseId.h"

#include <algorithm>
#include <cctype>

namespace edgefuse {

int caseIdOf(const std::string& fileName) {
  const auto slash = fileName.find_last_of('/');
  std::string stem = slash == std::string::npos ? fileName : fileName.substr(slash + 1);
  if (const auto dot = stem.find_last_of('.'); dot != std::string::npos) stem = stem.substr(0, dot);
  if (stem.size() < 4 || stem.size() > 12 ||
      !std::all_of(stem.begin(), stem.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return -1;
  }
  return std::stoi(stem.substr(0, stem.size() - 3));
}

}  // namespace edgefuse
