// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ImageView.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLineF>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QUrl>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "ui/ImageAdapter.h"
#include "ui/Theme.h"
#include "ui/ViewSync.h"

namespace edgefuse::ui {
namespace {

constexpr double kDragThresholdPx = 4.0;
constexpr double kWheelZoomStep = 1.15;

}  // namespace

ImageView::ImageView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setAcceptDrops(true);
  setFocusPolicy(Qt::ClickFocus);
  setMinimumSize(160, 160);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

ImageView::~ImageView() = default;

void ImageView::setSync(ViewSync* sync) {
  if (m_sync) disconnect(m_sync, nullptr, this, nullptr);
  m_sync = sync;
  if (m_sync) connect(m_sync, &ViewSync::viewChanged, this, qOverload<>(&QWidget::update));
  update();
}

void ImageView::setImage(const Image& image, bool keepWindow) {
  m_image = image;
  const auto [lo, hi] = m_image.minMax();
  m_valueRange = std::max(1e-6, static_cast<double>(hi) - lo);
  if (!keepWindow) {
    if (auto w = presetWindow(m_image, DisplayPreset::Auto)) m_window = *w;
  }
  rerender();
  emit displayWindowChanged(m_window);
}

void ImageView::setHeatOverlay(const QImage& overlay) {
  m_heat = overlay;
  update();
}

void ImageView::setHeatOverlayVisible(bool visible) {
  m_heatVisible = visible;
  update();
}

void ImageView::clearImage() {
  m_image = Image();
  m_rendered = QImage();
  m_heat = QImage();
  emit renderedChanged();
  update();
}

void ImageView::setDisplayWindow(const DisplayWindow& window) {
  if (window == m_window) return;
  m_window = window;
  m_window.width = std::max(1e-9, m_window.width);
  rerender();
  emit displayWindowChanged(m_window);
}

bool ImageView::applyPreset(DisplayPreset preset) {
  const auto window = presetWindow(m_image, preset);
  if (!window) return false;
  setDisplayWindow(*window);
  return true;
}

void ImageView::setColorMap(ColorMapKind map) {
  if (map == m_colorMap) return;
  m_colorMap = map;
  rerender();
}

void ImageView::setPlaceholderText(const QString& text) {
  m_placeholder = text;
  update();
}

void ImageView::setActive(bool active) {
  if (active == m_active) return;
  m_active = active;
  update();
}

void ImageView::rerender() {
  m_rendered = renderImage(m_image, m_window, m_colorMap);
  emit renderedChanged();
  update();
}

QSize ImageView::contentSize() const {
  return QSize(m_image.width, m_image.height);
}

QPointF ImageView::center() const {
  if (m_sync) return m_sync->center();
  const QSize s = contentSize();
  return QPointF(s.width() / 2.0, s.height() / 2.0);
}

double ImageView::effectiveZoom() const {
  const QSize s = contentSize();
  if (m_sync && !m_sync->fitMode()) return m_sync->zoom();
  if (s.isEmpty()) return 1.0;
  return std::min(width() / static_cast<double>(s.width()), height() / static_cast<double>(s.height()));
}

QPointF ImageView::widgetToImage(QPointF widgetPoint) const {
  const QPointF widgetCenter(width() / 2.0, height() / 2.0);
  return center() + (widgetPoint - widgetCenter) / effectiveZoom();
}

QPointF ImageView::imageToWidget(QPointF imagePoint) const {
  const QPointF widgetCenter(width() / 2.0, height() / 2.0);
  return widgetCenter + (imagePoint - center()) * effectiveZoom();
}

std::optional<QPoint> ImageView::pixelAt(QPointF widgetPoint) const {
  const QSize s = contentSize();
  if (s.isEmpty()) return std::nullopt;
  const QPointF p = widgetToImage(widgetPoint);
  const int x = static_cast<int>(std::floor(p.x()));
  const int y = static_cast<int>(std::floor(p.y()));
  if (x < 0 || y < 0 || x >= s.width() || y >= s.height()) return std::nullopt;
  return QPoint(x, y);
}

void ImageView::zoomBy(double factor, std::optional<QPointF> anchor) {
  if (!m_sync || contentSize().isEmpty()) return;
  const QPointF widgetCenter(width() / 2.0, height() / 2.0);
  const QPointF a = anchor.value_or(widgetCenter);
  const QPointF imagePoint = widgetToImage(a);
  const double zoom = std::clamp(effectiveZoom() * factor, ViewSync::kMinZoom, ViewSync::kMaxZoom);
  m_sync->setView(zoom, imagePoint - (a - widgetCenter) / zoom);
}

void ImageView::setZoom(double zoom) {
  if (!m_sync) return;
  m_sync->setView(zoom, center());
}

void ImageView::panBy(QPointF widgetDelta) {
  if (!m_sync || contentSize().isEmpty()) return;
  const double zoom = effectiveZoom();
  m_sync->setView(zoom, center() - widgetDelta / zoom);
}

void ImageView::paintContent(QPainter& painter, const QRectF& target) {
  if (!m_rendered.isNull()) painter.drawImage(target, m_rendered);
}

void ImageView::paintOverlay(QPainter&) {}

void ImageView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Theme::viewBackground());
  const QSize s = contentSize();
  if (s.isEmpty()) {
    painter.setPen(Theme::mutedText());
    painter.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
  } else {
    const double zoom = effectiveZoom();
    // Magnified pixels stay sharp squares (what readers expect); minified
    // images are smoothed so that fine structures do not alias.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom < 1.0);
    const QRectF target(imageToWidget(QPointF(0, 0)), QSizeF(s.width() * zoom, s.height() * zoom));
    paintContent(painter, target);
    if (m_heatVisible && !m_heat.isNull()) {
      painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
      painter.drawImage(target, m_heat);
    }
    if (m_sync && m_sync->crosshairVisible() && m_sync->crosshair()) {
      const QPointF c = imageToWidget(*m_sync->crosshair());
      QPen pen(Theme::crosshair());
      pen.setWidthF(1.0);
      pen.setDashPattern({6.0, 4.0});
      painter.setPen(pen);
      painter.setRenderHint(QPainter::Antialiasing, false);
      painter.drawLine(QPointF(target.left(), c.y()), QPointF(target.right(), c.y()));
      painter.drawLine(QPointF(c.x(), target.top()), QPointF(c.x(), target.bottom()));
    }
    paintOverlay(painter);
    paintCorners(painter);
  }
  if (m_active) {
    painter.setPen(QPen(Theme::accent(), 2.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
  }
}

void ImageView::paintCorners(QPainter& painter) {
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  QFont font = painter.font();
  font.setPointSizeF(std::max(7.5, font.pointSizeF() * 0.9));
  painter.setFont(font);
  const QRect area = rect().adjusted(8, 6, -8, -6);
  auto shadowed = [&painter](const QRect& r, int flags, const QString& text) {
    painter.setPen(QColor(0, 0, 0, 200));
    painter.drawText(r.translated(1, 1), flags, text);
    painter.setPen(Theme::overlayText());
    painter.drawText(r, flags, text);
  };
  // Window/level at the bottom left, the zoom at the bottom right; in a view
  // too narrow for both the window/level wins (elided if need be).
  const QFontMetrics metrics(font);
  const QString zoom = tr("%1 %").arg(std::lround(effectiveZoom() * 100.0));
  QString window;
  if (hasImage()) {
    const QString units = unitsDisplayName(m_image.meta.units);
    const QString w = tr("W %1  L %2").arg(m_window.width, 0, 'g', 4).arg(m_window.center, 0, 'g', 4);
    window = units.isEmpty() ? w : tr("%1 %2").arg(w, units);
  }
  const int gap = metrics.horizontalAdvance(QStringLiteral("    "));
  m_zoomTextShown =
      window.isEmpty() || metrics.horizontalAdvance(window) + gap + metrics.horizontalAdvance(zoom) <= area.width();
  if (!window.isEmpty()) {
    shadowed(area, Qt::AlignLeft | Qt::AlignBottom, metrics.elidedText(window, Qt::ElideRight, area.width()));
  }
  if (m_zoomTextShown) shadowed(area, Qt::AlignRight | Qt::AlignBottom, zoom);
  if (m_sync && m_sync->sliceCount() > 1) {
    shadowed(area, Qt::AlignRight | Qt::AlignTop, tr("Slice %1/%2").arg(m_sync->slice() + 1).arg(m_sync->sliceCount()));
  }
}

void ImageView::mousePressEvent(QMouseEvent* event) {
  emit activated();
  m_pressPos = event->position();
  m_lastPos = event->position();
  if (event->button() == Qt::LeftButton) {
    m_drag = Drag::Pending;
  } else if (event->button() == Qt::MiddleButton) {
    m_drag = Drag::Pan;
    setCursor(Qt::ClosedHandCursor);
  } else if (event->button() == Qt::RightButton && hasImage()) {
    m_drag = Drag::Window;
    m_pressWindow = m_window;
    setCursor(Qt::SizeAllCursor);
  }
  event->accept();
}

void ImageView::mouseMoveEvent(QMouseEvent* event) {
  const QPointF pos = event->position();
  if (m_drag == Drag::Pending && QLineF(pos, m_pressPos).length() > kDragThresholdPx) {
    m_drag = Drag::Pan;
    setCursor(Qt::ClosedHandCursor);
  }
  if (m_drag == Drag::Pan) {
    panBy(pos - m_lastPos);
  } else if (m_drag == Drag::Window) {
    setDisplayWindow(draggedWindow(m_pressWindow, (pos - m_pressPos).toPoint(), m_valueRange));
  }
  m_lastPos = pos;
  if (pixelAt(pos)) {
    emit cursorMoved(widgetToImage(pos));
  } else {
    emit cursorLeft();
  }
}

void ImageView::mouseReleaseEvent(QMouseEvent* event) {
  if (m_drag == Drag::Pending && event->button() == Qt::LeftButton && m_sync) {
    if (auto pixel = pixelAt(event->position())) m_sync->setCrosshair(QPointF(pixel->x() + 0.5, pixel->y() + 0.5));
  }
  m_drag = Drag::None;
  unsetCursor();
}

void ImageView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0.0) return;
  const bool zoom = (event->modifiers() & Qt::ControlModifier) || !m_sync || m_sync->sliceCount() <= 1;
  if (zoom) {
    zoomBy(std::pow(kWheelZoomStep, steps), event->position());
  } else {
    m_sync->setSlice(m_sync->slice() + (steps > 0 ? -1 : 1));
  }
  event->accept();
}

void ImageView::leaveEvent(QEvent*) {
  emit cursorLeft();
}

void ImageView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) {
    for (const QUrl& url : event->mimeData()->urls()) {
      if (url.isLocalFile()) {
        event->acceptProposedAction();
        return;
      }
    }
  }
}

void ImageView::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) paths << url.toLocalFile();
  }
  if (!paths.isEmpty()) {
    event->acceptProposedAction();
    emit filesDropped(paths);
  }
}

}  // namespace edgefuse::ui
