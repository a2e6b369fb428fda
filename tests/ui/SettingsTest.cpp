// SPDX-License-Identifier: GPL-3.0-or-later
// Settings round trip, damaged values, recent files; command-line parsing.

#include <QSettings>
#include <QTest>

#include "UiTestSupport.h"
#include "ui/CommandLine.h"
#include "ui/Settings.h"

using namespace edgefuse;
using namespace edgefuse::ui;

class SettingsTest : public QObject {
  Q_OBJECT
 private slots:
  void init() { test::failOnAnyWarning(); }

  void defaultsWhenEmpty() {
    QSettings store(test::scratchDir() + QStringLiteral("/empty.ini"), QSettings::IniFormat);
    store.clear();
    Settings s(&store);
    QCOMPARE(s.devicePreference(), DevicePreference::Auto);
    QCOMPARE(s.defaultMethod(), Method::Network);
    QCOMPARE(s.defaultStrategy(), Strategy::Sfnn);
    QVERIFY(!s.bnMode());
    QCOMPARE(s.colorMap(), ColorMapKind::Hot);
    QCOMPARE(s.compareMode(), CompareMode::Fused);
    QVERIFY(s.metricOverlayVisible());
    QVERIFY(s.crosshairVisible());
    QVERIFY(s.language().isEmpty());
    QVERIFY(s.recentFiles().isEmpty());
  }

  void roundTripThroughTheFile() {
    const QString path = test::scratchDir() + QStringLiteral("/roundtrip.ini");
    {
      QSettings store(path, QSettings::IniFormat);
      store.clear();
      Settings s(&store);
      s.setDevicePreference(DevicePreference::Cpu);
      s.setDefaultMethod(Method::Laplacian);
      s.setDefaultStrategy(Strategy::Fl1n);
      s.setBnMode(BnMode::Batch);
      s.setModel(QStringLiteral("/models/x"));
      s.setColorMap(ColorMapKind::Viridis);
      s.setCompareMode(CompareMode::Wipe);
      s.setMetricOverlayVisible(false);
      s.setCrosshairVisible(false);
      s.setLanguage(QStringLiteral("de"));
      s.setLastOpenFolder(QStringLiteral("/data/in"));
      s.setLastExportFolder(QStringLiteral("/data/out"));
      s.addRecentFile(QStringLiteral("A|/data/a.png"));
      s.setWindowGeometry(QByteArray("geometry"));
      s.setWindowState(QByteArray("state"));
      s.sync();
    }
    QSettings store(path, QSettings::IniFormat);
    Settings s(&store);
    QCOMPARE(s.devicePreference(), DevicePreference::Cpu);
    QCOMPARE(s.defaultMethod(), Method::Laplacian);
    QCOMPARE(s.defaultStrategy(), Strategy::Fl1n);
    QCOMPARE(s.bnMode(), std::optional<BnMode>(BnMode::Batch));
    QCOMPARE(s.model(), QStringLiteral("/models/x"));
    QCOMPARE(s.colorMap(), ColorMapKind::Viridis);
    QCOMPARE(s.compareMode(), CompareMode::Wipe);
    QVERIFY(!s.metricOverlayVisible());
    QVERIFY(!s.crosshairVisible());
    QCOMPARE(s.language(), QStringLiteral("de"));
    QCOMPARE(s.lastOpenFolder(), QStringLiteral("/data/in"));
    QCOMPARE(s.lastExportFolder(), QStringLiteral("/data/out"));
    QCOMPARE(s.recentFiles(), QStringList{QStringLiteral("A|/data/a.png")});
    QCOMPARE(s.windowGeometry(), QByteArray("geometry"));
    QCOMPARE(s.windowState(), QByteArray("state"));
    s.setBnMode(std::nullopt);
    QVERIFY(!s.bnMode());
  }

  void damagedValuesReadAsDefaults() {
    QSettings store(test::scratchDir() + QStringLiteral("/damaged.ini"), QSettings::IniFormat);
    store.setValue(QStringLiteral("fusion/device"), QStringLiteral("tpu"));
    store.setValue(QStringLiteral("fusion/method"), 42);
    store.setValue(QStringLiteral("fusion/strategy"), QStringLiteral("magic"));
    store.setValue(QStringLiteral("fusion/bnMode"), QStringLiteral("sometimes"));
    store.setValue(QStringLiteral("view/colorMap"), QStringLiteral("jet"));
    store.setValue(QStringLiteral("view/compareMode"), QStringLiteral("flicker"));
    Settings s(&store);
    QCOMPARE(s.devicePreference(), DevicePreference::Auto);
    QCOMPARE(s.defaultMethod(), Method::Network);
    QCOMPARE(s.defaultStrategy(), Strategy::Sfnn);
    QVERIFY(!s.bnMode());
    QCOMPARE(s.colorMap(), ColorMapKind::Hot);
    QCOMPARE(s.compareMode(), CompareMode::Fused);
  }

  void recentFilesAreUniqueNewestFirstAndCapped() {
    QSettings store(test::scratchDir() + QStringLiteral("/recent.ini"), QSettings::IniFormat);
    store.clear();
    Settings s(&store);
    for (int i = 0; i < Settings::kMaxRecentFiles + 5; ++i) s.addRecentFile(QStringLiteral("A|/f%1").arg(i));
    s.addRecentFile(QStringLiteral("A|/f12"));
    const QStringList recent = s.recentFiles();
    QCOMPARE(recent.size(), Settings::kMaxRecentFiles);
    QCOMPARE(recent.first(), QStringLiteral("A|/f12"));
    QCOMPARE(recent.count(QStringLiteral("A|/f12")), 1);
    QCOMPARE(recent.at(1), QStringLiteral("A|/f14"));
    s.clearRecentFiles();
    QVERIFY(s.recentFiles().isEmpty());
  }

  void commandLineParsesEveryOption() {
    const ParsedCommandLine p = parseCommandLine({QStringLiteral("edgefuse"),  QStringLiteral("--a"),
                                                  QStringLiteral("mri.png"),   QStringLiteral("--b"),
                                                  QStringLiteral("ct.png"),    QStringLiteral("--screenshot"),
                                                  QStringLiteral("out.png"),   QStringLiteral("--window-size"),
                                                  QStringLiteral("1366x768"),  QStringLiteral("--lang"),
                                                  QStringLiteral("zh_CN"),     QStringLiteral("--device"),
                                                  QStringLiteral("cpu"),       QStringLiteral("--method"),
                                                  QStringLiteral("laplacian"), QStringLiteral("--strategy"),
                                                  QStringLiteral("fer"),       QStringLiteral("--bn-mode"),
                                                  QStringLiteral("batch"),     QStringLiteral("--model"),
                                                  QStringLiteral("/m"),        QStringLiteral("--timeout"),
                                                  QStringLiteral("30")});
    QCOMPARE(p.action, ParsedCommandLine::Action::Run);
    const LaunchOptions& o = p.options;
    QCOMPARE(o.a, QStringLiteral("mri.png"));
    QCOMPARE(o.b, QStringLiteral("ct.png"));
    QCOMPARE(o.screenshot, QStringLiteral("out.png"));
    QCOMPARE(o.windowSize, QSize(1366, 768));
    QCOMPARE(o.language, QStringLiteral("zh_CN"));
    QCOMPARE(o.device, std::optional<DevicePreference>(DevicePreference::Cpu));
    QCOMPARE(o.method, std::optional<Method>(Method::Laplacian));
    QCOMPARE(o.strategy, std::optional<Strategy>(Strategy::Fer));
    QCOMPARE(o.bnMode, std::optional<BnMode>(BnMode::Batch));
    QCOMPARE(o.model, QStringLiteral("/m"));
    QCOMPARE(o.timeoutSeconds, 30);
  }

  void commandLineRefusesNonsense_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("demo with a") << QStringList{QStringLiteral("--demo"), QStringLiteral("--a"), QStringLiteral("x")};
    QTest::newRow("screenshot alone") << QStringList{QStringLiteral("--screenshot"), QStringLiteral("o.png")};
    QTest::newRow("screenshot with a only")
        << QStringList{QStringLiteral("--a"), QStringLiteral("x"), QStringLiteral("--screenshot"), QStringLiteral("o")};
    QTest::newRow("bad language") << QStringList{QStringLiteral("--lang"), QStringLiteral("fr")};
    QTest::newRow("bad size") << QStringList{QStringLiteral("--window-size"), QStringLiteral("big")};
    QTest::newRow("bad device") << QStringList{QStringLiteral("--device"), QStringLiteral("tpu")};
    QTest::newRow("bad method") << QStringList{QStringLiteral("--method"), QStringLiteral("magic")};
    QTest::newRow("bad strategy") << QStringList{QStringLiteral("--strategy"), QStringLiteral("magic")};
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("-1")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
    QTest::newRow("three files") << QStringList{QStringLiteral("a.png"), QStringLiteral("b.png"),
                                                QStringLiteral("c.png")};
    QTest::newRow("file and both options")
        << QStringList{QStringLiteral("--a"), QStringLiteral("x"), QStringLiteral("--b"), QStringLiteral("y"),
                       QStringLiteral("z.png")};
  }

  void commandLineRefusesNonsense() {
    QFETCH(QStringList, arguments);
    arguments.prepend(QStringLiteral("edgefuse"));
    const ParsedCommandLine p = parseCommandLine(arguments);
    QCOMPARE(p.action, ParsedCommandLine::Action::Error);
    QVERIFY(!p.text.isEmpty());
  }

  void filesWithoutOptionsAreAThenB() {
    const ParsedCommandLine two =
        parseCommandLine({QStringLiteral("edgefuse"), QStringLiteral("mri.png"), QStringLiteral("ct.png")});
    QCOMPARE(two.action, ParsedCommandLine::Action::Run);
    QCOMPARE(two.options.a, QStringLiteral("mri.png"));
    QCOMPARE(two.options.b, QStringLiteral("ct.png"));
    const ParsedCommandLine withA = parseCommandLine(
        {QStringLiteral("edgefuse"), QStringLiteral("--a"), QStringLiteral("mri.png"), QStringLiteral("ct.png")});
    QCOMPARE(withA.options.b, QStringLiteral("ct.png"));
  }

  void helpAndVersionNeedNoDisplay() {
    const QStringList help{QStringLiteral("edgefuse"), QStringLiteral("--help")};
    QVERIFY(wantsTextOnly(help));
    const ParsedCommandLine h = parseCommandLine(help);
    QCOMPARE(h.action, ParsedCommandLine::Action::Help);
    for (const char* option : {"--a", "--b", "--demo", "--screenshot", "--lang", "--version", "--window-size"}) {
      QVERIFY2(h.text.contains(QString::fromLatin1(option)), option);
    }
    const ParsedCommandLine v = parseCommandLine({QStringLiteral("edgefuse"), QStringLiteral("--version")});
    QCOMPARE(v.action, ParsedCommandLine::Action::Version);
    QVERIFY(v.text.startsWith(QStringLiteral("edgefuse ")));
    QVERIFY2(v.text.contains(QStringLiteral("GPL-3.0-or-later")), qPrintable(v.text));
    QVERIFY(!wantsTextOnly({QStringLiteral("edgefuse"), QStringLiteral("--demo")}));
    QCOMPARE(languageArgument({QStringLiteral("edgefuse"), QStringLiteral("--lang=de")}), QStringLiteral("de"));
    QCOMPARE(languageArgument({QStringLiteral("edgefuse"), QStringLiteral("--lang"), QStringLiteral("zh_CN")}),
             QStringLiteral("zh_CN"));
  }
};

QTEST_MAIN(SettingsTest)
#include "SettingsTest.moc"
