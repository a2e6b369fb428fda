// SPDX-License-Identifier: GPL-3.0-or-later
// The image views: rendering, zoom, pan, crosshair, window/level, compare modes.

#include <QApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include "UiTestSupport.h"
#include "core/image/Phantom.h"
#include "ui/ColorMap.h"
#include "ui/FusedView.h"
#include "ui/ImageAdapter.h"
#include "ui/ImageView.h"
#include "ui/ViewSync.h"

using namespace edgefuse;
using namespace edgefuse::ui;

namespace {

Image ramp(int w, int h, float scale = 1.0f) {
  Image image(w, h, 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) image.at(x, y) = scale * static_cast<float>(x);
  return image;
}

Image constant(int w, int h, float value) {
  return Image(w, h, 1, value);
}

void sendWheel(QWidget* widget, QPointF pos, int delta, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  QWheelEvent event(pos, widget->mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton, modifiers,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &event);
}

}  // namespace

class ViewsTest : public QObject {
  Q_OBJECT
 private slots:
  void init() { test::failOnAnyWarning(); }

  void renderAppliesWindowAndColourMap() {
    Image image(3, 1, 1);
    image.pixels = {0.0f, 50.0f, 100.0f};
    const QImage grey = renderImage(image, DisplayWindow{50.0, 100.0}, ColorMapKind::Grey);
    QCOMPARE(grey.size(), QSize(3, 1));
    QCOMPARE(qGray(grey.pixel(0, 0)), 0);
    QVERIFY(std::abs(qGray(grey.pixel(1, 0)) - 128) <= 1);
    QCOMPARE(qGray(grey.pixel(2, 0)), 255);
    const QImage hot = renderImage(image, DisplayWindow{50.0, 100.0}, ColorMapKind::Hot);
    QCOMPARE(hot.pixel(0, 0), qRgb(0, 0, 0));
    QCOMPARE(hot.pixel(2, 0), qRgb(255, 255, 255));
    QCOMPARE(hot.pixel(2, 0), colorTable(ColorMapKind::Hot).last());
    // Values outside the window clamp to its ends.
    const QImage narrow = renderImage(image, DisplayWindow{50.0, 10.0}, ColorMapKind::Grey);
    QCOMPARE(qGray(narrow.pixel(0, 0)), 0);
    QCOMPARE(qGray(narrow.pixel(2, 0)), 255);
    Image rgb(1, 1, 3);
    rgb.pixels = {255.0f, 0.0f, 128.0f};
    QCOMPARE(renderImage(rgb, DisplayWindow{127.5, 255.0}, ColorMapKind::Hot).pixel(0, 0), qRgb(255, 0, 128));
    QVERIFY(renderImage(Image(), DisplayWindow{}).isNull());
  }

  void colourMapsAreDistinctAndViridisIsMonotoneInLightness() {
    for (ColorMapKind a : allColorMaps()) {
      QCOMPARE(colorTable(a).size(), 256);
      QCOMPARE(colorMapFromId(colorMapId(a)), std::optional<ColorMapKind>(a));
      for (ColorMapKind b : allColorMaps()) {
        if (a != b) QVERIFY(colorTable(a)[200] != colorTable(b)[200]);
      }
    }
    // A colour-blind-safe map must not fold back in lightness.
    const auto& viridis = colorTable(ColorMapKind::Viridis);
    for (int i = 16; i < 256; i += 16) QVERIFY(qGray(viridis[i]) >= qGray(viridis[i - 16]));
  }

  void imageFromQImageKeepsGreyAndColour() {
    QImage grey(4, 2, QImage::Format_Grayscale8);
    grey.fill(77);
    const Image g = imageFromQImage(grey);
    QCOMPARE(g.channels, 1);
    QCOMPARE(g.at(3, 1), 77.0f);
    QImage colour(2, 2, QImage::Format_RGB32);
    colour.fill(qRgb(10, 20, 30));
    const Image c = imageFromQImage(colour);
    QCOMPARE(c.channels, 3);
    QCOMPARE(c.at(1, 1, 2), 30.0f);
    // And back: the rendered image shows the same colours.
    QCOMPARE(renderImage(c, DisplayWindow{127.5, 255.0}).pixel(0, 0), qRgb(10, 20, 30));
  }

  void fitAndZoomKeepTheAnchorInPlace() {
    ViewSync sync;
    ImageView view;
    view.setSync(&sync);
    view.resize(400, 400);
    view.setImage(ramp(100, 100));
    sync.fit(QSizeF(100, 100));
    QCOMPARE(view.effectiveZoom(), 4.0);
    QCOMPARE(view.imageToWidget(QPointF(50, 50)), QPointF(200, 200));
    const QPointF anchor(100, 60);
    const QPointF before = view.widgetToImage(anchor);
    view.zoomBy(2.0, anchor);
    QVERIFY(!sync.fitMode());
    QCOMPARE(view.effectiveZoom(), 8.0);
    const QPointF after = view.widgetToImage(anchor);
    QVERIFY(std::abs(after.x() - before.x()) < 1e-9 && std::abs(after.y() - before.y()) < 1e-9);
    view.setZoom(1.0);
    QCOMPARE(view.effectiveZoom(), 1.0);
    view.zoomBy(1e6);
    QCOMPARE(view.effectiveZoom(), ViewSync::kMaxZoom);
  }

  void wheelZoomsOrScrollsSlices() {
    ViewSync sync;
    ImageView view;
    view.setSync(&sync);
    view.resize(300, 300);
    view.setImage(ramp(100, 100));
    sync.fit(QSizeF(100, 100));
    sendWheel(&view, QPointF(150, 150), 120);
    QVERIFY(view.effectiveZoom() > 3.0);
    sync.setSliceCount(5);
    const double zoom = view.effectiveZoom();
    sendWheel(&view, QPointF(150, 150), -120);
    QCOMPARE(sync.slice(), 1);
    QCOMPARE(view.effectiveZoom(), zoom);
    sendWheel(&view, QPointF(150, 150), -120, Qt::ControlModifier);
    QVERIFY(view.effectiveZoom() < zoom);
    QCOMPARE(sync.slice(), 1);
  }

  void leftDragPansEveryLinkedView() {
    ViewSync sync;
    ImageView a, b;
    for (ImageView* v : {&a, &b}) {
      v->setSync(&sync);
      v->resize(400, 400);
      v->setImage(ramp(100, 100));
    }
    sync.fit(QSizeF(100, 100));
    const QPointF before = b.imageToWidget(QPointF(50, 50));
    QTest::mousePress(&a, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
    QTest::mouseMove(&a, QPoint(220, 200));
    QTest::mouseMove(&a, QPoint(240, 210));
    QTest::mouseRelease(&a, Qt::LeftButton, Qt::NoModifier, QPoint(240, 210));
    const QPointF after = b.imageToWidget(QPointF(50, 50));
    QCOMPARE(after - before, QPointF(40, 10));
    QVERIFY2(!sync.crosshair(), "a drag must not place the crosshair");
  }

  void clickPlacesTheCrosshairOnAPixelCentre() {
    ViewSync sync;
    ImageView view;
    view.setSync(&sync);
    view.resize(400, 400);
    view.setImage(ramp(100, 100));
    sync.fit(QSizeF(100, 100));
    QSignalSpy changed(&sync, &ViewSync::viewChanged);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(41, 203));
    QVERIFY(sync.crosshair().has_value());
    QCOMPARE(*sync.crosshair(), QPointF(10.5, 50.5));
    QVERIFY(changed.count() >= 1);
  }

  void rightDragSetsWindowAndLevel() {
    ImageView view;
    ViewSync sync;
    view.setSync(&sync);
    view.resize(300, 300);
    view.setImage(ramp(256, 256, 2.0f));  // values 0..510
    sync.fit(QSizeF(256, 256));
    view.setDisplayWindow(DisplayWindow{255.0, 100.0});
    QSignalSpy spy(&view, &ImageView::displayWindowChanged);
    QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(200, 150));
    QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, QPoint(200, 150));
    QVERIFY(spy.count() >= 1);
    // 512 pixels span the value range (510): 100 px right widens by ~99.6, 50 px down raises the level by ~49.8.
    QVERIFY(std::abs(view.displayWindow().width - (100.0 + 100 * 510.0 / 512.0)) < 1e-6);
    QVERIFY(std::abs(view.displayWindow().center - (255.0 + 50 * 510.0 / 512.0)) < 1e-6);
    const QImage shown = view.rendered();
    QCOMPARE(shown.size(), QSize(256, 256));
  }

  // A narrow view keeps the window/level readable: the zoom makes way
  // instead of being drawn over it.
  void narrowViewsDropTheZoomNotTheWindow() {
    const PhantomPair p = makeHeadPhantom(64);
    ImageView view;
    view.setImage(p.ct);  // "W … L … HU": the longest window text
    view.resize(600, 300);
    (void)view.grab();
    QVERIFY(view.zoomTextShown());
    view.resize(150, 300);
    (void)view.grab();
    QVERIFY(!view.zoomTextShown());
    view.resize(600, 300);
    (void)view.grab();
    QVERIFY(view.zoomTextShown());
  }

  void presetsFollowTheUnits() {
    const PhantomPair p = makeHeadPhantom(64);
    ImageView ct;
    ct.setImage(p.ct);
    QVERIFY(ct.applyPreset(DisplayPreset::Brain));
    QCOMPARE(ct.displayWindow(), (DisplayWindow{40.0, 80.0}));
    QVERIFY(ct.applyPreset(DisplayPreset::Bone));
    QCOMPARE(ct.displayWindow(), (DisplayWindow{600.0, 2800.0}));
    QVERIFY(ct.applyPreset(DisplayPreset::Subdural));
    QCOMPARE(ct.displayWindow(), (DisplayWindow{75.0, 215.0}));
    ImageView mr;
    mr.setImage(p.mri);
    const DisplayWindow before = mr.displayWindow();
    QVERIFY(!mr.applyPreset(DisplayPreset::Brain));
    QCOMPARE(mr.displayWindow(), before);
    QVERIFY(mr.applyPreset(DisplayPreset::FullRange));
    const auto [lo, hi] = p.mri.minMax();
    QCOMPARE(mr.displayWindow().lower(), static_cast<double>(lo));
    QCOMPARE(mr.displayWindow().upper(), static_cast<double>(hi));
  }

  void compareModesShowTheRightLayer_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<QPoint>("where");
    QTest::addColumn<int>("expected");
    // Image 100x100 fitted into 400x400: image pixel (x,y) is at widget (4x,4y).
    const int fused = static_cast<int>(FusedView::Layer::Fused);
    const int partnerA = static_cast<int>(FusedView::Layer::SourceA);
    QTest::newRow("fused") << static_cast<int>(CompareMode::Fused) << QPoint(300, 300) << fused;
    QTest::newRow("checker first tile") << static_cast<int>(CompareMode::Checkerboard) << QPoint(20, 20) << fused;
    QTest::newRow("checker second tile") << static_cast<int>(CompareMode::Checkerboard) << QPoint(120, 20) << partnerA;
    QTest::newRow("checker diagonal") << static_cast<int>(CompareMode::Checkerboard) << QPoint(120, 120) << fused;
    QTest::newRow("wipe left") << static_cast<int>(CompareMode::Wipe) << QPoint(80, 200) << fused;
    QTest::newRow("wipe right") << static_cast<int>(CompareMode::Wipe) << QPoint(120, 200) << partnerA;
    QTest::newRow("blend") << static_cast<int>(CompareMode::Blend) << QPoint(200, 200)
                           << static_cast<int>(FusedView::Layer::Blend);
  }

  void compareModesShowTheRightLayer() {
    QFETCH(int, mode);
    QFETCH(QPoint, where);
    QFETCH(int, expected);
    ViewSync sync;
    FusedView view;
    view.setSync(&sync);
    view.resize(400, 400);
    view.setMetricOverlayVisible(false);
    view.setImage(constant(100, 100, 0.0f));
    view.setDisplayWindow(DisplayWindow{0.5, 1.0});
    QImage white(100, 100, QImage::Format_RGB32);
    white.fill(qRgb(255, 255, 255));
    QImage red(100, 100, QImage::Format_RGB32);
    red.fill(qRgb(255, 0, 0));
    view.setSourceLayers(white, red);
    sync.fit(QSizeF(100, 100));
    view.setCheckerTiles(10);  // tiles of 10 image pixels = 40 widget pixels
    view.setMix(0.25);         // wipe divider at image x = 25 (widget 100)
    view.setCompareMode(static_cast<CompareMode>(mode));
    QCOMPARE(static_cast<int>(view.layerAt(where)), expected);
    // What is drawn agrees with the layer.
    const QImage shot = view.grab().toImage();
    const QRgb pixel = shot.pixel(where);
    switch (static_cast<FusedView::Layer>(expected)) {
      case FusedView::Layer::Fused:
        QCOMPARE(pixel, qRgb(0, 0, 0));
        break;
      case FusedView::Layer::SourceA:
        QCOMPARE(pixel, qRgb(255, 255, 255));
        break;
      case FusedView::Layer::Blend:
        // 25 % red over white.
        QCOMPARE(qRed(pixel), 255);
        QVERIFY(std::abs(qGreen(pixel) - 191) <= 2);
        break;
      default:
        QFAIL("unexpected layer");
    }
  }

  void partnerBSwitchesTheComparedSource() {
    ViewSync sync;
    FusedView view;
    view.setSync(&sync);
    view.resize(200, 200);
    view.setMetricOverlayVisible(false);
    view.setImage(constant(50, 50, 0.0f));
    QImage white(50, 50, QImage::Format_RGB32);
    white.fill(qRgb(255, 255, 255));
    QImage blue(50, 50, QImage::Format_RGB32);
    blue.fill(qRgb(0, 0, 255));
    view.setSourceLayers(white, blue);
    sync.fit(QSizeF(50, 50));
    view.setCompareMode(CompareMode::Wipe);
    view.setMix(0.0);
    view.setPartner(ComparePartner::SourceB);
    QCOMPARE(view.layerAt(QPoint(100, 100)), FusedView::Layer::SourceB);
    QCOMPARE(view.grab().toImage().pixel(150, 100), qRgb(0, 0, 255));
  }

  void droppedFilesAreOffered() {
    // QApplication routes drops only inside a running drag; call the handler directly.
    struct DropView : ImageView {
      using ImageView::dropEvent;
    } view;
    QSignalSpy spy(&view, &ImageView::filesDropped);
    QMimeData data;
    data.setUrls(
        {QUrl::fromLocalFile(QStringLiteral("/tmp/a.png")), QUrl::fromLocalFile(QStringLiteral("/tmp/b.png"))});
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    view.dropEvent(&drop);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(), (QStringList{QStringLiteral("/tmp/a.png"), QStringLiteral("/tmp/b.png")}));
  }
};

QTEST_MAIN(ViewsTest)
#include "ViewsTest.moc"
