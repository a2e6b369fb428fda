// SPDX-License-Identifier: GPL-3.0-or-later
// Parity with the authors' reference tensors in ../shared/reference (label
// realdata): features and fused outputs within 1e-4, SFNN weights within 1e-5.
// See docs/parity.md for how the reference was generated and why the
// running-mode cases replay the generator's BatchNorm history.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/fusion/Engine.h"
#include "core/fusion/detail/Network.h"
#include "core/fusion/detail/Strategies.h"
#include "core/fusion/detail/Weights.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace edgefuse;
using namespace edgefuse::detail;

namespace {

constexpr double kOutputTolerance = 1e-4;
constexpr double kWeightTolerance = 1e-5;

struct Reference {
  fs::path dir;
  nlohmann::json meta;
  std::vector<std::int64_t> shape;
  at::Tensor load(const std::string& file, std::vector<std::int64_t> shape) const {
    std::vector<float> values = test::readFloat32File((dir / file).string());
    return at::tensor(values, at::kFloat).reshape(shape);
  }
  at::Tensor load(const std::string& file) const { return load(file, shape); }
  Image image(const std::string& file) const {
    Image img(static_cast<int>(shape[3]), static_cast<int>(shape[2]), 1);
    img.pixels = test::readFloat32File((dir / file).string());
    img.meta.nominalMin = 0.0;
    img.meta.nominalMax = 1.0;
    return img;
  }
};

Reference reference(const std::string& shared, const std::string& model, const std::string& bn,
                    const std::string& name) {
  Reference r;
  r.dir = fs::path(shared) / "reference" / model / bn / name;
  std::ifstream in(r.dir / "meta.json");
  r.meta = nlohmann::json::parse(in);
  r.shape = r.meta["shape"].get<std::vector<std::int64_t>>();
  return r;
}

std::string weightsFile(const std::string& model) {
  return model == "dilran" ? "dilran_last.cpu.pt" : "edge_random.cpu.pt";
}

double maxAbs(const at::Tensor& a, const at::Tensor& b) {
  return (a - b).abs().max().item<double>();
}

// How the reference generator produced the cases of each model, recovered
// from the data (docs/parity.md): one model object per network; "batch" passes
// run the authors' training-mode forward, which also updates the BatchNorm
// running statistics; "running" passes (eval) then see the updated statistics.
struct Step {
  bool batch;
  const char* name;
};
const std::map<std::string, std::vector<Step>> kGenerationSteps = {
    {"dilran",
     {{true, "ct-mri-2004"},
      {true, "ct-mri-20010"},
      {true, "ct-mri-33008"},
      {true, "spect-mri-3010"},
      {true, "spect-mri-9020"},
      {false, "ct-mri-2004"},
      {false, "ct-mri-20010"},
      {false, "ct-mri-33008"},
      {false, "spect-mri-3010"},
      {false, "spect-mri-9020"},
      {true, "crop64-ct-mri-2004"},
      {false, "crop64-ct-mri-2004"}}},
    {"edge",
     {{true, "ct-mri-2004"}, {true, "crop64-ct-mri-2004"}, {false, "ct-mri-2004"}, {false, "crop64-ct-mri-2004"}}},
};

std::vector<std::string> casesOf(const std::string& model) {
  std::vector<std::string> names;
  for (const Step& step : kGenerationSteps.at(model)) {
    if (step.batch) names.push_back(step.name);
  }
  return names;
}

// Largest differences seen, printed at the end of each test for docs/parity.md.
struct Worst {
  double fused = 0.0, features = 0.0, weights = 0.0;
  void print(const std::string& what) const {
    std::cout << "[ measured ] " << what << ": max |diff| fused " << fused << ", features " << features
              << ", SFNN weights " << weights << std::endl;
  }
};

class Parity : public ::testing::TestWithParam<std::string> {};

}  // namespace

// Batch mode through the product's own path: the Engine, fed the reference's
// network inputs (already scaled, so `range` normalisation over [0,1] keeps them).
TEST_P(Parity, BatchModeThroughTheEngine) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string model = GetParam();
  EngineConfig config;
  config.model = (fs::path(shared) / "weights" / weightsFile(model)).string();
  config.device = DevicePreference::Cpu;
  auto engine = Engine::create(config);
  ASSERT_TRUE(engine) << engine.error().describe();
  EXPECT_EQ((*engine)->model().architecture, model == "dilran" ? "dilran-v5" : "eh-dran");
  Worst worst;
  for (const auto& name : casesOf(model)) {
    SCOPED_TRACE(model + "/batch/" + name);
    const Reference ref = reference(shared, model, "batch", name);
    FusionOptions options;
    options.bnMode = BnMode::Batch;
    options.normalization = Normalization::Range;
    for (Strategy strategy : {Strategy::Sfnn, Strategy::Average}) {
      options.strategy = strategy;
      auto result = (*engine)->fuse(ref.image("a.f32"), ref.image("b.f32"), options);
      ASSERT_TRUE(result) << result.error().describe();
      const at::Tensor expected =
          ref.load(strategy == Strategy::Sfnn ? "fused_sfnn.f32" : "fused_average.f32").clamp(0.0, 1.0);
      const at::Tensor got = at::tensor(result->fusedLuma.pixels, at::kFloat).reshape(ref.shape);
      worst.fused = std::max(worst.fused, maxAbs(got, expected));
      EXPECT_LE(maxAbs(got, expected), kOutputTolerance) << strategyName(strategy);
      if (strategy == Strategy::Sfnn) {
        worst.weights = std::max(worst.weights, std::abs(*result->weightA - ref.meta["sfnn_w_a"].get<double>()));
        EXPECT_NEAR(*result->weightA, ref.meta["sfnn_w_a"].get<double>(), kWeightTolerance);
        EXPECT_NEAR(*result->weightB, ref.meta["sfnn_w_b"].get<double>(), kWeightTolerance);
      }
    }
    if (ref.meta.contains("features_a_shape")) {
      auto features = (*engine)->encode(ref.image("a.f32"), BnMode::Batch);
      ASSERT_TRUE(features);
      const at::Tensor got = at::tensor(features->values, at::kFloat);
      const at::Tensor expected =
          ref.load("features_a.f32", ref.meta["features_a_shape"].get<std::vector<std::int64_t>>());
      worst.features = std::max(worst.features, maxAbs(got, expected.flatten()));
      EXPECT_LE(maxAbs(got, expected.flatten()), kOutputTolerance);
    }
  }
  worst.print(model + " batch mode (engine)");
}

// Running mode: the network's running statistics, after replaying the
// training-mode passes that the generator ran before each case.
TEST_P(Parity, RunningModeAfterTheGeneratorsBatchPasses) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string model = GetParam();
  auto loaded = loadModel((fs::path(shared) / "weights" / weightsFile(model)).string());
  ASSERT_TRUE(loaded) << loaded.error().describe();
  FusionNetwork& net = loaded->second;
  at::NoGradGuard noGrad;
  int runningCases = 0;
  Worst worst;
  for (const Step& step : kGenerationSteps.at(model)) {
    if (step.batch) {
      // The generator's batch pass: training-mode BatchNorm, which updates the
      // running statistics (twice per encode: the module is applied twice).
      const Reference batchRef = reference(shared, model, "batch", step.name);
      net.encode(batchRef.load("a.f32"), BnUse::Train);
      net.encode(batchRef.load("b.f32"), BnUse::Train);
      continue;
    }
    SCOPED_TRACE(model + std::string("/running/") + step.name);
    ++runningCases;
    const Reference ref = reference(shared, model, "running", step.name);
    const at::Tensor fa = net.encode(ref.load("a.f32"), BnUse::Running);
    const at::Tensor fb = net.encode(ref.load("b.f32"), BnUse::Running);
    const SfnnWeights w = sfnnWeights(fa, fb);
    EXPECT_NEAR(w.weightA, ref.meta["sfnn_w_a"].get<double>(), kWeightTolerance);
    EXPECT_NEAR(w.weightB, ref.meta["sfnn_w_b"].get<double>(), kWeightTolerance);
    const double fusedSfnn = maxAbs(net.decode(w.weightA * fa + w.weightB * fb), ref.load("fused_sfnn.f32"));
    const double fusedAverage = maxAbs(net.decode((fa + fb) / 2), ref.load("fused_average.f32"));
    EXPECT_LE(fusedSfnn, kOutputTolerance);
    EXPECT_LE(fusedAverage, kOutputTolerance);
    worst.fused = std::max({worst.fused, fusedSfnn, fusedAverage});
    worst.weights = std::max(worst.weights, std::abs(w.weightA - ref.meta["sfnn_w_a"].get<double>()));
    if (ref.meta.contains("features_a_shape")) {
      const double features =
          maxAbs(fa, ref.load("features_a.f32", ref.meta["features_a_shape"].get<std::vector<std::int64_t>>()));
      EXPECT_LE(features, kOutputTolerance);
      worst.features = std::max(worst.features, features);
    }
  }
  worst.print(model + " running mode (replayed history)");
  // Every running-mode case in ../shared/reference is covered.
  std::size_t onDisk = 0;
  for ([[maybe_unused]] const auto& entry :
       fs::directory_iterator(fs::path(shared) / "reference" / model / "running")) {
    ++onDisk;
  }
  EXPECT_EQ(static_cast<std::size_t>(runningCases), onDisk);
}

// The per-channel nuclear norms themselves (reference: float64).
TEST_P(Parity, NuclearNormsOfEveryChannel) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string model = GetParam();
  auto loaded = loadModel((fs::path(shared) / "weights" / weightsFile(model)).string());
  ASSERT_TRUE(loaded);
  at::NoGradGuard noGrad;
  const Reference ref = reference(shared, model, "batch", "crop64-ct-mri-2004");
  const at::Tensor fa = loaded->second.encode(ref.load("a.f32"), BnUse::PerImage);
  const at::Tensor fb = loaded->second.encode(ref.load("b.f32"), BnUse::PerImage);
  const SfnnWeights w = sfnnWeights(fa, fb, true);
  const auto expectedA = ref.meta["nuclear_norms_a"].get<std::vector<double>>();
  const auto expectedB = ref.meta["nuclear_norms_b"].get<std::vector<double>>();
  ASSERT_EQ(w.nuclearNormsA.size(), expectedA.size());
  double worstNorm = 0.0;
  for (std::size_t c = 0; c < expectedA.size(); ++c) {
    worstNorm =
        std::max({worstNorm, std::abs(w.nuclearNormsA[c] - expectedA[c]), std::abs(w.nuclearNormsB[c] - expectedB[c])});
    EXPECT_NEAR(w.nuclearNormsA[c], expectedA[c], 1e-4 * expectedA[c]) << "channel " << c;
    EXPECT_NEAR(w.nuclearNormsB[c], expectedB[c], 1e-4 * expectedB[c]) << "channel " << c;
  }
  std::cout << "[ measured ] " << model << " nuclear norms: max |diff| " << worstNorm << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Models, Parity, ::testing::Values("dilran", "edge"));

// The authors' original is torch.save(model.state_dict()) on a GPU: an
// OrderedDict with storages tagged cuda:0. It loads onto the CPU and holds the
// same tensors as their CPU copy.
TEST(ParityFiles, CudaTaggedStateDictOriginalLoadsOntoTheCpu) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  auto original = loadTensorDict((fs::path(shared) / "weights" / "dilran_last.pt").string());
  ASSERT_TRUE(original) << original.error().describe();
  auto copy = loadTensorDict((fs::path(shared) / "weights" / "dilran_last.cpu.pt").string());
  ASSERT_TRUE(copy) << copy.error().describe();
  ASSERT_EQ(original->size(), copy->size());
  for (const auto& [key, tensor] : *copy) {
    ASSERT_TRUE(original->count(key)) << key;
    EXPECT_TRUE(original->at(key).device().is_cpu()) << key;
    EXPECT_TRUE(at::equal(original->at(key), tensor)) << key;
  }
  auto model = resolveModel((fs::path(shared) / "weights" / "dilran_last.pt").string());
  ASSERT_TRUE(model) << model.error().describe();
}

TEST(ParityFiles, UnusedKeysOfTheAuthorsFilesAreIgnored) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  auto tensors = loadTensorDict((fs::path(shared) / "weights" / "dilran_last.cpu.pt").string());
  ASSERT_TRUE(tensors);
  EXPECT_TRUE(tensors->count("fe.conv_id.0.weight"));  // present in the file, unused by the forward
  auto loaded = loadModel((fs::path(shared) / "weights" / "dilran_last.cpu.pt").string());
  ASSERT_TRUE(loaded);
  EXPECT_FALSE(loaded->second.tensors().count("fe.conv_id.0.weight"));
}
