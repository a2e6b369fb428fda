// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ArgParser.h"
#include "core/base/Error.h"
#include "core/fusion/Engine.h"

namespace edgefuse::cli {

/// Prints an error as one line on stderr ("edgefuse-cli: error: …") and, when
/// `json` is set, as {"error": {"code", "message", "context"}} on stdout.
/// Returns the documented exit code of the error.
int reportError(const Error& error, bool json);

/// Adds the engine and fusion options shared by `fuse` and `eval`.
void addFusionOptions(ArgParser& parser);

/// Reads those options back. Invalid values are InvalidArgument errors.
Expected<EngineConfig> engineConfigFrom(const ArgParser& parser);
Expected<FusionOptions> fusionOptionsFrom(const ArgParser& parser);

/// The JSON description of a fusion result (without the pixels).
nlohmann::json resultJson(const FusionResult& result);

}  // namespace edgefuse::cli
