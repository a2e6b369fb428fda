#include "ui/ClassifierChart.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/ErrorText.h"
#include "ui/PlotStyle.h"
#include "ui/Theme.h"

namespace edgefuse::ui {
namespace {

QLabel* messageLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setAlignment(Qt::AlignCenter);
  label->setObjectName(QStringLiteral("unavailable"));
  return label;
}

}  // namespace

ClassifierChart::ClassifierChart(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  m_stack = new QStackedWidget(this);
  outer->addWidget(m_stack);
  m_unavailable = messageLabel(m_stack);
  m_waiting = messageLabel(m_stack);
  m_error = messageLabel(m_stack);
  m_stack->addWidget(m_unavailable);
  m_stack->addWidget(m_waiting);
  m_stack->addWidget(m_error);
  auto* page = new QWidget(m_stack);
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot(page);
  m_plot->setMinimumHeight(180);
  applyPlotStyle(m_plot);
  m_plot->legend->setVisible(true);
  m_plot->yAxis->setRange(0.0, 1.0);
  layout->addWidget(m_plot, 1);
  m_caption = new QLabel(page);
  m_caption->setWordWrap(true);
  m_caption->setObjectName(QStringLiteral("caption"));
  layout->addWidget(m_caption);
  m_stack->addWidget(page);
  retranslate();
}

void ClassifierChart::setServiceAvailable(bool available) {
  m_available = available;
  retranslate();
}

void ClassifierChart::setOutcome(const std::optional<ClassifierOutcome>& outcome) {
  m_outcome = outcome;
  m_plot->clearPlottables();
  if (m_outcome && !m_outcome->error && m_outcome->a && m_outcome->b && m_outcome->fused) {
    auto* group = new QCPBarsGroup(m_plot);
    group->setSpacing(2);
    const Classification* sets[3] = {&*m_outcome->a, &*m_outcome->b, &*m_outcome->fused};
    const QColor colours[3] = {Theme::seriesA(), Theme::seriesB(), Theme::seriesFused()};
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const auto& classes = sets[2]->classes;
    for (std::size_t c = 0; c < classes.size(); ++c) {
      ticker->addTick(static_cast<double>(c), QString::fromStdString(classes[c].label));
    }
    for (int s = 0; s < 3; ++s) {
      auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
      bars->setWidth(0.25);
      bars->setPen(Qt::NoPen);
      bars->setBrush(colours[s]);
      bars->setBarsGroup(group);
      QVector<double> keys, values;
      for (std::size_t c = 0; c < sets[s]->classes.size(); ++c) {
        keys << static_cast<double>(c);
        values << sets[s]->classes[c].probability;
      }
      bars->setData(keys, values);
    }
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.6, static_cast<double>(classes.size()) - 0.4);
  }
  retranslate();
}

int ClassifierChart::page() const {
  return m_stack->currentIndex();
}

double ClassifierChart::probability(int series, int classIndex) const {
  auto* bars = qobject_cast<QCPBars*>(m_plot->plottable(series));
  if (!bars) return -1.0;
  auto it = bars->data()->findBegin(classIndex, false);
  if (it == bars->data()->constEnd() || it->key != classIndex) return -1.0;
  return it->value;
}

void ClassifierChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void ClassifierChart::retranslate() {
  m_unavailable->setText(tr("The tumour classifier is not available in this build."));
  m_waiting->setText(tr("The classifier's probabilities for A, B and the fused image appear after the next fusion."));
  if (m_outcome && m_outcome->error)
    m_error->setText(tr("Classification failed: %1").arg(describeError(*m_outcome->error)));
  m_plot->yAxis->setLabel(tr("Probability"));
  const QString names[3] = {tr("A (anatomical)"), tr("B (second image)"), tr("Fused")};
  for (int s = 0; s < m_plot->plottableCount() && s < 3; ++s) m_plot->plottable(s)->setName(names[s]);
  if (m_outcome && m_outcome->fused) {
    m_caption->setText(
        tr("Classifier %1. Research use only: not a diagnosis.").arg(QString::fromStdString(m_outcome->fused->model)));
  }
  int page = 0;
  if (m_available) page = !m_outcome ? 1 : (m_outcome->error ? 2 : 3);
  m_stack->setCurrentIndex(page);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace edgefuse::ui
