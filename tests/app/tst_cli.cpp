// The headless entry points: --help/--version and unknown commands, without a display.
#include "app/cli/cli.h"
#include "app/version.h"

#include <QtTest>

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
