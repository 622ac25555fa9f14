// Translations: the German catalogue and Qt's own are found and installed for a German locale,
// nothing is installed for English, and every .ts file is complete with matching placeholders.
#include "app/translations.h"

#include <QDir>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

using namespace workbench::app;

class TestTranslations : public QObject
{
    Q_OBJECT
private:
    struct Message
    {
        QString context;
        QString source;
        QString translation;
        bool unfinished = false;
    };

    static QList<Message> readTs(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot open %s", qPrintable(path));
        QList<Message> messages;
        QXmlStreamReader xml(&file);
        QString context;
        Message current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                current = Message{context, {}, {}, false};
            } else if (xml.name() == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                    continue;
                current.unfinished = type == QLatin1String("unfinished");
                current.translation = xml.readElementText();
                messages << current;
            }
        }
        if (xml.hasError())
            qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
        return messages;
    }

    static QStringList placeholders(const QString &text)
    {
        static const QRegularExpression placeholder(QStringLiteral("%L?\\d+"));
        QStringList found;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(text))
            found << match.captured();
        found.sort();
        return found;
    }

    static QStringList tsFiles()
    {
        const QDir directory(QStringLiteral(WORKBENCH_SOURCE_DIR "/resources/translations"));
        QStringList files;
        for (const QString &name : directory.entryList({QStringLiteral("*.ts")}, QDir::Files))
            files << directory.filePath(name);
        return files;
    }

private Q_SLOTS:
    void cleanup()
    {
        // Each test starts untranslated: a QTranslator uninstalls itself when deleted.
        qDeleteAll(qApp->findChildren<QTranslator *>());
    }

    void germanLocaleLoadsBothCatalogues_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany);
        QTest::newRow("de_AT falls back to de") << QLocale(QLocale::German, QLocale::Austria);
        QTest::newRow("de_CH falls back to de") << QLocale(QLocale::German, QLocale::Switzerland);
    }
    void germanLocaleLoadsBothCatalogues()
    {
        QFETCH(QLocale, locale);
        const QStringList loaded = installTranslators(*QCoreApplication::instance(), locale);
        QVERIFY2(loaded.contains(QStringLiteral(":/i18n/ccdash-workbench_de.qm")), qPrintable(loaded.join(u',')));
        QCOMPARE(QCoreApplication::translate("cli", "\nCommands:\n"), QStringLiteral("\nBefehle:\n"));

        // Qt's own strings (standard buttons and the like) come from qt6-translations-l10n.
        const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm");
        QVERIFY2(QFile::exists(qtbase), "qt6-translations-l10n is not installed");
        QVERIFY2(loaded.contains(qtbase), qPrintable(loaded.join(u',')));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }

    void englishLocaleLoadsNothing_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("C") << QLocale::c();
    }
    void englishLocaleLoadsNothing()
    {
        QFETCH(QLocale, locale);
        const QStringList loaded = installTranslators(*QCoreApplication::instance(), locale);
        QVERIFY2(!loaded.contains(QStringLiteral(":/i18n/ccdash-workbench_de.qm")), qPrintable(loaded.join(u',')));
        QCOMPARE(QCoreApplication::translate("cli", "\nCommands:\n"), QStringLiteral("\nCommands:\n"));
    }

    void catalogueIsComplete_data()
    {
        QTest::addColumn<QString>("tsFile");
        const QStringList files = tsFiles();
        QVERIFY(!files.isEmpty());
        for (const QString &file : files)
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
    }
    void catalogueIsComplete()
    {
        QFETCH(QString, tsFile);
        const QList<Message> messages = readTs(tsFile);
        QVERIFY(!messages.isEmpty());
        QStringList problems;
        for (const Message &message : messages) {
            if (message.unfinished || message.translation.trimmed().isEmpty())
                problems << QStringLiteral("untranslated [%1] %2").arg(message.context, message.source);
            else if (placeholders(message.source) != placeholders(message.translation))
                problems << QStringLiteral("placeholders differ [%1] %2").arg(message.context, message.source);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
