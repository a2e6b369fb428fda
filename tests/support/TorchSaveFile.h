// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Test support, includes LibTorch: only for test translation units that never
// see Qt.

#include <ATen/ATen.h>

#include <string>
#include <utility>
#include <vector>

namespace edgefuse::test {

/// The bytes of the pickle (data.pkl) that PyTorch's `torch.save(
/// model.state_dict(), path)` writes for these CPU tensors: a
/// `collections.OrderedDict` built by GLOBAL + EMPTY_TUPLE + REDUCE, its items
/// set with SETITEMS, each tensor a `torch._utils._rebuild_tensor_v2` call on
/// a persistent storage id ('storage', torch.FloatStorage, key, 'cpu', numel),
/// and the dict's `_metadata` (an OrderedDict of {'version': 1} per module
/// prefix in `modules`) attached with BUILD. Opcode for opcode and memo slot
/// for memo slot what CPython's pickler writes at protocol 2 (the protocol
/// torch.save uses); tests/support/torch_save_reference.py writes the same
/// pickle with CPython's own pickler, for comparison.
std::string stateDictPickle(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                            const std::vector<std::string>& modules = {""});

/// Writes a torch.save-format zip archive: `pickle` as data.pkl, each
/// tensor's bytes as data/<index> and the version record, with LibTorch's own
/// archive writer (the one torch.save uses), to `path`.
void writeTorchSaveArchive(const std::string& path, const std::string& pickle,
                           const std::vector<std::pair<std::string, at::Tensor>>& tensors);

/// Both: what torch.save(model.state_dict(), path) writes for these tensors.
void writeStateDictFile(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                        const std::vector<std::string>& modules = {""});

}  // namespace edgefuse::test
