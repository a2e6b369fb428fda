// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include "core/image/Phantom.h"
#include "core/image/Resample.h"

using namespace edgefuse;

namespace {

Image ramp(int w, int h) {
  Image image(w, h, 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) image.at(x, y) = static_cast<float>(x);
  return image;
}

}  // namespace

TEST(Resample, SameGridDependsOnSizeAndSpacing) {
  Image a = ramp(8, 8), b = ramp(8, 8);
  EXPECT_TRUE(sameGrid(a, b));
  a.meta.pixelSpacingMm = std::array<double, 2>{1.0, 1.0};
  EXPECT_TRUE(sameGrid(a, b)) << "unknown spacing on one side is not a mismatch";
  b.meta.pixelSpacingMm = std::array<double, 2>{0.5, 0.5};
  EXPECT_FALSE(sameGrid(a, b));
  EXPECT_FALSE(sameGrid(ramp(8, 8), ramp(16, 8)));
}

TEST(Resample, StretchesTheFieldOfViewWithoutSpacingAndSaysSo) {
  const Image moving = ramp(16, 16);
  const Image reference = ramp(8, 8);
  std::vector<std::string> notes;
  auto out = resampleToGrid(moving, reference, notes);
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_EQ(out->width, 8);
  EXPECT_EQ(out->height, 8);
  // Reference pixel x samples the moving image at 2x + 0.5: the mean of columns 2x and 2x+1.
  EXPECT_NEAR(out->at(0, 0), 0.5f, 1e-5);
  EXPECT_NEAR(out->at(7, 3), 14.5f, 1e-5);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("stretched"), std::string::npos);
  EXPECT_EQ(out->meta.notes.back(), notes[0]);
}

TEST(Resample, KeepsPhysicalScaleCentreOnCentre) {
  Image moving = ramp(20, 20);
  moving.meta.pixelSpacingMm = std::array<double, 2>{1.0, 1.0};
  Image reference = ramp(10, 10);
  reference.meta.pixelSpacingMm = std::array<double, 2>{1.0, 1.0};
  std::vector<std::string> notes;
  auto out = resampleToGrid(moving, reference, notes);
  ASSERT_TRUE(out);
  // Same spacing: the central 10 columns of the moving image (5..14).
  EXPECT_NEAR(out->at(0, 0), 5.0f, 1e-5);
  EXPECT_NEAR(out->at(9, 9), 14.0f, 1e-5);
  EXPECT_NE(notes[0].find("centre on centre"), std::string::npos);
}

TEST(Resample, MatchesByPatientPositionAndMarksPixelsOutside) {
  Image moving = ramp(10, 10);
  moving.meta.pixelSpacingMm = std::array<double, 2>{1.0, 1.0};
  moving.meta.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 1, 0};
  moving.meta.positionPatientMm = std::array<double, 3>{0, 0, 0};
  Image reference = moving;
  reference.meta.positionPatientMm = std::array<double, 3>{5, 0, 0};
  std::vector<std::string> notes;
  auto out = resampleToGrid(moving, reference, notes);
  ASSERT_TRUE(out);
  EXPECT_NEAR(out->at(0, 0), 5.0f, 1e-5);
  EXPECT_NEAR(out->at(4, 0), 9.0f, 1e-5);
  EXPECT_NEAR(out->at(9, 0), 0.0f, 1e-5) << "outside B: its minimum";
  EXPECT_NE(notes[0].find("patient position"), std::string::npos);
  EXPECT_NE(notes[0].find("outside B"), std::string::npos);
}

TEST(Resample, RefusesDifferentOrientations) {
  Image moving = ramp(10, 10);
  moving.meta.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 1, 0};
  Image reference = moving;
  reference.meta.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 0, -1};
  std::vector<std::string> notes;
  auto out = resampleToGrid(moving, reference, notes);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::SizeMismatch);
}

TEST(Resample, ResamplesEveryChannelOfAColourImage) {
  const PhantomPair p = makeHeadPhantom(64);
  Image rgb(64, 64, 3);
  for (std::size_t i = 0; i < p.mri.pixelCount(); ++i)
    for (int c = 0; c < 3; ++c) rgb.pixels[3 * i + c] = p.mri.pixels[i] * (c + 1);
  std::vector<std::string> notes;
  auto out = resampleToGrid(rgb, makeHeadPhantom(32).mri, notes);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->channels, 3);
  EXPECT_NEAR(out->at(16, 16, 2), 3.0f * out->at(16, 16, 0), 1e-3);
}
