// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ClassifierChart.h"

#include <qcustomplot.h>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
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
  // The legend in a row below the chart, where it hides no bar.
  m_plot->legend->setVisible(true);
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
  m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
  m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
  m_plot->xAxis->setRange(0.0, 1.0);
  m_plot->yAxis->setRangeReversed(true);
  layout->addWidget(m_plot, 1);
  m_caption = new QLabel(page);
  m_caption->setWordWrap(true);
  m_caption->setObjectName(QStringLiteral("caption"));
  layout->addWidget(m_caption);
  m_scope = new QLabel(page);
  m_scope->setWordWrap(true);
  m_scope->setObjectName(QStringLiteral("scope"));
  layout->addWidget(m_scope);
  auto* buttons = new QHBoxLayout;
  m_saliencyButton = new QToolButton(page);
  m_saliencyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
  m_saliencyButton->setVisible(false);
  buttons->addWidget(m_saliencyButton);
  buttons->addStretch(1);
  m_cardButton = new QPushButton(page);
  m_cardButton->setVisible(false);
  connect(m_cardButton, &QPushButton::clicked, this, &ClassifierChart::showModelCard);
  buttons->addWidget(m_cardButton);
  layout->addLayout(buttons);
  m_stack->addWidget(page);
  retranslate();
}

void ClassifierChart::setServiceAvailable(bool available) {
  m_available = available;
  retranslate();
}

void ClassifierChart::setModelCardPath(const QString& path) {
  m_modelCardPath = path;
  m_cardButton->setVisible(!path.isEmpty());
}

void ClassifierChart::setSaliencyAction(QAction* action) {
  m_saliencyButton->setDefaultAction(action);
  m_saliencyButton->setVisible(action != nullptr);
}

void ClassifierChart::showModelCard() {
  QFile file(m_modelCardPath);
  auto* dialog = new QDialog(window());
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setObjectName(QStringLiteral("modelCard"));
  dialog->setWindowTitle(tr("Classifier model card"));
  auto* layout = new QVBoxLayout(dialog);
  auto* text = new QTextBrowser(dialog);
  text->setOpenExternalLinks(true);
  if (file.open(QIODevice::ReadOnly)) {
    text->setMarkdown(QString::fromUtf8(file.readAll()));
  } else {
    text->setPlainText(tr("The model card %1 could not be read: %2").arg(m_modelCardPath, file.errorString()));
  }
  layout->addWidget(text);
  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
  connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  layout->addWidget(close);
  dialog->resize(760, 640);
  dialog->show();
}

QString ClassifierChart::scopeText() const {
  return m_scope->text();
}

void ClassifierChart::setOutcome(const std::optional<ClassifierOutcome>& outcome) {
  m_outcome = outcome;
  m_plot->clearPlottables();
  delete m_group;
  m_group = nullptr;
  m_labels.clear();
  if (m_outcome && !m_outcome->error && m_outcome->a && m_outcome->b && m_outcome->fused) {
    // Horizontal bars: class names stay readable in a narrow dock; the first
    // class on top, A, B and fused side by side within each class.
    m_group = new QCPBarsGroup(m_plot);
    m_group->setSpacing(2);
    const Classification* sets[3] = {&*m_outcome->a, &*m_outcome->b, &*m_outcome->fused};
    const QColor colours[3] = {Theme::seriesA(), Theme::seriesB(), Theme::seriesFused()};
    for (const auto& c : sets[2]->classes) m_labels.push_back(c.label);
    for (int s = 0; s < 3; ++s) {
      auto* bars = new QCPBars(m_plot->yAxis, m_plot->xAxis);
      bars->setWidth(0.25);
      bars->setPen(Qt::NoPen);
      bars->setBrush(colours[s]);
      bars->setBarsGroup(m_group);
      QVector<double> keys, values;
      for (std::size_t c = 0; c < sets[s]->classes.size(); ++c) {
        keys << static_cast<double>(c);
        values << sets[s]->classes[c].probability;
      }
      bars->setData(keys, values);
    }
    m_plot->yAxis->setRange(-0.6, static_cast<double>(m_labels.size()) - 0.4);
  }
  retranslate();
}

QString ClassifierChart::classDisplayName(const std::string& label) {
  if (label == "glioma") return tr("Glioma");
  if (label == "meningioma") return tr("Meningioma");
  if (label == "notumor") return tr("No tumour");
  if (label == "pituitary") return tr("Pituitary tumour");
  return QString::fromStdString(label);  // a plug-in model's own class names
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
  m_plot->xAxis->setLabel(tr("Probability"));
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (std::size_t c = 0; c < m_labels.size(); ++c)
    ticker->addTick(static_cast<double>(c), classDisplayName(m_labels[c]));
  m_plot->yAxis->setTicker(ticker);
  const QString names[3] = {tr("A (anatomical)"), tr("B (second image)"), tr("Fused")};
  const QString shortNames[3] = {tr("A"), tr("B"), tr("Fused")};  // the legend row is narrow
  for (int s = 0; s < m_plot->plottableCount() && s < 3; ++s) m_plot->plottable(s)->setName(shortNames[s]);
  if (m_outcome && m_outcome->fused) {
    m_caption->setText(
        tr("Classifier %1. Research use only: not a diagnosis.").arg(QString::fromStdString(m_outcome->fused->model)));
  }
  // Out of distribution: said in the user's language; the model's own
  // sentence (English, it names the training data) is the tooltip.
  QStringList scope, details;
  if (m_outcome) {
    const std::pair<QString, const std::optional<Classification>*> sets[3] = {
        {names[0], &m_outcome->a}, {names[1], &m_outcome->b}, {names[2], &m_outcome->fused}};
    for (const auto& [name, result] : sets) {
      if (!*result || (*result)->note.empty()) continue;
      if ((*result)->noStructure) {
        scope << tr("%1: shows no structure (noise or a damaged file); the probabilities mean nothing.").arg(name);
      } else {
        scope << ((*result)->outOfDistribution
                      ? tr("%1: outside the classifier's training data; its probabilities are not reliable here.")
                      : tr("%1: the classifier cannot tell whether this image is like its training data."))
                     .arg(name);
      }
      details << QString::fromStdString((*result)->note);
    }
  }
  m_scope->setText(scope.join(QLatin1Char('\n')));
  m_scope->setToolTip(details.join(QLatin1Char('\n')));
  m_scope->setVisible(!scope.isEmpty());
  m_cardButton->setText(tr("Model card…"));
  m_cardButton->setToolTip(tr("What the classifier was trained on, how well it does, and its limits"));
  int page = 0;
  if (m_available) page = !m_outcome ? 1 : (m_outcome->error ? 2 : 3);
  m_stack->setCurrentIndex(page);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace edgefuse::ui
