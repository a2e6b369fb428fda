// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <string>
#include <vector>

namespace edgefuse {

/// Quality of a classifier on a labelled set, as reported in model cards.
/// Plain values.
struct ClassificationMetrics {
  std::vector<std::string> labels;
  int count = 0;          ///< images evaluated
  double accuracy = 0.0;  ///< fraction correct, [0,1]
  /// Per class (model.json order): precision = TP / predicted, recall = TP /
  /// actual, F1 their harmonic mean; 0 when undefined.
  std::vector<double> precision;
  std::vector<double> recall;
  std::vector<double> f1;
  /// confusion[true][predicted]: image counts.
  std::vector<std::vector<int>> confusion;
  /// Expected calibration error of the top-class probability over
  /// `calibrationBins` equal-width bins: Σ_b (n_b / N)·|accuracy_b − confidence_b|.
  double expectedCalibrationError = 0.0;
  int calibrationBins = 15;
  double meanNegativeLogLikelihood = 0.0;  ///< −mean log p(true class), natural log

  /// JSON object text: {"count", "accuracy", "per_class": {label: {"precision","recall","f1","support"}},
  /// "confusion_matrix": {"labels", "rows_true_cols_predicted"}, "ece", "ece_bins", "nll"}.
  std::string toJson() const;
  /// Markdown tables (per-class precision/recall/F1 and the confusion matrix) for model cards.
  std::string toMarkdown() const;
};

/// Computes the metrics from the true class index of each image and its
/// probability vector (one value per label, summing to 1). Thread-safe.
ClassificationMetrics computeClassificationMetrics(const std::vector<std::string>& labels,
                                                   const std::vector<int>& trueIndex,
                                                   const std::vector<std::vector<double>>& probabilities,
                                                   int calibrationBins = 15);

}  // namespace edgefuse
