// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QImage>
#include <QPointer>
#include <QWidget>
#include <optional>

#include "core/image/Image.h"
#include "ui/ColorMap.h"
#include "ui/DisplayWindow.h"
#include "ui/ViewSync.h"

namespace edgefuse::ui {

/// Shows one image (values in its stored units) through a display window
/// and colour map, linked to the other views by a ViewSync: left-drag pans,
/// a click sets the crosshair, the wheel zooms (or scrolls slices when there
/// are several; Ctrl+wheel always zooms), right-drag sets window/level.
/// Files dropped on it are offered through filesDropped(). GUI thread only.
class ImageView : public QWidget {
  Q_OBJECT
 public:
  explicit ImageView(QWidget* parent = nullptr);
  ~ImageView() override;

  /// The shared view state; the view repaints when it changes.
  void setSync(ViewSync* sync);
  ViewSync* sync() const { return m_sync; }

  /// Shows `image`. With `keepWindow` false the window is reset to the
  /// automatic preset.
  void setImage(const Image& image, bool keepWindow = false);
  void clearImage();
  const Image& image() const { return m_image; }
  bool hasImage() const { return !m_image.empty(); }

  void setDisplayWindow(const DisplayWindow& window);
  DisplayWindow displayWindow() const { return m_window; }
  /// Applies a preset; false (nothing changes) when it does not fit the image.
  bool applyPreset(DisplayPreset preset);

  void setColorMap(ColorMapKind map);
  ColorMapKind colorMap() const { return m_colorMap; }

  /// A translucent overlay drawn over the image at the image's geometry
  /// (e.g. the classifier's saliency, see renderSaliency); null clears it.
  /// Shown only while overlays are visible.
  void setHeatOverlay(const QImage& overlay);
  bool hasHeatOverlay() const { return !m_heat.isNull(); }
  void setHeatOverlayVisible(bool visible);
  bool heatOverlayVisible() const { return m_heatVisible; }

  /// The image as currently displayed (window and colour map applied).
  const QImage& rendered() const { return m_rendered; }

  /// Text shown while the view has nothing to show.
  void setPlaceholderText(const QString& text);
  /// Marks the view the keyboard's window/level commands apply to.
  void setActive(bool active);
  bool isActive() const { return m_active; }

  /// Whether the last paint had room for the zoom next to the window/level
  /// at the bottom (narrow views show the window/level only).
  bool zoomTextShown() const { return m_zoomTextShown; }

  /// Screen pixels per image pixel, in fit mode too.
  double effectiveZoom() const;
  QPointF widgetToImage(QPointF widgetPoint) const;
  QPointF imageToWidget(QPointF imagePoint) const;
  /// The image pixel under a widget point, if it lies on the image.
  std::optional<QPoint> pixelAt(QPointF widgetPoint) const;

  /// Zooms by `factor`, keeping the image point under `anchor` (widget
  /// coordinates; the centre when absent) in place.
  void zoomBy(double factor, std::optional<QPointF> anchor = std::nullopt);
  /// Sets an absolute zoom (1.0 = one screen pixel per image pixel).
  void setZoom(double zoom);
  /// Moves the image by a widget-pixel offset.
  void panBy(QPointF widgetDelta);

 signals:
  /// The cursor is over image point `imagePoint` (pixel coordinates).
  void cursorMoved(QPointF imagePoint);
  void cursorLeft();
  void displayWindowChanged(const edgefuse::ui::DisplayWindow& window);
  /// rendered() changed (new image, window or colour map).
  void renderedChanged();
  /// The user clicked into the view.
  void activated();
  void filesDropped(const QStringList& paths);

 protected:
  /// Size in image pixels of what the view shows (the image by default).
  virtual QSize contentSize() const;
  /// Draws the content into `target` (widget coordinates of the whole image).
  virtual void paintContent(QPainter& painter, const QRectF& target);
  /// Draws annotations on top (after the crosshair), in widget coordinates.
  virtual void paintOverlay(QPainter& painter);
  void rerender();

  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  enum class Drag { None, Pending, Pan, Window };

  QPointF center() const;
  void paintCorners(QPainter& painter);

  QPointer<ViewSync> m_sync;
  Image m_image;
  QImage m_rendered;
  QImage m_heat;
  bool m_heatVisible = false;
  double m_valueRange = 1.0;
  DisplayWindow m_window;
  ColorMapKind m_colorMap = ColorMapKind::Grey;
  QString m_placeholder;
  bool m_active = false;
  bool m_zoomTextShown = true;
  Drag m_drag = Drag::None;
  QPointF m_pressPos;
  QPointF m_lastPos;
  DisplayWindow m_pressWindow;
};

}  // namespace edgefuse::ui
