// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <optional>
#include <string>

namespace edgefuse {

/// Folder of EdgeFuse's data (models, …), searched in this order:
/// $EDGEFUSE_DATA_DIR; <executable>/../share/edgefuse (installed);
/// <executable>/../../resources and the source tree's resources/ (builds).
/// Returns the first that holds a `models` folder. Thread-safe.
std::optional<std::string> findDataDir();

/// Folder of a shipped model by name (e.g. "eh-dran"), or nullopt.
std::optional<std::string> findShippedModel(const std::string& name);

/// The shared research material (`../shared` beside the checkout, or
/// $EDGEFUSE_SHARED_DIR), or nullopt when it is absent. Used by tests/tools.
std::optional<std::string> findSharedDir();

/// Absolute path of the running executable.
std::string executablePath();

}  // namespace edgefuse
