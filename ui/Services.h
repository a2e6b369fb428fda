// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/AtomicFile.h"
#include "core/base/Error.h"
#include "core/fusion/FusionTypes.h"
#include "core/image/Image.h"
#include "core/pipeline/Evaluation.h"

namespace edgefuse::ui {

/// Quality metrics, when the build has a metrics library. `compute` runs on
/// the fusion worker thread (it must not touch widgets); `conventions` holds
/// one sentence per key saying how the value is computed (range, which
/// sources it averages over) and is shown as tooltips.
struct MetricsService {
  MetricsFunction compute;
  std::map<std::string, std::string> conventions;
  bool available() const { return static_cast<bool>(compute); }
};

/// One class probability of the tumour classifier.
struct ClassProbability {
  std::string label;   ///< class key, e.g. "glioma"
  double probability;  ///< in [0,1]
};

/// Which image of a fusion is classified (it decides whether the image is
/// of a kind the classifier was trained on).
enum class ClassifiedImage { SourceA, SourceB, Fused };

/// The classifier's answer for one image.
struct Classification {
  std::vector<ClassProbability> classes;
  std::string model;  ///< model name and version for display
  /// The scope sentence to show with the result: why the image lies outside
  /// the model's training distribution, or a caution; empty when inside.
  std::string note;
  bool outOfDistribution = false;
  /// The image shows no spatial structure (noise, a corrupted file): the
  /// probabilities mean nothing, whatever the kind of image.
  bool noStructure = false;
  /// Saliency of the predicted class (grey, the classified image's size,
  /// [0,1], 1 = most salient), when the classifier gives one.
  std::optional<Image> saliency;
  std::string saliencyMethod;  ///< e.g. "grad-cam"
};

/// The tumour classifier, when the build has one. `classify` gets a grey
/// [0,1] image (a normalised source or the fused luma) and runs on the fusion
/// worker thread. `modelCardPath` is the model's card (Markdown), or empty.
struct ClassifierService {
  std::function<Expected<Classification>(const Image& unitGrey, ClassifiedImage which)> classify;
  std::string modelCardPath;
  bool available() const { return static_cast<bool>(classify); }
};

/// What a derived DICOM export needs: the results (one per slice, in order),
/// the sources' metadata (identity, geometry; one per result), the file (one
/// result) or folder (a series) to write and whether to anonymise.
struct DicomExportRequest {
  std::vector<FusionResult> results;
  std::vector<ImageMeta> sourcesA;
  std::vector<ImageMeta> sourcesB;
  std::string outputPath;
  bool anonymize = false;
  OutputPolicy policy;
};

/// Writes a derived DICOM series, when the build has a DICOM exporter; returns
/// the paths written. Runs on a thread-pool thread.
using DicomExportFunction = std::function<Expected<std::vector<std::string>>(const DicomExportRequest&)>;

/// The optional services that app/gui's main wires in. An absent service
/// is shown as "not available in this build", never faked.
struct Services {
  MetricsService metrics;
  ClassifierService classifier;
  DicomExportFunction dicomExport;
};

}  // namespace edgefuse::ui
