// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <map>
#include <string>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"

namespace edgefuse::detail {

/// Reads a torch::pickle_save'd or torch.save'd dict of tensors (a
/// state_dict; see readTensorFile), with clear ModelInvalid errors for an
/// empty, truncated or foreign file and for entries that are not tensors.
Expected<std::map<std::string, at::Tensor>> loadClassifierTensors(const std::string& path);

/// Writes a dict of tensors with torch::pickle_save, atomically.
Expected<void> saveClassifierTensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
                                     const OutputPolicy& policy = {});

}  // namespace edgefuse::detail
