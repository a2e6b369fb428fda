// SPDX-License-Identifier: GPL-3.0-or-later
// Translations: the shipped languages load at run time, their .ts files are
// complete, and the error sentences exist in every language.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QXmlStreamReader>

#include "UiTestSupport.h"
#include "ui/ErrorText.h"
#include "ui/LanguageManager.h"

using namespace edgefuse;
using namespace edgefuse::ui;

class TranslationsTest : public QObject {
  Q_OBJECT
 private slots:
  void init() { test::failOnAnyWarning(); }

  void shippedLanguagesLoadAndSwitch() {
    LanguageManager languages;
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);
    QCOMPARE(LanguageManager::availableLanguages(),
             (QStringList{QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")}));
    QVERIFY(languages.setLanguage(QStringLiteral("de")));
    QCOMPARE(languages.language(), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("edgefuse::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
    QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
    QCOMPARE(QCoreApplication::translate("edgefuse::ui::MainWindow", "&File"), QStringLiteral("文件(&F)"));
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("edgefuse::ui::MainWindow", "&File"), QStringLiteral("&File"));
    QCOMPARE(changed.count(), 3);
    QVERIFY(!languages.setLanguage(QStringLiteral("fr")));
    QCOMPARE(languages.language(), QStringLiteral("en"));
    QCOMPARE(changed.count(), 3);
  }

  void errorSentencesAreTranslated_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
  }

  void errorSentencesAreTranslated() {
    QFETCH(QString, language);
    LanguageManager languages;
    QStringList english;
    for (int c = 0; c <= static_cast<int>(ErrorCode::Internal); ++c)
      english << errorSentence(static_cast<ErrorCode>(c));
    QVERIFY(languages.setLanguage(language));
    for (int c = 0; c <= static_cast<int>(ErrorCode::Internal); ++c) {
      const QString translated = errorSentence(static_cast<ErrorCode>(c));
      QVERIFY2(!translated.isEmpty() && translated != english.at(c), errorCodeName(static_cast<ErrorCode>(c)));
    }
    const Error error{ErrorCode::FileNotFound, "no such file", "/x.png"};
    QVERIFY(describeError(error).contains(QStringLiteral("no such file (/x.png)")));
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
  }

  void tsFilesAreComplete_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("de") << QStringLiteral(EDGEFUSE_TS_DIR "/edgefuse_de.ts");
    QTest::newRow("zh_CN") << QStringLiteral(EDGEFUSE_TS_DIR "/edgefuse_zh_CN.ts");
  }

  void tsFilesAreComplete() {
    QFETCH(QString, file);
    QFile ts(file);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(file));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("source")) {
        source = xml.readElementText();
      } else if (xml.name() == QLatin1String("translation")) {
        ++messages;
        const QString type = xml.attributes().value(QLatin1String("type")).toString();
        QVERIFY2(type.isEmpty(), qPrintable(QStringLiteral("%1: '%2' is %3").arg(file, source, type)));
        const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        QVERIFY2(!text.trimmed().isEmpty(), qPrintable(QStringLiteral("%1: '%2' is empty").arg(file, source)));
        // Placeholders must survive translation.
        for (int n = 1; n <= 5; ++n) {
          const QString placeholder = QStringLiteral("%") + QString::number(n);
          QVERIFY2(source.contains(placeholder) == text.contains(placeholder),
                   qPrintable(QStringLiteral("%1: '%2' loses or adds %3").arg(file, source, placeholder)));
        }
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 300);
  }
};

QTEST_MAIN(TranslationsTest)
#include "TranslationsTest.moc"
