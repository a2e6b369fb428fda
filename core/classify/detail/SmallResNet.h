// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Internal to core/: includes LibTorch. Never include from a public header or
// from anything that sees Qt.

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse::detail {

/// Shape of EdgeFuse's own classifier network ("resnet-small"); stored in
/// model.json "architecture_params".
struct SmallResNetParams {
  std::vector<std::int64_t> widths{32, 64, 128, 256};  ///< channels of each stage
  std::vector<std::int64_t> strides{1, 2, 2, 1};       ///< stride of each stage's first convolution
  /// Basic blocks in each stage (empty = one each). The first block of stage
  /// i is the module "stage<i>", further ones "stage<i>_<k>" (k = 2, 3, ...),
  /// so one-block models keep their tensor names.
  std::vector<std::int64_t> blocks;
  std::int64_t stemStride = 2;  ///< stride of the 3×3 stem convolution
  bool stemPool = true;         ///< 2×2 max pooling after the stem
  double dropout = 0.2;         ///< before the final linear layer (training only)
  std::int64_t inputChannels = 1;
  std::int64_t classes = 4;

  /// As the JSON object text stored in model.json.
  std::string toJson() const;
  /// From that JSON object text; InvalidArgument errors name the field.
  static Expected<SmallResNetParams> fromJson(const std::string& json, std::int64_t inputChannels,
                                              std::int64_t classes);
  /// Total stride from the input to the last feature map.
  std::int64_t totalStride() const;
  /// Blocks in stage `i` (1 when `blocks` is empty).
  std::int64_t blocksIn(std::size_t i) const { return blocks.empty() ? 1 : blocks[i]; }
  /// Module name of block `block` (1-based) of stage `stage` (0-based).
  static std::string blockName(std::size_t stage, std::int64_t block);
  /// Module name of the last block of the last stage (Grad-CAM's layer).
  std::string lastBlockName() const { return blockName(widths.size() - 1, blocksIn(widths.size() - 1)); }
};

/// A ResNet basic block: 3×3 conv–BN–ReLU–3×3 conv–BN, plus the identity (or
/// a 1×1 conv–BN when the shape changes), then ReLU.
class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(std::int64_t in, std::int64_t out, std::int64_t stride);
  at::Tensor forward(const at::Tensor& x);
  /// The last BatchNorm's scale, zeroed at initialisation so that each block
  /// starts as the identity (trains faster from scratch).
  torch::nn::BatchNorm2d& lastNorm() { return m_bn2; }

 private:
  torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr}, m_shortcutConv{nullptr};
  torch::nn::BatchNorm2d m_bn1{nullptr}, m_bn2{nullptr}, m_shortcutBn{nullptr};
};
TORCH_MODULE(BasicBlock);

/// The compact classifier: stem, basic blocks in stages, global average
/// pooling, dropout, linear. For a 128×128 input with the default shape the
/// last feature map is 256×8×8 (Grad-CAM's layer). Not thread-safe.
class SmallResNetImpl : public torch::nn::Module {
 public:
  explicit SmallResNetImpl(const SmallResNetParams& params);

  /// Last feature maps (N, widths.back(), H/stride, W/stride).
  at::Tensor features(const at::Tensor& x);
  /// Logits (N, classes) from the last feature maps.
  at::Tensor head(const at::Tensor& features);
  at::Tensor forward(const at::Tensor& x) { return head(features(x)); }

  const SmallResNetParams& params() const { return m_params; }

  /// Parameters and BatchNorm buffers by name (what is saved).
  std::map<std::string, at::Tensor> stateDict() const;
  /// Copies a state dict in; every tensor must be present with its shape
  /// (ModelInvalid naming the key otherwise). `source` names the file.
  Expected<void> loadStateDict(const std::map<std::string, at::Tensor>& tensors, const std::string& source);

  /// Multiply-adds ×2 of one forward pass at `height`×`width`.
  double flops(std::int64_t height, std::int64_t width) const;

 private:
  SmallResNetParams m_params;
  torch::nn::Conv2d m_stemConv{nullptr};
  torch::nn::BatchNorm2d m_stemBn{nullptr};
  std::vector<BasicBlock> m_stages;
  torch::nn::Linear m_fc{nullptr};
};
TORCH_MODULE(SmallResNet);

}  // namespace edgefuse::detail
