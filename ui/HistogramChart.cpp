// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/HistogramChart.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/PlotStyle.h"
#include "ui/Theme.h"

namespace edgefuse::ui {
namespace {

QVector<double> histogram(const Image& image) {
  QVector<double> bins(HistogramChart::kBins, 0.0);
  if (image.empty()) return bins;
  for (std::size_t i = 0; i < image.pixelCount(); ++i) {
    const float v = std::clamp(image.pixels[i * image.channels], 0.0f, 1.0f);
    ++bins[std::min(HistogramChart::kBins - 1, static_cast<int>(v * HistogramChart::kBins))];
  }
  for (double& b : bins) b /= static_cast<double>(image.pixelCount());
  return bins;
}

}  // namespace

HistogramChart::HistogramChart(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  m_plot = new QCustomPlot(this);
  m_plot->setMinimumHeight(160);
  applyPlotStyle(m_plot);
  const QColor colours[3] = {Theme::seriesA(), Theme::seriesB(), Theme::seriesFused()};
  for (const QColor& colour : colours) {
    QCPGraph* graph = m_plot->addGraph();
    graph->setLineStyle(QCPGraph::lsStepCenter);
    graph->setPen(QPen(colour, 1.6));
    QColor fill = colour;
    fill.setAlpha(40);
    graph->setBrush(QBrush(fill));
  }
  m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
  QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
  m_plot->yAxis->setTicker(logTicker);
  m_plot->yAxis->setNumberFormat(QStringLiteral("eb"));
  m_plot->yAxis->setNumberPrecision(0);
  m_plot->yAxis->setRange(1e-4, 1.0);
  m_plot->xAxis->setRange(0.0, 1.0);
  m_plot->legend->setVisible(true);
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  layout->addWidget(m_plot, 1);
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  m_caption->setObjectName(QStringLiteral("caption"));
  layout->addWidget(m_caption);
  retranslate();
}

void HistogramChart::setImages(const Image& a, const Image& b, const Image& fused) {
  const Image* images[3] = {&a, &b, &fused};
  QVector<double> keys(kBins);
  for (int i = 0; i < kBins; ++i) keys[i] = (i + 0.5) / kBins;
  for (int s = 0; s < 3; ++s) {
    QVector<double> values = histogram(*images[s]);
    // Empty bins cannot be drawn on a log axis: leave them out.
    QVector<double> k, v;
    for (int i = 0; i < kBins; ++i) {
      if (values[i] > 0.0) {
        k.push_back(keys[i]);
        v.push_back(values[i]);
      }
    }
    m_plot->graph(s)->setData(k, v, true);
    m_plot->graph(s)->setVisible(!images[s]->empty());
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QVector<double> HistogramChart::binsOf(int series) const {
  QVector<double> bins(kBins, 0.0);
  const auto data = m_plot->graph(series)->data();
  for (auto it = data->constBegin(); it != data->constEnd(); ++it) {
    bins[std::min(kBins - 1, static_cast<int>(it->key * kBins))] = it->value;
  }
  return bins;
}

void HistogramChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void HistogramChart::retranslate() {
  m_plot->graph(0)->setName(tr("A (anatomical)"));
  m_plot->graph(1)->setName(tr("B (second image)"));
  m_plot->graph(2)->setName(tr("Fused"));
  m_plot->xAxis->setLabel(tr("Normalised intensity"));
  m_plot->yAxis->setLabel(tr("Fraction of pixels"));
  m_caption->setText(tr("Intensities after the normalisation the network uses; logarithmic scale."));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace edgefuse::ui
