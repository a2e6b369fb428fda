// SPDX-License-Identifier: GPL-3.0-or-later
// DICOM Spatial Registration objects: export, dciodvfy, re-import.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "RegistrationSupport.h"
#include "core/io/DicomWriter.h"
#include "core/io/ImageReader.h"
#include "core/io/SpatialRegistration.h"
#include "core/pipeline/PreparePair.h"
#include "core/registration/Resample.h"
#include "support/TestSupport.h"

namespace edgefuse {
namespace {

using test::kDegree;

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const auto dir = fs::temp_directory_path() / ("edgefuse_sro_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

Volume readDicomVolume(const std::string& path) {
  auto series = readImageSeries(path);
  if (!series) return {};
  auto volume = volumeFromSeries(*series);
  return volume ? *volume : Volume{};
}

// `v` written as a derived DICOM series (its own frame of reference and
// geometry) and read back.
Volume asDicomSeries(const Volume& v, const fs::path& folder) {
  const auto [lo, hi] = std::minmax_element(v.voxels.begin(), v.voxels.end());
  std::vector<DerivedImage> images;
  for (int k = 0; k < v.geometry.size[2]; ++k) {
    Image slice = volumeSlice(v, k);
    for (float& x : slice.pixels) x = (x - *lo) / (*hi - *lo);
    images.push_back({slice, {slice.meta}});
  }
  OutputPolicy policy;
  if (!writeDerivedDicomSeries(folder.string(), images, {}, policy)) return {};
  return readDicomVolume(folder.string());
}

// The head CT (A) and a moved copy of it written as another DICOM series
// with its own frame of reference (B). The shared CT series has no
// FrameOfReferenceUID, so A is the CT written again as a derived series,
// which gets one.
struct Pair {
  Volume a, b;
  AffineTransform truth;
};

std::optional<Pair> headPair(const std::string& shared, const fs::path& dir) {
  Pair p;
  const Volume ct = readDicomVolume(shared + "/data/dicom/slicer-ct-head");
  if (ct.empty()) return std::nullopt;
  p.a = asDicomSeries(ct, dir / "ct");
  if (p.a.empty() || p.a.geometry.frameOfReferenceUid.empty()) return std::nullopt;
  VolumeGeometry grid = p.a.geometry;
  grid.size = {60, 60, 50};
  grid.spacing = {3.0, 3.0, 2.5};
  const auto move = AffineTransform::rigid({2 * kDegree, -3 * kDegree, 4 * kDegree}, {4, -2, 3}, p.a.geometry.centre());
  const Volume moved = test::moveOntoGrid(ct, move, grid, p.truth);
  p.b = asDicomSeries(moved, dir / "moved");
  if (p.b.empty()) return std::nullopt;
  return p;
}

// The number of errors dciodvfy (dicom3tools) reports for a file, or -1
// when dciodvfy is not installed.
int dciodvfyErrors(const fs::path& file, std::string& report) {
  if (std::system("command -v dciodvfy >/dev/null 2>&1") != 0) return -1;
  const fs::path out = file.parent_path() / "dciodvfy.txt";
  std::system(("dciodvfy '" + file.string() + "' > '" + out.string() + "' 2>&1").c_str());
  std::ifstream in(out);
  std::string line;
  int errors = 0;
  while (std::getline(in, line)) {
    report += line + "\n";
    if (line.rfind("Error", 0) == 0) ++errors;
  }
  return errors;
}

TEST(SpatialRegistrationTest, ExportPassesDciodvfyAndReimportGivesTheSameResampledVolume) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const auto dir = scratch("roundtrip");
  auto pair = headPair(shared, dir);
  ASSERT_TRUE(pair);
  ASSERT_NE(pair->a.geometry.frameOfReferenceUid, pair->b.geometry.frameOfReferenceUid);
  ASSERT_FALSE(pair->b.instances.empty());

  SpatialRegistrationExport content;
  content.fixed = &pair->a;
  content.moving = &pair->b;
  content.fixedToMoving = pair->truth;
  const fs::path file = dir / "REG.dcm";
  auto written = writeSpatialRegistration(file.string(), content);
  ASSERT_TRUE(written) << written.error().describe();
  EXPECT_TRUE(isSpatialRegistrationFile(file.string()));

  std::string report;
  const int errors = dciodvfyErrors(file, report);
  if (errors < 0) {
    std::cout << "dciodvfy (Debian package dicom3tools) is not installed: the IOD check is left out\n";
  } else {
    EXPECT_EQ(errors, 0) << report;
  }

  auto matrices = readSpatialRegistration(file.string());
  ASSERT_TRUE(matrices) << matrices.error().describe();
  EXPECT_EQ(matrices->registeredFrameOfReferenceUid, pair->a.geometry.frameOfReferenceUid);
  auto back = fixedToMovingFrom(*matrices, pair->a.geometry.frameOfReferenceUid, pair->b.geometry.frameOfReferenceUid);
  ASSERT_TRUE(back) << back.error().describe();
  for (int i = 0; i < 16; ++i) EXPECT_NEAR(back->m[i], pair->truth.m[i], 1e-9) << i;

  // Through the pipeline, as `fuse --align REG.dcm` uses it.
  AlignOptions options;
  options.mode = AlignMode::File;
  options.transformFile = file.string();
  auto viaFile = preparePair(pair->a, pair->b, options);
  ASSERT_TRUE(viaFile) << viaFile.error().describe();
  auto direct = resampleVolume(pair->b, pair->a.geometry, pair->truth);
  ASSERT_TRUE(direct);
  ASSERT_EQ(viaFile->b.volume.voxels.size(), direct->volume.voxels.size());
  double largest = 0.0;
  for (std::size_t i = 0; i < direct->volume.voxels.size(); ++i) {
    largest = std::max(largest, static_cast<double>(std::abs(viaFile->b.volume.voxels[i] - direct->volume.voxels[i])));
  }
  EXPECT_LT(largest, 1e-3);
  EXPECT_EQ(viaFile->b.mask, direct->mask);
}

TEST(SpatialRegistrationTest, ObjectForOtherSeriesIsRefused) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const auto dir = scratch("other");
  auto pair = headPair(shared, dir);
  ASSERT_TRUE(pair);
  SpatialRegistrationExport content;
  content.fixed = &pair->a;
  content.moving = &pair->b;
  content.fixedToMoving = pair->truth;
  const fs::path file = dir / "REG.dcm";
  ASSERT_TRUE(writeSpatialRegistration(file.string(), content));
  auto matrices = readSpatialRegistration(file.string());
  ASSERT_TRUE(matrices);
  auto other = fixedToMovingFrom(*matrices, pair->a.geometry.frameOfReferenceUid, "1.2.3.4.5");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::SizeMismatch);
}

TEST(SpatialRegistrationTest, NeedsDicomSeriesOnBothSides) {
  const Volume raster = test::blobVolume(20, 20, 10, {1, 1, 1});
  SpatialRegistrationExport content;
  content.fixed = &raster;
  content.moving = &raster;
  const auto dir = scratch("raster");
  auto written = writeSpatialRegistration((dir / "REG.dcm").string(), content);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::InvalidArgument);
  EXPECT_FALSE(fs::exists(dir / "REG.dcm"));
}

TEST(SpatialRegistrationTest, AnImageIsNotARegistrationObject) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const std::string image = shared + "/data/dicom/slicer-ct-head/CTHead1.dcm";
  EXPECT_FALSE(isSpatialRegistrationFile(image));
  auto read = readSpatialRegistration(image);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, ErrorCode::UnsupportedFormat);
}

}  // namespace
}  // namespace edgefuse
