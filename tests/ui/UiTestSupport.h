// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QImage>
#include <QString>

class QAction;
class QKeySequence;
class QWidget;

#include "core/image/Image.h"

namespace edgefuse::test {

/// Makes every Qt warning not expected with QTest::ignoreMessage fail the
/// current test (except the offscreen plugin's "does not support
/// propagateSizeHints"). Call in each test class's init().
void failOnAnyWarning();

/// A model folder with seeded random EH-DRAN weights, written once per test
/// process into a temporary folder (removed at exit). Empty on failure (the
/// reason is printed).
QString randomModelDir();

/// Writes `image` (values 0..255, or HU for CT shifted by +1024 into 16-bit)
/// as PNG; returns the path or empty on failure.
QString writePng(const Image& image, const QString& path);

/// The action of `window` that has `key` among its shortcuts, or nullptr.
QAction* actionWithShortcut(QWidget* window, const QKeySequence& key);

/// A folder that lives as long as the process.
QString scratchDir();

}  // namespace edgefuse::test
