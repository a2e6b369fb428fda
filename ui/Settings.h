// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

#include "core/fusion/FusionTypes.h"
#include "ui/ColorMap.h"
#include "ui/CompareMode.h"

namespace edgefuse::ui {

/// The user's preferences, stored with QSettings and restored on start:
/// device, default method/strategy/BN mode, colour map, compare mode,
/// language, folders, recent files, window layout. Unknown or damaged values
/// read back as the defaults. GUI thread only.
class Settings {
 public:
  /// Uses the application's settings (organisation/application names of
  /// QCoreApplication).
  Settings();
  /// Uses a specific store (e.g. an INI file in tests). Not owned.
  explicit Settings(QSettings* store);
  ~Settings();
  Settings(const Settings&) = delete;
  Settings& operator=(const Settings&) = delete;

  DevicePreference devicePreference() const;
  void setDevicePreference(DevicePreference device);
  Method defaultMethod() const;
  void setDefaultMethod(Method method);
  Strategy defaultStrategy() const;
  void setDefaultStrategy(Strategy strategy);
  /// BatchNorm mode; nullopt = the model's recommendation.
  std::optional<BnMode> bnMode() const;
  void setBnMode(std::optional<BnMode> mode);
  /// Model specification for the engine (empty = shipped default).
  QString model() const;
  void setModel(const QString& model);

  ColorMapKind colorMap() const;
  void setColorMap(ColorMapKind map);
  CompareMode compareMode() const;
  void setCompareMode(CompareMode mode);
  bool metricOverlayVisible() const;
  void setMetricOverlayVisible(bool visible);
  bool crosshairVisible() const;
  void setCrosshairVisible(bool visible);

  /// Language code ("en", "de", "zh_CN"); empty = the system's language.
  QString language() const;
  void setLanguage(const QString& language);

  QString lastOpenFolder() const;
  void setLastOpenFolder(const QString& folder);
  QString lastExportFolder() const;
  void setLastExportFolder(const QString& folder);

  /// Most recent first, at most kMaxRecentFiles entries.
  QStringList recentFiles() const;
  void addRecentFile(const QString& path);
  void clearRecentFiles();
  static constexpr int kMaxRecentFiles = 10;

  QByteArray windowGeometry() const;
  void setWindowGeometry(const QByteArray& geometry);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& state);

  /// Writes pending changes to storage.
  void sync();

 private:
  std::unique_ptr<QSettings> m_owned;
  QSettings* m_store;
};

}  // namespace edgefuse::ui
