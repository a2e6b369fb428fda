// SPDX-License-Identifier: GPL-3.0-or-later
// readTensorFile on the files users bring: torch.save(model.state_dict())
// (an OrderedDict; built by tests/support/TorchSaveFile.cpp opcode for opcode
// as PyTorch writes it, and checked against CPython's own pickler below),
// torch::pickle_save dicts, and files that are not a dict of tensors.

#include <gtest/gtest.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/weights/detail/TensorFile.h"
#include "support/TorchSaveFile.h"

namespace fs = std::filesystem;
using namespace edgefuse;
using namespace std::string_literals;

namespace {

class TensorFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("edgefuse-tensorfile-" + std::to_string(::getpid()));
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  std::string path(const std::string& name) const { return (m_dir / name).string(); }

  // The state dict of tests/support/torch_save_reference.py.
  static std::vector<std::pair<std::string, at::Tensor>> referenceStateDict() {
    return {{"conv.weight", at::arange(6, at::kFloat).reshape({2, 3})}, {"conv.bias", at::tensor({0.5f, -1.5f, 2.0f})}};
  }

  // A raw pickle in a torch.save archive without tensors.
  std::string archiveWithPickle(const std::string& name, const std::string& pickle) const {
    const std::string file = path(name);
    test::writeTorchSaveArchive(file, pickle, {});
    return file;
  }

  fs::path m_dir;
};

TEST_F(TensorFileTest, StateDictOrderedDictLoads) {
  const auto tensors = referenceStateDict();
  test::writeStateDictFile(path("state_dict.pt"), tensors, {"", "conv"});
  auto file = edgefuse::detail::readTensorFile(path("state_dict.pt"));
  ASSERT_TRUE(file) << file.error().describe();
  ASSERT_EQ(file->tensors.size(), 2u);
  EXPECT_TRUE(file->otherKeys.empty());
  for (const auto& [key, tensor] : tensors) {
    ASSERT_TRUE(file->tensors.count(key)) << key;
    EXPECT_TRUE(at::equal(file->tensors.at(key), tensor)) << key;
  }
}

TEST_F(TensorFileTest, OneTensorStateDictUsesSetItemAndLoads) {
  test::writeStateDictFile(path("one.pt"), {{"w", at::ones({4, 1, 3, 3})}});
  auto file = edgefuse::detail::readTensorFile(path("one.pt"));
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_TRUE(at::equal(file->tensors.at("w"), at::ones({4, 1, 3, 3})));
}

// The fixture is what CPython's pickler writes for the same state dict
// (skips where no python3 is installed).
TEST_F(TensorFileTest, FixtureMatchesCPythonsPickler) {
  const std::string script = std::string(EDGEFUSE_TEST_SOURCE_DIR) + "/support/torch_save_reference.py";
  std::FILE* pipe = ::popen(("python3 '" + script + "' 2>/dev/null").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string hex;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) hex += buffer;
  const int status = ::pclose(pipe);
  if (status != 0 || hex.empty()) GTEST_SKIP() << "python3 is not available to run " << script;
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  const std::string bytes = test::stateDictPickle(referenceStateDict(), {"", "conv"});
  std::string ours;
  for (unsigned char c : bytes) {
    char two[3];
    std::snprintf(two, sizeof two, "%02x", c);
    ours += two;
  }
  EXPECT_EQ(ours, hex);
}

TEST_F(TensorFileTest, PickleSaveDictStillLoads) {
  c10::impl::GenericDict dict(c10::StringType::get(), c10::TensorType::get());
  dict.insert("a", at::arange(4, at::kFloat));
  const auto bytes = torch::jit::pickle_save(c10::IValue(dict));
  std::ofstream(path("pickle_save.pt"), std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  auto file = edgefuse::detail::readTensorFile(path("pickle_save.pt"));
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_TRUE(at::equal(file->tensors.at("a"), at::arange(4, at::kFloat)));
}

TEST_F(TensorFileTest, CudaTaggedStoragesAreReadOntoTheCpu) {
  std::string pickle = test::stateDictPickle(referenceStateDict(), {""});
  const std::string cpu = "X\x03\x00\x00\x00"s + "cpu";
  const std::string cuda = "X\x06\x00\x00\x00"s + "cuda:0";
  const auto at = pickle.find(cpu);
  ASSERT_NE(at, std::string::npos);
  pickle.replace(at, cpu.size(), cuda);
  test::writeTorchSaveArchive(path("cuda.pt"), pickle, referenceStateDict());
  auto file = edgefuse::detail::readTensorFile(path("cuda.pt"));
  ASSERT_TRUE(file) << file.error().describe();
  EXPECT_TRUE(file->tensors.at("conv.bias").device().is_cpu());
  EXPECT_TRUE(at::equal(file->tensors.at("conv.bias"), referenceStateDict()[1].second));
}

TEST_F(TensorFileTest, WholeModelObjectIsNamedWithAdvice) {
  // torch.save(model) of a class Net defined in a script: NEWOBJ of __main__.Net, then BUILD.
  const std::string pickle = "\x80\x02"s + "c__main__\nNet\n" + "q\x00"s + ")\x81" + "q\x01"s + "}" + "q\x02"s + "b.";
  auto file = edgefuse::detail::readTensorFile(archiveWithPickle("model.pt", pickle));
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(file.error().message.find("__main__.Net"), std::string::npos) << file.error().message;
  EXPECT_NE(file.error().message.find("state_dict()"), std::string::npos) << file.error().message;
}

TEST_F(TensorFileTest, CheckpointWithoutTopLevelTensorsListsItsKeys) {
  // {'epoch': 3, 'model': {}} as Python's pickler writes it.
  const std::string pickle = "\x80\x02}"s + "q\x00"s + "(X\x05\x00\x00\x00"s + "epoch" + "q\x01"s + "K\x03"s +
                             "X\x05\x00\x00\x00"s + "model" + "q\x02"s + "}" + "q\x03"s + "u.";
  auto file = edgefuse::detail::readTensorFile(archiveWithPickle("checkpoint.pt", pickle));
  ASSERT_FALSE(file);
  EXPECT_NE(file.error().message.find("checkpoint"), std::string::npos) << file.error().message;
  EXPECT_NE(file.error().message.find("epoch, model"), std::string::npos) << file.error().message;
}

TEST_F(TensorFileTest, ForeignAndDamagedFilesGiveClearErrors) {
  std::ofstream(path("text.pt")) << "not a weights file\n";
  auto text = edgefuse::detail::readTensorFile(path("text.pt"));
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(text.error().message.find("not a PyTorch weights file"), std::string::npos) << text.error().message;

  std::ofstream(path("empty.pt")).close();
  auto empty = edgefuse::detail::readTensorFile(path("empty.pt"));
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("empty"), std::string::npos);

  auto missing = edgefuse::detail::readTensorFile(path("missing.pt"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::FileNotFound);

  // The pickle cut off in the middle of the first tensor.
  const std::string whole = test::stateDictPickle(referenceStateDict(), {""});
  auto cut = edgefuse::detail::readTensorFile(archiveWithPickle("cut.pt", whole.substr(0, whole.size() / 3)));
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("truncated"), std::string::npos) << cut.error().message;

  // A single tensor instead of a dict.
  const std::string single = "\x80\x02"s + "ctorch._utils\n_rebuild_tensor_v2\n" + "((X\x07\x00\x00\x00"s + "storage" +
                             "ctorch\nFloatStorage\n" + "X\x01\x00\x00\x00"s + "0" + "X\x03\x00\x00\x00"s + "cpu" +
                             "K\x01"s + "tQ" + "K\x00"s + "K\x01\x85"s + "K\x01\x85\x89"s + ")tR.";
  test::writeTorchSaveArchive(path("single.pt"), single, {{"x", at::ones({1})}});
  auto lone = edgefuse::detail::readTensorFile(path("single.pt"));
  ASSERT_FALSE(lone);
  EXPECT_NE(lone.error().message.find("single tensor"), std::string::npos) << lone.error().message;
}

TEST_F(TensorFileTest, TensorBeyondItsStorageIsRefused) {
  // The pickle says 6 elements of 2x3, the storage record holds 3.
  test::writeTorchSaveArchive(path("short.pt"), test::stateDictPickle({{"w", at::zeros({2, 3})}}),
                              {{"w", at::zeros({3})}});
  auto file = edgefuse::detail::readTensorFile(path("short.pt"));
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().code, ErrorCode::ModelInvalid);
  EXPECT_NE(file.error().message.find("shorter"), std::string::npos) << file.error().message;
}

}  // namespace
