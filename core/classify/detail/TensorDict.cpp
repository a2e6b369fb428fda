// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/detail/TensorDict.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <vector>

namespace edgefuse::detail {

Expected<std::map<std::string, at::Tensor>> loadClassifierTensors(const std::string& path) {
  auto bytes = readFile(path);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->empty()) return fail(ErrorCode::ModelInvalid, "the weights file is empty", path);
  std::vector<char> data(bytes->begin(), bytes->end());
  c10::IValue value;
  try {
    value = torch::jit::pickle_load(data);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    if (what.find("CUDA") != std::string::npos) {
      return fail(ErrorCode::ModelInvalid,
                  "the tensors in this file are stored as CUDA tensors, which this CPU build cannot read; re-save "
                  "them on the CPU",
                  path);
    }
    return fail(
        ErrorCode::ModelInvalid,
        "cannot read the weights file (not a PyTorch tensor dict, or truncated): " + what.substr(0, what.find('\n')),
        path);
  }
  if (!value.isGenericDict()) {
    return fail(ErrorCode::ModelInvalid, "the weights file does not hold a dict of tensors", path);
  }
  std::map<std::string, at::Tensor> tensors;
  for (const auto& entry : value.toGenericDict()) {
    if (!entry.key().isString() || !entry.value().isTensor()) {
      return fail(ErrorCode::ModelInvalid, "the weights dict holds an entry that is not a named tensor", path);
    }
    tensors.emplace(entry.key().toStringRef(), entry.value().toTensor());
  }
  if (tensors.empty()) return fail(ErrorCode::ModelInvalid, "the weights file holds no tensors", path);
  return tensors;
}

Expected<void> saveClassifierTensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors,
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

}  // namespace edgefuse::detail
