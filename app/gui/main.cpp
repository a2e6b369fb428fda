// SPDX-License-Identifier: GPL-3.0-or-later
// edgefuse: the workstation. Parsing and wiring only; the window lives in
// ui/, the work in core/. Exit codes with --screenshot follow docs/cli.md.

#include <QApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QTemporaryDir>
#include <cstdio>
#include <memory>

#include "core/base/Memory.h"
#include "core/base/TopLevel.h"
#include "core/base/Version.h"
#include "ui/CommandLine.h"
#include "ui/CoreServices.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotSession.h"
#include "ui/Settings.h"
#include "ui/Theme.h"

namespace {

using namespace edgefuse;
using namespace edgefuse::ui;

void setIdentity() {
  QCoreApplication::setOrganizationName(QStringLiteral("EdgeFuse"));
  QCoreApplication::setApplicationName(QStringLiteral("EdgeFuse"));
  QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
}

int printText(const ParsedCommandLine& parsed) {
  const QByteArray text = parsed.text.toLocal8Bit();
  if (parsed.action == ParsedCommandLine::Action::Error) {
    std::fprintf(
        stderr, "edgefuse: error: %s\n%s\n", text.constData(),
        QCoreApplication::translate("CommandLine", "Run 'edgefuse --help' for the options.").toLocal8Bit().constData());
    return 2;
  }
  std::fputs(text.constData(), stdout);
  return 0;
}

int runWorkstation(int argc, char** argv) {
  QStringList arguments;
  for (int i = 0; i < argc; ++i) arguments << QString::fromLocal8Bit(argv[i]);

  // --help and --version need no display.
  if (wantsTextOnly(arguments)) {
    QCoreApplication app(argc, argv);
    setIdentity();
    LanguageManager languages;
    languages.setLanguage(languageArgument(arguments));
    return printText(parseCommandLine(arguments));
  }

  QApplication app(argc, argv);
  setIdentity();
  QGuiApplication::setDesktopFileName(QStringLiteral("org.edgefuse.EdgeFuse"));
  Theme::apply(app);

  ParsedCommandLine parsed = parseCommandLine(app.arguments());
  const LaunchOptions& options = parsed.options;
  // Automated screenshots use default settings and leave the user's alone.
  QTemporaryDir scratch;
  std::unique_ptr<QSettings> scratchStore;
  if (!options.screenshot.isEmpty()) {
    scratchStore = std::make_unique<QSettings>(scratch.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
  }
  Settings settings = scratchStore ? Settings(scratchStore.get()) : Settings();
  LanguageManager languages;
  languages.setLanguage(options.language.isEmpty() ? settings.language() : options.language);
  if (parsed.action != ParsedCommandLine::Action::Run) {
    // Re-parse so that the error message is in the chosen language.
    return printText(parseCommandLine(app.arguments()));
  }

  MainWindow window(settings, languages, makeCoreServices());
  FusionOptions fusionOptions;
  fusionOptions.method = options.method.value_or(settings.defaultMethod());
  fusionOptions.strategy = options.strategy.value_or(settings.defaultStrategy());
  fusionOptions.bnMode = options.bnMode ? options.bnMode : settings.bnMode();
  window.setFusionOptions(fusionOptions);
  EngineConfig config;
  config.model = (options.model.isEmpty() ? settings.model() : options.model).toStdString();
  config.device = options.device.value_or(settings.devicePreference());
  // Warm the engine up while the user picks images, unless a pair, the demo
  // or a screenshot follows at once (their own first fusion warms it then).
  const bool fusesAtOnce =
      options.demo || !options.screenshot.isEmpty() || (!options.a.isEmpty() && !options.b.isEmpty());
  window.startEngine(config, /*warmUp=*/!fusesAtOnce);

  std::unique_ptr<ScreenshotSession> session;
  if (!options.screenshot.isEmpty()) {
    session = std::make_unique<ScreenshotSession>(&window, options.screenshot, options.timeoutSeconds);
  }
  if (options.windowSize.isValid()) {
    window.resize(options.windowSize);
    window.show();
  } else if (settings.windowGeometry().isEmpty()) {
    const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
    window.resize(available.size() * 0.9);
    window.showMaximized();
  } else {
    window.show();
  }
  if (options.demo) {
    window.openDemo();
  } else if (!options.a.isEmpty() && !options.b.isEmpty()) {
    window.openPair(options.a, options.b);
  } else if (!options.a.isEmpty()) {
    window.loadSource(MainWindow::Source::A, options.a);
  } else if (!options.b.isEmpty()) {
    window.loadSource(MainWindow::Source::B, options.b);
  }
  return app.exec();
}

}  // namespace

int main(int argc, char** argv) {
  edgefuse::reuseFreedMemory();  // see core/base/Memory.h
  return edgefuse::runGuarded("edgefuse", [&] { return runWorkstation(argc, argv); });
}
