// SPDX-License-Identifier: GPL-3.0-or-later
// Fusion weights saved the way users save them: torch.save(model.state_dict())
// writes an OrderedDict (issue 18, defect 3: LibTorch's unpickler failed on it
// with "isGenericDict() INTERNAL ASSERT FAILED").

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/fusion/Engine.h"
#include "core/fusion/detail/Weights.h"
#include "core/image/Phantom.h"
#include "support/TorchSaveFile.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

TEST(WeightsFile, StateDictOfAnEhDranModelImportsAndFuses) {
  const fs::path dir = fs::temp_directory_path() / ("edgefuse-statedict-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto network = edgefuse::detail::FusionNetwork::initialise(edgefuse::detail::Architecture::EhDran, 7);
  std::vector<std::pair<std::string, at::Tensor>> tensors(network.tensors().begin(), network.tensors().end());
  const std::string file = (dir / "my_model.pt").string();
  test::writeStateDictFile(file, tensors, {"", "fe", "recon"});

  auto loaded = edgefuse::detail::loadModel(file);
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->first.architecture, "eh-dran");
  for (const auto& [key, tensor] : network.tensors()) {
    ASSERT_TRUE(loaded->second.tensors().count(key)) << key;
    EXPECT_TRUE(at::equal(loaded->second.tensors().at(key), tensor)) << key;
  }

  EngineConfig config;
  config.model = file;
  config.device = DevicePreference::Cpu;
  auto engine = Engine::create(config);
  ASSERT_TRUE(engine) << engine.error().describe();
  const PhantomPair pair = makeHeadPhantom(64);
  auto fused = (*engine)->fuse(pair.mri, pair.ct, {});
  ASSERT_TRUE(fused) << fused.error().describe();
  fs::remove_all(dir);
}

}  // namespace
