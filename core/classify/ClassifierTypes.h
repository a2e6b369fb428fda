// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/Error.h"
#include "core/image/Image.h"
#include "core/image/Normalize.h"

namespace edgefuse {

/// What an image handed to the classifier is, as the caller knows it. A
/// model's manifest lists the kinds it was trained on (the shipped model:
/// single MRI slices); any other kind gets an out-of-distribution note.
enum class ImageKind {
  Unknown,      ///< not stated (the classifier then looks at the DICOM modality, if any)
  MriSource,    ///< a single acquired MRI slice
  OtherSource,  ///< a CT, SPECT or PET source image
  Fused,        ///< a fused image (EdgeFuse's or another method's)
};

/// "unknown", "mri", "ct-spect-pet", "fused" (the names used in model.json and JSON output).
const char* imageKindName(ImageKind kind);

/// Accepts the names above and the aliases "mr", "ct", "spect", "pet", "nm", "other".
Expected<ImageKind> parseImageKind(std::string_view text);

/// How an image is turned into the network's input; model.json "input" and
/// "preprocessing". The steps, in order: colour → BT.601 luma (when the model
/// takes one channel), intensity scaling to [0,1], resize with the aspect
/// ratio kept so that the image fits the input, centred padding with
/// `padValue`, then (x − mean[c]) / std[c] per channel.
struct ClassifierPreprocessing {
  int inputWidth = 128;   ///< pixels
  int inputHeight = 128;  ///< pixels
  int inputChannels = 1;  ///< 1 (grey) or 3 (the grey image repeated, or RGB)
  Normalization intensity = Normalization::MinMax;
  float padValue = 0.0f;  ///< in the [0,1] units after intensity scaling
  std::vector<float> mean{0.0f};
  std::vector<float> std{1.0f};
};

/// What is known about a classifier model: the parsed, checked model.json.
/// Plain values; safe to copy across threads.
struct ClassifierModelInfo {
  std::string name;                 ///< "tumor-classifier"
  std::string version;              ///< "1.0.0"
  std::string description;          ///< one line for a status bar or tooltip
  std::string architecture;         ///< "resnet-small" (EdgeFuse's own network) or "torchscript" (a plug-in)
  std::string path;                 ///< the model folder
  std::string weightsPath;          ///< weights (.pt dict) or TorchScript file
  std::string sha256;               ///< of the weights file, checked against model.json
  std::vector<std::string> labels;  ///< class names, in the order of the network's outputs
  ClassifierPreprocessing preprocessing;
  bool outputsProbabilities = false;  ///< model.json "output": "probabilities" (else logits, softmax applied)
  /// Kinds of image the model was trained on (model.json training_data.image_kinds).
  std::vector<ImageKind> trainedOn;
  std::string trainingSummary;  ///< one line: what the training data were
  /// "grad-cam" (feature maps of the last convolutional stage) or
  /// "input-gradient" (|∂score/∂input|, smoothed; plug-ins without a features/head split).
  std::string saliencyMethod;
  std::string modelCardPath;  ///< the model card (Markdown) in the folder, or empty
  std::string manifestJson;   ///< the whole model.json text (metrics, training, data, …)

  /// "name version" for display.
  std::string displayName() const { return name + " " + version; }
};

/// One class and its probability.
struct ClassProbability {
  std::string label;
  double probability = 0.0;  ///< in [0,1]; the probabilities of one classification sum to 1
};

/// What to classify and what to return besides the probabilities.
struct ClassifyOptions {
  ImageKind kind = ImageKind::Unknown;
  /// Also compute the saliency map of the predicted class (Grad-CAM).
  bool saliency = false;
};

/// The result of classifying one image. Plain values; safe to copy across threads.
struct Classification {
  std::string label;                            ///< the most probable class
  int labelIndex = 0;                           ///< its index in `probabilities` (= model.json label order)
  double probability = 0.0;                     ///< its probability
  std::vector<ClassProbability> probabilities;  ///< every class, in model.json order
  std::string model;                            ///< display name, e.g. "tumor-classifier 1.0.0"
  std::string modelName;
  std::string modelVersion;
  std::string modelSha256;
  ImageKind kind = ImageKind::Unknown;  ///< the kind used for the distribution check
  /// True when the image is of a kind the model was not trained on.
  bool outOfDistribution = false;
  /// The sentence to show next to the result about its scope: why it is out
  /// of distribution, or a caution when the kind is unknown; empty when the
  /// image is of a kind the model was trained on.
  std::string note;
  /// Mean correlation of neighbouring pixels (see checkStructure); empty for
  /// a constant image.
  std::optional<double> neighbourCorrelation;
  /// True when the image shows no spatial structure (noise, a corrupted
  /// file): then `outOfDistribution` is set and `note` says that the
  /// probabilities mean nothing.
  bool noStructure = false;
  /// What preprocessing did (colour to luma, resizing, padding, constant image, …).
  std::vector<std::string> notes;
  /// Heat map of the predicted class: grey, the input's width × height,
  /// values in [0,1] (1 = the most salient pixel); set when asked for.
  std::optional<Image> saliency;
  std::string saliencyMethod;  ///< "grad-cam" or "input-gradient" when `saliency` is set
  double ms = 0.0;             ///< wall time of this classification (with saliency), milliseconds
  std::string device;          ///< e.g. "cpu (2 threads)"
};

/// How to load a classifier.
struct ClassifierConfig {
  /// Model: empty = the shipped default (kDefaultClassifierName), a model
  /// folder holding model.json, or the name of a shipped model.
  std::string model;
  /// Intra-op CPU threads; 0 = all cores. One by default: for a network
  /// this small (0.5 GFLOP per image) one thread is faster than two
  /// (classify_bench: 4.9 vs 21.8 ms on 2 cores), as the operators are too
  /// short to amortise waking the others. Always applied, since LibTorch's
  /// thread count is process-wide.
  int threads = 1;
};

/// Name of the shipped classifier (resources/models/tumor-classifier).
inline constexpr const char* kDefaultClassifierName = "tumor-classifier";

}  // namespace edgefuse
