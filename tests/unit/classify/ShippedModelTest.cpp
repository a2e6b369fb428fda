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
  std::vector<int> truth;
  std::vector<std::vector<double>> probabilities;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(validation / labels[k])) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      auto image = readImage(file.string());
      ASSERT_TRUE(image) << image.error().describe();
      ClassifyOptions options;
      options.kind = ImageKind::MriSource;
      auto result = (*classifier)->classify(*image, options);
      ASSERT_TRUE(result) << result.error().describe();
      EXPECT_FALSE(result->outOfDistribution);
      std::vector<double> p;
      for (const auto& cp : result->probabilities) p.push_back(cp.probability);
      probabilities.push_back(p);
      truth.push_back(static_cast<int>(k));
    }
  }
  const auto measured = computeClassificationMetrics(labels, truth, probabilities);
  const auto manifest = nlohmann::json::parse((*classifier)->model().manifestJson);
  const auto& claimed = manifest.at("metrics").at("validation");
  EXPECT_EQ(measured.count, claimed.at("count").get<int>());
  // The trainer measured the same weights on the same inputs; only the order
  // of floating-point sums may differ (batches of 128 vs one image).
  EXPECT_NEAR(measured.accuracy, claimed.at("accuracy").get<double>(), 2.0 / measured.count);
  EXPECT_NEAR(measured.expectedCalibrationError, claimed.at("ece").get<double>(), 0.005);
  // A floor against shipping a broken model, set below what the shipped
  // weights measure (93.9 %). The product target is 95 % (issue 7), which
  // these weights do not reach yet: see the model card and docs/classifier.md.
  EXPECT_GE(measured.accuracy, 0.92);
}
