// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMutex>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>

#include "core/fusion/Engine.h"
#include "ui/FusionJob.h"
#include "ui/Services.h"

namespace edgefuse::ui {

/// The one long-lived fusion worker. Lives on its own QThread (see
/// FusionController), owns the Engine (created once, so the model is loaded
/// once) and runs jobs one at a time. The newest job of a kind supersedes a
/// queued one and cancels a running one (cooperatively, between stages). A
/// method comparison lets queued fusions run between its steps, so the main
/// fusion never waits for a whole comparison; a series fusion (for an
/// export) does the same between its slices. Only value snapshots cross
/// threads; no exception leaves the worker.
class FusionWorker : public QObject {
  Q_OBJECT
 public:
  explicit FusionWorker(Services services, QObject* parent = nullptr);
  ~FusionWorker() override;

  /// Creates the engine. Worker thread only (invoke it queued). With
  /// `warmUp`, and when no job is waiting, it then fuses a built-in 256×256
  /// phantom pair once with the default options and discards the result, so
  /// that the user's first fusion does not pay for the one-time set-up
  /// (kernel creation, heap growth: about 2.6 s instead of 0.65 s on 2
  /// cores). A job submitted meanwhile cancels the warm-up at its next stage.
  void initialise(const edgefuse::EngineConfig& config, bool warmUp = false);

  /// Queues a job. Thread-safe: call from any thread.
  void submit(FusionJob job);
  /// Cancels the job with `id` if queued or running. Thread-safe. A queued
  /// series fusion that is dropped reports jobFailed (Cancelled) at once.
  void cancel(quint64 id);
  /// Cancels every queued and running job and the warm-up. Thread-safe.
  void cancelAll();

 signals:
  void engineReady(const edgefuse::ui::EngineStatus& status);
  void engineFailed(const edgefuse::Error& error);
  void jobStarted(quint64 id, edgefuse::ui::JobKind kind);
  /// `stage` is an engine stage ("prepare", "encode", "fuse", "decode") or
  /// "metrics", "classify", "compare"; `fraction` is overall, in [0,1].
  void jobProgressed(quint64 id, const QString& stage, double fraction);
  void fusionFinished(const edgefuse::ui::FusionOutcome& outcome);
  void comparisonFinished(const edgefuse::ui::ComparisonOutcome& outcome);
  void seriesFinished(const edgefuse::ui::SeriesOutcome& outcome);
  /// A job failed or was cancelled (ErrorCode::Cancelled).
  void jobFailed(quint64 id, edgefuse::ui::JobKind kind, const edgefuse::Error& error);
  /// The warm-up fusion ended: `completed` false when a job cancelled it or
  /// it failed (the engine is then used as it is); `ms` is its wall time.
  void engineWarmedUp(bool completed, double ms);

 private:
  void processPending();
  /// Runs a queued Fuse job if there is one; true when it ran one.
  bool runPendingFuse();
  /// Says that job `id` started; without an engine also that it failed
  /// (then returns false).
  bool startJob(quint64 id, JobKind kind);
  void runFuse(const FusionJob& job);
  void runComparison(const FusionJob& job);
  void runWarmUp();
  void runSeries(const FusionJob& job);

  Services m_services;
  std::unique_ptr<Engine> m_engine;
  std::optional<Error> m_engineError;
  bool m_initialised = false;

  QMutex m_mutex;  // guards the pending slots and running ids
  std::optional<FusionJob> m_pendingFuse;
  std::optional<FusionJob> m_pendingCompare;
  std::optional<FusionJob> m_pendingSeries;
  quint64 m_runningFuse = 0;
  quint64 m_runningCompare = 0;
  quint64 m_runningSeries = 0;
  std::atomic<bool> m_cancelFuse{false};
  std::atomic<bool> m_cancelCompare{false};
  std::atomic<bool> m_cancelSeries{false};
  bool m_warmingUp = false;  // guarded by m_mutex
  std::atomic<bool> m_cancelWarmUp{false};
};

}  // namespace edgefuse::ui
