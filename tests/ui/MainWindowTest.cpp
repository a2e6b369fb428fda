// SPDX-License-Identifier: GPL-3.0-or-later
// The main window with a real engine (seeded random EH-DRAN weights): the
// demo pair, linked views, keyboard commands, a size mismatch resolved
// visibly, load errors, exports that never overwrite silently, the metric
// overlay/panel fed by the metrics seam, unavailable services said plainly.

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include "UiTestSupport.h"
#include "core/image/Phantom.h"
#include "ui/ClassifierChart.h"
#include "ui/FusedView.h"
#include "ui/FusionController.h"
#include "ui/ImageView.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/MethodComparisonChart.h"
#include "ui/MetricsPanel.h"
#include "ui/NotesPanel.h"
#include "ui/NoticeArea.h"
#include "ui/ScreenshotSession.h"
#include "ui/Settings.h"
#include "ui/ShortcutsDialog.h"

using namespace edgefuse;
using namespace edgefuse::ui;

namespace {

constexpr int kTimeoutMs = 300000;

Services meanMetricServices() {
  Services services;
  services.metrics.compute = [](const FusionResult& r) -> Expected<MetricValues> {
    double sum = 0.0;
    for (float v : r.fusedLuma.pixels) sum += v;
    return MetricValues{{"en", sum / static_cast<double>(r.fusedLuma.pixels.size())}, {"psnr", 20.0}};
  };
  services.metrics.conventions = {{"en", "test: mean of the fused luma"}, {"psnr", "test: constant"}};
  return services;
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY(!test::randomModelDir().isEmpty()); }

  void init() {
    test::failOnAnyWarning();
    m_store = std::make_unique<QSettings>(test::scratchDir() + QStringLiteral("/window.ini"), QSettings::IniFormat);
    m_store->clear();
    m_settings = std::make_unique<Settings>(m_store.get());
  }

  void cleanup() {
    m_settings.reset();
    m_store.reset();
  }

  void demoPairIsFusedAndShown() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    window.resize(1366, 768);
    window.show();
    startEngine(window);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openDemo(96);
    QVERIFY(displayed.wait(kTimeoutMs));
    QVERIFY(window.viewA()->hasImage());
    QVERIFY(window.viewB()->hasImage());
    QVERIFY(window.fusedView()->hasImage());
    QCOMPARE(window.fusedView()->image().width, 96);
    QCOMPARE(window.viewB()->image().meta.units, std::string("HU"));
    const FusionOutcome& outcome = *window.currentOutcome();
    QCOMPARE(outcome.result.modelName, std::string("random-eh-dran"));
    QVERIFY(window.windowTitle().contains(QStringLiteral("phantom")));
    // Without a metrics library the window says so instead of showing numbers.
    QCOMPARE(window.metricsPanel()->metricRowCount(), 0);
    QVERIFY(!window.comparisonChart()->isShowingChart());
    QCOMPARE(window.classifierChart()->page(), 0);
    QAction* dicom = test::actionWithShortcut(&window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QVERIFY(dicom && !dicom->isEnabled());
    QVERIFY(dicom->toolTip().contains(QStringLiteral("not available"), Qt::CaseInsensitive));
    // Every note of the fusion is listed in the notes panel.
    for (const std::string& text : outcome.result.notes) {
      bool listed = false;
      for (const Note& note : window.notesPanel()->notes()) {
        listed |= note.origin == Note::Origin::Fusion && note.text == QString::fromStdString(text);
      }
      QVERIFY2(listed, text.c_str());
    }
  }

  void keyboardDrivesCompareModesWindowLevelAndOverlay() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    startEngine(window);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openDemo(64);
    QVERIFY(displayed.wait(kTimeoutMs));
    QTest::keyClick(&window, Qt::Key_2);
    QCOMPARE(window.fusedView()->compareMode(), CompareMode::Blend);
    QTest::keyClick(&window, Qt::Key_3);
    QCOMPARE(window.fusedView()->compareMode(), CompareMode::Checkerboard);
    QTest::keyClick(&window, Qt::Key_4);
    QCOMPARE(window.fusedView()->compareMode(), CompareMode::Wipe);
    const double mix = window.fusedView()->mix();
    QTest::keyClick(&window, Qt::Key_BracketRight);
    QVERIFY(window.fusedView()->mix() > mix);
    QTest::keyClick(&window, Qt::Key_P);
    QCOMPARE(window.fusedView()->partner(), ComparePartner::SourceB);
    QTest::keyClick(&window, Qt::Key_1);
    QCOMPARE(window.fusedView()->compareMode(), CompareMode::Fused);
    QCOMPARE(m_settings->compareMode(), CompareMode::Fused);
    // CT presets go to the CT view (B), whichever view is active.
    QTest::keyClick(&window, Qt::Key_7);
    QCOMPARE(window.viewB()->displayWindow(), (DisplayWindow{40.0, 80.0}));
    QTest::keyClick(&window, Qt::Key_9);
    QCOMPARE(window.viewB()->displayWindow(), (DisplayWindow{600.0, 2800.0}));
    // Colour maps: B is CT, so its own view stays grey; the setting changes.
    QTest::keyClick(&window, Qt::Key_V);
    QCOMPARE(m_settings->colorMap(), ColorMapKind::Viridis);
    QCOMPARE(window.viewB()->colorMap(), ColorMapKind::Grey);
    const bool overlay = window.fusedView()->metricOverlayVisible();
    QTest::keyClick(&window, Qt::Key_M);
    QCOMPARE(window.fusedView()->metricOverlayVisible(), !overlay);
    QTest::keyClick(&window, Qt::Key_Plus);
    QVERIFY(window.fusedView()->effectiveZoom() > 0.0);
    const double zoomed = window.fusedView()->effectiveZoom();
    QCOMPARE(window.viewA()->effectiveZoom(), zoomed);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.viewA()->effectiveZoom(), 1.0);
    // Strategy by keyboard re-runs the fusion (debounced) and is remembered.
    QTest::keyClick(&window, Qt::Key_S);
    QVERIFY(displayed.wait(kTimeoutMs));
    QCOMPARE(window.currentOutcome()->result.strategy, std::string("addition"));
    QCOMPARE(m_settings->defaultStrategy(), Strategy::Addition);
  }

  void pixelReadoutUsesSourceUnits() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    window.resize(1366, 768);
    window.show();
    startEngine(window);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openDemo(64);
    QVERIFY(displayed.wait(kTimeoutMs));
    ImageView* b = window.viewB();
    const QPointF centre = b->imageToWidget(QPointF(32.5, 32.5));
    QTest::mouseMove(b, centre.toPoint());
    QVERIFY2(window.readoutText().contains(QStringLiteral("HU")), qPrintable(window.readoutText()));
    QVERIFY(window.readoutText().contains(QStringLiteral("x 32")));
  }

  void sizeMismatchIsResampledVisibly() {
    const PhantomPair small = makeHeadPhantom(64);
    const PhantomPair big = makeHeadPhantom(128);
    const QString dir = test::scratchDir();
    const QString a = test::writePng(small.mri, dir + QStringLiteral("/mri64.png"));
    const QString b = test::writePng(big.mri, dir + QStringLiteral("/other128.png"));
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    window.show();
    startEngine(window);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openPair(a, b);
    QVERIFY(displayed.wait(kTimeoutMs));
    QCOMPARE(window.viewB()->image().width, 64);
    const QString notice = window.notices()->noticeText(QStringLiteral("align"));
    QVERIFY2(notice.contains(QStringLiteral("resampled")), qPrintable(notice));
    bool noted = false;
    for (const Note& note : window.notesPanel()->notes()) {
      noted |= note.origin == Note::Origin::Alignment && note.text.contains(QStringLiteral("128x128"));
    }
    QVERIFY(noted);
    QVERIFY(m_settings->recentFiles().contains(QStringLiteral("B|") + b));
  }

  void loadErrorsAreShownNotSwallowed() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    QSignalSpy failed(&window, &MainWindow::failed);
    window.loadSource(MainWindow::Source::A, test::scratchDir() + QStringLiteral("/missing.png"));
    QVERIFY(failed.count() > 0 || failed.wait(10000));
    QCOMPARE(failed.at(0).at(1).value<ErrorCode>(), ErrorCode::FileNotFound);
    QVERIFY(!window.notices()->noticeText(QStringLiteral("loadA")).isEmpty());
    QVERIFY(!window.viewA()->hasImage());
  }

  // Issue 18, defect 5: a file too large to open must not be answered with
  // "use a classical fusion method".
  void aTooLargeFileGetsAdviceAboutTheFile() {
    // A PNG whose header declares 70000 x 70000 pixels: refused from the header.
    const QString huge = test::scratchDir() + QStringLiteral("/huge.png");
    {
      QFile file(huge);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(
          QByteArray("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x11\x70\x00\x01\x11\x70\x08\x00\x00\x00\x00"
                     "\x00\x00\x00\x00",
                     33));
    }
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    QSignalSpy failed(&window, &MainWindow::failed);
    window.loadSource(MainWindow::Source::A, huge);
    QVERIFY(failed.count() > 0 || failed.wait(10000));
    QCOMPARE(failed.at(0).at(1).value<ErrorCode>(), ErrorCode::ImageTooLarge);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(!message.contains(QStringLiteral("classical")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("larger than EdgeFuse can open")), qPrintable(message));
  }

  // A failure reported before the event loop runs (a load that fails at
  // once) must still end a --screenshot session with its exit code.
  void screenshotSessionExitsOnAnEarlyFailure() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    ScreenshotSession session(&window, test::scratchDir() + QStringLiteral("/never.png"), 60);
    emit window.failed(QStringLiteral("early failure"), ErrorCode::FileNotFound);
    QTimer::singleShot(20000, [] { QCoreApplication::exit(99); });
    QCOMPARE(QCoreApplication::exec(), exitCodeFor(ErrorCode::FileNotFound));
    QVERIFY(!QFile::exists(test::scratchDir() + QStringLiteral("/never.png")));
  }

  void exportsNeverOverwriteSilently() {
    const PhantomPair p = makeHeadPhantom(64);
    const QString dir = test::scratchDir();
    const QString a = test::writePng(p.mri, dir + QStringLiteral("/src_a.png"));
    const QString b = test::writePng(p.ct, dir + QStringLiteral("/src_b.png"));
    LanguageManager languages;
    MainWindow window(*m_settings, languages, meanMetricServices());
    window.show();
    startEngine(window);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openPair(a, b);
    QVERIFY(displayed.wait(kTimeoutMs));
    const QString out = dir + QStringLiteral("/fused.png");
    QFile::remove(out);
    auto first = window.exportFusedPngTo(out, false);
    QTRY_VERIFY_WITH_TIMEOUT(first.isFinished(), 30000);
    QVERIFY(first.result().has_value());
    QVERIFY(QImage(out).width() == 64);
    // Again without the reader's confirmation: refused, the file stays.
    auto second = window.exportFusedPngTo(out, false);
    QTRY_VERIFY_WITH_TIMEOUT(second.isFinished(), 30000);
    QVERIFY(!second.result().has_value());
    QCOMPARE(second.result().error().code, ErrorCode::OutputExists);
    QVERIFY(!window.notices()->noticeText(QStringLiteral("export")).isEmpty());
    // Never over a source, even when confirmed.
    auto source = window.exportFusedPngTo(a, true);
    QTRY_VERIFY_WITH_TIMEOUT(source.isFinished(), 30000);
    QCOMPARE(source.result().error().code, ErrorCode::WouldOverwriteSource);
    // Metrics as CSV and JSON, from the metrics seam.
    const QString csv = dir + QStringLiteral("/metrics.csv");
    QFile::remove(csv);
    auto written = window.exportMetricsTo(csv, false, false);
    QTRY_VERIFY_WITH_TIMEOUT(written.isFinished(), 30000);
    QVERIFY(written.result().has_value());
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csvFile.readAll());
    QVERIFY(text.startsWith(QStringLiteral("source_a,source_b,method,strategy,bn_mode,model,device,metric,value\n")));
    QVERIFY(text.contains(QStringLiteral(",psnr,20\n")));
    const QString json = dir + QStringLiteral("/metrics.json");
    QFile::remove(json);
    auto jsonWritten = window.exportMetricsTo(json, true, false);
    QTRY_VERIFY_WITH_TIMEOUT(jsonWritten.isFinished(), 30000);
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QByteArray jsonText = jsonFile.readAll();
    QVERIFY(jsonText.contains("\"conventions\""));
    QVERIFY(jsonText.contains("\"psnr\": 20"));
    const QString shot = dir + QStringLiteral("/views.png");
    QFile::remove(shot);
    auto screenshot = window.exportScreenshotTo(shot, false);
    QTRY_VERIFY_WITH_TIMEOUT(screenshot.isFinished(), 30000);
    QVERIFY(screenshot.result().has_value());
    QVERIFY(!QImage(shot).isNull());
    // The metric panel and overlay show the seam's values with conventions.
    QCOMPARE(window.metricsPanel()->metricRowCount(), 2);
    QCOMPARE(window.metricsPanel()->metricToolTip(QStringLiteral("PSNR")), QStringLiteral("test: constant"));
  }

  void languageSwitchesAtRunTime() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    QMenu* file = window.menuBar()->actions().first()->menu();
    QCOMPARE(file->title(), QStringLiteral("&File"));
    // Qt posts QEvent::LanguageChange to the windows: QTRY lets it arrive.
    QVERIFY(languages.setLanguage(QStringLiteral("de")));
    QTRY_COMPARE(file->title(), QStringLiteral("&Datei"));
    QCOMPARE(m_settings->language(), QStringLiteral("de"));
    QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
    QTRY_VERIFY(file->title().contains(QStringLiteral("文件")));
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QTRY_COMPARE(file->title(), QStringLiteral("&File"));
  }

  // Issue 18, defect 4: a damaged --model file was reported as "The fusion
  // model was not found"; the window must say what is wrong with it.
  void aBadModelFileIsReportedWithItsRealReason() {
    const QString broken = test::scratchDir() + QStringLiteral("/broken-model.pt");
    {
      QFile file(broken);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write("this is not a PyTorch weights file\n");
    }
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    EngineConfig config;
    config.model = broken.toStdString();
    config.device = DevicePreference::Cpu;
    window.startEngine(config);
    QTRY_VERIFY_WITH_TIMEOUT(!window.notices()->noticeText(QStringLiteral("model")).isEmpty(), kTimeoutMs);
    const QString notice = window.notices()->noticeText(QStringLiteral("model"));
    QVERIFY2(notice.contains(QStringLiteral("not a PyTorch weights file")), qPrintable(notice));
    QVERIFY2(!notice.contains(QStringLiteral("was not found")), qPrintable(notice));

    QSignalSpy failed(&window, &MainWindow::failed);
    window.openDemo(64);
    QTRY_VERIFY_WITH_TIMEOUT(failed.count() > 0, kTimeoutMs);
    QCOMPARE(failed.at(0).at(1).value<ErrorCode>(), ErrorCode::ModelInvalid);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("not a PyTorch weights file")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("was not found")), qPrintable(message));
  }

  void aboutNamesTheLicence() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    QVERIFY2(window.aboutText().contains(QStringLiteral("GPL-3.0-or-later")), qPrintable(window.aboutText()));
    QVERIFY(window.aboutText().contains(QStringLiteral("THIRD_PARTY.md")));
  }

  void shortcutsDialogListsEveryKey() {
    LanguageManager languages;
    MainWindow window(*m_settings, languages, {});
    ShortcutsDialog dialog(window.actions());
    int withKeys = 0;
    for (QAction* action : window.actions()) withKeys += action->shortcuts().isEmpty() ? 0 : 1;
    QCOMPARE(dialog.rowCount(), withKeys);
    QVERIFY(withKeys >= 50);
    // No two commands share a key.
    QSet<QString> keys;
    for (QAction* action : window.actions()) {
      for (const QKeySequence& key : action->shortcuts()) {
        const QString text = key.toString();
        QVERIFY2(!keys.contains(text), qPrintable(text));
        keys.insert(text);
      }
    }
  }

 private:
  void startEngine(MainWindow& window) {
    EngineConfig config;
    config.model = test::randomModelDir().toStdString();
    config.device = DevicePreference::Cpu;
    window.startEngine(config);
  }

  std::unique_ptr<QSettings> m_store;
  std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(MainWindowTest)
#include "MainWindowTest.moc"
