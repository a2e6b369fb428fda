// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "ui/FusionJob.h"

class QCustomPlot;
class QCPBarsGroup;
class QAction;
class QLabel;
class QPushButton;
class QToolButton;
class QStackedWidget;

namespace edgefuse::ui {

/// The tumour classifier's class probabilities for source A, source B and
/// the fused image side by side. Says so plainly when the build has no
/// classifier or it failed. GUI thread only.
class ClassifierChart : public QWidget {
  Q_OBJECT
 public:
  explicit ClassifierChart(QWidget* parent = nullptr);

  void setServiceAvailable(bool available);
  /// The model card (Markdown) that "Model card…" shows; empty hides the button.
  void setModelCardPath(const QString& path);
  /// The window's saliency toggle, offered next to the chart.
  void setSaliencyAction(QAction* action);
  /// Shows the model card in a dialog (non-modal).
  void showModelCard();
  /// The scope notes shown under the chart (out of distribution, cautions).
  QString scopeText() const;
  /// Shows an outcome (nullopt = nothing classified yet).
  void setOutcome(const std::optional<ClassifierOutcome>& outcome);

  /// 0 = not available, 1 = waiting for a fusion, 2 = error, 3 = chart.
  int page() const;
  /// Probability plotted for series (0 A, 1 B, 2 fused) and class index.
  double probability(int series, int classIndex) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  /// "Glioma", … for the shipped model's classes; other labels as they are.
  static QString classDisplayName(const std::string& label);

  bool m_available = false;
  std::optional<ClassifierOutcome> m_outcome;
  QStackedWidget* m_stack = nullptr;
  QLabel* m_unavailable = nullptr;
  QLabel* m_waiting = nullptr;
  QLabel* m_error = nullptr;
  QCustomPlot* m_plot = nullptr;
  QLabel* m_caption = nullptr;
  QLabel* m_scope = nullptr;
  QPushButton* m_cardButton = nullptr;
  QToolButton* m_saliencyButton = nullptr;
  QString m_modelCardPath;
  QCPBarsGroup* m_group = nullptr;
  std::vector<std::string> m_labels;
};

}  // namespace edgefuse::ui
