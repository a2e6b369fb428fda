// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

class QCustomPlot;

namespace edgefuse::ui {

/// Gives a QCustomPlot the workstation's dark look (background, axes, grid,
/// legend, fonts). GUI thread only.
void applyPlotStyle(QCustomPlot* plot);

}  // namespace edgefuse::ui
