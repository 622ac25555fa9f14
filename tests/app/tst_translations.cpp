// Translations: the German catalogue and Qt's own are found and installed for a German locale,
// nothing is installed for English, and every .ts file is complete with matching placeholders.
#include "app/ccdash/ccdashparser.h"
#include "app/cli/cli_policy.h"
#include "app/translations.h"
#include "models/databaselocation.h"

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
        bool numerus = false;
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
                current = Message{context, {}, {}, false, false};
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (xml.name() == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                if (type == QLatin1String("vanished") || type == QLatin1String("obsolete"))
                    continue;
                current.unfinished = type == QLatin1String("unfinished");
                if (!current.numerus) {
                    current.translation = xml.readElementText();
                    messages << current;
                    continue;
                }
                // Plural messages: one entry per <numerusform>, each must be filled in.
                bool anyForm = false;
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform")) {
                        current.translation = xml.readElementText();
                        messages << current;
                        anyForm = true;
                    } else {
                        xml.skipCurrentElement();
                    }
                }
                if (!anyForm) {
                    current.translation.clear();
                    messages << current;
                }
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
        // Plural forms are looked up by count.
        QCOMPARE(QCoreApplication::translate("workbench::ui::MainWindow", "%n minute(s) ago", nullptr, 1),
                 QStringLiteral("vor 1 Minute"));
        QCOMPARE(QCoreApplication::translate("workbench::ui::MainWindow", "%n minute(s) ago", nullptr, 5),
                 QStringLiteral("vor 5 Minuten"));

        // Qt's own strings (standard buttons and the like) come from qt6-translations-l10n.
        const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm");
        QVERIFY2(QFile::exists(qtbase), "qt6-translations-l10n is not installed");
        QVERIFY2(loaded.contains(qtbase), qPrintable(loaded.join(u',')));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }

    // Each layer's messages reach the German catalogue at run time: the context a file's tr()
    // helper asks for must be the one lupdate filed its strings under, or the text stays English.
    void germanReachesEveryLayer_data()
    {
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QString>("expected");
        QTest::newRow("cli policy-check") << QStringLiteral("cli") << QStringLiteral("--workspace ist erforderlich.");
        QTest::newRow("ccdash parser") << QStringLiteral("parser") << QStringLiteral("der Antwortinhalt ist leer");
        QTest::newRow("ccdash reader") << QStringLiteral("reader")
                                       << QStringLiteral("Zeichenkette erwartet, aber eine Zahl erhalten");
        QTest::newRow("models database location") << QStringLiteral("models")
                                                  << QStringLiteral("Die Datenbankeinstellung ist leer.");
    }
    void germanReachesEveryLayer()
    {
        QFETCH(QString, layer);
        QFETCH(QString, expected);
        installTranslators(*QCoreApplication::instance(), QLocale(QLocale::German, QLocale::Germany));
        QString message;
        if (layer == QLatin1String("cli")) {
            QString out;
            QString err;
            QTextStream outStream(&out);
            QTextStream errStream(&err);
            workbench::cli::runPolicyCheckCommand({QStringLiteral("policy-check"), QStringLiteral("ls")},
                                                  {outStream, errStream});
            errStream.flush();
            message = err;
        } else if (layer == QLatin1String("parser")) {
            message = workbench::ccdash::parseProjects(QByteArray()).error().message;
        } else if (layer == QLatin1String("reader")) {
            message = workbench::ccdash::parseProjects(R"([{"id": 7, "name": "n", "path": "/p"}])").error().message;
        } else {
            message = workbench::models::parseDatabaseLocation(QString()).errorMessage();
        }
        QVERIFY2(message.contains(expected), qPrintable(message));
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
            else if (message.source.contains(QLatin1String("%n")) && !message.translation.contains(QLatin1String("%n")))
                problems << QStringLiteral("%n missing [%1] %2").arg(message.context, message.source);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
