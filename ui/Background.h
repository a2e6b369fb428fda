// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <memory>
#include <type_traits>
#include <utility>

namespace edgefuse::ui {

/// Runs `work()` on Qt's global thread pool, then `done(result)` on the thread
/// of `context` (normally the GUI thread). Returns a future that finishes once
/// `done` has run and holds what `done` returned. If `context` is destroyed
/// first, `done` never runs and the returned future ends cancelled.
///
/// This replaces `QtConcurrent::run(work).then(context, done)`: Qt 6.4
/// (Debian 12) can run a context continuation twice when the work finishes
/// while the continuation is being attached, and the second run dereferences a
/// moved-from promise (SIGSEGV in QFutureInterfaceBase::reportStarted; it
/// crashed the main-window test in CI, and a loop of 2 million such calls
/// crashed in 4 of 5 tries). A QFutureWatcher delivers the result through the
/// event queue instead, which has no such race.
///
/// Thread: call from `context`'s thread. `work` must not touch `context`.
template <typename Work, typename Done>
auto runInBackground(QObject* context, Work work, Done done) {
  using WorkResult = std::invoke_result_t<Work>;
  using DoneResult = std::invoke_result_t<Done, const WorkResult&>;
  auto promise = std::make_shared<QPromise<DoneResult>>();
  promise->start();
  QFuture<DoneResult> finished = promise->future();
  auto* watcher = new QFutureWatcher<WorkResult>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                   [watcher, promise, done = std::move(done)]() mutable {
                     watcher->deleteLater();
                     const WorkResult result = watcher->result();
                     if constexpr (std::is_void_v<DoneResult>) {
                       done(result);
                     } else {
                       promise->addResult(done(result));
                     }
                     promise->finish();
                   });
  watcher->setFuture(QtConcurrent::run(std::move(work)));
  return finished;
}

}  // namespace edgefuse::ui
