// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/base/Error.h"
#include "core/classify/ClassificationMetrics.h"
#include "core/fusion/FusionTypes.h"

namespace edgefuse {

/// Everything that defines a classifier training run (edgefuse-train classifier).
struct ClassifierTrainingConfig {
  /// Folder with train/<label>/ and validation/<label>/ image folders (PNG,
  /// JPEG, DICOM …). Validation is used for model selection only.
  std::string data;
  std::string outDir;           ///< checkpoints, train.log and the final model folder (outDir/model)
  bool resume = false;          ///< continue from the checkpoint in outDir when present
  bool keepCheckpoint = false;  ///< keep the checkpoint files after a finished run
  /// Class folder names in output order; empty = the sub-folders of train/, sorted.
  std::vector<std::string> labels;

  int epochs = 24;
  int batchSize = 32;
  std::string optimizer = "adamw";  ///< "adamw" or "sgd" (Nesterov momentum 0.9)
  double learningRate = 0.002;      ///< peak of the one-cycle schedule (about 0.1 for sgd)
  double warmupFraction = 0.1;      ///< share of the steps spent warming up linearly, then cosine decay to 0
  double weightDecay = 0.05;        ///< decoupled with adamw; L2 with sgd (use about 5e-4)
  double labelSmoothing = 0.05;

  /// Network shape (model.json architecture_params; see SmallResNetParams).
  std::vector<std::int64_t> widths{32, 64, 128, 256};
  std::vector<std::int64_t> strides{1, 2, 2, 1};
  std::vector<std::int64_t> blocks;  ///< basic blocks per stage, one entry per width (empty: one each)
  bool stemPool = true;              ///< 2×2 max pooling after the stem (off: stages at twice the resolution)
  double dropout = 0.1;
  int inputSize = 128;  ///< square input, pixels
  Normalization intensity = Normalization::MinMax;

  /// Augmentations, drawn per image and step.
  bool augment = true;
  bool flip = true;           ///< random left–right flip
  double rotationDeg = 10.0;  ///< uniform in ±
  double scale = 0.08;        ///< zoom uniform in 1 ± scale
  double translate = 0.05;    ///< shift uniform in ± (fraction of the size)
  double gamma = 1.2;         ///< gamma uniform in [1/gamma, gamma] (log-uniform)
  double contrast = 0.10;     ///< contrast factor uniform in 1 ± contrast
  double brightness = 0.05;   ///< offset uniform in ± brightness

  std::uint64_t seed = 20241122;
  bool deterministic = false;  ///< deterministic algorithms only (reproducible with the same thread count)
  DevicePreference device = DevicePreference::Auto;
  int threads = 0;  ///< CPU threads, 0 = all cores

  int maxSteps = 0;       ///< stop after this many steps in all (smoke tests); 0 = no limit
  int limitPerClass = 0;  ///< use at most this many images per class and split (smoke tests); 0 = all
  /// Leave out the files that show no spatial structure (checkStructure: pure
  /// noise, e.g. corrupted files) from training and from model selection.
  /// Their labels carry no information an image could show. They are counted
  /// in the log, model.json and the model card, and the whole validation
  /// folder, noise included, is still measured and reported.
  bool leaveOutNoise = true;

  /// Store the weights as float16 (half the size); the reported metrics are
  /// measured with exactly these rounded weights.
  bool halfPrecisionWeights = true;

  std::string modelName = "tumor-classifier";
  std::string modelVersion = "1.0.0";
  /// What the data are and under which licence, for the model card.
  std::string dataDescription;
  std::string dataLicence;
  /// The command line that started the run, recorded in the model card.
  std::string commandLine;
};

/// One epoch of the training history.
struct ClassifierEpoch {
  int epoch = 0;
  double trainLoss = 0.0;
  double validationAccuracy = 0.0;
  double validationNll = 0.0;
  double seconds = 0.0;
};

/// What a run produced.
struct ClassifierTrainingSummary {
  std::string modelDir;  ///< outDir/model: model.json, weights.pt, MODEL_CARD.md of the best epoch
  std::string sha256;    ///< of the weights
  int bestEpoch = 0;
  /// Of the best epoch, on the validation images used for model selection
  /// (without the noise files when they are left out).
  ClassificationMetrics validation;
  /// The same, without the validation images whose file also occurs in train/.
  ClassificationMetrics validationWithoutDuplicates;
  /// The whole validation folder, noise files included (as the network
  /// classifies them); equal to `validation` when nothing was left out.
  ClassificationMetrics validationWholeFolder;
  int duplicatesOfTrain = 0;  ///< validation files identical to a training file
  /// Noise files (no spatial structure) per class, left out of training and
  /// model selection; all zero when leaveOutNoise is off.
  std::vector<int> trainNoiseLeftOut;
  std::vector<int> validationNoiseLeftOut;
  std::vector<ClassifierEpoch> history;
  double wallSeconds = 0.0;  ///< this invocation's training time (plus earlier ones when resumed)
  std::string device;
  int trainImages = 0;
  int validationImages = 0;
  int steps = 0;
};

/// Progress and log lines ("epoch 3/24 step 40/150 loss 0.41 … eta 12m3s").
/// The same type as FusionTrainer.h's.
using TrainingLog = std::function<void(const std::string&)>;

/// Trains EdgeFuse's compact ResNet classifier from scratch: SGD (or AdamW)
/// with a one-cycle learning rate, label smoothing, augmentations; after each
/// epoch it measures the validation set and keeps the epoch with the best
/// accuracy (ties: lower NLL). Writes a checkpoint after each epoch (resume),
/// and at the end outDir/model with model.json (metrics, data, training) and
/// MODEL_CARD.md. Runs on the calling thread; `cancel` is checked between steps.
Expected<ClassifierTrainingSummary> trainClassifier(const ClassifierTrainingConfig& config, const TrainingLog& log,
                                                    const std::atomic<bool>* cancel = nullptr);

/// A model measured on a labelled folder.
struct ClassifierEvaluation {
  /// The images that show structure (what the application classifies
  /// without the "no structure" warning).
  ClassificationMetrics images;
  /// Every image of the folder, noise files included as the network classifies them.
  ClassificationMetrics wholeFolder;
  /// Files per class that show no spatial structure (noise).
  std::vector<int> noisePerClass;
  std::vector<std::string> noiseFiles;

  /// JSON object text: {"images": metrics, "whole_folder": metrics,
  /// "noise_files_per_class": {label: n}, "noise_files": [...]}.
  std::string toJson() const;
};

/// Classifies every image of `folder`/<label>/ with a model (as the
/// application does, preprocessing included) and returns the metrics, with
/// and without the noise files. For checking a model on a held-out set.
/// `threads` 0 = all cores.
Expected<ClassifierEvaluation> evaluateClassifier(const std::string& modelSpec, const std::string& folder, int threads,
                                                  const TrainingLog& log);

}  // namespace edgefuse
