// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once
// Helpers of the core/io tests: a temporary folder per test, running the
// external DICOM tools (dciodvfy, dcmdump, dcm2pnm) and reading what they say.

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/DicomReader.h"
#include "core/io/RasterIO.h"

namespace edgefuse::test {

/// A fresh folder under the system temp dir, removed when the test ends.
class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_dir = std::filesystem::temp_directory_path() /
            ("edgefuse-io-" + std::to_string(::getpid()) + "-" + info->test_suite_name() + "-" + info->name());
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::string path(const std::string& name) const { return (m_dir / name).string(); }
  std::filesystem::path m_dir;
};

/// Output (stdout and stderr) and exit status of a shell command.
struct CommandResult {
  int exitCode = -1;
  std::string output;
};

inline CommandResult runCommand(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

inline bool haveTool(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0;
}

inline std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

/// The "Error" lines dciodvfy (dicom3tools) prints for a file; empty = valid.
inline std::vector<std::string> dciodvfyErrors(const std::string& file, std::string* fullOutput = nullptr) {
  const CommandResult r = runCommand("/usr/bin/dciodvfy " + quoted(file));
  if (fullOutput != nullptr) *fullOutput = r.output;
  std::vector<std::string> errors;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Error", 0) == 0) errors.push_back(line);
  }
  return errors;
}

inline std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Checks an exported DICOM file with the real validator (no "Error" lines
/// from dciodvfy) and round-trips its pixels through DCMTK's dcmdump (raw
/// pixel data) and dcm2pnm (rendered without windowing) and through
/// EdgeFuse's reader: all must equal `stored` (16-bit grey or 8-bit RGB
/// samples). `scratch` is a folder for the tools' outputs.
inline void validateExportedDicom(const std::string& file, const std::vector<std::uint32_t>& stored, bool colour,
                                  const std::string& scratch) {
  std::string output;
  const auto errors = dciodvfyErrors(file, &output);
  EXPECT_TRUE(errors.empty()) << "dciodvfy " << file << ":\n" << output;

  const std::string rawDir = scratch + "/raw-pixels";
  std::filesystem::remove_all(rawDir);
  std::filesystem::create_directories(rawDir);
  const auto dump = runCommand("/usr/bin/dcmdump +W " + quoted(rawDir) + " " + quoted(file));
  ASSERT_EQ(dump.exitCode, 0) << dump.output;
  std::string raw;
  for (const auto& entry : std::filesystem::directory_iterator(rawDir)) raw = readBytes(entry.path().string());
  std::filesystem::remove_all(rawDir);
  const std::size_t bytesPerSample = colour ? 1 : 2;
  ASSERT_GE(raw.size(), stored.size() * bytesPerSample);
  ASSERT_LE(raw.size(), stored.size() * bytesPerSample + 1);  // one pad byte for odd lengths
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const auto lo = static_cast<unsigned char>(raw[bytesPerSample * i]);
    const std::uint32_t v =
        colour ? lo : lo | (static_cast<std::uint32_t>(static_cast<unsigned char>(raw[2 * i + 1])) << 8);
    ASSERT_EQ(v, stored[i]) << "dcmdump raw sample " << i;
  }

  const std::string png = scratch + "/dcm2pnm.png";
  const auto render =
      runCommand("/usr/bin/dcm2pnm " + std::string(colour ? "+on " : "+on2 ") + quoted(file) + " " + quoted(png));
  ASSERT_EQ(render.exitCode, 0) << render.output;
  auto rendered = readRaster(png);
  std::filesystem::remove(png);
  ASSERT_TRUE(rendered) << rendered.error().describe();
  const bool greyFromRgb = colour && rendered->channels == 1;  // R=G=B is read back as grey
  ASSERT_EQ(rendered->pixels.size() * (greyFromRgb ? 3 : 1), stored.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    ASSERT_EQ(rendered->pixels[greyFromRgb ? i / 3 : i], static_cast<float>(stored[i])) << "dcm2pnm sample " << i;
  }

  auto back = readDicomFile(file);
  ASSERT_TRUE(back) << back.error().describe();
  const Image& image = back->slices.front();
  const bool greyBack = colour && image.channels == 1;
  ASSERT_EQ(image.pixels.size() * (greyBack ? 3 : 1), stored.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    ASSERT_EQ(image.pixels[greyBack ? i / 3 : i], static_cast<float>(stored[i])) << "reader sample " << i;
  }
}

}  // namespace edgefuse::test

/// Skips the test, saying why, when an external tool is not installed.
#define EDGEFUSE_REQUIRE_TOOL(path)                                                                  \
  if (!::edgefuse::test::haveTool(path)) {                                                           \
    GTEST_SKIP() << path << " is not installed (tools/bootstrap.sh installs dcmtk and dicom3tools)"; \
  }
