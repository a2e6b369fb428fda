// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ViewSync.h"

#include <QSizeF>
#include <algorithm>

namespace edgefuse::ui {

ViewSync::ViewSync(QObject* parent) : QObject(parent) {}

void ViewSync::fit(QSizeF imageSize) {
  m_fit = true;
  m_center = QPointF(imageSize.width() / 2.0, imageSize.height() / 2.0);
  emit viewChanged();
}

void ViewSync::setView(double zoom, QPointF center) {
  const double clamped = std::clamp(zoom, kMinZoom, kMaxZoom);
  if (!m_fit && clamped == m_zoom && center == m_center) return;
  m_fit = false;
  m_zoom = clamped;
  m_center = center;
  emit viewChanged();
}

void ViewSync::setCrosshair(std::optional<QPointF> imagePoint) {
  if (imagePoint == m_crosshair) return;
  m_crosshair = imagePoint;
  emit viewChanged();
}

void ViewSync::setCrosshairVisible(bool visible) {
  if (visible == m_crosshairVisible) return;
  m_crosshairVisible = visible;
  emit viewChanged();
}

void ViewSync::setSliceCount(int count) {
  m_sliceCount = std::max(1, count);
  if (m_slice >= m_sliceCount) setSlice(m_sliceCount - 1);
}

void ViewSync::setSlice(int slice) {
  const int clamped = std::clamp(slice, 0, m_sliceCount - 1);
  if (clamped == m_slice) return;
  m_slice = clamped;
  emit sliceChanged(m_slice);
}

}  // namespace edgefuse::ui
