// SPDX-License-Identifier: GPL-3.0-or-later
// Launches the real `edgefuse` under Xvfb with the demo pair and
// --screenshot: the PNG must have the requested size and the fused view must
// show image content. Also checks the failure path (exit code and message).

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <cmath>

#include "UiTestSupport.h"
#include "core/base/Paths.h"

namespace {

struct Run {
  int exitCode = -1;
  QString out;
  QString err;
};

Run runEdgefuse(const QStringList& arguments, const QString& screen = QStringLiteral("1920x1080x24")) {
  QProcess process;
  process.setProgram(QStandardPaths::findExecutable(QStringLiteral("xvfb-run")));
  process.setArguments(QStringList{QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 ") + screen,
                                   QStringLiteral(EDGEFUSE_GUI_EXE)} +
                       arguments);
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // the real X11 platform, on Xvfb
  env.insert(QStringLiteral("XDG_CONFIG_HOME"), edgefuse::test::scratchDir() + QStringLiteral("/xdg"));
  process.setProcessEnvironment(env);
  process.start();
  Run run;
  // Below QtTest's 300 s function limit, so that a hang fails with the output.
  if (!process.waitForFinished(240000)) {
    process.kill();
    process.waitForFinished();
    run.err = QStringLiteral("edgefuse did not finish within 240 s (killed)\n");
  }
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = QString::fromLocal8Bit(process.readAllStandardOutput());
  run.err += QString::fromLocal8Bit(process.readAllStandardError());
  return run;
}

// Mean and standard deviation of the grey values in `rect` of `image`.
std::pair<double, double> greyStats(const QImage& image, const QRect& rect) {
  double sum = 0.0, sum2 = 0.0;
  int n = 0;
  for (int y = rect.top(); y <= rect.bottom(); ++y) {
    for (int x = rect.left(); x <= rect.right(); ++x) {
      const double v = qGray(image.pixel(x, y));
      sum += v;
      sum2 += v * v;
      ++n;
    }
  }
  const double mean = sum / n;
  return {mean, std::sqrt(std::max(0.0, sum2 / n - mean * mean))};
}

}  // namespace

class GuiEndToEndTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    if (QStandardPaths::findExecutable(QStringLiteral("xvfb-run")).isEmpty()) {
      QSKIP("xvfb-run is not installed (Debian package xvfb); the GUI end-to-end test needs it");
    }
  }

  void screenshotOfTheDemo_data() {
    QTest::addColumn<QString>("size");
    QTest::addColumn<QString>("method");
    QTest::newRow("1366x768 network") << QStringLiteral("1366x768") << QStringLiteral("network");
    QTest::newRow("1920x1080 laplacian") << QStringLiteral("1920x1080") << QStringLiteral("laplacian");
  }

  void screenshotOfTheDemo() {
    QFETCH(QString, size);
    QFETCH(QString, method);
    // The shipped model when this build has one, else seeded random weights
    // (their fused image is dim, so the content threshold is lower).
    const bool shipped = edgefuse::findShippedModel("eh-dran").has_value();
    const QString model = shipped ? QStringLiteral("eh-dran") : edgefuse::test::randomModelDir();
    const QString out = edgefuse::test::scratchDir() + QStringLiteral("/demo-") + size + QStringLiteral(".png");
    QFile::remove(out);
    const Run run = runEdgefuse({QStringLiteral("--demo"), QStringLiteral("--model"), model, QStringLiteral("--method"),
                                 method, QStringLiteral("--window-size"), size, QStringLiteral("--screenshot"), out,
                                 QStringLiteral("--timeout"), QStringLiteral("200")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage shot(out);
    QVERIFY(!shot.isNull());
    const QStringList wh = size.split(QLatin1Char('x'));
    QCOMPARE(shot.size(), QSize(wh.at(0).toInt(), wh.at(1).toInt()));
    static const QRegularExpression line(QStringLiteral("fused-view (\\d+) (\\d+) (\\d+) (\\d+)"));
    const auto match = line.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    const QRect fused(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt(),
                      match.captured(4).toInt());
    QVERIFY(shot.rect().contains(fused));
    QVERIFY(fused.width() > 200 && fused.height() > 200);
    // The middle of the fused view holds the image (overlays sit at its edges).
    const QRect middle = fused.adjusted(fused.width() / 4, fused.height() / 4, -fused.width() / 4, -fused.height() / 4);
    const auto [mean, sd] = greyStats(shot, middle);
    qInfo("fused view middle: mean %.1f, standard deviation %.1f (%s, %s)", mean, sd, qPrintable(method),
          shipped ? "shipped model" : "random weights");
    const double minimum = (method == QLatin1String("network") && !shipped) ? 1.0 : 10.0;
    QVERIFY2(sd > minimum, "the fused view is blank");
  }

  void failuresExitNonZeroWithTheError() {
    const QString out = edgefuse::test::scratchDir() + QStringLiteral("/never.png");
    const Run run = runEdgefuse({QStringLiteral("--a"), QStringLiteral("/nonexistent/a.png"), QStringLiteral("--b"),
                                 QStringLiteral("/nonexistent/b.png"), QStringLiteral("--screenshot"), out,
                                 QStringLiteral("--timeout"), QStringLiteral("60")},
                                QStringLiteral("1024x768x24"));
    QCOMPARE(run.exitCode, 3);  // file not found, as edgefuse-cli (docs/cli.md)
    QVERIFY2(run.err.contains(QStringLiteral("does not exist")), qPrintable(run.err));
    QVERIFY(!QFile::exists(out));
  }
};

QTEST_GUILESS_MAIN(GuiEndToEndTest)
#include "GuiEndToEndTest.moc"
