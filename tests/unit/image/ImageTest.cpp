// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>

#include "core/image/CaseId.h"
#include "core/image/Color.h"
#include "core/image/Image.h"
#include "core/image/Normalize.h"
#include "core/image/Phantom.h"

using namespace edgefuse;

TEST(Image, MinMaxAndChannels) {
  Image rgb(2, 1, 3);
  rgb.pixels = {10, 20, 30, 40, 50, 60};
  EXPECT_EQ(rgb.minMax(), (std::pair<float, float>{10.0f, 60.0f}));
  EXPECT_FALSE(rgb.isGreyStoredAsRgb());
  const Image g = rgb.channel(1);
  EXPECT_EQ(g.pixels, (std::vector<float>{20, 50}));
  Image grey(2, 1, 3);
  grey.pixels = {7, 7, 7, 9, 9, 9};
  EXPECT_TRUE(grey.isGreyStoredAsRgb());
}

TEST(Color, Bt601FullRangeMatchesHandComputedValues) {
  Image rgb(1, 1, 3);
  rgb.pixels = {255, 0, 0};
  const YCbCr planes = rgbToYCbCr(rgb, 128.0f);
  EXPECT_NEAR(planes.y.pixels[0], 0.299 * 255, 1e-4);
  EXPECT_NEAR(planes.cb.pixels[0], -0.168736 * 255 + 128, 1e-4);
  EXPECT_NEAR(planes.cr.pixels[0], 0.5 * 255 + 128, 1e-4);
}

TEST(Color, RoundTripIsIdentity) {
  Image rgb(3, 1, 3);
  rgb.pixels = {0.1f, 0.5f, 0.9f, 1.0f, 0.0f, 0.3f, 0.25f, 0.25f, 0.25f};
  const YCbCr planes = rgbToYCbCr(rgb, 0.5f);
  const Image back = yCbCrToRgb(planes.y, planes.cb, planes.cr, 0.5f);
  for (std::size_t i = 0; i < rgb.pixels.size(); ++i) EXPECT_NEAR(back.pixels[i], rgb.pixels[i], 1e-5);
}

TEST(Normalize, MinMaxMapsToUnitInterval) {
  Image img(3, 1, 1);
  img.pixels = {10, 20, 30};
  const Image u = normalizeToUnit(img, Normalization::MinMax);
  EXPECT_EQ(u.pixels, (std::vector<float>{0.0f, 0.5f, 1.0f}));
}

TEST(Normalize, RangeDividesByNominalRangeAndSaysWhenItClamps) {
  Image img(3, 1, 1);
  img.pixels = {0, 51, 300};
  img.meta.nominalMin = 0;
  img.meta.nominalMax = 255;
  std::vector<std::string> notes;
  const Image u = normalizeToUnit(img, Normalization::Range, &notes);
  EXPECT_FLOAT_EQ(u.pixels[1], 0.2f);
  EXPECT_FLOAT_EQ(u.pixels[2], 1.0f);
  ASSERT_EQ(notes.size(), 1u);
}

TEST(Normalize, ConstantImageIsZeroAndNoted) {
  Image img(4, 4, 1, 42.0f);
  std::vector<std::string> notes;
  const Image u = normalizeToUnit(img, Normalization::MinMax, &notes);
  for (float v : u.pixels) EXPECT_EQ(v, 0.0f);
  EXPECT_EQ(notes.size(), 1u);
}

TEST(Phantom, IsDeterministicAndHasDistinctTissues) {
  const PhantomPair p1 = makeHeadPhantom(128);
  const PhantomPair p2 = makeHeadPhantom(128);
  EXPECT_EQ(p1.mri.pixels, p2.mri.pixels);
  EXPECT_EQ(p1.ct.pixels, p2.ct.pixels);
  EXPECT_EQ(p1.mri.width, 128);
  // Air in the corner, skull bright on CT, brain bright on MRI.
  EXPECT_LT(p1.ct.at(0, 0), -900.0f);
  EXPECT_GT(p1.ct.at(64, 64 - static_cast<int>(0.885 * 64)), 800.0f);
  EXPECT_GT(p1.mri.at(64, 70), 150.0f);
  EXPECT_EQ(p1.ct.meta.units, "HU");
  EXPECT_EQ(p1.mri.meta.modality, "MR");
}

TEST(CaseId, LeadingDigitsWithoutTheSliceNumber) {
  EXPECT_EQ(caseIdOf("2004.png"), 2);
  EXPECT_EQ(caseIdOf("10007.png"), 10);
  EXPECT_EQ(caseIdOf("/data/CT-MRI/MRI/33008.png"), 33);
  EXPECT_EQ(caseIdOf("phantom.png"), -1);
  EXPECT_EQ(caseIdOf("123.png"), -1);
}
