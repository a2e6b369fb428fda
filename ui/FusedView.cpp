// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/FusedView.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/Theme.h"

namespace edgefuse::ui {

FusedView::FusedView(QWidget* parent) : ImageView(parent) {}

void FusedView::setSourceLayers(const QImage& a, const QImage& b) {
  m_a = a;
  m_b = b;
  update();
}

void FusedView::setCompareMode(CompareMode mode) {
  if (mode == m_mode) return;
  m_mode = mode;
  update();
}

void FusedView::setMix(double mix) {
  m_mix = std::clamp(mix, 0.0, 1.0);
  update();
}

void FusedView::setPartner(ComparePartner partner) {
  m_partner = partner;
  update();
}

void FusedView::setCheckerTiles(int tiles) {
  m_tiles = std::clamp(tiles, 2, 64);
  update();
}

void FusedView::setMetricOverlay(const QVector<std::pair<QString, QString>>& lines, const QString& footnote) {
  m_overlay = lines;
  m_footnote = footnote;
  update();
}

void FusedView::setMetricOverlayVisible(bool visible) {
  m_overlayVisible = visible;
  update();
}

void FusedView::setBusyText(const QString& text) {
  if (text == m_busy) return;
  m_busy = text;
  update();
}

const QImage& FusedView::partnerImage() const {
  return m_partner == ComparePartner::SourceA ? m_a : m_b;
}

QSize FusedView::contentSize() const {
  if (hasImage()) return ImageView::contentSize();
  if (!m_a.isNull()) return m_a.size();
  return m_b.size();
}

FusedView::Layer FusedView::layerAt(QPointF widgetPoint) const {
  const QSize s = contentSize();
  const QPointF p = widgetToImage(widgetPoint);
  if (s.isEmpty() || p.x() < 0 || p.y() < 0 || p.x() >= s.width() || p.y() >= s.height()) return Layer::None;
  const Layer partner = m_partner == ComparePartner::SourceA ? Layer::SourceA : Layer::SourceB;
  switch (compareMode()) {
    case CompareMode::Fused:
      return Layer::Fused;
    case CompareMode::Blend:
      return Layer::Blend;
    case CompareMode::Checkerboard: {
      const double tw = std::ceil(s.width() / static_cast<double>(m_tiles));
      const double th = std::ceil(s.height() / static_cast<double>(m_tiles));
      const int i = static_cast<int>(p.x() / tw);
      const int j = static_cast<int>(p.y() / th);
      return (i + j) % 2 == 0 ? Layer::Fused : partner;
    }
    case CompareMode::Wipe:
      return p.x() < m_mix * s.width() ? Layer::Fused : partner;
  }
  return Layer::None;
}

void FusedView::paintContent(QPainter& painter, const QRectF& target) {
  const QImage& fused = rendered();
  const QImage& other = partnerImage();
  switch (m_mode) {
    case CompareMode::Fused:
      if (!fused.isNull()) painter.drawImage(target, fused);
      break;
    case CompareMode::Blend:
      if (!m_a.isNull()) painter.drawImage(target, m_a);
      if (!m_b.isNull()) {
        painter.setOpacity(m_mix);
        painter.drawImage(target, m_b);
        painter.setOpacity(1.0);
      }
      break;
    case CompareMode::Checkerboard: {
      if (!fused.isNull()) painter.drawImage(target, fused);
      if (other.isNull()) break;
      const QSize s = contentSize();
      const double tw = std::ceil(s.width() / static_cast<double>(m_tiles));
      const double th = std::ceil(s.height() / static_cast<double>(m_tiles));
      const double zx = target.width() / s.width();
      const double zy = target.height() / s.height();
      QPainterPath tiles;
      for (int j = 0; j * th < s.height(); ++j) {
        for (int i = 0; i * tw < s.width(); ++i) {
          if ((i + j) % 2 == 1) {
            tiles.addRect(QRectF(target.left() + i * tw * zx, target.top() + j * th * zy, tw * zx, th * zy));
          }
        }
      }
      painter.save();
      painter.setClipPath(tiles.intersected([&target] {
        QPainterPath p;
        p.addRect(target);
        return p;
      }()));
      painter.drawImage(target, other);
      painter.restore();
      break;
    }
    case CompareMode::Wipe: {
      const double x = target.left() + m_mix * target.width();
      painter.save();
      painter.setClipRect(QRectF(QPointF(target.left(), target.top()), QPointF(x, target.bottom())));
      if (!fused.isNull()) painter.drawImage(target, fused);
      painter.setClipRect(QRectF(QPointF(x, target.top()), target.bottomRight()));
      if (!other.isNull()) painter.drawImage(target, other);
      painter.restore();
      painter.setPen(QPen(Theme::accent(), 2.0));
      const double top = std::max(0.0, target.top());
      const double bottom = std::min(static_cast<double>(height()), target.bottom());
      painter.drawLine(QPointF(x, top), QPointF(x, bottom));
      const QString left = tr("Fused");
      const QString right = m_partner == ComparePartner::SourceA ? tr("A") : tr("B");
      const QFontMetrics fm(painter.font());
      painter.setPen(Theme::overlayText());
      painter.drawText(QPointF(x - 8 - fm.horizontalAdvance(left), top + fm.ascent() + 28), left);
      painter.drawText(QPointF(x + 8, top + fm.ascent() + 28), right);
      break;
    }
  }
}

void FusedView::paintOverlay(QPainter& painter) {
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  const QFontMetrics fm(painter.font());
  if (m_overlayVisible && (!m_overlay.isEmpty() || !m_footnote.isEmpty())) {
    int labelWidth = 0, valueWidth = 0;
    for (const auto& [label, value] : m_overlay) {
      labelWidth = std::max(labelWidth, fm.horizontalAdvance(label));
      valueWidth = std::max(valueWidth, fm.horizontalAdvance(value));
    }
    const int lineHeight = fm.height();
    const int pad = 8;
    int boxWidth = labelWidth + valueWidth + 16 + 2 * pad;
    if (!m_footnote.isEmpty()) boxWidth = std::max(boxWidth, fm.horizontalAdvance(m_footnote) + 2 * pad);
    const int lines = static_cast<int>(m_overlay.size()) + (m_footnote.isEmpty() ? 0 : 1);
    const QRectF box(10, 10, boxWidth, lines * lineHeight + 2 * pad - 2);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(10, 12, 14, 185));
    painter.drawRoundedRect(box, 6, 6);
    int y = static_cast<int>(box.top()) + pad + fm.ascent();
    for (const auto& [label, value] : m_overlay) {
      painter.setPen(Theme::mutedText());
      painter.drawText(QPointF(box.left() + pad, y), label);
      painter.setPen(Theme::overlayText());
      painter.drawText(QPointF(box.right() - pad - fm.horizontalAdvance(value), y), value);
      y += lineHeight;
    }
    if (!m_footnote.isEmpty()) {
      painter.setPen(Theme::mutedText());
      painter.drawText(QPointF(box.left() + pad, y), m_footnote);
    }
  }
  if (!m_busy.isEmpty()) {
    const int w = fm.horizontalAdvance(m_busy) + 28;
    const QRectF pill((width() - w) / 2.0, height() - fm.height() - 44.0, w, fm.height() + 12.0);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(10, 12, 14, 215));
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
    painter.setPen(Theme::overlayText());
    painter.drawText(pill, Qt::AlignCenter, m_busy);
  }
}

}  // namespace edgefuse::ui
