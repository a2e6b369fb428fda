// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>
#include <memory>

namespace edgefuse::ui {

/// Loads and switches the UI language at run time: EdgeFuse's own
/// translations (compiled into the program, or newer ones from
/// <data dir>/translations) and Qt's for the standard dialogs. Widgets
/// retranslate on QEvent::LanguageChange. GUI thread only.
class LanguageManager : public QObject {
  Q_OBJECT
 public:
  explicit LanguageManager(QObject* parent = nullptr);
  ~LanguageManager() override;

  /// Language codes EdgeFuse ships: "en", "de", "zh_CN".
  static QStringList availableLanguages();
  /// The language's own name ("English", "Deutsch", "简体中文").
  static QString nativeName(const QString& code);
  /// The shipped language closest to the system locale ("en" if none).
  static QString systemLanguage();

  /// Switches to `code` (one of availableLanguages(); empty = the system's).
  /// Returns false, and keeps the current language, for an unknown code or
  /// a translation that fails to load.
  bool setLanguage(const QString& code);
  QString language() const { return m_language; }

 signals:
  void languageChanged(const QString& code);

 private:
  void removeTranslators();

  std::unique_ptr<QTranslator> m_app;
  std::unique_ptr<QTranslator> m_qt;
  QString m_language = QStringLiteral("en");
};

}  // namespace edgefuse::ui
