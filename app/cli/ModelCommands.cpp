// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse-cli models: where the shipped models are and what they are.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ArgParser.h"
#include "CliOutput.h"
#include "Commands.h"
#include "core/base/Paths.h"

namespace edgefuse::cli {

namespace fs = std::filesystem;

int runModels(int argc, char** argv) {
  ArgParser parser("edgefuse-cli models [--json]",
                   "Lists the shipped models (fusion and classifier) with their folder, version and weights "
                   "checksum, and the data folder they were found in (EDGEFUSE_DATA_DIR overrides it).");
  parser.flag("json", "Print the list as JSON on stdout");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  const auto dataDir = findDataDir();
  if (!dataDir) {
    return reportError({ErrorCode::ModelNotFound, "no data folder with shipped models was found",
                        "set EDGEFUSE_DATA_DIR to the folder that holds models/"},
                       json);
  }
  nlohmann::json out;
  out["data_dir"] = *dataDir;
  out["models"] = nlohmann::json::array();
  std::vector<fs::path> folders;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(*dataDir) / "models", ec)) {
    if (fs::is_regular_file(entry.path() / "model.json", ec)) folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    std::ifstream in(folder / "model.json");
    std::stringstream text;
    text << in.rdbuf();
    const nlohmann::json manifest = nlohmann::json::parse(text.str(), nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object()) {
      return reportError({ErrorCode::ModelInvalid, "model.json is not valid JSON", (folder / "model.json").string()},
                         json);
    }
    out["models"].push_back({{"name", manifest.value("name", folder.filename().string())},
                             {"version", manifest.value("version", std::string())},
                             {"architecture", manifest.value("architecture", std::string())},
                             {"description", manifest.value("description", std::string())},
                             {"sha256", manifest.value("sha256", std::string())},
                             {"path", folder.string()}});
  }
  if (json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "data folder: " << *dataDir << "\n";
  for (const auto& m : out["models"]) {
    std::cout << m["name"].get<std::string>() << " " << m["version"].get<std::string>() << "  ("
              << m["architecture"].get<std::string>() << ")  " << m["path"].get<std::string>() << "\n"
              << "    " << m["description"].get<std::string>() << "\n";
  }
  return 0;
}

}  // namespace edgefuse::cli
