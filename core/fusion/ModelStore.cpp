// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/ModelStore.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/base/AtomicFile.h"
#include "core/base/Paths.h"
#include "core/base/Sha256.h"
#include "core/fusion/detail/Weights.h"

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

Expected<ModelInfo> resolveFolder(const fs::path& dir) {
  const fs::path manifestPath = dir / "model.json";
  auto text = readFile(manifestPath.string());
  if (!text) return tl::unexpected(text.error());
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(*text);
  } catch (const std::exception& e) {
    return fail(ErrorCode::ModelInvalid, std::string("model.json is not valid JSON: ") + e.what(),
                manifestPath.string());
  }
  auto field = [&](const char* key) -> Expected<std::string> {
    if (!manifest.contains(key) || !manifest[key].is_string()) {
      return fail(ErrorCode::ModelInvalid, std::string("model.json lacks the string field '") + key + "'",
                  manifestPath.string());
    }
    return manifest[key].get<std::string>();
  };
  if (auto format = field("format"); !format || *format != "edgefuse-fusion-model") {
    return fail(ErrorCode::ModelInvalid, "model.json is not an EdgeFuse fusion model (format)", manifestPath.string());
  }
  ModelInfo info;
  info.origin = "project";
  info.path = dir.string();
  info.manifestJson = *text;
  for (auto [key, target] : {std::pair{"name", &info.name}, std::pair{"version", &info.version},
                             std::pair{"architecture", &info.architecture}, std::pair{"sha256", &info.sha256}}) {
    auto value = field(key);
    if (!value) return tl::unexpected(value.error());
    *target = *value;
  }
  auto weightsName = field("weights");
  if (!weightsName) return tl::unexpected(weightsName.error());
  info.weightsPath = (dir / *weightsName).string();
  if (auto arch = detail::parseArchitecture(info.architecture); !arch) {
    return tl::unexpected(Error{arch.error().code, arch.error().message, manifestPath.string()});
  }
  if (manifest.contains("bn_mode")) {
    auto bn = parseBnMode(manifest["bn_mode"].get<std::string>());
    if (!bn) return tl::unexpected(Error{ErrorCode::ModelInvalid, bn.error().message, manifestPath.string()});
    info.bnMode = *bn;
  }
  if (manifest.contains("normalization")) {
    auto norm = parseNormalization(manifest["normalization"].get<std::string>());
    if (!norm) return tl::unexpected(Error{ErrorCode::ModelInvalid, norm.error().message, manifestPath.string()});
    info.normalization = *norm;
  }
  info.description = manifest.value("description", std::string());
  auto actual = sha256OfFile(info.weightsPath);
  if (!actual) {
    return fail(ErrorCode::ModelInvalid, "the weights file named in model.json is missing", info.weightsPath);
  }
  if (*actual != info.sha256) {
    return fail(ErrorCode::ChecksumMismatch,
                "weights checksum mismatch: model.json says " + info.sha256 + ", the file has " + *actual,
                info.weightsPath);
  }
  return info;
}

Expected<ModelInfo> resolveImportedFile(const fs::path& file, std::map<std::string, at::Tensor>* loaded) {
  auto tensors = detail::loadTensorDict(file.string());
  if (!tensors) return tl::unexpected(tensors.error());
  auto arch = detail::detectArchitecture(*tensors);
  if (!arch) return tl::unexpected(Error{arch.error().code, arch.error().message, file.string()});
  auto valid = detail::validateTensors(*arch, *tensors, file.string());
  if (!valid) return tl::unexpected(valid.error());
  if (loaded) *loaded = std::move(*valid);
  auto sha = sha256OfFile(file.string());
  if (!sha) return tl::unexpected(sha.error());
  ModelInfo info;
  info.origin = "imported";
  info.name = file.stem().string();
  info.version = "imported";
  info.architecture = detail::architectureName(*arch);
  info.path = file.string();
  info.weightsPath = file.string();
  info.sha256 = *sha;
  // The authors ran DILRAN on x/255 inputs without switching to eval mode
  // (BatchNorm on the image's own statistics); the edge-enhanced model's
  // inference script used eval mode and min-max inputs.
  if (*arch == detail::Architecture::DilranV5) {
    info.bnMode = BnMode::Batch;
    info.normalization = Normalization::Range;
    info.description = "DILRAN v5 weights imported from the authors' key layout";
  } else {
    info.bnMode = BnMode::Running;
    info.normalization = Normalization::MinMax;
    info.description = "EH-DRAN weights imported from the authors' key layout";
  }
  return info;
}

Expected<ModelInfo> resolve(const std::string& spec, std::map<std::string, at::Tensor>* loaded) {
  std::error_code ec;
  if (spec.empty() || (!fs::exists(spec, ec) && spec.find('/') == std::string::npos)) {
    const std::string name = spec.empty() ? kDefaultModelName : spec;
    const auto dir = findShippedModel(name);
    if (!dir) {
      return fail(ErrorCode::ModelNotFound,
                  "no model named '" + name + "' (looked in $EDGEFUSE_DATA_DIR, the installation and resources/)");
    }
    return resolveFolder(*dir);
  }
  const fs::path path(spec);
  if (!fs::exists(path, ec)) return fail(ErrorCode::ModelNotFound, "model path does not exist", spec);
  if (fs::is_directory(path, ec)) {
    if (!fs::exists(path / "model.json", ec)) {
      return fail(ErrorCode::ModelInvalid, "the folder has no model.json", spec);
    }
    return resolveFolder(path);
  }
  return resolveImportedFile(path, loaded);
}

}  // namespace

Expected<ModelInfo> resolveModel(const std::string& spec) {
  return resolve(spec, nullptr);
}

namespace detail {

Expected<std::pair<ModelInfo, FusionNetwork>> loadModel(const std::string& spec) {
  std::map<std::string, at::Tensor> tensors;
  auto info = resolve(spec, &tensors);
  if (!info) return tl::unexpected(info.error());
  if (!tensors.empty()) {  // an imported file: already read and validated once
    auto arch = parseArchitecture(info->architecture);
    return std::pair<ModelInfo, FusionNetwork>(*info, FusionNetwork(*arch, std::move(tensors)));
  }
  auto network = loadNetwork(*info);
  if (!network) return tl::unexpected(network.error());
  return std::pair<ModelInfo, FusionNetwork>(*info, std::move(*network));
}

}  // namespace detail
}  // namespace edgefuse
