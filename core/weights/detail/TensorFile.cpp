// SPDX-License-Identifier: GPL-3.0-or-later
// A small interpreter for the pickle inside a torch.save archive. LibTorch's
// own unpickler (torch::jit::pickle_load) is written for TorchScript: it turns
// `collections.OrderedDict()` into None and then fails an internal assertion
// on the first item, so the most common weights file, torch.save(
// model.state_dict()), cannot be read with it. This one knows the opcodes
// that Python's pickler writes for dicts, tuples, lists, numbers, strings and
// the persistent storage ids of torch.save, and the few functions that
// rebuild tensors; every other global becomes a named placeholder, so that
// the error can say what the file holds. Nothing in the file is executed.

#include "core/weights/detail/TensorFile.h"

#include <caffe2/serialize/inline_container.h>

#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "core/base/AtomicFile.h"

namespace edgefuse::detail {
namespace {

struct Value;
using ValuePtr = std::shared_ptr<Value>;

/// A Python value as far as a weights file needs one.
struct Value {
  enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Object, Storage, Tensor };
  Kind kind = Kind::None;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0.0;
  std::string text;             ///< String; Global and Object: "module.name"
  std::vector<ValuePtr> items;  ///< Tuple, List; Dict: key, value, key, value, …
  at::Tensor tensor;            ///< Storage (1-D, its element type) or Tensor
};

ValuePtr make(Value::Kind kind) {
  auto v = std::make_shared<Value>();
  v->kind = kind;
  return v;
}

const char* kindName(const Value& v) {
  switch (v.kind) {
    case Value::Kind::None:
      return "None";
    case Value::Kind::Bool:
      return "a bool";
    case Value::Kind::Int:
      return "an integer";
    case Value::Kind::Float:
      return "a float";
    case Value::Kind::String:
      return "a string";
    case Value::Kind::Tuple:
      return "a tuple";
    case Value::Kind::List:
      return "a list";
    case Value::Kind::Dict:
      return "a dict";
    case Value::Kind::Global:
      return "a Python class or function";
    case Value::Kind::Object:
      return "a Python object";
    case Value::Kind::Storage:
      return "a tensor storage";
    case Value::Kind::Tensor:
      return "a tensor";
  }
  return "a value";
}

/// Thrown inside the interpreter only; readTensorFile turns it into an Error.
struct Malformed {
  std::string message;
};

std::optional<at::ScalarType> storageScalarType(const std::string& storageClass) {
  static const std::unordered_map<std::string, at::ScalarType> types = {
      {"torch.DoubleStorage", at::kDouble},
      {"torch.FloatStorage", at::kFloat},
      {"torch.HalfStorage", at::kHalf},
      {"torch.BFloat16Storage", at::kBFloat16},
      {"torch.LongStorage", at::kLong},
      {"torch.IntStorage", at::kInt},
      {"torch.ShortStorage", at::kShort},
      {"torch.CharStorage", at::kChar},
      {"torch.ByteStorage", at::kByte},
      {"torch.BoolStorage", at::kBool},
      {"torch.ComplexFloatStorage", at::kComplexFloat},
      {"torch.ComplexDoubleStorage", at::kComplexDouble},
  };
  auto it = types.find(storageClass);
  if (it == types.end()) return std::nullopt;
  return it->second;
}

class Interpreter {
 public:
  Interpreter(std::string_view pickle, caffe2::serialize::PyTorchStreamReader& archive)
      : m_data(pickle), m_archive(archive) {}

  ValuePtr run() {
    while (true) {
      const auto op = static_cast<unsigned char>(byte());
      switch (op) {
        case 0x80:  // PROTO
          byte();
          break;
        case 0x95:  // FRAME (protocol 4): a length we do not need
          bytes(8);
          break;
        case '.':  // STOP
          if (m_stack.size() != 1) throw Malformed{"the pickle ends with an unbalanced stack"};
          return m_stack.back();
        case '(':  // MARK
          m_marks.push_back(m_stack.size());
          break;
        case 'N':
          push(make(Value::Kind::None));
          break;
        case 0x88:  // NEWTRUE
        case 0x89:  // NEWFALSE
        {
          auto v = make(Value::Kind::Bool);
          v->boolean = op == 0x88;
          push(v);
          break;
        }
        case 'J':  // BININT
          pushInt(static_cast<std::int32_t>(littleEndian(4)));
          break;
        case 'K':  // BININT1
          pushInt(static_cast<std::int64_t>(littleEndian(1)));
          break;
        case 'M':  // BININT2
          pushInt(static_cast<std::int64_t>(littleEndian(2)));
          break;
        case 0x8a:  // LONG1
        {
          const auto n = static_cast<std::size_t>(littleEndian(1));
          if (n > 8) throw Malformed{"an integer in the pickle is larger than 64 bits"};
          std::uint64_t raw = n == 0 ? 0 : littleEndian(n);
          if (n > 0 && n < 8 && (raw >> (8 * n - 1)) != 0) raw |= ~std::uint64_t{0} << (8 * n);  // sign
          pushInt(static_cast<std::int64_t>(raw));
          break;
        }
        case 'G':  // BINFLOAT, big-endian
        {
          std::uint64_t bits = 0;
          for (unsigned char c : bytes(8)) bits = (bits << 8) | c;
          auto v = make(Value::Kind::Float);
          std::memcpy(&v->real, &bits, sizeof bits);
          push(v);
          break;
        }
        case 'X':  // BINUNICODE
          pushString(bytes(static_cast<std::size_t>(littleEndian(4))));
          break;
        case 0x8c:  // SHORT_BINUNICODE
          pushString(bytes(static_cast<std::size_t>(littleEndian(1))));
          break;
        case 0x8d:  // BINUNICODE8
          pushString(bytes(static_cast<std::size_t>(littleEndian(8))));
          break;
        case 'c':  // GLOBAL "module\nname\n"
        {
          const std::string module = line();
          pushGlobal(module + "." + line());
          break;
        }
        case 0x93:  // STACK_GLOBAL
        {
          auto name = pop();
          auto module = pop();
          if (name->kind != Value::Kind::String || module->kind != Value::Kind::String) {
            throw Malformed{"a global in the pickle is not named by strings"};
          }
          pushGlobal(module->text + "." + name->text);
          break;
        }
        case 'q':  // BINPUT
          memoize(static_cast<std::size_t>(littleEndian(1)));
          break;
        case 'r':  // LONG_BINPUT
          memoize(static_cast<std::size_t>(littleEndian(4)));
          break;
        case 0x94:  // MEMOIZE
          memoize(m_memo.size());
          break;
        case 'h':  // BINGET
          recall(static_cast<std::size_t>(littleEndian(1)));
          break;
        case 'j':  // LONG_BINGET
          recall(static_cast<std::size_t>(littleEndian(4)));
          break;
        case '}':
          push(make(Value::Kind::Dict));
          break;
        case ']':
          push(make(Value::Kind::List));
          break;
        case ')':
          push(make(Value::Kind::Tuple));
          break;
        case 't':  // TUPLE
        {
          auto v = make(Value::Kind::Tuple);
          v->items = popToMark();
          push(v);
          break;
        }
        case 0x85:  // TUPLE1
        case 0x86:  // TUPLE2
        case 0x87:  // TUPLE3
        {
          const std::size_t n = op - 0x84;
          if (m_stack.size() < n) throw Malformed{"the pickle's stack runs empty"};
          auto v = make(Value::Kind::Tuple);
          v->items.assign(m_stack.end() - static_cast<std::ptrdiff_t>(n), m_stack.end());
          m_stack.resize(m_stack.size() - n);
          push(v);
          break;
        }
        case 's':  // SETITEM
        {
          auto value = pop();
          auto key = pop();
          addItems(top(), {key, value});
          break;
        }
        case 'u':  // SETITEMS
        {
          auto items = popToMark();
          addItems(top(), items);
          break;
        }
        case 'a':  // APPEND
        {
          auto value = pop();
          append(top(), {value});
          break;
        }
        case 'e':  // APPENDS
        {
          auto items = popToMark();
          append(top(), items);
          break;
        }
        case 'Q':  // BINPERSID: a storage record of the archive
          push(storage(pop()));
          break;
        case 'R':  // REDUCE
        {
          auto args = pop();
          auto callable = pop();
          push(reduce(*callable, *args));
          break;
        }
        case 0x81:  // NEWOBJ: cls.__new__(cls, *args), e.g. a pickled nn.Module
        {
          pop();
          auto cls = pop();
          auto object = make(Value::Kind::Object);
          object->text = cls->text;
          push(object);
          break;
        }
        case 'b':  // BUILD: obj.__setstate__(state)
        {
          pop();
          // An OrderedDict's state is its attributes (the _metadata of a
          // state_dict); a tensor's or an object's state is not needed.
          const auto kind = top()->kind;
          if (kind != Value::Kind::Dict && kind != Value::Kind::Object && kind != Value::Kind::Tensor) {
            throw Malformed{std::string("the pickle sets the state of ") + kindName(*top())};
          }
          break;
        }
        default: {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02x", op);
          throw Malformed{std::string("the pickle uses an opcode this reader does not know (") + hex + ")"};
        }
      }
    }
  }

 private:
  char byte() {
    if (m_pos >= m_data.size()) throw Malformed{"the pickle ends early (the file is truncated)"};
    return m_data[m_pos++];
  }

  std::string_view bytes(std::size_t n) {
    if (n > m_data.size() - m_pos) throw Malformed{"the pickle ends early (the file is truncated)"};
    auto out = m_data.substr(m_pos, n);
    m_pos += n;
    return out;
  }

  std::uint64_t littleEndian(std::size_t n) {
    std::uint64_t value = 0;
    const auto raw = bytes(n);
    for (std::size_t i = 0; i < n; ++i) value |= std::uint64_t{static_cast<unsigned char>(raw[i])} << (8 * i);
    return value;
  }

  std::string line() {
    const auto end = m_data.find('\n', m_pos);
    if (end == std::string_view::npos) throw Malformed{"the pickle ends early (the file is truncated)"};
    std::string out(m_data.substr(m_pos, end - m_pos));
    m_pos = end + 1;
    return out;
  }

  void push(ValuePtr v) {
    if (m_stack.size() > kMaxStack) throw Malformed{"the pickle nests too deeply"};
    m_stack.push_back(std::move(v));
  }

  ValuePtr pop() {
    if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back())) {
      throw Malformed{"the pickle's stack runs empty"};
    }
    auto v = std::move(m_stack.back());
    m_stack.pop_back();
    return v;
  }

  const ValuePtr& top() const {
    if (m_stack.empty()) throw Malformed{"the pickle's stack runs empty"};
    return m_stack.back();
  }

  std::vector<ValuePtr> popToMark() {
    if (m_marks.empty()) throw Malformed{"the pickle closes a MARK it never opened"};
    const std::size_t mark = m_marks.back();
    m_marks.pop_back();
    if (mark > m_stack.size()) throw Malformed{"the pickle's stack runs empty"};
    std::vector<ValuePtr> items(m_stack.begin() + static_cast<std::ptrdiff_t>(mark), m_stack.end());
    m_stack.resize(mark);
    return items;
  }

  void pushInt(std::int64_t value) {
    auto v = make(Value::Kind::Int);
    v->integer = value;
    push(v);
  }

  void pushString(std::string_view text) {
    auto v = make(Value::Kind::String);
    v->text = std::string(text);
    push(v);
  }

  void pushGlobal(std::string name) {
    auto v = make(Value::Kind::Global);
    v->text = std::move(name);
    push(v);
  }

  void memoize(std::size_t index) {
    if (index > kMaxMemo) throw Malformed{"the pickle's memo is too large"};
    if (index >= m_memo.size()) m_memo.resize(index + 1);
    m_memo[index] = top();
  }

  void recall(std::size_t index) {
    if (index >= m_memo.size() || !m_memo[index]) throw Malformed{"the pickle refers to a value it never stored"};
    push(m_memo[index]);
  }

  static void addItems(const ValuePtr& target, const std::vector<ValuePtr>& items) {
    if (target->kind != Value::Kind::Dict)
      throw Malformed{std::string("the pickle adds items to ") + kindName(*target)};
    if (items.size() % 2 != 0) throw Malformed{"the pickle adds a key without a value"};
    target->items.insert(target->items.end(), items.begin(), items.end());
  }

  static void append(const ValuePtr& target, const std::vector<ValuePtr>& items) {
    if (target->kind != Value::Kind::List) throw Malformed{std::string("the pickle appends to ") + kindName(*target)};
    target->items.insert(target->items.end(), items.begin(), items.end());
  }

  static std::int64_t integer(const ValuePtr& v, const char* what) {
    if (v->kind != Value::Kind::Int) throw Malformed{std::string("a tensor's ") + what + " is not an integer"};
    return v->integer;
  }

  static std::vector<std::int64_t> integers(const ValuePtr& v, const char* what) {
    if (v->kind != Value::Kind::Tuple && v->kind != Value::Kind::List) {
      throw Malformed{std::string("a tensor's ") + what + " is not a tuple of integers"};
    }
    std::vector<std::int64_t> out;
    for (const auto& item : v->items) out.push_back(integer(item, what));
    return out;
  }

  // ('storage', torch.FloatStorage, key, location, numel): the record
  // data/<key> of the archive. The location (cpu, cuda:0) is ignored: the
  // storage is read onto the CPU.
  ValuePtr storage(const ValuePtr& pid) {
    if (pid->kind != Value::Kind::Tuple || pid->items.size() < 5 || pid->items[0]->kind != Value::Kind::String ||
        pid->items[0]->text != "storage" || pid->items[1]->kind != Value::Kind::Global ||
        pid->items[2]->kind != Value::Kind::String) {
      throw Malformed{"the pickle refers to something other than a tensor storage"};
    }
    const std::string& key = pid->items[2]->text;
    if (auto cached = m_storages.find(key); cached != m_storages.end()) return cached->second;
    const auto type = storageScalarType(pid->items[1]->text);
    if (!type) throw Malformed{"a storage has the unknown type " + pid->items[1]->text};
    const std::int64_t numel = integer(pid->items[4], "storage size");
    const std::string record = "data/" + key;
    if (!m_archive.hasRecord(record)) throw Malformed{"the archive has no record " + record + " (truncated?)"};
    auto [data, size] = m_archive.getRecord(record);
    const auto itemSize = static_cast<std::int64_t>(c10::elementSize(*type));
    if (numel < 0 || static_cast<std::uint64_t>(numel) * static_cast<std::uint64_t>(itemSize) > size) {
      throw Malformed{"the storage " + record + " is shorter than its tensors need (truncated?)"};
    }
    auto v = make(Value::Kind::Storage);
    v->tensor = at::empty({numel}, at::TensorOptions().dtype(*type));
    if (numel > 0) std::memcpy(v->tensor.data_ptr(), data.get(), static_cast<std::size_t>(numel * itemSize));
    m_storages.emplace(key, v);
    return v;
  }

  // torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)
  static ValuePtr rebuildTensor(const Value& args) {
    if (args.items.size() < 4 || args.items[0]->kind != Value::Kind::Storage) {
      throw Malformed{"a tensor is stored without its storage"};
    }
    const at::Tensor& storage = args.items[0]->tensor;
    const std::int64_t offset = integer(args.items[1], "storage offset");
    const auto sizes = integers(args.items[2], "size");
    const auto strides = integers(args.items[3], "stride");
    if (sizes.size() != strides.size()) throw Malformed{"a tensor's size and stride differ in length"};
    // The last element reached must lie inside the storage.
    std::int64_t last = offset;
    bool empty = false;
    for (std::size_t d = 0; d < sizes.size(); ++d) {
      if (sizes[d] < 0 || strides[d] < 0) throw Malformed{"a tensor has a negative size or stride"};
      if (sizes[d] == 0) empty = true;
      if (sizes[d] > 0 && strides[d] > (std::numeric_limits<std::int64_t>::max() - last) / sizes[d]) {
        throw Malformed{"a tensor reaches past its storage"};
      }
      last += (sizes[d] - 1) * strides[d];
    }
    if (offset < 0 || (!empty && last >= storage.numel())) throw Malformed{"a tensor reaches past its storage"};
    auto v = make(Value::Kind::Tensor);
    v->tensor = empty ? at::empty(sizes, storage.options()) : storage.as_strided(sizes, strides, offset);
    return v;
  }

  ValuePtr reduce(const Value& callable, const Value& args) {
    if (args.kind != Value::Kind::Tuple) throw Malformed{"a call in the pickle has no argument tuple"};
    const std::string& name = callable.text;
    if (callable.kind == Value::Kind::Global) {
      if (name == "collections.OrderedDict" && args.items.empty()) return make(Value::Kind::Dict);
      if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
        return rebuildTensor(args);
      }
      // nn.Parameter(data, requires_grad, hooks[, state]): its data.
      if ((name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") &&
          !args.items.empty() && args.items[0]->kind == Value::Kind::Tensor) {
        return args.items[0];
      }
      // torch::pickle_save tags a dict with its type: (dict, "Dict[str, Tensor]").
      if (name == "torch.jit._pickle.restore_type_tag" && !args.items.empty()) return args.items[0];
    }
    auto object = make(Value::Kind::Object);
    object->text = callable.kind == Value::Kind::Global ? name : std::string("an unnamed callable");
    return object;
  }

  static constexpr std::size_t kMaxStack = 1u << 20;
  static constexpr std::size_t kMaxMemo = 1u << 24;

  std::string_view m_data;
  std::size_t m_pos = 0;
  caffe2::serialize::PyTorchStreamReader& m_archive;
  std::vector<ValuePtr> m_stack;
  std::vector<std::size_t> m_marks;
  std::vector<ValuePtr> m_memo;
  std::unordered_map<std::string, ValuePtr> m_storages;
};

std::string describeTopLevel(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Object:
      return "the file holds a Python object of class " + v.text +
             " (a whole model saved with torch.save(model)?), not a dict of tensors; save its weights with "
             "torch.save(model.state_dict(), path)";
    case Value::Kind::Tensor:
      return "the file holds a single tensor, not a dict of named tensors (a state_dict)";
    default:
      return std::string("the file holds ") + kindName(v) + ", not a dict of named tensors (a state_dict)";
  }
}

}  // namespace

Expected<TensorFile> readTensorFile(const std::string& path) {
  auto bytes = readFile(path);
  if (!bytes) return tl::unexpected(bytes.error());
  if (bytes->empty()) return fail(ErrorCode::ModelInvalid, "the weights file is empty", path);
  std::istringstream stream(std::move(*bytes));
  try {
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> archive;
    try {
      archive = std::make_unique<caffe2::serialize::PyTorchStreamReader>(&stream);
    } catch (const std::exception&) {
      return fail(ErrorCode::ModelInvalid,
                  "not a PyTorch weights file (no zip archive as torch.save writes), or the file is truncated", path);
    }
    if (!archive->hasRecord("data.pkl")) {
      return fail(ErrorCode::ModelInvalid, "not a PyTorch weights file: the zip archive has no data.pkl", path);
    }
    auto [pickleData, pickleSize] = archive->getRecord("data.pkl");
    const std::string_view pickle(static_cast<const char*>(pickleData.get()), pickleSize);
    ValuePtr root;
    try {
      root = Interpreter(pickle, *archive).run();
    } catch (const Malformed& m) {
      return fail(ErrorCode::ModelInvalid, "not a readable PyTorch weights file: " + m.message, path);
    }
    if (root->kind != Value::Kind::Dict) return fail(ErrorCode::ModelInvalid, describeTopLevel(*root), path);
    TensorFile file;
    for (std::size_t i = 0; i + 1 < root->items.size(); i += 2) {
      const Value& key = *root->items[i];
      const Value& value = *root->items[i + 1];
      if (key.kind != Value::Kind::String) {
        return fail(ErrorCode::ModelInvalid,
                    std::string("the dict has a key that is not a string but ") + kindName(key), path);
      }
      if (value.kind == Value::Kind::Tensor) {
        file.tensors[key.text] = value.tensor;
      } else {
        file.otherKeys.push_back(key.text);
      }
    }
    if (file.tensors.empty()) {
      std::string keys;
      for (std::size_t i = 0; i < file.otherKeys.size() && i < 8; ++i) keys += (i ? ", " : "") + file.otherKeys[i];
      if (file.otherKeys.size() > 8) keys += ", …";
      return fail(ErrorCode::ModelInvalid,
                  file.otherKeys.empty() ? std::string("the file holds an empty dict, no tensors")
                                         : "the file holds a dict without tensors (keys: " + keys +
                                               "): a training checkpoint? Save the model's state_dict alone: "
                                               "torch.save(model.state_dict(), path)",
                  path);
    }
    return file;
  } catch (const std::exception& e) {
    const std::string what = e.what();
    return fail(ErrorCode::ModelInvalid,
                "not a readable PyTorch weights file (damaged or truncated): " + what.substr(0, what.find('\n')), path);
  }
}

}  // namespace edgefuse::detail
