// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/pipeline/Evaluation.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/image/CaseId.h"
#include "core/io/ImageReader.h"
#include "core/pipeline/Export.h"
#include "core/pipeline/PairFinder.h"

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

nlohmann::json metricsJson(const MetricValues& values) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : values) out[key] = value;
  return out;
}

// One image as a one-slice volume.
Expected<Volume> sliceVolume(const Image& image) {
  ImageSeries series;
  series.slices.push_back(image);
  return volumeFromSeries(series);
}

Expected<PreparedPair> alignForEvaluation(const Image& a, const Image& b, const AlignOptions& options,
                                          const std::atomic<bool>* cancel) {
  auto volumeA = sliceVolume(a);
  if (!volumeA) return tl::unexpected(volumeA.error());
  auto volumeB = sliceVolume(b);
  if (!volumeB) return tl::unexpected(volumeB.error());
  return preparePair(*volumeA, *volumeB, options, {}, cancel);
}

PairAlignment summaryOf(const PreparedPair& prepared, bool force) {
  PairAlignment s;
  s.method = alignMethodName(prepared.method);
  s.score = prepared.score.score;
  s.passed = prepared.gate.passed;
  s.forced = force && !prepared.gate.passed;
  const Vec3 angles = prepared.fixedToMoving.eulerAngles();
  for (int k = 0; k < 3; ++k) s.rotationDeg[k] = angles[k] * 57.29577951308232;
  s.translationMm = prepared.registration ? prepared.registration->translationMm : prepared.fixedToMoving.translation();
  return s;
}

// Creates `dir` and its missing parents; returns the topmost folder that did
// not exist before (empty when `dir` existed), so that a failed run can
// remove what it created.
Expected<fs::path> createOutputFolder(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return fs::path();
  fs::path created;
  for (fs::path p = fs::absolute(dir, ec).lexically_normal(); !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    created = p;
    if (p == p.parent_path()) break;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    if (!created.empty()) fs::remove_all(created, ec);
    return fail(ErrorCode::WriteFailed, "cannot create the output folder: " + ec.message(), dir);
  }
  return created;
}

Expected<EvaluationReport> evaluatePairs(Engine& engine, const EvaluationConfig& config, const PairMatch& match,
                                         const std::function<void(const std::string&)>& progress,
                                         const std::atomic<bool>* cancel, std::vector<std::string>* addedFiles);

}  // namespace

std::string EvaluationReport::toJson() const {
  nlohmann::json j;
  j["device"] = device;
  j["model"] = model;
  j["model_sha256"] = modelSha256;
  j["method"] = method;
  j["strategy"] = strategy;
  j["bn_mode"] = bnMode;
  j["normalization"] = normalization;
  j["pairs"] = nlohmann::json::array();
  for (const auto& p : pairs) {
    nlohmann::json pj;
    pj["name"] = p.name;
    pj["ms"] = p.ms;
    pj["metrics"] = metricsJson(p.metrics);
    if (p.weightA) pj["weights"] = {{"a", *p.weightA}, {"b", *p.weightB}};
    if (!p.notes.empty()) pj["notes"] = p.notes;
    if (p.alignment) {
      const auto& a = *p.alignment;
      pj["alignment"] = {{"method", a.method},
                         {"score", a.score},
                         {"passed", a.passed},
                         {"forced", a.forced},
                         {"rotation_deg", {a.rotationDeg[0], a.rotationDeg[1], a.rotationDeg[2]}},
                         {"translation_mm", {a.translationMm[0], a.translationMm[1], a.translationMm[2]}}};
    }
    j["pairs"].push_back(pj);
  }
  j["mean"] = metricsJson(mean);
  j["ms_per_pair_mean"] = msPerPairMean;
  j["pair_count"] = pairs.size();
  j["unmatched"] = unmatched;
  j["refused"] = nlohmann::json::array();
  for (const auto& r : refused) j["refused"].push_back({{"name", r.name}, {"reason", r.reason}, {"score", r.score}});
  return j.dump(2) + "\n";
}

Expected<EvaluationReport> runEvaluation(Engine& engine, const EvaluationConfig& config,
                                         const std::function<void(const std::string&)>& progress,
                                         const std::atomic<bool>* cancel) {
  auto match = matchPairsByName(config.folderA, config.folderB);
  if (!match) return tl::unexpected(match.error());
  if (!config.cases.empty()) {
    auto& pairs = match->pairs;
    pairs.erase(std::remove_if(pairs.begin(), pairs.end(),
                               [&](const ImagePairPaths& p) {
                                 return std::find(config.cases.begin(), config.cases.end(), caseIdOf(p.name)) ==
                                        config.cases.end();
                               }),
                pairs.end());
    if (pairs.empty()) return fail(ErrorCode::NoPairs, "no pairs of the requested cases", config.folderA);
  }
  // A failed run leaves nothing behind in --out-dir: neither the folders it
  // created nor the images it added (issue 18: a full disk left an empty folder).
  fs::path createdFolder;
  if (!config.outDir.empty()) {
    auto created = createOutputFolder(config.outDir);
    if (!created) return tl::unexpected(created.error());
    createdFolder = *created;
  }
  std::vector<std::string> addedFiles;
  auto report = evaluatePairs(engine, config, *match, progress, cancel, &addedFiles);
  if (!report) {
    std::error_code ec;
    if (!createdFolder.empty()) {
      fs::remove_all(createdFolder, ec);
    } else {
      for (const auto& file : addedFiles) fs::remove(file, ec);
    }
  }
  return report;
}

namespace {

Expected<EvaluationReport> evaluatePairs(Engine& engine, const EvaluationConfig& config, const PairMatch& match,
                                         const std::function<void(const std::string&)>& progress,
                                         const std::atomic<bool>* cancel, std::vector<std::string>* addedFiles) {
  EvaluationReport report;
  for (const auto& n : match.onlyInA) report.unmatched.push_back("A/" + n);
  for (const auto& n : match.onlyInB) report.unmatched.push_back("B/" + n);
  std::map<std::string, std::pair<double, int>> sums;
  double totalMs = 0.0;
  const std::size_t count = match.pairs.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (cancel && cancel->load()) return fail(ErrorCode::Cancelled, "evaluation cancelled");
    const ImagePairPaths& pair = match.pairs[i];
    auto a = readImage(pair.pathA);
    if (!a) return tl::unexpected(a.error());
    auto b = readImage(pair.pathB);
    if (!b) return tl::unexpected(b.error());
    std::optional<PairAlignment> alignment;
    std::vector<std::string> alignmentNotes;
    if (config.align.mode != AlignMode::None) {
      auto aligned = alignForEvaluation(*a, *b, config.align, cancel);
      if (!aligned) {
        Error e = aligned.error();
        e.context = pair.name + (e.context.empty() ? "" : ": " + e.context);
        return tl::unexpected(e);
      }
      const PreparedPair& prepared = *aligned;
      alignment = summaryOf(prepared, config.forceUnaligned);
      if (!prepared.gate.passed && !config.forceUnaligned) {
        report.refused.push_back({pair.name, prepared.gate.reason, prepared.score.score});
        if (progress)
          progress("[" + std::to_string(i + 1) + "/" + std::to_string(count) + "] " + pair.name +
                   " refused: " + prepared.gate.reason);
        continue;
      }
      alignmentNotes = prepared.notes;
      if (prepared.method != AlignMethod::SameGrid) {
        Image moved = volumeSlice(prepared.b.volume, 0);
        moved.meta = b->meta;
        *b = std::move(moved);
      }
    }
    auto result = engine.fuse(*a, *b, config.options, {}, cancel);
    if (!result) {
      Error e = result.error();
      e.context = pair.name + (e.context.empty() ? "" : ": " + e.context);
      return tl::unexpected(e);
    }
    if (report.pairs.empty()) {
      report.device = result->device;
      report.model = result->model;
      report.modelSha256 = result->modelSha256;
      report.method = result->method;
      report.strategy = result->strategy;
      report.bnMode = result->bnMode;
      report.normalization = result->normalization;
    }
    PairEvaluation pe;
    pe.name = pair.name;
    pe.ms = result->totalMs;
    pe.weightA = result->weightA;
    pe.weightB = result->weightB;
    pe.notes = result->notes;
    for (const auto& note : alignmentNotes) pe.notes.push_back("alignment: " + note);
    pe.alignment = alignment;
    if (config.metrics) {
      auto values = config.metrics(*result);
      if (!values) {
        Error e = values.error();
        e.context = pair.name;
        return tl::unexpected(e);
      }
      pe.metrics = std::move(*values);
      for (const auto& [key, value] : pe.metrics) {
        sums[key].first += value;
        sums[key].second += 1;
      }
    }
    if (!config.outDir.empty()) {
      const std::string out = (fs::path(config.outDir) / (fs::path(pair.name).stem().string() + ".png")).string();
      std::error_code ec;
      const bool existed = fs::exists(out, ec);
      if (auto written = exportFusedPng(*result, out, {pair.pathA, pair.pathB}, config.policy); !written) {
        return tl::unexpected(written.error());
      }
      if (!existed) addedFiles->push_back(out);
    }
    totalMs += pe.ms;
    if (progress) {
      std::ostringstream line;
      line << "[" << (i + 1) << "/" << count << "] " << pair.name << " " << static_cast<long>(pe.ms + 0.5) << " ms";
      progress(line.str());
    }
    report.pairs.push_back(std::move(pe));
  }
  for (const auto& [key, sum] : sums) report.mean[key] = sum.first / sum.second;
  if (report.pairs.empty()) {
    return fail(ErrorCode::AlignmentRefused,
                "the alignment gate refused every pair (" + std::to_string(report.refused.size()) +
                    "); check the alignment or use --force-unaligned",
                config.folderA);
  }
  report.msPerPairMean = totalMs / static_cast<double>(report.pairs.size());
  return report;
}

}  // namespace

}  // namespace edgefuse
