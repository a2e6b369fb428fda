// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "core/fusion/Engine.h"
#include "core/fusion/detail/Weights.h"
#include "core/image/Normalize.h"
#include "core/image/Phantom.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

// A model folder with seeded random EH-DRAN weights, made once for the suite.
class EngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = fs::temp_directory_path() / ("edgefuse-engine-" + std::to_string(::getpid()));
    fs::create_directories(s_dir);
    edgefuse::detail::ModelCard card;
    card.name = "random-eh-dran";
    card.version = "test";
    ASSERT_TRUE(edgefuse::detail::saveModelFolder(
        s_dir.string(), edgefuse::detail::FusionNetwork::initialise(edgefuse::detail::Architecture::EhDran, 42), card));
    EngineConfig config;
    config.model = s_dir.string();
    config.device = DevicePreference::Cpu;
    auto engine = Engine::create(config);
    ASSERT_TRUE(engine) << engine.error().describe();
    s_engine = std::move(*engine);
  }
  static void TearDownTestSuite() {
    s_engine.reset();
    fs::remove_all(s_dir);
  }
  static PhantomPair phantom(int size) { return makeHeadPhantom(size); }

  static fs::path s_dir;
  static std::unique_ptr<Engine> s_engine;
};

fs::path EngineTest::s_dir;
std::unique_ptr<Engine> EngineTest::s_engine;

Image toColour(const Image& grey) {
  Image rgb(grey.width, grey.height, 3);
  rgb.meta = grey.meta;
  const auto [lo, hi] = grey.minMax();
  for (std::size_t i = 0; i < grey.pixelCount(); ++i) {
    const float u = (grey.pixels[i] - lo) / (hi - lo);
    rgb.pixels[3 * i] = 255.0f * u;
    rgb.pixels[3 * i + 1] = 255.0f * u * u;
    rgb.pixels[3 * i + 2] = 255.0f * (1.0f - u);
  }
  rgb.meta.nominalMin = 0;
  rgb.meta.nominalMax = 255;
  return rgb;
}

}  // namespace

TEST_F(EngineTest, ReportsDeviceAndModel) {
  EXPECT_EQ(s_engine->device().type, "cpu");
  EXPECT_GE(s_engine->device().threads, 1);
  EXPECT_EQ(s_engine->model().name, "random-eh-dran");
  EXPECT_EQ(s_engine->model().architecture, "eh-dran");
  EXPECT_TRUE(s_engine->hasModel());
}

TEST_F(EngineTest, FusesAGreyPairWithEveryStrategy) {
  const PhantomPair p = phantom(48);
  for (Strategy s : allStrategies()) {
    FusionOptions options;
    options.strategy = s;
    auto r = s_engine->fuse(p.mri, p.ct, options);
    ASSERT_TRUE(r) << strategyName(s) << ": " << r.error().describe();
    EXPECT_EQ(r->fused.width, 48);
    EXPECT_EQ(r->fused.channels, 1);
    EXPECT_FALSE(r->colour);
    for (float v : r->fused.pixels) ASSERT_TRUE(v >= 0.0f && v <= 1.0f);
    EXPECT_EQ(r->strategy, strategyName(s));
    EXPECT_EQ(r->device, "cpu (" + std::to_string(s_engine->device().threads) +
                             (s_engine->device().threads == 1 ? " thread)" : " threads)"));
    const bool hasWeights = s == Strategy::Sfnn || s == Strategy::L1nw || s == Strategy::Al1nw || s == Strategy::Fl1n;
    EXPECT_EQ(r->weightA.has_value(), hasWeights) << strategyName(s);
  }
}

TEST_F(EngineTest, SfnnWeightsSumToOne) {
  const PhantomPair p = phantom(32);
  auto r = s_engine->fuse(p.mri, p.ct, {});
  ASSERT_TRUE(r);
  ASSERT_TRUE(r->weightA && r->weightB);
  EXPECT_NEAR(*r->weightA + *r->weightB, 1.0, 1e-12);
  EXPECT_GT(r->totalMs, 0.0);
  ASSERT_GE(r->timings.size(), 4u);
  EXPECT_EQ(r->timings[1].stage, "encode");
}

TEST_F(EngineTest, OddSizesArePaddedCroppedAndSaidSo) {
  PhantomPair p = phantom(40);
  auto cropTo = [](const Image& img, int w, int h) {
    Image out(w, h, 1);
    out.meta = img.meta;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) out.at(x, y) = img.at(x, y);
    return out;
  };
  auto r = s_engine->fuse(cropTo(p.mri, 39, 37), cropTo(p.ct, 39, 37), {});
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->fused.width, 39);
  EXPECT_EQ(r->fused.height, 37);
  bool said = false;
  for (const auto& n : r->notes) said |= n.find("padded") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST_F(EngineTest, ColourSourceFusesYAndReattachesColour) {
  const PhantomPair p = phantom(32);
  auto r = s_engine->fuse(p.mri, toColour(p.ct), {});
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(r->colour);
  EXPECT_EQ(r->fused.channels, 3);
  EXPECT_EQ(r->fusedLuma.channels, 1);
  bool said = false;
  for (const auto& n : r->notes) said |= n.find("Cb/Cr") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST_F(EngineTest, GreyStoredAsRgbIsTreatedAsGrey) {
  const PhantomPair p = phantom(32);
  Image rgb(32, 32, 3);
  rgb.meta = p.ct.meta;
  for (std::size_t i = 0; i < p.ct.pixelCount(); ++i) {
    rgb.pixels[3 * i] = rgb.pixels[3 * i + 1] = rgb.pixels[3 * i + 2] = p.ct.pixels[i];
  }
  auto fromRgb = s_engine->fuse(p.mri, rgb, {});
  auto fromGrey = s_engine->fuse(p.mri, p.ct, {});
  ASSERT_TRUE(fromRgb && fromGrey);
  EXPECT_FALSE(fromRgb->colour);
  EXPECT_EQ(fromRgb->fused.pixels, fromGrey->fused.pixels);
}

TEST_F(EngineTest, SizeMismatchIsAClearError) {
  const PhantomPair big = phantom(64), small = phantom(32);
  auto r = s_engine->fuse(big.mri, small.ct, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::SizeMismatch);
  EXPECT_NE(r.error().message.find("64x64"), std::string::npos);
}

TEST_F(EngineTest, CancelStopsTheRequest) {
  const PhantomPair p = phantom(32);
  std::atomic<bool> cancel{true};
  auto r = s_engine->fuse(p.mri, p.ct, {}, {}, &cancel);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Cancelled);
}

TEST_F(EngineTest, ProgressIsReportedUpToCompletion) {
  const PhantomPair p = phantom(32);
  std::vector<std::string> stages;
  double last = -1.0;
  auto r = s_engine->fuse(p.mri, p.ct, {}, [&](const std::string& stage, double fraction) {
    stages.push_back(stage);
    EXPECT_GE(fraction, last);
    last = fraction;
  });
  ASSERT_TRUE(r);
  EXPECT_EQ(stages.front(), "prepare");
  EXPECT_EQ(stages.back(), "done");
  EXPECT_DOUBLE_EQ(last, 1.0);
}

TEST_F(EngineTest, BatchEqualsOneByOne) {
  std::vector<std::pair<Image, Image>> pairs;
  for (int size : {32, 32, 40}) {
    const PhantomPair p = phantom(size);
    pairs.emplace_back(p.mri, p.ct);
  }
  FusionOptions options;
  options.bnMode = BnMode::Batch;
  auto batch = s_engine->fuseBatch(pairs, options, {}, nullptr, 4);
  ASSERT_TRUE(batch) << batch.error().describe();
  ASSERT_EQ(batch->size(), 3u);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    auto single = s_engine->fuse(pairs[i].first, pairs[i].second, options);
    ASSERT_TRUE(single);
    ASSERT_EQ((*batch)[i].fused.pixels.size(), single->fused.pixels.size());
    for (std::size_t k = 0; k < single->fused.pixels.size(); ++k) {
      ASSERT_NEAR((*batch)[i].fused.pixels[k], single->fused.pixels[k], 1e-5) << "pair " << i;
    }
  }
}

TEST_F(EngineTest, ClassicalMethodsNeedNoModel) {
  EngineConfig config;
  config.model = "/nonexistent/model";
  config.requireModel = false;
  auto engine = Engine::create(config);
  ASSERT_TRUE(engine) << engine.error().describe();
  const PhantomPair p = phantom(32);
  for (Method m : {Method::Average, Method::Max, Method::Laplacian}) {
    FusionOptions options;
    options.method = m;
    auto r = (*engine)->fuse(p.mri, p.ct, options);
    ASSERT_TRUE(r) << methodName(m);
    EXPECT_EQ(r->model, "none");
  }
  FusionOptions network;
  auto r = (*engine)->fuse(p.mri, p.ct, network);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::ModelNotFound);
  // Average method equals the pixel average of the min-max normalised sources.
  FusionOptions average;
  average.method = Method::Average;
  auto avg = (*engine)->fuse(p.mri, p.ct, average);
  const Image ua = normalizeToUnit(p.mri, Normalization::MinMax), ub = normalizeToUnit(p.ct, Normalization::MinMax);
  EXPECT_NEAR(avg->fused.pixels[500], 0.5f * (ua.pixels[500] + ub.pixels[500]), 1e-6);
}

TEST_F(EngineTest, CudaRequestOnACpuOnlyBuildIsAnErrorNotASilentFallback) {
  EngineConfig config;
  config.model = s_dir.string();
  config.device = DevicePreference::Cuda;
  auto engine = Engine::create(config);
  if (engine && (*engine)->device().type == "cuda") GTEST_SKIP() << "a CUDA device is available here";
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code, ErrorCode::DeviceUnavailable);
}

TEST_F(EngineTest, AutoDeviceSaysWhyItChoseTheCpu) {
  EngineConfig config;
  config.model = s_dir.string();
  auto engine = Engine::create(config);
  ASSERT_TRUE(engine);
  if ((*engine)->device().type == "cuda") GTEST_SKIP() << "a CUDA device is available here";
  EXPECT_NE((*engine)->device().reason.find("no CUDA"), std::string::npos);
  const PhantomPair p = phantom(32);
  auto r = (*engine)->fuse(p.mri, p.ct, {});
  ASSERT_TRUE(r);
  bool said = false;
  for (const auto& n : r->notes) said |= n.find("CPU") != std::string::npos;
  EXPECT_TRUE(said) << "the CPU fallback must be visible in the result";
}
