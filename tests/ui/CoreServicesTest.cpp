// SPDX-License-Identifier: GPL-3.0-or-later
// The workstation with the real services of core/ (makeCoreServices): every
// metric of core/metrics in the panel and overlay, the shipped tumour
// classifier with its out-of-distribution notes, saliency overlays and model
// card, and the derived DICOM export read back with core/io.

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <random>
#include <set>

#include "UiTestSupport.h"
#include "core/base/Paths.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"
#include "core/metrics/MetricCatalogue.h"
#include "ui/ClassifierChart.h"
#include "ui/CoreServices.h"
#include "ui/FusedView.h"
#include "ui/ImageView.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/MetricsPanel.h"
#include "ui/Settings.h"

using namespace edgefuse;
using namespace edgefuse::ui;

namespace {

constexpr int kTimeoutMs = 300000;

}  // namespace

class CoreServicesTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(!test::randomModelDir().isEmpty());
    if (!findShippedModel("tumor-classifier")) {
      QSKIP("the shipped tumour classifier (resources/models/tumor-classifier) is not found");
    }
  }

  void init() {
    test::failOnAnyWarning();
    m_store = std::make_unique<QSettings>(test::scratchDir() + QStringLiteral("/services.ini"), QSettings::IniFormat);
    m_store->clear();
    m_settings = std::make_unique<Settings>(m_store.get());
  }

  void cleanup() {
    m_settings.reset();
    m_store.reset();
  }

  // A noise image (no anatomy at all) loaded as source A: the service flags
  // it whatever its kind, and the tab says so in the user's words.
  void noiseIsSaidToShowNoStructure() {
    const Services services = makeCoreServices();
    QVERIFY(services.classifier.available());
    Image noise(128, 128, 1);
    std::mt19937 rng(3);
    std::bernoulli_distribution white(0.5);
    for (auto& v : noise.pixels) v = white(rng) ? 1.0f : 0.0f;
    auto flagged = services.classifier.classify(noise, ClassifiedImage::SourceA);
    QVERIFY2(flagged, flagged ? "" : flagged.error().message.c_str());
    QVERIFY(flagged->noStructure);
    QVERIFY(flagged->outOfDistribution);
    auto phantom = services.classifier.classify(makeHeadPhantom(128).mri, ClassifiedImage::SourceA);
    QVERIFY(phantom);
    QVERIFY(!phantom->noStructure);

    ClassifierChart chart;
    chart.setServiceAvailable(true);
    ClassifierOutcome outcome;
    outcome.a = *flagged;
    outcome.b = *phantom;
    outcome.fused = *phantom;
    chart.setOutcome(outcome);
    QVERIFY(chart.scopeText().contains(QStringLiteral("A (anatomical): shows no structure")));
    QVERIFY(!chart.scopeText().contains(QStringLiteral("B (second image)")));
  }

  // A pair of DICOM series (three real head-CT slices as A and as B): the
  // whole fused series goes out as one derived DICOM series.
  void fusedSeriesIsExportedAsOneDicomSeries() {
    const auto shared = findSharedDir();
    if (!shared) QSKIP("needs the shared research data at ../shared (or $EDGEFUSE_SHARED_DIR); absent");
    const QString head = QString::fromStdString(*shared) + QStringLiteral("/data/dicom/slicer-ct-head");
    if (!QFile::exists(head + QStringLiteral("/CTHead40.dcm"))) QSKIP("no data/dicom/slicer-ct-head in ../shared");
    const QString root = test::scratchDir() + QStringLiteral("/series-pair");
    QDir(root).removeRecursively();
    for (const QString& side : {QStringLiteral("a"), QStringLiteral("b")}) {
      QVERIFY(QDir().mkpath(root + QLatin1Char('/') + side));
      for (int i : {40, 41, 42}) {
        const QString name = QStringLiteral("/CTHead%1.dcm").arg(i);
        QVERIFY(QFile::copy(head + name, root + QLatin1Char('/') + side + name));
      }
    }
    LanguageManager languages;
    MainWindow window(*m_settings, languages, makeCoreServices());
    window.resize(1366, 768);
    window.show();
    FusionOptions options;
    options.method = Method::Average;  // the series export, not the network, is under test
    window.setFusionOptions(options);
    EngineConfig config;
    config.model = test::randomModelDir().toStdString();
    config.device = DevicePreference::Cpu;
    window.startEngine(config);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openPair(root + QStringLiteral("/a"), root + QStringLiteral("/b"));
    QVERIFY(displayed.wait(kTimeoutMs));

    const QString out = root + QStringLiteral("/fused");
    auto written = window.exportDicomSeriesTo(out, false, /*anonymize=*/true);
    QVERIFY(QTest::qWaitFor([&] { return written.isFinished(); }, kTimeoutMs));
    QVERIFY2(written.result().has_value(), written.result() ? "" : written.result().error().message.c_str());
    QCOMPARE(QDir(out).entryList(QDir::Files).size(), 3);
    auto series = readImageSeries(out.toStdString());
    QVERIFY2(series.has_value(), series ? "" : series.error().message.c_str());
    QCOMPARE(series->size(), std::size_t(3));
    std::set<std::string> sops;
    for (const Image& slice : series->slices) {
      QCOMPARE(slice.meta.identity.seriesInstanceUid, series->slices[0].meta.identity.seriesInstanceUid);
      sops.insert(slice.meta.identity.sopInstanceUid);
    }
    QCOMPARE(sops.size(), std::size_t(3));
    auto source = readImage(QString(head + QStringLiteral("/CTHead40.dcm")).toStdString());
    QVERIFY(source.has_value());
    QVERIFY(series->slices[0].meta.identity.studyInstanceUid != source->meta.identity.studyInstanceUid);
    // A second export to the same folder is refused, never written over.
    auto again = window.exportDicomSeriesTo(out, false, true);
    QVERIFY(QTest::qWaitFor([&] { return again.isFinished(); }, kTimeoutMs));
    QVERIFY(!again.result().has_value());
    QCOMPARE(again.result().error().code, ErrorCode::OutputExists);
    QDir(root).removeRecursively();
  }

  void demoShowsMetricsClassifierSaliencyAndExportsDicom() {
    LanguageManager languages;
    const Services services = makeCoreServices();
    QVERIFY(services.metrics.available() && services.classifier.available() && services.dicomExport);
    QVERIFY(QFile::exists(QString::fromStdString(services.classifier.modelCardPath)));
    MainWindow window(*m_settings, languages, services);
    window.resize(1366, 768);
    window.show();
    EngineConfig config;
    config.model = test::randomModelDir().toStdString();
    config.device = DevicePreference::Cpu;
    window.startEngine(config);
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    window.openDemo(128);
    QVERIFY(displayed.wait(kTimeoutMs));
    const FusionOutcome& outcome = *window.currentOutcome();

    // Every metric of the catalogue (but the full-precision variants, which
    // the GUI does not compute), finite, listed in the panel.
    QVERIFY2(!outcome.metricsError, outcome.metricsError ? outcome.metricsError->message.c_str() : "");
    int shown = 0;
    for (const MetricInfo& info : metricCatalogue()) {
      if (isFullPrecisionKey(info.key)) continue;
      ++shown;
      const auto it = outcome.metrics.find(info.key);
      QVERIFY2(it != outcome.metrics.end(), info.key);
      QVERIFY2(std::isfinite(it->second), info.key);
    }
    QCOMPARE(window.metricsPanel()->metricRowCount(), shown);

    // The classifier ran on A, B and the fused image; probabilities sum to 1.
    QVERIFY(outcome.classifier.has_value());
    QVERIFY2(!outcome.classifier->error, outcome.classifier->error ? outcome.classifier->error->message.c_str() : "");
    for (const auto* result : {&outcome.classifier->a, &outcome.classifier->b, &outcome.classifier->fused}) {
      QVERIFY(result->has_value());
      QCOMPARE((*result)->classes.size(), std::size_t(4));
      double sum = 0.0;
      for (const auto& c : (*result)->classes) sum += c.probability;
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
      QVERIFY((*result)->saliency.has_value());
      QCOMPARE((*result)->saliency->width, 128);
    }
    QVERIFY(!outcome.classifier->a->outOfDistribution);  // an MRI-like source
    QVERIFY(outcome.classifier->b->outOfDistribution);   // a CT-like source
    QVERIFY(outcome.classifier->fused->outOfDistribution);
    ClassifierChart* chart = window.classifierChart();
    QCOMPARE(chart->page(), 3);
    QVERIFY(chart->scopeText().contains(QStringLiteral("Fused")));
    QVERIFY(!chart->scopeText().contains(QStringLiteral("A (anatomical)")));
    QVERIFY(std::abs(chart->probability(2, 0) - outcome.classifier->fused->classes[0].probability) < 1e-9);

    // The saliency overlay: off by default, Shift+G puts it on every view.
    QAction* saliency = test::actionWithShortcut(&window, QKeySequence(Qt::SHIFT | Qt::Key_G));
    QVERIFY(saliency && saliency->isEnabled() && !saliency->isChecked());
    for (ImageView* view : {window.viewA(), window.viewB(), static_cast<ImageView*>(window.fusedView())}) {
      QVERIFY(view->hasHeatOverlay());
      QVERIFY(!view->heatOverlayVisible());
    }
    const QImage before = window.viewA()->grab().toImage();
    saliency->trigger();
    for (ImageView* view : {window.viewA(), window.viewB(), static_cast<ImageView*>(window.fusedView())}) {
      QVERIFY(view->heatOverlayVisible());
    }
    QVERIFY(window.viewA()->grab().toImage() != before);
    // For looking at it: EDGEFUSE_TEST_SCREENSHOTS=DIR saves the window with
    // the classifier tab and the saliency overlay.
    if (const QString dir = qEnvironmentVariable("EDGEFUSE_TEST_SCREENSHOTS"); !dir.isEmpty()) {
      for (auto* tabs : window.findChildren<QTabWidget*>()) {
        for (int i = 0; i < tabs->count(); ++i) {
          if (tabs->widget(i)->isAncestorOf(chart)) tabs->setCurrentIndex(i);
        }
      }
      QTest::qWait(300);
      QVERIFY(window.grab().save(dir + QStringLiteral("/classifier-saliency.png")));
    }

    // The model card, one click away.
    chart->showModelCard();
    auto* card = window.findChild<QDialog*>(QStringLiteral("modelCard"));
    QVERIFY(card);
    QVERIFY(card->findChild<QTextBrowser*>()->toPlainText().contains(QStringLiteral("accuracy"), Qt::CaseInsensitive));
    card->close();

    // DICOM export: a Secondary Capture in a new series; never over an existing file.
    const QString dcm = test::scratchDir() + QStringLiteral("/fused.dcm");
    QFile::remove(dcm);
    auto written = window.exportDicomTo(dcm, false, false);
    QVERIFY(QTest::qWaitFor([&] { return written.isFinished(); }, 60000));
    QVERIFY2(written.result().has_value(), written.result() ? "" : written.result().error().message.c_str());
    auto back = readImage(dcm.toStdString());
    QVERIFY2(back.has_value(), back ? "" : back.error().message.c_str());
    QCOMPARE(back->width, 128);
    QCOMPARE(back->meta.identity.sopClassUid, std::string("1.2.840.10008.5.1.4.1.1.7"));
    QVERIFY(!back->meta.identity.seriesInstanceUid.empty());
    auto again = window.exportDicomTo(dcm, false, true);
    QVERIFY(QTest::qWaitFor([&] { return again.isFinished(); }, 60000));
    QVERIFY(!again.result().has_value());
    QCOMPARE(again.result().error().code, ErrorCode::OutputExists);
  }

 private:
  std::unique_ptr<QSettings> m_store;
  std::unique_ptr<Settings> m_settings;
};

QTEST_MAIN(CoreServicesTest)
#include "CoreServicesTest.moc"
