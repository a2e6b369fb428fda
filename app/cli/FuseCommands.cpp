// SPDX-License-Identifier: GPL-3.0-or-later

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "CliOutput.h"
#include "Commands.h"
#include "core/base/AtomicFile.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"
#include "core/io/PngWriter.h"
#include "core/io/VolumeIO.h"
#include "core/metrics/MetricReport.h"
#include "core/pipeline/Evaluation.h"
#include "core/pipeline/Export.h"

namespace edgefuse::cli {
namespace {

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

int runFuse(int argc, char** argv) {
  ArgParser parser(
      "edgefuse-cli fuse --a A --b B --out OUT.png|OUT.dcm [options]",
      "Fuses an anatomical image A (MRI) with a second image B (CT, SPECT, PET, MRI) and writes the "
      "fused image (16-bit grey PNG, or 8-bit RGB for colour functional images) atomically. With an "
      "output ending in .dcm, writes a DICOM Secondary Capture in A's study. Two volumes (DICOM series "
      "or NIfTI) are fused slice by slice into a series folder named like OUT, or into one NIfTI volume on "
      "A's grid when OUT ends in .nii or .nii.gz. With --align other than "
      "none, B is first brought onto A's grid and the alignment gate refuses pairs that are not aligned well "
      "enough.");
  parser.option("a", "FILE|DIR", "Anatomical source: image, DICOM file, series folder or DICOMDIR (MRI)");
  parser.option("b", "FILE|DIR", "Second source (CT, SPECT, PET or another MRI sequence), same kinds");
  parser.option("out", "FILE", "Output (.png, or .dcm for DICOM; .nii or .nii.gz for a fused volume)");
  addFusionOptions(parser);
  addAlignOptions(parser);
  parser.flag("json", "Print a JSON description of the result (device, model, strategy, weights, timings)");
  parser.flag("no-overwrite", "Fail instead of replacing an existing output file");
  parser.flag("anonymize",
              "Remove patient identity: DICOM output by the PS3.15 basic profile; no output names a source file "
              "(file names often carry patient names), the sources are called A and B");
  parser.flag("classify",
              "Also classify A, B and the fused image with the tumour classifier (JSON: \"classification\")");
  parser.option("classifier", "NAME|DIR", "Classifier model for --classify", kDefaultClassifierName);
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  for (const char* required : {"a", "b", "out"}) {
    if (!parser.has(required)) {
      return reportError({ErrorCode::InvalidArgument, std::string("--") + required + " is required", ""}, json);
    }
  }
  const std::string out = parser.value("out");
  if (lowerExtension(out) != ".png" && lowerExtension(out) != ".dcm" && !isNiftiPath(out)) {
    return reportError({ErrorCode::UnsupportedFormat, "the output must be a .png, .dcm, .nii or .nii.gz file", out},
                       json);
  }
  auto config = engineConfigFrom(parser);
  if (!config) return reportError(config.error(), json);
  auto options = fusionOptionsFrom(parser);
  if (!options) return reportError(options.error(), json);
  auto alignOptions = alignOptionsFrom(parser);
  if (!alignOptions) return reportError(alignOptions.error(), json);
  OutputPolicy policy;
  policy.overwrite = !parser.has("no-overwrite");
  policy.protectedPaths = {parser.value("a"), parser.value("b")};
  // Refuse a bad output path before the (long) fusion, not after it.
  if (auto ok = checkOutputPath(out, policy); !ok) return reportError(ok.error(), json);
  auto seriesA = readImageSeries(parser.value("a"));
  if (!seriesA) return reportError(seriesA.error(), json);
  auto seriesB = readImageSeries(parser.value("b"));
  if (!seriesB) return reportError(seriesB.error(), json);
  if ((seriesA->size() > 1 || seriesB->size() > 1) && parser.has("classify")) {
    return reportError({ErrorCode::InvalidArgument, "--classify applies to single images, not to volumes", ""}, json);
  }
  auto aligned =
      alignInputs(std::move(*seriesA), std::move(*seriesB), *alignOptions, parser.has("force-unaligned"), json);
  if (!aligned) return reportError(aligned.error(), json);
  if (aligned->a.size() > 1 || aligned->b.size() > 1) {
    FuseVolumeRequest request{
        parser.value("a"), parser.value("b"), out, *config, *options, policy, parser.has("anonymize"), json,
        aligned->json};
    for (const auto& note : aligned->notes) aligned->a.slices.front().meta.notes.push_back("alignment: " + note);
    return runFuseVolume(aligned->a, aligned->b, request);
  }
  if (isNiftiPath(out)) {
    return reportError(
        {ErrorCode::UnsupportedFormat, "NIfTI output is for volumes; write a single fused image as .png or .dcm", out},
        json);
  }
  Image* a = &aligned->a.slices.front();
  Image* b = &aligned->b.slices.front();
  for (const auto& note : aligned->a.notes) a->meta.notes.push_back(note);
  for (const auto& note : aligned->b.notes) b->meta.notes.push_back(note);
  auto engine = Engine::create(*config);
  if (!engine) return reportError(engine.error(), json);
  auto result = (*engine)->fuse(*a, *b, *options);
  if (!result) return reportError(result.error(), json);
  for (const auto& note : a->meta.notes) result->notes.push_back("A: " + note);
  for (const auto& note : b->meta.notes) result->notes.push_back("B: " + note);
  for (const auto& note : aligned->notes) result->notes.push_back("alignment: " + note);
  // --classify: the tumour classifier on A, B and the fused image, before
  // anything is written, so that a missing classifier leaves no output.
  nlohmann::json classification;
  if (parser.has("classify")) {
    auto classified = classifyFusion(parser.value("classifier"), *a, *b, result->fused);
    if (!classified) return reportError(classified.error(), json);
    classification = std::move(*classified);
  }
  if (lowerExtension(out) == ".dcm") {
    auto written = exportFusedDicom({*result}, {a->meta}, {b->meta}, out, parser.has("anonymize"), policy);
    if (!written) return reportError(written.error(), json);
    for (const auto& note : written->notes) result->notes.push_back(note);
  } else if (auto written =
                 exportFusedPng(*result, out, {parser.value("a"), parser.value("b")}, policy, parser.has("anonymize"));
             !written) {
    return reportError(written.error(), json);
  }
  if (json) {
    nlohmann::json j = resultJson(*result);
    j["output"] = out;
    if (!aligned->json.is_null()) j["alignment"] = aligned->json;
    if (!classification.is_null()) j["classification"] = classification;
    std::cout << j.dump(2) << "\n";
  } else {
    for (const auto& note : result->notes) std::cerr << "note: " << note << "\n";
    for (const char* key : {"a", "b", "fused"}) {
      if (classification.is_null()) break;
      const auto& c = classification[key];
      std::cerr << "classification " << key << ": " << c["label"].get<std::string>() << " ("
                << c["probability"].get<double>() << ")"
                << (c["note"].get<std::string>().empty() ? "" : "; " + c["note"].get<std::string>()) << "\n";
    }
    std::cerr << "wrote " << out << " (" << result->device << ", " << static_cast<long>(result->totalMs + 0.5)
              << " ms)\n";
  }
  return 0;
}

int runDemo(int argc, char** argv) {
  ArgParser parser("edgefuse-cli demo [--out-dir DIR]",
                   "Writes the built-in digital head phantom (an MRI-like and a CT-like image of one synthetic "
                   "head) as PNG files and fuses them with the default model. Needs no data beyond EdgeFuse itself.");
  parser.option("out-dir", "DIR", "Folder for phantom_mri.png, phantom_ct.png and phantom_fused.png", "edgefuse-demo");
  parser.option("size", "N", "Phantom size in pixels", "256");
  addFusionOptions(parser);
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const std::filesystem::path dir = parser.value("out-dir");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return reportError({ErrorCode::WriteFailed, "cannot create the folder: " + ec.message(), dir.string()}, false);
  int size = 256;
  try {
    size = std::stoi(parser.value("size"));
  } catch (const std::exception&) {
    return reportError({ErrorCode::InvalidArgument, "--size needs a whole number", ""}, false);
  }
  if (size < 32 || size > 1024) return reportError({ErrorCode::InvalidArgument, "--size must be 32..1024", ""}, false);
  const PhantomPair phantom = makeHeadPhantom(size);
  const std::string mriPath = (dir / "phantom_mri.png").string(), ctPath = (dir / "phantom_ct.png").string();
  // The MRI as 8-bit, the CT as 16-bit PNG of HU + 1024 over 0..4095.
  Image mriUnit = phantom.mri, ctUnit = phantom.ct;
  for (float& v : mriUnit.pixels) v /= 255.0f;
  for (float& v : ctUnit.pixels) v = std::clamp((v + 1024.0f) / 4095.0f, 0.0f, 1.0f) * (4095.0f / 65535.0f);
  if (auto w = writePng(mriPath, mriUnit, 8); !w) return reportError(w.error(), false);
  if (auto w = writePng(ctPath, ctUnit, 16); !w) return reportError(w.error(), false);
  auto config = engineConfigFrom(parser);
  if (!config) return reportError(config.error(), false);
  auto options = fusionOptionsFrom(parser);
  if (!options) return reportError(options.error(), false);
  auto engine = Engine::create(*config);
  if (!engine) return reportError(engine.error(), false);
  auto a = readImage(mriPath), b = readImage(ctPath);
  if (!a || !b) return reportError(!a ? a.error() : b.error(), false);
  auto result = (*engine)->fuse(*a, *b, *options);
  if (!result) return reportError(result.error(), false);
  const std::string fusedPath = (dir / "phantom_fused.png").string();
  if (auto w = exportFusedPng(*result, fusedPath, {mriPath, ctPath}, {}); !w) return reportError(w.error(), false);
  for (const auto& note : result->notes) std::cout << "note: " << note << "\n";
  std::cout << "EdgeFuse demo: fused the digital head phantom with " << result->model << " (" << result->strategy
            << ") on " << result->device << " in " << static_cast<long>(result->totalMs + 0.5) << " ms\n  " << mriPath
            << "\n  " << ctPath << "\n  " << fusedPath << "\n";
  return 0;
}

int runEval(int argc, char** argv) {
  ArgParser parser("edgefuse-cli eval --a DIR_A --b DIR_B --json REPORT.json [options]",
                   "Fuses every pair of two folders (matched by file name) and writes a JSON report with the "
                   "time and quality metrics of each pair and their means. Progress goes to stderr. With --align "
                   "other than none, each B is first brought onto its A; pairs the alignment gate refuses are "
                   "listed under \"refused\" and not fused, unless --force-unaligned.");
  parser.option("a", "DIR", "Folder of anatomical images (MRI)");
  parser.option("b", "DIR", "Folder of second images, same file names");
  parser.option("json", "FILE", "Where to write the JSON report");
  parser.option("out-dir", "DIR", "Also write each fused image here as PNG");
  parser.option("cases", "LIST",
                "Only the pairs of these comma-separated case numbers (AANLIB names: 2004.png is case 2), e.g. "
                "a model's held-out validation cases");
  addFusionOptions(parser);
  addAlignOptions(parser);
  parser.flag("full-precision-metrics",
              "Also compute FMI, VIF and Qabf on the full-precision fused images (the \"_float\" keys)");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  for (const char* required : {"a", "b", "json"}) {
    if (!parser.has(required)) {
      return reportError({ErrorCode::InvalidArgument, std::string("--") + required + " is required", ""}, false);
    }
  }
  auto config = engineConfigFrom(parser);
  if (!config) return reportError(config.error(), false);
  auto options = fusionOptionsFrom(parser);
  if (!options) return reportError(options.error(), false);
  EvaluationConfig eval;
  eval.folderA = parser.value("a");
  eval.folderB = parser.value("b");
  eval.outDir = parser.value("out-dir");
  eval.options = *options;
  eval.policy.protectedPaths = {eval.folderA, eval.folderB};
  auto align = alignOptionsFrom(parser);
  if (!align) return reportError(align.error(), false);
  eval.align = *align;
  eval.forceUnaligned = parser.has("force-unaligned");
  if (parser.has("cases")) {
    std::stringstream list(parser.value("cases"));
    std::string item;
    while (std::getline(list, item, ',')) {
      try {
        eval.cases.push_back(std::stoi(item));
      } catch (const std::exception&) {
        return reportError({ErrorCode::InvalidArgument, "--cases needs comma-separated case numbers", ""}, false);
      }
    }
  }
  // Every metric of core/metrics on the normalised inputs and the fused grey/Y image.
  MetricOptions metricOptions;
  metricOptions.fullPrecision = parser.has("full-precision-metrics");
  eval.metrics = [metricOptions](const FusionResult& r) -> Expected<MetricValues> {
    auto report = computeMetrics(r.inputA, r.inputB, r.fusedLuma, metricOptions);
    if (!report) return tl::unexpected(report.error());
    return report->values;
  };
  const std::string reportPath = parser.value("json");
  if (auto ok = checkOutputPath(reportPath, eval.policy); !ok) return reportError(ok.error(), false);
  auto engine = Engine::create(*config);
  if (!engine) return reportError(engine.error(), false);
  auto report = runEvaluation(**engine, eval, [](const std::string& line) { std::cerr << line << "\n"; });
  if (!report) return reportError(report.error(), false);
  for (const auto& name : report->unmatched) std::cerr << "note: no partner for " << name << ", skipped\n";
  for (const auto& r : report->refused) std::cerr << "note: " << r.name << " not fused: " << r.reason << "\n";
  if (auto written = writeFileAtomically(reportPath, report->toJson(), eval.policy); !written) {
    return reportError(written.error(), false);
  }
  std::cerr << "wrote " << reportPath << " (" << report->pairs.size() << " pairs, "
            << static_cast<long>(report->msPerPairMean + 0.5) << " ms per pair on " << report->device << ")\n";
  return 0;
}

}  // namespace edgefuse::cli
