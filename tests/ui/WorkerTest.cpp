// SPDX-License-Identifier: GPL-3.0-or-later
// The fusion worker thread and its controller: one engine, request ids,
// newest-wins, cancel, stale results dropped, errors as messages, debounce,
// the method comparison and the metrics/classifier seams.

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "UiTestSupport.h"
#include "core/image/Phantom.h"
#include "ui/ErrorText.h"
#include "ui/FusionController.h"
#include "ui/FusionWorker.h"

using namespace edgefuse;
using namespace edgefuse::ui;

namespace {

constexpr int kEngineTimeoutMs = 120000;
constexpr int kFusionTimeoutMs = 180000;

EngineConfig cpuConfig(const QString& model) {
  EngineConfig config;
  config.model = model.toStdString();
  config.device = DevicePreference::Cpu;
  return config;
}

// A real (simple) metric for plumbing tests: the mean of the fused luma.
Services servicesWithMeanMetric() {
  Services services;
  services.metrics.compute = [](const FusionResult& r) -> Expected<MetricValues> {
    double sum = 0.0;
    for (float v : r.fusedLuma.pixels) sum += v;
    return MetricValues{{"mean", sum / static_cast<double>(r.fusedLuma.pixels.size())}};
  };
  services.metrics.conventions = {{"mean", "mean of the fused luma in [0,1]"}};
  return services;
}

}  // namespace

class WorkerTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    m_model = test::randomModelDir();
    QVERIFY2(!m_model.isEmpty(), "could not write the random model");
  }

  void init() { test::failOnAnyWarning(); }

  void ownsOneEngineOnANamedThread() {
    FusionController controller({});
    QSignalSpy ready(&controller, &FusionController::engineReady);
    controller.start(cpuConfig(m_model));
    QTRY_VERIFY_WITH_TIMEOUT(controller.isEngineReady(), kEngineTimeoutMs);
    QCOMPARE(ready.count(), 1);
    const EngineStatus& status = *controller.engineStatus();
    QVERIFY(status.hasModel);
    QCOMPARE(status.modelName, std::string("random-eh-dran"));
    QCOMPARE(status.deviceType, std::string("cpu"));
    QVERIFY(QString::fromStdString(status.device).startsWith(QStringLiteral("cpu (")));
    QThread* thread = controller.worker()->thread();
    QVERIFY(thread != QThread::currentThread());
    QCOMPARE(thread->objectName(), QStringLiteral("edgefuse-fusion"));
  }

  // The warm-up fuses a phantom once in the background: no outcome, no id,
  // and the first real fusion afterwards is an ordinary one.
  void warmUpRunsOnceAndShowsNothing() {
    FusionController controller({});
    QSignalSpy warmed(&controller, &FusionController::engineWarmedUp);
    QSignalSpy started(&controller, &FusionController::fusionStarted);
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    controller.start(cpuConfig(m_model), /*warmUp=*/true);
    QTRY_COMPARE_WITH_TIMEOUT(warmed.count(), 1, kFusionTimeoutMs);
    QCOMPARE(warmed.at(0).at(0).toBool(), true);
    QVERIFY(warmed.at(0).at(1).toDouble() > 0.0);
    QCOMPARE(started.count(), 0);
    QCOMPARE(finished.count(), 0);
    const PhantomPair p = makeHeadPhantom(64);
    controller.setPair(p.mri, p.ct);
    const quint64 id = controller.currentFusionId();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FusionOutcome>().id, id);
    QCOMPARE(warmed.count(), 1);
  }

  // A pair that is waiting when the engine is ready is fused at once,
  // without a warm-up; one that comes during the warm-up cancels it at its
  // next stage (or finds it done) and is fused with its own id.
  void waitingWorkComesBeforeTheWarmUp() {
    const PhantomPair p = makeHeadPhantom(64);
    {
      FusionController controller({});
      QSignalSpy warmed(&controller, &FusionController::engineWarmedUp);
      QSignalSpy finished(&controller, &FusionController::fusionFinished);
      controller.setPair(p.mri, p.ct);
      controller.start(cpuConfig(m_model), /*warmUp=*/true);
      QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
      QCOMPARE(warmed.count(), 0);
    }
    FusionController controller({});
    QSignalSpy warmed(&controller, &FusionController::engineWarmedUp);
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    QSignalSpy failed(&controller, &FusionController::fusionFailed);
    connect(&controller, &FusionController::engineReady, this, [&controller, &p] { controller.setPair(p.mri, p.ct); });
    controller.start(cpuConfig(m_model), /*warmUp=*/true);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FusionOutcome>().id, controller.currentFusionId());
    QCOMPARE(failed.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(warmed.count(), 1, kFusionTimeoutMs);
    qInfo("warm-up %s after %.0f ms", warmed.at(0).at(0).toBool() ? "completed" : "cancelled",
          warmed.at(0).at(1).toDouble());
  }

  // A series fusion (for a series export) fuses every slice pair in order,
  // with progress over all slices.
  void seriesFusesEverySliceInOrder() {
    FusionController controller({});
    controller.start(cpuConfig(m_model));
    QSignalSpy finished(&controller, &FusionController::seriesFinished);
    QSignalSpy progressed(&controller, &FusionController::seriesProgressed);
    std::vector<std::pair<Image, Image>> slices;
    for (int size : {32, 48, 64}) {
      const PhantomPair p = makeHeadPhantom(size);
      slices.emplace_back(p.mri, p.ct);
    }
    const quint64 id = controller.fuseSeries(slices);
    QVERIFY(controller.isFusingSeries());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    const auto outcome = finished.at(0).at(0).value<SeriesOutcome>();
    QCOMPARE(outcome.id, id);
    QCOMPARE(outcome.results.size(), std::size_t(3));
    QCOMPARE(outcome.results[0].fused.width, 32);
    QCOMPARE(outcome.results[1].fused.width, 48);
    QCOMPARE(outcome.results[2].fused.width, 64);
    QVERIFY(!controller.isFusingSeries());
    QVERIFY(progressed.count() >= 3);
    double last = 0.0;
    for (const auto& args : progressed) {
      const double f = args.at(1).toDouble();
      QVERIFY(f >= last && f <= 1.0);
      last = f;
    }
  }

  // A series fusion that has not started yet (no engine) ends at once when
  // cancelled, so that an export waiting for it never hangs.
  void aQueuedSeriesEndsWhenCancelled() {
    FusionController controller({});
    QSignalSpy failed(&controller, &FusionController::seriesFailed);
    const PhantomPair p = makeHeadPhantom(32);
    const quint64 id = controller.fuseSeries({{p.mri, p.ct}});
    controller.cancelSeries();
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<quint64>(), id);
    QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::Cancelled);
    QVERIFY(!controller.isFusingSeries());
  }

  void newestRequestWinsAndIdsIncrease() {
    FusionController controller({});
    controller.start(cpuConfig(m_model));
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    QSignalSpy failed(&controller, &FusionController::fusionFailed);
    const PhantomPair p = makeHeadPhantom(64);
    controller.setPair(p.mri, p.ct);
    const quint64 first = controller.currentFusionId();
    const quint64 second = controller.fuseNow();
    QVERIFY(second > first);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(finished.at(0).at(0).value<FusionOutcome>().id, second);
    QVERIFY(!controller.isFusing());
  }

  void staleResultsAreDropped() {
    FusionController controller({});
    controller.start(cpuConfig(m_model));
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    const PhantomPair p = makeHeadPhantom(64);
    controller.setPair(p.mri, p.ct);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    // A result whose id is not the newest request (here: a job sent to the
    // worker behind the controller's back) must not reach the window.
    FusionJob stale;
    stale.id = controller.currentFusionId() + 1000;
    stale.a = p.mri;
    stale.b = p.ct;
    QSignalSpy workerFinished(controller.worker(), &FusionWorker::fusionFinished);
    controller.worker()->submit(stale);
    QTRY_COMPARE_WITH_TIMEOUT(workerFinished.count(), 1, kFusionTimeoutMs);
    QTRY_COMPARE(controller.staleResultsDropped(), 1);
    QCOMPARE(finished.count(), 1);
  }

  void cancelStopsTheRunningFusion() {
    FusionController controller({});
    controller.start(cpuConfig(m_model));
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    QSignalSpy failed(&controller, &FusionController::fusionFailed);
    QSignalSpy progressed(&controller, &FusionController::fusionProgressed);
    const PhantomPair p = makeHeadPhantom(256);
    controller.setPair(p.mri, p.ct);
    QTRY_VERIFY_WITH_TIMEOUT(progressed.count() >= 1, kEngineTimeoutMs);
    controller.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kFusionTimeoutMs);
    QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::Cancelled);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!controller.isFusing());
    QCOMPARE(errorSentence(ErrorCode::Cancelled), QStringLiteral("Cancelled."));
  }

  void errorsArriveAsTranslatedMessages() {
    FusionController controller({});
    controller.start(cpuConfig(m_model));
    QSignalSpy failed(&controller, &FusionController::fusionFailed);
    controller.setPair(makeHeadPhantom(64).mri, makeHeadPhantom(48).ct);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kFusionTimeoutMs);
    const Error error = failed.at(0).at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::SizeMismatch);
    const QString message = describeError(error);
    QVERIFY(message.startsWith(errorSentence(ErrorCode::SizeMismatch)));
    QVERIFY(message.contains(QStringLiteral("image sizes differ")));
  }

  void everyErrorCodeHasASentence() {
    QStringList seen;
    for (int c = 0; c <= static_cast<int>(ErrorCode::Internal); ++c) {
      const QString sentence = errorSentence(static_cast<ErrorCode>(c));
      QVERIFY2(!sentence.isEmpty(), errorCodeName(static_cast<ErrorCode>(c)));
      seen << sentence;
    }
    seen.removeDuplicates();
    QVERIFY(seen.size() >= static_cast<int>(ErrorCode::Internal));
  }

  void optionChangesRerunOnceAfterTheDebounce() {
    FusionController controller({});
    controller.setDebounceMs(80);
    controller.start(cpuConfig(m_model));
    QSignalSpy started(&controller, &FusionController::fusionStarted);
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    const PhantomPair p = makeHeadPhantom(64);
    controller.setPair(p.mri, p.ct);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    FusionOptions options;
    options.strategy = Strategy::Max;
    controller.setOptions(options);
    options.strategy = Strategy::Fer;
    controller.setOptions(options);
    controller.setOptions(options);  // unchanged: no new request
    QCOMPARE(started.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kFusionTimeoutMs);
    QCOMPARE(started.count(), 2);
    QCOMPARE(finished.at(1).at(0).value<FusionOutcome>().result.strategy, std::string("fer"));
  }

  void comparisonCoversEveryStrategyAndBaseline() {
    FusionController controller(servicesWithMeanMetric());
    controller.start(cpuConfig(m_model));
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    QSignalSpy compared(&controller, &FusionController::comparisonFinished);
    const PhantomPair p = makeHeadPhantom(48);
    controller.setPair(p.mri, p.ct);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    QVERIFY(finished.at(0).at(0).value<FusionOutcome>().metrics.count("mean"));
    const quint64 id = controller.compareMethods();
    QVERIFY(id > controller.currentFusionId());
    QTRY_COMPARE_WITH_TIMEOUT(compared.count(), 1, kFusionTimeoutMs);
    const auto outcome = compared.at(0).at(0).value<ComparisonOutcome>();
    QCOMPARE(outcome.id, id);
    QCOMPARE(outcome.rows.size(), allStrategies().size() + 3);
    QCOMPARE(outcome.rows.back().label, std::string("laplacian"));
    for (const auto& row : outcome.rows) QVERIFY(row.metrics.count("mean"));
  }

  void classifierSeamFeedsTheOutcome() {
    Services services;
    services.classifier.classify = [](const Image& image, ClassifiedImage) -> Expected<Classification> {
      double sum = 0.0;
      for (float v : image.pixels) sum += v;
      const double mean = sum / static_cast<double>(image.pixels.size());
      Classification c;
      c.classes = {{"bright", mean}, {"dark", 1.0 - mean}};
      c.model = "test";
      return c;
    };
    FusionController controller(services);
    controller.start(cpuConfig(m_model));
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    const PhantomPair p = makeHeadPhantom(48);
    controller.setPair(p.mri, p.ct);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    const auto outcome = finished.at(0).at(0).value<FusionOutcome>();
    QVERIFY(outcome.classifier.has_value());
    QVERIFY(outcome.classifier->a && outcome.classifier->b && outcome.classifier->fused);
    QCOMPARE(outcome.classifier->fused->classes.size(), std::size_t(2));
    QVERIFY(outcome.metrics.empty());
    QVERIFY(!outcome.metricsError);
  }

  void withoutAModelOnlyTheBaselinesWork() {
    FusionController controller({});
    controller.start(cpuConfig(test::scratchDir() + QStringLiteral("/no-such-model")));
    QTRY_VERIFY_WITH_TIMEOUT(controller.isEngineReady(), kEngineTimeoutMs);
    QVERIFY(!controller.engineStatus()->hasModel);
    QVERIFY(controller.engineStatus()->modelError.has_value());
    QCOMPARE(controller.engineStatus()->modelError->code, ErrorCode::ModelNotFound);
    QSignalSpy failed(&controller, &FusionController::fusionFailed);
    QSignalSpy finished(&controller, &FusionController::fusionFinished);
    const PhantomPair p = makeHeadPhantom(48);
    controller.setPair(p.mri, p.ct);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kFusionTimeoutMs);
    QCOMPARE(failed.at(0).at(1).value<Error>().code, ErrorCode::ModelNotFound);
    FusionOptions laplacian;
    laplacian.method = Method::Laplacian;
    controller.setOptions(laplacian);
    controller.fuseNow();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kFusionTimeoutMs);
    QCOMPARE(finished.at(0).at(0).value<FusionOutcome>().result.method, std::string("laplacian"));
  }

 private:
  QString m_model;
};

QTEST_MAIN(WorkerTest)
#include "WorkerTest.moc"
