// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/TorchSaveFile.h"

#include <caffe2/serialize/inline_container.h>

#include <fstream>
#include <map>
#include <stdexcept>

namespace edgefuse::test {
namespace {

/// Writes pickle opcodes the way CPython's protocol-2 pickler does: every
/// string, global, non-empty tuple and call result is memoised (BINPUT) when
/// first written; objects the pickler meets again (the same Python object,
/// e.g. the OrderedDict class or the interned 'storage') come back by BINGET.
class PickleWriter {
 public:
  std::string out = std::string("\x80\x02", 2);  // PROTO 2

  void put() {
    const int slot = m_next++;
    if (slot < 256) {
      out += 'q';
      out += static_cast<char>(slot);
    } else {
      out += 'r';
      appendLittleEndian(static_cast<std::uint32_t>(slot), 4);
    }
  }

  /// Writes BINGET for an object already in the memo under `identity`.
  bool recall(const std::string& identity) {
    auto it = m_memo.find(identity);
    if (it == m_memo.end()) return false;
    if (it->second < 256) {
      out += 'h';
      out += static_cast<char>(it->second);
    } else {
      out += 'j';
      appendLittleEndian(static_cast<std::uint32_t>(it->second), 4);
    }
    return true;
  }

  void remember(const std::string& identity) {
    m_memo[identity] = m_next;
    put();
  }

  void global(const std::string& module, const std::string& name) {
    if (recall("global:" + module + "." + name)) return;
    out += 'c' + module + '\n' + name + '\n';
    remember("global:" + module + "." + name);
  }

  /// A string; `identity` non-empty for one that Python shares (a literal).
  void string(const std::string& text, const std::string& identity = {}) {
    if (!identity.empty() && recall("str:" + identity)) return;
    out += 'X';
    appendLittleEndian(static_cast<std::uint32_t>(text.size()), 4);
    out += text;
    if (identity.empty()) {
      put();
    } else {
      remember("str:" + identity);
    }
  }

  void integer(std::int64_t v) {
    if (v >= 0 && v < 256) {
      out += 'K';
      out += static_cast<char>(v);
    } else if (v >= 0 && v < 65536) {
      out += 'M';
      appendLittleEndian(static_cast<std::uint32_t>(v), 2);
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
      out += 'J';
      appendLittleEndian(static_cast<std::uint32_t>(static_cast<std::int32_t>(v)), 4);
    } else {
      throw std::invalid_argument("integers beyond 32 bits are not needed by these fixtures");
    }
  }

  /// A tuple of integers (sizes, strides): EMPTY_TUPLE, TUPLE1..3 or MARK … TUPLE.
  void intTuple(const std::vector<std::int64_t>& values) {
    if (values.empty()) {
      out += ')';
      return;
    }
    if (values.size() > 3) out += '(';
    for (auto v : values) integer(v);
    out += values.size() > 3 ? 't' : static_cast<char>(0x84 + values.size());
    put();
  }

  /// `collections.OrderedDict()`: the class, an empty argument tuple, REDUCE.
  void emptyOrderedDict() {
    global("collections", "OrderedDict");
    out += ')';
    out += 'R';
    put();
  }

 private:
  void appendLittleEndian(std::uint32_t v, int n) {
    for (int i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  }

  std::map<std::string, int> m_memo;
  int m_next = 0;
};

std::string storageClass(at::ScalarType type) {
  switch (type) {
    case at::kFloat:
      return "FloatStorage";
    case at::kDouble:
      return "DoubleStorage";
    case at::kLong:
      return "LongStorage";
    case at::kInt:
      return "IntStorage";
    case at::kByte:
      return "ByteStorage";
    default:
      throw std::invalid_argument("no storage class for this dtype in the test fixture");
  }
}

}  // namespace

std::string stateDictPickle(const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                            const std::vector<std::string>& modules) {
  PickleWriter p;
  p.emptyOrderedDict();
  // Python's _batch_setitems: MARK … SETITEMS for two or more items, a lone
  // SETITEM for one.
  if (tensors.size() > 1) p.out += '(';
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const at::Tensor& t = tensors[i].second;
    p.string(tensors[i].first);
    p.global("torch._utils", "_rebuild_tensor_v2");
    p.out += '(';
    // The persistent id of the storage, then BINPERSID.
    p.out += '(';
    p.string("storage", "storage");
    p.global("torch", storageClass(t.scalar_type()));
    p.string(std::to_string(i));
    p.string("cpu", "cpu");
    p.integer(t.numel());
    p.out += 't';
    p.put();
    p.out += 'Q';
    p.integer(0);  // storage offset
    p.intTuple(t.sizes().vec());
    p.intTuple(t.strides().vec());
    p.out += static_cast<char>(0x89);  // requires_grad False
    p.emptyOrderedDict();              // backward hooks
    p.out += 't';
    p.put();
    p.out += 'R';
    p.put();
    if (tensors.size() == 1) p.out += 's';
  }
  if (tensors.size() > 1) p.out += 'u';
  // The state set by BUILD: {'_metadata': OrderedDict({prefix: {'version': 1}})}.
  p.out += '}';
  p.put();
  p.string("_metadata", "_metadata");
  p.emptyOrderedDict();
  if (modules.size() > 1) p.out += '(';
  for (const auto& module : modules) {
    p.string(module);
    p.out += '}';
    p.put();
    p.string("version", "version");
    p.integer(1);
    p.out += 's';
    if (modules.size() == 1) p.out += 's';
  }
  if (modules.size() > 1) p.out += 'u';
  p.out += 's';
  p.out += 'b';  // BUILD
  p.out += '.';  // STOP
  return p.out;
}

void writeTorchSaveArchive(const std::string& path, const std::string& pickle,
                           const std::vector<std::pair<std::string, at::Tensor>>& tensors) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot write " + path);
  {
    caffe2::serialize::PyTorchStreamWriter writer([&file](const void* data, size_t size) -> size_t {
      file.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
      return size;
    });
    writer.writeRecord("data.pkl", pickle.data(), pickle.size());
    for (std::size_t i = 0; i < tensors.size(); ++i) {
      const at::Tensor t = tensors[i].second.contiguous();
      writer.writeRecord("data/" + std::to_string(i), t.data_ptr(), static_cast<size_t>(t.nbytes()));
    }
    writer.writeEndOfFile();
  }
  if (!file.flush()) throw std::runtime_error("cannot write " + path);
}

void writeStateDictFile(const std::string& path, const std::vector<std::pair<std::string, at::Tensor>>& tensors,
                        const std::vector<std::string>& modules) {
  writeTorchSaveArchive(path, stateDictPickle(tensors, modules), tensors);
}

}  // namespace edgefuse::test
