// SPDX-License-Identifier: GPL-3.0-or-later
// Plug-in classifiers: a folder with model.json and a TorchScript file. The
// TorchScript modules are made here from TorchScript source (no Python).

#include <gtest/gtest.h>
#include <torch/nn/functional/upsampling.h>

#include <filesystem>

#include "core/classify/Classifier.h"
#include "core/image/Phantom.h"
#include "support/ClassifierModels.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

const std::vector<std::string> kLabels = {"lgg", "hgg", "normal"};

Expected<std::unique_ptr<Classifier>> loadFrom(const fs::path& dir) {
  ClassifierConfig config;
  config.model = dir.string();
  config.threads = 1;
  return Classifier::load(config);
}

// A plug-in folder with a module of `outputs` classes and `inChannels` input
// channels, described by `edit`ed manifest.
fs::path makePlugin(const std::string& name, int outputs, int inChannels,
                    const std::function<void(nlohmann::json&)>& edit = {}) {
  const auto dir = test::freshTempDir(name);
  test::makeTorchScriptModule((dir / "classifier.pt").string(), outputs, inChannels);
  auto manifest = test::pluginManifest((dir / "classifier.pt").string(), kLabels);
  if (edit) edit(manifest);
  test::writeManifest(dir, manifest);
  return dir;
}

}  // namespace

TEST(PluginModel, LoadsAndClassifiesLikeTheModule) {
  const auto dir = test::freshTempDir("plugin-ok");
  auto module = test::makeTorchScriptModule((dir / "classifier.pt").string(), 3);
  test::writeManifest(dir, test::pluginManifest((dir / "classifier.pt").string(), kLabels));
  auto classifier = loadFrom(dir);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  EXPECT_EQ((*classifier)->model().architecture, "torchscript");
  EXPECT_EQ((*classifier)->model().labels, kLabels);

  // A 32x32 image in [0,1]: min-max leaves it alone (its extremes are 0 and 1),
  // so the module's own output on (x - 0.5) / 0.25 is the reference.
  Image image(32, 32, 1);
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 32; ++x) image.at(x, y) = static_cast<float>((x * 7 + y * 3) % 32) / 31.0f;
  }
  auto result = (*classifier)->classify(image);
  ASSERT_TRUE(result) << result.error().describe();
  const at::Tensor input = (at::from_blob(image.pixels.data(), {1, 1, 32, 32}, at::kFloat).clone() - 0.5) / 0.25;
  const at::Tensor expected = module.forward({input}).toTensor().softmax(1);
  ASSERT_EQ(result->probabilities.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(result->probabilities[static_cast<std::size_t>(i)].probability, expected[0][i].item<double>(), 1e-5);
  }
  // Trained on fused images: a fused image is in distribution, an MRI is not.
  ClassifyOptions options;
  options.kind = ImageKind::Fused;
  EXPECT_FALSE((*classifier)->classify(image, options)->outOfDistribution);
  options.kind = ImageKind::MriSource;
  auto mri = (*classifier)->classify(image, options);
  EXPECT_TRUE(mri->outOfDistribution);
  EXPECT_NE(mri->note.find("trained on fused images"), std::string::npos) << mri->note;
  fs::remove_all(dir);
}

TEST(PluginModel, GradCamMatchesTheClosedForm) {
  // For features f and head = linear(mean(f)), the gradient of class c with
  // respect to f_k is w[c,k]/(h·w), so Grad-CAM = ReLU(Σ_k w[c,k]·f_k) up to scale.
  const auto dir = test::freshTempDir("plugin-cam");
  auto module = test::makeTorchScriptModule((dir / "classifier.pt").string(), 3);
  test::writeManifest(dir, test::pluginManifest((dir / "classifier.pt").string(), kLabels));
  auto classifier = loadFrom(dir);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  Image image = makeHeadPhantom(32).mri;
  ClassifyOptions options;
  options.saliency = true;
  auto result = (*classifier)->classify(image, options);
  ASSERT_TRUE(result) << result.error().describe();
  ASSERT_TRUE(result->saliency);
  EXPECT_EQ(result->saliencyMethod, "grad-cam");

  const auto [lo, hi] = image.minMax();
  at::Tensor input = at::from_blob(image.pixels.data(), {1, 1, 32, 32}, at::kFloat).clone();
  input = ((input - lo) / (hi - lo) - 0.5) / 0.25;
  const at::Tensor f = module.get_method("features")({input}).toTensor();
  const at::Tensor w = module.attr("fc_w").toTensor()[result->labelIndex];
  at::Tensor cam = (w.view({1, -1, 1, 1}) * f).sum(1, true).clamp_min(0.0);
  namespace F = torch::nn::functional;
  cam = F::interpolate(
      cam,
      F::InterpolateFuncOptions().size(std::vector<std::int64_t>{32, 32}).mode(torch::kBilinear).align_corners(false));
  cam = cam.clamp_min(0.0);
  cam = cam / cam.max();
  double maxError = 0.0;
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 32; ++x) {
      maxError = std::max(maxError, std::abs(result->saliency->at(x, y) - cam[0][0][y][x].item<double>()));
    }
  }
  EXPECT_LT(maxError, 1e-4);
  fs::remove_all(dir);
}

TEST(PluginModel, WithoutAFeatureSplitTheInputGradientIsUsed) {
  const auto dir = makePlugin("plugin-inputgrad", 3, 1, [](auto& m) {
    m["saliency"] = {{"method", "input-gradient"}};
  });
  auto classifier = loadFrom(dir);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  ClassifyOptions options;
  options.saliency = true;
  auto result = (*classifier)->classify(makeHeadPhantom(48).mri, options);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->saliencyMethod, "input-gradient");
  EXPECT_EQ(result->saliency->width, 48);
  EXPECT_FLOAT_EQ(result->saliency->minMax().second, 1.0f);
  fs::remove_all(dir);
}

TEST(PluginModel, ProbabilityOutputsAreUsedAsGiven) {
  const auto dir = test::freshTempDir("plugin-probabilities");
  torch::jit::Module m("Constant");
  m.register_parameter("p", at::tensor({0.2f, 0.3f, 0.5f}), false);
  m.define(R"JIT(
def forward(self, x):
    return self.p.unsqueeze(0).expand(x.size(0), 3) + 0.0 * torch.mean(x)
)JIT");
  m.save((dir / "m.pt").string());
  auto manifest = test::pluginManifest((dir / "m.pt").string(), kLabels);
  manifest["output"] = "probabilities";
  manifest["saliency"] = {{"method", "input-gradient"}};
  test::writeManifest(dir, manifest);
  auto classifier = loadFrom(dir);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  auto result = (*classifier)->classify(makeHeadPhantom(32).mri);
  ASSERT_TRUE(result);
  EXPECT_NEAR(result->probabilities[2].probability, 0.5, 1e-6);
  EXPECT_EQ(result->label, "normal");
  fs::remove_all(dir);
}

TEST(PluginModel, OutputSizeOtherThanTheLabelsIsAClearError) {
  const auto dir = makePlugin("plugin-outputs", 4, 1);  // 4 outputs, 3 labels
  auto classifier = loadFrom(dir);
  ASSERT_FALSE(classifier);
  EXPECT_EQ(classifier.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(classifier.error().message.find("4 outputs but model.json lists 3 labels"), std::string::npos)
      << classifier.error().message;
  fs::remove_all(dir);
}

TEST(PluginModel, WrongInputShapeIsAClearError) {
  // The module's convolution takes one channel; the manifest promises three.
  const auto dir = makePlugin("plugin-shape", 3, 1, [](auto& m) { m["input"]["channels"] = 3; });
  auto classifier = loadFrom(dir);
  ASSERT_FALSE(classifier);
  EXPECT_EQ(classifier.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(classifier.error().message.find("does not accept the input shape of model.json (1x3x32x32)"),
            std::string::npos)
      << classifier.error().message;
  fs::remove_all(dir);
}

TEST(PluginModel, MissingLabelsAreAClearError) {
  const auto dir = makePlugin("plugin-labels", 3, 1, [](auto& m) { m.erase("labels"); });
  auto classifier = loadFrom(dir);
  ASSERT_FALSE(classifier);
  EXPECT_EQ(classifier.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(classifier.error().message.find("'labels' is missing"), std::string::npos);
  fs::remove_all(dir);
}

TEST(PluginModel, MissingGradCamMethodIsAClearError) {
  const auto dir = makePlugin("plugin-method", 3, 1, [](auto& m) { m["saliency"]["features_method"] = "encode"; });
  auto classifier = loadFrom(dir);
  ASSERT_FALSE(classifier);
  EXPECT_NE(classifier.error().message.find("'encode'"), std::string::npos) << classifier.error().message;
  fs::remove_all(dir);
}

TEST(PluginModel, AFileThatIsNotTorchScriptIsAClearError) {
  const auto dir = test::freshTempDir("plugin-garbage");
  std::ofstream(dir / "classifier.pt") << "not a TorchScript archive";
  test::writeManifest(dir, test::pluginManifest((dir / "classifier.pt").string(), kLabels));
  auto classifier = loadFrom(dir);
  ASSERT_FALSE(classifier);
  EXPECT_EQ(classifier.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(classifier.error().message.find("cannot load the TorchScript file"), std::string::npos);
  fs::remove_all(dir);
}

TEST(PluginModel, ThreeChannelModelsGetTheGreyImageRepeated) {
  const auto dir = makePlugin("plugin-rgb", 3, 3, [](auto& m) {
    m["input"]["channels"] = 3;
    m["preprocessing"]["mean"] = {0.5, 0.5, 0.5};
    m["preprocessing"]["std"] = {0.25, 0.25, 0.25};
  });
  auto classifier = loadFrom(dir);
  ASSERT_TRUE(classifier) << classifier.error().describe();
  auto result = (*classifier)->classify(makeHeadPhantom(32).mri);
  ASSERT_TRUE(result) << result.error().describe();
  EXPECT_EQ(result->probabilities.size(), 3u);
  fs::remove_all(dir);
}
