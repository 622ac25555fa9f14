// "Copy with command and cwd": the transcript names where the output came from, and the cd line
// pastes back into a shell safely whatever the directory is called.
#include "app/export/commandtranscript.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace workbench;

class TestCommandTranscript : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void transcript_data()
    {
        QTest::addColumn<QString>("cwd");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "/ws/app" << "make test" << "ok\n" << "$ cd /ws/app\n$ make test\nok\n";
        QTest::newRow("adds the last newline") << "/ws" << "ls" << "a\nb" << "$ cd /ws\n$ ls\na\nb\n";
        QTest::newRow("no output") << "/ws" << "true" << "" << "$ cd /ws\n$ true\n";
        QTest::newRow("no cwd") << "" << "echo hi" << "hi\n" << "$ echo hi\nhi\n";
        QTest::newRow("space in cwd") << "/ws/my app" << "ls" << "" << "$ cd '/ws/my app'\n$ ls\n";
        QTest::newRow("quote in cwd") << "/ws/it's" << "ls" << "" << "$ cd '/ws/it'\\''s'\n$ ls\n";
    }
    void transcript()
    {
        QFETCH(QString, cwd);
        QFETCH(QString, command);
        QFETCH(QString, output);
        QFETCH(QString, expected);
        QCOMPARE(app::commandTranscript(cwd, command, output), expected);
    }

    // The quoted cd line really reaches the directory in a real shell, however odd its name.
    void cdLineWorksInAShell_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("space") << "my app";
        QTest::newRow("quote") << "it's";
        QTest::newRow("dollar and backtick") << "$HOME `id`";
        QTest::newRow("semicolon") << "a; rm -rf x";
        QTest::newRow("unicode") << "prüfung";
    }
    void cdLineWorksInAShell()
    {
        QFETCH(QString, name);
        QTemporaryDir base;
        QVERIFY(base.isValid());
        const QString dir = base.filePath(name);
        QVERIFY(QDir().mkpath(dir));
        const QString firstLine = app::commandTranscript(dir, QStringLiteral("pwd"), QString()).section(QLatin1Char('\n'), 0, 0);
        QVERIFY(firstLine.startsWith(QLatin1String("$ ")));
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), firstLine.mid(2) + QStringLiteral(" && pwd")});
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()).trimmed(), dir);
    }
};

QTEST_GUILESS_MAIN(TestCommandTranscript)
#include "tst_commandtranscript.moc"
