// SPDX-License-Identifier: GPL-3.0-or-later
// Smoke tests of the classifier trainer on a few real images: it trains,
// writes a model that the application loads, and resumes exactly.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "core/base/AtomicFile.h"
#include "core/classify/Classifier.h"
#include "core/classify/InputCheck.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"
#include "core/io/PngWriter.h"
#include "core/train/ClassifierTrainer.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

fs::path freshDir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("edgefuse-train-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  return dir;
}

ClassifierTrainingConfig smallRun(const std::string& shared, const fs::path& out) {
  ClassifierTrainingConfig config;
  config.data = (fs::path(shared) / "data" / "brain-tumor").string();
  config.outDir = out.string();
  config.limitPerClass = 2;
  config.batchSize = 4;
  config.epochs = 2;
  config.widths = {8, 16};
  config.strides = {1, 2};
  config.threads = 1;
  config.deterministic = true;
  config.device = DevicePreference::Cpu;
  return config;
}

}  // namespace

TEST(ClassifierTrainer, TwoStepsWriteALoadableModelWithItsCard) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const auto out = freshDir("smoke");
  auto config = smallRun(shared, out);
  config.limitPerClass = 3;
  config.maxSteps = 2;
  config.blocks = {2, 1};  // a second block in the first stage: saved as "stage1_2"
  config.stemPool = false;
  std::vector<std::string> lines;
  auto summary = trainClassifier(config, [&](const std::string& l) { lines.push_back(l); });
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->steps, 2);
  EXPECT_EQ(summary->trainImages, 12);
  EXPECT_EQ(summary->validation.count, 12);
  EXPECT_EQ(summary->validation.confusion.size(), 4u);
  bool progress = false;
  for (const auto& l : lines) progress |= l.find("loss") != std::string::npos && l.find("eta") != std::string::npos;
  EXPECT_TRUE(progress);

  const fs::path modelDir = summary->modelDir;
  EXPECT_TRUE(fs::is_regular_file(modelDir / "MODEL_CARD.md"));
  auto text = readFile((modelDir / "model.json").string());
  ASSERT_TRUE(text);
  const auto manifest = nlohmann::json::parse(*text);
  EXPECT_EQ(manifest["labels"], (std::vector<std::string>{"glioma", "meningioma", "notumor", "pituitary"}));
  EXPECT_EQ(manifest["metrics"]["validation"]["count"], 12);
  EXPECT_TRUE(manifest["metrics"]["validation"].contains("ece"));
  EXPECT_EQ(manifest["training_data"]["image_kinds"], std::vector<std::string>{"mri"});
  EXPECT_EQ(manifest["weights_dtype"], "float16");
  EXPECT_EQ(manifest["architecture_params"]["blocks"], (std::vector<int>{2, 1}));
  EXPECT_EQ(manifest["architecture_params"]["stem_pool"], false);

  ClassifierConfig load;
  load.model = modelDir.string();
  load.threads = 1;
  auto classifier = Classifier::load(load);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  auto result = (*classifier)->classify(makeHeadPhantom(128).mri);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->probabilities.size(), 4u);
  fs::remove_all(out);
}

TEST(ClassifierTrainer, ResumeGivesTheSameModelAsAnUninterruptedRun) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const auto straight = freshDir("straight");
  auto whole = trainClassifier(smallRun(shared, straight), [](const std::string&) {});
  ASSERT_TRUE(whole) << whole.error().describe();
  EXPECT_EQ(whole->history.size(), 2u);
  EXPECT_FALSE(fs::exists(straight / "checkpoint.json"));  // removed after a finished run

  const auto interrupted = freshDir("interrupted");
  std::atomic<bool> cancel{false};
  auto first = trainClassifier(
      smallRun(shared, interrupted),
      [&](const std::string& line) {
        if (line.rfind("epoch 1 validation", 0) == 0) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::Cancelled);
  ASSERT_TRUE(fs::exists(interrupted / "checkpoint.json"));

  // Resuming with other settings is refused.
  auto other = smallRun(shared, interrupted);
  other.resume = true;
  other.learningRate = 0.05;
  auto refused = trainClassifier(other, [](const std::string&) {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(refused.error().message.find("other settings"), std::string::npos);

  auto resumedConfig = smallRun(shared, interrupted);
  resumedConfig.resume = true;
  bool saidResuming = false;
  auto resumed = trainClassifier(
      resumedConfig, [&](const std::string& line) { saidResuming |= line.rfind("resuming after epoch 1", 0) == 0; });
  ASSERT_TRUE(resumed) << resumed.error().describe();
  EXPECT_TRUE(saidResuming);
  EXPECT_EQ(resumed->history.size(), 2u);
  EXPECT_EQ(resumed->sha256, whole->sha256);
  EXPECT_DOUBLE_EQ(resumed->validation.accuracy, whole->validation.accuracy);

  ASSERT_TRUE(fs::exists(interrupted / "model"));
  fs::remove_all(straight);
  fs::remove_all(interrupted);
}

namespace {

// A small data folder: two real slices per class and split, plus noise files
// (binary noise like the corrupted files of the real data) in some classes.
fs::path dataWithNoise(const std::string& shared, const fs::path& root) {
  const fs::path source = fs::path(shared) / "data" / "brain-tumor";
  std::mt19937 rng(7);
  std::bernoulli_distribution white(0.48);
  for (const std::string split : {"train", "validation"}) {
    for (const std::string label : {"glioma", "meningioma", "notumor", "pituitary"}) {
      const fs::path dir = root / split / label;
      fs::create_directories(dir);
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(source / split / label)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      int copied = 0;
      for (const auto& f : files) {
        auto image = readImage(f.string());
        if (!image || checkStructure(*image).noStructure) continue;
        fs::copy_file(f, dir / f.filename());
        if (++copied == 2) break;
      }
      const bool noise = (split == "train" && label == "notumor") || (split == "validation" && label != "meningioma");
      if (noise) {
        Image n(128, 128, 1);
        for (auto& v : n.pixels) v = white(rng) ? 1.0f : 0.0f;
        EXPECT_TRUE(writePng((dir / "zz_noise.png").string(), n, 8));
      }
    }
  }
  return root;
}

}  // namespace

TEST(ClassifierTrainer, LeavesOutNoiseFilesAndCountsThem) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const auto data = dataWithNoise(shared, freshDir("noise-data"));
  const auto out = freshDir("noise");
  auto config = smallRun(shared, out);
  config.data = data.string();
  config.limitPerClass = 0;  // the noise files sort last
  config.maxSteps = 1;
  std::vector<std::string> lines;
  auto summary = trainClassifier(config, [&](const std::string& l) { lines.push_back(l); });
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->trainImages, 8);
  EXPECT_EQ(summary->trainNoiseLeftOut, (std::vector<int>{0, 0, 1, 0}));
  EXPECT_EQ(summary->validationNoiseLeftOut, (std::vector<int>{1, 0, 1, 1}));
  EXPECT_EQ(summary->validation.count, 8);
  EXPECT_EQ(summary->validationWholeFolder.count, 11);
  bool logged = false;
  for (const auto& l : lines) logged |= l.find("noise files (no spatial structure) left out") != std::string::npos;
  EXPECT_TRUE(logged);
  auto text = readFile((fs::path(summary->modelDir) / "model.json").string());
  ASSERT_TRUE(text);
  const auto manifest = nlohmann::json::parse(*text);
  const auto& left = manifest["training_data"]["noise_files_left_out"];
  EXPECT_EQ(left["train_per_class"], (std::vector<int>{0, 0, 1, 0}));
  EXPECT_EQ(left["validation_per_class"], (std::vector<int>{1, 0, 1, 1}));
  EXPECT_EQ(manifest["metrics"]["validation_whole_folder"]["count"], 11);
  auto card = readFile((fs::path(summary->modelDir) / "MODEL_CARD.md").string());
  ASSERT_TRUE(card);
  EXPECT_NE(card->find("Noise files: files whose neighbouring pixels correlate below r = 0.20"), std::string::npos);
  EXPECT_NE(card->find("the 3 noise files included"), std::string::npos);

  // classifier-eval counts the same files as noise and measures both ways.
  auto evaluation = evaluateClassifier(summary->modelDir, (data / "validation").string(), 1, [](const std::string&) {});
  ASSERT_TRUE(evaluation) << evaluation.error().describe();
  EXPECT_EQ(evaluation->noisePerClass, (std::vector<int>{1, 0, 1, 1}));
  EXPECT_EQ(evaluation->noiseFiles.size(), 3u);
  EXPECT_EQ(evaluation->images.count, 8);
  EXPECT_EQ(evaluation->wholeFolder.count, 11);
  EXPECT_EQ(nlohmann::json::parse(evaluation->toJson())["noise_files_per_class"]["notumor"], 1);

  // --keep-noise trains and selects on every file.
  const auto kept = freshDir("noise-kept");
  config.outDir = kept.string();
  config.leaveOutNoise = false;
  auto all = trainClassifier(config, [](const std::string&) {});
  ASSERT_TRUE(all) << all.error().describe();
  EXPECT_EQ(all->trainImages, 9);
  EXPECT_EQ(all->validation.count, 11);
  EXPECT_EQ(all->trainNoiseLeftOut, (std::vector<int>{0, 0, 0, 0}));
  fs::remove_all(data);
  fs::remove_all(out);
  fs::remove_all(kept);
}

TEST(ClassifierTrainer, BadOptionsAndFoldersAreClearErrors) {
  ClassifierTrainingConfig config;
  config.data = "/nonexistent";
  config.outDir = freshDir("bad").string();
  config.batchSize = 1;
  auto batch = trainClassifier(config, [](const std::string&) {});
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().code, ErrorCode::InvalidArgument);
  config.batchSize = 8;
  config.blocks = {2, 2, 2};  // three entries for four stages
  auto blocks = trainClassifier(config, [](const std::string&) {});
  ASSERT_FALSE(blocks);
  EXPECT_EQ(blocks.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(blocks.error().message.find("'blocks'"), std::string::npos) << blocks.error().message;
  config.blocks.clear();
  auto missing = trainClassifier(config, [](const std::string&) {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::FileNotFound);
  config.optimizer = "rmsprop";
  EXPECT_FALSE(trainClassifier(config, [](const std::string&) {}));
  fs::remove_all(config.outDir);
}
