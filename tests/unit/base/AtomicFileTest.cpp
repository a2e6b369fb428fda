// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/base/AtomicFile.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() / ("edgefuse-atomic-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }
  fs::path m_dir;
};

std::size_t filesIn(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_F(AtomicFileTest, WritesAndReadsBack) {
  const auto path = (m_dir / "out.txt").string();
  ASSERT_TRUE(writeFileAtomically(path, "hello"));
  auto text = readFile(path);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "hello");
  EXPECT_EQ(filesIn(m_dir), 1u) << "no temporary file may be left behind";
}

TEST_F(AtomicFileTest, TemporaryKeepsEveryExtension) {
  const auto path = (m_dir / "volume.nii.gz").string();
  std::string seen;
  ASSERT_TRUE(writeAtomically(path, {}, [&](const std::string& tmp) -> Expected<void> {
    seen = fs::path(tmp).filename().string();
    std::ofstream(tmp) << "x";
    return {};
  }));
  EXPECT_EQ(seen.front(), '.');
  EXPECT_GE(seen.size(), 7u);
  EXPECT_EQ(seen.substr(seen.size() - 7), ".nii.gz") << seen;
  EXPECT_EQ(filesIn(m_dir), 1u);
}

TEST_F(AtomicFileTest, FailedWriterLeavesTargetUntouched) {
  const auto path = (m_dir / "keep.txt").string();
  ASSERT_TRUE(writeFileAtomically(path, "original"));
  auto result = writeAtomically(path, {}, [](const std::string& tmp) -> Expected<void> {
    std::ofstream(tmp) << "partial";
    return fail(ErrorCode::WriteFailed, "simulated failure half-way");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(*readFile(path), "original");
  EXPECT_EQ(filesIn(m_dir), 1u);
}

// A writer (DCMTK's, libpng's) only knows the temporary name it was given;
// the error must name the output the user asked for.
TEST_F(AtomicFileTest, WriterErrorsNameTheOutputNotTheTemporaryFile) {
  const auto path = (m_dir / "fused.dcm").string();
  auto file = writeAtomically(path, {}, [](const std::string& tmp) -> Expected<void> {
    return fail(ErrorCode::WriteFailed, "cannot write " + tmp + ": No space left on device", tmp);
  });
  ASSERT_FALSE(file);
  EXPECT_EQ(file.error().context, path);
  EXPECT_EQ(file.error().message, "cannot write " + path + ": No space left on device");

  const auto folder = (m_dir / "series").string();
  auto series = writeFolderAtomically(
      folder, {}, [](const std::string&) { return true; },
      [](const std::string& staging) -> Expected<void> {
        return fail(ErrorCode::WriteFailed, "No space left on device", staging + "/IM0001.dcm");
      });
  ASSERT_FALSE(series);
  EXPECT_EQ(series.error().context, folder + "/IM0001.dcm");
  EXPECT_EQ(filesIn(m_dir), 0u);
}

TEST_F(AtomicFileTest, RefusesToOverwriteASource) {
  const auto source = (m_dir / "source.png").string();
  ASSERT_TRUE(writeFileAtomically(source, "pixels"));
  OutputPolicy policy;
  policy.protectedPaths = {source};
  auto result = writeFileAtomically(source, "fused", policy);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::WouldOverwriteSource);
  EXPECT_EQ(*readFile(source), "pixels");
}

TEST_F(AtomicFileTest, RefusesToWriteIntoASourceFolder) {
  fs::create_directories(m_dir / "series");
  OutputPolicy policy;
  policy.protectedPaths = {(m_dir / "series").string()};
  auto result = writeFileAtomically((m_dir / "series" / "fused.dcm").string(), "x", policy);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::WouldOverwriteSource);
  EXPECT_FALSE(fs::exists(m_dir / "series" / "fused.dcm"));
}

TEST_F(AtomicFileTest, RespectsNoOverwrite) {
  const auto path = (m_dir / "exists.txt").string();
  ASSERT_TRUE(writeFileAtomically(path, "1"));
  OutputPolicy policy;
  policy.overwrite = false;
  auto result = writeFileAtomically(path, "2", policy);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::OutputExists);
  EXPECT_EQ(*readFile(path), "1");
}

TEST_F(AtomicFileTest, ReportsAMissingFolder) {
  auto result = writeFileAtomically((m_dir / "missing" / "x.txt").string(), "x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::WriteFailed);
}

TEST_F(AtomicFileTest, ReadFileReportsMissingFile) {
  auto text = readFile((m_dir / "nope").string());
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::FileNotFound);
}

TEST_F(AtomicFileTest, FolderAppearsWholeOrNotAtAll) {
  const auto folder = (m_dir / "series").string();
  auto own = [](const std::string& name) { return name.rfind("IM", 0) == 0; };
  auto writeTwo = [](const std::string& tmp) -> Expected<void> {
    auto a = writeFileAtomically(tmp + "/IM1", "a");
    if (!a) return a;
    return writeFileAtomically(tmp + "/IM2", "b");
  };
  ASSERT_TRUE(writeFolderAtomically(folder, {}, own, writeTwo));
  EXPECT_EQ(*readFile(folder + "/IM2"), "b");
  // A failing writer leaves the earlier folder as it was and no temporary behind.
  auto failing = writeFolderAtomically(folder, {}, own, [](const std::string& tmp) -> Expected<void> {
    auto ok = writeFileAtomically(tmp + "/IM1", "new");
    if (!ok) return ok;
    return fail(ErrorCode::WriteFailed, "disk full");
  });
  ASSERT_FALSE(failing);
  EXPECT_EQ(*readFile(folder + "/IM1"), "a");
  EXPECT_EQ(filesIn(m_dir), 1u);
  // Replaced when it holds only earlier outputs; refused when it holds anything else.
  ASSERT_TRUE(writeFolderAtomically(folder, {}, own,
                                    [](const std::string& tmp) { return writeFileAtomically(tmp + "/IM1", "c"); }));
  EXPECT_EQ(*readFile(folder + "/IM1"), "c");
  EXPECT_FALSE(fs::exists(folder + "/IM2"));
  ASSERT_TRUE(writeFileAtomically(folder + "/mine.txt", "keep"));
  auto foreign = writeFolderAtomically(folder, {}, own, writeTwo);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, ErrorCode::OutputExists);
  // Never over, into, or around a source.
  OutputPolicy policy;
  policy.protectedPaths = {folder + "/mine.txt"};
  auto around = writeFolderAtomically(folder, policy, own, writeTwo);
  ASSERT_FALSE(around);
  EXPECT_EQ(around.error().code, ErrorCode::WouldOverwriteSource);
  EXPECT_EQ(filesIn(m_dir), 1u);
}
