// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

#include <map>
#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse::detail {

/// The named tensors of a weights file, and the keys whose values are not
/// tensors (nested dicts, numbers, strings: e.g. a training checkpoint's
/// "epoch" or "optimizer").
struct TensorFile {
  std::map<std::string, at::Tensor> tensors;
  std::vector<std::string> otherKeys;
};

/// Reads a PyTorch weights file: the zip archive that `torch.save(obj, path)`
/// (PyTorch ≥ 1.6) and `torch::pickle_save` write, whose top-level object is
/// a dict with string keys — a plain dict, the `collections.OrderedDict` of
/// `model.state_dict()` (its `_metadata` is ignored), or the type-tagged dict
/// of `torch::pickle_save`. Tensors are rebuilt on the CPU whatever device
/// they were saved from (like `torch.load(path, map_location="cpu")`);
/// `nn.Parameter`s become their data. The pickle is interpreted, never
/// executed: any other Python object is named in the error instead.
///
/// Errors (all ModelInvalid, except a missing or unreadable file): an empty
/// file, a file that is not such a zip archive or is truncated, a top-level
/// object that is not a dict (a whole model saved with `torch.save(model)`,
/// a TorchScript module, a list or a single tensor: the message names it and
/// says how to save a state_dict), a key that is not a string, a dict without
/// any tensor (a checkpoint: the message lists its keys), a tensor that
/// reaches past its storage. Thread-safe.
Expected<TensorFile> readTensorFile(const std::string& path);

}  // namespace edgefuse::detail
