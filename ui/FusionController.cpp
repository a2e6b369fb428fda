// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/FusionController.h"

#include <QMetaObject>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "ui/FusionWorker.h"

namespace edgefuse::ui {
namespace {

bool sameOptions(const FusionOptions& x, const FusionOptions& y) {
  return x.method == y.method && x.strategy == y.strategy && x.bnMode == y.bnMode && x.normalization == y.normalization;
}

// Niceness of the fusion threads (Linux; elsewhere QThread::LowPriority).
constexpr int kWorkerNiceness = 10;

void lowerCurrentThreadPriority() {
#ifdef __linux__
  // On Linux, niceness is per thread; QThread priorities do not change it.
  const auto tid = static_cast<id_t>(syscall(SYS_gettid));
  setpriority(PRIO_PROCESS, tid, kWorkerNiceness);
#else
  QThread::currentThread()->setPriority(QThread::LowPriority);
#endif
}

void registerMetaTypes() {
  qRegisterMetaType<edgefuse::Error>("edgefuse::Error");
  qRegisterMetaType<FusionOutcome>("edgefuse::ui::FusionOutcome");
  qRegisterMetaType<ComparisonOutcome>("edgefuse::ui::ComparisonOutcome");
  qRegisterMetaType<SeriesOutcome>("edgefuse::ui::SeriesOutcome");
  qRegisterMetaType<EngineStatus>("edgefuse::ui::EngineStatus");
  qRegisterMetaType<JobKind>("edgefuse::ui::JobKind");
}

}  // namespace

FusionController::FusionController(Services services, QObject* parent)
    : QObject(parent), m_services(std::move(services)) {
  registerMetaTypes();
  m_thread.setObjectName(QStringLiteral("edgefuse-fusion"));
  m_worker = new FusionWorker(m_services);
  m_worker->moveToThread(&m_thread);
  connect(m_worker, &FusionWorker::engineReady, this, [this](const EngineStatus& status) {
    m_status = status;
    emit engineReady(status);
  });
  connect(m_worker, &FusionWorker::engineFailed, this, &FusionController::engineFailed);
  connect(m_worker, &FusionWorker::engineWarmedUp, this, &FusionController::engineWarmedUp);
  connect(m_worker, &FusionWorker::jobProgressed, this, &FusionController::onWorkerProgressed);
  connect(m_worker, &FusionWorker::fusionFinished, this, &FusionController::onWorkerFusionFinished);
  connect(m_worker, &FusionWorker::comparisonFinished, this, &FusionController::onWorkerComparisonFinished);
  connect(m_worker, &FusionWorker::seriesFinished, this, [this](const SeriesOutcome& outcome) {
    if (outcome.id != m_seriesId) {
      ++m_staleDropped;
      return;
    }
    m_seriesId = 0;
    emit seriesFinished(outcome);
  });
  connect(m_worker, &FusionWorker::jobFailed, this, &FusionController::onWorkerJobFailed);
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(300);
  connect(&m_debounce, &QTimer::timeout, this, [this] { fuseNow(); });
}

FusionController::~FusionController() {
  m_debounce.stop();
  m_worker->cancelAll();
  m_thread.quit();
  m_thread.wait();
  // The thread has finished: the worker (and the engine) can go from here.
  delete m_worker;
}

void FusionController::start(const EngineConfig& config, bool warmUp) {
  if (!m_thread.isRunning()) {
    m_thread.start();
    // Fusion is background work: the worker thread runs at a lower CPU
    // priority, and so do the LibTorch threads it creates (they inherit it),
    // so that the GUI thread wins the CPU whenever it has something to do.
    QMetaObject::invokeMethod(
        m_worker, [] { lowerCurrentThreadPriority(); }, Qt::QueuedConnection);
  }
  restartEngine(config, warmUp);
}

void FusionController::restartEngine(const EngineConfig& config, bool warmUp) {
  m_status.reset();
  FusionWorker* worker = m_worker;
  QMetaObject::invokeMethod(
      m_worker, [worker, config, warmUp] { worker->initialise(config, warmUp); }, Qt::QueuedConnection);
}

void FusionController::setPair(const Image& a, const Image& b) {
  m_a = a;
  m_b = b;
  m_hasPair = true;
  if (m_comparing) {
    m_worker->cancel(m_comparisonId);
    m_comparisonId = 0;
    setComparing(false);
  }
  fuseNow();
}

void FusionController::clearPair() {
  m_debounce.stop();
  m_hasPair = false;
  m_a = Image();
  m_b = Image();
  cancel();
}

void FusionController::setOptions(const FusionOptions& options) {
  if (sameOptions(options, m_options)) return;
  m_options = options;
  if (m_hasPair) m_debounce.start();
}

FusionJob FusionController::makeJob(JobKind kind) {
  FusionJob job;
  job.id = m_nextId++;
  job.kind = kind;
  job.a = m_a;
  job.b = m_b;
  job.options = m_options;
  return job;
}

quint64 FusionController::fuseNow() {
  m_debounce.stop();
  if (!m_hasPair) return 0;
  FusionJob job = makeJob(JobKind::Fuse);
  m_fusionId = job.id;
  m_worker->submit(std::move(job));
  setFusing(true);
  emit fusionStarted(m_fusionId);
  return m_fusionId;
}

quint64 FusionController::compareMethods() {
  if (!m_hasPair) return 0;
  FusionJob job = makeJob(JobKind::CompareMethods);
  job.withClassifier = false;
  m_comparisonId = job.id;
  m_worker->submit(std::move(job));
  setComparing(true);
  emit comparisonStarted(m_comparisonId);
  return m_comparisonId;
}

quint64 FusionController::fuseSeries(std::vector<std::pair<Image, Image>> slices) {
  if (m_seriesId != 0) m_worker->cancel(m_seriesId);
  FusionJob job;
  job.id = m_nextId++;
  job.kind = JobKind::FuseSeries;
  job.options = m_options;
  job.withMetrics = false;
  job.withClassifier = false;
  job.slices = std::move(slices);
  m_seriesId = job.id;
  m_worker->submit(std::move(job));
  return m_seriesId;
}

void FusionController::cancel() {
  m_debounce.stop();
  if (m_fusing) m_worker->cancel(m_fusionId);
  if (m_comparing) m_worker->cancel(m_comparisonId);
}

void FusionController::cancelSeries() {
  if (m_seriesId != 0) m_worker->cancel(m_seriesId);
}

void FusionController::cancelComparison() {
  if (m_comparing) m_worker->cancel(m_comparisonId);
}

void FusionController::onWorkerProgressed(quint64 id, const QString& stage, double fraction) {
  if (id == m_fusionId && m_fusing) {
    emit fusionProgressed(id, stage, fraction);
  } else if (id == m_comparisonId && m_comparing) {
    emit comparisonProgressed(id, fraction);
  } else if (id == m_seriesId && m_seriesId != 0) {
    emit seriesProgressed(id, fraction);
  }
}

void FusionController::onWorkerFusionFinished(const FusionOutcome& outcome) {
  if (outcome.id != m_fusionId) {
    ++m_staleDropped;
    return;
  }
  setFusing(false);
  emit fusionFinished(outcome);
}

void FusionController::onWorkerComparisonFinished(const ComparisonOutcome& outcome) {
  if (outcome.id != m_comparisonId) {
    ++m_staleDropped;
    return;
  }
  setComparing(false);
  emit comparisonFinished(outcome);
}

void FusionController::onWorkerJobFailed(quint64 id, JobKind kind, const Error& error) {
  if (kind == JobKind::Fuse) {
    if (id != m_fusionId) {
      ++m_staleDropped;
      return;
    }
    setFusing(false);
    emit fusionFailed(id, error);
  } else if (kind == JobKind::FuseSeries) {
    if (id != m_seriesId) {
      ++m_staleDropped;
      return;
    }
    m_seriesId = 0;
    emit seriesFailed(id, error);
  } else {
    if (id != m_comparisonId) {
      ++m_staleDropped;
      return;
    }
    setComparing(false);
    emit comparisonFailed(id, error);
  }
}

void FusionController::setFusing(bool fusing) {
  if (fusing == m_fusing) return;
  const bool wasBusy = m_fusing || m_comparing;
  m_fusing = fusing;
  if (wasBusy != (m_fusing || m_comparing)) emit busyChanged(m_fusing || m_comparing);
}

void FusionController::setComparing(bool comparing) {
  if (comparing == m_comparing) return;
  const bool wasBusy = m_fusing || m_comparing;
  m_comparing = comparing;
  if (wasBusy != (m_fusing || m_comparing)) emit busyChanged(m_fusing || m_comparing);
}

}  // namespace edgefuse::ui
