// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/pipeline/Export.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "core/base/Version.h"
#include "core/fusion/Engine.h"
#include "core/io/DicomWriter.h"
#include "core/io/PngWriter.h"

namespace edgefuse {
namespace {

namespace fs = std::filesystem;

std::string describeSource(const char* label, const ImageMeta& meta, bool anonymize) {
  std::string s = std::string(label) + ": " + (meta.modality.empty() ? meta.format : meta.modality);
  if (anonymize) return s;
  if (!meta.identity.sopInstanceUid.empty()) return s + " " + meta.identity.sopInstanceUid;
  return s + " " + fs::path(meta.sourcePath).filename().string();
}

std::string sourceLabel(std::size_t index) {
  if (index == 0) return "A";
  if (index == 1) return "B";
  return "source " + std::to_string(index + 1);
}

fs::path namedPart(const std::string& path) {
  fs::path p(path);
  if (!p.has_filename()) p = p.parent_path();  // "DOE_JANE/" names the folder
  return p;
}

// What a PNG's text says about its sources: their file names, or with
// `anonymize` only "A" and "B" (file names often carry patient names or
// record numbers).
std::vector<std::string> sourceNames(const std::vector<std::string>& paths, bool anonymize) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    names.push_back(anonymize ? sourceLabel(i) : namedPart(paths[i]).filename().string());
  }
  return names;
}

// Replaces every mention of a source's path, file name or stem (from a
// reader's or the engine's notes) with its label, longest mentions first so
// that "DOE_CT" is not cut down by the stem "DOE" of another source.
std::string withoutSourceNames(std::string text, const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, std::string>> mentions;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const fs::path p = namedPart(paths[i]);
    for (const std::string& mention : {paths[i], p.string(), p.filename().string(), p.stem().string()}) {
      if (mention.size() >= 3) mentions.emplace_back(mention, sourceLabel(i));  // "a.png"'s stem would hit every "a"
    }
  }
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const auto& x, const auto& y) { return x.first.size() > y.first.size(); });
  for (const auto& [mention, label] : mentions) {
    for (auto at = text.find(mention); at != std::string::npos; at = text.find(mention, at + label.size())) {
      text.replace(at, mention.size(), label);
    }
  }
  return text;
}

Provenance pngProvenance(const FusionResult& result, const std::vector<std::string>& sourcePaths, bool anonymize) {
  Provenance p = provenanceOf(result, sourceNames(sourcePaths, anonymize));
  if (anonymize) {
    for (auto& note : p.notes) note = withoutSourceNames(note, sourcePaths);
  }
  return p;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

}  // namespace

Provenance provenanceOf(const FusionResult& result, const std::vector<std::string>& sources) {
  Provenance p;
  p.software = std::string(kApplicationName) + " " + kVersion;
  p.modelName = result.modelName;
  p.modelVersion = result.modelVersion;
  p.weightsSha256 = result.modelSha256;
  p.method = result.method;
  p.strategy = result.strategy;
  p.bnMode = result.bnMode;
  p.normalization = result.normalization;
  p.device = result.device;
  p.torchVersion = libtorchVersion();
  p.sources = sources;
  p.createdUtc = utcNowIso8601();
  p.notes = result.notes;
  return p;
}

Expected<void> exportFusedPng(const FusionResult& result, const std::string& path,
                              const std::vector<std::string>& sourcePaths, const OutputPolicy& policy, bool anonymize) {
  OutputPolicy guarded = policy;
  guarded.protectedPaths.insert(guarded.protectedPaths.end(), sourcePaths.begin(), sourcePaths.end());
  return writePng(path, result.fused, result.colour ? 8 : 16, pngProvenance(result, sourcePaths, anonymize).pngText(),
                  guarded);
}

std::vector<std::string> protectedSourcePaths(const std::vector<ImageMeta>& sources) {
  std::vector<std::string> paths;
  for (const auto& meta : sources) {
    if (meta.sourcePath.empty()) continue;
    paths.push_back(meta.sourcePath);
    if (meta.format == "dicom") {
      const fs::path parent = fs::path(meta.sourcePath).parent_path();
      paths.push_back(parent.empty() ? std::string(".") : parent.string());
    }
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

Expected<ExportReport> exportFusedDicom(const std::vector<FusionResult>& results,
                                        const std::vector<ImageMeta>& sourcesA, const std::vector<ImageMeta>& sourcesB,
                                        const std::string& path, bool anonymize, const OutputPolicy& policy) {
  if (results.empty()) return fail(ErrorCode::InvalidArgument, "nothing to export", path);
  if (sourcesA.size() != results.size() || sourcesB.size() != results.size()) {
    return fail(ErrorCode::InvalidArgument, "one source pair is needed per fused image", path);
  }
  ExportReport report;
  const ImageMeta& a = sourcesA.front();
  const ImageMeta& b = sourcesB.front();
  if (!a.identity.patientId.empty() && !b.identity.patientId.empty() && a.identity.patientId != b.identity.patientId) {
    report.notes.push_back("the two sources have different PatientIDs; the export belongs to A's patient and study");
  }
  if (a.identity.studyInstanceUid.empty()) {
    report.notes.push_back("source A is not DICOM: the export starts a new study without patient data");
  }
  std::vector<DerivedImage> images;
  images.reserve(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) images.push_back({results[i].fused, {sourcesA[i], sourcesB[i]}});

  const Provenance provenance =
      provenanceOf(results.front(), {describeSource("A", a, anonymize), describeSource("B", b, anonymize)});
  DicomExportOptions options;
  options.anonymize = anonymize;
  const std::string modalityA = a.modality.empty() ? "A" : a.modality;
  const std::string modalityB = b.modality.empty() ? "B" : b.modality;
  options.seriesDescription = "EdgeFuse " + modalityA + "+" + modalityB + " fusion (research)";
  options.derivationDescription = provenance.summary() + ". " + joined(provenance.sources, "; ") + ".";
  std::string comments =
      "Fused image made by " + provenance.software + "; model " + provenance.modelName + " " + provenance.modelVersion +
      ", weights sha256 " + (provenance.weightsSha256.empty() ? "none" : provenance.weightsSha256) + ", strategy " +
      (provenance.strategy.empty() ? "none" : provenance.strategy) + ", normalisation " + provenance.normalization +
      ", device " + provenance.device + ", LibTorch " + provenance.torchVersion + ".";
  if (!anonymize) comments += " Created " + provenance.createdUtc + ".";
  for (const auto& note : report.notes) comments += " Note: " + note + ".";
  options.imageComments = comments;

  OutputPolicy guarded = policy;
  std::vector<ImageMeta> all = sourcesA;
  all.insert(all.end(), sourcesB.begin(), sourcesB.end());
  for (const auto& p : protectedSourcePaths(all)) guarded.protectedPaths.push_back(p);
  auto files = writeDerivedDicomSeries(path, images, options, guarded);
  if (!files) return tl::unexpected(files.error());
  report.files = std::move(*files);
  return report;
}

Expected<ExportReport> exportFusedPngSeries(const std::vector<FusionResult>& results,
                                            const std::vector<std::string>& sourcePaths, const std::string& path,
                                            const OutputPolicy& policy, bool anonymize) {
  if (results.empty()) return fail(ErrorCode::InvalidArgument, "nothing to export", path);
  OutputPolicy guarded = policy;
  guarded.protectedPaths.insert(guarded.protectedPaths.end(), sourcePaths.begin(), sourcePaths.end());
  static const std::regex ownFile("[0-9]{4,}\\.png");
  ExportReport report;
  auto ok = writeFolderAtomically(
      path, guarded, [](const std::string& name) { return std::regex_match(name, ownFile); },
      [&](const std::string& staging) -> Expected<void> {
        for (std::size_t i = 0; i < results.size(); ++i) {
          char name[32];
          std::snprintf(name, sizeof name, "%04zu.png", i + 1);
          const FusionResult& r = results[i];
          auto written = writePng((fs::path(staging) / name).string(), r.fused, r.colour ? 8 : 16,
                                  pngProvenance(r, sourcePaths, anonymize).pngText());
          if (!written) return written;
          report.files.push_back((fs::path(path) / name).string());
        }
        return {};
      });
  if (!ok) return tl::unexpected(ok.error());
  return report;
}

}  // namespace edgefuse
