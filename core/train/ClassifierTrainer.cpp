// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/train/ClassifierTrainer.h"

#include <ATen/Parallel.h>
#include <torch/nn/functional/loss.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>
#include <torch/serialize.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "core/base/AtomicFile.h"
#include "core/base/Version.h"
#include "core/classify/Classifier.h"
#include "core/classify/InputCheck.h"
#include "core/classify/detail/ClassifierBackend.h"
#include "core/classify/detail/Preprocess.h"
#include "core/classify/detail/SmallResNet.h"
#include "core/classify/detail/TensorDict.h"
#include "core/io/ImageReader.h"
#include "core/train/detail/ClassifierDataset.h"

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

double secondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string duration(double seconds) {
  std::ostringstream out;
  const long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600)
    out << s / 3600 << "h" << (s % 3600) / 60 << "m";
  else if (s >= 60)
    out << s / 60 << "m" << s % 60 << "s";
  else
    out << s << "s";
  return out.str();
}

std::string cpuName() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "CPU";
}

// One-cycle schedule: linear warm-up from lr/25 to lr, then cosine decay to ~0.
double learningRateAt(const ClassifierTrainingConfig& c, std::int64_t step, std::int64_t totalSteps) {
  const double warmup = std::max<double>(1.0, c.warmupFraction * static_cast<double>(totalSteps));
  const double s = static_cast<double>(step);
  if (s < warmup) return c.learningRate * (0.04 + 0.96 * s / warmup);
  const double t = (s - warmup) / std::max(1.0, static_cast<double>(totalSteps) - warmup);
  return c.learningRate * (0.5 * (1.0 + std::cos(3.14159265358979323846 * std::min(1.0, t)))) + 1e-6;
}

// Probabilities of every validation image (eval mode, no augmentation).
std::vector<std::vector<double>> predict(detail::SmallResNet& net, const at::Tensor& images,
                                         const ClassifierPreprocessing& p, const at::Device& device) {
  at::NoGradGuard noGrad;
  net->eval();
  std::vector<std::vector<double>> out;
  constexpr std::int64_t kChunk = 128;
  for (std::int64_t start = 0; start < images.size(0); start += kChunk) {
    const std::int64_t n = std::min(kChunk, images.size(0) - start);
    const at::Tensor x = detail::standardise(images.narrow(0, start, n), p).to(device);
    const at::Tensor probs = net->forward(x).softmax(1).to(at::kCPU, at::kDouble).contiguous();
    for (std::int64_t i = 0; i < n; ++i) {
      const double* row = probs.data_ptr<double>() + i * probs.size(1);
      out.emplace_back(row, row + probs.size(1));
    }
  }
  net->train();
  return out;
}

std::vector<int> toIndices(const at::Tensor& targets) {
  const at::Tensor t = targets.to(at::kLong).contiguous();
  return std::vector<int>(t.data_ptr<std::int64_t>(), t.data_ptr<std::int64_t>() + t.numel());
}

std::vector<std::int64_t> blocksOf(const detail::SmallResNetParams& p) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < p.widths.size(); ++i) out.push_back(p.blocksIn(i));
  return out;
}

// The settings that must not change when a run is resumed.
Json fingerprint(const ClassifierTrainingConfig& c, const std::vector<std::string>& labels) {
  return {{"labels", labels},
          {"epochs", c.epochs},
          {"batch", c.batchSize},
          {"optimizer", c.optimizer},
          {"lr", c.learningRate},
          {"widths", c.widths},
          {"strides", c.strides},
          {"blocks", c.blocks},
          {"stem_pool", c.stemPool},
          {"input", c.inputSize},
          {"seed", c.seed},
          {"limit_per_class", c.limitPerClass},
          {"leave_out_noise", c.leaveOutNoise},
          {"intensity", normalizationName(c.intensity)}};
}

std::string percent(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << 100.0 * v << " %";
  return out.str();
}

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

std::string noiseRule() {
  return "files whose neighbouring pixels correlate below r = " + fixed(kNoStructureCorrelation, 2) +
         " (no spatial structure: noise, not an image of anatomy)";
}

// The human-readable model card, from the measured numbers only.
std::string modelCardText(const ClassifierTrainingConfig& c, const ClassifierTrainingSummary& s,
                          const std::vector<std::string>& labels, const std::vector<int>& trainPerClass,
                          const std::vector<int>& validationPerClass, const ClassifierPreprocessing& p,
                          const detail::SmallResNet& net, std::int64_t parameters, const std::string& hardware) {
  std::ostringstream out;
  auto list = [](const auto& values) {
    std::ostringstream l;
    for (std::size_t i = 0; i < values.size(); ++i) l << (i ? ", " : "") << values[i];
    return l.str();
  };
  out << "# Model card: " << c.modelName << " " << c.modelVersion << "\n\n"
      << "Generated by `edgefuse-train classifier` (EdgeFuse " << kVersion
      << ") from the measured numbers of the run; do not edit by hand.\n\n"
      << "**Research use only. Not a medical device; not for diagnosis.**\n\n"
      << "## What it does\n\n"
      << "Classifies a single 2-D brain MRI slice into " << labels.size() << " classes (" << list(labels)
      << ") and returns the probability of every class. EdgeFuse also computes a Grad-CAM heat map of the "
         "predicted class (feature maps of the last stage, "
      << net->params().widths.back() << " channels at 1/" << net->params().totalStride() << " of the input size).\n\n"
      << "## Scope\n\n"
      << "Trained on single MRI slices only. On a fused image, a CT, SPECT or PET image, or a colour image the "
         "result lies outside the training distribution, and EdgeFuse says so next to the result. The classes "
         "are those of the training data; any other finding (or another tumour type) is forced into one of "
         "them. The data are 2-D slices of mixed orientation, weighting and scanner from public collections; "
         "the model has not been validated on any clinical population.\n\n"
      << "## Input\n\n"
      << "- " << p.inputWidth << "x" << p.inputHeight << ", " << p.inputChannels
      << " channel(s); colour images are classified on their BT.601 luma\n"
      << "- intensity: "
      << (p.intensity == Normalization::MinMax ? "per-image min-max to [0,1]" : "x / nominal maximum")
      << "; resize with the aspect ratio kept (antialiased), centred padding with " << p.padValue << "\n"
      << "- standardisation: (x - " << fixed(p.mean[0], 4) << ") / " << fixed(p.std[0], 4)
      << " (mean and standard deviation of the training images)\n\n"
      << "## Training data\n\n"
      << (c.dataDescription.empty() ? std::string("(not described)") : c.dataDescription) << "\n\n"
      << "Licence: " << (c.dataLicence.empty() ? std::string("(not stated)") : c.dataLicence) << "\n\n"
      << "| class | train images | validation images | noise files left out (train / validation) |\n"
      << "|---|---|---|---|\n";
  for (std::size_t k = 0; k < labels.size(); ++k) {
    out << "| " << labels[k] << " | " << trainPerClass[k] << " | " << validationPerClass[k] << " | "
        << s.trainNoiseLeftOut[k] << " / " << s.validationNoiseLeftOut[k] << " |\n";
  }
  if (c.leaveOutNoise) {
    out << "\nNoise files: " << noiseRule()
        << ". Their labels carry nothing an image could show, so they were left out of training and of model "
           "selection; the counts above are without them. EdgeFuse flags such an input as out of distribution "
           "instead of presenting a diagnosis-like answer.\n";
  }
  out << "\nThe validation split was used only to choose the epoch (model selection), never for fitting. "
      << s.duplicatesOfTrain
      << " validation files are byte-identical to a training file; the metrics without them are given below. A "
         "separate held-out test set is evaluated independently of this card.\n\n"
      << "## Training\n\n"
      << "- architecture: resnet-small (stem 3x3/" << net->params().stemStride
      << (net->params().stemPool ? " + 2x2 max-pool" : "") << ", basic blocks per stage "
      << list(blocksOf(net->params())) << ", widths " << list(net->params().widths) << ", strides "
      << list(net->params().strides) << ", global average pooling, dropout " << net->params().dropout << ", linear); "
      << parameters << " parameters, " << fixed(net->flops(p.inputHeight, p.inputWidth) / 1e6, 1)
      << " MFLOP per image\n"
      << "- optimiser: " << (c.optimizer == "sgd" ? "SGD, Nesterov momentum 0.9" : "AdamW")
      << ", one-cycle learning rate (peak " << c.learningRate << ", warm-up " << c.warmupFraction * 100.0
      << " % of the steps, cosine decay), weight decay " << c.weightDecay << ", label smoothing " << c.labelSmoothing
      << ", batch " << c.batchSize << "\n"
      << "- augmentation: "
      << (c.augment ? "left-right flip, rotation ±" + fixed(c.rotationDeg, 0) + "°, zoom ±" + fixed(c.scale * 100, 0) +
                          " %, shift ±" + fixed(c.translate * 100, 0) + " %, gamma in [1/" + fixed(c.gamma, 2) + ", " +
                          fixed(c.gamma, 2) + "], contrast ±" + fixed(c.contrast * 100, 0) + " %, brightness ±" +
                          fixed(c.brightness, 2)
                    : std::string("none"))
      << "\n"
      << "- epochs: " << s.history.size() << " (best: epoch " << s.bestEpoch << "), " << s.steps << " steps, seed "
      << c.seed << (c.deterministic ? ", deterministic algorithms" : "") << "\n"
      << "- device: " << s.device << " — " << hardware << "\n"
      << "- training time: " << duration(s.wallSeconds) << " (" << fixed(s.wallSeconds, 0) << " s)\n"
      << "- stored weights: "
      << (c.halfPrecisionWeights ? "float16 (rounded; all metrics below are measured with them)" : "float32") << "\n";
  if (!c.commandLine.empty()) out << "- command: `" << c.commandLine << "`\n";
  out << "\n## Validation results (epoch " << s.bestEpoch << ")\n\n"
      << "- accuracy: **" << percent(s.validation.accuracy) << "** (" << s.validation.count << " images)\n"
      << "- accuracy without the " << s.duplicatesOfTrain
      << " validation files that also occur in train: " << percent(s.validationWithoutDuplicates.accuracy) << " ("
      << s.validationWithoutDuplicates.count << " images)\n";
  if (c.leaveOutNoise) {
    out << "- accuracy on the whole validation folder, the " << s.validationWholeFolder.count - s.validation.count
        << " noise files included as the network classifies them: " << percent(s.validationWholeFolder.accuracy) << " ("
        << s.validationWholeFolder.count << " images)\n";
  }
  out << "- expected calibration error (top-class probability, " << s.validation.calibrationBins
      << " equal-width bins): " << fixed(s.validation.expectedCalibrationError, 4) << "\n"
      << "- mean negative log-likelihood: " << fixed(s.validation.meanNegativeLogLikelihood, 4) << "\n\n"
      << s.validation.toMarkdown() << "\n"
      << "## Training history\n\n| epoch | train loss | validation accuracy | validation NLL | seconds |\n"
      << "|---|---|---|---|---|\n";
  for (const auto& e : s.history) {
    out << "| " << e.epoch << " | " << fixed(e.trainLoss, 4) << " | " << percent(e.validationAccuracy) << " | "
        << fixed(e.validationNll, 4) << " | " << fixed(e.seconds, 0) << " |\n";
  }
  return out.str();
}

}  // namespace

Expected<ClassifierTrainingSummary> trainClassifier(const ClassifierTrainingConfig& config, const TrainingLog& log,
                                                    const std::atomic<bool>* cancel) {
  const auto started = Clock::now();
  if (config.batchSize < 2 || config.epochs < 1) {
    return fail(ErrorCode::InvalidArgument, "--batch must be at least 2 (BatchNorm) and --epochs at least 1");
  }
  if (config.inputSize < 16 || config.inputSize > 1024) {
    return fail(ErrorCode::InvalidArgument, "--input-size must be 16..1024");
  }
  if (!(config.learningRate > 0.0) || config.weightDecay < 0.0 || config.labelSmoothing < 0.0 ||
      config.labelSmoothing >= 1.0 || config.warmupFraction < 0.0 || config.warmupFraction >= 1.0) {
    return fail(ErrorCode::InvalidArgument,
                "--lr must be positive, --weight-decay non-negative, --label-smoothing and --warmup in [0,1)");
  }
  if (config.optimizer != "sgd" && config.optimizer != "adamw") {
    return fail(ErrorCode::InvalidArgument, "--optimizer must be sgd or adamw");
  }
  if (!config.blocks.empty() && config.blocks.size() != config.widths.size()) {
    return fail(ErrorCode::InvalidArgument, "--blocks: 'blocks' needs one entry per stage (one per width)");
  }
  std::error_code ec;
  fs::create_directories(config.outDir, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the output folder: " + ec.message(), config.outDir);

  // Device and threads. (Debian's LibTorch starts with one OpenMP thread.)
  at::Device device(at::kCPU);
  std::string deviceText;
  const int threads =
      config.threads > 0 ? config.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  std::string hardware = cpuName();
  if (config.device != DevicePreference::Cpu && at::hasCUDA()) {
    device = at::Device(at::kCUDA, 0);
    deviceText = "cuda:0";
    hardware = "CUDA device 0";
  } else if (config.device == DevicePreference::Cuda) {
    return fail(ErrorCode::DeviceUnavailable, "CUDA was requested but is not available to this LibTorch build");
  } else {
    deviceText = "cpu (" + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)");
    if (config.device == DevicePreference::Auto) log("device: CPU, because no CUDA GPU is available to this LibTorch");
  }
  if (config.deterministic) at::globalContext().setDeterministicAlgorithms(true, false);

  // Data.
  const std::string trainDir = (fs::path(config.data) / "train").string();
  const std::string validationDir = (fs::path(config.data) / "validation").string();
  std::vector<std::string> labels = config.labels;
  if (labels.empty()) {
    auto found = detail::listLabelFolders(trainDir);
    if (!found) return tl::unexpected(found.error());
    labels = *found;
  }
  ClassifierPreprocessing pre;
  pre.inputWidth = config.inputSize;
  pre.inputHeight = config.inputSize;
  pre.inputChannels = 1;
  pre.intensity = config.intensity;
  pre.padValue = 0.0f;
  log("loading " + trainDir + " and " + validationDir);
  auto trainFolder = detail::loadLabelledImages(trainDir, labels, pre, config.limitPerClass);
  if (!trainFolder) return tl::unexpected(trainFolder.error());
  auto validationFolder = detail::loadLabelledImages(validationDir, labels, pre, config.limitPerClass);
  if (!validationFolder) return tl::unexpected(validationFolder.error());
  // Noise files (no spatial structure) are left out of training and model
  // selection; the whole validation folder is still measured at the end.
  auto withoutNoise = [&](const detail::LabelledImages& all) {
    return config.leaveOutNoise ? detail::selectImages(all, detail::indicesWhereNoStructure(all, false), labels.size())
                                : all;
  };
  const detail::LabelledImages train = withoutNoise(*trainFolder);
  const detail::LabelledImages validation = withoutNoise(*validationFolder);
  auto noisePerClass = [&](const detail::LabelledImages& all, const detail::LabelledImages& kept) {
    std::vector<int> out;
    for (std::size_t k = 0; k < labels.size(); ++k) out.push_back(all.perClass[k] - kept.perClass[k]);
    return out;
  };
  const std::vector<int> trainNoise = noisePerClass(*trainFolder, train);
  const std::vector<int> validationNoise = noisePerClass(*validationFolder, validation);
  if (train.images.size(0) < 2 || validation.images.size(0) < 1) {
    return fail(ErrorCode::NoPairs, "too few images with structure left after leaving out the noise files",
                config.data);
  }
  const std::set<std::string> trainHashes(train.sha256.begin(), train.sha256.end());
  std::vector<std::int64_t> uniqueValidation;
  for (std::size_t i = 0; i < validation.sha256.size(); ++i) {
    if (!trainHashes.count(validation.sha256[i])) uniqueValidation.push_back(static_cast<std::int64_t>(i));
  }
  const int duplicates = static_cast<int>(validation.sha256.size() - uniqueValidation.size());
  // Standardisation statistics from the training images only.
  pre.mean = {train.images.mean().item<float>()};
  pre.std = {std::max(1e-3f, train.images.std().item<float>())};
  const auto trainCount = train.images.size(0);
  {
    std::ostringstream line;
    line << "labels:";
    for (std::size_t k = 0; k < labels.size(); ++k) {
      line << " " << labels[k] << " (" << train.perClass[k] << " train, " << validation.perClass[k] << " validation)";
    }
    line << "; " << train.adapted + validation.adapted << " images resized, padded or converted to grey; ";
    if (config.leaveOutNoise) {
      line << "noise files (no spatial structure) left out:";
      for (std::size_t k = 0; k < labels.size(); ++k) {
        line << " " << labels[k] << " " << trainNoise[k] << " train, " << validationNoise[k] << " validation;";
      }
      line << " ";
    }
    line << duplicates << " validation files identical to a training file; mean " << pre.mean[0] << ", std "
         << pre.std[0] << "; device " << deviceText;
    log(line.str());
  }

  // Network, optimiser, and a checkpoint to resume from.
  detail::SmallResNetParams params;
  params.widths = config.widths;
  params.strides = config.strides;
  params.blocks = config.blocks;
  params.stemPool = config.stemPool;
  params.dropout = config.dropout;
  params.classes = static_cast<std::int64_t>(labels.size());
  if (auto checked = detail::SmallResNetParams::fromJson(params.toJson(), 1, params.classes); !checked) {
    return tl::unexpected(checked.error());
  }
  at::manual_seed(config.seed);
  detail::SmallResNet net(params);
  net->to(device);
  net->train();
  std::unique_ptr<torch::optim::Optimizer> optimizer;
  if (config.optimizer == "sgd") {
    optimizer = std::make_unique<torch::optim::SGD>(
        net->parameters(),
        torch::optim::SGDOptions(config.learningRate).momentum(0.9).nesterov(true).weight_decay(config.weightDecay));
  } else {
    optimizer = std::make_unique<torch::optim::AdamW>(
        net->parameters(), torch::optim::AdamWOptions(config.learningRate).weight_decay(config.weightDecay));
  }
  const fs::path checkpointWeights = fs::path(config.outDir) / "checkpoint-weights.pt";
  const fs::path checkpointBest = fs::path(config.outDir) / "checkpoint-best.pt";
  const fs::path checkpointOptimizer = fs::path(config.outDir) / "checkpoint-optimizer.pt";
  const fs::path checkpointState = fs::path(config.outDir) / "checkpoint.json";
  const Json runFingerprint = fingerprint(config, labels);

  ClassifierTrainingSummary summary;
  summary.device = deviceText;
  summary.trainImages = static_cast<int>(trainCount);
  summary.validationImages = static_cast<int>(validation.images.size(0));
  summary.duplicatesOfTrain = duplicates;
  summary.trainNoiseLeftOut = trainNoise;
  summary.validationNoiseLeftOut = validationNoise;
  int firstEpoch = 1;
  double bestAccuracy = -1.0, bestNll = 0.0, earlierSeconds = 0.0;
  std::map<std::string, at::Tensor> bestState;
  if (config.resume && fs::exists(checkpointState)) {
    auto text = readFile(checkpointState.string());
    if (!text) return tl::unexpected(text.error());
    Json state;
    try {
      state = Json::parse(*text);
      if (state.at("fingerprint") != runFingerprint) {
        return fail(ErrorCode::InvalidArgument,
                    "the checkpoint was made with other settings (labels, epochs, batch, optimizer, lr, network, "
                    "seed or limits); resume with the same options or start in another --out folder",
                    checkpointState.string());
      }
      firstEpoch = state.at("epoch").get<int>() + 1;
      bestAccuracy = state.at("best_accuracy").get<double>();
      bestNll = state.at("best_nll").get<double>();
      summary.bestEpoch = state.at("best_epoch").get<int>();
      summary.steps = state.at("steps").get<int>();
      earlierSeconds = state.at("seconds").get<double>();
      for (const auto& e : state.at("history")) {
        summary.history.push_back({e.at("epoch").get<int>(), e.at("train_loss").get<double>(),
                                   e.at("validation_accuracy").get<double>(), e.at("validation_nll").get<double>(),
                                   e.at("seconds").get<double>()});
      }
    } catch (const std::exception& e) {
      return fail(ErrorCode::MalformedData, std::string("the checkpoint state is damaged: ") + e.what(),
                  checkpointState.string());
    }
    auto weights = detail::loadClassifierTensors(checkpointWeights.string());
    if (!weights) return tl::unexpected(weights.error());
    if (auto ok = net->loadStateDict(*weights, checkpointWeights.string()); !ok) return tl::unexpected(ok.error());
    auto best = detail::loadClassifierTensors(checkpointBest.string());
    if (!best) return tl::unexpected(best.error());
    bestState = std::move(*best);
    try {
      torch::load(*optimizer, checkpointOptimizer.string());
    } catch (const std::exception& e) {
      return fail(ErrorCode::MalformedData, std::string("cannot read the optimiser checkpoint: ") + e.what(),
                  checkpointOptimizer.string());
    }
    log("resuming after epoch " + std::to_string(firstEpoch - 1) + " (best so far: epoch " +
        std::to_string(summary.bestEpoch) + ", " + percent(bestAccuracy) + ")");
  }

  const std::int64_t stepsPerEpoch = trainCount / config.batchSize + (trainCount % config.batchSize >= 2 ? 1 : 0);
  const std::int64_t totalSteps = stepsPerEpoch * config.epochs;
  std::int64_t step = static_cast<std::int64_t>(firstEpoch - 1) * stepsPerEpoch;
  const std::int64_t stepsAtStart = step;
  detail::AugmentSettings augment{config.flip,  config.rotationDeg, config.scale,     config.translate,
                                  config.gamma, config.contrast,    config.brightness};
  const auto trainingStarted = Clock::now();
  bool stoppedEarly = false;
  for (int epoch = firstEpoch; epoch <= config.epochs && !stoppedEarly; ++epoch) {
    const auto epochStarted = Clock::now();
    // Every epoch's randomness follows from (seed, epoch), so a resumed run
    // draws what an uninterrupted one would have drawn.
    std::mt19937_64 rng(config.seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
    at::manual_seed(config.seed + static_cast<std::uint64_t>(epoch));
    std::vector<std::int64_t> order(static_cast<std::size_t>(trainCount));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    double lossSum = 0.0;
    std::int64_t lossCount = 0;
    for (std::int64_t s = 0; s < stepsPerEpoch; ++s) {
      if (cancel && cancel->load()) {
        return fail(ErrorCode::Cancelled,
                    "training cancelled; the checkpoint of the last finished epoch is kept "
                    "(run again with --resume)");
      }
      if (config.maxSteps > 0 && step - stepsAtStart >= config.maxSteps) {
        stoppedEarly = true;
        break;
      }
      const std::int64_t begin = s * config.batchSize;
      const std::int64_t end = std::min<std::int64_t>(trainCount, begin + config.batchSize);
      const at::Tensor index =
          at::tensor(std::vector<std::int64_t>(order.begin() + begin, order.begin() + end), at::kLong);
      at::Tensor x = train.images.index_select(0, index);
      if (config.augment) x = detail::augmentBatch(x, augment, pre.padValue, rng);
      x = detail::standardise(x, pre).to(device);
      const at::Tensor y = train.targets.index_select(0, index).to(device);
      const double lr = learningRateAt(config, step, totalSteps);
      for (auto& group : optimizer->param_groups()) group.options().set_lr(lr);
      const at::Tensor logits = net->forward(x);
      const at::Tensor loss = torch::nn::functional::cross_entropy(
          logits, y, torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(config.labelSmoothing));
      optimizer->zero_grad();
      loss.backward();
      optimizer->step();
      const double lossValue = loss.item<double>();
      if (!std::isfinite(lossValue)) {
        return fail(ErrorCode::Internal, "the training loss became " + std::to_string(lossValue) + " at step " +
                                             std::to_string(step + 1) + "; lower --lr");
      }
      lossSum += lossValue;
      ++lossCount;
      ++step;
      ++summary.steps;
      if (s == 0 || (s + 1) % 20 == 0 || s + 1 == stepsPerEpoch) {
        const double elapsed = secondsSince(trainingStarted);
        const double perStep = elapsed / static_cast<double>(step - stepsAtStart);
        std::int64_t remaining = totalSteps - step;
        if (config.maxSteps > 0) remaining = std::min<std::int64_t>(remaining, config.maxSteps - (step - stepsAtStart));
        std::ostringstream line;
        line << "epoch " << epoch << "/" << config.epochs << " step " << s + 1 << "/" << stepsPerEpoch << " loss "
             << fixed(lossSum / static_cast<double>(lossCount), 4) << " lr " << fixed(lr, 5) << " "
             << fixed(static_cast<double>(end - begin) / perStep, 1) << " img/s eta "
             << duration(perStep * static_cast<double>(remaining));
        log(line.str());
      }
    }
    if (lossCount == 0) break;
    const auto probabilities = predict(net, validation.images, pre, device);
    const auto metrics = computeClassificationMetrics(labels, toIndices(validation.targets), probabilities);
    const double epochSeconds = secondsSince(epochStarted);
    summary.history.push_back({epoch, lossSum / static_cast<double>(lossCount), metrics.accuracy,
                               metrics.meanNegativeLogLikelihood, epochSeconds});
    const bool better = metrics.accuracy > bestAccuracy ||
                        (metrics.accuracy == bestAccuracy && metrics.meanNegativeLogLikelihood < bestNll);
    if (better) {
      bestAccuracy = metrics.accuracy;
      bestNll = metrics.meanNegativeLogLikelihood;
      summary.bestEpoch = epoch;
      bestState.clear();
      for (const auto& [key, tensor] : net->stateDict()) bestState.emplace(key, tensor.detach().cpu().clone());
    }
    log("epoch " + std::to_string(epoch) + " validation accuracy " + percent(metrics.accuracy) + ", NLL " +
        fixed(metrics.meanNegativeLogLikelihood, 4) + ", ECE " + fixed(metrics.expectedCalibrationError, 4) + " (" +
        duration(epochSeconds) + ")" + (better ? " - best so far" : ""));

    // Checkpoint of the finished epoch.
    if (auto saved = detail::saveClassifierTensors(checkpointWeights.string(), net->stateDict()); !saved) {
      return tl::unexpected(saved.error());
    }
    if (auto saved = detail::saveClassifierTensors(checkpointBest.string(), bestState); !saved) {
      return tl::unexpected(saved.error());
    }
    auto optimizerSaved =
        writeAtomically(checkpointOptimizer.string(), {}, [&](const std::string& tmp) -> Expected<void> {
          try {
            torch::save(*optimizer, tmp);
          } catch (const std::exception& e) {
            return fail(ErrorCode::WriteFailed, std::string("cannot save the optimiser state: ") + e.what(), tmp);
          }
          return {};
        });
    if (!optimizerSaved) return tl::unexpected(optimizerSaved.error());
    Json history = Json::array();
    for (const auto& e : summary.history) {
      history.push_back({{"epoch", e.epoch},
                         {"train_loss", e.trainLoss},
                         {"validation_accuracy", e.validationAccuracy},
                         {"validation_nll", e.validationNll},
                         {"seconds", e.seconds}});
    }
    const Json state = {{"fingerprint", runFingerprint},
                        {"epoch", epoch},
                        {"best_epoch", summary.bestEpoch},
                        {"best_accuracy", bestAccuracy},
                        {"best_nll", bestNll},
                        {"steps", summary.steps},
                        {"seconds", earlierSeconds + secondsSince(started)},
                        {"history", history}};
    if (auto saved = writeFileAtomically(checkpointState.string(), state.dump(2) + "\n"); !saved) {
      return tl::unexpected(saved.error());
    }
  }
  if (bestState.empty()) return fail(ErrorCode::Internal, "no epoch finished; nothing to save");

  // The best epoch, measured once more, becomes the model.
  if (auto ok = net->loadStateDict(bestState, "best epoch"); !ok) return tl::unexpected(ok.error());
  if (config.halfPrecisionWeights) detail::roundToHalf(net);
  const auto probabilities = predict(net, validation.images, pre, device);
  const auto truth = toIndices(validation.targets);
  summary.validation = computeClassificationMetrics(labels, truth, probabilities);
  std::vector<int> uniqueTruth;
  std::vector<std::vector<double>> uniqueProbabilities;
  for (auto i : uniqueValidation) {
    uniqueTruth.push_back(truth[static_cast<std::size_t>(i)]);
    uniqueProbabilities.push_back(probabilities[static_cast<std::size_t>(i)]);
  }
  summary.validationWithoutDuplicates = computeClassificationMetrics(labels, uniqueTruth, uniqueProbabilities);
  summary.validationWholeFolder = computeClassificationMetrics(labels, toIndices(validationFolder->targets),
                                                               predict(net, validationFolder->images, pre, device));
  summary.wallSeconds = earlierSeconds + secondsSince(started);

  std::int64_t parameterCount = 0;
  for (const auto& p : net->parameters()) parameterCount += p.numel();
  net->to(at::kCPU);
  summary.modelDir = (fs::path(config.outDir) / "model").string();
  fs::create_directories(summary.modelDir, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the model folder: " + ec.message(), summary.modelDir);
  const std::string card =
      modelCardText(config, summary, labels, train.perClass, validation.perClass, pre, net, parameterCount, hardware);
  if (auto written = writeFileAtomically((fs::path(summary.modelDir) / "MODEL_CARD.md").string(), card); !written) {
    return tl::unexpected(written.error());
  }
  Json history = Json::array();
  for (const auto& e : summary.history) {
    history.push_back({{"epoch", e.epoch},
                       {"train_loss", e.trainLoss},
                       {"validation_accuracy", e.validationAccuracy},
                       {"validation_nll", e.validationNll},
                       {"seconds", e.seconds}});
  }
  Json extra;
  extra["model_card"] = "MODEL_CARD.md";
  extra["training_data"] = {{"image_kinds", {"mri"}},
                            {"description", config.dataDescription},
                            {"licence", config.dataLicence},
                            {"labels_from", "folder names"},
                            {"train_images_per_class", train.perClass},
                            {"validation_images_per_class", validation.perClass},
                            {"validation_use", "model selection only (best epoch)"},
                            {"validation_files_identical_to_train", duplicates},
                            {"noise_files_left_out",
                             {{"rule", config.leaveOutNoise ? noiseRule() : std::string("none left out")},
                              {"train_per_class", trainNoise},
                              {"validation_per_class", validationNoise}}}};
  extra["training"] = {{"trainer", "edgefuse-train classifier"},
                       {"epochs", config.epochs},
                       {"epochs_run", summary.history.size()},
                       {"best_epoch", summary.bestEpoch},
                       {"steps", summary.steps},
                       {"batch", config.batchSize},
                       {"optimizer", config.optimizer},
                       {"learning_rate_peak", config.learningRate},
                       {"schedule", "one-cycle: linear warm-up, cosine decay"},
                       {"warmup_fraction", config.warmupFraction},
                       {"weight_decay", config.weightDecay},
                       {"label_smoothing", config.labelSmoothing},
                       {"augmentation",
                        {{"enabled", config.augment},
                         {"flip", config.flip},
                         {"rotation_deg", config.rotationDeg},
                         {"scale", config.scale},
                         {"translate", config.translate},
                         {"gamma", config.gamma},
                         {"contrast", config.contrast},
                         {"brightness", config.brightness}}},
                       {"seed", config.seed},
                       {"deterministic", config.deterministic},
                       {"device", deviceText},
                       {"hardware", hardware},
                       {"wall_seconds", summary.wallSeconds},
                       {"parameters", parameterCount},
                       {"mflop_per_image", net->flops(pre.inputHeight, pre.inputWidth) / 1e6},
                       {"command", config.commandLine},
                       {"history", history}};
  extra["metrics_note"] = config.halfPrecisionWeights
                              ? "measured with the stored float16-rounded weights of the best epoch"
                              : "measured with the stored weights of the best epoch";
  extra["metrics"] = {
      {"validation", Json::parse(summary.validation.toJson())},
      {"validation_without_train_duplicates", Json::parse(summary.validationWithoutDuplicates.toJson())},
      {"validation_whole_folder", Json::parse(summary.validationWholeFolder.toJson())}};
  detail::NativeModelCard manifest;
  manifest.name = config.modelName;
  manifest.version = config.modelVersion;
  manifest.description = "Brain-tumour classifier (" + std::to_string(labels.size()) +
                         " classes) for single MRI slices, trained by EdgeFuse; validation accuracy " +
                         percent(summary.validation.accuracy);
  manifest.labels = labels;
  manifest.preprocessing = pre;
  manifest.extraJson = extra.dump();
  manifest.halfPrecision = config.halfPrecisionWeights;
  auto sha = detail::saveNativeModelFolder(summary.modelDir, net, manifest);
  if (!sha) return tl::unexpected(sha.error());
  summary.sha256 = *sha;
  if (!config.keepCheckpoint && !stoppedEarly) {
    for (const auto& f : {checkpointWeights, checkpointBest, checkpointOptimizer, checkpointState}) fs::remove(f, ec);
  }
  log("best epoch " + std::to_string(summary.bestEpoch) + ": validation accuracy " +
      percent(summary.validation.accuracy) + ", ECE " + fixed(summary.validation.expectedCalibrationError, 4) +
      "; wrote " + summary.modelDir);
  return summary;
}

std::string ClassifierEvaluation::toJson() const {
  Json perClass = Json::object();
  for (std::size_t k = 0; k < images.labels.size() && k < noisePerClass.size(); ++k) {
    perClass[images.labels[k]] = noisePerClass[k];
  }
  return Json{{"images", Json::parse(images.toJson())},
              {"whole_folder", Json::parse(wholeFolder.toJson())},
              {"noise_rule", noiseRule()},
              {"noise_files_per_class", perClass},
              {"noise_files", noiseFiles}}
      .dump();
}

Expected<ClassifierEvaluation> evaluateClassifier(const std::string& modelSpec, const std::string& folder, int threads,
                                                  const TrainingLog& log) {
  ClassifierConfig config;
  config.model = modelSpec;
  config.threads = threads;
  auto classifier = Classifier::load(config);
  if (!classifier) return tl::unexpected(classifier.error());
  const auto& labels = (*classifier)->model().labels;
  std::vector<int> truth, imageTruth;
  std::vector<std::vector<double>> probabilities, imageProbabilities;
  ClassifierEvaluation evaluation;
  std::error_code ec;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const fs::path dir = fs::path(folder) / labels[k];
    if (!fs::is_directory(dir, ec)) {
      return fail(ErrorCode::FileNotFound, "the class folder '" + labels[k] + "' of the model is missing",
                  dir.string());
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    int noise = 0;
    for (const auto& file : files) {
      auto image = readImage(file.string());
      if (!image) return tl::unexpected(image.error());
      ClassifyOptions options;
      options.kind = ImageKind::MriSource;
      auto result = (*classifier)->classify(*image, options);
      if (!result) return tl::unexpected(Error{result.error().code, result.error().message, file.string()});
      std::vector<double> p;
      for (const auto& cp : result->probabilities) p.push_back(cp.probability);
      if (result->noStructure) {
        ++noise;
        evaluation.noiseFiles.push_back(file.string());
      } else {
        imageProbabilities.push_back(p);
        imageTruth.push_back(static_cast<int>(k));
      }
      probabilities.push_back(std::move(p));
      truth.push_back(static_cast<int>(k));
    }
    evaluation.noisePerClass.push_back(noise);
    log(labels[k] + ": " + std::to_string(files.size()) + " images, " + std::to_string(noise) +
        " of them noise files (no spatial structure)");
  }
  if (truth.empty()) return fail(ErrorCode::NoPairs, "no images to evaluate", folder);
  if (imageTruth.empty()) return fail(ErrorCode::NoPairs, "every image of the folder is a noise file", folder);
  evaluation.images = computeClassificationMetrics(labels, imageTruth, imageProbabilities);
  evaluation.wholeFolder = computeClassificationMetrics(labels, truth, probabilities);
  return evaluation;
}

}  // namespace edgefuse
