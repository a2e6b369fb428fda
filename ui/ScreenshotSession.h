// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include "core/base/Error.h"

namespace edgefuse::ui {

class MainWindow;

/// Drives `edgefuse --screenshot OUT.png`: waits until the window shows a
/// fusion result, lets it settle, saves the whole window as PNG (atomically)
/// and quits with 0; on any failure prints it on stderr and quits with the
/// documented exit code (docs/cli.md); gives up after the timeout. On
/// success it prints one line on stdout with the file, its size and the
/// fused view's rectangle ("fused-view X Y W H"), for automated checks.
/// GUI thread only.
class ScreenshotSession : public QObject {
  Q_OBJECT
 public:
  ScreenshotSession(MainWindow* window, const QString& path, int timeoutSeconds, QObject* parent = nullptr);

 private:
  void capture();
  void finish(int exitCode, const QString& message);

  MainWindow* m_window;
  QString m_path;
  QTimer m_timeout;
  QTimer m_settle;
  bool m_done = false;
};

}  // namespace edgefuse::ui
