// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>

#include "core/base/Version.h"
#include "core/fusion/Engine.h"
#include "ui/LanguageManager.h"

namespace edgefuse::ui {
namespace {

// QCommandLineParser prints one-letter options as "-a"; EdgeFuse documents
// every option with two dashes (--a, --b), so the help is laid out here.
QString helpText(const QString& description, const QList<QCommandLineOption>& options) {
  QStringList names;
  int width = 0;
  for (const QCommandLineOption& option : options) {
    QStringList forms;
    for (const QString& name : option.names()) {
      forms << (name.size() == 1 && name == QLatin1String("h") ? QStringLiteral("-h") : QStringLiteral("--") + name);
    }
    QString text = forms.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty()) text += QStringLiteral(" ") + option.valueName();
    names << text;
    width = std::max(width, static_cast<int>(text.size()));
  }
  QString out =
      QCoreApplication::translate("CommandLine", "Usage: %1 [options] [A [B]]").arg(QStringLiteral("edgefuse")) +
      QStringLiteral("\n") + description + QStringLiteral("\n\n") +
      QCoreApplication::translate("CommandLine", "Options:") + QStringLiteral("\n");
  for (int i = 0; i < options.size(); ++i) {
    out += QStringLiteral("  ") + names.at(i).leftJustified(width + 2) + options.at(i).description() +
           QStringLiteral("\n");
  }
  out += QStringLiteral("\n") +
         QCoreApplication::translate("CommandLine",
                                     "Example: edgefuse --a mri.png --b ct.png, or edgefuse --demo. With "
                                     "--screenshot the exit code is 0 on success and otherwise that of "
                                     "edgefuse-cli for the same error (docs/cli.md).") +
         QStringLiteral("\n");
  return out;
}

}  // namespace

bool wantsTextOnly(const QStringList& arguments) {
  for (const QString& arg : arguments.mid(1)) {
    if (arg == QLatin1String("--help") || arg == QLatin1String("-h") || arg == QLatin1String("--version")) {
      return true;
    }
  }
  return false;
}

QString languageArgument(const QStringList& arguments) {
  for (int i = 1; i < arguments.size(); ++i) {
    const QString& arg = arguments.at(i);
    if (arg == QLatin1String("--lang") && i + 1 < arguments.size()) return arguments.at(i + 1);
    if (arg.startsWith(QLatin1String("--lang="))) return arg.mid(7);
  }
  return {};
}

ParsedCommandLine parseCommandLine(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("CommandLine",
                                  "EdgeFuse %1 — multimodal medical image fusion workstation. "
                                  "Research use only, not for primary diagnosis.")
          .arg(QString::fromLatin1(kVersion)));
  const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                QCoreApplication::translate("CommandLine", "Show this help and exit."));
  const QCommandLineOption version(QStringLiteral("version"),
                                   QCoreApplication::translate("CommandLine", "Show the version and exit."));
  const QCommandLineOption a(
      QStringLiteral("a"),
      QCoreApplication::translate("CommandLine", "Anatomical source image A (MRI): an image file or DICOM folder."),
      QCoreApplication::translate("CommandLine", "FILE"));
  const QCommandLineOption b(
      QStringLiteral("b"),
      QCoreApplication::translate("CommandLine",
                                  "Second source image B (CT, SPECT, PET or another MRI): a file or DICOM folder."),
      QCoreApplication::translate("CommandLine", "FILE"));
  const QCommandLineOption demo(
      QStringLiteral("demo"),
      QCoreApplication::translate("CommandLine", "Open the built-in digital head phantom (MRI-like and CT-like)."));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QCoreApplication::translate("CommandLine",
                                  "Load, fuse, save a screenshot of the main window as PNG and exit (0 on "
                                  "success). Uses default settings and leaves the stored ones untouched."),
      QCoreApplication::translate("CommandLine", "OUT.png"));
  const QCommandLineOption windowSize(QStringLiteral("window-size"),
                                      QCoreApplication::translate("CommandLine", "Window size, e.g. 1366x768."),
                                      QCoreApplication::translate("CommandLine", "WxH"));
  const QCommandLineOption lang(QStringLiteral("lang"),
                                QCoreApplication::translate("CommandLine", "User interface language: en, de or zh_CN."),
                                QCoreApplication::translate("CommandLine", "CODE"));
  const QCommandLineOption model(
      QStringLiteral("model"),
      QCoreApplication::translate("CommandLine", "Fusion model: a shipped name, a model folder or a weights file."),
      QCoreApplication::translate("CommandLine", "SPEC"));
  const QCommandLineOption device(QStringLiteral("device"),
                                  QCoreApplication::translate("CommandLine", "Compute device: auto, cpu or cuda."),
                                  QCoreApplication::translate("CommandLine", "DEVICE"));
  const QCommandLineOption method(
      QStringLiteral("method"),
      QCoreApplication::translate("CommandLine", "Fusion method: network, average, max or laplacian."),
      QCoreApplication::translate("CommandLine", "METHOD"));
  const QCommandLineOption strategy(
      QStringLiteral("strategy"),
      QCoreApplication::translate("CommandLine",
                                  "Fusion strategy: addition, average, fer, l1nw, al1nw, fl1n, max or sfnn."),
      QCoreApplication::translate("CommandLine", "STRATEGY"));
  const QCommandLineOption bnMode(QStringLiteral("bn-mode"),
                                  QCoreApplication::translate("CommandLine", "BatchNorm mode: running or batch."),
                                  QCoreApplication::translate("CommandLine", "MODE"));
  const QCommandLineOption timeout(
      QStringLiteral("timeout"),
      QCoreApplication::translate("CommandLine", "With --screenshot: give up after this many seconds (default 600)."),
      QCoreApplication::translate("CommandLine", "SECONDS"));
  parser.addOptions(
      {help, version, a, b, demo, screenshot, windowSize, lang, model, device, method, strategy, bnMode, timeout});

  ParsedCommandLine out;
  auto error = [&out](const QString& message) {
    out.action = ParsedCommandLine::Action::Error;
    out.text = message;
    return out;
  };
  if (!parser.parse(arguments)) return error(parser.errorText());
  if (parser.isSet(help)) {
    out.action = ParsedCommandLine::Action::Help;
    out.text = helpText(parser.applicationDescription(), {help, version, a, b, demo, screenshot, windowSize, lang,
                                                          model, device, method, strategy, bnMode, timeout});
    return out;
  }
  if (parser.isSet(version)) {
    out.action = ParsedCommandLine::Action::Version;
    out.text = QStringLiteral("edgefuse %1 (Qt %2, LibTorch %3)\n%4\n")
                   .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()),
                        QString::fromStdString(libtorchVersion()), QString::fromLatin1(kLicenseNotice));
    return out;
  }
  LaunchOptions& o = out.options;
  o.a = parser.value(a);
  o.b = parser.value(b);
  // Files given without options (a file manager's "Open with"): A, then B.
  QStringList files = parser.positionalArguments();
  if (o.a.isEmpty() && !files.isEmpty()) o.a = files.takeFirst();
  if (o.b.isEmpty() && !files.isEmpty()) o.b = files.takeFirst();
  if (!files.isEmpty()) {
    return error(QCoreApplication::translate("CommandLine", "Unexpected argument: %1").arg(files.first()));
  }
  o.demo = parser.isSet(demo);
  o.screenshot = parser.value(screenshot);
  o.language = parser.value(lang);
  o.model = parser.value(model);
  if (o.demo && (!o.a.isEmpty() || !o.b.isEmpty())) {
    return error(QCoreApplication::translate("CommandLine", "--demo cannot be combined with --a or --b."));
  }
  if (!o.screenshot.isEmpty() && !o.demo && (o.a.isEmpty() || o.b.isEmpty())) {
    return error(QCoreApplication::translate("CommandLine", "--screenshot needs --demo, or both --a and --b."));
  }
  if (!o.language.isEmpty() && !LanguageManager::availableLanguages().contains(o.language)) {
    return error(
        QCoreApplication::translate("CommandLine", "Unknown language '%1' (use en, de or zh_CN).").arg(o.language));
  }
  if (parser.isSet(windowSize)) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
    const auto match = pattern.match(parser.value(windowSize));
    if (!match.hasMatch()) {
      return error(QCoreApplication::translate("CommandLine", "--window-size needs WIDTHxHEIGHT, e.g. 1366x768."));
    }
    o.windowSize = QSize(match.captured(1).toInt(), match.captured(2).toInt());
  }
  if (parser.isSet(timeout)) {
    bool ok = false;
    o.timeoutSeconds = parser.value(timeout).toInt(&ok);
    if (!ok || o.timeoutSeconds <= 0) {
      return error(QCoreApplication::translate("CommandLine", "--timeout needs a positive number of seconds."));
    }
  }
  auto parseEnum = [&](const QCommandLineOption& option, auto parse, auto& target) -> bool {
    if (!parser.isSet(option)) return true;
    auto value = parse(parser.value(option).toStdString());
    if (!value) return false;
    target = *value;
    return true;
  };
  if (!parseEnum(device, parseDevicePreference, o.device)) {
    return error(QCoreApplication::translate("CommandLine", "--device must be auto, cpu or cuda."));
  }
  if (!parseEnum(method, parseMethod, o.method)) {
    return error(QCoreApplication::translate("CommandLine", "--method must be network, average, max or laplacian."));
  }
  if (!parseEnum(strategy, parseStrategy, o.strategy)) {
    return error(QCoreApplication::translate("CommandLine", "Unknown --strategy (see --help)."));
  }
  if (!parseEnum(bnMode, parseBnMode, o.bnMode)) {
    return error(QCoreApplication::translate("CommandLine", "--bn-mode must be running or batch."));
  }
  return out;
}

}  // namespace edgefuse::ui
