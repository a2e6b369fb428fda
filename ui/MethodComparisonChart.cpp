// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MethodComparisonChart.h"

#include <qcustomplot.h>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

#include "ui/MetricText.h"
#include "ui/PlotStyle.h"
#include "ui/Theme.h"

namespace edgefuse::ui {

MethodComparisonChart::MethodComparisonChart(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  m_stack = new QStackedWidget(this);
  outer->addWidget(m_stack);

  m_unavailable = new QLabel(m_stack);
  m_unavailable->setWordWrap(true);
  m_unavailable->setAlignment(Qt::AlignCenter);
  m_unavailable->setObjectName(QStringLiteral("unavailable"));
  m_stack->addWidget(m_unavailable);

  auto* page = new QWidget(m_stack);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(6);
  auto* controls = new QHBoxLayout;
  m_run = new QPushButton(page);
  m_cancel = new QPushButton(page);
  m_progress = new QProgressBar(page);
  m_progress->setRange(0, 100);
  m_progress->setTextVisible(false);
  m_progress->setMaximumHeight(6);
  m_metricLabel = new QLabel(page);
  m_metric = new QComboBox(page);
  controls->addWidget(m_run);
  controls->addWidget(m_cancel);
  controls->addWidget(m_progress, 1);
  controls->addWidget(m_metricLabel);
  controls->addWidget(m_metric);
  layout->addLayout(controls);
  m_hint = new QLabel(page);
  m_hint->setWordWrap(true);
  m_hint->setObjectName(QStringLiteral("caption"));
  layout->addWidget(m_hint);
  m_plot = new QCustomPlot(page);
  m_plot->setMinimumHeight(200);
  applyPlotStyle(m_plot);
  // Horizontal bars: the method names are long.
  m_bars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
  m_bars->setPen(Qt::NoPen);
  m_bars->setBrush(QColor(0x6b, 0x74, 0x80));
  m_bars->setWidth(0.7);
  m_currentBar = new QCPBars(m_plot->yAxis, m_plot->xAxis);
  m_currentBar->setPen(Qt::NoPen);
  m_currentBar->setBrush(Theme::accent());
  m_currentBar->setWidth(0.7);
  m_plot->yAxis->setRangeReversed(true);
  m_plot->yAxis->grid()->setVisible(false);
  layout->addWidget(m_plot, 3);
  m_table = new QTableWidget(page);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setHighlightSections(false);
  m_table->setAlternatingRowColors(true);
  layout->addWidget(m_table, 2);
  m_stack->addWidget(page);

  connect(m_run, &QPushButton::clicked, this, &MethodComparisonChart::runRequested);
  connect(m_cancel, &QPushButton::clicked, this, &MethodComparisonChart::cancelRequested);
  connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { rebuildChart(); });
  setRunning(false);
  retranslate();
}

void MethodComparisonChart::setMetricsService(bool available, const std::map<std::string, std::string>& conventions) {
  m_available = available;
  m_conventions = conventions;
  m_stack->setCurrentIndex(available ? 1 : 0);
  retranslate();
}

void MethodComparisonChart::setRunning(bool running, double fraction) {
  m_running = running;
  m_run->setEnabled(!running && m_pairAvailable);
  m_cancel->setVisible(running);
  m_progress->setVisible(running);
  m_progress->setValue(static_cast<int>(fraction * 100.0));
}

void MethodComparisonChart::setPairAvailable(bool available) {
  m_pairAvailable = available;
  setRunning(m_running);
}

void MethodComparisonChart::setOutcome(const ComparisonOutcome& outcome, const std::string& currentLabel) {
  m_outcome = outcome;
  m_current = currentLabel;
  const QString selected = selectedMetricKey();
  std::set<std::string> keys;
  MetricValues any;
  for (const auto& row : outcome.rows) {
    for (const auto& [k, v] : row.metrics) any[k] = v;
  }
  m_metric->blockSignals(true);
  m_metric->clear();
  for (const auto& key : orderedMetricKeys(any)) {
    m_metric->addItem(metricDisplayName(key), QString::fromStdString(key));
    const auto it = m_conventions.find(key);
    if (it != m_conventions.end()) {
      m_metric->setItemData(m_metric->count() - 1, QString::fromStdString(it->second), Qt::ToolTipRole);
    }
  }
  const int index = m_metric->findData(selected);
  m_metric->setCurrentIndex(index >= 0 ? index : 0);
  m_metric->blockSignals(false);
  rebuildChart();
  rebuildTable();
  retranslate();
}

void MethodComparisonChart::clear() {
  m_outcome = ComparisonOutcome{};
  m_metric->clear();
  rebuildChart();
  rebuildTable();
  retranslate();
}

bool MethodComparisonChart::isShowingChart() const {
  return m_stack->currentIndex() == 1;
}

int MethodComparisonChart::rowCount() const {
  return static_cast<int>(m_outcome.rows.size());
}

QString MethodComparisonChart::selectedMetricKey() const {
  return m_metric->currentData().toString();
}

void MethodComparisonChart::selectMetric(const std::string& key) {
  const int index = m_metric->findData(QString::fromStdString(key));
  if (index >= 0) m_metric->setCurrentIndex(index);
}

void MethodComparisonChart::rebuildChart() {
  const std::string key = selectedMetricKey().toStdString();
  QVector<double> keys, values, currentKeys, currentValues;
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  double lo = 0.0, hi = 0.0;
  for (std::size_t i = 0; i < m_outcome.rows.size(); ++i) {
    const auto& row = m_outcome.rows[i];
    ticker->addTick(static_cast<double>(i), QString::fromStdString(row.label));
    const auto it = row.metrics.find(key);
    if (it == row.metrics.end()) continue;
    lo = std::min(lo, it->second);
    hi = std::max(hi, it->second);
    if (row.label == m_current) {
      currentKeys << static_cast<double>(i);
      currentValues << it->second;
    } else {
      keys << static_cast<double>(i);
      values << it->second;
    }
  }
  m_bars->setData(keys, values);
  m_currentBar->setData(currentKeys, currentValues);
  m_plot->yAxis->setTicker(ticker);
  m_plot->yAxis->setRange(-0.6, std::max<double>(1.0, static_cast<double>(m_outcome.rows.size())) - 0.4);
  const double span = std::max(1e-9, hi - lo);
  m_plot->xAxis->setRange(lo < 0.0 ? lo - 0.05 * span : 0.0, hi + 0.08 * span);
  m_plot->xAxis->setLabel(key.empty() ? QString() : metricDisplayName(key));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MethodComparisonChart::rebuildTable() {
  MetricValues any;
  for (const auto& row : m_outcome.rows) {
    for (const auto& [k, v] : row.metrics) any[k] = v;
  }
  const std::vector<std::string> keys = orderedMetricKeys(any);
  m_table->clear();
  m_table->setRowCount(static_cast<int>(m_outcome.rows.size()));
  m_table->setColumnCount(static_cast<int>(keys.size()) + 2);
  QStringList headers;
  headers << tr("Method");
  for (const auto& key : keys) headers << metricDisplayName(key);
  headers << tr("Time");
  m_table->setHorizontalHeaderLabels(headers);
  for (std::size_t c = 0; c < keys.size(); ++c) {
    const auto it = m_conventions.find(keys[c]);
    if (it != m_conventions.end()) {
      m_table->horizontalHeaderItem(static_cast<int>(c) + 1)->setToolTip(QString::fromStdString(it->second));
    }
  }
  for (std::size_t r = 0; r < m_outcome.rows.size(); ++r) {
    const auto& row = m_outcome.rows[r];
    auto* name = new QTableWidgetItem(QString::fromStdString(row.label));
    if (row.label == m_current) {
      QFont bold = name->font();
      bold.setBold(true);
      name->setFont(bold);
      name->setForeground(Theme::accent());
    }
    m_table->setItem(static_cast<int>(r), 0, name);
    for (std::size_t c = 0; c < keys.size(); ++c) {
      const auto it = row.metrics.find(keys[c]);
      auto* item = new QTableWidgetItem(it == row.metrics.end() ? QString() : formatMetricValue(keys[c], it->second));
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_table->setItem(static_cast<int>(r), static_cast<int>(c) + 1, item);
    }
    auto* time = new QTableWidgetItem(tr("%1 ms").arg(std::lround(row.ms)));
    time->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(static_cast<int>(r), static_cast<int>(keys.size()) + 1, time);
  }
  m_table->resizeColumnsToContents();
}

void MethodComparisonChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    rebuildTable();
  }
  QWidget::changeEvent(event);
}

void MethodComparisonChart::retranslate() {
  m_unavailable->setText(tr("Metrics are not available in this build, so methods cannot be compared."));
  m_run->setText(tr("Compare methods"));
  m_run->setToolTip(
      tr("Fuse the current pair with every strategy and baseline and compute all metrics "
         "(runs in the background)"));
  m_cancel->setText(tr("Cancel"));
  m_metricLabel->setText(tr("Metric:"));
  if (m_outcome.rows.empty()) {
    m_hint->setText(m_pairAvailable ? tr("Press “Compare methods” to fuse this pair with every method.")
                                    : tr("Load a pair of images to compare the methods."));
  } else {
    m_hint->setText(tr("%1 methods on %2 · %3. The method in use is highlighted.")
                        .arg(m_outcome.rows.size())
                        .arg(QString::fromStdString(m_outcome.device), QString::fromStdString(m_outcome.model)));
  }
}

}  // namespace edgefuse::ui
