// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/fusion/Engine.h"
#include "core/pipeline/PreparePair.h"

namespace edgefuse {

/// Metric values of one fused result by lowercase key ("psnr", "ssim", …).
using MetricValues = std::map<std::string, double>;
/// Computes the metrics of a fusion result (see core/metrics).
using MetricsFunction = std::function<Expected<MetricValues>(const FusionResult&)>;

/// An evaluation run over two folders of pairs matched by file name.
struct EvaluationConfig {
  std::string folderA;
  std::string folderB;
  std::string outDir;  ///< where fused PNGs go; empty = not written
  FusionOptions options;
  OutputPolicy policy;
  MetricsFunction metrics;  ///< empty = no metrics
  /// Only pairs of these cases (see caseIdOf; e.g. the held-out validation
  /// cases of a model); empty = all pairs.
  std::vector<int> cases;
  /// How B is brought onto A before each fusion (see preparePair); None
  /// fuses the files as they are.
  AlignOptions align = noAlignment();
  /// Fuse pairs the alignment gate refuses (else they are listed in
  /// EvaluationReport::refused and left out of the means).
  bool forceUnaligned = false;

  static AlignOptions noAlignment() {
    AlignOptions o;
    o.mode = AlignMode::None;
    return o;
  }
};

/// How one pair was aligned (when EvaluationConfig::align is not None).
struct PairAlignment {
  std::string method;  ///< alignMethodName
  double score = 0.0;
  bool passed = false;
  bool forced = false;
  Vec3 rotationDeg{0, 0, 0};
  Vec3 translationMm{0, 0, 0};
};

struct PairEvaluation {
  std::string name;
  double ms = 0.0;
  MetricValues metrics;
  std::optional<double> weightA;
  std::optional<double> weightB;
  std::vector<std::string> notes;
  std::optional<PairAlignment> alignment;
};

/// A pair the alignment gate refused (not fused).
struct RefusedPair {
  std::string name;
  std::string reason;
  double score = 0.0;
};

struct EvaluationReport {
  std::string device;
  std::string model;
  std::string modelSha256;
  std::string method;
  std::string strategy;
  std::string bnMode;
  std::string normalization;
  std::vector<PairEvaluation> pairs;
  MetricValues mean;  ///< mean of each metric over the pairs
  double msPerPairMean = 0.0;
  std::vector<std::string> unmatched;  ///< files without a partner (skipped)
  std::vector<RefusedPair> refused;    ///< pairs the alignment gate refused

  /// The report as JSON: {"device", "model", "strategy", "pairs": [{"name","ms","metrics"}], "mean",
  /// "ms_per_pair_mean", …}.
  std::string toJson() const;
};

/// Fuses every pair (and writes it to outDir when set), computing metrics per
/// pair and their means. `progress` gets one line per pair ("[3/154] name 812 ms").
/// A run that fails leaves nothing in outDir: the folders it created are
/// removed, and in a folder that existed the images it added.
Expected<EvaluationReport> runEvaluation(Engine& engine, const EvaluationConfig& config,
                                         const std::function<void(const std::string&)>& progress = {},
                                         const std::atomic<bool>* cancel = nullptr);

}  // namespace edgefuse
