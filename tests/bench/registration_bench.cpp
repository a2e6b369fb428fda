// SPDX-License-Identifier: GPL-3.0-or-later
// Registration and resampling benchmarks (Google Benchmark). Targets (issue
// "Real studies"): 2-D registration of a 256x256 pair <= 0.5 s; 3-D rigid
// registration of a 256x256x150 MR against a 512x512x300 CT <= 15 s on 2
// cores; resampling a 512x512x300 volume <= 2 s; peak memory stated (the
// "peak_MiB" counter: the process's peak resident set after the benchmark).
// Run: build/ci/tests/bench/registration_bench
// Numbers and the command go into docs/performance.md.

#include <benchmark/benchmark.h>

#include <cmath>
#include <fstream>
#include <string>

#include "core/base/Paths.h"
#include "core/registration/Registration.h"
#include "core/registration/Resample.h"
#include "unit/registration/RegistrationSupport.h"

namespace {

using namespace edgefuse;

double peakResidentMiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0.0;
}

// A head-sized volume: the smooth test structure scaled to a 200 mm head.
Volume headVolume(int nx, int ny, int nz, const Vec3& spacing) {
  Volume v = test::blobVolume(nx, ny, nz, spacing);
  const auto& g = v.geometry;
  std::size_t x = 0;
  for (int k = 0; k < g.size[2]; ++k) {
    for (int j = 0; j < g.size[1]; ++j) {
      for (int i = 0; i < g.size[0]; ++i, ++x) {
        const Vec3 p = g.toPhysical(i, j, k);
        const double r = std::sqrt(p[0] * p[0] / 8100 + p[1] * p[1] / 10000 + p[2] * p[2] / 6400);
        const double inside = r < 1 ? 1.0 : 0.0;
        v.voxels[x] = static_cast<float>(
            inside * (60.0 + 30.0 * std::sin(p[0] / 11.0) * std::cos(p[1] / 13.0) + 20.0 * std::cos(p[2] / 9.0)) +
            (r > 0.93 && r < 1 ? 120.0 : 0.0));
      }
    }
  }
  return v;
}

// The MR-like counterpart: a non-monotonic mapping of the values.
Volume mrLike(Volume v) {
  for (float& value : v.voxels) value = static_cast<float>(100.0 * std::sin(value / 40.0) * std::sin(value / 40.0));
  return v;
}

void BM_Register2DAanlib(benchmark::State& state) {
  const auto shared = findSharedDir();
  if (!shared) {
    state.SkipWithError("needs the shared data at ../shared (or $EDGEFUSE_SHARED_DIR)");
    return;
  }
  const std::string root = *shared + "/data/aanlib/CT-MRI/";
  const Volume a = test::readSliceVolume(root + "MRI/2013.png");
  const Volume b = test::readSliceVolume(root + "CT/2013.png");
  AffineTransform truth;
  const Volume moved = test::moveOntoGrid(
      b, AffineTransform::rigid({0, 0, 8 * test::kDegree}, {6, -9, 0}, a.geometry.centre()), test::otherGrid(a), truth);
  for (auto _ : state) {
    auto r = registerVolumes(a, moved);
    if (!r) {
      state.SkipWithError(r.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(r->fixedToMoving.m.data());
  }
  state.counters["peak_MiB"] = peakResidentMiB();
}
BENCHMARK(BM_Register2DAanlib)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_Register3DMrToCt(benchmark::State& state) {
  const Volume ct = headVolume(512, 512, 300, {0.5, 0.5, 0.6});
  Volume mr = mrLike(headVolume(256, 256, 150, {1.0, 1.0, 1.2}));
  // The MR moved by 4°, 3° and 5° and (6, -4, 5) mm.
  AffineTransform truth;
  mr = test::moveOntoGrid(mr,
                          AffineTransform::rigid({4 * test::kDegree, 3 * test::kDegree, 5 * test::kDegree}, {6, -4, 5}),
                          mr.geometry, truth);
  for (auto _ : state) {
    auto r = registerVolumes(mr, ct);
    if (!r) {
      state.SkipWithError(r.error().describe().c_str());
      break;
    }
    state.counters["TRE_mm"] = test::targetRegistrationError(mr, r->fixedToMoving, truth.inverse()).first;
  }
  state.counters["peak_MiB"] = peakResidentMiB();
}
BENCHMARK(BM_Register3DMrToCt)->Unit(benchmark::kSecond)->Iterations(1)->MeasureProcessCPUTime()->UseRealTime();

void BM_Resample512(benchmark::State& state) {
  const Volume ct = headVolume(512, 512, 300, {0.5, 0.5, 0.6});
  const auto move = AffineTransform::rigid({2 * test::kDegree, -3 * test::kDegree, 4 * test::kDegree}, {3, -2, 1});
  for (auto _ : state) {
    auto r = resampleVolume(ct, ct.geometry, move);
    if (!r) {
      state.SkipWithError(r.error().describe().c_str());
      break;
    }
    benchmark::DoNotOptimize(r->volume.voxels.data());
  }
  state.counters["peak_MiB"] = peakResidentMiB();
}
BENCHMARK(BM_Resample512)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
