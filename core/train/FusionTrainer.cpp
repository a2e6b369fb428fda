// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/train/FusionTrainer.h"

#include <ATen/Parallel.h>
#include <torch/optim/adam.h>
#include <torch/serialize.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "core/base/AtomicFile.h"
#include "core/fusion/detail/Network.h"
#include "core/fusion/detail/Strategies.h"
#include "core/fusion/detail/Weights.h"
#include "core/train/detail/FusionDataset.h"
#include "core/train/detail/Losses.h"

namespace fs = std::filesystem;

namespace edgefuse {
namespace {

using Clock = std::chrono::steady_clock;

at::Tensor minMax(const at::Tensor& image) {
  const at::Tensor lo = image.min(), hi = image.max();
  const at::Tensor range = (hi - lo).clamp_min(1e-12);
  return (image - lo) / range;
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

struct ValidationPair {
  std::string kind, name;
  at::Tensor a, b;  // (1,1,H,W) min-max normalised
};

// A batch of random crops with flips and a small intensity (gamma) jitter.
at::Tensor sampleBatch(const std::vector<at::Tensor>& images, int batch, int crop, std::mt19937_64& rng) {
  std::vector<at::Tensor> crops;
  std::uniform_int_distribution<std::size_t> pick(0, images.size() - 1);
  std::uniform_real_distribution<double> gamma(std::log(0.8), std::log(1.25));
  std::bernoulli_distribution coin(0.5);
  for (int i = 0; i < batch; ++i) {
    const at::Tensor& image = images[pick(rng)];
    const std::int64_t h = image.size(0), w = image.size(1);
    std::uniform_int_distribution<std::int64_t> y0(0, h - crop), x0(0, w - crop);
    const std::int64_t y = y0(rng), x = x0(rng);
    at::Tensor c = image.slice(0, y, y + crop).slice(1, x, x + crop);
    if (coin(rng)) c = c.flip({1});
    if (coin(rng)) c = c.flip({0});
    c = c.pow(std::exp(gamma(rng)));
    crops.push_back(c.unsqueeze(0));
  }
  return at::stack(crops);
}

std::vector<ValidationScore> validate(detail::FusionNetwork& net, const std::vector<ValidationPair>& pairs,
                                      const at::Device& device) {
  at::NoGradGuard noGrad;
  std::vector<ValidationScore> scores;
  for (auto bn : {detail::BnUse::Running, detail::BnUse::PerImage}) {
    std::map<std::string, ValidationScore> byKind;
    for (const auto& p : pairs) {
      const at::Tensor a = p.a.to(device), b = p.b.to(device);
      const at::Tensor features = net.encode(at::cat({a, b}, 0), bn);
      const at::Tensor fa = features.slice(0, 0, 1), fb = features.slice(0, 1, 2);
      std::vector<std::pair<double, double>> weights;
      const at::Tensor fused = net.decode(detail::fuseFeatures(Strategy::Sfnn, fa, fb, &weights)).clamp(0.0, 1.0);
      auto& s = byKind[p.kind];
      s.pairKind = p.kind;
      s.bnMode = bn == detail::BnUse::Running ? "running" : "batch";
      s.psnr += 0.5 * (detail::psnr(fused, a).item<double>() + detail::psnr(fused, b).item<double>());
      s.ssim += 0.5 * (detail::meanSsim(fused, a).item<double>() + detail::meanSsim(fused, b).item<double>());
      s.weightMri += weights.front().first;
      s.pairs += 1;
    }
    for (auto& [kind, s] : byKind) {
      s.psnr /= s.pairs;
      s.ssim /= s.pairs;
      s.weightMri /= s.pairs;
      scores.push_back(s);
    }
  }
  return scores;
}

double selectionScore(const std::vector<ValidationScore>& scores, const std::string& bnMode) {
  double sum = 0.0;
  int n = 0;
  for (const auto& s : scores) {
    if (s.bnMode == bnMode) {
      sum += s.ssim;
      ++n;
    }
  }
  return n ? sum / n : 0.0;
}

nlohmann::json scoresJson(const std::vector<ValidationScore>& scores) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : scores) {
    out.push_back(
        {{"pairs", s.pairKind}, {"bn_mode", s.bnMode}, {"psnr", s.psnr}, {"ssim", s.ssim}, {"pair_count", s.pairs}});
  }
  return out;
}

}  // namespace

Expected<int> packFusionDataset(const std::string& aanlibFolder, const std::string& outFile) {
  auto images = detail::loadFusionDataset(aanlibFolder);
  if (!images) return tl::unexpected(images.error());
  if (auto saved = detail::savePackedDataset(*images, outFile); !saved) return tl::unexpected(saved.error());
  return static_cast<int>(images->size());
}

Expected<FusionTrainingSummary> trainFusionModel(const FusionTrainingConfig& config, const TrainingLog& log,
                                                 const std::atomic<bool>* cancel) {
  const auto started = Clock::now();
  if (config.cropSize < 16 || config.cropSize % 2) {
    return fail(ErrorCode::InvalidArgument, "--crop must be an even number of at least 16");
  }
  if (config.batchSize < 1 || config.epochs < 1) {
    return fail(ErrorCode::InvalidArgument, "--batch and --epochs must be at least 1");
  }
  std::error_code ec;
  fs::create_directories(config.outDir, ec);
  if (ec) return fail(ErrorCode::WriteFailed, "cannot create the output folder: " + ec.message(), config.outDir);

  // Device and threads.
  at::Device device(at::kCPU);
  std::string deviceText;
  if (config.device != DevicePreference::Cpu && at::hasCUDA()) {
    device = at::Device(at::kCUDA, 0);
    deviceText = "cuda:0";
  } else if (config.device == DevicePreference::Cuda) {
    return fail(ErrorCode::DeviceUnavailable, "CUDA was requested but is not available to this LibTorch build");
  } else {
    const int threads =
        config.threads > 0 ? config.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
    deviceText = "cpu (" + std::to_string(threads) + " threads)";
  }
  at::manual_seed(config.seed);
  if (config.deterministic) at::globalContext().setDeterministicAlgorithms(true, false);
  std::mt19937_64 rng(config.seed);

  // Data, split by case.
  log("loading " + config.data);
  auto dataset = detail::loadFusionDataset(config.data);
  if (!dataset) return tl::unexpected(dataset.error());
  const std::set<int> validationCases(config.validationCases.begin(), config.validationCases.end());
  std::vector<at::Tensor> train;
  std::map<std::string, std::vector<const detail::DatasetImage*>> validationMri, validationOther;
  std::set<int> trainCaseIds;
  for (const auto& image : *dataset) {
    if (validationCases.count(image.caseId)) {
      (image.role == "MRI" ? validationMri : validationOther)[image.kind].push_back(&image);
    } else {
      if (image.pixels.size(0) < config.cropSize || image.pixels.size(1) < config.cropSize) continue;
      train.push_back(minMax(image.pixels));
      trainCaseIds.insert(image.caseId);
    }
  }
  if (config.maxTrainImages > 0 && static_cast<int>(train.size()) > config.maxTrainImages) {
    train.resize(static_cast<std::size_t>(config.maxTrainImages));
  }
  if (train.empty()) return fail(ErrorCode::NoPairs, "no training images (all cases held out?)", config.data);
  std::vector<ValidationPair> validationPairs;
  std::vector<std::string> validationNames;
  for (auto& [kind, mris] : validationMri) {
    std::map<std::string, const detail::DatasetImage*> others;
    for (const auto* o : validationOther[kind]) others[o->name] = o;
    std::vector<std::pair<const detail::DatasetImage*, const detail::DatasetImage*>> matched;
    for (const auto* m : mris) {
      if (auto it = others.find(m->name); it != others.end()) matched.emplace_back(m, it->second);
    }
    const int want = std::min<int>(config.validationPairsPerKind, static_cast<int>(matched.size()));
    for (int i = 0; i < want; ++i) {
      const auto& [m, o] = matched[static_cast<std::size_t>(i) * matched.size() / static_cast<std::size_t>(want)];
      validationPairs.push_back(
          {kind, m->name, minMax(m->pixels).unsqueeze(0).unsqueeze(0), minMax(o->pixels).unsqueeze(0).unsqueeze(0)});
      validationNames.push_back(kind + "/" + m->name);
    }
  }
  log("training images: " + std::to_string(train.size()) + " from " + std::to_string(trainCaseIds.size()) +
      " cases; validation pairs: " + std::to_string(validationPairs.size()) + "; device: " + deviceText);

  // Network and optimiser, possibly resumed.
  const fs::path checkpointWeights = fs::path(config.outDir) / "checkpoint-weights.pt";
  const fs::path checkpointOptimizer = fs::path(config.outDir) / "checkpoint-optimizer.pt";
  const fs::path checkpointState = fs::path(config.outDir) / "checkpoint.json";
  detail::FusionNetwork net = detail::FusionNetwork::initialise(detail::Architecture::EhDran, config.seed);
  int firstEpoch = 1;
  double bestScore = -1.0;
  FusionTrainingSummary summary;
  nlohmann::json history = nlohmann::json::array();
  if (config.resume && fs::exists(checkpointState)) {
    auto tensors = detail::loadTensorDict(checkpointWeights.string());
    if (!tensors) return tl::unexpected(tensors.error());
    auto valid = detail::validateTensors(detail::Architecture::EhDran, *tensors, checkpointWeights.string());
    if (!valid) return tl::unexpected(valid.error());
    net = detail::FusionNetwork(detail::Architecture::EhDran, std::move(*valid));
    auto text = readFile(checkpointState.string());
    if (!text) return tl::unexpected(text.error());
    const auto state = nlohmann::json::parse(*text);
    firstEpoch = state.at("epoch").get<int>() + 1;
    bestScore = state.at("best_score").get<double>();
    summary.bestEpoch = state.at("best_epoch").get<int>();
    summary.bestBnMode = state.at("best_bn_mode").get<std::string>();
    history = state.at("history");
    log("resuming after epoch " + std::to_string(firstEpoch - 1));
  }
  net.to(device);
  std::vector<at::Tensor> parameters = net.parameters();
  for (auto& p : parameters) p.requires_grad_(true);
  torch::optim::Adam optimizer(parameters, torch::optim::AdamOptions(config.learningRate));
  if (config.resume && fs::exists(checkpointOptimizer)) torch::load(optimizer, checkpointOptimizer.string());

  const int stepsPerEpoch =
      config.stepsPerEpoch > 0 ? config.stepsPerEpoch : std::max(1, static_cast<int>(train.size()) / config.batchSize);
  const int totalSteps = stepsPerEpoch * (config.epochs - firstEpoch + 1);
  int stepsDone = 0;
  double stepSeconds = 0.0;
  for (int epoch = firstEpoch; epoch <= config.epochs; ++epoch) {
    double lossSum = 0.0;
    for (int step = 1; step <= stepsPerEpoch; ++step) {
      if (cancel && cancel->load()) return fail(ErrorCode::Cancelled, "training cancelled");
      if (config.cosineSchedule) {
        const int done = (epoch - 1) * stepsPerEpoch + step - 1;
        const double progress = static_cast<double>(done) / (config.epochs * stepsPerEpoch);
        const double lr = config.learningRate * (0.01 + 0.99 * 0.5 * (1.0 + std::cos(M_PI * progress)));
        for (auto& group : optimizer.param_groups()) {
          static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
        }
      }
      const auto t0 = Clock::now();
      const at::Tensor x = sampleBatch(train, config.batchSize, config.cropSize, rng).to(device);
      const at::Tensor y = net.decode(net.encode(x, detail::BnUse::Train, true));
      const at::Tensor mse = (y - x).pow(2).mean();
      const at::Tensor gradient = detail::sobelGradientLoss(y, x);
      const at::Tensor ssim = detail::meanSsim(y, x);
      const at::Tensor loss = mse + config.lambdaGradient * gradient + config.lambdaSsim * (1.0 - ssim);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      lossSum += loss.item<double>();
      ++stepsDone;
      const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
      stepSeconds = stepsDone == 1 ? seconds : 0.9 * stepSeconds + 0.1 * seconds;
      if (step == 1 || step % 10 == 0 || step == stepsPerEpoch) {
        std::ostringstream line;
        line.precision(4);
        line << "epoch " << epoch << "/" << config.epochs << " step " << step << "/" << stepsPerEpoch << " loss "
             << loss.item<double>() << " (mse " << mse.item<double>() << ", gradient " << gradient.item<double>()
             << ", ssim " << ssim.item<double>() << ") " << seconds << " s/step, eta "
             << duration(stepSeconds * (totalSteps - stepsDone));
        log(line.str());
      }
    }
    // Validation: the real fusion (SFNN) on held-out pairs, both BatchNorm modes.
    const auto v0 = Clock::now();
    const auto scores = validate(net, validationPairs, device);
    std::string bestModeThisEpoch = "running";
    double score = selectionScore(scores, "running");
    if (const double batch = selectionScore(scores, "batch"); batch > score) {
      score = batch;
      bestModeThisEpoch = "batch";
    }
    std::ostringstream line;
    line.precision(4);
    line << "epoch " << epoch << " validation (" << duration(std::chrono::duration<double>(Clock::now() - v0).count())
         << "):";
    for (const auto& s : scores)
      line << " " << s.pairKind << "/" << s.bnMode << " PSNR " << s.psnr << " SSIM " << s.ssim;
    log(line.str());
    history.push_back({{"epoch", epoch}, {"train_loss", lossSum / stepsPerEpoch}, {"validation", scoresJson(scores)}});
    if (score > bestScore) {
      bestScore = score;
      summary.bestEpoch = epoch;
      summary.bestBnMode = bestModeThisEpoch;
      summary.bestValidation = scores;
      nlohmann::json card;
      card["training"] = {{"trainer", "edgefuse-train fusion"},
                          {"data",
                           "Harvard Whole Brain Atlas (AANLIB) pairs: CT-MRI, PET-MRI, SPECT-MRI; single images "
                           "(MRI, CT, Y of PET/SPECT) as input and target"},
                          {"split",
                           {{"by", "case"},
                            {"validation_cases", config.validationCases},
                            {"train_cases", std::vector<int>(trainCaseIds.begin(), trainCaseIds.end())},
                            {"validation_pairs_used", validationNames}}},
                          {"train_images", train.size()},
                          {"loss",
                           {{"formula", "MSE + lambda1 * Sobel gradient loss + lambda2 * (1 - SSIM)"},
                            {"lambda1", config.lambdaGradient},
                            {"lambda2", config.lambdaSsim},
                            {"deviation_from_paper",
                             "the paper's perceptual (VGG16-BN) term is replaced by an SSIM term: ImageNet VGG16-BN "
                             "weights are not available here"}}},
                          {"optimizer",
                           {{"name", "Adam"},
                            {"learning_rate", config.learningRate},
                            {"schedule", config.cosineSchedule ? "cosine to 1% over the run" : "constant"}}},
                          {"batch", config.batchSize},
                          {"crop", config.cropSize},
                          {"augmentation", "random crops, horizontal/vertical flips, gamma jitter in [0.8, 1.25]"},
                          {"input_normalization", "per-image min-max to [0,1]"},
                          {"epochs_planned", config.epochs},
                          {"best_epoch", epoch},
                          {"seed", config.seed},
                          {"device", deviceText},
                          {"wall_seconds_to_best", std::chrono::duration<double>(Clock::now() - started).count()}};
      card["validation"] = {{"selection", "mean SSIM over pair kinds, fused with SFNN, best BatchNorm mode"},
                            {"bn_mode_selected", bestModeThisEpoch},
                            {"scores", scoresJson(scores)}};
      detail::ModelCard modelCard;
      modelCard.name = config.modelName;
      modelCard.version = config.modelVersion;
      modelCard.description = "EH-DRAN trained by EdgeFuse (edgefuse-train fusion)";
      modelCard.bnMode = bestModeThisEpoch == "running" ? BnMode::Running : BnMode::Batch;
      modelCard.normalization = Normalization::MinMax;
      modelCard.extraJson = card.dump();
      auto saved = detail::saveModelFolder((fs::path(config.outDir) / "model").string(), net, modelCard);
      if (!saved) return tl::unexpected(saved.error());
      log("epoch " + std::to_string(epoch) + " is the best so far (score " + std::to_string(score) + ", " +
          bestModeThisEpoch + "): saved " + (fs::path(config.outDir) / "model").string());
    }
    // Checkpoint for resuming.
    if (auto saved = detail::saveTensorDict(checkpointWeights.string(), net.tensors()); !saved) {
      return tl::unexpected(saved.error());
    }
    torch::save(optimizer, checkpointOptimizer.string());
    nlohmann::json state = {{"epoch", epoch},
                            {"best_score", bestScore},
                            {"best_epoch", summary.bestEpoch},
                            {"best_bn_mode", summary.bestBnMode},
                            {"history", history}};
    if (auto saved = writeFileAtomically(checkpointState.string(), state.dump(2)); !saved) {
      return tl::unexpected(saved.error());
    }
  }
  summary.modelDir = (fs::path(config.outDir) / "model").string();
  summary.bestScore = bestScore;
  summary.wallSeconds = std::chrono::duration<double>(Clock::now() - started).count();
  summary.device = deviceText;
  summary.trainImages = static_cast<int>(train.size());
  summary.steps = stepsDone;
  return summary;
}

}  // namespace edgefuse
