// SPDX-License-Identifier: GPL-3.0-or-later

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ArgParser.h"
#include "TrainCommands.h"
#include "core/train/FusionTrainer.h"

namespace edgefuse::train {
namespace {

std::atomic<bool> g_cancel{false};

int report(const Error& error) {
  std::cerr << "edgefuse-train: error: " << error.describe() << "\n";
  return exitCodeFor(error.code);
}

template <typename T>
Expected<T> number(const cli::ArgParser& parser, const std::string& name) {
  try {
    if constexpr (std::is_same_v<T, int>) return std::stoi(parser.value(name));
    if constexpr (std::is_same_v<T, double>) return std::stod(parser.value(name));
    if constexpr (std::is_same_v<T, std::uint64_t>) return static_cast<std::uint64_t>(std::stoull(parser.value(name)));
  } catch (const std::exception&) {
  }
  return fail(ErrorCode::InvalidArgument, "--" + name + " needs a number, got '" + parser.value(name) + "'");
}

Expected<std::vector<int>> caseList(const std::string& text) {
  std::vector<int> cases;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      cases.push_back(std::stoi(item));
    } catch (const std::exception&) {
      return fail(ErrorCode::InvalidArgument, "--validation-cases needs comma-separated case numbers");
    }
  }
  return cases;
}

}  // namespace

int runFusion(int argc, char** argv) {
  FusionTrainingConfig defaults;
  cli::ArgParser parser(
      "edgefuse-train fusion --data AANLIB_DIR|PACKED.pt --out DIR [options]",
      "Trains EH-DRAN as an autoencoder on single images (MRI, CT and the Y channel of PET/SPECT), as the paper "
      "does: loss = MSE + lambda1 * Sobel gradient loss + lambda2 * (1 - SSIM) (the SSIM term replaces the "
      "paper's VGG16-BN perceptual loss, whose ImageNet weights are not available). Data are split by case; after "
      "each epoch the real fusion (SFNN) runs on held-out pairs in both BatchNorm modes, and the epoch with the "
      "best mean validation SSIM is written to DIR/model (model.json + weights.pt). Checkpoints after each epoch "
      "allow --resume. Uses CUDA when available, else all CPU cores. Ctrl-C stops after the current step.");
  parser.option("data", "PATH",
                "AANLIB folder (CT-MRI/, PET-MRI/, SPECT-MRI/) or a file made by 'edgefuse-train pack'");
  parser.option("out", "DIR", "Output folder for checkpoints, train.log and model/");
  parser.option("epochs", "N", "Epochs", std::to_string(defaults.epochs));
  parser.option("steps-per-epoch", "N", "Steps per epoch (0 = one pass over the training images)", "0");
  parser.option("batch", "N", "Crops per step", std::to_string(defaults.batchSize));
  parser.option("crop", "N", "Crop size in pixels (even, >= 16)", std::to_string(defaults.cropSize));
  parser.option("lr", "X", "Adam learning rate (start value)", "0.001");
  parser.flag("constant-lr", "Keep the learning rate constant (default: cosine decay to 1% over the run)");
  parser.option("lambda1", "X", "Weight of the gradient loss", "0.2");
  parser.option("lambda2", "X", "Weight of the SSIM loss", "0.2");
  parser.option("seed", "N", "Random seed (weights, crops, augmentation)", std::to_string(defaults.seed));
  parser.flag("deterministic", "Use deterministic algorithms only (slower; reproducible on one machine)");
  parser.option("device", "D", "auto | cpu | cuda", "auto");
  parser.option("threads", "N", "CPU threads (0 = all cores)", "0");
  parser.option("validation-cases", "LIST", "Comma-separated case numbers held out for validation", "2,33,30,4,15,36");
  parser.option("validation-pairs", "N", "Pairs per pair kind fused at each validation",
                std::to_string(defaults.validationPairsPerKind));
  parser.option("max-images", "N", "Use at most N training images (smoke tests)", "0");
  parser.option("name", "NAME", "Model name in model.json", defaults.modelName);
  parser.option("version", "V", "Model version in model.json", defaults.modelVersion);
  parser.flag("resume", "Continue from the checkpoint in --out");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return report(ok.error());
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  for (const char* required : {"data", "out"}) {
    if (!parser.has(required))
      return report({ErrorCode::InvalidArgument, std::string("--") + required + " is required", ""});
  }
  FusionTrainingConfig config;
  config.data = parser.value("data");
  config.outDir = parser.value("out");
  config.resume = parser.has("resume");
  config.deterministic = parser.has("deterministic");
  config.cosineSchedule = !parser.has("constant-lr");
  config.modelName = parser.value("name");
  config.modelVersion = parser.value("version");
  auto device = parseDevicePreference(parser.value("device"));
  if (!device) return report(device.error());
  config.device = *device;
  auto cases = caseList(parser.value("validation-cases"));
  if (!cases) return report(cases.error());
  config.validationCases = *cases;
  for (auto [name, target] :
       {std::pair{"epochs", &config.epochs}, std::pair{"steps-per-epoch", &config.stepsPerEpoch},
        std::pair{"batch", &config.batchSize}, std::pair{"crop", &config.cropSize},
        std::pair{"threads", &config.threads}, std::pair{"validation-pairs", &config.validationPairsPerKind},
        std::pair{"max-images", &config.maxTrainImages}}) {
    auto v = number<int>(parser, name);
    if (!v) return report(v.error());
    *target = *v;
  }
  for (auto [name, target] : {std::pair{"lr", &config.learningRate}, std::pair{"lambda1", &config.lambdaGradient},
                              std::pair{"lambda2", &config.lambdaSsim}}) {
    auto v = number<double>(parser, name);
    if (!v) return report(v.error());
    *target = *v;
  }
  auto seed = number<std::uint64_t>(parser, "seed");
  if (!seed) return report(seed.error());
  config.seed = *seed;

  std::error_code ec;
  std::filesystem::create_directories(config.outDir, ec);
  std::ofstream logFile(std::filesystem::path(config.outDir) / "train.log", std::ios::app);
  std::signal(SIGINT, [](int) { g_cancel = true; });
  auto summary = trainFusionModel(
      config,
      [&](const std::string& line) {
        std::cerr << line << std::endl;
        logFile << line << std::endl;
      },
      &g_cancel);
  if (!summary) return report(summary.error());
  std::cerr << "done in " << static_cast<long>(summary->wallSeconds) << " s on " << summary->device << ": best epoch "
            << summary->bestEpoch << " (" << summary->bestBnMode << " BatchNorm), model in " << summary->modelDir
            << "\n";
  return 0;
}

int runPack(int argc, char** argv) {
  cli::ArgParser parser("edgefuse-train pack --data AANLIB_DIR --out FILE.pt",
                        "Packs the AANLIB pairs (grey images and the Y channel of colour ones, 8-bit) into one "
                        "tensor file that 'edgefuse-train fusion --data FILE.pt' reads without OpenCV.");
  parser.option("data", "DIR", "AANLIB folder (CT-MRI/, PET-MRI/, SPECT-MRI/)");
  parser.option("out", "FILE", "Packed dataset to write");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return report(ok.error());
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  if (!parser.has("data") || !parser.has("out")) {
    return report({ErrorCode::InvalidArgument, "--data and --out are required", ""});
  }
  auto count = packFusionDataset(parser.value("data"), parser.value("out"));
  if (!count) return report(count.error());
  std::cerr << "packed " << *count << " images into " << parser.value("out") << "\n";
  return 0;
}

}  // namespace edgefuse::train
