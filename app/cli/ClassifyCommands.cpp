// SPDX-License-Identifier: GPL-3.0-or-later

#include <filesystem>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <tuple>

#include "CliOutput.h"
#include "Commands.h"
#include "core/base/AtomicFile.h"
#include "core/base/Version.h"
#include "core/classify/Classifier.h"
#include "core/classify/SaliencyOverlay.h"
#include "core/io/ImageReader.h"
#include "core/io/PngWriter.h"
#include "core/io/Provenance.h"

namespace edgefuse::cli {
namespace {

std::string lowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// With one image the overlay goes to OUT.png; with several, to
// OUT-<image stem>.png beside it (numbered when stems repeat).
std::string camPathFor(const std::string& camOption, const std::string& image, std::size_t index, std::size_t count,
                       bool stemsRepeat) {
  if (count == 1) return camOption;
  const std::filesystem::path out(camOption);
  std::string stem = out.stem().string() + "-" + std::filesystem::path(image).stem().string();
  if (stemsRepeat) stem += "-" + std::to_string(index + 1);
  return (out.parent_path() / (stem + ".png")).string();
}

std::string probabilityLine(const Classification& c) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3);
  for (std::size_t i = 0; i < c.probabilities.size(); ++i) {
    out << (i ? "  " : "") << c.probabilities[i].label << " " << c.probabilities[i].probability;
  }
  return out.str();
}

}  // namespace

nlohmann::json classificationJson(const Classification& c) {
  nlohmann::json j;
  j["label"] = c.label;
  j["probability"] = c.probability;
  nlohmann::json probabilities = nlohmann::json::object();
  for (const auto& p : c.probabilities) probabilities[p.label] = p.probability;
  j["probabilities"] = probabilities;
  nlohmann::json labels = nlohmann::json::array();  // the model's order (JSON objects have none)
  for (const auto& p : c.probabilities) labels.push_back(p.label);
  j["labels"] = labels;
  j["model"] = c.model;
  j["kind"] = imageKindName(c.kind);
  j["out_of_distribution"] = c.outOfDistribution;
  j["note"] = c.note;
  j["no_structure"] = c.noStructure;
  j["neighbour_correlation"] =
      c.neighbourCorrelation ? nlohmann::json(*c.neighbourCorrelation) : nlohmann::json(nullptr);
  j["notes"] = c.notes;
  j["ms"] = c.ms;
  return j;
}

Expected<nlohmann::json> classifyFusion(const std::string& modelSpec, const Image& a, const Image& b,
                                        const Image& fused) {
  ClassifierConfig config;
  config.model = modelSpec;
  auto classifier = Classifier::load(config);
  if (!classifier) return tl::unexpected(classifier.error());
  nlohmann::json j;
  const auto& model = (*classifier)->model();
  j["model"] = {{"name", model.name}, {"version", model.version}, {"sha256", model.sha256}};
  // B is a second MRI sequence when its DICOM modality says so; otherwise CT, SPECT or PET.
  const ImageKind kindB = b.meta.modality == "MR" ? ImageKind::MriSource : ImageKind::OtherSource;
  for (const auto& [key, image, kind] : {std::tuple{"a", &a, ImageKind::MriSource}, std::tuple{"b", &b, kindB},
                                         std::tuple{"fused", &fused, ImageKind::Fused}}) {
    ClassifyOptions options;
    options.kind = kind;
    auto result = (*classifier)->classify(*image, options);
    if (!result) return tl::unexpected(result.error());
    j[key] = classificationJson(*result);
  }
  return j;
}

int runClassify(int argc, char** argv) {
  ArgParser parser(
      "edgefuse-cli classify IMAGE... [--model NAME|DIR] [--json] [--cam OUT.png] [options]",
      "Classifies each image with the brain-tumour classifier (or a plug-in classifier folder) and prints the "
      "probability of every class, the model, and a note when the image lies outside the model's training "
      "distribution (the shipped model was trained on single MRI slices). Reads PNG, JPEG, TIFF, BMP and DICOM.");
  parser.positional("IMAGE", "Image file(s) to classify", true);
  parser.option("model", "NAME|DIR", "Classifier: a shipped model name or a model folder with model.json",
                kDefaultClassifierName);
  parser.option("kind", "KIND",
                "What the images are: mri | ct | spect | pet | fused | unknown (unknown: the DICOM modality "
                "decides when there is one)",
                "unknown");
  parser.option("cam", "OUT.png",
                "Write the Grad-CAM saliency overlay of the predicted class as PNG (atomically); with several "
                "images, OUT-<image name>.png each");
  parser.option("threads", "N", "CPU threads (0 = all cores; one is fastest for the shipped model)", "1");
  parser.flag("json", "Print a JSON array with one object per image");
  parser.flag("no-overwrite", "Fail instead of replacing an existing --cam file");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return reportError(ok.error(), false);
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  const bool json = parser.has("json");
  auto kind = parseImageKind(parser.value("kind"));
  if (!kind) return reportError(kind.error(), json);
  ClassifierConfig config;
  config.model = parser.value("model");
  try {
    config.threads = std::stoi(parser.value("threads"));
  } catch (const std::exception&) {
    return reportError({ErrorCode::InvalidArgument, "--threads needs a whole number", ""}, json);
  }
  const auto& images = parser.positionals();
  OutputPolicy policy;
  policy.overwrite = !parser.has("no-overwrite");
  policy.protectedPaths = images;
  const bool cam = parser.has("cam");
  std::vector<std::string> camPaths;
  if (cam) {
    if (lowerExtension(parser.value("cam")) != ".png") {
      return reportError({ErrorCode::UnsupportedFormat, "--cam must name a .png file", parser.value("cam")}, json);
    }
    std::set<std::string> stems;
    bool stemsRepeat = false;
    for (const auto& image : images) stemsRepeat |= !stems.insert(std::filesystem::path(image).stem().string()).second;
    for (std::size_t i = 0; i < images.size(); ++i) {
      camPaths.push_back(camPathFor(parser.value("cam"), images[i], i, images.size(), stemsRepeat));
      // Refuse a bad output path before classifying anything.
      if (auto ok = checkOutputPath(camPaths.back(), policy); !ok) return reportError(ok.error(), json);
    }
  }
  auto classifier = Classifier::load(config);
  if (!classifier) return reportError(classifier.error(), json);

  nlohmann::json results = nlohmann::json::array();
  int exitCode = 0;
  for (std::size_t i = 0; i < images.size(); ++i) {
    const std::string& file = images[i];
    auto image = readImage(file);
    Expected<Classification> result =
        image ? (*classifier)->classify(*image, ClassifyOptions{*kind, cam}) : tl::unexpected(image.error());
    if (result && cam) {
      auto overlay = saliencyOverlay(*image, *result->saliency);
      if (!overlay) {
        result = tl::unexpected(overlay.error());
      } else {
        Provenance provenance;
        provenance.software = std::string("EdgeFuse ") + kVersion;
        provenance.modelName = result->modelName;
        provenance.modelVersion = result->modelVersion;
        provenance.weightsSha256 = result->modelSha256;
        provenance.method = "grad-cam overlay of '" + result->label + "'";
        provenance.device = result->device;
        provenance.torchVersion = libtorchVersion();
        provenance.sources = {std::filesystem::path(file).filename().string()};
        provenance.createdUtc = utcNowIso8601();
        provenance.notes = {"saliency: " + result->saliencyMethod + " of the predicted class; research use only"};
        if (auto written = writePng(camPaths[i], *overlay, 8, provenance.pngText(), policy); !written) {
          result = tl::unexpected(written.error());
        }
      }
    }
    if (!result) {
      Error error = result.error();
      if (error.context.empty()) error.context = file;
      std::cerr << "edgefuse-cli: error: " << error.describe() << "\n";
      if (exitCode == 0) exitCode = exitCodeFor(error.code);
      results.push_back({{"file", file},
                         {"error",
                          {{"code", errorCodeName(error.code)},
                           {"message", error.message},
                           {"context", error.context},
                           {"exit_code", exitCodeFor(error.code)}}}});
      continue;
    }
    if (image) {
      for (const auto& note : image->meta.notes) result->notes.push_back("reading: " + note);
    }
    nlohmann::json j = classificationJson(*result);
    j["file"] = file;
    if (cam) {
      j["cam"] = camPaths[i];
      j["saliency_method"] = result->saliencyMethod;
    }
    results.push_back(j);
    if (!json) {
      std::cout << file << ": " << result->label << " (" << std::fixed << std::setprecision(3) << result->probability
                << ")  [" << probabilityLine(*result) << "]  " << result->model << "\n";
      if (!result->note.empty()) std::cout << "  note: " << result->note << "\n";
      for (const auto& note : result->notes) std::cerr << "  " << file << ": " << note << "\n";
      if (cam) std::cerr << "  wrote " << camPaths[i] << "\n";
    }
  }
  if (json) std::cout << results.dump(2) << "\n";
  return exitCode;
}

}  // namespace edgefuse::cli
