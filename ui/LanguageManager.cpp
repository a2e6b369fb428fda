// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/LanguageManager.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <optional>

#include "core/base/Paths.h"

namespace edgefuse::ui {

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {}

LanguageManager::~LanguageManager() {
  removeTranslators();
}

void LanguageManager::removeTranslators() {
  if (m_app) QCoreApplication::removeTranslator(m_app.get());
  if (m_qt) QCoreApplication::removeTranslator(m_qt.get());
  m_app.reset();
  m_qt.reset();
}

QStringList LanguageManager::availableLanguages() {
  return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString LanguageManager::nativeName(const QString& code) {
  if (code == QLatin1String("de")) return QStringLiteral("Deutsch");
  if (code == QLatin1String("zh_CN")) return QStringLiteral("简体中文");
  return QStringLiteral("English");
}

QString LanguageManager::systemLanguage() {
  const QLocale system = QLocale::system();
  if (system.language() == QLocale::German) return QStringLiteral("de");
  if (system.language() == QLocale::Chinese) return QStringLiteral("zh_CN");
  return QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString& requested) {
  const QString code = requested.isEmpty() ? systemLanguage() : requested;
  if (!availableLanguages().contains(code)) return false;
  std::unique_ptr<QTranslator> app;
  std::unique_ptr<QTranslator> qt;
  if (code != QLatin1String("en")) {
    const QString file = QStringLiteral("edgefuse_") + code;
    app = std::make_unique<QTranslator>();
    // A translation installed beside the models wins over the built-in one,
    // so that translators can test updates without rebuilding.
    bool loaded = false;
    if (const auto dataDir = findDataDir()) {
      loaded = app->load(file, QString::fromStdString(*dataDir) + QStringLiteral("/translations"));
    }
    if (!loaded) loaded = app->load(file, QStringLiteral(":/i18n"));
    if (!loaded) return false;
    // Qt's own strings (standard buttons, file dialogs): best effort, they
    // come from the qt6-translations-l10n package.
    qt = std::make_unique<QTranslator>();
    if (!qt->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) qt.reset();
  }
  removeTranslators();
  m_app = std::move(app);
  m_qt = std::move(qt);
  if (m_qt) QCoreApplication::installTranslator(m_qt.get());
  if (m_app) QCoreApplication::installTranslator(m_app.get());
  m_language = code;
  QLocale::setDefault(QLocale(code));
  emit languageChanged(m_language);
  return true;
}

}  // namespace edgefuse::ui
