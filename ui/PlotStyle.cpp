// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/PlotStyle.h"

#include <qcustomplot.h>

#include "ui/Theme.h"

namespace edgefuse::ui {

void applyPlotStyle(QCustomPlot* plot) {
  plot->setBackground(QBrush(Theme::panel()));
  plot->setAntialiasedElements(QCP::aeAll);
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis, plot->xAxis2, plot->yAxis2}) {
    axis->setBasePen(QPen(Theme::border()));
    axis->setTickPen(QPen(Theme::border()));
    axis->setSubTickPen(QPen(Theme::border()));
    axis->setTickLabelColor(Theme::mutedText());
    axis->setLabelColor(Theme::mutedText());
    axis->grid()->setPen(QPen(QColor(255, 255, 255, 22), 0, Qt::SolidLine));
    axis->grid()->setSubGridVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
  }
  plot->legend->setBrush(QBrush(QColor(20, 22, 25, 210)));
  plot->legend->setBorderPen(QPen(Theme::border()));
  plot->legend->setTextColor(Theme::text());
  plot->axisRect()->setBackground(QBrush(Theme::panel()));
}

}  // namespace edgefuse::ui
