// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/ClassifierModel.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/base/AtomicFile.h"
#include "core/base/Paths.h"
#include "core/base/Sha256.h"

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

constexpr int kMinInputSide = 8;
constexpr int kMaxInputSide = 1024;

using Json = nlohmann::json;

Error manifestError(const std::string& message, const std::string& manifestPath) {
  return Error{ErrorCode::ModelInvalid, "model.json: " + message, manifestPath};
}

Expected<std::string> requiredString(const Json& j, const char* key, const std::string& manifestPath) {
  if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
    return tl::unexpected(
        manifestError(std::string("the string field '") + key + "' is missing or empty", manifestPath));
  }
  return j[key].get<std::string>();
}

Expected<int> requiredInt(const Json& j, const char* key, const char* object, const std::string& manifestPath) {
  if (!j.contains(key) || !j[key].is_number_integer()) {
    return tl::unexpected(
        manifestError(std::string("'") + object + "." + key + "' must be a whole number", manifestPath));
  }
  return j[key].get<int>();
}

// A number or an array of one number per channel.
Expected<std::vector<float>> perChannel(const Json& j, const char* key, int channels, float fallback,
                                        const std::string& manifestPath) {
  if (!j.contains(key)) return std::vector<float>(static_cast<std::size_t>(channels), fallback);
  const Json& v = j[key];
  if (v.is_number()) return std::vector<float>(static_cast<std::size_t>(channels), v.get<float>());
  if (v.is_array() && static_cast<int>(v.size()) == channels &&
      std::all_of(v.begin(), v.end(), [](const Json& x) { return x.is_number(); })) {
    std::vector<float> out;
    for (const auto& x : v) out.push_back(x.get<float>());
    return out;
  }
  return tl::unexpected(manifestError(std::string("'preprocessing.") + key + "' must be a number or an array of " +
                                          std::to_string(channels) + " numbers (one per input channel)",
                                      manifestPath));
}

std::string kindsPhrase(const std::vector<ImageKind>& kinds) {
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (i > 0) out += i + 1 == kinds.size() ? " and " : ", ";
    switch (kinds[i]) {
      case ImageKind::MriSource:
        out += "single MRI slices";
        break;
      case ImageKind::OtherSource:
        out += "CT, SPECT or PET images";
        break;
      case ImageKind::Fused:
        out += "fused images";
        break;
      case ImageKind::Unknown:
        out += "unspecified images";
        break;
    }
  }
  return out;
}

const char* kindPhrase(ImageKind kind) {
  switch (kind) {
    case ImageKind::MriSource:
      return "an MRI slice";
    case ImageKind::OtherSource:
      return "a CT, SPECT or PET image";
    case ImageKind::Fused:
      return "a fused image";
    case ImageKind::Unknown:
      break;
  }
  return "an image of unknown kind";
}

}  // namespace

Expected<ClassifierModelInfo> parseClassifierManifest(const std::string& manifestText, const std::string& dir) {
  const std::string manifestPath = (fs::path(dir) / "model.json").string();
  Json m;
  try {
    m = Json::parse(manifestText);
  } catch (const std::exception& e) {
    return tl::unexpected(manifestError(std::string("not valid JSON: ") + e.what(), manifestPath));
  }
  if (!m.is_object()) return tl::unexpected(manifestError("the top level must be an object", manifestPath));
  if (m.value("format", std::string()) != "edgefuse-classifier-model") {
    return tl::unexpected(manifestError(
        "'format' must be \"edgefuse-classifier-model\" (this folder holds no EdgeFuse classifier)", manifestPath));
  }
  if (m.contains("format_version") && m["format_version"] != 1) {
    return tl::unexpected(manifestError("unsupported 'format_version' (this EdgeFuse reads version 1)", manifestPath));
  }
  ClassifierModelInfo info;
  info.path = dir;
  info.manifestJson = manifestText;
  for (auto [key, target] : {std::pair{"name", &info.name}, std::pair{"version", &info.version},
                             std::pair{"architecture", &info.architecture}, std::pair{"sha256", &info.sha256}}) {
    auto value = requiredString(m, key, manifestPath);
    if (!value) return tl::unexpected(value.error());
    *target = *value;
  }
  if (info.architecture != "resnet-small" && info.architecture != "torchscript") {
    return tl::unexpected(manifestError(
        "unknown 'architecture' \"" + info.architecture + "\" (expected \"resnet-small\" or \"torchscript\")",
        manifestPath));
  }
  if (info.sha256.size() != 64 || !std::all_of(info.sha256.begin(), info.sha256.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    return tl::unexpected(manifestError("'sha256' must be 64 lowercase hex digits", manifestPath));
  }
  auto weights = requiredString(m, "weights", manifestPath);
  if (!weights) return tl::unexpected(weights.error());
  const fs::path weightsName(*weights);
  if (weightsName.is_absolute() || weightsName.lexically_normal().string().rfind("..", 0) == 0) {
    return tl::unexpected(manifestError("'weights' must name a file inside the model folder", manifestPath));
  }
  info.weightsPath = (fs::path(dir) / weightsName).string();
  info.description = m.value("description", std::string());

  // Labels: the network's outputs, in order.
  if (!m.contains("labels") || !m["labels"].is_array() || m["labels"].empty()) {
    return tl::unexpected(
        manifestError("'labels' is missing: it must list the class names in the order of the outputs", manifestPath));
  }
  std::set<std::string> seen;
  for (const auto& label : m["labels"]) {
    if (!label.is_string() || label.get<std::string>().empty()) {
      return tl::unexpected(manifestError("every entry of 'labels' must be a non-empty string", manifestPath));
    }
    if (!seen.insert(label.get<std::string>()).second) {
      return tl::unexpected(manifestError("'labels' names \"" + label.get<std::string>() + "\" twice", manifestPath));
    }
    info.labels.push_back(label.get<std::string>());
  }
  if (info.labels.size() < 2) return tl::unexpected(manifestError("'labels' needs at least two classes", manifestPath));

  // Input shape.
  if (!m.contains("input") || !m["input"].is_object()) {
    return tl::unexpected(manifestError("'input' {\"width\", \"height\", \"channels\"} is missing", manifestPath));
  }
  ClassifierPreprocessing& p = info.preprocessing;
  for (auto [key, target] : {std::pair{"width", &p.inputWidth}, std::pair{"height", &p.inputHeight},
                             std::pair{"channels", &p.inputChannels}}) {
    auto value = requiredInt(m["input"], key, "input", manifestPath);
    if (!value) return tl::unexpected(value.error());
    *target = *value;
  }
  if (p.inputWidth < kMinInputSide || p.inputHeight < kMinInputSide || p.inputWidth > kMaxInputSide ||
      p.inputHeight > kMaxInputSide) {
    return tl::unexpected(manifestError("'input' width and height must be " + std::to_string(kMinInputSide) + ".." +
                                            std::to_string(kMaxInputSide) + " pixels",
                                        manifestPath));
  }
  if (p.inputChannels != 1 && p.inputChannels != 3) {
    return tl::unexpected(manifestError("'input.channels' must be 1 (grey) or 3 (RGB)", manifestPath));
  }

  // Preprocessing.
  const Json pre = m.value("preprocessing", Json::object());
  if (!pre.is_object()) return tl::unexpected(manifestError("'preprocessing' must be an object", manifestPath));
  const std::string intensity = pre.value("intensity", std::string("minmax"));
  if (intensity == "minmax") {
    p.intensity = Normalization::MinMax;
  } else if (intensity == "range") {
    p.intensity = Normalization::Range;
  } else {
    return tl::unexpected(manifestError(
        "'preprocessing.intensity' must be \"minmax\" or \"range\", not \"" + intensity + "\"", manifestPath));
  }
  if (pre.value("resize", std::string("fit-pad")) != "fit-pad") {
    return tl::unexpected(manifestError(
        "'preprocessing.resize' must be \"fit-pad\" (resize with the aspect ratio kept, then pad)", manifestPath));
  }
  if (pre.contains("pad_value") && !pre["pad_value"].is_number()) {
    return tl::unexpected(manifestError("'preprocessing.pad_value' must be a number", manifestPath));
  }
  p.padValue = pre.value("pad_value", 0.0f);
  auto mean = perChannel(pre, "mean", p.inputChannels, 0.0f, manifestPath);
  if (!mean) return tl::unexpected(mean.error());
  auto stdev = perChannel(pre, "std", p.inputChannels, 1.0f, manifestPath);
  if (!stdev) return tl::unexpected(stdev.error());
  if (std::any_of(stdev->begin(), stdev->end(), [](float s) { return !(s > 0.0f); })) {
    return tl::unexpected(manifestError("'preprocessing.std' must be positive", manifestPath));
  }
  p.mean = *mean;
  p.std = *stdev;

  const std::string output = m.value("output", std::string("logits"));
  if (output != "logits" && output != "probabilities") {
    return tl::unexpected(manifestError("'output' must be \"logits\" or \"probabilities\"", manifestPath));
  }
  info.outputsProbabilities = output == "probabilities";

  // Saliency: Grad-CAM needs the network split into features and head.
  const Json sal = m.value("saliency", Json::object());
  const bool hasSplit = sal.contains("features_method") && sal.contains("head_method");
  std::string defaultMethod = info.architecture == "resnet-small" || hasSplit ? "grad-cam" : "input-gradient";
  info.saliencyMethod = sal.value("method", defaultMethod);
  if (info.saliencyMethod != "grad-cam" && info.saliencyMethod != "input-gradient") {
    return tl::unexpected(manifestError("'saliency.method' must be \"grad-cam\" or \"input-gradient\"", manifestPath));
  }
  if (info.saliencyMethod == "grad-cam" && info.architecture == "torchscript" && !hasSplit) {
    return tl::unexpected(manifestError(
        "Grad-CAM of a TorchScript model needs 'saliency.features_method' and 'saliency.head_method' (the module's "
        "methods that compute the last feature maps and the logits from them); or set 'saliency.method' to "
        "\"input-gradient\"",
        manifestPath));
  }

  // Training domain, for the out-of-distribution note.
  const Json data = m.value("training_data", Json::object());
  if (data.contains("image_kinds")) {
    if (!data["image_kinds"].is_array()) {
      return tl::unexpected(manifestError("'training_data.image_kinds' must be an array", manifestPath));
    }
    for (const auto& k : data["image_kinds"]) {
      auto kind = k.is_string() ? parseImageKind(k.get<std::string>()) : fail(ErrorCode::InvalidArgument, "");
      if (!kind || *kind == ImageKind::Unknown) {
        return tl::unexpected(manifestError(
            "'training_data.image_kinds' entries must be \"mri\", \"ct-spect-pet\" or \"fused\"", manifestPath));
      }
      info.trainedOn.push_back(*kind);
    }
  }
  info.trainingSummary = data.value("description", std::string());

  if (m.contains("model_card")) {
    if (!m["model_card"].is_string()) {
      return tl::unexpected(manifestError("'model_card' must be a file name", manifestPath));
    }
    info.modelCardPath = (fs::path(dir) / m["model_card"].get<std::string>()).string();
  }
  return info;
}

Expected<ClassifierModelInfo> resolveClassifierModel(const std::string& spec) {
  std::error_code ec;
  fs::path dir;
  if (spec.empty() || (!fs::exists(spec, ec) && spec.find('/') == std::string::npos)) {
    const std::string name = spec.empty() ? kDefaultClassifierName : spec;
    const auto shipped = findShippedModel(name);
    if (!shipped) {
      return fail(ErrorCode::ModelNotFound,
                  "no classifier model named '" + name +
                      "' (looked in $EDGEFUSE_DATA_DIR, the installation and resources/models)");
    }
    dir = *shipped;
  } else {
    dir = spec;
    if (!fs::exists(dir, ec)) return fail(ErrorCode::ModelNotFound, "the classifier model folder does not exist", spec);
    if (!fs::is_directory(dir, ec)) {
      return fail(ErrorCode::ModelInvalid,
                  "a classifier model is a folder with model.json and the weights, not a single file", spec);
    }
    if (!fs::exists(dir / "model.json", ec)) {
      return fail(ErrorCode::ModelInvalid, "the folder has no model.json", spec);
    }
  }
  auto text = readFile((dir / "model.json").string());
  if (!text) return tl::unexpected(text.error());
  auto info = parseClassifierManifest(*text, dir.string());
  if (!info) return info;
  if (!fs::is_regular_file(info->weightsPath, ec)) {
    return fail(ErrorCode::ModelInvalid, "the weights file named in model.json is missing", info->weightsPath);
  }
  auto actual = sha256OfFile(info->weightsPath);
  if (!actual) return tl::unexpected(actual.error());
  if (*actual != info->sha256) {
    return fail(ErrorCode::ChecksumMismatch,
                "weights checksum mismatch: model.json says " + info->sha256 + ", the file has " + *actual,
                info->weightsPath);
  }
  if (!info->modelCardPath.empty() && !fs::is_regular_file(info->modelCardPath, ec)) {
    return fail(ErrorCode::ModelInvalid, "the model card named in model.json is missing", info->modelCardPath);
  }
  return info;
}

DistributionCheck checkDistribution(const ClassifierModelInfo& model, ImageKind kind, const std::string& dicomModality,
                                    bool colour) {
  DistributionCheck check;
  check.kind = kind;
  if (kind == ImageKind::Unknown) {
    if (dicomModality == "MR") check.kind = ImageKind::MriSource;
    if (dicomModality == "CT" || dicomModality == "PT" || dicomModality == "NM") check.kind = ImageKind::OtherSource;
  }
  if (model.trainedOn.empty()) {
    check.note = "model.json does not say which kinds of image this model was trained on";
    return check;
  }
  const std::string trained = kindsPhrase(model.trainedOn);
  const bool trainedOnMri =
      std::find(model.trainedOn.begin(), model.trainedOn.end(), ImageKind::MriSource) != model.trainedOn.end();
  if (check.kind == ImageKind::Unknown) {
    if (colour && trainedOnMri && model.trainedOn.size() == 1) {
      check.outOfDistribution = true;
      check.note =
          "a colour image is not a single MRI slice: outside this model's training distribution (it was "
          "trained on " +
          trained + " only); the probabilities may not mean what they say";
    } else {
      check.note = "the kind of image was not stated: this model was trained on " + trained +
                   " only, and its result on anything else is outside its training distribution";
    }
    return check;
  }
  if (std::find(model.trainedOn.begin(), model.trainedOn.end(), check.kind) == model.trainedOn.end()) {
    check.outOfDistribution = true;
    check.note = std::string(kindPhrase(check.kind)) +
                 " is outside this model's training distribution (it was trained on " + trained +
                 " only); the probabilities may not mean what they say";
  }
  return check;
}

}  // namespace edgefuse
