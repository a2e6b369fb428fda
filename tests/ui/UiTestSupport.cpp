// SPDX-License-Identifier: GPL-3.0-or-later

#include "UiTestSupport.h"

#include <QAction>
#include <QDir>
#include <QKeySequence>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>
#include <algorithm>
#include <cstdio>

#include "tests/support/RandomModel.h"

namespace edgefuse::test {

void failOnAnyWarning() {
  // Every warning fails, except the offscreen platform plugin's note that it
  // cannot resize native windows (a limitation of the test platform, not ours).
  QTest::failOnWarning(QRegularExpression(QStringLiteral("^(?!This plugin does not support propagateSizeHints).*")));
}

QString scratchDir() {
  static QTemporaryDir dir;
  return dir.path();
}

QString randomModelDir() {
  static const QString path = [] {
    const QString dir = scratchDir() + QStringLiteral("/random-eh-dran");
    auto written = writeRandomEhDranModel(dir.toStdString(), 42);
    if (!written) {
      std::fprintf(stderr, "cannot write the random model: %s\n", written.error().describe().c_str());
      return QString();
    }
    return dir;
  }();
  return path;
}

QString writePng(const Image& image, const QString& path) {
  const bool hu = image.meta.units == "HU";
  QImage out(image.width, image.height, hu ? QImage::Format_Grayscale16 : QImage::Format_Grayscale8);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const float v = image.at(x, y);
      if (hu) {
        reinterpret_cast<quint16*>(out.scanLine(y))[x] = static_cast<quint16>(std::clamp(v + 1024.0f, 0.0f, 65535.0f));
      } else {
        out.scanLine(y)[x] = static_cast<uchar>(std::clamp(v, 0.0f, 255.0f));
      }
    }
  }
  return out.save(path, "PNG") ? path : QString();
}

QAction* actionWithShortcut(QWidget* window, const QKeySequence& key) {
  for (QAction* action : window->actions()) {
    if (action->shortcuts().contains(key)) return action;
  }
  return nullptr;
}

}  // namespace edgefuse::test
