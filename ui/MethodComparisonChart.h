// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>
#include <map>
#include <string>

#include "ui/FusionJob.h"

class QComboBox;
class QCustomPlot;
class QCPBars;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace edgefuse::ui {

/// Compares the fusion methods on the current pair: the network with each
/// strategy against the average, maximum and Laplacian-pyramid baselines,
/// on every metric (a bar chart of the chosen metric and a table of all).
/// The comparison itself runs on the fusion worker. Without a metrics
/// library it says so instead of drawing anything. GUI thread only.
class MethodComparisonChart : public QWidget {
  Q_OBJECT
 public:
  explicit MethodComparisonChart(QWidget* parent = nullptr);

  /// Whether the build computes metrics, and their conventions (tooltips).
  void setMetricsService(bool available, const std::map<std::string, std::string>& conventions);
  /// A comparison is running, at `fraction`.
  void setRunning(bool running, double fraction = 0.0);
  /// Shows an outcome; `currentLabel` marks the method in use.
  void setOutcome(const ComparisonOutcome& outcome, const std::string& currentLabel);
  /// Forgets the outcome (a new pair was loaded).
  void clear();
  /// Whether a pair is there to compare (enables the Run button).
  void setPairAvailable(bool available);

  bool isShowingChart() const;
  int rowCount() const;
  QString selectedMetricKey() const;
  void selectMetric(const std::string& key);

 signals:
  void runRequested();
  void cancelRequested();

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void rebuildChart();
  void rebuildTable();

  std::map<std::string, std::string> m_conventions;
  bool m_available = false;
  bool m_pairAvailable = false;
  bool m_running = false;
  ComparisonOutcome m_outcome;
  std::string m_current;
  QStackedWidget* m_stack = nullptr;
  QLabel* m_unavailable = nullptr;
  QPushButton* m_run = nullptr;
  QPushButton* m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_metricLabel = nullptr;
  QComboBox* m_metric = nullptr;
  QLabel* m_hint = nullptr;
  QCustomPlot* m_plot = nullptr;
  QCPBars* m_bars = nullptr;
  QCPBars* m_currentBar = nullptr;
  QTableWidget* m_table = nullptr;
};

}  // namespace edgefuse::ui
