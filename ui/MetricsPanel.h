// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>
#include <map>
#include <optional>
#include <string>

#include "ui/FusionJob.h"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace edgefuse::ui {

/// Lists every metric of the current fusion with its convention as tooltip,
/// and how the fusion was made (method, strategy, BN mode, normalisation,
/// SFNN weights, device, stage timings). GUI thread only.
class MetricsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit MetricsPanel(QWidget* parent = nullptr);

  void setMetricsService(bool available, const std::map<std::string, std::string>& conventions);
  /// Shows an outcome; nullopt clears the panel.
  void setOutcome(const std::optional<FusionOutcome>& outcome);

  /// Number of metric rows shown, and one row's tooltip (for tests).
  int metricRowCount() const;
  QString metricToolTip(const QString& displayName) const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();

  bool m_available = false;
  std::map<std::string, std::string> m_conventions;
  std::optional<FusionOutcome> m_outcome;
  QTreeWidget* m_tree = nullptr;
  QTreeWidgetItem* m_metricsGroup = nullptr;
  QLabel* m_footer = nullptr;
};

}  // namespace edgefuse::ui
