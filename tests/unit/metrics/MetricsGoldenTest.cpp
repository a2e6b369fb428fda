// SPDX-License-Identifier: GPL-3.0-or-later
// Golden values of independent implementations (tools/metrics_golden.py) on
// real AANLIB pairs read in place from ../shared (label realdata). The inputs
// are prepared as edgefuse-cli metrics does: readImage, BT.601 luma of a
// colour image, per-image min-max normalisation.

#include <gtest/gtest.h>

#include <filesystem>

#include "GoldenCases.h"
#include "core/image/Color.h"
#include "core/image/Normalize.h"
#include "core/io/ImageReader.h"
#include "support/TestSupport.h"

using namespace edgefuse;

namespace {

Image loadUnitGrey(const std::string& path) {
  auto image = readImage(path);
  EXPECT_TRUE(image) << (image ? "" : image.error().describe());
  if (!image) return {};
  const Image grey = image->isColour() ? lumaOf(*image) : *image;
  return normalizeToUnit(grey, Normalization::MinMax);
}

}  // namespace

TEST(MetricsGolden, AanlibPairsMatchIndependentImplementations) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const nlohmann::json golden = test::loadGolden();
  ASSERT_FALSE(golden.is_null()) << "cannot read " << EDGEFUSE_METRICS_GOLDEN;
  int compared = 0;
  test::Agreement agreement;
  for (const auto& c : golden["cases"]) {
    if (c["kind"] != "aanlib") continue;
    const std::filesystem::path root = std::filesystem::path(shared) / "data" / "aanlib";
    const Image a = loadUnitGrey((root / c["a"].get<std::string>()).string());
    const Image b = loadUnitGrey((root / c["b"].get<std::string>()).string());
    const Image f = test::fuseImages(a, b, c["fusion"].get<std::string>());
    auto report = computeMetrics(a, b, f, {true});
    ASSERT_TRUE(report) << report.error().describe();
    test::expectMatchesGolden(*report, c, c["name"].get<std::string>(), &agreement,
                              test::isEightBit(a) && test::isEightBit(b) && test::isEightBit(f));
    ++compared;
  }
  EXPECT_GE(compared, 5);
  test::printAgreement(agreement, "AANLIB golden cases");
}
