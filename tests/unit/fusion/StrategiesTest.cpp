// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>

#include "core/fusion/detail/Strategies.h"

using namespace edgefuse;
using namespace edgefuse::detail;

namespace {

at::Tensor t4(std::vector<float> values) {
  return at::tensor(values, at::kFloat).reshape({1, 1, 2, 2});
}

void expectValues(const at::Tensor& t, std::vector<double> expected, double tol = 1e-5) {
  const at::Tensor flat = t.flatten().to(at::kDouble);
  ASSERT_EQ(flat.numel(), static_cast<std::int64_t>(expected.size()));
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(flat[static_cast<std::int64_t>(i)].item<double>(), expected[i], tol) << "element " << i;
  }
}

}  // namespace

// fa = [1 2; 3 4], fb = [8 6; 4 2] (‖fa‖₁ = 10, ‖fb‖₁ = 20).
class HandComputed : public ::testing::Test {
 protected:
  at::Tensor fa = t4({1, 2, 3, 4});
  at::Tensor fb = t4({8, 6, 4, 2});
};

TEST_F(HandComputed, Addition) {
  expectValues(fuseFeatures(Strategy::Addition, fa, fb), {9, 8, 7, 6});
}

TEST_F(HandComputed, Average) {
  expectValues(fuseFeatures(Strategy::Average, fa, fb), {4.5, 4, 3.5, 3});
}

TEST_F(HandComputed, Maximum) {
  expectValues(fuseFeatures(Strategy::Max, fa, fb), {8, 6, 4, 4});
}

TEST_F(HandComputed, FeatureEnergyRatio) {
  // (a³ + b³) / (a² + b²) per element.
  expectValues(fuseFeatures(Strategy::Fer, fa, fb),
               {(1.0 + 512) / 65, (8.0 + 216) / 40, (27.0 + 64) / 25, (64.0 + 8) / 20});
}

TEST_F(HandComputed, FeatureEnergyRatioOfZeroFeaturesIsZero) {
  expectValues(fuseFeatures(Strategy::Fer, t4({0, 0, 0, 0}), t4({0, 0, 0, 0})), {0, 0, 0, 0});
}

TEST_F(HandComputed, L1NormWeightsAreUnnormalisedAsInTheReference) {
  std::vector<std::pair<double, double>> w;
  expectValues(fuseFeatures(Strategy::L1nw, fa, fb, &w), {10 + 160, 20 + 120, 30 + 80, 40 + 40});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_DOUBLE_EQ(w[0].first, 10);
  EXPECT_DOUBLE_EQ(w[0].second, 20);
}

TEST_F(HandComputed, AverageL1NormWeights) {
  expectValues(fuseFeatures(Strategy::Al1nw, fa, fb), {5 + 80, 10 + 60, 15 + 40, 20 + 20});
}

TEST_F(HandComputed, NormalisedL1NormWeights) {
  std::vector<std::pair<double, double>> w;
  expectValues(fuseFeatures(Strategy::Fl1n, fa, fb, &w),
               {1.0 / 3 + 16.0 / 3, 2.0 / 3 + 12.0 / 3, 3.0 / 3 + 8.0 / 3, 4.0 / 3 + 4.0 / 3});
  EXPECT_NEAR(w[0].first, 1.0 / 3, 1e-12);
  EXPECT_NEAR(w[0].second, 2.0 / 3, 1e-12);
}

TEST(Sfnn, HandComputedWeights) {
  // Two channels, 2×2 maps. A: both channels 0 → softmax 0.5 everywhere → each
  // map is 0.5·J (rank one, ‖0.5·J‖_* = 0.5·2 = 1). B: channel 0 = ln 3 →
  // softmax 0.75 / 0.25 → norms 1.5 and 0.5. wA = 1 / (1 + 2.25).
  const at::Tensor fa = at::zeros({1, 2, 2, 2});
  at::Tensor fb = at::zeros({1, 2, 2, 2});
  fb.select(1, 0).fill_(std::log(3.0));
  for (bool exhaustive : {false, true}) {
    const SfnnWeights w = sfnnWeights(fa, fb, exhaustive);
    EXPECT_NEAR(w.maxNuclearNormA, 1.0, 1e-6);
    EXPECT_NEAR(w.maxNuclearNormB, 1.5, 1e-6);
    EXPECT_NEAR(w.weightA, 1.0 / 3.25, 1e-7);
    EXPECT_NEAR(w.weightB, 2.25 / 3.25, 1e-7);
  }
  std::vector<std::pair<double, double>> weights;
  const at::Tensor fused = fuseFeatures(Strategy::Sfnn, fa, fb, &weights);
  EXPECT_NEAR(weights[0].first, 1.0 / 3.25, 1e-7);
  EXPECT_TRUE(at::allclose(fused, (1.0 / 3.25) * fa + (2.25 / 3.25) * fb, 1e-6, 1e-6));
}

TEST(Sfnn, NuclearNormOfKnownMatrices) {
  // diag(3, 2, 1) has nuclear norm 6; a rank-one 4×4 of ones has 4.
  at::Tensor maps = at::zeros({1, 2, 4, 4}, at::kDouble);
  maps[0][0][0][0] = 3;
  maps[0][0][1][1] = 2;
  maps[0][0][2][2] = 1;
  maps[0][1].fill_(1.0);
  const at::Tensor norms = nuclearNormsExhaustive(maps);
  EXPECT_NEAR(norms[0][0].item<double>(), 6.0, 1e-12);
  EXPECT_NEAR(norms[0][1].item<double>(), 4.0, 1e-12);
  EXPECT_NEAR(maxNuclearNorms(maps)[0], 6.0, 1e-5);
}

// The pruned search must return exactly the exhaustive maximum, also when the
// channels are hard to tell apart (many near-ties) and when one dominates.
TEST(Sfnn, PrunedMaximumEqualsExhaustiveMaximum) {
  at::manual_seed(7);
  const std::vector<at::Tensor> cases = {
      at::randn({2, 64, 48, 48}),  // noise: many channels close together
      at::randn({2, 64, 32, 40}) * 0.1 + at::linspace(0, 3, 64).view({1, 64, 1, 1}),  // one clear winner
      at::rand({3, 16, 64, 64}).pow(4),                                               // skewed positive maps
  };
  for (const auto& features : cases) {
    const at::Tensor soft = at::softmax(features, 1);
    int exact = 0;
    const auto pruned = maxNuclearNorms(soft, &exact);
    const at::Tensor full = nuclearNormsExhaustive(soft).amax(1);
    for (std::int64_t i = 0; i < soft.size(0); ++i) {
      EXPECT_NEAR(pruned[static_cast<std::size_t>(i)], full[i].item<double>(), 1e-9 * full[i].item<double>());
    }
    EXPECT_GE(exact, static_cast<int>(soft.size(0)));
  }
}
