// SPDX-License-Identifier: GPL-3.0-or-later

#include "tests/support/RandomModel.h"

#include <filesystem>

#include "core/fusion/detail/Network.h"
#include "core/fusion/detail/Weights.h"

namespace edgefuse::test {

Expected<std::string> writeRandomEhDranModel(const std::string& dir, std::uint64_t seed, const std::string& name) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the model folder: " + ec.message(), dir);
  detail::ModelCard card;
  card.name = name;
  card.version = "test";
  card.description = "seeded random EH-DRAN weights for tests; fuses nothing useful";
  auto sha = detail::saveModelFolder(dir, detail::FusionNetwork::initialise(detail::Architecture::EhDran, seed), card);
  if (!sha) return tl::unexpected(sha.error());
  return dir;
}

}  // namespace edgefuse::test
