// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/Settings.h"

#include <QDir>

namespace edgefuse::ui {
namespace {

const QString kDevice = QStringLiteral("fusion/device");
const QString kMethod = QStringLiteral("fusion/method");
const QString kStrategy = QStringLiteral("fusion/strategy");
const QString kBnMode = QStringLiteral("fusion/bnMode");
const QString kModel = QStringLiteral("fusion/model");
const QString kColorMap = QStringLiteral("view/colorMap");
const QString kCompareMode = QStringLiteral("view/compareMode");
const QString kOverlay = QStringLiteral("view/metricOverlay");
const QString kCrosshair = QStringLiteral("view/crosshair");
const QString kLanguage = QStringLiteral("ui/language");
const QString kOpenFolder = QStringLiteral("folders/open");
const QString kExportFolder = QStringLiteral("folders/export");
const QString kRecent = QStringLiteral("files/recent");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");

std::string stringValue(const QSettings& s, const QString& key) {
  return s.value(key).toString().toStdString();
}

}  // namespace

Settings::Settings() : m_owned(std::make_unique<QSettings>()), m_store(m_owned.get()) {}

Settings::Settings(QSettings* store) : m_store(store) {}

Settings::~Settings() = default;

DevicePreference Settings::devicePreference() const {
  return parseDevicePreference(stringValue(*m_store, kDevice)).value_or(DevicePreference::Auto);
}

void Settings::setDevicePreference(DevicePreference device) {
  m_store->setValue(kDevice, QString::fromLatin1(devicePreferenceName(device)));
}

Method Settings::defaultMethod() const {
  return parseMethod(stringValue(*m_store, kMethod)).value_or(Method::Network);
}

void Settings::setDefaultMethod(Method method) {
  m_store->setValue(kMethod, QString::fromLatin1(methodName(method)));
}

Strategy Settings::defaultStrategy() const {
  return parseStrategy(stringValue(*m_store, kStrategy)).value_or(Strategy::Sfnn);
}

void Settings::setDefaultStrategy(Strategy strategy) {
  m_store->setValue(kStrategy, QString::fromLatin1(strategyName(strategy)));
}

std::optional<BnMode> Settings::bnMode() const {
  auto mode = parseBnMode(stringValue(*m_store, kBnMode));
  if (!mode) return std::nullopt;
  return *mode;
}

void Settings::setBnMode(std::optional<BnMode> mode) {
  if (mode) {
    m_store->setValue(kBnMode, QString::fromLatin1(bnModeName(*mode)));
  } else {
    m_store->remove(kBnMode);
  }
}

QString Settings::model() const {
  return m_store->value(kModel).toString();
}

void Settings::setModel(const QString& model) {
  m_store->setValue(kModel, model);
}

ColorMapKind Settings::colorMap() const {
  return colorMapFromId(m_store->value(kColorMap).toString()).value_or(ColorMapKind::Hot);
}

void Settings::setColorMap(ColorMapKind map) {
  m_store->setValue(kColorMap, colorMapId(map));
}

CompareMode Settings::compareMode() const {
  return compareModeFromId(m_store->value(kCompareMode).toString()).value_or(CompareMode::Fused);
}

void Settings::setCompareMode(CompareMode mode) {
  m_store->setValue(kCompareMode, compareModeId(mode));
}

bool Settings::metricOverlayVisible() const {
  return m_store->value(kOverlay, true).toBool();
}

void Settings::setMetricOverlayVisible(bool visible) {
  m_store->setValue(kOverlay, visible);
}

bool Settings::crosshairVisible() const {
  return m_store->value(kCrosshair, true).toBool();
}

void Settings::setCrosshairVisible(bool visible) {
  m_store->setValue(kCrosshair, visible);
}

QString Settings::language() const {
  return m_store->value(kLanguage).toString();
}

void Settings::setLanguage(const QString& language) {
  m_store->setValue(kLanguage, language);
}

QString Settings::lastOpenFolder() const {
  return m_store->value(kOpenFolder, QDir::homePath()).toString();
}

void Settings::setLastOpenFolder(const QString& folder) {
  m_store->setValue(kOpenFolder, folder);
}

QString Settings::lastExportFolder() const {
  return m_store->value(kExportFolder, QDir::homePath()).toString();
}

void Settings::setLastExportFolder(const QString& folder) {
  m_store->setValue(kExportFolder, folder);
}

QStringList Settings::recentFiles() const {
  QStringList files = m_store->value(kRecent).toStringList();
  while (files.size() > kMaxRecentFiles) files.removeLast();
  return files;
}

void Settings::addRecentFile(const QString& path) {
  QStringList files = recentFiles();
  files.removeAll(path);
  files.prepend(path);
  while (files.size() > kMaxRecentFiles) files.removeLast();
  m_store->setValue(kRecent, files);
}

void Settings::clearRecentFiles() {
  m_store->remove(kRecent);
}

QByteArray Settings::windowGeometry() const {
  return m_store->value(kGeometry).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray& geometry) {
  m_store->setValue(kGeometry, geometry);
}

QByteArray Settings::windowState() const {
  return m_store->value(kState).toByteArray();
}

void Settings::setWindowState(const QByteArray& state) {
  m_store->setValue(kState, state);
}

void Settings::sync() {
  m_store->sync();
}

}  // namespace edgefuse::ui
