// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/detail/TensorDict.h"

#include <torch/csrc/jit/serialization/pickle.h>

#include <vector>

#include "core/weights/detail/TensorFile.h"

namespace edgefuse::detail {

Expected<std::map<std::string, at::Tensor>> loadClassifierTensors(const std::string& path) {
  auto file = readTensorFile(path);
  if (!file) return tl::unexpected(file.error());
  if (!file->otherKeys.empty()) {
    return fail(ErrorCode::ModelInvalid,
                "the weights dict holds an entry that is not a tensor: '" + file->otherKeys.front() + "'", path);
  }
  return std::move(file->tensors);
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
