// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/train/detail/Losses.h"

#include <cmath>

namespace edgefuse::detail {
namespace {

at::Tensor sobelKernels(const at::TensorOptions& options) {
  const float kx[9] = {-1, 0, 1, -2, 0, 2, -1, 0, 1};
  const at::Tensor x = at::from_blob(const_cast<float*>(kx), {1, 1, 3, 3}, at::kFloat).clone();
  return at::cat({x, x.transpose(2, 3)}, 0).to(options);
}

at::Tensor gaussianWindow(const at::TensorOptions& options) {
  constexpr int kSize = 11;
  constexpr double kSigma = 1.5;
  std::vector<float> g(kSize);
  double sum = 0.0;
  for (int i = 0; i < kSize; ++i) {
    const double d = i - kSize / 2;
    g[static_cast<std::size_t>(i)] = static_cast<float>(std::exp(-d * d / (2 * kSigma * kSigma)));
    sum += g[static_cast<std::size_t>(i)];
  }
  for (auto& v : g) v = static_cast<float>(v / sum);
  const at::Tensor g1 = at::tensor(g, at::kFloat);
  return at::outer(g1, g1).reshape({1, 1, kSize, kSize}).to(options);
}

}  // namespace

at::Tensor sobelGradientLoss(const at::Tensor& output, const at::Tensor& target) {
  const at::Tensor k = sobelKernels(output.options());
  const at::Tensor go = at::conv2d(output, k, {}, 1, 1).abs();
  const at::Tensor gt = at::conv2d(target, k, {}, 1, 1).abs();
  // Sum over the two directions, mean over pixels.
  return (go - gt).pow(2).sum(1).mean();
}

at::Tensor meanSsim(const at::Tensor& x, const at::Tensor& y) {
  constexpr double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
  const at::Tensor w = gaussianWindow(x.options());
  const at::Tensor mx = at::conv2d(x, w), my = at::conv2d(y, w);
  const at::Tensor sxx = at::conv2d(x * x, w) - mx * mx;
  const at::Tensor syy = at::conv2d(y * y, w) - my * my;
  const at::Tensor sxy = at::conv2d(x * y, w) - mx * my;
  const at::Tensor map = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2));
  return map.mean();
}

at::Tensor psnr(const at::Tensor& x, const at::Tensor& y) {
  const at::Tensor mse = (x - y).pow(2).flatten(1).mean(1).clamp_min(1e-12);
  return -10.0 * at::log10(mse);
}

}  // namespace edgefuse::detail
