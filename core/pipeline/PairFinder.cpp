// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/pipeline/PairFinder.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

bool isImageName(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" || ext == ".bmp" ||
         ext == ".dcm";
}

Expected<std::map<std::string, std::string>> listImages(const std::string& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return fail(ErrorCode::FileNotFound, "folder not found", folder);
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file(ec) && isImageName(entry.path())) {
      files.emplace(entry.path().filename().string(), entry.path().string());
    }
  }
  if (ec) return fail(ErrorCode::ReadFailed, "cannot list the folder: " + ec.message(), folder);
  return files;
}

}  // namespace

Expected<PairMatch> matchPairsByName(const std::string& folderA, const std::string& folderB) {
  auto a = listImages(folderA);
  if (!a) return tl::unexpected(a.error());
  auto b = listImages(folderB);
  if (!b) return tl::unexpected(b.error());
  PairMatch match;
  for (const auto& [name, path] : *a) {
    const auto it = b->find(name);
    if (it == b->end()) {
      match.onlyInA.push_back(name);
    } else {
      match.pairs.push_back({name, path, it->second});
    }
  }
  for (const auto& [name, path] : *b) {
    if (a->find(name) == a->end()) match.onlyInB.push_back(name);
  }
  if (match.pairs.empty()) {
    return fail(ErrorCode::NoPairs, "no file names appear in both folders", folderA + " | " + folderB);
  }
  return match;
}

}  // namespace edgefuse
