// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QWidget>

#include "core/image/Image.h"

class QCustomPlot;
class QLabel;

namespace edgefuse::ui {

/// Intensity histograms of source A, source B and the fused image on one
/// normalised [0,1] axis (the network's inputs and output), as fractions of
/// the pixels on a logarithmic scale so that the dark background does not
/// hide the tissue. GUI thread only.
class HistogramChart : public QWidget {
  Q_OBJECT
 public:
  explicit HistogramChart(QWidget* parent = nullptr);

  static constexpr int kBins = 64;

  /// Grey [0,1] images; an empty image clears its curve.
  void setImages(const Image& a, const Image& b, const Image& fused);
  /// Fractions of pixels per bin, as plotted (for tests).
  QVector<double> binsOf(int series) const;
  QCustomPlot* plot() const { return m_plot; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();

  QCustomPlot* m_plot = nullptr;
  QLabel* m_caption = nullptr;
};

}  // namespace edgefuse::ui
