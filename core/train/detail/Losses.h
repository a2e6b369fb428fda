// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch.

#include <ATen/ATen.h>

namespace edgefuse::detail {

/// Sobel gradient loss of the EH-DRAN paper: mean over pixels of
/// (|Kx∗ŷ| − |Kx∗x|)² + (|Ky∗ŷ| − |Ky∗x|)², for (N,1,H,W) tensors.
at::Tensor sobelGradientLoss(const at::Tensor& output, const at::Tensor& target);

/// Mean SSIM (Wang et al. 2004: Gaussian window 11, σ 1.5, K1 0.01, K2 0.03,
/// data range 1) over the valid region of each image, averaged over the batch.
/// Differentiable; used as the structural loss term and for validation.
at::Tensor meanSsim(const at::Tensor& x, const at::Tensor& y);

/// PSNR in dB with data range 1, per image of the batch (N).
at::Tensor psnr(const at::Tensor& x, const at::Tensor& y);

}  // namespace edgefuse::detail
