// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QThread>
#include <QTimer>
#include <optional>

#include "core/fusion/Engine.h"
#include "ui/FusionJob.h"
#include "ui/Services.h"

namespace edgefuse::ui {

class FusionWorker;

/// The GUI's side of the fusion worker: owns the worker thread (named
/// "edgefuse-fusion"), numbers requests with increasing ids, re-runs the
/// fusion (debounced) when the options change, and drops results that are
/// no longer the newest. GUI thread only.
class FusionController : public QObject {
  Q_OBJECT
 public:
  explicit FusionController(Services services, QObject* parent = nullptr);
  /// Cancels all work, stops and joins the worker thread.
  ~FusionController() override;

  /// Starts the worker thread and creates the engine on it; with `warmUp`,
  /// the worker then warms the engine up while no job waits (see
  /// FusionWorker::initialise).
  void start(const EngineConfig& config, bool warmUp = false);
  /// Re-creates the engine (e.g. another device), on the worker thread.
  void restartEngine(const EngineConfig& config, bool warmUp = false);
  bool isEngineReady() const { return m_status.has_value(); }
  /// Known once engineReady() was emitted.
  const std::optional<EngineStatus>& engineStatus() const { return m_status; }
  const Services& services() const { return m_services; }

  /// The pair to fuse (one grid). Cancels work on the previous pair and
  /// fuses the new one at once.
  void setPair(const Image& a, const Image& b);
  void clearPair();
  bool hasPair() const { return m_hasPair; }

  /// New options: when they differ, the fusion re-runs after the debounce.
  void setOptions(const FusionOptions& options);
  const FusionOptions& options() const { return m_options; }
  void setDebounceMs(int ms) { m_debounce.setInterval(ms); }

  /// Requests a fusion of the current pair now; returns its id (0 = no pair).
  quint64 fuseNow();
  /// Requests a method comparison of the current pair; returns its id.
  quint64 compareMethods();
  /// Requests a fusion of every slice pair of a series with the current
  /// options (for a series export; the interactive fusion keeps priority);
  /// returns its id. A new request cancels a running one.
  quint64 fuseSeries(std::vector<std::pair<Image, Image>> slices);
  /// Cancels the current fusion and comparison (not a series fusion).
  void cancel();
  /// Cancels only the series fusion.
  void cancelSeries();
  /// Cancels only the method comparison.
  void cancelComparison();

  quint64 currentFusionId() const { return m_fusionId; }
  quint64 currentComparisonId() const { return m_comparisonId; }
  bool isFusing() const { return m_fusing; }
  bool isComparing() const { return m_comparing; }
  bool isFusingSeries() const { return m_seriesId != 0; }
  /// Results that arrived for a superseded request and were dropped.
  int staleResultsDropped() const { return m_staleDropped; }

  /// The worker, for tests that drive it directly.
  FusionWorker* worker() const { return m_worker; }

 signals:
  void engineReady(const edgefuse::ui::EngineStatus& status);
  void engineFailed(const edgefuse::Error& error);
  /// The worker's warm-up fusion ended (see FusionWorker::engineWarmedUp).
  void engineWarmedUp(bool completed, double ms);
  void fusionStarted(quint64 id);
  void fusionProgressed(quint64 id, const QString& stage, double fraction);
  void fusionFinished(const edgefuse::ui::FusionOutcome& outcome);
  void fusionFailed(quint64 id, const edgefuse::Error& error);
  void comparisonStarted(quint64 id);
  void comparisonProgressed(quint64 id, double fraction);
  void comparisonFinished(const edgefuse::ui::ComparisonOutcome& outcome);
  void comparisonFailed(quint64 id, const edgefuse::Error& error);
  /// Progress of a series fusion, `fraction` in [0,1] over all slices.
  void seriesProgressed(quint64 id, double fraction);
  void seriesFinished(const edgefuse::ui::SeriesOutcome& outcome);
  void seriesFailed(quint64 id, const edgefuse::Error& error);
  /// A fusion or comparison is running (or not any more).
  void busyChanged(bool busy);

 private:
  void onWorkerProgressed(quint64 id, const QString& stage, double fraction);
  void onWorkerFusionFinished(const FusionOutcome& outcome);
  void onWorkerComparisonFinished(const ComparisonOutcome& outcome);
  void onWorkerJobFailed(quint64 id, JobKind kind, const Error& error);
  void setFusing(bool fusing);
  void setComparing(bool comparing);
  FusionJob makeJob(JobKind kind);

  Services m_services;
  QThread m_thread;
  FusionWorker* m_worker = nullptr;
  std::optional<EngineStatus> m_status;
  QTimer m_debounce;
  Image m_a;
  Image m_b;
  bool m_hasPair = false;
  FusionOptions m_options;
  quint64 m_nextId = 1;
  quint64 m_fusionId = 0;
  quint64 m_comparisonId = 0;
  quint64 m_seriesId = 0;  // 0 when no series fusion runs
  bool m_fusing = false;
  bool m_comparing = false;
  int m_staleDropped = 0;
};

}  // namespace edgefuse::ui
