// SPDX-License-Identifier: GPL-3.0-or-later
// checkStructure: anatomical images have strongly correlated neighbouring
// pixels, noise files have none; undefined cases are said, not guessed.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "core/classify/InputCheck.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"
#include "support/TestSupport.h"

namespace fs = std::filesystem;
using namespace edgefuse;

namespace {

// Binary salt-and-pepper noise as in the corrupted files of the tumour data.
Image binaryNoise(int size, unsigned seed) {
  Image image(size, size, 1);
  std::mt19937 rng(seed);
  std::bernoulli_distribution white(0.48);
  for (auto& v : image.pixels) v = white(rng) ? 255.0f : 0.0f;
  return image;
}

}  // namespace

TEST(InputCheck, SmoothImagesHaveStructure) {
  Image ramp(64, 48, 1);
  for (int y = 0; y < ramp.height; ++y)
    for (int x = 0; x < ramp.width; ++x) ramp.at(x, y) = static_cast<float>(x + 2 * y);
  const auto check = checkStructure(ramp);
  ASSERT_TRUE(check.neighbourCorrelation);
  EXPECT_GT(*check.neighbourCorrelation, 0.99);
  EXPECT_FALSE(check.noStructure);

  const auto phantom = makeHeadPhantom(128);
  for (const Image* image : {&phantom.mri, &phantom.ct}) {
    const auto p = checkStructure(*image);
    ASSERT_TRUE(p.neighbourCorrelation);
    EXPECT_GT(*p.neighbourCorrelation, 0.5);
    EXPECT_FALSE(p.noStructure);
  }
}

TEST(InputCheck, NoiseHasNoStructure) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const auto check = checkStructure(binaryNoise(128, seed));
    ASSERT_TRUE(check.neighbourCorrelation);
    EXPECT_LT(std::abs(*check.neighbourCorrelation), 0.05);
    EXPECT_TRUE(check.noStructure);
  }
  // Noise around a large offset (stored units such as CT's HU) is still noise.
  Image offset = binaryNoise(64, 4);
  for (auto& v : offset.pixels) v = 3000.0f + v / 255.0f;
  EXPECT_TRUE(checkStructure(offset).noStructure);
  // A colour image is measured on its luma.
  Image colour(64, 64, 3);
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(0.0f, 255.0f);
  for (auto& v : colour.pixels) v = u(rng);
  EXPECT_TRUE(checkStructure(colour).noStructure);
  // A checkerboard is perfectly anti-correlated: no picture of anything either.
  Image board(16, 16, 1);
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x) board.at(x, y) = static_cast<float>((x + y) % 2);
  const auto b = checkStructure(board);
  ASSERT_TRUE(b.neighbourCorrelation);
  EXPECT_NEAR(*b.neighbourCorrelation, -1.0, 1e-12);
  EXPECT_TRUE(b.noStructure);
}

TEST(InputCheck, UndefinedCasesAreEmptyNotNoise) {
  const auto constant = checkStructure(Image(32, 32, 1, 7.0f));
  EXPECT_FALSE(constant.neighbourCorrelation);
  EXPECT_FALSE(constant.noStructure);
  EXPECT_FALSE(checkStructure(Image(1, 1, 1, 1.0f)).neighbourCorrelation);
  EXPECT_FALSE(checkStructure(Image()).neighbourCorrelation);
  Image withNan(8, 8, 1, 1.0f);
  withNan.at(3, 3) = std::nanf("");
  EXPECT_FALSE(checkStructure(withNan).neighbourCorrelation);
  // One row: only the horizontal pairs count.
  Image row(32, 1, 1);
  for (int x = 0; x < 32; ++x) row.at(x, 0) = static_cast<float>(x);
  const auto r = checkStructure(row);
  ASSERT_TRUE(r.neighbourCorrelation);
  EXPECT_NEAR(*r.neighbourCorrelation, 1.0, 1e-12);
}

TEST(InputCheck, SeparatesTheRealNoiseFilesFromRealSlices) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  const fs::path validation = fs::path(shared) / "data" / "brain-tumor" / "validation";
  if (!fs::is_directory(validation)) GTEST_SKIP() << "no brain-tumor/validation in " << shared;
  // Files looked at by eye: one noise file labelled pituitary, one real slice.
  auto noise = readImage((validation / "pituitary" / "image_17561.png").string());
  ASSERT_TRUE(noise) << noise.error().describe();
  const auto n = checkStructure(*noise);
  ASSERT_TRUE(n.neighbourCorrelation);
  EXPECT_LT(*n.neighbourCorrelation, 0.05);
  EXPECT_TRUE(n.noStructure);
  auto slice = readImage((validation / "glioma" / "image_00068.png").string());
  ASSERT_TRUE(slice) << slice.error().describe();
  const auto s = checkStructure(*slice);
  ASSERT_TRUE(s.neighbourCorrelation);
  EXPECT_GT(*s.neighbourCorrelation, 0.4);
  EXPECT_FALSE(s.noStructure);
}
