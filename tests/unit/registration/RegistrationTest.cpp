// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "RegistrationSupport.h"
#include "core/image/Phantom.h"
#include "core/io/VolumeIO.h"
#include "core/pipeline/PreparePair.h"
#include "core/registration/AlignmentScore.h"
#include "core/registration/Registration.h"
#include "core/registration/Resample.h"
#include "core/registration/TransformFile.h"
#include "core/registration/detail/ItkBridge.h"
#include "support/TestSupport.h"

namespace edgefuse {
namespace {

using test::kDegree;

Volume phantomVolume(const Image& image) {
  ImageSeries series;
  series.slices.push_back(image);
  return *volumeFromSeries(series);
}

TEST(AffineTransformTest, RigidInverseComposeAndAngles) {
  const Vec3 angles{3 * kDegree, -7 * kDegree, 12 * kDegree};
  const auto t = AffineTransform::rigid(angles, {4, -2, 9}, {10, 20, 30});
  const Vec3 back = t.eulerAngles();
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(back[a], angles[a], 1e-12);
  const Vec3 p{-5, 17, 3};
  const Vec3 q = t.inverse().apply(t.apply(p));
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(q[a], p[a], 1e-9);
  // The centre moves by the translation only.
  const Vec3 c = t.apply({10, 20, 30});
  EXPECT_NEAR(c[0], 14, 1e-12);
  EXPECT_NEAR(c[1], 18, 1e-12);
  EXPECT_NEAR(c[2], 39, 1e-12);
  const auto id = t.compose(t.inverse());
  for (int i = 0; i < 16; ++i) EXPECT_NEAR(id.m[i], (i % 5 == 0) ? 1.0 : 0.0, 1e-12);
}

ImageSeries dicomLikeSeries(const std::vector<double>& z, double tiltY = 0.0) {
  ImageSeries s;
  for (std::size_t k = 0; k < z.size(); ++k) {
    Image slice(8, 6, 1, static_cast<float>(k));
    slice.meta.pixelSpacingMm = std::array<double, 2>{0.5, 0.7};
    slice.meta.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 1, 0};
    slice.meta.positionPatientMm = std::array<double, 3>{0, tiltY * z[k], z[k]};
    slice.meta.identity.frameOfReferenceUid = "1.2.3";
    s.slices.push_back(slice);
  }
  return s;
}

TEST(VolumeFromSeriesTest, RegularSeriesKeepsItsSlicesAndGeometry) {
  auto v = volumeFromSeries(dicomLikeSeries({0, 2, 4, 6}));
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(v->geometry.size[2], 4);
  EXPECT_NEAR(v->geometry.spacing[0], 0.7, 1e-12);
  EXPECT_NEAR(v->geometry.spacing[1], 0.5, 1e-12);
  EXPECT_NEAR(v->geometry.spacing[2], 2.0, 1e-12);
  EXPECT_EQ(v->geometry.frameOfReferenceUid, "1.2.3");
  EXPECT_TRUE(v->geometry.known);
  EXPECT_TRUE(v->notes.empty());
  EXPECT_FLOAT_EQ(v->at(3, 2, 3), 3.0f);
}

TEST(VolumeFromSeriesTest, GapIsNamedAndInterpolatedOntoARegularGrid) {
  auto v = volumeFromSeries(dicomLikeSeries({0, 2, 4, 10, 12}));
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_EQ(v->geometry.size[2], 7);
  EXPECT_NEAR(v->geometry.spacing[2], 2.0, 1e-12);
  bool gapNoted = false, regridNoted = false;
  for (const auto& n : v->notes) {
    gapNoted |= n.find("gap of 6.00 mm") != std::string::npos;
    regridNoted |= n.find("interpolated linearly") != std::string::npos;
  }
  EXPECT_TRUE(gapNoted);
  EXPECT_TRUE(regridNoted);
  EXPECT_NEAR(v->at(0, 0, 3), 2.0 + 1.0 / 3.0, 1e-5);  // z = 6 mm, between 4 mm (2) and 10 mm (3)
  EXPECT_NEAR(v->at(0, 0, 6), 4.0, 1e-6);
}

TEST(VolumeFromSeriesTest, GantryTiltKeepsAnObliqueSliceAxisAndSaysSo) {
  auto v = volumeFromSeries(dicomLikeSeries({0, 2, 4, 6}, std::tan(15 * kDegree)));
  ASSERT_TRUE(v) << v.error().describe();
  EXPECT_NEAR(v->geometry.shearDegrees(), 15.0, 1e-6);
  EXPECT_NEAR(v->geometry.spacing[2], 2.0 / std::cos(15 * kDegree), 1e-9);
  ASSERT_FALSE(v->notes.empty());
  EXPECT_NE(v->notes.front().find("gantry tilt of 15.00 degrees"), std::string::npos);
  // Slice 3 lies where the file put it.
  const Vec3 p = v->geometry.toPhysical(0, 0, 3);
  EXPECT_NEAR(p[1], 6 * std::tan(15 * kDegree), 1e-9);
  EXPECT_NEAR(p[2], 6.0, 1e-9);
}

TEST(VolumeFromSeriesTest, RasterImageHasUnknownGeometryNoted) {
  const Volume v = phantomVolume(makeHeadPhantom(64).mri);
  EXPECT_FALSE(v.geometry.known);
  EXPECT_EQ(v.geometry.size[2], 1);
  ASSERT_FALSE(v.notes.empty());
  EXPECT_NE(v.notes.back().find("geometry unknown"), std::string::npos);
}

TEST(VolumeFromSeriesTest, MixedOrientationsAreRefused) {
  auto series = dicomLikeSeries({0, 2});
  series.slices[1].meta.orientationPatient = std::array<double, 6>{0, 1, 0, 0, 0, -1};
  auto v = volumeFromSeries(series);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, ErrorCode::SizeMismatch);
}

TEST(ResampleTest, OwnLinearResamplerAgreesWithItk) {
  const Volume moving = test::blobVolume(40, 44, 30, {1.1, 0.9, 1.6});
  VolumeGeometry grid;
  grid.size = {37, 41, 29};
  grid.spacing = {1.0, 1.0, 1.3};
  grid.origin = {-20, -19, -17};
  const auto t = AffineTransform::rigid({4 * kDegree, -3 * kDegree, 9 * kDegree}, {2.5, -1.5, 3}, {1, 2, 3});
  auto ours = resampleVolume(moving, grid, t);
  ASSERT_TRUE(ours) << ours.error().describe();
  const auto itk = detail::resampleLinearItk(moving, grid, t, ours->outsideValue);
  ASSERT_EQ(itk.size(), ours->volume.voxels.size());
  double worst = 0.0;
  std::size_t compared = 0;
  for (std::size_t x = 0; x < itk.size(); ++x) {
    if (!ours->mask[x]) continue;
    worst = std::max(worst, static_cast<double>(std::abs(itk[x] - ours->volume.voxels[x])));
    ++compared;
  }
  EXPECT_GT(compared, itk.size() / 2);
  EXPECT_LT(worst, 1e-3);
  EXPECT_GT(ours->coverage, 0.5);
  EXPECT_LT(ours->coverage, 1.0);
}

TEST(ResampleTest, IdentityOnTheSameGridKeepsEveryValue) {
  const Volume v = test::blobVolume(20, 22, 9, {1, 1, 2});
  auto out = resampleVolume(v, v.geometry, AffineTransform::identity());
  ASSERT_TRUE(out);
  EXPECT_DOUBLE_EQ(out->coverage, 1.0);
  for (std::size_t x = 0; x < v.voxels.size(); ++x) ASSERT_NEAR(out->volume.voxels[x], v.voxels[x], 1e-4);
}

TEST(ResampleTest, UncoveredVoxelsAreMaskedNotStretched) {
  // A 16×16 patch of 1 mm in the middle of a 256-mm field: it covers only
  // its own 16×16 mm, never the whole head.
  Image patch(16, 16, 1, 50.0f);
  const Volume small = phantomVolume(patch);
  Volume big = phantomVolume(makeHeadPhantom(256).mri);
  auto out = resampleVolume(small, big.geometry, AffineTransform::rigid({0, 0, 0}, {-120, -120, 0}));
  ASSERT_TRUE(out);
  EXPECT_NEAR(out->coverage, 16.0 * 16.0 / (256.0 * 256.0), 1e-3);
  EXPECT_EQ(out->mask[0], 0);
}

TEST(ResampleTest, MemoryIsCheckedBeforeAllocation) {
  const Volume v = test::blobVolume(10, 10, 10, {1, 1, 1});
  VolumeGeometry huge;
  huge.size = {4096, 4096, 4096};
  auto out = resampleVolume(v, huge, AffineTransform::identity(), Interpolation::Linear, std::size_t{1} << 30);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::ImageTooLarge);
  EXPECT_NE(out.error().message.find("MiB"), std::string::npos);
}

TEST(ResampleTest, VolumesThatDoNotOverlapAreRefused) {
  const Volume v = test::blobVolume(10, 10, 10, {1, 1, 1});
  auto out = resampleVolume(v, v.geometry, AffineTransform::rigid({0, 0, 0}, {500, 0, 0}));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::SizeMismatch);
}

TEST(ResampleTest, BSplineIsCloseToLinearOnSmoothData) {
  const Volume moving = test::blobVolume(30, 30, 20, {1, 1, 1.5});
  const auto t = AffineTransform::rigid({0, 0, 5 * kDegree}, {1.3, 0.4, 0.2});
  auto linear = resampleVolume(moving, moving.geometry, t);
  auto spline = resampleVolume(moving, moving.geometry, t, Interpolation::BSpline);
  ASSERT_TRUE(linear && spline);
  EXPECT_EQ(linear->mask, spline->mask);
  double diff = 0.0;
  std::size_t n = 0;
  for (std::size_t x = 0; x < linear->mask.size(); ++x) {
    if (!linear->mask[x]) continue;
    diff += std::abs(linear->volume.voxels[x] - spline->volume.voxels[x]);
    ++n;
  }
  EXPECT_LT(diff / n, 3.0);  // values span 0..165; they differ only at edges
  EXPECT_GT(diff / n, 0.0);
}

// ITK's classic multimodal pair: a T1 slice and a proton-density slice
// shifted by 13 and 17 pixels (package insighttoolkit5-examples).
TEST(RegistrationTest, RecoversItksShiftedProtonDensitySliceIn2D) {
  const std::string data = "/usr/share/doc/insighttoolkit5-examples/examples/Data/";
  if (!std::filesystem::exists(data + "BrainT1SliceBorder20.png")) {
    GTEST_SKIP() << "needs ITK's example images (Debian package insighttoolkit5-examples); absent";
  }
  const Volume a = test::readSliceVolume(data + "BrainT1SliceBorder20.png");
  const Volume b = test::readSliceVolume(data + "BrainProtonDensitySliceShifted13x17y.png");
  ASSERT_FALSE(a.empty() || b.empty());
  auto r = registerVolumes(a, b);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->dimension, 2);
  EXPECT_NEAR(r->translationMm[0], 13.0, 0.5);
  EXPECT_NEAR(r->translationMm[1], 17.0, 0.5);
  EXPECT_NEAR(r->rotationDeg[2], 0.0, 0.5);
}

TEST(RegistrationTest, CancelStopsTheRegistration) {
  const Volume a = phantomVolume(makeHeadPhantom(128).mri);
  std::atomic<bool> cancel{true};
  auto r = registerVolumes(a, a, {}, {}, &cancel);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::Cancelled);
}

TEST(PreparePairTest, RegistrationThatDoesNotConvergeIsRefused) {
  const Volume a = phantomVolume(makeHeadPhantom(128).mri);
  AffineTransform truth;
  const Volume b = test::moveOntoGrid(a, AffineTransform::rigid({0, 0, 6 * kDegree}, {7, -5, 0}, a.geometry.centre()),
                                      test::otherGrid(a), truth);
  RegistrationOptions few;
  few.maxIterationsPerLevel = 2;
  auto r = registerVolumes(a, b, few);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_FALSE(r->converged);
  auto full = registerVolumes(a, b);
  ASSERT_TRUE(full);
  EXPECT_TRUE(full->converged);

  AlignOptions options;
  options.mode = AlignMode::Register;
  options.maxIterationsPerLevel = 2;
  auto pair = preparePair(a, b, options);
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error().code, ErrorCode::AlignmentRefused);
  EXPECT_NE(pair.error().message.find("did not converge"), std::string::npos) << pair.error().message;
}

TEST(RegistrationTest, SliceAgainstVolumeIsRefusedClearly) {
  const Volume a = phantomVolume(makeHeadPhantom(64).mri);
  const Volume v = test::blobVolume(40, 40, 40, {1, 1, 1});
  auto r = registerVolumes(a, v);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
}

TEST(RegistrationTest, RecoversA3DRigidMove) {
  const Volume a = test::blobVolume(64, 64, 48, {1.5, 1.5, 2.0});
  Volume b = a;
  VolumeGeometry grid = a.geometry;
  grid.size = {70, 60, 40};
  grid.spacing = {1.4, 1.6, 2.2};
  grid.origin = {-47, -50, -45};
  AffineTransform truth;
  const auto move = AffineTransform::rigid({3 * kDegree, -4 * kDegree, 6 * kDegree}, {4, -3, 2.5}, {0, 0, 0});
  b = test::moveOntoGrid(a, move, grid, truth);
  auto r = registerVolumes(a, b);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->dimension, 3);
  const auto [mean, worst] = test::targetRegistrationError(a, r->fixedToMoving, truth);
  EXPECT_LT(mean, 1.5) << "worst " << worst;  // one voxel is 1.5-2 mm
}

TEST(TransformFileTest, WritesAndReadsBackTheSameTransform) {
  const auto dir = std::filesystem::temp_directory_path() / "edgefuse_tfm_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.tfm").string();
  const auto t = AffineTransform::rigid({0.1, -0.2, 0.3}, {4, 5, -6}, {1, 2, 3});
  ASSERT_TRUE(writeItkTransform(path, t));
  auto back = readItkTransform(path);
  ASSERT_TRUE(back) << back.error().describe();
  for (int i = 0; i < 16; ++i) EXPECT_NEAR(back->m[i], t.m[i], 1e-9);
  std::ofstream(dir / "bad.tfm") << "not a transform\n";
  auto bad = readItkTransform((dir / "bad.tfm").string());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::MalformedData);
  std::filesystem::remove_all(dir);
}

TEST(NiftiTest, WritesAndReadsBackGeometryAndValues) {
  const auto dir = std::filesystem::temp_directory_path() / "edgefuse_nifti_test";
  std::filesystem::create_directories(dir);
  Volume v = test::blobVolume(12, 10, 7, {0.9, 1.1, 2.5});
  v.geometry.direction = {0, 0, 1, 1, 0, 0, 0, 1, 0};  // sagittal-like axes
  const std::string path = (dir / "v.nii.gz").string();
  ASSERT_TRUE(writeNifti(path, v));
  auto back = readVolume(path);
  ASSERT_TRUE(back) << back.error().describe();
  EXPECT_EQ(back->geometry.size, v.geometry.size);
  for (int a = 0; a < 3; ++a) {
    EXPECT_NEAR(back->geometry.spacing[a], v.geometry.spacing[a], 1e-5);
    EXPECT_NEAR(back->geometry.origin[a], v.geometry.origin[a], 1e-4);
  }
  for (int a = 0; a < 9; ++a) EXPECT_NEAR(back->geometry.direction[a], v.geometry.direction[a], 1e-5);
  ASSERT_EQ(back->voxels.size(), v.voxels.size());
  for (std::size_t x = 0; x < v.voxels.size(); ++x) ASSERT_FLOAT_EQ(back->voxels[x], v.voxels[x]);
  EXPECT_EQ(back->meta.format, "nifti");
  std::filesystem::remove_all(dir);
}

TEST(PreparePairTest, SameFrameOfReferenceIsPlacedByGeometry) {
  Volume a = test::blobVolume(30, 30, 20, {1, 1, 1.5});
  a.geometry.frameOfReferenceUid = "1.2.3.4";
  Volume b = a;
  b.geometry.origin[0] += 0.5;  // B's grid differs a little; same frame
  auto pair = preparePair(a, b, {});
  ASSERT_TRUE(pair) << pair.error().describe();
  EXPECT_EQ(pair->method, AlignMethod::Geometry);
  EXPECT_FALSE(pair->registration.has_value());
  EXPECT_TRUE(pair->gate.passed) << pair->gate.reason;
}

TEST(PreparePairTest, AlignNoneRefusesAnotherGrid) {
  const Volume a = test::blobVolume(30, 30, 20, {1, 1, 1.5});
  Volume b = test::blobVolume(32, 30, 20, {1, 1, 1.5});
  AlignOptions options;
  options.mode = AlignMode::None;
  auto pair = preparePair(a, b, options);
  ASSERT_FALSE(pair);
  EXPECT_EQ(pair.error().code, ErrorCode::SizeMismatch);
}

TEST(PreparePairTest, AlignedPhantomPassesTheGateAndKeepsBUnchanged) {
  const PhantomPair phantom = makeHeadPhantom(256);
  const Volume a = phantomVolume(phantom.mri), b = phantomVolume(phantom.ct);
  AlignOptions options;
  options.mode = AlignMode::None;
  auto pair = preparePair(a, b, options);
  ASSERT_TRUE(pair) << pair.error().describe();
  std::cout << "aligned: " << pair->gate.reason << "\n";
  EXPECT_TRUE(pair->gate.passed) << pair->gate.reason;
  EXPECT_EQ(pair->method, AlignMethod::SameGrid);
  EXPECT_EQ(pair->b.volume.voxels, b.voxels);
}

TEST(PreparePairTest, MisalignedPairIsRefusedByTheGateWithItsScore) {
  const PhantomPair phantom = makeHeadPhantom(256);
  const Volume a = phantomVolume(phantom.mri);
  Volume b = phantomVolume(phantom.ct);
  AffineTransform truth;
  b = test::moveOntoGrid(b, AffineTransform::rigid({0, 0, 0}, {12, 0, 0}), b.geometry, truth);
  b.geometry.known = false;
  AlignOptions options;
  options.mode = AlignMode::None;
  auto pair = preparePair(a, b, options);
  ASSERT_TRUE(pair) << pair.error().describe();
  std::cout << "misaligned: " << pair->gate.reason << "\n";
  EXPECT_FALSE(pair->gate.passed) << pair->gate.reason;
  const Error e = gateRefusal(*pair);
  EXPECT_EQ(e.code, ErrorCode::AlignmentRefused);
  EXPECT_NE(e.message.find("alignment score"), std::string::npos);
}

}  // namespace
}  // namespace edgefuse
