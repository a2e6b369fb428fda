// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>

#include "core/fusion/FusionTypes.h"

namespace edgefuse::ui {

/// What `edgefuse` was asked to do on its command line.
struct LaunchOptions {
  QString a;           ///< --a FILE|DIR
  QString b;           ///< --b FILE|DIR
  bool demo = false;   ///< --demo
  QString screenshot;  ///< --screenshot OUT.png: fuse, save the window, exit
  QSize windowSize;    ///< --window-size WxH (invalid = restore/choose)
  QString language;    ///< --lang CODE
  QString model;       ///< --model NAME|DIR|FILE
  std::optional<DevicePreference> device;
  std::optional<Method> method;
  std::optional<Strategy> strategy;
  std::optional<BnMode> bnMode;
  int timeoutSeconds = 600;  ///< --timeout for --screenshot
};

/// The outcome of parsing.
struct ParsedCommandLine {
  enum class Action { Run, Help, Version, Error };
  Action action = Action::Run;
  LaunchOptions options;
  /// Help text, version text, or the (translated) error message.
  QString text;
};

/// Parses `arguments` (argv, program name first). Texts are translated with
/// the translators installed when it is called. Thread-safe with respect to
/// widgets (needs only QCoreApplication).
ParsedCommandLine parseCommandLine(const QStringList& arguments);

/// True when only --help/-h or --version is asked for, so that no display
/// is needed.
bool wantsTextOnly(const QStringList& arguments);

/// The value of --lang (or --lang=CODE), if given, without full parsing:
/// the language must be set before the help text is made.
QString languageArgument(const QStringList& arguments);

}  // namespace edgefuse::ui
