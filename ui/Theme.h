// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QColor>

class QApplication;

namespace edgefuse::ui {

/// The workstation's dark theme: Fusion style with a dark palette and a
/// small style sheet, tuned for reading rooms (no bright areas around the
/// images). Colours used by custom painting live here too. GUI thread only.
class Theme {
 public:
  /// Installs style, palette, style sheet and the application font size.
  static void apply(QApplication& app);

  static QColor window() { return QColor(0x1c, 0x1e, 0x22); }
  static QColor panel() { return QColor(0x25, 0x28, 0x2d); }
  static QColor border() { return QColor(0x34, 0x38, 0x3f); }
  static QColor text() { return QColor(0xdc, 0xdf, 0xe4); }
  static QColor mutedText() { return QColor(0x8d, 0x93, 0x9c); }
  static QColor accent() { return QColor(0x3d, 0x9b, 0xe9); }
  static QColor viewBackground() { return QColor(0, 0, 0); }
  static QColor overlayText() { return QColor(0xe8, 0xe8, 0xe8); }
  static QColor crosshair() { return QColor(0x4c, 0xd9, 0x9a); }
  static QColor warning() { return QColor(0xf2, 0xb3, 0x3d); }
  static QColor error() { return QColor(0xef, 0x5b, 0x5b); }
  /// Series colours of charts: source A, source B, fused.
  static QColor seriesA() { return QColor(0xc8, 0xcc, 0xd2); }
  static QColor seriesB() { return QColor(0xf2, 0x9a, 0x3d); }
  static QColor seriesFused() { return QColor(0x3d, 0xc2, 0xe9); }
};

}  // namespace edgefuse::ui
