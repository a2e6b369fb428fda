// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/base/Paths.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace edgefuse {

std::string executablePath() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : self.string();
}

std::optional<std::string> findDataDir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("EDGEFUSE_DATA_DIR"); env && *env) candidates.emplace_back(env);
  const fs::path exe = executablePath();
  if (!exe.empty()) {
    const fs::path binDir = exe.parent_path();
    candidates.push_back(binDir.parent_path() / "share" / "edgefuse");
    candidates.push_back(binDir.parent_path().parent_path() / "resources");
    candidates.push_back(binDir.parent_path().parent_path().parent_path() / "resources");
  }
  candidates.emplace_back(EDGEFUSE_INSTALL_DATADIR);
  candidates.push_back(fs::path(EDGEFUSE_SOURCE_DIR) / "resources");
  std::error_code ec;
  for (const auto& dir : candidates) {
    if (fs::is_directory(dir / "models", ec)) return fs::weakly_canonical(dir, ec).string();
  }
  return std::nullopt;
}

std::optional<std::string> findShippedModel(const std::string& name) {
  const auto dataDir = findDataDir();
  if (!dataDir) return std::nullopt;
  const fs::path dir = fs::path(*dataDir) / "models" / name;
  std::error_code ec;
  if (fs::is_regular_file(dir / "model.json", ec)) return dir.string();
  return std::nullopt;
}

std::optional<std::string> findSharedDir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("EDGEFUSE_SHARED_DIR"); env && *env) candidates.emplace_back(env);
  candidates.push_back(fs::path(EDGEFUSE_SOURCE_DIR).parent_path() / "shared");
  std::error_code ec;
  for (const auto& dir : candidates) {
    if (fs::is_directory(dir / "data", ec) || fs::is_directory(dir / "weights", ec)) {
      return fs::weakly_canonical(dir, ec).string();
    }
  }
  return std::nullopt;
}

}  // namespace edgefuse
