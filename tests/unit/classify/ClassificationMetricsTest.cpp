// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/classify/ClassificationMetrics.h"

using namespace edgefuse;

TEST(ClassificationMetrics, HandComputedExample) {
  // Predictions: a (0.9, right), b (0.6, wrong), b (0.8, right), b (0.7, right).
  const auto m =
      computeClassificationMetrics({"a", "b"}, {0, 0, 1, 1}, {{0.9, 0.1}, {0.4, 0.6}, {0.2, 0.8}, {0.3, 0.7}});
  EXPECT_EQ(m.count, 4);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.75);
  EXPECT_EQ(m.confusion, (std::vector<std::vector<int>>{{1, 1}, {0, 2}}));
  EXPECT_DOUBLE_EQ(m.precision[0], 1.0);
  EXPECT_DOUBLE_EQ(m.precision[1], 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.recall[0], 0.5);
  EXPECT_DOUBLE_EQ(m.recall[1], 1.0);
  EXPECT_NEAR(m.f1[1], 0.8, 1e-12);
  // Each confidence falls into its own bin: (0.1 + 0.6 + 0.2 + 0.3) / 4.
  EXPECT_NEAR(m.expectedCalibrationError, 0.3, 1e-12);
  EXPECT_NEAR(m.meanNegativeLogLikelihood, -(std::log(0.9) + std::log(0.4) + std::log(0.8) + std::log(0.7)) / 4, 1e-12);
}

TEST(ClassificationMetrics, PerfectlyCalibratedBinHasNoError) {
  // Two predictions at 0.5 confidence, one right: the bin's accuracy equals its confidence.
  const auto m = computeClassificationMetrics({"a", "b"}, {0, 1}, {{0.5, 0.5}, {0.5, 0.5}}, 10);
  EXPECT_NEAR(m.expectedCalibrationError, 0.0, 1e-12);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.5);
}

TEST(ClassificationMetrics, JsonAndMarkdownCarryTheNumbers) {
  const auto m = computeClassificationMetrics({"glioma", "notumor"}, {0, 1, 1}, {{0.8, 0.2}, {0.1, 0.9}, {0.6, 0.4}});
  const auto j = nlohmann::json::parse(m.toJson());
  EXPECT_EQ(j["count"], 3);
  EXPECT_EQ(j["per_class"]["notumor"]["support"], 2);
  EXPECT_EQ(j["confusion_matrix"]["rows_true_cols_predicted"][1][0], 1);
  EXPECT_EQ(j["ece_bins"], 15);
  const std::string md = m.toMarkdown();
  EXPECT_NE(md.find("| glioma | 0.500 | 1.000 | 0.667 | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| notumor | 1 | 1 |"), std::string::npos) << md;
}

TEST(ClassificationMetrics, EmptyInputGivesZeros) {
  const auto m = computeClassificationMetrics({"a", "b"}, {}, {});
  EXPECT_EQ(m.count, 0);
  EXPECT_EQ(m.precision.size(), 2u);
}
