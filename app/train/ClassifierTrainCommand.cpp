// SPDX-License-Identifier: GPL-3.0-or-later

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ArgParser.h"
#include "TrainCommands.h"
#include "core/base/AtomicFile.h"
#include "core/train/ClassifierTrainer.h"

namespace edgefuse::train {
namespace {

std::atomic<bool> g_cancelClassifier{false};

int report(const Error& error) {
  std::cerr << "edgefuse-train: error: " << error.describe() << "\n";
  return exitCodeFor(error.code);
}

Expected<double> realOption(const cli::ArgParser& parser, const std::string& name) {
  try {
    std::size_t used = 0;
    const std::string text = parser.value(name);
    const double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  return fail(ErrorCode::InvalidArgument, "--" + name + " needs a number, got '" + parser.value(name) + "'");
}

Expected<long long> wholeOption(const cli::ArgParser& parser, const std::string& name) {
  try {
    std::size_t used = 0;
    const std::string text = parser.value(name);
    const long long v = std::stoll(text, &used);
    if (used == text.size() && v >= 0) return v;
  } catch (const std::exception&) {
  }
  return fail(ErrorCode::InvalidArgument,
              "--" + name + " needs a whole number of 0 or more, got '" + parser.value(name) + "'");
}

Expected<std::vector<std::string>> commaList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item.empty()) return fail(ErrorCode::InvalidArgument, "empty item in the list '" + text + "'");
    items.push_back(item);
  }
  return items;
}

Expected<std::vector<std::int64_t>> integerList(const std::string& name, const std::string& text) {
  auto items = commaList(text);
  if (!items) return tl::unexpected(items.error());
  std::vector<std::int64_t> out;
  for (const auto& item : *items) {
    try {
      out.push_back(std::stoll(item));
    } catch (const std::exception&) {
      return fail(ErrorCode::InvalidArgument, "--" + name + " needs comma-separated whole numbers");
    }
  }
  return out;
}

// A default value as the help text shows it (no trailing zeros).
std::string num(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

std::string joined(int argc, char** argv) {
  std::string out = "edgefuse-train";
  for (int i = 1; i < argc; ++i) out += std::string(" ") + argv[i];
  return out;
}

}  // namespace

int runClassifier(int argc, char** argv) {
  const ClassifierTrainingConfig d;
  cli::ArgParser parser(
      "edgefuse-train classifier --data DIR --out DIR [options]",
      "Trains EdgeFuse's compact ResNet tumour classifier from scratch on DIR/train/<class>/ images, choosing the "
      "epoch by accuracy on DIR/validation/<class>/ (used for nothing else). Every image is prepared exactly as "
      "the application prepares it (grey, per-image min-max, aspect-kept resize and padding). Writes a checkpoint "
      "after each epoch (--resume continues), train.log, and at the end DIR/model: weights.pt, model.json (labels, "
      "input, preprocessing, training data, metrics, sha256) and MODEL_CARD.md (validation accuracy, per-class "
      "precision/recall, confusion matrix, expected calibration error, time, device). Uses CUDA when available, "
      "else the CPU with all cores. Ctrl-C stops after the current step.");
  parser.option("data", "DIR", "Folder with train/<class>/ and validation/<class>/ sub-folders");
  parser.option("out", "DIR", "Output folder for checkpoints, train.log and model/");
  parser.option("labels", "LIST",
                "Comma-separated class folder names in output order (default: train/'s sub-folders, sorted)");
  parser.option("epochs", "N", "Epochs", std::to_string(d.epochs));
  parser.option("batch", "N", "Images per step (at least 2)", std::to_string(d.batchSize));
  parser.option("optimizer", "NAME", "adamw | sgd (Nesterov momentum 0.9)", d.optimizer);
  parser.option("lr", "X", "Peak learning rate of the one-cycle schedule (about 0.1 with sgd)", num(d.learningRate));
  parser.option("warmup", "X", "Fraction of the steps spent warming up linearly before the cosine decay",
                num(d.warmupFraction));
  parser.option("weight-decay", "X", "Weight decay (decoupled with adamw; about 0.0005 with sgd)", num(d.weightDecay));
  parser.option("label-smoothing", "X", "Label smoothing of the cross-entropy loss", num(d.labelSmoothing));
  parser.option("widths", "LIST", "Channels of the network's stages", "32,64,128,256");
  parser.option("strides", "LIST", "Stride of each stage (one per width)", "1,2,2,1");
  parser.option("blocks", "LIST", "Basic blocks in each stage (one per width; empty: one each)", "");
  parser.flag("no-stem-pool",
              "No 2x2 max pooling after the stem (the stages run at twice the resolution, about 4x the cost)");
  parser.option("dropout", "X", "Dropout before the last layer", num(d.dropout));
  parser.option("input-size", "N", "Square input size in pixels", std::to_string(d.inputSize));
  parser.option("normalize", "MODE", "Input intensity scaling: minmax (per image) | range (x / type maximum)",
                "minmax");
  parser.flag("no-augment", "Train without augmentation");
  parser.flag("no-flip", "No random left-right flips");
  parser.option("rotation", "DEG", "Random rotation in +-DEG degrees", num(d.rotationDeg));
  parser.option("zoom", "X", "Random zoom in 1 +- X", num(d.scale));
  parser.option("shift", "X", "Random shift in +- X of the image size", num(d.translate));
  parser.option("gamma", "X", "Random gamma in [1/X, X]", num(d.gamma));
  parser.option("contrast", "X", "Random contrast factor in 1 +- X", num(d.contrast));
  parser.option("brightness", "X", "Random brightness offset in +- X", num(d.brightness));
  parser.option("seed", "N", "Random seed (weights, order, augmentation, dropout)", std::to_string(d.seed));
  parser.flag("deterministic", "Use deterministic algorithms only (reproducible with the same thread count)");
  parser.option("device", "D", "auto | cpu | cuda", "auto");
  parser.option("threads", "N", "CPU threads (0 = all cores)", "0");
  parser.flag("resume", "Continue from the checkpoint in --out (same options required)");
  parser.flag("float32-weights",
              "Store the weights as float32 (default: float16, half the size; the metrics are "
              "measured with the stored weights either way)");
  parser.flag("keep-checkpoint", "Keep the checkpoint files after a finished run");
  parser.flag("keep-noise",
              "Train and select on the noise files too (files without spatial structure; by default they are left "
              "out and counted in the log and the model card)");
  parser.option("max-steps", "N", "Stop after N steps in all (smoke tests; 0 = no limit)", "0");
  parser.option("limit-per-class", "N", "Use at most N images per class and split (smoke tests; 0 = all)", "0");
  parser.option("name", "NAME", "Model name in model.json", d.modelName);
  parser.option("version", "V", "Model version in model.json", d.modelVersion);
  parser.option("data-description", "TEXT", "What the training data are, for the model card",
                "Brain Tumor MRI Dataset (M. Nickparvar; Figshare, SARTAJ and Br35H collections): 2-D MRI slices, "
                "128x128 8-bit grey, as prepared in EdgeFuse's shared research folder");
  parser.option("data-licence", "TEXT", "The data's licence, for the model card",
                "CC0 1.0 according to its distributors (Figshare, SARTAJ and Br35H collections)");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return report(ok.error());
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  for (const char* required : {"data", "out"}) {
    if (!parser.has(required)) {
      return report({ErrorCode::InvalidArgument, std::string("--") + required + " is required", ""});
    }
  }
  ClassifierTrainingConfig config;
  config.data = parser.value("data");
  config.outDir = parser.value("out");
  config.resume = parser.has("resume");
  config.keepCheckpoint = parser.has("keep-checkpoint");
  config.halfPrecisionWeights = !parser.has("float32-weights");
  config.deterministic = parser.has("deterministic");
  config.augment = !parser.has("no-augment");
  config.flip = !parser.has("no-flip");
  config.stemPool = !parser.has("no-stem-pool");
  config.leaveOutNoise = !parser.has("keep-noise");
  config.optimizer = parser.value("optimizer");
  config.modelName = parser.value("name");
  config.modelVersion = parser.value("version");
  config.dataDescription = parser.value("data-description");
  config.dataLicence = parser.value("data-licence");
  config.commandLine = joined(argc, argv);
  if (parser.has("labels")) {
    auto labels = commaList(parser.value("labels"));
    if (!labels) return report(labels.error());
    config.labels = *labels;
  }
  auto device = parseDevicePreference(parser.value("device"));
  if (!device) return report(device.error());
  config.device = *device;
  auto intensity = parseNormalization(parser.value("normalize"));
  if (!intensity) return report(intensity.error());
  config.intensity = *intensity;
  auto widths = integerList("widths", parser.value("widths"));
  if (!widths) return report(widths.error());
  config.widths = *widths;
  auto strides = integerList("strides", parser.value("strides"));
  if (!strides) return report(strides.error());
  config.strides = *strides;
  if (!parser.value("blocks").empty()) {
    auto blocks = integerList("blocks", parser.value("blocks"));
    if (!blocks) return report(blocks.error());
    config.blocks = *blocks;
  }
  for (auto [name, target] :
       {std::pair{"epochs", &config.epochs}, std::pair{"batch", &config.batchSize},
        std::pair{"input-size", &config.inputSize}, std::pair{"threads", &config.threads},
        std::pair{"max-steps", &config.maxSteps}, std::pair{"limit-per-class", &config.limitPerClass}}) {
    auto v = wholeOption(parser, name);
    if (!v) return report(v.error());
    *target = static_cast<int>(*v);
  }
  auto seed = wholeOption(parser, "seed");
  if (!seed) return report(seed.error());
  config.seed = static_cast<std::uint64_t>(*seed);
  for (auto [name, target] :
       {std::pair{"lr", &config.learningRate}, std::pair{"warmup", &config.warmupFraction},
        std::pair{"weight-decay", &config.weightDecay}, std::pair{"label-smoothing", &config.labelSmoothing},
        std::pair{"dropout", &config.dropout}, std::pair{"rotation", &config.rotationDeg},
        std::pair{"zoom", &config.scale}, std::pair{"shift", &config.translate}, std::pair{"gamma", &config.gamma},
        std::pair{"contrast", &config.contrast}, std::pair{"brightness", &config.brightness}}) {
    auto v = realOption(parser, name);
    if (!v) return report(v.error());
    *target = *v;
  }

  std::error_code ec;
  std::filesystem::create_directories(config.outDir, ec);
  std::ofstream logFile(std::filesystem::path(config.outDir) / "train.log", std::ios::app);
  std::signal(SIGINT, [](int) { g_cancelClassifier = true; });
  auto summary = trainClassifier(
      config,
      [&](const std::string& line) {
        std::cerr << line << std::endl;
        logFile << line << std::endl;
      },
      &g_cancelClassifier);
  if (!summary) return report(summary.error());
  std::cerr << "done in " << static_cast<long>(summary->wallSeconds) << " s on " << summary->device << ": best epoch "
            << summary->bestEpoch << ", validation accuracy " << summary->validation.accuracy << ", model in "
            << summary->modelDir << "\n";
  return 0;
}

int runClassifierEval(int argc, char** argv) {
  cli::ArgParser parser("edgefuse-train classifier-eval --data DIR [--model NAME|DIR] [--json FILE]",
                        "Classifies every image of DIR/<class>/ with a classifier model, exactly as edgefuse-cli "
                        "classify does, and prints accuracy, per-class precision/recall/F1, the confusion matrix "
                        "and the expected calibration error. For checking a model on a held-out set.");
  parser.option("data", "DIR", "Folder with one sub-folder per class of the model (named as its labels)");
  parser.option("model", "NAME|DIR", "Classifier model: a shipped name or a model folder", "tumor-classifier");
  parser.option(
      "json", "FILE",
      "Also write the metrics as JSON (atomically): images with structure, the whole folder, the noise files");
  parser.option("threads", "N", "CPU threads (0 = all cores)", "0");
  if (auto ok = parser.parse(argc, argv, 2); !ok) return report(ok.error());
  if (parser.helpRequested()) {
    std::cout << parser.helpText();
    return 0;
  }
  if (!parser.has("data")) return report({ErrorCode::InvalidArgument, "--data is required", ""});
  auto threads = wholeOption(parser, "threads");
  if (!threads) return report(threads.error());
  auto evaluation = evaluateClassifier(parser.value("model"), parser.value("data"), static_cast<int>(*threads),
                                       [](const std::string& line) { std::cerr << line << "\n"; });
  if (!evaluation) return report(evaluation.error());
  if (parser.has("json")) {
    OutputPolicy policy;
    policy.protectedPaths = {parser.value("data")};
    const std::string text = nlohmann::json::parse(evaluation->toJson()).dump(2) + "\n";
    if (auto written = writeFileAtomically(parser.value("json"), text, policy); !written) {
      return report(written.error());
    }
  }
  const ClassificationMetrics& metrics = evaluation->images;
  const int noise = evaluation->wholeFolder.count - metrics.count;
  std::cout << "accuracy " << metrics.accuracy << " (" << metrics.count << " images), expected calibration error "
            << metrics.expectedCalibrationError << " (" << metrics.calibrationBins << " bins), NLL "
            << metrics.meanNegativeLogLikelihood << "\n";
  if (noise > 0) {
    std::cout << noise << " noise files (no spatial structure) are not counted above; the whole folder with them: "
              << "accuracy " << evaluation->wholeFolder.accuracy << " (" << evaluation->wholeFolder.count
              << " images)\n";
  }
  std::cout << "\n" << metrics.toMarkdown();
  return 0;
}

}  // namespace edgefuse::train
