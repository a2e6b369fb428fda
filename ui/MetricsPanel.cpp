// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MetricsPanel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <cmath>

#include "ui/ErrorText.h"
#include "ui/MetricText.h"
#include "ui/Theme.h"

namespace edgefuse::ui {

MetricsPanel::MetricsPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  m_tree = new QTreeWidget(this);
  m_tree->setColumnCount(2);
  m_tree->setRootIsDecorated(false);
  m_tree->setIndentation(8);
  m_tree->setUniformRowHeights(true);
  m_tree->setSelectionMode(QAbstractItemView::NoSelection);
  m_tree->setFocusPolicy(Qt::NoFocus);
  m_tree->header()->setStretchLastSection(true);
  m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  layout->addWidget(m_tree, 1);
  m_footer = new QLabel(this);
  m_footer->setWordWrap(true);
  m_footer->setObjectName(QStringLiteral("caption"));
  layout->addWidget(m_footer);
  rebuild();
}

void MetricsPanel::setMetricsService(bool available, const std::map<std::string, std::string>& conventions) {
  m_available = available;
  m_conventions = conventions;
  rebuild();
}

void MetricsPanel::setOutcome(const std::optional<FusionOutcome>& outcome) {
  m_outcome = outcome;
  rebuild();
}

int MetricsPanel::metricRowCount() const {
  if (!m_metricsGroup) return 0;
  int n = 0;
  for (int i = 0; i < m_metricsGroup->childCount(); ++i) {
    if (!m_metricsGroup->child(i)->text(1).isEmpty()) ++n;
  }
  return n;
}

QString MetricsPanel::metricToolTip(const QString& displayName) const {
  if (!m_metricsGroup) return {};
  for (int i = 0; i < m_metricsGroup->childCount(); ++i) {
    if (m_metricsGroup->child(i)->text(0) == displayName) return m_metricsGroup->child(i)->toolTip(0);
  }
  return {};
}

void MetricsPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) rebuild();
  QWidget::changeEvent(event);
}

void MetricsPanel::rebuild() {
  m_tree->clear();
  m_tree->setHeaderLabels({tr("Quantity"), tr("Value")});
  auto group = [this](const QString& title) {
    auto* item = new QTreeWidgetItem(m_tree, {title});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setForeground(0, Theme::accent());
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
  };
  auto row = [](QTreeWidgetItem* parent, const QString& name, const QString& value, const QString& tip = {}) {
    auto* item = new QTreeWidgetItem(parent, {name, value});
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    if (!tip.isEmpty()) {
      item->setToolTip(0, tip);
      item->setToolTip(1, tip);
    }
    return item;
  };
  m_metricsGroup = group(tr("Quality metrics"));
  if (!m_available) {
    auto* item = row(m_metricsGroup, tr("Metrics are not available in this build."), {});
    item->setFirstColumnSpanned(true);
    item->setForeground(0, Theme::mutedText());
  } else if (!m_outcome) {
    auto* item = row(m_metricsGroup, tr("Shown after the fusion."), {});
    item->setFirstColumnSpanned(true);
    item->setForeground(0, Theme::mutedText());
  } else if (m_outcome->metricsError) {
    auto* item = row(m_metricsGroup, tr("Metrics failed: %1").arg(describeError(*m_outcome->metricsError)), {});
    item->setFirstColumnSpanned(true);
    item->setForeground(0, Theme::error());
  } else {
    for (const auto& key : orderedMetricKeys(m_outcome->metrics)) {
      const auto it = m_conventions.find(key);
      row(m_metricsGroup, metricDisplayName(key), formatMetricValue(key, m_outcome->metrics.at(key)),
          it == m_conventions.end() ? QString() : QString::fromStdString(it->second));
    }
  }
  if (m_outcome) {
    const FusionResult& r = m_outcome->result;
    const QLocale locale;
    auto* fusion = group(tr("Fusion"));
    row(fusion, tr("Method"), QString::fromStdString(r.method));
    if (!r.strategy.empty()) row(fusion, tr("Strategy"), QString::fromStdString(r.strategy));
    if (!r.bnMode.empty()) row(fusion, tr("BatchNorm mode"), QString::fromStdString(r.bnMode));
    row(fusion, tr("Normalisation"), QString::fromStdString(r.normalization));
    row(fusion, tr("Model"), QString::fromStdString(r.model));
    row(fusion, tr("Device"), QString::fromStdString(r.device));
    if (r.weightA && r.weightB) {
      row(fusion, tr("Weight of A"), locale.toString(*r.weightA, 'f', 4),
          tr("Scalar weight the strategy gave source A"));
      row(fusion, tr("Weight of B"), locale.toString(*r.weightB, 'f', 4),
          tr("Scalar weight the strategy gave source B"));
    }
    auto* timing = group(tr("Timings"));
    for (const auto& t : r.timings) {
      row(timing, QString::fromStdString(t.stage), tr("%1 ms").arg(locale.toString(t.ms, 'f', 1)));
    }
    row(timing, tr("fusion total"), tr("%1 ms").arg(locale.toString(r.totalMs, 'f', 1)));
    row(timing, tr("with metrics and classifier"), tr("%1 ms").arg(locale.toString(m_outcome->jobMs, 'f', 1)));
  }
  m_footer->setText(m_available ? tr("Hover over a metric for how it is computed. Values compare the fused image "
                                     "with both sources.")
                                : QString());
  m_footer->setVisible(m_available);
}

}  // namespace edgefuse::ui
