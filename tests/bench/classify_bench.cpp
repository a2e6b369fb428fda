// SPDX-License-Identifier: GPL-3.0-or-later
// Classifier benchmark (Google Benchmark): one classification of a 128x128
// image, with and without Grad-CAM, and of a 512x512 image (resize path), on
// the CPU with 1 and 2 threads; and the noise check alone (part of every
// classification). Uses the shipped model and a real validation
// slice when ../shared is present (else the built-in phantom: same cost).
// Numbers go to docs/performance.md ("Classifier").
//
//   classify_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "core/base/Paths.h"
#include "core/classify/Classifier.h"
#include "core/classify/InputCheck.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"

using namespace edgefuse;

namespace {

Classifier& classifierWith(int threads) {
  static std::map<int, std::unique_ptr<Classifier>> cache;
  auto& slot = cache[threads];
  if (!slot) {
    ClassifierConfig config;
    config.threads = threads;
    auto loaded = Classifier::load(config);
    if (!loaded) {
      std::cerr << "classify_bench: " << loaded.error().describe() << "\n";
      std::exit(1);
    }
    slot = std::move(*loaded);
  }
  return *slot;
}

Image slice(int size) {
  if (size == 128) {
    if (const auto shared = findSharedDir()) {
      const std::filesystem::path dir = std::filesystem::path(*shared) / "data/brain-tumor/validation/glioma";
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (auto image = readImage(entry.path().string())) return *image;
      }
    }
  }
  return makeHeadPhantom(size).mri;
}

void run(benchmark::State& state, int size, bool saliency) {
  Classifier& classifier = classifierWith(static_cast<int>(state.range(0)));
  const Image image = slice(size);
  ClassifyOptions options;
  options.kind = ImageKind::MriSource;
  options.saliency = saliency;
  for (int i = 0; i < 3; ++i) (void)classifier.classify(image, options);  // warm-up
  for (auto _ : state) {
    auto result = classifier.classify(image, options);
    if (!result) {
      state.SkipWithError(result.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(result->probability);
  }
  state.SetLabel(classifier.device());
}

void BM_Classify128(benchmark::State& state) {
  run(state, 128, false);
}
void BM_ClassifyGradCam128(benchmark::State& state) {
  run(state, 128, true);
}
void BM_Classify512(benchmark::State& state) {
  run(state, 512, false);
}

// checkStructure, which every classification runs (the noise check).
void BM_CheckStructure(benchmark::State& state) {
  const Image image = slice(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    const auto check = checkStructure(image);
    benchmark::DoNotOptimize(check.neighbourCorrelation);
  }
}

}  // namespace

BENCHMARK(BM_CheckStructure)->Arg(128)->Arg(512)->ArgName("size")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Classify128)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ClassifyGradCam128)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Classify512)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
