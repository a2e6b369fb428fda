// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ScreenshotSession.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QPixmap>
#include <cstdio>

#include "core/base/AtomicFile.h"
#include "ui/ErrorText.h"
#include "ui/MainWindow.h"

namespace edgefuse::ui {

ScreenshotSession::ScreenshotSession(MainWindow* window, const QString& path, int timeoutSeconds, QObject* parent)
    : QObject(parent), m_window(window), m_path(path) {
  m_timeout.setSingleShot(true);
  m_timeout.setInterval(timeoutSeconds * 1000);
  connect(&m_timeout, &QTimer::timeout, this, [this] {
    finish(1, QCoreApplication::translate("ScreenshotSession", "No fusion result within the time limit."));
  });
  m_timeout.start();
  // Let queued repaints, chart replots and layout changes land first.
  m_settle.setSingleShot(true);
  m_settle.setInterval(500);
  connect(&m_settle, &QTimer::timeout, this, &ScreenshotSession::capture);
  connect(window, &MainWindow::fusionDisplayed, this, [this] { m_settle.start(); });
  connect(window, &MainWindow::failed, this,
          [this](const QString& message, ErrorCode code) { finish(exitCodeFor(code), message); });
}

void ScreenshotSession::capture() {
  const QImage image = m_window->grab().toImage();
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  if (!image.save(&buffer, "PNG")) {
    finish(exitCodeFor(ErrorCode::WriteFailed), errorSentence(ErrorCode::WriteFailed));
    return;
  }
  auto written = writeFileAtomically(m_path.toStdString(),
                                     std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
  if (!written) {
    finish(exitCodeFor(written.error().code), describeError(written.error()));
    return;
  }
  const QRect fused = m_window->fusedViewRect();
  const qreal ratio = image.devicePixelRatio();
  std::printf("screenshot %s %dx%d fused-view %d %d %d %d\n", m_path.toLocal8Bit().constData(), image.width(),
              image.height(), static_cast<int>(fused.x() * ratio), static_cast<int>(fused.y() * ratio),
              static_cast<int>(fused.width() * ratio), static_cast<int>(fused.height() * ratio));
  std::fflush(stdout);
  finish(0, {});
}

void ScreenshotSession::finish(int exitCode, const QString& message) {
  if (m_done) return;
  m_done = true;
  m_timeout.stop();
  m_settle.stop();
  if (!message.isEmpty()) {
    std::fprintf(stderr, "edgefuse: error: %s\n", message.toLocal8Bit().constData());
    std::fflush(stderr);
  }
  // Queued: a failure can be reported before app.exec() has started (a load
  // that fails at once), and exit() before the event loop runs is a no-op.
  QMetaObject::invokeMethod(
      QCoreApplication::instance(), [exitCode] { QCoreApplication::exit(exitCode); }, Qt::QueuedConnection);
}

}  // namespace edgefuse::ui
