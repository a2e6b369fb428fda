#include <gtest/gtest.h>

#include "core/metrics/MetricReport.h"
#include "core/metrics/Metrics.h"

using namespace edgefuse;

TEST(Metrics, Smoke) {
  Image a(64, 64, 1), b(64, 64, 1), f(64, 64, 1);
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 64; ++x) {
      a.at(x, y) = static_cast<float>((x * 7 + y * 3) % 256) / 255.0f;
      b.at(x, y) = static_cast<float>((x * x + y * 5) % 256) / 255.0f;
      f.at(x, y) = 0.5f * (a.at(x, y) + b.at(x, y));
    }
  auto r = computeMetrics(a, b, f);
  ASSERT_TRUE(r) << r.error().describe();
  for (auto& [k, v] : r->values) std::cout << k << " " << v << "\n";
  for (auto& n : r->notes) std::cout << n << "\n";
}

#include "GoldenCases.h"

TEST(MetricsGolden, SyntheticTriplesMatchIndependentImplementations) {
  const nlohmann::json golden = test::loadGolden();
  ASSERT_FALSE(golden.is_null()) << "cannot read " << EDGEFUSE_METRICS_GOLDEN;
  int compared = 0;
  test::Agreement agreement;
  for (const auto& c : golden["cases"]) {
    if (c["kind"] != "synthetic") continue;
    const test::Triple t = test::syntheticTriple(c["pattern"].get<std::string>(), c["size"].get<int>());
    auto report = computeMetrics(t.a, t.b, t.f);
    ASSERT_TRUE(report) << report.error().describe();
    test::expectMatchesGolden(*report, c, c["name"].get<std::string>(), &agreement);
    ++compared;
  }
  EXPECT_GE(compared, 5);
  test::printAgreement(agreement, "synthetic golden cases");
}
