// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped tumour classifier: it loads, and the numbers of its model card
// are reproduced through the application's own path (reader, preprocessing,
// Classifier) on the real validation images.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/classify/ClassificationMetrics.h"
#include "core/classify/Classifier.h"
#include "core/io/ImageReader.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace edgefuse;

TEST(ShippedClassifier, LoadsWithItsManifestAndCard) {
  auto classifier = Classifier::load();
  ASSERT_TRUE(classifier) << classifier.error().describe();
  const auto& model = (*classifier)->model();
  EXPECT_EQ(model.name, kDefaultClassifierName);
  EXPECT_EQ(model.labels, (std::vector<std::string>{"glioma", "meningioma", "notumor", "pituitary"}));
  EXPECT_EQ(model.preprocessing.inputWidth, 128);
  EXPECT_EQ(model.preprocessing.inputHeight, 128);
  EXPECT_EQ(model.preprocessing.inputChannels, 1);
  EXPECT_EQ(model.trainedOn, std::vector<ImageKind>{ImageKind::MriSource});
  EXPECT_EQ(model.saliencyMethod, "grad-cam");
  ASSERT_FALSE(model.modelCardPath.empty());
  EXPECT_TRUE(fs::is_regular_file(model.modelCardPath));
  // A few MB at most (2.8 M parameters stored as float16: 5.6 MB).
  EXPECT_LT(fs::file_size(model.weightsPath), 8u * 1024u * 1024u);
}

TEST(ShippedClassifier, ReproducesItsValidationMetrics) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const fs::path validation = fs::path(shared) / "data" / "brain-tumor" / "validation";
  if (!fs::is_directory(validation)) GTEST_SKIP() << "no brain-tumor/validation in " << shared;
  auto classifier = Classifier::load();
  ASSERT_TRUE(classifier) << classifier.error().describe();
  const auto& labels = (*classifier)->model().labels;
  // All files, and those that show structure (the trainer left the noise
  // files out of model selection, and the application flags them).
  std::vector<int> truth, imageTruth;
  std::vector<std::vector<double>> probabilities, imageProbabilities;
  std::vector<int> noisePerClass;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(validation / labels[k])) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    int noise = 0;
    for (const auto& file : files) {
      auto image = readImage(file.string());
      ASSERT_TRUE(image) << image.error().describe();
      ClassifyOptions options;
      options.kind = ImageKind::MriSource;
      auto result = (*classifier)->classify(*image, options);
      ASSERT_TRUE(result) << result.error().describe();
      EXPECT_EQ(result->outOfDistribution, result->noStructure) << file;
      std::vector<double> p;
      for (const auto& cp : result->probabilities) p.push_back(cp.probability);
      if (result->noStructure) {
        ++noise;
      } else {
        imageProbabilities.push_back(p);
        imageTruth.push_back(static_cast<int>(k));
      }
      probabilities.push_back(p);
      truth.push_back(static_cast<int>(k));
    }
    noisePerClass.push_back(noise);
  }
  const auto manifest = nlohmann::json::parse((*classifier)->model().manifestJson);
  // The application finds the noise files the trainer left out.
  EXPECT_EQ(noisePerClass,
            manifest.at("training_data").at("noise_files_left_out").at("validation_per_class").get<std::vector<int>>());
  const auto measured = computeClassificationMetrics(labels, imageTruth, imageProbabilities);
  const auto whole = computeClassificationMetrics(labels, truth, probabilities);
  const auto& claimed = manifest.at("metrics").at("validation");
  const auto& claimedWhole = manifest.at("metrics").at("validation_whole_folder");
  EXPECT_EQ(measured.count, claimed.at("count").get<int>());
  EXPECT_EQ(whole.count, claimedWhole.at("count").get<int>());
  // The trainer measured the same weights on the same inputs; only the order
  // of floating-point sums may differ (batches of 128 vs one image).
  EXPECT_NEAR(measured.accuracy, claimed.at("accuracy").get<double>(), 2.0 / measured.count);
  EXPECT_NEAR(whole.accuracy, claimedWhole.at("accuracy").get<double>(), 2.0 / whole.count);
  EXPECT_NEAR(measured.expectedCalibrationError, claimed.at("ece").get<double>(), 0.005);
  // A floor against shipping a broken model, set below what the shipped
  // weights measure on the images with structure (see the model card).
  EXPECT_GE(measured.accuracy, 0.94);
}
