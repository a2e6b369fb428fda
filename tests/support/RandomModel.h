// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <string>

#include "core/base/Error.h"

namespace edgefuse::test {

/// Writes a project model folder (weights.pt + model.json) with seeded random
/// EH-DRAN weights, for tests that need a real network before the shipped
/// model exists. Plain C++ header (no LibTorch), so that Qt tests can use
/// it; the LibTorch code stays in RandomModel.cpp. Thread-safe.
Expected<std::string> writeRandomEhDranModel(const std::string& dir, std::uint64_t seed = 42,
                                             const std::string& name = "random-eh-dran");

}  // namespace edgefuse::test
