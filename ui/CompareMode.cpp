// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/CompareMode.h"

#include <QCoreApplication>

namespace edgefuse::ui {

QString compareModeId(CompareMode mode) {
  switch (mode) {
    case CompareMode::Fused:
      return QStringLiteral("fused");
    case CompareMode::Blend:
      return QStringLiteral("blend");
    case CompareMode::Checkerboard:
      return QStringLiteral("checkerboard");
    case CompareMode::Wipe:
      return QStringLiteral("wipe");
  }
  return QStringLiteral("fused");
}

std::optional<CompareMode> compareModeFromId(const QString& id) {
  for (CompareMode mode : {CompareMode::Fused, CompareMode::Blend, CompareMode::Checkerboard, CompareMode::Wipe}) {
    if (compareModeId(mode) == id) return mode;
  }
  return std::nullopt;
}

QString compareModeDisplayName(CompareMode mode) {
  switch (mode) {
    case CompareMode::Fused:
      return QCoreApplication::translate("CompareMode", "Fused");
    case CompareMode::Blend:
      return QCoreApplication::translate("CompareMode", "Blend");
    case CompareMode::Checkerboard:
      return QCoreApplication::translate("CompareMode", "Checkerboard");
    case CompareMode::Wipe:
      return QCoreApplication::translate("CompareMode", "Wipe");
  }
  return {};
}

}  // namespace edgefuse::ui
