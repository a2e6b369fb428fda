// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include "core/image/Phantom.h"
#include "core/pipeline/PairAlignment.h"

using namespace edgefuse;

namespace {

ImageSeries stack(int count, int size, bool withPositions, double firstZ = 0.0, double stepZ = 1.0) {
  ImageSeries series;
  for (int i = 0; i < count; ++i) {
    Image slice(size, size, 1, static_cast<float>(i));
    if (withPositions) {
      slice.meta.orientationPatient = std::array<double, 6>{1, 0, 0, 0, 1, 0};
      slice.meta.positionPatientMm = std::array<double, 3>{0, 0, firstZ + stepZ * i};
    }
    series.slices.push_back(slice);
  }
  return series;
}

}  // namespace

TEST(PairAlignment, SameGridAndCountPairsByIndexWithoutNotes) {
  auto out = alignToAnatomical(stack(3, 16, false), stack(3, 16, false));
  ASSERT_TRUE(out) << out.error().describe();
  EXPECT_FALSE(out->resampled);
  EXPECT_TRUE(out->notes.empty());
  ASSERT_EQ(out->b.size(), 3u);
  EXPECT_EQ(out->b[2].pixels[0], 2.0f);
}

TEST(PairAlignment, MatchesSlicesByPosition) {
  // A: z = 10, 12, 14; B: z = 0..19 in 1 mm steps.
  auto out = alignToAnatomical(stack(3, 16, true, 10.0, 2.0), stack(20, 16, true));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->sourceSlice, (std::vector<std::size_t>{10, 12, 14}));
  ASSERT_EQ(out->notes.size(), 1u);
  EXPECT_NE(out->notes[0].find("nearest B slice by position"), std::string::npos);
}

TEST(PairAlignment, FallsBackToRelativePlaceAndSaysSo) {
  auto out = alignToAnatomical(stack(1, 16, false), stack(9, 16, false));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->sourceSlice[0], 4u) << "a single A slice pairs with B's middle slice";
  EXPECT_NE(out->notes[0].find("relative place"), std::string::npos);
}

TEST(PairAlignment, ResamplesBToTheGridOfA) {
  const PhantomPair small = makeHeadPhantom(64);
  const PhantomPair big = makeHeadPhantom(128);
  ImageSeries a, b;
  a.slices.push_back(small.mri);
  b.slices.push_back(big.ct);
  auto out = alignToAnatomical(a, b);
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->resampled);
  EXPECT_EQ(out->b[0].width, 64);
  EXPECT_EQ(out->b[0].meta.units, "HU");
  ASSERT_FALSE(out->notes.empty());
  EXPECT_NE(out->notes.back().find("resampled"), std::string::npos);
}
