// SPDX-License-Identifier: GPL-3.0-or-later
// While a real fusion runs on the worker thread, the GUI event loop must
// never stall for more than 50 ms. A precise 2 ms timer on the GUI thread
// records the largest gap between its ticks while the main window opens the
// demo pair, fuses it three times (three strategies) and shows each result.
//
// On Linux the kernel also says how long the GUI thread waited for a CPU
// in each gap (/proc/thread-self/schedstat). On a machine saturated by
// other processes that wait is the scheduler's, not EdgeFuse's: the test
// prints the raw worst gap and its CPU wait, and requires the gap minus the
// CPU wait (what EdgeFuse's own code and threads cause) to stay under 50 ms.

#include <fcntl.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <cstdio>

#include "UiTestSupport.h"
#include "ui/FusionController.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/Settings.h"

using namespace edgefuse;
using namespace edgefuse::ui;

namespace {

// Nanoseconds the calling thread has spent waiting on a run queue, or -1.
class RunQueueWait {
 public:
  RunQueueWait() : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY)) {}
  ~RunQueueWait() {
    if (m_fd >= 0) ::close(m_fd);
  }
  long long nanoseconds() const {
    if (m_fd < 0) return -1;
    char buffer[128];
    const ssize_t n = ::pread(m_fd, buffer, sizeof buffer - 1, 0);
    if (n <= 0) return -1;
    buffer[n] = '\0';
    unsigned long long onCpu = 0, waiting = 0;
    if (std::sscanf(buffer, "%llu %llu", &onCpu, &waiting) != 2) return -1;
    return static_cast<long long>(waiting);
  }

 private:
  int m_fd;
};

}  // namespace

class LatencyTest : public QObject {
  Q_OBJECT
 private slots:
  void init() { test::failOnAnyWarning(); }

  void eventLoopNeverStallsDuringFusion() {
    const QString model = test::randomModelDir();
    QVERIFY(!model.isEmpty());
    QSettings store(test::scratchDir() + QStringLiteral("/latency.ini"), QSettings::IniFormat);
    Settings settings(&store);
    LanguageManager languages;
    MainWindow window(settings, languages, {});
    window.resize(1366, 768);
    window.show();
    EngineConfig config;
    config.model = model.toStdString();
    config.device = DevicePreference::Cpu;
    window.startEngine(config);
    QTRY_VERIFY_WITH_TIMEOUT(window.fusion()->isEngineReady(), 120000);
    QTest::qWait(200);  // the first layout and paint of the empty window

    constexpr int kIntervalMs = 2;
    const RunQueueWait runQueue;
    QElapsedTimer clock;
    qint64 last = 0;
    long long lastWait = runQueue.nanoseconds();
    qint64 worstGapNs = 0, worstGapWaitNs = 0, worstOwnNs = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(kIntervalMs);
    connect(&tick, &QTimer::timeout, this, [&] {
      const qint64 now = clock.nsecsElapsed();
      const long long wait = runQueue.nanoseconds();
      const qint64 gap = now - last;
      const qint64 waited = (wait >= 0 && lastWait >= 0) ? static_cast<qint64>(wait - lastWait) : 0;
      if (gap > worstGapNs) {
        worstGapNs = gap;
        worstGapWaitNs = waited;
      }
      worstOwnNs = std::max(worstOwnNs, gap - waited);
      last = now;
      lastWait = wait;
    });
    QSignalSpy displayed(&window, &MainWindow::fusionDisplayed);
    clock.start();
    tick.start();
    // QSignalSpy::wait runs a real event loop; QTRY_* would sleep 10 ms
    // between its polls and disturb what is measured.
    window.openDemo(256);
    QVERIFY(displayed.wait(300000));
    for (Strategy strategy : {Strategy::Fl1n, Strategy::Max}) {
      FusionOptions options = window.fusion()->options();
      options.strategy = strategy;
      window.setFusionOptions(options);
      QVERIFY(displayed.wait(300000));
    }
    tick.stop();
    const double worstGapMs = static_cast<double>(worstGapNs) / 1e6 - kIntervalMs;
    const double worstOwnMs = static_cast<double>(worstOwnNs) / 1e6 - kIntervalMs;
    const double totalMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    std::printf(
        "event-loop latency over %.0f ms (three fusions on %s, %d cores): worst stall %.1f ms, of which %.1f ms "
        "waiting for a CPU; worst stall not counting CPU waits %.1f ms\n",
        totalMs, window.currentOutcome()->result.device.c_str(), QThread::idealThreadCount(), worstGapMs,
        static_cast<double>(worstGapWaitNs) / 1e6, worstOwnMs);
    std::fflush(stdout);
    QVERIFY2(worstOwnMs < 50.0, qPrintable(QStringLiteral("the GUI stalled for %1 ms").arg(worstOwnMs)));
    if (runQueue.nanoseconds() < 0) {
      QVERIFY2(worstGapMs < 50.0, qPrintable(QStringLiteral("the GUI stalled for %1 ms").arg(worstGapMs)));
    }
  }
};

QTEST_MAIN(LatencyTest)
#include "LatencyTest.moc"
