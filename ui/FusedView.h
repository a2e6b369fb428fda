// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QStringList>
#include <QVector>
#include <utility>

#include "ui/CompareMode.h"
#include "ui/ImageView.h"

namespace edgefuse::ui {

/// The fused view: an ImageView for the fused image ([0,1] values) that can
/// also compare it with the sources (blend, checkerboard, wipe) and shows the
/// key metrics and the fusion's progress as overlays. GUI thread only.
class FusedView : public ImageView {
  Q_OBJECT
 public:
  explicit FusedView(QWidget* parent = nullptr);

  /// The sources as the A and B views display them (window, colour map).
  void setSourceLayers(const QImage& a, const QImage& b);
  void setCompareMode(CompareMode mode);
  CompareMode compareMode() const { return m_mode; }
  /// Blend opacity of B, or the wipe divider's position, in [0,1].
  void setMix(double mix);
  double mix() const { return m_mix; }
  void setPartner(ComparePartner partner);
  ComparePartner partner() const { return m_partner; }
  /// Tiles per side of the checkerboard (2..64).
  void setCheckerTiles(int tiles);
  int checkerTiles() const { return m_tiles; }

  /// Overlay lines (label, value) shown at the top left; `footnote` below them.
  void setMetricOverlay(const QVector<std::pair<QString, QString>>& lines, const QString& footnote = {});
  void setMetricOverlayVisible(bool visible);
  bool metricOverlayVisible() const { return m_overlayVisible; }
  /// A status line shown at the bottom centre ("Fusing… 45 %"); empty hides it.
  void setBusyText(const QString& text);

  /// The colour of widget point `p` as drawn by the current mode's layers
  /// (for tests): which layer covers it.
  enum class Layer { None, Fused, SourceA, SourceB, Blend };
  Layer layerAt(QPointF widgetPoint) const;

 protected:
  QSize contentSize() const override;
  void paintContent(QPainter& painter, const QRectF& target) override;
  void paintOverlay(QPainter& painter) override;

 private:
  const QImage& partnerImage() const;

  QImage m_a;
  QImage m_b;
  CompareMode m_mode = CompareMode::Fused;
  double m_mix = 0.5;
  ComparePartner m_partner = ComparePartner::SourceA;
  int m_tiles = 8;
  QVector<std::pair<QString, QString>> m_overlay;
  QString m_footnote;
  bool m_overlayVisible = true;
  QString m_busy;
};

}  // namespace edgefuse::ui
