// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch. Never include from a public header or
// from anything that sees Qt.

#include <ATen/ATen.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse::detail {

/// The two network families of the authors' code.
enum class Architecture {
  EhDran,    ///< edge-enhanced (model_edge_enhance.py): LeakyReLU decoder
  DilranV5,  ///< DILRAN model v5 (model_v5.py): linear decoder, no edge enhancer
};

const char* architectureName(Architecture a);  ///< "eh-dran" / "dilran-v5"
Expected<Architecture> parseArchitecture(const std::string& name);

/// How BatchNorm layers compute their statistics.
enum class BnUse {
  Running,   ///< stored running statistics (eval)
  PerImage,  ///< statistics of each image of the batch separately (the authors' batch-of-one inference)
  Train,     ///< statistics of the whole batch, running statistics updated (training)
};

/// Tensor names and shapes the architecture needs, in the authors' key layout
/// (e.g. "fe.fe.dilran.conv_d.weight"). Keys of the authors' files that are
/// not listed here (fe.conv_id, fe.conv2, fe.bnorm) are unused by their forward.
std::vector<std::pair<std::string, std::vector<std::int64_t>>> requiredTensors(Architecture a);

/// Recognises the architecture from a state dict's keys.
Expected<Architecture> detectArchitecture(const std::map<std::string, at::Tensor>& tensors);

/// Checks that every required tensor is present with its shape and is finite;
/// the error names the key. Returns the required tensors only (float32, contiguous).
Expected<std::map<std::string, at::Tensor>> validateTensors(Architecture a,
                                                            const std::map<std::string, at::Tensor>& tensors,
                                                            const std::string& source);

/// The encoder/decoder of EH-DRAN or DILRAN v5, computed exactly as the
/// authors' forward does, with parameters held by name. Not thread-safe; the
/// engine's worker owns one instance.
class FusionNetwork {
 public:
  FusionNetwork(Architecture arch, std::map<std::string, at::Tensor> tensors);

  /// Fresh weights as PyTorch's default initialisation would draw them
  /// (Kaiming-uniform convolutions, BatchNorm 1/0, Sobel kernels), seeded.
  static FusionNetwork initialise(Architecture arch, std::uint64_t seed);

  Architecture architecture() const { return m_arch; }

  /// Encoder: x (N,1,H,W) in [0,1], H and W even → features (N,64,H,W).
  /// `dropout` applies the edge enhancer's dropout (training only).
  at::Tensor encode(const at::Tensor& x, BnUse bn, bool dropout = false);

  /// Decoder: features (N,64,H,W) → image (N,1,H,W), not clamped.
  at::Tensor decode(const at::Tensor& features) const;

  /// Folds the weights for fast inference (call after loading and `to`, and
  /// again after the tensors change). Required by encodeInference.
  void prepareInference();

  /// The same function as encode(x, Running or PerImage) for inference only
  /// (no autograd): the 1×1 reduce is folded into the dilated convolutions
  /// (and, with running statistics, the first BatchNorm too), 1×1 convolutions
  /// run as GEMMs, the gates multiply in place without materialising the
  /// upsampled map, and the Sobel branch is one fused CPU kernel. Equal to
  /// encode() up to float rounding (tests compare the two).
  at::Tensor encodeInference(const at::Tensor& x, BnUse bn) const;

  /// Moves all tensors to a device (and keeps them float32).
  void to(const at::Device& device);
  at::Device device() const;

  /// Trainable parameters (weights and biases, BatchNorm affine, Sobel kernels).
  std::vector<at::Tensor> parameters() const;
  /// Everything that is saved (parameters and BatchNorm running statistics), by key.
  const std::map<std::string, at::Tensor>& tensors() const { return m_tensors; }
  std::map<std::string, at::Tensor>& tensors() { return m_tensors; }

  /// Number of multiply-adds ×2 (FLOPs) of one encode of an H×W image, as
  /// this implementation computes it (the shared conv once per link of its chain).
  static double encodeFlops(Architecture arch, std::int64_t height, std::int64_t width);
  static double decodeFlops(Architecture arch, std::int64_t height, std::int64_t width);

 private:
  const at::Tensor& t(const std::string& key) const;
  at::Tensor batchNorm(const at::Tensor& x, const std::string& prefix, BnUse bn);
  at::Tensor encodeBody(const at::Tensor& x, BnUse bn, bool dropout);

  Architecture m_arch;
  std::map<std::string, at::Tensor> m_tensors;

  // Folded weights of encodeInference.
  struct InferencePlan {
    at::Tensor shallowWeight, shallowBias;          // (1,64,1,1)
    at::Tensor dilatedWeights[3], dilatedBias;      // reduce folded in (BatchNorm not)
    at::Tensor dilatedWeightsBn[3], dilatedBiasBn;  // reduce and the running BatchNorm folded in
    at::Tensor bnScale, bnShift;                    // running BatchNorm as an affine map (1,64,1,1)
    at::Tensor downWeight, upWeight, edgeBias;      // 1×1 convolutions as matrices; their biases summed
  };
  std::shared_ptr<const InferencePlan> m_plan;
};

}  // namespace edgefuse::detail
