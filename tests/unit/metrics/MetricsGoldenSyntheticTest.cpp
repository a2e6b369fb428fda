// SPDX-License-Identifier: GPL-3.0-or-later
// Golden values of independent implementations (tools/metrics_golden.py) on
// synthetic triples that the test rebuilds bit for bit (no ../shared needed).

#include <gtest/gtest.h>

#include "GoldenCases.h"

using namespace edgefuse;

TEST(MetricsGolden, SyntheticTriplesMatchIndependentImplementations) {
  const nlohmann::json golden = test::loadGolden();
  ASSERT_FALSE(golden.is_null()) << "cannot read " << EDGEFUSE_METRICS_GOLDEN;
  int compared = 0;
  test::Agreement agreement;
  for (const auto& c : golden["cases"]) {
    if (c["kind"] != "synthetic") continue;
    const test::Triple t = test::syntheticTriple(c["pattern"].get<std::string>(), c["size"].get<int>());
    auto report = computeMetrics(t.a, t.b, t.f, {true});
    ASSERT_TRUE(report) << report.error().describe();
    test::expectMatchesGolden(*report, c, c["name"].get<std::string>(), &agreement,
                              test::isEightBit(t.a) && test::isEightBit(t.b) && test::isEightBit(t.f));
    ++compared;
  }
  EXPECT_GE(compared, 5);
  test::printAgreement(agreement, "synthetic golden cases");
}
