// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse {

/// Two files of the same name in folder A and folder B.
struct ImagePairPaths {
  std::string name;
  std::string pathA;
  std::string pathB;
};

/// The pairs of two folders, matched by file name, sorted by name.
struct PairMatch {
  std::vector<ImagePairPaths> pairs;
  std::vector<std::string> onlyInA;  ///< names without a partner, reported to the user
  std::vector<std::string> onlyInB;
};

/// Matches the image files (raster extensions and .dcm) of two folders by
/// name. Fails with NoPairs when nothing matches, FileNotFound when a folder
/// is missing. Thread-safe.
Expected<PairMatch> matchPairsByName(const std::string& folderA, const std::string& folderB);

}  // namespace edgefuse
