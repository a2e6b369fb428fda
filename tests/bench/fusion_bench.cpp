// SPDX-License-Identifier: GPL-3.0-or-later
// Fusion benchmark (LibTorch only). Times the engine on one pair, stage by
// stage, over repeated runs, and reports FLOP rate, peak memory and (on CUDA)
// the time per pair at a batch size. Numbers go to docs/performance.md.
//
//   fusion_bench [--model SPEC] [--size N] [--repeat R] [--device cpu|cuda|auto]
//                [--batch B] [--threads T] [--strategy S] [--bn-mode running|batch]
//                [--a A.f32 --b B.f32]   (raw float32 N×N inputs, e.g. ../shared/reference/*/a.f32)

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "core/base/Memory.h"
#include "core/fusion/Engine.h"
#include "core/fusion/detail/Network.h"
#include "core/fusion/detail/Weights.h"
#include "core/image/Phantom.h"

using namespace edgefuse;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

Image readRaw(const std::string& path, int size) {
  std::ifstream in(path, std::ios::binary);
  Image img(size, size, 1);
  in.read(reinterpret_cast<char*>(img.pixels.data()), static_cast<std::streamsize>(img.pixels.size() * 4));
  img.meta.nominalMin = 0;
  img.meta.nominalMax = 1;
  return img;
}

long peakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  edgefuse::reuseFreedMemory();  // see core/base/Memory.h
  std::map<std::string, std::string> args{{"size", "256"},       {"repeat", "5"},  {"device", "auto"},
                                          {"batch", "16"},       {"threads", "0"}, {"strategy", "sfnn"},
                                          {"bn-mode", "running"}};
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strncmp(argv[i], "--", 2) != 0) {
      std::cerr << "usage: see the comment at the top of fusion_bench.cpp\n";
      return 2;
    }
    args[argv[i] + 2] = argv[i + 1];
  }
  const int size = std::stoi(args["size"]);
  const int repeat = std::stoi(args["repeat"]);

  // Without --model, seeded random EH-DRAN weights: the FLOPs and memory are
  // the same as for trained weights (SFNN pruning may differ; use --model).
  std::string modelSpec = args.count("model") ? args["model"] : "";
  std::string tmpModel;
  if (modelSpec.empty()) {
    tmpModel = "/tmp/edgefuse-bench-model-" + std::to_string(::getpid());
    edgefuse::detail::ModelCard card;
    card.name = "random-eh-dran";
    card.version = "bench";
    if (!edgefuse::detail::saveModelFolder(
            tmpModel, edgefuse::detail::FusionNetwork::initialise(edgefuse::detail::Architecture::EhDran, 1), card)) {
      std::cerr << "cannot write the temporary model\n";
      return 1;
    }
    modelSpec = tmpModel;
  }
  EngineConfig config;
  config.model = modelSpec;
  config.device = *parseDevicePreference(args["device"]);
  config.threads = std::stoi(args["threads"]);
  auto engine = Engine::create(config);
  if (!engine) {
    std::cerr << engine.error().describe() << "\n";
    return 1;
  }
  Image a, b;
  if (args.count("a") && args.count("b")) {
    a = readRaw(args["a"], size);
    b = readRaw(args["b"], size);
  } else {
    const PhantomPair p = makeHeadPhantom(size);
    a = p.mri;
    b = p.ct;
  }
  FusionOptions options;
  options.strategy = *parseStrategy(args["strategy"]);
  options.bnMode = *parseBnMode(args["bn-mode"]);
  const auto& dev = (*engine)->device();
  const auto arch = *edgefuse::detail::parseArchitecture((*engine)->model().architecture);
  const double flops = 2 * edgefuse::detail::FusionNetwork::encodeFlops(arch, size, size) +
                       edgefuse::detail::FusionNetwork::decodeFlops(arch, size, size);

  std::cout << "device: " << dev.describe() << "\nmodel: " << (*engine)->model().displayName() << " ("
            << (*engine)->model().architecture << ")\nsize: " << size << "x" << size
            << "\nstrategy: " << strategyName(options.strategy) << ", bn: " << bnModeName(*options.bnMode)
            << "\nGFLOP per pair: " << flops / 1e9 << "\n";

  // Warm-up (the first, cold fusion of the process: what the GUI worker's
  // warm-up takes off the user's first fusion), then timed runs of single pairs.
  auto cold = (*engine)->fuse(a, b, options);
  if (!cold) {
    std::cerr << cold.error().describe() << "\n";
    return 1;
  }
  std::cout << "first fusion of the process (cold): " << cold->totalMs << " ms\n";
  std::map<std::string, std::vector<double>> stages;
  std::vector<double> totals;
  for (int i = 0; i < repeat; ++i) {
    auto r = (*engine)->fuse(a, b, options);
    for (const auto& t : r->timings) stages[t.stage].push_back(t.ms);
    totals.push_back(r->totalMs);
  }
  std::cout << "first fusion after the warm-up: " << totals.front() << " ms\n";
  std::cout << "single pair, median of " << repeat << " runs:\n";
  for (const auto& [stage, values] : stages) std::cout << "  " << stage << ": " << median(values) << " ms\n";
  const double total = median(totals);
  std::cout << "  total: " << total << " ms\n  network GFLOP/s: "
            << flops / 1e9 / ((median(stages["encode"]) + median(stages["decode"])) / 1000)
            << "\n  fraction of the 1.1 s CPU floor (110 GFLOP/s): " << 1100.0 / total << "\n";
  std::cout << "peak RSS: " << peakRssMb() << " MB\n";

  if (dev.type == "cuda") {
    const int batch = std::stoi(args["batch"]);
    std::vector<std::pair<Image, Image>> pairs(static_cast<std::size_t>(batch), {a, b});
    (*engine)->fuseBatch(pairs, options, {}, nullptr, batch);  // warm-up
    std::vector<double> perPair;
    for (int i = 0; i < repeat; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      auto r = (*engine)->fuseBatch(pairs, options, {}, nullptr, batch);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      if (!r) {
        std::cerr << r.error().describe() << "\n";
        return 1;
      }
      perPair.push_back(ms / batch);
    }
    std::cout << "batch " << batch << ": " << median(perPair) << " ms per pair (median of " << repeat << ")\n";
  }
  if (!tmpModel.empty()) std::system(("rm -rf " + tmpModel).c_str());
  return 0;
}
