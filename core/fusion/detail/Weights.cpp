// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/fusion/detail/Weights.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/base/Sha256.h"
#include "core/base/Version.h"
#include "core/weights/detail/TensorFile.h"

namespace edgefuse::detail {

Expected<std::map<std::string, at::Tensor>> loadTensorDict(const std::string& path) {
  auto file = readTensorFile(path);
  if (!file) return tl::unexpected(file.error());
  // Entries that are not tensors (metadata, counters) are ignored: the
  // architecture check names any tensor that is missing.
  return std::move(file->tensors);
}

Expected<void> saveTensorDict(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                              const OutputPolicy& policy) {
  c10::impl::GenericDict dict(c10::StringType::get(), c10::TensorType::get());
  for (const auto& [key, tensor] : tensors) dict.insert(key, tensor.detach().cpu().contiguous());
  std::vector<char> bytes;
  try {
    bytes = torch::jit::pickle_save(c10::IValue(dict));
  } catch (const std::exception& e) {
    return fail(ErrorCode::Internal, std::string("cannot serialise the weights: ") + e.what(), path);
  }
  return writeFileAtomically(path, std::string_view(bytes.data(), bytes.size()), policy);
}

Expected<FusionNetwork> loadNetwork(const ModelInfo& model) {
  auto tensors = loadTensorDict(model.weightsPath);
  if (!tensors) return tl::unexpected(tensors.error());
  auto arch = parseArchitecture(model.architecture);
  if (!arch) return tl::unexpected(arch.error());
  auto detected = detectArchitecture(*tensors);
  if (!detected) return tl::unexpected(Error{detected.error().code, detected.error().message, model.weightsPath});
  if (*detected != *arch) {
    return fail(ErrorCode::ModelInvalid,
                std::string("model.json says ") + architectureName(*arch) + " but the weights are " +
                    architectureName(*detected),
                model.weightsPath);
  }
  auto valid = validateTensors(*arch, *tensors, model.weightsPath);
  if (!valid) return tl::unexpected(valid.error());
  return FusionNetwork(*arch, std::move(*valid));
}

Expected<std::string> saveModelFolder(const std::string& dir, const FusionNetwork& network, const ModelCard& card) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the model folder: " + ec.message(), dir);
  const std::string weightsPath = (std::filesystem::path(dir) / "weights.pt").string();
  if (auto saved = saveTensorDict(weightsPath, network.tensors()); !saved) return tl::unexpected(saved.error());
  auto sha = sha256OfFile(weightsPath);
  if (!sha) return tl::unexpected(sha.error());
  nlohmann::json manifest;
  try {
    manifest = nlohmann::json::parse(card.extraJson);
  } catch (const std::exception& e) {
    return fail(ErrorCode::InvalidArgument, std::string("model card fields are not valid JSON: ") + e.what());
  }
  manifest["format"] = "edgefuse-fusion-model";
  manifest["format_version"] = 1;
  manifest["name"] = card.name;
  manifest["version"] = card.version;
  manifest["architecture"] = architectureName(network.architecture());
  manifest["description"] = card.description;
  manifest["bn_mode"] = bnModeName(card.bnMode);
  manifest["normalization"] = normalizationName(card.normalization);
  manifest["weights"] = "weights.pt";
  manifest["sha256"] = *sha;
  manifest["software"] = std::string("EdgeFuse ") + kVersion;
  const std::string text = manifest.dump(2) + "\n";
  if (auto written = writeFileAtomically((std::filesystem::path(dir) / "model.json").string(), text); !written) {
    return tl::unexpected(written.error());
  }
  return *sha;
}

}  // namespace edgefuse::detail
