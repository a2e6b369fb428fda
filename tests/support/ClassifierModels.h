// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Builders of classifier model folders for tests: EdgeFuse's own network with
// seeded random weights, and TorchScript plug-ins defined from TorchScript
// source in C++ (no Python needed). Includes LibTorch: for test code only.

#include <torch/script.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/base/Sha256.h"
#include "core/classify/detail/ClassifierBackend.h"
#include "core/classify/detail/SmallResNet.h"

namespace edgefuse::test {

/// A fresh, empty temporary folder unique to this process.
inline std::filesystem::path freshTempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("edgefuse-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Writes a native ("resnet-small") model folder with seeded random weights.
inline std::string makeNativeModel(const std::filesystem::path& dir, std::vector<std::int64_t> widths = {8, 16},
                                   std::vector<std::int64_t> strides = {1, 2}, int inputSize = 64,
                                   std::vector<std::string> labels = {"glioma", "meningioma", "notumor", "pituitary"}) {
  detail::SmallResNetParams params;
  params.widths = std::move(widths);
  params.strides = std::move(strides);
  params.classes = static_cast<std::int64_t>(labels.size());
  at::manual_seed(7);
  detail::SmallResNet net(params);
  // Non-trivial last BatchNorm scales, so that the random network's output
  // depends on its input (they start at zero).
  {
    at::NoGradGuard noGrad;
    for (auto& [key, tensor] : net->stateDict()) {
      if (key.find("bn2.weight") != std::string::npos) tensor.uniform_(0.5, 1.5);
    }
  }
  detail::NativeModelCard card;
  card.name = "random-classifier";
  card.version = "test";
  card.description = "seeded random weights for tests";
  card.labels = std::move(labels);
  card.preprocessing.inputWidth = inputSize;
  card.preprocessing.inputHeight = inputSize;
  card.preprocessing.mean = {0.3f};
  card.preprocessing.std = {0.3f};
  card.extraJson =
      nlohmann::json{{"training_data", {{"image_kinds", {"mri"}}, {"description", "none (random weights)"}}}}.dump();
  auto sha = detail::saveNativeModelFolder(dir.string(), net, card);
  return sha ? *sha : std::string();
}

/// TorchScript source of a tiny plug-in: conv (1 → 8, stride 2) + ReLU as
/// `features`, global average pooling + linear as `head`.
inline const char* kPluginSource = R"JIT(
def features(self, x):
    return torch.relu(torch.conv2d(x, self.conv_w, self.conv_b, [2, 2], [1, 1]))

def head(self, f):
    return torch.linear(torch.mean(f, [2, 3]), self.fc_w, self.fc_b)

def forward(self, x):
    return self.head(self.features(x))
)JIT";

/// Saves a TorchScript plug-in with `outputs` classes and `inChannels` input
/// channels as `file`; returns the module for reference computations.
inline torch::jit::Module makeTorchScriptModule(const std::string& file, int outputs, int inChannels = 1) {
  torch::jit::Module m("EdgeFuseTestPlugin");
  at::manual_seed(11);
  m.register_parameter("conv_w", at::randn({8, inChannels, 3, 3}) * 0.5, false);
  m.register_parameter("conv_b", at::randn({8}) * 0.1, false);
  m.register_parameter("fc_w", at::randn({outputs, 8}), false);
  m.register_parameter("fc_b", at::zeros({outputs}), false);
  m.define(kPluginSource);
  m.save(file);
  return m;
}

/// The model.json of a plug-in folder, as a JSON object to edit in tests.
inline nlohmann::json pluginManifest(const std::string& weightsFile, const std::vector<std::string>& labels,
                                     int inputSize = 32, int channels = 1) {
  nlohmann::json m;
  m["format"] = "edgefuse-classifier-model";
  m["format_version"] = 1;
  m["name"] = "test-plugin";
  m["version"] = "0.1";
  m["architecture"] = "torchscript";
  m["weights"] = std::filesystem::path(weightsFile).filename().string();
  m["sha256"] = *sha256OfFile(weightsFile);
  m["labels"] = labels;
  m["input"] = {{"width", inputSize}, {"height", inputSize}, {"channels", channels}};
  m["preprocessing"] = {{"intensity", "minmax"}, {"mean", 0.5}, {"std", 0.25}};
  m["saliency"] = {{"method", "grad-cam"}, {"features_method", "features"}, {"head_method", "head"}};
  m["training_data"] = {{"image_kinds", {"fused"}}, {"description", "none (random weights)"}};
  return m;
}

/// Writes `manifest` as dir/model.json.
inline void writeManifest(const std::filesystem::path& dir, const nlohmann::json& manifest) {
  std::ofstream(dir / "model.json") << manifest.dump(2);
}

}  // namespace edgefuse::test
