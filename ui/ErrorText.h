// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include "core/base/Error.h"

namespace edgefuse::ui {

/// A translated, actionable sentence for each error code (what happened and
/// what to do). GUI thread (uses the installed translators).
QString errorSentence(ErrorCode code);

/// The sentence plus the English developer message and its context, for
/// message boxes and notices: "<sentence> (Details: <message>)".
QString describeError(const Error& error);

/// describeError for a file that could not be opened: an image too large to
/// load gets advice about the file itself, not about fusion methods (which
/// cannot help with a file that was never loaded).
QString describeLoadError(const Error& error);

}  // namespace edgefuse::ui
