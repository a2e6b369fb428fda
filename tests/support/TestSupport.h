// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/base/Paths.h"

namespace edgefuse::test {

/// ../shared (or $EDGEFUSE_SHARED_DIR), or nullopt.
inline std::optional<std::string> sharedDir() {
  return findSharedDir();
}

/// Reads raw little-endian float32 values (the reference tensors).
inline std::vector<float> readFloat32File(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<float> values;
  if (!in) return values;
  in.seekg(0, std::ios::end);
  const auto bytes = static_cast<std::size_t>(in.tellg());
  in.seekg(0);
  values.resize(bytes / sizeof(float));
  in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
  return values;
}

}  // namespace edgefuse::test

/// Skips the current test, with the reason, when ../shared is absent;
/// otherwise defines `const std::string shared` holding its path.
#define EDGEFUSE_REQUIRE_SHARED(shared)                                                              \
  const auto shared##Opt = ::edgefuse::test::sharedDir();                                            \
  if (!shared##Opt) {                                                                                \
    GTEST_SKIP() << "needs the shared research data at ../shared (or $EDGEFUSE_SHARED_DIR); absent"; \
  }                                                                                                  \
  const std::string shared = *shared##Opt
