// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <cmath>

#include "core/train/detail/Losses.h"

using namespace edgefuse::detail;

TEST(Losses, IdenticalImagesHaveNoLossAndPerfectSsim) {
  const at::Tensor x = at::rand({2, 1, 32, 32});
  EXPECT_NEAR(sobelGradientLoss(x, x).item<double>(), 0.0, 1e-12);
  EXPECT_NEAR(meanSsim(x, x).item<double>(), 1.0, 1e-5);
}

TEST(Losses, GradientLossGrowsWithTheSquareOfTheEdgeContrast) {
  // A vertical step edge against a flat image: |Kx ∗ step| is 4·h along the
  // edge (two columns), so the loss scales with h².
  at::Tensor step = at::zeros({1, 1, 16, 16});
  step.slice(3, 8, 16).fill_(1.0);
  const at::Tensor flat = at::zeros_like(step);
  const double full = sobelGradientLoss(step, flat).item<double>();
  const double half = sobelGradientLoss(0.5 * step, flat).item<double>();
  EXPECT_GT(full, 0.1);
  EXPECT_NEAR(full, 4.0 * half, 1e-6);
  EXPECT_NEAR(sobelGradientLoss(flat, step).item<double>(), full, 1e-9);  // symmetric
}

TEST(Losses, PsnrOfAKnownError) {
  const at::Tensor x = at::zeros({1, 1, 8, 8});
  const at::Tensor y = at::full({1, 1, 8, 8}, 0.1);
  EXPECT_NEAR(psnr(x, y)[0].item<double>(), 20.0, 1e-4);  // MSE 0.01 → 20 dB
}

TEST(Losses, SsimDropsWithNoise) {
  at::manual_seed(1);
  const at::Tensor x = at::rand({1, 1, 48, 48});
  const double clean = meanSsim(x, x).item<double>();
  const double noisy = meanSsim(x, (x + 0.2 * at::randn_like(x)).clamp(0, 1)).item<double>();
  EXPECT_LT(noisy, clean - 0.1);
}
