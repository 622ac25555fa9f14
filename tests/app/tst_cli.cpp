// The headless entry points: --help/--version and unknown commands, without a display; and the
// real binary: every subcommand's --help, unknown first arguments, and the window options that
// must still start the window (self-test, single-instance hand-over).
#include "app/cli/cli.h"
#include "app/version.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace {

// Every subcommand in cli.cpp's table; commandListMatchesHelp() keeps this list complete.
const QStringList allCommands = {QStringLiteral("policy-check"), QStringLiteral("run"), QStringLiteral("projects"),
                                 QStringLiteral("features"), QStringLiteral("context"), QStringLiteral("runs"),
                                 QStringLiteral("events"), QStringLiteral("export"), QStringLiteral("audit")};

struct BinaryResult
{
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int status = -1;
    QString out;
    QString err;
};

// The binary by its absolute path (what users see as argv[0] when they start it that way).
// `displayless`: no display at all, so an attempt to open the window aborts instead of succeeding.
BinaryResult runBinary(const QStringList &arguments, bool displayless, const QString &runtimeDir = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (displayless) {
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    } else {
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    }
    if (!runtimeDir.isEmpty())
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(WORKBENCH_CLI_BINARY), arguments);
    BinaryResult result;
    result.finished = process.waitForFinished(120000);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitStatus = process.exitStatus();
    result.status = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace

using namespace workbench::cli;

class TestCli : public QObject
{
    Q_OBJECT
private:
    struct Result
    {
        int status;
        QString out;
        QString err;
    };
    static Result run(const QStringList &args)
    {
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const int status = runHeadless(QStringList{QStringLiteral("ccdash-workbench")} + args, {out, err});
        out.flush();
        err.flush();
        return {status, outText, errText};
    }

private Q_SLOTS:
    void headlessDetection_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("headless");
        QTest::newRow("no arguments starts the window") << QStringList{} << false;
        QTest::newRow("window option") << QStringList{QStringLiteral("--database"), QStringLiteral("x.db")} << false;
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << true;
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << true;
        QTest::newRow("a command") << QStringList{QStringLiteral("runs")} << true;
        QTest::newRow("unknown word: reported headless") << QStringList{QStringLiteral("bogus")} << true;
        QTest::newRow("self-test starts the window") << QStringList{QStringLiteral("--self-test")} << false;
        QTest::newRow("Qt option starts the window") << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen")} << false;
    }
    void headlessDetection()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, headless);
        QCOMPARE(isHeadlessInvocation(QStringList{QStringLiteral("ccdash-workbench")} + args), headless);
    }

    void versionPrintsNameAndVersion()
    {
        const Result result = run({QStringLiteral("--version")});
        QCOMPARE(result.status, int(ExitOk));
        QCOMPARE(result.out, QStringLiteral("ccdash-workbench " WORKBENCH_VERSION "\n"));
    }

    void helpListsUsage()
    {
        const Result result = run({QStringLiteral("--help")});
        QCOMPARE(result.status, int(ExitOk));
        QVERIFY(result.out.contains(QStringLiteral("Usage: ccdash-workbench")));
        QVERIFY(result.err.isEmpty());
    }

    // --- the real binary ------------------------------------------------------------------------

    void commandListMatchesHelp()
    {
        const BinaryResult result = runBinary({QStringLiteral("--help")}, /*displayless=*/true);
        QVERIFY(result.finished);
        QCOMPARE(result.status, int(ExitOk));
        const QString commands = result.out.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
        QStringList listed;
        for (const QString &line : commands.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            listed << line.trimmed().section(QLatin1Char(' '), 0, 0);
        QCOMPARE(listed, allCommands);
    }

    void subcommandHelpNamesTheCommand_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("command");
        for (const QString &command : allCommands) {
            QTest::addRow("%s --help", qPrintable(command)) << QStringList{command, QStringLiteral("--help")} << command;
            QTest::addRow("%s -h", qPrintable(command)) << QStringList{command, QStringLiteral("-h")} << command;
        }
    }
    void subcommandHelpNamesTheCommand()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, command);
        const BinaryResult result = runBinary(arguments, /*displayless=*/true);
        QVERIFY(result.finished);
        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        QCOMPARE(result.status, int(ExitOk));
        QVERIFY2(result.out.startsWith(QStringLiteral("Usage: ccdash-workbench %1 [options]").arg(command)),
                 qPrintable(result.out.section(QLatin1Char('\n'), 0, 0)));
        QVERIFY2(!result.out.contains(QStringLiteral(WORKBENCH_CLI_BINARY)), qPrintable(result.out));
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    }

    void unknownFirstArgumentIsAnError_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::newRow("bogus") << QStringList{QStringLiteral("bogus")} << QStringLiteral("bogus");
        QTest::newRow("typo of a command") << QStringList{QStringLiteral("rnus"), QStringLiteral("--json")} << QStringLiteral("rnus");
        QTest::newRow("before a window option")
            << QStringList{QStringLiteral("bogus"), QStringLiteral("--database"), QStringLiteral("/tmp/x.db")} << QStringLiteral("bogus");
        QTest::newRow("empty word") << QStringList{QString()} << QString();
        QTest::newRow("a path") << QStringList{QStringLiteral("/tmp/some file.txt")} << QStringLiteral("/tmp/some file.txt");
    }
    void unknownFirstArgumentIsAnError()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        // No display: had it tried to open the window, it would abort instead of exiting with 64.
        const BinaryResult result = runBinary(arguments, /*displayless=*/true);
        QVERIFY(result.finished);
        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        QCOMPARE(result.status, int(ExitUsage));
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.startsWith(QStringLiteral("Unknown command '%1'.\n").arg(named)), qPrintable(result.err));
        for (const QString &command : allCommands)
            QVERIFY2(result.err.contains(QStringLiteral("\n  ") + command + QLatin1Char(' ')), qPrintable(command));
    }

    void unknownWindowOptionsAreUsageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown long option") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("'frobnicate'");
        QTest::newRow("unknown after a known one")
            << QStringList{QStringLiteral("--self-test"), QStringLiteral("--databse"), QStringLiteral("x.db")} << QStringLiteral("databse");
        QTest::newRow("unknown beside a Qt option")
            << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-frobnicate")} << QStringLiteral("'frobnicate'");
        QTest::newRow("stray argument after the options")
            << QStringList{QStringLiteral("--self-test"), QStringLiteral("leftover")} << QStringLiteral("'leftover'");
        QTest::newRow("--database without its value") << QStringList{QStringLiteral("--database")} << QStringLiteral("database");
    }
    void unknownWindowOptionsAreUsageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QTemporaryDir runtime;
        // Offscreen: were the option ignored, --self-test would open the window and exit 0.
        const BinaryResult result = runBinary(arguments, /*displayless=*/false, runtime.path());
        QVERIFY(result.finished);
        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        QCOMPARE(result.status, int(ExitUsage));
        QVERIFY2(result.err.contains(expected), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("Window options")), qPrintable(result.err));
    }

    void windowOptionsStillStartTheWindow_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString database = QStringLiteral("%DB%");
        QTest::newRow("--self-test") << QStringList{QStringLiteral("--self-test"), QStringLiteral("--database"), database};
        QTest::newRow("--database first") << QStringList{QStringLiteral("--database"), database, QStringLiteral("--self-test")};
        QTest::newRow("--database=") << QStringList{QStringLiteral("--database=") + database, QStringLiteral("--self-test")};
        QTest::newRow("--ccdash-url first") << QStringList{QStringLiteral("--ccdash-url"), QStringLiteral("http://127.0.0.1:9"),
                                                           QStringLiteral("--database"), database, QStringLiteral("--self-test")};
        QTest::newRow("Qt option first") << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"),
                                                        QStringLiteral("--self-test"), QStringLiteral("--database"), database};
    }
    void windowOptionsStillStartTheWindow()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir data;
        arguments.replaceInStrings(QStringLiteral("%DB%"), data.filePath(QStringLiteral("workbench.db")));
        // --self-test shows the real window, checks it and the store, and exits 0.
        const BinaryResult result = runBinary(arguments, /*displayless=*/false, data.path());
        QVERIFY(result.finished);
        QCOMPARE(result.exitStatus, QProcess::NormalExit);
        QVERIFY2(result.status == 0, qPrintable(result.err));
        QVERIFY2(!result.err.contains(QStringLiteral("Unknown command")), qPrintable(result.err));
        QVERIFY(QFile::exists(data.filePath(QStringLiteral("workbench.db"))));
    }

    void secondLaunchHandsOverToTheWindow_data()
    {
        QTest::addColumn<QStringList>("secondArguments");
        QTest::newRow("same database") << QStringList{QStringLiteral("--database"), QStringLiteral("%DB%")};
        QTest::newRow("with --ccdash-url") << QStringList{QStringLiteral("--ccdash-url"), QStringLiteral("http://127.0.0.1:9"),
                                                          QStringLiteral("--database=%DB%")};
    }
    void secondLaunchHandsOverToTheWindow()
    {
        QFETCH(QStringList, secondArguments);
        QTemporaryDir data;
        QTemporaryDir runtime;
        const QString database = data.filePath(QStringLiteral("workbench.db"));
        QProcess primary;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
        primary.setProcessEnvironment(environment);
        primary.start(QStringLiteral(WORKBENCH_CLI_BINARY), {QStringLiteral("--database"), database});
        QVERIFY(primary.waitForStarted());
        auto stopPrimary = qScopeGuard([&primary] {
            primary.kill();
            primary.waitForFinished();
        });
        // The primary listens once its socket exists next to its lock file.
        const auto listening = [&runtime] {
            return !QDir(runtime.path()).entryList({QStringLiteral("ccdash-workbench-*")}, QDir::System | QDir::Files | QDir::Hidden)
                        .filter(QRegularExpression(QStringLiteral("^ccdash-workbench-[0-9a-f]+$"))).isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(listening() || primary.state() == QProcess::NotRunning, 60000);
        QVERIFY2(primary.state() == QProcess::Running, primary.readAllStandardError().constData());

        secondArguments.replaceInStrings(QStringLiteral("%DB%"), database);
        const BinaryResult second = runBinary(secondArguments, /*displayless=*/false, runtime.path());
        QVERIFY(second.finished);
        QCOMPARE(second.exitStatus, QProcess::NormalExit);
        QVERIFY2(second.status == 0, qPrintable(second.err));
        QVERIFY2(!second.err.contains(QStringLiteral("Unknown command")), qPrintable(second.err));
        QCOMPARE(primary.state(), QProcess::Running); // the window stays, brought forward
    }

    void unknownCommandIsUsageError()
    {
        const Result result = run({QStringLiteral("--frobnicate")});
        QCOMPARE(result.status, int(ExitUsage));
        QVERIFY(result.err.contains(QStringLiteral("Unknown command '--frobnicate'")));
        QVERIFY(result.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
