// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMetaType>
#include <QString>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/Error.h"
#include "core/fusion/FusionTypes.h"
#include "core/image/Image.h"
#include "core/pipeline/Evaluation.h"
#include "ui/Services.h"

namespace edgefuse::ui {

/// What the fusion worker is asked to do.
enum class JobKind {
  Fuse,            ///< fuse one pair with the chosen options (+ metrics, classifier)
  CompareMethods,  ///< fuse the pair with every strategy and baseline and compute their metrics
  FuseSeries,      ///< fuse every slice pair of a series (for a series export), no metrics
};

/// One request to the fusion worker. A value snapshot: the GUI never
/// shares images with the worker. `id`s increase monotonically.
struct FusionJob {
  quint64 id = 0;
  JobKind kind = JobKind::Fuse;
  Image a;
  Image b;
  FusionOptions options;
  bool withMetrics = true;
  bool withClassifier = true;
  /// FuseSeries: the slice pairs, in order (`a` and `b` are then unused).
  std::vector<std::pair<Image, Image>> slices;
};

/// The classifier's answers for the sources and the fused image.
struct ClassifierOutcome {
  std::optional<Classification> a;
  std::optional<Classification> b;
  std::optional<Classification> fused;
  std::optional<Error> error;
};

/// The result of a Fuse job.
struct FusionOutcome {
  quint64 id = 0;
  FusionResult result;
  /// Metric values; empty when the metrics service is absent or failed.
  MetricValues metrics;
  std::optional<Error> metricsError;
  std::optional<ClassifierOutcome> classifier;
  /// Wall time of the whole job (fusion + metrics + classifier), ms.
  double jobMs = 0.0;
};

/// One row of a method comparison.
struct MethodScore {
  std::string label;  ///< "network · sfnn", "laplacian", …
  FusionOptions options;
  MetricValues metrics;
  double ms = 0.0;
};

/// The result of a CompareMethods job.
struct ComparisonOutcome {
  quint64 id = 0;
  std::vector<MethodScore> rows;
  std::string device;
  std::string model;
};

/// The result of a FuseSeries job: one fusion per slice pair, in order.
struct SeriesOutcome {
  quint64 id = 0;
  std::vector<FusionResult> results;
};

/// What the worker's engine is, once created.
struct EngineStatus {
  std::string device;        ///< DeviceInfo::describe(), e.g. "cpu (2 threads)"
  std::string deviceType;    ///< "cpu" or "cuda"
  std::string deviceReason;  ///< why this device; empty when nothing to say
  bool hasModel = false;
  std::string modelDisplay;  ///< "eh-dran 1.0"
  std::string modelName;
  std::string modelVersion;
  std::string modelDescription;
  /// Why no model is loaded (the engine still offers the classical methods).
  std::optional<Error> modelError;
};

}  // namespace edgefuse::ui

Q_DECLARE_METATYPE(edgefuse::Error)
Q_DECLARE_METATYPE(edgefuse::ui::FusionOutcome)
Q_DECLARE_METATYPE(edgefuse::ui::ComparisonOutcome)
Q_DECLARE_METATYPE(edgefuse::ui::SeriesOutcome)
Q_DECLARE_METATYPE(edgefuse::ui::EngineStatus)
Q_DECLARE_METATYPE(edgefuse::ui::JobKind)
