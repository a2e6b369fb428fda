// SPDX-License-Identifier: GPL-3.0-or-later
// I/O benchmarks (Google Benchmark). The target: the 93-slice head CT series
// (../shared/data/dicom/slicer-ct-head) loads in at most 0.5 s.
// Run: build/ci/tests/bench/io_bench --benchmark_repetitions=5
// Numbers and the command go into docs/performance.md.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "core/base/Paths.h"
#include "core/image/Phantom.h"
#include "core/image/Windowing.h"
#include "core/io/DicomReader.h"
#include "core/io/DicomWriter.h"
#include "core/io/ImageReader.h"

namespace {

using namespace edgefuse;

std::string sharedPath(benchmark::State& state, const std::string& relative) {
  const auto shared = findSharedDir();
  if (!shared) {
    state.SkipWithError("needs the shared data at ../shared (or $EDGEFUSE_SHARED_DIR)");
    return {};
  }
  return *shared + "/" + relative;
}

void readSeries(benchmark::State& state, const std::string& relative, std::size_t expectedSlices) {
  const std::string path = sharedPath(state, relative);
  if (path.empty()) return;
  for (auto _ : state) {
    auto series = readImageSeries(path);
    if (!series || series->size() != expectedSlices) {
      state.SkipWithError(series ? "unexpected slice count" : series.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(series->slices.front().pixels.data());
  }
  state.counters["slices"] = static_cast<double>(expectedSlices);
}

// The target: the 93 files of the head CT, scanned, decoded, sorted.
void BM_ReadHeadCtSeries93(benchmark::State& state) {
  readSeries(state, "data/dicom/slicer-ct-head", 93);
}
BENCHMARK(BM_ReadHeadCtSeries93)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ReadCtAnkle512(benchmark::State& state) {
  readSeries(state, "data/dicom/gdcm-samples/CT-MONO2-16-ankle.dcm", 1);
}
BENCHMARK(BM_ReadCtAnkle512)->Unit(benchmark::kMillisecond);

void BM_ReadRleUltrasound10Frames(benchmark::State& state) {
  readSeries(state, "data/dicom/gdcm-samples/US-PAL-8-10x-echo.dcm", 10);
}
BENCHMARK(BM_ReadRleUltrasound10Frames)->Unit(benchmark::kMillisecond);

void BM_ReadPng256(benchmark::State& state) {
  readSeries(state, "data/aanlib/CT-MRI/MRI/2004.png", 1);
}
BENCHMARK(BM_ReadPng256)->Unit(benchmark::kMillisecond);

// Writing one 512x512 16-bit Secondary Capture (atomic, with fsync).
void BM_WriteDicom512(benchmark::State& state) {
  const PhantomPair phantom = makeHeadPhantom(512);
  const Image unit = toUnitByNominalRange(phantom.mri);
  const auto folder = std::filesystem::temp_directory_path() / ("edgefuse-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "fused.dcm").string();
  for (auto _ : state) {
    auto written = writeDerivedDicomSeries(path, {{unit, {phantom.mri.meta, phantom.ct.meta}}}, {}, {});
    if (!written) {
      state.SkipWithError(written.error().describe().c_str());
      break;
    }
  }
  std::filesystem::remove_all(folder);
}
BENCHMARK(BM_WriteDicom512)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
