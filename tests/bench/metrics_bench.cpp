// SPDX-License-Identifier: GPL-3.0-or-later
// Metrics benchmark (Google Benchmark): every metric of one 256×256 triple on
// one core, as computeMetrics does it, and each metric alone for profiling.
// Numbers go to docs/performance.md ("Metrics").
//
//   metrics_bench [--benchmark_filter=...] [--benchmark_repetitions=N]
//
// The triple is a real AANLIB MRI-CT pair (CT-MRI/2004, F = pixel average)
// when ../shared is present, else the built-in head phantom (F = average).

#include <benchmark/benchmark.h>

#include <opencv2/core.hpp>

#include <filesystem>
#include <iostream>

#include "core/base/Memory.h"
#include "core/base/Paths.h"
#include "core/image/Normalize.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"
#include "core/metrics/MetricReport.h"
#include "core/metrics/Metrics.h"

using namespace edgefuse;

namespace {

struct Triple {
  Image a, b, f;
  std::string source;
};

Image averageOf(const Image& a, const Image& b) {
  Image f(a.width, a.height, 1);
  for (std::size_t i = 0; i < f.pixels.size(); ++i) f.pixels[i] = (a.pixels[i] + b.pixels[i]) * 0.5f;
  return f;
}

const Triple& phantomTriple() {
  static const Triple t = [] {
    const PhantomPair p = makeHeadPhantom(256);
    Triple out;
    out.a = normalizeToUnit(p.mri, Normalization::MinMax);
    out.b = normalizeToUnit(p.ct, Normalization::MinMax);
    out.f = averageOf(out.a, out.b);
    out.source = "head phantom 256x256, F = average";
    return out;
  }();
  return t;
}

const Triple* aanlibTriple() {
  static const std::optional<Triple> t = []() -> std::optional<Triple> {
    const auto shared = findSharedDir();
    if (!shared) return std::nullopt;
    const std::filesystem::path root = std::filesystem::path(*shared) / "data" / "aanlib" / "CT-MRI";
    auto a = readImage((root / "MRI" / "2004.png").string());
    auto b = readImage((root / "CT" / "2004.png").string());
    if (!a || !b) return std::nullopt;
    Triple out;
    out.a = normalizeToUnit(*a, Normalization::MinMax);
    out.b = normalizeToUnit(*b, Normalization::MinMax);
    out.f = averageOf(out.a, out.b);
    out.source = "AANLIB CT-MRI 2004 256x256, F = average";
    return out;
  }();
  return t ? &*t : nullptr;
}

void BM_ComputeMetricsPhantom(benchmark::State& state) {
  const Triple& t = phantomTriple();
  for (auto _ : state) benchmark::DoNotOptimize(computeMetrics(t.a, t.b, t.f));
  state.SetLabel(t.source);
}
BENCHMARK(BM_ComputeMetricsPhantom)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ComputeMetricsAanlib(benchmark::State& state) {
  const Triple* t = aanlibTriple();
  if (!t) {
    state.SkipWithError("needs ../shared (AANLIB); skipped");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(computeMetrics(t->a, t->b, t->f));
  state.SetLabel(t->source);
}
BENCHMARK(BM_ComputeMetricsAanlib)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Single metrics (one source against F) for profiling; computeMetrics shares
// the work on F between the two sources, so these do not add up to it.
#define EDGEFUSE_METRIC_BENCH(NAME, CALL)                \
  void BM_##NAME(benchmark::State& state) {              \
    const Triple& t = phantomTriple();                   \
    for (auto _ : state) benchmark::DoNotOptimize(CALL); \
  }                                                      \
  BENCHMARK(BM_##NAME)->Unit(benchmark::kMillisecond)

EDGEFUSE_METRIC_BENCH(Psnr, psnr(t.a, t.f));
EDGEFUSE_METRIC_BENCH(Ssim, ssim(t.a, t.f));
EDGEFUSE_METRIC_BENCH(MsSsim, msSsim(t.a, t.f));
EDGEFUSE_METRIC_BENCH(MutualInformation, mutualInformation(t.a, t.f));
EDGEFUSE_METRIC_BENCH(FmiPixel, featureMutualInformation(t.a, t.f, FmiFeature::Pixel));
EDGEFUSE_METRIC_BENCH(FmiGradient, featureMutualInformation(t.a, t.f, FmiFeature::Gradient));
EDGEFUSE_METRIC_BENCH(FmiDct, featureMutualInformation(t.a, t.f, FmiFeature::Dct));
EDGEFUSE_METRIC_BENCH(Fsim, fsim(t.a, t.f));
EDGEFUSE_METRIC_BENCH(Vif, vif(t.a, t.f));
EDGEFUSE_METRIC_BENCH(Qabf, qabf(t.a, t.b, t.f));
EDGEFUSE_METRIC_BENCH(Nabf, nabf(t.a, t.b, t.f));
EDGEFUSE_METRIC_BENCH(EntropyOfDistinctValues, entropyOfDistinctValues(t.f));

}  // namespace

int main(int argc, char** argv) {
  edgefuse::reuseFreedMemory();  // as the programs do (core/base/Memory.h)
  // The target is one core: OpenCV must not spread work over threads.
  cv::setNumThreads(1);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
