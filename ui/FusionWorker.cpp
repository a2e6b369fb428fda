// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/FusionWorker.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QMutexLocker>
#include <exception>
#include <utility>

#include "core/image/Phantom.h"

namespace edgefuse::ui {
namespace {

// Fractions of a Fuse job's progress bar: the fusion itself, then metrics,
// then the classifier.
constexpr double kFusionShare = 0.85;
constexpr double kMetricsShare = 0.10;

Error cancelledError() {
  return Error{ErrorCode::Cancelled, "cancelled", ""};
}

template <typename F>
auto guarded(F&& f) -> decltype(f()) {
  // Services are third-party seams: an exception must not cross the worker.
  try {
    return f();
  } catch (const std::exception& e) {
    return tl::unexpected(Error{ErrorCode::Internal, std::string("unexpected exception: ") + e.what(), ""});
  }
}

}  // namespace

FusionWorker::FusionWorker(Services services, QObject* parent) : QObject(parent), m_services(std::move(services)) {}

FusionWorker::~FusionWorker() = default;

void FusionWorker::initialise(const EngineConfig& config, bool warmUp) {
  m_engine.reset();
  m_engineError.reset();
  EngineConfig relaxed = config;
  // Without a model the classical methods still work; the UI says why the
  // network is unavailable.
  relaxed.requireModel = false;
  auto engine = Engine::create(relaxed);
  m_initialised = true;
  if (!engine) {
    m_engineError = engine.error();
    emit engineFailed(engine.error());
  } else {
    m_engine = std::move(*engine);
    EngineStatus status;
    status.device = m_engine->device().describe();
    status.deviceType = m_engine->device().type;
    status.deviceReason = m_engine->device().reason;
    status.hasModel = m_engine->hasModel();
    if (status.hasModel) {
      const ModelInfo& model = m_engine->model();
      status.modelDisplay = model.displayName();
      status.modelName = model.name;
      status.modelVersion = model.version;
      status.modelDescription = model.description;
    } else {
      status.modelError = m_engine->modelLoadError();
    }
    emit engineReady(status);
    if (warmUp) runWarmUp();
  }
  processPending();
}

void FusionWorker::runWarmUp() {
  {
    QMutexLocker lock(&m_mutex);
    if (m_pendingFuse || m_pendingCompare || m_pendingSeries) return;  // real work first: it warms the engine too
    m_warmingUp = true;
    m_cancelWarmUp = false;
  }
  QElapsedTimer timer;
  timer.start();
  const PhantomPair pair = makeHeadPhantom(256);
  auto fused = guarded([&]() -> Expected<FusionResult> {
    return m_engine->fuse(pair.mri, pair.ct, FusionOptions{}, {}, &m_cancelWarmUp);
  });
  {
    QMutexLocker lock(&m_mutex);
    m_warmingUp = false;
  }
  emit engineWarmedUp(static_cast<bool>(fused), static_cast<double>(timer.nsecsElapsed()) / 1e6);
}

void FusionWorker::submit(FusionJob job) {
  {
    QMutexLocker lock(&m_mutex);
    if (m_warmingUp) m_cancelWarmUp = true;
    if (job.kind == JobKind::Fuse) {
      if (m_runningFuse != 0) m_cancelFuse = true;
      m_pendingFuse = std::move(job);
    } else if (job.kind == JobKind::FuseSeries) {
      if (m_runningSeries != 0) m_cancelSeries = true;
      m_pendingSeries = std::move(job);
    } else {
      if (m_runningCompare != 0) m_cancelCompare = true;
      m_pendingCompare = std::move(job);
    }
  }
  QMetaObject::invokeMethod(this, &FusionWorker::processPending, Qt::QueuedConnection);
}

void FusionWorker::cancel(quint64 id) {
  bool droppedSeries = false;
  {
    QMutexLocker lock(&m_mutex);
    if (m_pendingFuse && m_pendingFuse->id == id) m_pendingFuse.reset();
    if (m_pendingCompare && m_pendingCompare->id == id) m_pendingCompare.reset();
    if (m_pendingSeries && m_pendingSeries->id == id) {
      m_pendingSeries.reset();
      droppedSeries = true;
    }
    if (m_runningFuse == id) m_cancelFuse = true;
    if (m_runningCompare == id) m_cancelCompare = true;
    if (m_runningSeries == id) m_cancelSeries = true;
  }
  // Whoever asked for a series fusion waits for its end (an export): say it.
  if (droppedSeries) emit jobFailed(id, JobKind::FuseSeries, cancelledError());
}

void FusionWorker::cancelAll() {
  std::optional<quint64> droppedSeries;
  {
    QMutexLocker lock(&m_mutex);
    m_pendingFuse.reset();
    m_pendingCompare.reset();
    if (m_pendingSeries) droppedSeries = m_pendingSeries->id;
    m_pendingSeries.reset();
    if (m_runningFuse != 0) m_cancelFuse = true;
    if (m_runningCompare != 0) m_cancelCompare = true;
    if (m_runningSeries != 0) m_cancelSeries = true;
    if (m_warmingUp) m_cancelWarmUp = true;
  }
  if (droppedSeries) emit jobFailed(*droppedSeries, JobKind::FuseSeries, cancelledError());
}

void FusionWorker::processPending() {
  if (!m_initialised) return;  // initialise() drains the queue when done
  for (;;) {
    if (runPendingFuse()) continue;
    std::optional<FusionJob> job;
    {
      QMutexLocker lock(&m_mutex);
      if (m_pendingCompare) {
        job = std::move(m_pendingCompare);
        m_pendingCompare.reset();
        m_runningCompare = job->id;
        m_cancelCompare = false;
      } else if (m_pendingSeries) {
        job = std::move(m_pendingSeries);
        m_pendingSeries.reset();
        m_runningSeries = job->id;
        m_cancelSeries = false;
      } else {
        return;
      }
    }
    if (job->kind == JobKind::CompareMethods) {
      runComparison(*job);
      QMutexLocker lock(&m_mutex);
      m_runningCompare = 0;
    } else {
      runSeries(*job);
      QMutexLocker lock(&m_mutex);
      m_runningSeries = 0;
    }
  }
}

bool FusionWorker::runPendingFuse() {
  std::optional<FusionJob> job;
  {
    QMutexLocker lock(&m_mutex);
    if (!m_pendingFuse) return false;
    job = std::move(m_pendingFuse);
    m_pendingFuse.reset();
    m_runningFuse = job->id;
    m_cancelFuse = false;
  }
  runFuse(*job);
  QMutexLocker lock(&m_mutex);
  m_runningFuse = 0;
  return true;
}

bool FusionWorker::startJob(quint64 id, JobKind kind) {
  emit jobStarted(id, kind);
  if (m_engine) return true;
  emit jobFailed(id, kind,
                 m_engineError.value_or(Error{ErrorCode::Internal, "the fusion engine is not available", ""}));
  return false;
}

void FusionWorker::runFuse(const FusionJob& job) {
  if (!startJob(job.id, JobKind::Fuse)) return;
  QElapsedTimer timer;
  timer.start();
  const quint64 id = job.id;
  auto progress = [this, id](const std::string& stage, double fraction) {
    emit jobProgressed(id, QString::fromStdString(stage), fraction * kFusionShare);
  };
  auto fused = guarded(
      [&]() -> Expected<FusionResult> { return m_engine->fuse(job.a, job.b, job.options, progress, &m_cancelFuse); });
  if (!fused) {
    emit jobFailed(id, JobKind::Fuse, fused.error());
    return;
  }
  FusionOutcome outcome;
  outcome.id = id;
  outcome.result = std::move(*fused);
  if (job.withMetrics && m_services.metrics.available()) {
    if (m_cancelFuse) {
      emit jobFailed(id, JobKind::Fuse, cancelledError());
      return;
    }
    emit jobProgressed(id, QStringLiteral("metrics"), kFusionShare);
    auto metrics = guarded([&]() -> Expected<MetricValues> { return m_services.metrics.compute(outcome.result); });
    if (metrics) {
      outcome.metrics = std::move(*metrics);
    } else {
      outcome.metricsError = metrics.error();
    }
  }
  if (job.withClassifier && m_services.classifier.available()) {
    if (m_cancelFuse) {
      emit jobFailed(id, JobKind::Fuse, cancelledError());
      return;
    }
    emit jobProgressed(id, QStringLiteral("classify"), kFusionShare + kMetricsShare);
    ClassifierOutcome classes;
    auto run = [this](const Image& image, ClassifiedImage which) {
      return guarded([&]() -> Expected<Classification> { return m_services.classifier.classify(image, which); });
    };
    auto a = run(outcome.result.inputA, ClassifiedImage::SourceA);
    auto b = a ? run(outcome.result.inputB, ClassifiedImage::SourceB) : a;
    auto f = b ? run(outcome.result.fusedLuma, ClassifiedImage::Fused) : b;
    if (a && b && f) {
      classes.a = std::move(*a);
      classes.b = std::move(*b);
      classes.fused = std::move(*f);
    } else {
      classes.error = !a ? a.error() : (!b ? b.error() : f.error());
    }
    outcome.classifier = std::move(classes);
  }
  if (m_cancelFuse) {
    emit jobFailed(id, JobKind::Fuse, cancelledError());
    return;
  }
  outcome.jobMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  emit jobProgressed(id, QStringLiteral("done"), 1.0);
  emit fusionFinished(outcome);
}

void FusionWorker::runComparison(const FusionJob& job) {
  if (!startJob(job.id, JobKind::CompareMethods)) return;
  std::vector<MethodScore> plan;
  if (m_engine->hasModel()) {
    for (Strategy s : allStrategies()) {
      MethodScore row;
      row.options = job.options;
      row.options.method = Method::Network;
      row.options.strategy = s;
      row.label = std::string("network · ") + strategyName(s);
      plan.push_back(row);
    }
  }
  for (Method m : {Method::Average, Method::Max, Method::Laplacian}) {
    MethodScore row;
    row.options = job.options;
    row.options.method = m;
    row.label = methodName(m);
    plan.push_back(row);
  }
  ComparisonOutcome outcome;
  outcome.id = job.id;
  outcome.device = m_engine->device().describe();
  outcome.model = m_engine->hasModel() ? m_engine->model().displayName() : "none";
  const double n = static_cast<double>(plan.size());
  for (std::size_t i = 0; i < plan.size(); ++i) {
    // The main fusion has priority: run a queued one before the next step.
    while (runPendingFuse()) {
    }
    if (m_cancelCompare) {
      emit jobFailed(job.id, JobKind::CompareMethods, cancelledError());
      return;
    }
    MethodScore& row = plan[i];
    emit jobProgressed(job.id, QStringLiteral("compare"), static_cast<double>(i) / n);
    auto fused = guarded(
        [&]() -> Expected<FusionResult> { return m_engine->fuse(job.a, job.b, row.options, {}, &m_cancelCompare); });
    if (!fused) {
      emit jobFailed(job.id, JobKind::CompareMethods, fused.error());
      return;
    }
    row.ms = fused->totalMs;
    if (m_services.metrics.available()) {
      auto metrics = guarded([&]() -> Expected<MetricValues> { return m_services.metrics.compute(*fused); });
      if (!metrics) {
        emit jobFailed(job.id, JobKind::CompareMethods, metrics.error());
        return;
      }
      row.metrics = std::move(*metrics);
    }
    outcome.rows.push_back(row);
  }
  emit jobProgressed(job.id, QStringLiteral("done"), 1.0);
  emit comparisonFinished(outcome);
}

void FusionWorker::runSeries(const FusionJob& job) {
  if (!startJob(job.id, JobKind::FuseSeries)) return;
  SeriesOutcome outcome;
  outcome.id = job.id;
  const double n = static_cast<double>(job.slices.size());
  for (std::size_t i = 0; i < job.slices.size(); ++i) {
    // The fusion the user is looking at comes first.
    while (runPendingFuse()) {
    }
    if (m_cancelSeries) {
      emit jobFailed(job.id, JobKind::FuseSeries, cancelledError());
      return;
    }
    const double done = static_cast<double>(i);
    auto progress = [this, &job, done, n](const std::string&, double fraction) {
      emit jobProgressed(job.id, QStringLiteral("series"), (done + fraction) / n);
    };
    const auto& [a, b] = job.slices[i];
    auto fused = guarded(
        [&]() -> Expected<FusionResult> { return m_engine->fuse(a, b, job.options, progress, &m_cancelSeries); });
    if (!fused) {
      Error error = fused.error();
      if (error.code != ErrorCode::Cancelled) error.message = "slice " + std::to_string(i + 1) + ": " + error.message;
      emit jobFailed(job.id, JobKind::FuseSeries, error);
      return;
    }
    outcome.results.push_back(std::move(*fused));
  }
  emit seriesFinished(outcome);
}

}  // namespace edgefuse::ui
