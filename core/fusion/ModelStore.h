// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>

#include "core/base/Error.h"
#include "core/fusion/FusionTypes.h"

namespace edgefuse {

/// What is known about a fusion model. Plain values.
struct ModelInfo {
  std::string name;          ///< "eh-dran", or the file stem of an imported file
  std::string version;       ///< model.json "version"; "imported" for third-party files
  std::string architecture;  ///< "eh-dran" or "dilran-v5"
  std::string path;          ///< model folder or imported file
  std::string weightsPath;   ///< the weights file itself
  std::string sha256;        ///< sha256 of the weights file
  std::string origin;        ///< "project" (model folder with model.json) or "imported" (authors' torch.save dict)
  BnMode bnMode = BnMode::Running;                      ///< recommended BatchNorm mode
  Normalization normalization = Normalization::MinMax;  ///< recommended input normalisation
  std::string description;                              ///< one line for the status bar / --json
  std::string manifestJson;                             ///< the whole model.json text (empty for imported files)

  /// "name version" for display.
  std::string displayName() const { return name + " " + version; }
};

/// Resolves a model specification to a model without loading tensors:
/// - empty: the shipped default ("eh-dran");
/// - a folder that holds model.json: a project model;
/// - a file (.pt/.pth): an authors'-layout torch.save dict, imported;
/// - a plain name: resources/models/<name> of the installation or build.
/// Checks the manifest (format, architecture, checksum of the weights).
Expected<ModelInfo> resolveModel(const std::string& spec);

/// Name of the default shipped model.
inline constexpr const char* kDefaultModelName = "eh-dran";

}  // namespace edgefuse
