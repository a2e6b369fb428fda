// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <map>
#include <string>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/fusion/ModelStore.h"
#include "core/fusion/detail/Network.h"

namespace edgefuse::detail {

/// The tensors of a weights file: a `torch.save`d state_dict (OrderedDict)
/// or plain dict, or a `torch::pickle_save`d dict, on the CPU whatever
/// device it was saved from (see readTensorFile); entries that are not
/// tensors are ignored. Clear errors for a missing, truncated or foreign file.
Expected<std::map<std::string, at::Tensor>> loadTensorDict(const std::string& path);

/// Writes a dict of tensors with torch::pickle_save, atomically.
Expected<void> saveTensorDict(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                              const OutputPolicy& policy = {});

/// Loads and validates the network of a resolved model (checksum already
/// checked by resolveModel).
Expected<FusionNetwork> loadNetwork(const ModelInfo& model);

/// Fields of a project model folder's model.json besides the weights.
struct ModelCard {
  std::string name;
  std::string version;
  std::string description;
  BnMode bnMode = BnMode::Running;
  Normalization normalization = Normalization::MinMax;
  /// Further model-card fields as a JSON object text (training data, split,
  /// loss, metrics, …), merged into model.json.
  std::string extraJson = "{}";
};

/// Writes a project model folder: `weights.pt` (torch::pickle_save dict of
/// the network's tensors) and `model.json` with its sha256. Atomic per file.
/// Returns the weights' sha256.
Expected<std::string> saveModelFolder(const std::string& dir, const FusionNetwork& network, const ModelCard& card);

/// resolveModel and loadNetwork in one, reading the weights only once.
Expected<std::pair<ModelInfo, FusionNetwork>> loadModel(const std::string& spec);

}  // namespace edgefuse::detail
