// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>

#include "core/fusion/Baselines.h"
#include "core/image/Normalize.h"
#include "core/image/Phantom.h"

using namespace edgefuse;

namespace {

Image grey(int w, int h, std::vector<float> values) {
  Image img(w, h, 1);
  img.pixels = std::move(values);
  return img;
}

}  // namespace

TEST(Baselines, AverageAndMaximum) {
  const Image a = grey(2, 1, {0.2f, 0.8f});
  const Image b = grey(2, 1, {0.6f, 0.4f});
  EXPECT_EQ(fuseAverage(a, b).pixels, (std::vector<float>{0.4f, 0.6f}));
  EXPECT_EQ(fuseMaximum(a, b).pixels, (std::vector<float>{0.6f, 0.8f}));
}

TEST(Baselines, LaplacianPyramidOfAnImageWithItselfReconstructsIt) {
  const PhantomPair p = makeHeadPhantom(96);
  const Image a = normalizeToUnit(p.mri, Normalization::MinMax);
  const Image f = fuseLaplacianPyramid(a, a);
  ASSERT_EQ(f.width, a.width);
  for (std::size_t i = 0; i < a.pixels.size(); ++i) ASSERT_NEAR(f.pixels[i], a.pixels[i], 1e-5);
}

TEST(Baselines, LaplacianPyramidHandlesOddSizes) {
  Image a(37, 23, 1), b(37, 23, 1);
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    a.pixels[i] = static_cast<float>((i * 37) % 101) / 100.0f;
    b.pixels[i] = static_cast<float>((i * 13) % 89) / 88.0f;
  }
  const Image f = fuseLaplacianPyramid(a, b);
  EXPECT_EQ(f.width, 37);
  EXPECT_EQ(f.height, 23);
  for (float v : f.pixels) {
    EXPECT_GE(v, 0.0f);
    EXPECT_LE(v, 1.0f);
  }
}

TEST(Baselines, LaplacianPyramidKeepsTheStrongerDetail) {
  // A has a sharp edge, B is flat: the fused image keeps A's edge contrast
  // (at half the base level, since the base is averaged).
  Image a(64, 64, 1), b(64, 64, 1, 0.5f);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x) a.at(x, y) = x < 32 ? 0.2f : 0.8f;
  }
  const Image f = fuseLaplacianPyramid(a, b);
  const float step = f.at(33, 32) - f.at(30, 32);
  const float averageStep = 0.5f * (0.8f - 0.2f);
  EXPECT_GT(step, averageStep);
}
