// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/Error.h"

namespace edgefuse {

/// Incremental SHA-256 (FIPS 180-4), used for model checksums and provenance.
/// Not thread-safe: one instance per thread.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
  /// Finishes and returns the digest as 64 lowercase hex characters.
  std::string hexDigest();

 private:
  void processBlock(const std::uint8_t* block);
  std::array<std::uint32_t, 8> m_state{};
  std::array<std::uint8_t, 64> m_buffer{};
  std::size_t m_bufferSize = 0;
  std::uint64_t m_totalBytes = 0;
};

/// SHA-256 of a byte string, as lowercase hex.
std::string sha256Hex(std::string_view bytes);

/// SHA-256 of a file's contents, as lowercase hex.
Expected<std::string> sha256OfFile(const std::string& path);

}  // namespace edgefuse
