// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/classify/ClassificationMetrics.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

namespace edgefuse {

ClassificationMetrics computeClassificationMetrics(const std::vector<std::string>& labels,
                                                   const std::vector<int>& trueIndex,
                                                   const std::vector<std::vector<double>>& probabilities,
                                                   int calibrationBins) {
  ClassificationMetrics m;
  const std::size_t k = labels.size();
  m.labels = labels;
  m.calibrationBins = std::max(1, calibrationBins);
  m.confusion.assign(k, std::vector<int>(k, 0));
  std::vector<double> binConfidence(static_cast<std::size_t>(m.calibrationBins), 0.0);
  std::vector<double> binCorrect(static_cast<std::size_t>(m.calibrationBins), 0.0);
  std::vector<int> binCount(static_cast<std::size_t>(m.calibrationBins), 0);
  int correct = 0;
  double nll = 0.0;
  const std::size_t n = std::min(trueIndex.size(), probabilities.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = probabilities[i];
    const int t = trueIndex[i];
    if (p.size() != k || t < 0 || static_cast<std::size_t>(t) >= k) continue;
    const int predicted = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
    const double confidence = p[static_cast<std::size_t>(predicted)];
    m.confusion[static_cast<std::size_t>(t)][static_cast<std::size_t>(predicted)] += 1;
    correct += predicted == t ? 1 : 0;
    nll -= std::log(std::max(p[static_cast<std::size_t>(t)], 1e-12));
    // Bins (b/B, (b+1)/B]; a confidence of exactly 0 falls into the first.
    int bin = static_cast<int>(std::ceil(confidence * m.calibrationBins)) - 1;
    bin = std::clamp(bin, 0, m.calibrationBins - 1);
    binConfidence[static_cast<std::size_t>(bin)] += confidence;
    binCorrect[static_cast<std::size_t>(bin)] += predicted == t ? 1.0 : 0.0;
    binCount[static_cast<std::size_t>(bin)] += 1;
    m.count += 1;
  }
  if (m.count == 0) {
    m.precision.assign(k, 0.0);
    m.recall.assign(k, 0.0);
    m.f1.assign(k, 0.0);
    return m;
  }
  m.accuracy = static_cast<double>(correct) / m.count;
  m.meanNegativeLogLikelihood = nll / m.count;
  for (std::size_t c = 0; c < k; ++c) {
    int predictedAs = 0, actual = 0;
    for (std::size_t r = 0; r < k; ++r) {
      predictedAs += m.confusion[r][c];
      actual += m.confusion[c][r];
    }
    const double tp = m.confusion[c][c];
    const double precision = predictedAs ? tp / predictedAs : 0.0;
    const double recall = actual ? tp / actual : 0.0;
    m.precision.push_back(precision);
    m.recall.push_back(recall);
    m.f1.push_back(precision + recall > 0.0 ? 2.0 * precision * recall / (precision + recall) : 0.0);
  }
  double ece = 0.0;
  for (std::size_t b = 0; b < binCount.size(); ++b) {
    if (binCount[b] == 0) continue;
    ece += std::abs(binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]) * binCount[b] / m.count;
  }
  m.expectedCalibrationError = ece;
  return m;
}

std::string ClassificationMetrics::toJson() const {
  nlohmann::json j;
  j["count"] = count;
  j["accuracy"] = accuracy;
  nlohmann::json perClass = nlohmann::json::object();
  for (std::size_t c = 0; c < labels.size(); ++c) {
    int support = 0;
    for (int v : confusion[c]) support += v;
    perClass[labels[c]] = {{"precision", precision[c]}, {"recall", recall[c]}, {"f1", f1[c]}, {"support", support}};
  }
  j["per_class"] = perClass;
  j["confusion_matrix"] = {{"labels", labels}, {"rows_true_cols_predicted", confusion}};
  j["ece"] = expectedCalibrationError;
  j["ece_bins"] = calibrationBins;
  j["nll"] = meanNegativeLogLikelihood;
  return j.dump();
}

std::string ClassificationMetrics::toMarkdown() const {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3);
  out << "| class | precision | recall | F1 | images |\n|---|---|---|---|---|\n";
  for (std::size_t c = 0; c < labels.size(); ++c) {
    int support = 0;
    for (int v : confusion[c]) support += v;
    out << "| " << labels[c] << " | " << precision[c] << " | " << recall[c] << " | " << f1[c] << " | " << support
        << " |\n";
  }
  out << "\nConfusion matrix (rows: true class, columns: predicted class):\n\n| true \\ predicted |";
  for (const auto& l : labels) out << " " << l << " |";
  out << "\n|---|";
  for (std::size_t c = 0; c < labels.size(); ++c) out << "---|";
  out << "\n";
  for (std::size_t r = 0; r < labels.size(); ++r) {
    out << "| " << labels[r] << " |";
    for (int v : confusion[r]) out << " " << v << " |";
    out << "\n";
  }
  return out.str();
}

}  // namespace edgefuse
