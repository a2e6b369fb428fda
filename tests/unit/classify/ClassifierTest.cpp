// SPDX-License-Identifier: GPL-3.0-or-later

#include <ATen/Parallel.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>

#include "core/base/AtomicFile.h"
#include "core/classify/Classifier.h"
#include "core/classify/ClassifierModel.h"
#include "core/classify/SaliencyOverlay.h"
#include "core/image/Phantom.h"
#include "support/ClassifierModels.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

class ClassifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = test::freshTempDir("classifier");
    ASSERT_FALSE(test::makeNativeModel(s_dir).empty());
  }
  static void TearDownTestSuite() { fs::remove_all(s_dir); }

  static std::unique_ptr<Classifier> load(int threads = 1) {
    ClassifierConfig config;
    config.model = s_dir.string();
    config.threads = threads;
    auto c = Classifier::load(config);
    EXPECT_TRUE(c) << c.error().describe();
    return c ? std::move(*c) : nullptr;
  }

  static fs::path s_dir;
};

fs::path ClassifierTest::s_dir;

double sum(const Classification& c) {
  return std::accumulate(c.probabilities.begin(), c.probabilities.end(), 0.0,
                         [](double s, const ClassProbability& p) { return s + p.probability; });
}

Image colourOf(const Image& grey) {
  Image rgb(grey.width, grey.height, 3);
  const auto [lo, hi] = grey.minMax();
  for (std::size_t i = 0; i < grey.pixelCount(); ++i) {
    const float u = (grey.pixels[i] - lo) / (hi - lo);
    rgb.pixels[3 * i] = 255.0f * u;
    rgb.pixels[3 * i + 1] = 255.0f * u * u;
    rgb.pixels[3 * i + 2] = 255.0f * (1.0f - u);
  }
  rgb.meta.nominalMax = 255;
  return rgb;
}

}  // namespace

TEST_F(ClassifierTest, ReturnsEveryProbabilityAndTheArgMax) {
  auto classifier = load();
  ASSERT_TRUE(classifier);
  const Image mri = makeHeadPhantom(256).mri;
  auto result = classifier->classify(mri);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_EQ(result->probabilities.size(), 4u);
  EXPECT_NEAR(sum(*result), 1.0, 1e-9);
  const auto best = std::max_element(result->probabilities.begin(), result->probabilities.end(),
                                     [](const auto& a, const auto& b) { return a.probability < b.probability; });
  EXPECT_EQ(result->label, best->label);
  EXPECT_EQ(result->probabilities[static_cast<std::size_t>(result->labelIndex)].label, result->label);
  EXPECT_DOUBLE_EQ(result->probability, best->probability);
  EXPECT_EQ(result->probabilities[0].label, "glioma");
  EXPECT_EQ(result->probabilities[3].label, "pituitary");
  EXPECT_EQ(result->model, "random-classifier test");
  EXPECT_EQ(result->modelSha256.size(), 64u);
  EXPECT_FALSE(result->saliency.has_value());
  // 256x256 is resized to the model's 64x64 input, and says so.
  ASSERT_FALSE(result->notes.empty());
  EXPECT_NE(result->notes[0].find("resized from 256x256 to 64x64"), std::string::npos) << result->notes[0];
}

TEST_F(ClassifierTest, IsDeterministicAndDependsOnTheImage) {
  auto classifier = load();
  ASSERT_TRUE(classifier);
  const auto phantom = makeHeadPhantom(128);
  auto a = classifier->classify(phantom.mri);
  auto b = classifier->classify(phantom.mri);
  auto c = classifier->classify(phantom.ct);
  ASSERT_TRUE(a && b && c);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_DOUBLE_EQ(a->probabilities[i].probability, b->probabilities[i].probability);
  }
  double difference = 0.0;
  for (std::size_t i = 0; i < 4; ++i) {
    difference += std::abs(a->probabilities[i].probability - c->probabilities[i].probability);
  }
  EXPECT_GT(difference, 1e-6);
}

TEST_F(ClassifierTest, GradCamHasTheInputSizeAndUnitRange) {
  auto classifier = load();
  ASSERT_TRUE(classifier);
  // A non-square image: resized and padded to the square input, the map
  // comes back on the image's own grid.
  Image mri = makeHeadPhantom(200).mri;
  Image wide(200, 100, 1);
  wide.meta = mri.meta;
  for (int y = 0; y < 100; ++y) {
    for (int x = 0; x < 200; ++x) wide.at(x, y) = mri.at(x, y + 50);
  }
  ClassifyOptions options;
  options.saliency = true;
  auto result = classifier->classify(wide, options);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->saliency.has_value());
  EXPECT_EQ(result->saliency->width, 200);
  EXPECT_EQ(result->saliency->height, 100);
  EXPECT_EQ(result->saliency->channels, 1);
  EXPECT_EQ(result->saliencyMethod, "grad-cam");
  const auto [lo, hi] = result->saliency->minMax();
  EXPECT_GE(lo, 0.0f);
  EXPECT_LE(hi, 1.0f);
  bool padded = false;
  for (const auto& n : result->notes) padded |= n.find("padded to 64x64") != std::string::npos;
  EXPECT_TRUE(padded);
  // The probabilities are those of the plain classification.
  auto plain = classifier->classify(wide);
  ASSERT_TRUE(plain);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(plain->probabilities[i].probability, result->probabilities[i].probability, 1e-5);
  }
  // The overlay is an RGB image of the same size.
  auto overlay = saliencyOverlay(wide, *result->saliency);
  ASSERT_TRUE(overlay);
  EXPECT_EQ(overlay->channels, 3);
  EXPECT_EQ(overlay->width, 200);
}

TEST_F(ClassifierTest, SaysWhenAnImageIsOutsideTheTrainingDistribution) {
  auto classifier = load();
  ASSERT_TRUE(classifier);
  const auto phantom = makeHeadPhantom(64);
  ClassifyOptions options;
  options.kind = ImageKind::MriSource;
  auto mri = classifier->classify(phantom.mri, options);
  ASSERT_TRUE(mri);
  EXPECT_FALSE(mri->outOfDistribution);
  EXPECT_TRUE(mri->note.empty()) << mri->note;

  options.kind = ImageKind::Fused;
  auto fused = classifier->classify(phantom.mri, options);
  ASSERT_TRUE(fused);
  EXPECT_TRUE(fused->outOfDistribution);
  EXPECT_NE(fused->note.find("a fused image is outside this model's training distribution"), std::string::npos)
      << fused->note;
  EXPECT_NE(fused->note.find("single MRI slices"), std::string::npos);

  options.kind = ImageKind::OtherSource;
  auto ct = classifier->classify(phantom.ct, options);
  ASSERT_TRUE(ct);
  EXPECT_TRUE(ct->outOfDistribution);
  EXPECT_NE(ct->note.find("CT, SPECT or PET"), std::string::npos);

  // Unknown kind: the DICOM modality decides, else a caution without the flag.
  options.kind = ImageKind::Unknown;
  Image ctTagged = phantom.ct;
  ctTagged.meta.modality = "CT";
  auto tagged = classifier->classify(ctTagged, options);
  ASSERT_TRUE(tagged);
  EXPECT_EQ(tagged->kind, ImageKind::OtherSource);
  EXPECT_TRUE(tagged->outOfDistribution);
  Image untagged = phantom.mri;
  untagged.meta.modality.clear();
  auto unknown = classifier->classify(untagged, options);
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->outOfDistribution);
  EXPECT_NE(unknown->note.find("was not stated"), std::string::npos);

  // A colour image is never a single MRI slice; it is classified on its luma.
  auto colour = classifier->classify(colourOf(phantom.mri), options);
  ASSERT_TRUE(colour);
  EXPECT_TRUE(colour->outOfDistribution);
  ASSERT_FALSE(colour->notes.empty());
  EXPECT_NE(colour->notes[0].find("luma"), std::string::npos);
  EXPECT_FALSE(colour->noStructure);
}

TEST_F(ClassifierTest, NoiseIsFlaggedWhateverItsStatedKind) {
  auto classifier = load();
  ASSERT_TRUE(classifier);
  Image noise(64, 64, 1);
  std::mt19937 rng(11);
  std::bernoulli_distribution white(0.5);
  for (auto& v : noise.pixels) v = white(rng) ? 255.0f : 0.0f;
  ClassifyOptions options;
  options.kind = ImageKind::MriSource;  // the caller's word does not make noise an MRI
  auto result = classifier->classify(noise, options);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_TRUE(result->noStructure);
  EXPECT_TRUE(result->outOfDistribution);
  ASSERT_TRUE(result->neighbourCorrelation);
  EXPECT_LT(*result->neighbourCorrelation, 0.1);
  EXPECT_NE(result->note.find("no structure"), std::string::npos) << result->note;
  EXPECT_NE(result->note.find("the probabilities mean nothing"), std::string::npos);
  EXPECT_NEAR(sum(*result), 1.0, 1e-9);  // still shown, with the note

  auto mri = classifier->classify(makeHeadPhantom(64).mri, options);
  ASSERT_TRUE(mri);
  EXPECT_FALSE(mri->noStructure);
  ASSERT_TRUE(mri->neighbourCorrelation);
  EXPECT_GT(*mri->neighbourCorrelation, 0.5);
}

TEST_F(ClassifierTest, SetsTheThreadCountExplicitly) {
  auto classifier = load(2);
  ASSERT_TRUE(classifier);
  at::set_num_threads(1);
  auto result = classifier->classify(makeHeadPhantom(64).mri);
  ASSERT_TRUE(result);
  EXPECT_EQ(at::get_num_threads(), 2);
  EXPECT_EQ(result->device, "cpu (2 threads)");
}

TEST_F(ClassifierTest, RejectsEmptyAndFourChannelImages) {
  auto classifier = load();
  ASSERT_TRUE(classifier);
  auto empty = classifier->classify(Image());
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
  auto four = classifier->classify(Image(16, 16, 4, 1.0f));
  ASSERT_FALSE(four);
  EXPECT_EQ(four.error().code, ErrorCode::UnsupportedFormat);
}

TEST_F(ClassifierTest, DefaultNetworkShapeTakes128x128) {
  const auto dir = test::freshTempDir("classifier-default");
  ASSERT_FALSE(test::makeNativeModel(dir, {32, 64, 128, 256}, {1, 2, 2, 1}, 128).empty());
  ClassifierConfig config;
  config.model = dir.string();
  config.threads = 1;
  auto classifier = Classifier::load(config);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  ClassifyOptions options;
  options.saliency = true;
  auto result = (*classifier)->classify(makeHeadPhantom(128).mri, options);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_TRUE(result->notes.empty());  // already the model's size: nothing done
  EXPECT_EQ(result->saliency->width, 128);
  fs::remove_all(dir);
}

TEST(ClassifierModel, ChecksumMismatchIsRefused) {
  const auto dir = test::freshTempDir("classifier-checksum");
  ASSERT_FALSE(test::makeNativeModel(dir).empty());
  {
    std::fstream f(dir / "weights.pt", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x7f');
  }
  ClassifierConfig config;
  config.model = dir.string();
  auto classifier = Classifier::load(config);
  ASSERT_FALSE(classifier);
  EXPECT_EQ(classifier.error().code, ErrorCode::ChecksumMismatch);
  EXPECT_NE(classifier.error().message.find("checksum"), std::string::npos);
  fs::remove_all(dir);
}

TEST(ClassifierModel, MissingFolderFileAndNameAreClearErrors) {
  auto missing = resolveClassifierModel("/nonexistent/model-folder");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::ModelNotFound);
  auto name = resolveClassifierModel("no-such-classifier");
  ASSERT_FALSE(name);
  EXPECT_EQ(name.error().code, ErrorCode::ModelNotFound);
  const auto dir = test::freshTempDir("classifier-file");
  std::ofstream(dir / "weights.pt") << "x";
  auto file = resolveClassifierModel((dir / "weights.pt").string());
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::ModelInvalid);
  auto noManifest = resolveClassifierModel(dir.string());
  ASSERT_FALSE(noManifest);
  EXPECT_NE(noManifest.error().message.find("no model.json"), std::string::npos);
  fs::remove_all(dir);
}

TEST(ClassifierModel, WeightsThatDoNotFitTheManifestAreRefused) {
  const auto dir = test::freshTempDir("classifier-shape");
  ASSERT_FALSE(test::makeNativeModel(dir).empty());
  auto text = readFile((dir / "model.json").string());
  ASSERT_TRUE(text);
  auto manifest = nlohmann::json::parse(*text);
  // Five labels for a four-output network.
  manifest["labels"] = {"a", "b", "c", "d", "e"};
  test::writeManifest(dir, manifest);
  ClassifierConfig config;
  config.model = dir.string();
  auto labels = Classifier::load(config);
  ASSERT_FALSE(labels);
  EXPECT_EQ(labels.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(labels.error().message.find("4 outputs but model.json lists 5 labels"), std::string::npos)
      << labels.error().message;
  // Architecture parameters that do not match the stored tensors.
  manifest = nlohmann::json::parse(*text);
  manifest["architecture_params"]["widths"] = {8, 32};
  test::writeManifest(dir, manifest);
  auto widths = Classifier::load(config);
  ASSERT_FALSE(widths);
  EXPECT_NE(widths.error().message.find("architecture_params"), std::string::npos) << widths.error().message;
  fs::remove_all(dir);
}

TEST(ClassifierModel, ManifestErrorsNameTheField) {
  const std::string dir = "/models/x";
  auto base = nlohmann::json::parse(R"({
    "format": "edgefuse-classifier-model", "name": "x", "version": "1", "architecture": "resnet-small",
    "weights": "weights.pt", "sha256": "0000000000000000000000000000000000000000000000000000000000000000",
    "labels": ["a", "b"], "input": {"width": 64, "height": 64, "channels": 1}})");
  ASSERT_TRUE(parseClassifierManifest(base.dump(), dir));
  struct Case {
    std::function<void(nlohmann::json&)> edit;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {[](auto& m) { m.erase("labels"); }, "'labels' is missing"},
      {[](auto& m) { m["labels"] = {"a"}; }, "at least two classes"},
      {[](auto& m) {
         m["labels"] = {"a", "a"};
       },
       "twice"},
      {[](auto& m) { m.erase("input"); }, "'input'"},
      {[](auto& m) { m["input"]["channels"] = 2; }, "input.channels"},
      {[](auto& m) { m["input"]["width"] = 4; }, "width and height"},
      {[](auto& m) { m["input"]["height"] = "64"; }, "input.height"},
      {[](auto& m) { m["format"] = "edgefuse-fusion-model"; }, "'format'"},
      {[](auto& m) { m["architecture"] = "vgg"; }, "architecture"},
      {[](auto& m) { m["sha256"] = "abc"; }, "sha256"},
      {[](auto& m) { m["weights"] = "../w.pt"; }, "inside the model folder"},
      {[](auto& m) {
         m["preprocessing"] = {{"intensity", "zscore"}};
       },
       "preprocessing.intensity"},
      {[](auto& m) {
         m["preprocessing"] = {{"std", 0}};
       },
       "preprocessing.std"},
      {[](auto& m) {
         m["preprocessing"] = {{"mean", {0.1, 0.2}}};
       },
       "preprocessing.mean"},
      {[](auto& m) { m["output"] = "scores"; }, "'output'"},
      {[](auto& m) {
         m["training_data"] = {{"image_kinds", {"xray"}}};
       },
       "image_kinds"},
      {[](auto& m) {
         m["architecture"] = "torchscript";
         m["saliency"] = {{"method", "grad-cam"}};
       },
       "features_method"},
  };
  for (const auto& c : cases) {
    auto m = base;
    c.edit(m);
    auto parsed = parseClassifierManifest(m.dump(), dir);
    ASSERT_FALSE(parsed) << "accepted: " << m.dump();
    EXPECT_EQ(parsed.error().code, ErrorCode::ModelInvalid);
    EXPECT_NE(parsed.error().message.find(c.expected), std::string::npos)
        << parsed.error().message << " lacks " << c.expected;
    EXPECT_EQ(parsed.error().context, "/models/x/model.json");
  }
  auto notJson = parseClassifierManifest("{", dir);
  ASSERT_FALSE(notJson);
  EXPECT_NE(notJson.error().message.find("not valid JSON"), std::string::npos);
}

TEST(ClassifierModel, ImageKindNamesRoundTrip) {
  for (auto kind : {ImageKind::Unknown, ImageKind::MriSource, ImageKind::OtherSource, ImageKind::Fused}) {
    auto parsed = parseImageKind(imageKindName(kind));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(*parseImageKind("SPECT"), ImageKind::OtherSource);
  EXPECT_EQ(*parseImageKind("ct"), ImageKind::OtherSource);
  EXPECT_FALSE(parseImageKind("xray"));
}

TEST(SaliencyOverlay, ZeroHeatShowsTheImageAndHotSpotsAreRed) {
  Image base(4, 1, 1);
  base.pixels = {0.0f, 10.0f, 20.0f, 30.0f};
  Image heat(4, 1, 1);
  heat.pixels = {0.0f, 0.0f, 0.0f, 1.0f};
  auto overlay = saliencyOverlay(base, heat, 0.6f);
  ASSERT_TRUE(overlay);
  EXPECT_FLOAT_EQ(overlay->at(1, 0, 0), 1.0f / 3.0f);
  EXPECT_FLOAT_EQ(overlay->at(1, 0, 1), 1.0f / 3.0f);
  EXPECT_GT(overlay->at(3, 0, 0), overlay->at(3, 0, 2));  // red over blue at the peak
  Image wrong(3, 1, 1);
  EXPECT_FALSE(saliencyOverlay(base, wrong));
}
