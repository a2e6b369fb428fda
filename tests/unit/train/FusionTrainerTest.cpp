// SPDX-License-Identifier: GPL-3.0-or-later
// Smoke test of the fusion trainer: two steps on tiny crops of a packed
// dataset made from the built-in phantom (no ../shared needed), then resume.

#include <gtest/gtest.h>

#include <filesystem>

#include "core/fusion/Engine.h"
#include "core/image/Phantom.h"
#include "core/train/FusionTrainer.h"
#include "core/train/detail/FusionDataset.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

fs::path makePackedPhantomDataset(const fs::path& dir) {
  std::vector<edgefuse::detail::DatasetImage> images;
  // Cases 5 (training) and 9 (validation), two slices each, three pair kinds.
  const struct {
    const char* kind;
    const char* other;
  } kinds[] = {{"CT-MRI", "CT"}, {"PET-MRI", "PET"}, {"SPECT-MRI", "SPECT"}};
  int slice = 1;
  for (const auto& k : kinds) {
    for (int caseId : {5, 9}) {
      for (int s = 0; s < 2; ++s, ++slice) {
        const PhantomPair p = makeHeadPhantom(64);
        const std::string name = std::to_string(caseId) + (slice < 10 ? "00" : "0") + std::to_string(slice) + ".png";
        edgefuse::detail::DatasetImage mri{k.kind, "MRI", name, caseId,
                                           at::tensor(p.mri.pixels, at::kFloat).reshape({64, 64})};
        edgefuse::detail::DatasetImage other{k.kind, k.other, name, caseId,
                                             (at::tensor(p.ct.pixels, at::kFloat).reshape({64, 64}) + 1024.0) / 16.0};
        images.push_back(mri);
        images.push_back(other);
      }
    }
  }
  const fs::path file = dir / "phantom-dataset.pt";
  EXPECT_TRUE(edgefuse::detail::savePackedDataset(images, file.string()));
  return file;
}

}  // namespace

TEST(FusionTrainer, TrainsTwoStepsSavesAUsableModelAndResumes) {
  const fs::path dir = fs::temp_directory_path() / ("edgefuse-train-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  FusionTrainingConfig config;
  config.data = makePackedPhantomDataset(dir).string();
  config.outDir = (dir / "run").string();
  config.epochs = 1;
  config.stepsPerEpoch = 2;
  config.batchSize = 2;
  config.cropSize = 32;
  config.validationCases = {9};
  config.validationPairsPerKind = 1;
  config.device = DevicePreference::Cpu;
  std::vector<std::string> lines;
  auto summary = trainFusionModel(config, [&](const std::string& l) { lines.push_back(l); });
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->steps, 2);
  EXPECT_EQ(summary->bestEpoch, 1);
  EXPECT_EQ(summary->trainImages, 12);            // case 5: 2 slices × 2 roles × 3 kinds
  ASSERT_EQ(summary->bestValidation.size(), 6u);  // 3 kinds × 2 BatchNorm modes
  bool sawEta = false;
  for (const auto& l : lines) sawEta |= l.find("eta") != std::string::npos;
  EXPECT_TRUE(sawEta);

  // The saved model is a valid project model the engine can fuse with.
  EngineConfig engineConfig;
  engineConfig.model = summary->modelDir;
  engineConfig.device = DevicePreference::Cpu;
  auto engine = Engine::create(engineConfig);
  ASSERT_TRUE(engine) << engine.error().describe();
  EXPECT_NE((*engine)->model().manifestJson.find("validation_cases"), std::string::npos);
  const PhantomPair p = makeHeadPhantom(32);
  EXPECT_TRUE((*engine)->fuse(p.mri, p.ct, {}));

  // Resume: one more epoch continues the step count from the checkpoint.
  config.epochs = 2;
  config.resume = true;
  auto resumed = trainFusionModel(config, [](const std::string&) {});
  ASSERT_TRUE(resumed) << resumed.error().describe();
  EXPECT_EQ(resumed->steps, 2);  // only the second epoch ran
  fs::remove_all(dir);
}

TEST(FusionTrainer, RejectsBadSettingsAndMissingData) {
  FusionTrainingConfig config;
  config.data = "/nonexistent/aanlib";
  config.outDir = (fs::temp_directory_path() / "edgefuse-train-bad").string();
  auto missing = trainFusionModel(config, [](const std::string&) {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::FileNotFound);
  config.cropSize = 15;
  auto odd = trainFusionModel(config, [](const std::string&) {});
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, ErrorCode::InvalidArgument);
  fs::remove_all(config.outDir);
}
