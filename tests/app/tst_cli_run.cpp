// `ccdash-workbench run` as users run it: the real executable as a child process. Output passthrough
// per stream, exit statuses, approval/deny exits, Ctrl-C, timeout, and recovery after the CLI is
// SIGKILLed mid-run (the next opening of the database fails the run and kills its orphaned group).
#include "app/execution/executionservice.h"
#include "app/execution/policyevaluator.h"
#include "app/runtime/processgroup.h"
#include "models/database.h"
#include "models/eventwriter.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/floodpattern.h"
#include "tests/support/scratchexecutables.h"

#include <QtTest>

#include <csignal>

using namespace workbench;
using namespace std::chrono_literals;

class TestCliRun : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    QString m_database;
    static constexpr int LongWait = 60000;

    // The helper is a project-local program: approve it in case the policy asks (it is not what these tests check).
    static QStringList approved() { return {QStringLiteral("--approve"), QStringLiteral("test helper")}; }

    QStringList runArguments(const QStringList &extra, const QStringList &command) const
    {
        return QStringList{QStringLiteral("run"), QStringLiteral("--workspace"), m_workspace, QStringLiteral("--database"),
                           m_database}
               + extra + QStringList{QStringLiteral("--")} + command;
    }

    void startCli(QProcess &process, const QStringList &extra, const QStringList &command) const
    {
        process.setProgram(QStringLiteral(WORKBENCH_TEST_BINARY_DIR "/app/ccdash-workbench"));
        process.setArguments(runArguments(extra, command));
        process.setWorkingDirectory(m_workspace);
        process.start();
    }

    using Result = testsupport::CliResult;
    Result runCli(const QStringList &extra, const QStringList &command) const
    {
        QProcess process;
        startCli(process, extra, command);
        return testsupport::waitForCli(process, LongWait);
    }

    // Opens the store the CLI used, as the app does (startup recovery included on request).
    using Store = testsupport::AppStore;
    std::unique_ptr<Store> openStore() const { return testsupport::openAppStore(m_database); }
    QList<models::ExecutionRun> runs(Store &store) const
    {
        models::RunQuery query;
        query.limit = 100;
        auto all = store.service->repository().listRuns(query);
        return all ? *all : QList<models::ExecutionRun>{};
    }
    QList<models::RunEvent> events(Store &store, const QString &runId) const
    {
        auto page = store.service->repository().listEventsAfterSequence(runId, 0, 100000);
        return page ? page->items : QList<models::RunEvent>{};
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspace = m_dir->filePath(QStringLiteral("workspace"));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/tools")));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/build")));
        QVERIFY(testsupport::copyExecutable(QStringLiteral(WORKBENCH_CHILDHELPER),
                                            m_workspace + QStringLiteral("/tools/childhelper")));
        m_workspace = QFileInfo(m_workspace).canonicalFilePath();
        m_database = m_dir->filePath(QStringLiteral("store.db"));
    }
    void cleanup() { m_dir.reset(); }

    void streamsAndExitStatusPassThrough_data()
    {
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("out");
        QTest::addColumn<QByteArray>("err");
        QTest::addColumn<QString>("status");
        QTest::newRow("success") << QStringList{QStringLiteral("out:hello"), QStringLiteral("err:note")} << 0
                                 << QByteArray("hello\n") << QByteArray("note\n") << QStringLiteral("succeeded");
        QTest::newRow("exit 3") << QStringList{QStringLiteral("out:partial"), QStringLiteral("err:oops"), QStringLiteral("exit:3")}
                                << 3 << QByteArray("partial\n") << QByteArray("oops\n") << QStringLiteral("failed");
        QTest::newRow("killed by SIGKILL") << QStringList{QStringLiteral("signal:9")} << 128 + 9 << QByteArray()
                                           << QByteArray() << QStringLiteral("failed");
        QTest::newRow("invalid UTF-8 bytes arrive unchanged")
            << QStringList{QStringLiteral("invalid-utf8")} << 0 << QByteArray("bad:\xff\xfe\xc3\x28 end\n") << QByteArray()
            << QStringLiteral("succeeded");
    }
    void streamsAndExitStatusPassThrough()
    {
        QFETCH(QStringList, actions);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, out);
        QFETCH(QByteArray, err);
        QFETCH(QString, status);
        const Result result = runCli(approved(), QStringList{QStringLiteral("./tools/childhelper")} + actions);
        QCOMPARE(result.exitCode, exitCode);
        QCOMPARE(result.out, out);
        QVERIFY2(result.err.startsWith(err), result.err.constData());

        auto store = openStore();
        QVERIFY(store);
        const QList<models::ExecutionRun> all = runs(*store);
        QCOMPARE(all.size(), 1);
        QCOMPARE(models::toString(all.constFirst().status), status);
        QCOMPARE(all.constFirst().metadata.value(QStringLiteral("launchedFrom")).toString(), QStringLiteral("cli"));
        QCOMPARE(events(*store, all.constFirst().id).constFirst().eventType, QStringLiteral("policy"));
    }

    void approvalIsNeededOrGiven()
    {
        const Result blocked = runCli({}, {QStringLiteral("rm -rf build")});
        QCOMPARE(blocked.exitCode, 3);
        QVERIFY2(blocked.err.contains("requires approval"), blocked.err.constData());
        QVERIFY2(blocked.err.contains("--approve"), blocked.err.constData());
        QVERIFY(QFileInfo::exists(m_workspace + QStringLiteral("/build")));

        const Result approved = runCli({QStringLiteral("--approve"), QStringLiteral("cleaning up")}, {QStringLiteral("rm -rf build")});
        QCOMPARE(approved.exitCode, 0);
        QVERIFY(!QFileInfo::exists(m_workspace + QStringLiteral("/build")));

        auto store = openStore();
        QVERIFY(store);
        const QList<models::ExecutionRun> all = runs(*store); // newest first
        QCOMPARE(all.size(), 2);
        QCOMPARE(models::toString(all.at(0).status), QStringLiteral("succeeded"));
        QCOMPARE(all.at(0).approvedBy, execution::currentActor());
        QCOMPARE(models::toString(all.at(1).status), QStringLiteral("blocked"));
    }

    void deniedCommandExits4()
    {
        const Result denied = runCli({QStringLiteral("--approve"), QStringLiteral("please")}, {QStringLiteral("rm -rf /")});
        QCOMPARE(denied.exitCode, 4);
        QVERIFY2(denied.err.contains("blocked by policy"), denied.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("bad size") << QStringList{QStringLiteral("run"), QStringLiteral("--workspace"), QStringLiteral("."),
                                                 QStringLiteral("--max-output"), QStringLiteral("lots"), QStringLiteral("ls")};
        QTest::newRow("no workspace") << QStringList{QStringLiteral("run"), QStringLiteral("ls")};
        QTest::newRow("no command") << QStringList{QStringLiteral("run"), QStringLiteral("--workspace"), QStringLiteral(".")};
        QTest::newRow("bad timeout") << QStringList{QStringLiteral("run"), QStringLiteral("--workspace"), QStringLiteral("."),
                                                    QStringLiteral("--timeout"), QStringLiteral("soon"), QStringLiteral("ls")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QProcess process;
        process.setWorkingDirectory(m_workspace);
        process.start(QStringLiteral(WORKBENCH_TEST_BINARY_DIR "/app/ccdash-workbench"), arguments);
        QVERIFY(process.waitForFinished(LongWait));
        QCOMPARE(process.exitCode(), 64);
        QVERIFY(!process.readAllStandardError().isEmpty());
        QVERIFY(!QFileInfo::exists(m_database));
    }

    void timeoutExits124()
    {
        const Result result = runCli(approved() + QStringList{QStringLiteral("--timeout"), QStringLiteral("0.3")},
                                     {QStringLiteral("./tools/childhelper"), QStringLiteral("sleep:60")});
        QCOMPARE(result.exitCode, 124);
    }

    void maxOutputKeepsHeadAndTail()
    {
        const Result result = runCli(approved() + QStringList{QStringLiteral("--max-output"), QStringLiteral("1K")},
                                     {QStringLiteral("./tools/childhelper"), QStringLiteral("flood:100K")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.size(), 1024);
        auto store = openStore();
        const models::ExecutionRun run = runs(*store).constFirst();
        QCOMPARE(run.metadata[QStringLiteral("workbench")][QStringLiteral("outcome")][QStringLiteral("stdout")]
                               [QStringLiteral("droppedBytes")].toInteger(),
                 100 * 1024 - 1024);
    }

    void ctrlCCancelsTheRun()
    {
        QProcess process;
        startCli(process, approved(), {QStringLiteral("./tools/childhelper"), QStringLiteral("grandchild:60"), QStringLiteral("out:ready"),
                               QStringLiteral("sleep:60")});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("ready\n"), LongWait);
        const qint64 grandchild = QString::fromUtf8(out).section(QLatin1Char(' '), 1, 1).section(QLatin1Char('\n'), 0, 0).toLongLong();
        QVERIFY(runtime::processIsAlive(grandchild));
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(LongWait));
        QCOMPARE(process.exitCode(), 130);
        QVERIFY(!runtime::processIsAlive(grandchild));

        auto store = openStore();
        const models::ExecutionRun run = runs(*store).constFirst();
        QCOMPARE(models::toString(run.status), QStringLiteral("canceled"));
        bool cancelRequested = false;
        for (const models::RunEvent &event : events(*store, run.id)) {
            if (event.payloadText == QLatin1String("Cancel requested."))
                cancelRequested = event.payload.value(QStringLiteral("reason")).toString().contains(QStringLiteral("signal 2"));
        }
        QVERIFY(cancelRequested);
    }

    void killedCliIsRecoveredOnNextOpen()
    {
        QProcess process;
        startCli(process, approved(), {QStringLiteral("./tools/childhelper"), QStringLiteral("grandchild:120"), QStringLiteral("out:ready"),
                               QStringLiteral("sleep:120")});
        QVERIFY(process.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("ready\n"), LongWait);
        const qint64 grandchild = QString::fromUtf8(out).section(QLatin1Char(' '), 1, 1).section(QLatin1Char('\n'), 0, 0).toLongLong();
        QVERIFY(grandchild > 0);

        // Wait until the run's output is stored (its ownership record was queued before it).
        auto watcher = openStore();
        QVERIFY(watcher);
        QString runId;
        QTRY_VERIFY_WITH_TIMEOUT(!(runId = runs(*watcher).value(0).id).isEmpty(), LongWait);
        const auto outputStored = [&] {
            const QList<models::RunEvent> stored = events(*watcher, runId);
            return std::any_of(stored.cbegin(), stored.cend(), [](const models::RunEvent &event) {
                return event.payloadText.contains(QStringLiteral("ready"));
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(outputStored(), LongWait);
        watcher.reset();

        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(LongWait));
        QVERIFY(runtime::processIsAlive(grandchild)); // the orphaned group lives on ...

        auto store = openStore();
        QVERIFY(store);
        auto report = store->service->recoverInterruptedRuns();
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QCOMPARE(report->interruptedRunIds, QStringList{runId});
        QVERIFY(!runtime::processIsAlive(grandchild)); // ... until the next opening of the database
        const models::ExecutionRun run = *store->service->repository().getRun(runId);
        QCOMPARE(models::toString(run.status), QStringLiteral("failed"));
        const models::RunEvent last = events(*store, runId).constLast();
        QCOMPARE(last.eventType, QStringLiteral("error"));
        QVERIFY(last.payloadText.startsWith(QStringLiteral("Run interrupted: ")));
        QCOMPARE(last.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("interrupted"));
        QVERIFY(runtime::liveProcessGroupMembers(last.payload.value(QStringLiteral("processGroup")).toInteger()).isEmpty());
    }

    // The fault that matters most for an audit trail: the CLI is SIGKILLed while its command floods
    // output. The next start of the CLI reconciles the run, the command's surviving processes are gone,
    // and every event that was committed before the kill is still there, unchanged, with the stored
    // stdout an exact prefix of what the command wrote.
    void killedDuringAFloodLosesNothingCommitted()
    {
        QProcess process;
        QTemporaryFile passthrough; // the CLI's own stdout: the grandchild's pid is its first line
        QVERIFY(passthrough.open());
        process.setStandardOutputFile(passthrough.fileName());
        startCli(process, approved(), {QStringLiteral("./tools/childhelper"), QStringLiteral("grandchild:120"),
                                       QStringLiteral("flood:4G")});
        QVERIFY(process.waitForStarted());

        auto watcher = openStore();
        QVERIFY(watcher);
        QString runId;
        QTRY_VERIFY_WITH_TIMEOUT(!(runId = runs(*watcher).value(0).id).isEmpty(), LongWait);
        // Read what is committed while the flood goes on, until a few MiB are stored.
        QList<models::RunEvent> committed;
        qint64 storedOutput = 0;
        const auto readMore = [&] {
            auto page = watcher->service->repository().listEventsAfterSequence(
                runId, committed.isEmpty() ? 0 : committed.constLast().sequenceNo, 2000);
            if (page) {
                for (const models::RunEvent &event : std::as_const(page->items)) {
                    if (event.stream == models::EventStream::Stdout)
                        storedOutput += event.payloadText.size();
                }
                committed += page->items;
            }
            return storedOutput >= 4 * 1024 * 1024;
        };
        QTRY_VERIFY_WITH_TIMEOUT(readMore(), LongWait);
        QCOMPARE(process.state(), QProcess::Running); // still flooding: 4 GiB take far longer than this

        ::kill(pid_t(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(LongWait));
        watcher.reset();
        QFile stdoutCopy(passthrough.fileName());
        QVERIFY(stdoutCopy.open(QIODevice::ReadOnly));
        const QByteArray firstLine = stdoutCopy.readLine();
        QVERIFY2(firstLine.startsWith("grandchild "), firstLine.constData());
        const qint64 grandchild = firstLine.mid(11).trimmed().toLongLong();
        QVERIFY(grandchild > 0);
        QVERIFY(runtime::processIsAlive(grandchild)); // outlived the CLI ...

        // The next start of the CLI (any run) reconciles what the killed one left behind.
        const Result next = runCli({}, {QStringLiteral("true")});
        QCOMPARE(next.exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!runtime::processIsAlive(grandchild), LongWait); // ... not the next start

        auto store = openStore();
        QVERIFY(store);
        const models::ExecutionRun run = *store->service->repository().getRun(runId);
        QCOMPARE(models::toString(run.status), QStringLiteral("failed"));
        const QList<models::RunEvent> stored = events(*store, runId);
        QVERIFY(stored.size() > committed.size());
        for (qsizetype i = 0; i < committed.size(); ++i) {
            if (!(stored.at(i) == committed.at(i)))
                QFAIL(qPrintable(QStringLiteral("event %1 changed after the kill").arg(committed.at(i).sequenceNo)));
        }
        const models::RunEvent last = stored.constLast();
        QVERIFY(last.payloadText.startsWith(QStringLiteral("Run interrupted: ")));
        QCOMPARE(last.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("interrupted"));
        QVERIFY(last.payload.value(QStringLiteral("killedProcesses")).toArray().contains(QJsonValue(grandchild)));

        // Sequence numbers have no gaps, and stdout is the flood pattern without a hole or a changed byte.
        QByteArray output;
        for (qsizetype i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored.at(i).sequenceNo, qint64(i + 1));
            if (stored.at(i).stream == models::EventStream::Stdout)
                output += stored.at(i).payloadText.toUtf8();
        }
        QVERIFY(output.startsWith(firstLine));
        output.remove(0, firstLine.size());
        QVERIFY(output.size() >= 4 * 1024 * 1024 - firstLine.size());
        QByteArray expected(output.size(), Qt::Uninitialized);
        testsupport::floodBytes(0, expected.data(), std::size_t(expected.size()));
        QVERIFY(output == expected);

        // The audit chain of the killed run, reconciled by another process, verifies: every record
        // chained and sealed (--strict), nothing reported as tampered.
        QProcess verify;
        verify.start(QStringLiteral(WORKBENCH_TEST_BINARY_DIR "/app/ccdash-workbench"),
                     {QStringLiteral("audit"), QStringLiteral("verify"), runId, QStringLiteral("--strict"),
                      QStringLiteral("--database"), m_database});
        QVERIFY(verify.waitForFinished(LongWait));
        QVERIFY2(verify.exitStatus() == QProcess::NormalExit && verify.exitCode() == 0,
                 QByteArray(verify.readAllStandardOutput() + verify.readAllStandardError()).constData());
    }
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_cli_run.moc"
