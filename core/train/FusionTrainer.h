// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/fusion/FusionTypes.h"

namespace edgefuse {

/// Everything that defines a fusion-model training run (edgefuse-train fusion).
struct FusionTrainingConfig {
  /// The AANLIB folder (CT-MRI/, PET-MRI/, SPECT-MRI/ with paired PNGs) or a
  /// tensor file packed from it by packFusionDataset (for machines without OpenCV).
  std::string data;
  std::string outDir;   ///< checkpoints, log, and the final model folder (outDir/model)
  bool resume = false;  ///< continue from outDir/checkpoint.* when present
  int epochs = 8;
  int stepsPerEpoch = 0;  ///< 0 = one pass over the training images per epoch
  int batchSize = 16;
  int cropSize = 64;  ///< random square crops (even, ≥ 16)
  double learningRate = 1e-3;
  bool cosineSchedule = true;   ///< decay the learning rate to 1% of its start by a cosine over the run
  double lambdaGradient = 0.2;  ///< weight of the Sobel gradient loss
  double lambdaSsim = 0.2;      ///< weight of the SSIM loss (stands in for the perceptual loss)
  std::uint64_t seed = 20241122;
  bool deterministic = false;
  DevicePreference device = DevicePreference::Auto;
  int threads = 0;  ///< CPU threads, 0 = all cores
  /// Case ids held out for validation (the leading digits of a file name
  /// without its three slice digits, e.g. 2004.png → case 2).
  std::vector<int> validationCases = {2, 33, 30, 4, 15, 36};
  int validationPairsPerKind = 4;  ///< pairs per pair kind fused at each validation
  int maxTrainImages = 0;          ///< limit for smoke tests (0 = all)
  std::string modelName = "eh-dran";
  std::string modelVersion = "1.0.0";
};

/// One validation measurement: mean over the validation pairs of one kind.
struct ValidationScore {
  std::string pairKind;    ///< "CT-MRI", "PET-MRI", "SPECT-MRI"
  std::string bnMode;      ///< "running" or "batch"
  double psnr = 0.0;       ///< mean over pairs of the mean over both sources (dB, data range 1)
  double ssim = 0.0;       ///< mean over pairs of the mean over both sources
  double weightMri = 0.0;  ///< mean SFNN weight of the MRI (source A)
  int pairs = 0;
};

/// What a run produced.
struct FusionTrainingSummary {
  std::string modelDir;  ///< outDir/model: model.json + weights.pt of the best epoch
  int bestEpoch = 0;
  double bestScore = 0.0;  ///< model-selection score (mean validation SSIM, chosen BN mode)
  std::string bestBnMode;
  std::vector<ValidationScore> bestValidation;
  double wallSeconds = 0.0;
  std::string device;
  int trainImages = 0;
  int steps = 0;
};

/// Progress and log lines ("epoch 3/8 step 40/70 loss 0.0123 eta 12m").
using TrainingLog = std::function<void(const std::string&)>;

/// Trains EH-DRAN as an autoencoder on single images (MRI, CT, and the Y
/// channel of SPECT/PET): loss = MSE + λ1·gradient + λ2·(1 − SSIM), Adam;
/// validates each epoch by fusing held-out pairs with SFNN in both BatchNorm
/// modes and keeps the best epoch by validation SSIM only. Writes checkpoints
/// after each epoch so that a run can resume. Runs on the calling thread.
Expected<FusionTrainingSummary> trainFusionModel(const FusionTrainingConfig& config, const TrainingLog& log,
                                                 const std::atomic<bool>* cancel = nullptr);

/// Packs the AANLIB folder into one tensor file (grey/Y images as uint8 with
/// their names, kinds and roles), so that training can run where OpenCV is absent.
Expected<int> packFusionDataset(const std::string& aanlibFolder, const std::string& outFile);

}  // namespace edgefuse
