// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QPointF>
#include <optional>

namespace edgefuse::ui {

/// The view state that the three linked views share: zoom, the image point
/// at the centre of each view, the crosshair and the slice. All three views
/// show images on one pixel grid (B is resampled to A's), so one state in
/// image pixel coordinates serves them all. GUI thread only.
class ViewSync : public QObject {
  Q_OBJECT
 public:
  explicit ViewSync(QObject* parent = nullptr);

  /// True while the views fit the whole image (the zoom follows their size).
  bool fitMode() const { return m_fit; }
  /// Screen pixels per image pixel; meaningful when not in fit mode.
  double zoom() const { return m_zoom; }
  /// Image point (pixel coordinates) shown at the centre of each view.
  QPointF center() const { return m_center; }
  std::optional<QPointF> crosshair() const { return m_crosshair; }
  bool crosshairVisible() const { return m_crosshairVisible; }
  int slice() const { return m_slice; }
  int sliceCount() const { return m_sliceCount; }

  static constexpr double kMinZoom = 0.05;
  static constexpr double kMaxZoom = 64.0;

  /// Fits the image of size `imageSize` (pixels) into the views.
  void fit(QSizeF imageSize);
  /// Sets an explicit zoom (clamped) and centre; leaves fit mode.
  void setView(double zoom, QPointF center);
  void setCrosshair(std::optional<QPointF> imagePoint);
  void setCrosshairVisible(bool visible);
  /// Sets the number of slices (≥ 1) and clamps the current slice.
  void setSliceCount(int count);
  void setSlice(int slice);

 signals:
  /// Zoom, centre or crosshair changed: the views repaint.
  void viewChanged();
  void sliceChanged(int slice);

 private:
  bool m_fit = true;
  double m_zoom = 1.0;
  QPointF m_center;
  std::optional<QPointF> m_crosshair;
  bool m_crosshairVisible = true;
  int m_slice = 0;
  int m_sliceCount = 1;
};

}  // namespace edgefuse::ui
