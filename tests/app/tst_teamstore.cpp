// The team store with two processes: process A is the real `ccdash-workbench run` CLI writing a run,
// process B is this test with app::RunChangeWatcher (what the window uses), seeing the run's status
// changes and events arrive: through PostgreSQL NOTIFY (polling slowed to minutes, so only a
// notification can deliver them in time), through polling with notifications off, and on SQLite.
// Then a real PostgreSQL restart in the middle of a run (a server of this test's own, stopped and
// started on the same port and data directory): the held events are written once, gap-free, and
// the audit chain verifies; and an outage that outlasts the held-event bound fails the run closed.
#include "app/teamstore/runchangewatcher.h"
#include "models/auditverifier.h"
#include "models/database.h"
#include "models/executionrepository.h"
#include "tests/support/floodpattern.h"
#include "tests/support/postgrestestserver.h"
#include "tests/support/scratchexecutables.h"

#include <QtTest>

using namespace workbench;
using namespace std::chrono_literals;

namespace {

constexpr int LongWait = 120000;

// A PostgreSQL server of the test's own (restarting the shared fixture would disturb other tests).
class PrivateServer
{
public:
    ~PrivateServer()
    {
        if (!m_state.isEmpty())
            script(QStringLiteral("stop"));
    }
    // Empty url with the reason when no server can be started here (for WORKBENCH_REQUIRE_POSTGRES).
    test::PostgresServer start()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_state = m_dir->filePath(QStringLiteral("state"));
        if (!script(QStringLiteral("start")))
            return {QString(), QStringLiteral("pg-fixture.sh start failed")};
        QFile url(m_state + QStringLiteral("/url"));
        if (!url.open(QIODevice::ReadOnly)) {
            QFile reason(m_state + QStringLiteral("/unavailable"));
            return {QString(), reason.open(QIODevice::ReadOnly)
                                   ? QString::fromUtf8(reason.readAll()).trimmed()
                                   : QStringLiteral("no url written")};
        }
        return {QString::fromUtf8(url.readAll()).trimmed(), QString()};
    }
    bool stopServer() { return script(QStringLiteral("stop-server")); }
    bool startServer() { return script(QStringLiteral("start-server")); }

private:
    bool script(const QString &command)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral("bash"), {QStringLiteral(WORKBENCH_PG_FIXTURE_SCRIPT), command, m_state});
        return process.waitForFinished(LongWait) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_state;
};

} // namespace

class TestTeamStore : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    QString m_go; // the child helper waits for this file

    void startCli(QProcess &process, const QString &database, const QStringList &actions,
                  const QString &storeBuffer = QString()) const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!storeBuffer.isEmpty())
            environment.insert(QStringLiteral("CCDASH_WORKBENCH_STORE_BUFFER"), storeBuffer);
        process.setProcessEnvironment(environment);
        process.setProgram(QStringLiteral(WORKBENCH_CLI_BINARY));
        process.setArguments(QStringList{QStringLiteral("run"), QStringLiteral("--workspace"), m_workspace,
                                         QStringLiteral("--database"), database, QStringLiteral("--project"),
                                         QStringLiteral("project-a"), QStringLiteral("--approve"),
                                         QStringLiteral("test helper"), QStringLiteral("--"),
                                         QStringLiteral("./tools/childhelper")}
                             + actions);
        process.setWorkingDirectory(m_workspace);
        process.start();
    }

    // The child helper's "await:" step ends once the go file exists.
    bool releaseHelper() const
    {
        QFile go(m_go);
        return go.open(QIODevice::WriteOnly);
    }

    static QList<models::RunEvent> storedEvents(const QString &database, const QString &runId)
    {
        auto location = models::parseDatabaseLocation(database);
        auto opened = models::Database::open(*location, QStringLiteral("check"));
        if (!opened)
            return {};
        models::ExecutionRepository repository(**opened);
        auto page = repository.listEventsAfterSequence(runId, 0, 1000000);
        return page ? page->items : QList<models::RunEvent>{};
    }

    static QString storedStatus(const QString &database, const QString &runId)
    {
        auto location = models::parseDatabaseLocation(database);
        auto opened = models::Database::open(*location, QStringLiteral("check"));
        if (!opened)
            return {};
        auto run = models::ExecutionRepository(**opened).getRun(runId);
        return run ? models::toString(run->status) : QString();
    }

    static QByteArray streamText(const QList<models::RunEvent> &events, models::EventStream stream)
    {
        QByteArray text;
        for (const models::RunEvent &event : events) {
            if (event.stream == stream && event.eventType == QLatin1String("output"))
                text += event.payloadText.toUtf8();
        }
        return text;
    }

    // Sequences 1..N without a gap or a repeat.
    static bool gapFree(const QList<models::RunEvent> &events)
    {
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (events.at(i).sequenceNo != i + 1)
                return false;
        }
        return !events.isEmpty();
    }

    // The run's audit verdict ("verified", ...) as the verifier names it.
    static QString auditVerdict(const QString &database, const QString &runId)
    {
        auto location = models::parseDatabaseLocation(database);
        auto opened = models::Database::open(*location, QStringLiteral("verify"));
        if (!opened)
            return opened.errorMessage();
        auto report = models::AuditChainVerifier(**opened).verifyRun(runId);
        return report ? models::toString(report->verdict) : report.errorMessage();
    }

    // What the watcher reported, per run.
    struct Seen
    {
        QStringList changedRuns;
        QHash<QString, qint64> lastSequence;
        QHash<QString, QStringList> statuses; // read from the store when a change is reported
    };
    void record(app::RunChangeWatcher &watcher, models::ExecutionRepository *repository, Seen &seen)
    {
        connect(&watcher, &app::RunChangeWatcher::runChanged, this, [&seen, repository](const QString &runId) {
            seen.changedRuns << runId;
            if (!repository)
                return;
            if (auto run = repository->getRun(runId))
                seen.statuses[runId] << models::toString(run->status);
        });
        connect(&watcher, &app::RunChangeWatcher::runEventsAppended, this, [&seen](const QString &runId, qint64 sequence) {
            QVERIFY2(sequence > seen.lastSequence.value(runId, 0), "sequences are reported in increasing order");
            seen.lastSequence[runId] = sequence;
        });
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspace = m_dir->filePath(QStringLiteral("workspace"));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/tools")));
        QVERIFY(testsupport::copyExecutable(QStringLiteral(WORKBENCH_CHILDHELPER),
                                            m_workspace + QStringLiteral("/tools/childhelper")));
        m_workspace = QFileInfo(m_workspace).canonicalFilePath();
        m_go = m_dir->filePath(QStringLiteral("go"));
    }
    void cleanup() { m_dir.reset(); }

    void anotherProcessesRunArrivesLive_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::addColumn<bool>("notifications");
        QTest::newRow("PostgreSQL, NOTIFY") << true << true;
        QTest::newRow("PostgreSQL, polling") << true << false;
        QTest::newRow("SQLite, polling") << false << false;
    }
    void anotherProcessesRunArrivesLive()
    {
        QFETCH(bool, postgres);
        QFETCH(bool, notifications);
        std::unique_ptr<test::ScratchPostgresDatabase> scratch;
        QString database = m_dir->filePath(QStringLiteral("store.db"));
        if (postgres) {
            const test::PostgresServer server = test::postgresServer();
            WORKBENCH_REQUIRE_POSTGRES(server);
            QString error;
            scratch = test::ScratchPostgresDatabase::create(server.url, &error);
            QVERIFY2(scratch, qPrintable(error));
            database = scratch->url();
        }
        auto location = models::parseDatabaseLocation(database);
        QVERIFY(location);
        auto opened = models::Database::open(*location, QStringLiteral("process-b"));
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        models::ExecutionRepository repository(**opened);

        app::RunChangeWatcher::Options options;
        options.useNotifications = notifications;
        options.pollInterval = 200ms;
        // With notifications the safety poll is put off for ten minutes: only NOTIFY can be in time.
        options.safetyPollInterval = 10min;
        options.heartbeatInterval = 1s;
        app::RunChangeWatcher watcher(*location, options);
        Seen seen;
        record(watcher, &repository, seen);
        watcher.start(QStringLiteral("project-a"));
        const auto expectedMode = notifications ? app::RunChangeWatcher::Mode::Notifications
                                                : app::RunChangeWatcher::Mode::Polling;
        QTRY_COMPARE_WITH_TIMEOUT(watcher.mode(), expectedMode, LongWait);

        QProcess cli;
        startCli(cli, database, {QStringLiteral("out:first"), QStringLiteral("await:") + m_go, QStringLiteral("interleave:20")});
        QVERIFY(cli.waitForStarted());

        // The run appears, running, with its first output, while process A is still waiting.
        QTRY_VERIFY_WITH_TIMEOUT(!seen.changedRuns.isEmpty(), LongWait);
        const QString runId = seen.changedRuns.constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(seen.statuses.value(runId).contains(QStringLiteral("running")), LongWait);
        // Its first output line is reported while process A is still waiting.
        auto reportedStdout = [&] {
            const qint64 reported = seen.lastSequence.value(runId);
            if (reported == 0)
                return QByteArray();
            auto page = repository.listEventsAfterSequence(runId, 0, int(reported));
            return page ? streamText(page->items, models::EventStream::Stdout) : QByteArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(reportedStdout(), QByteArray("first\n"), LongWait);
        QCOMPARE(cli.state(), QProcess::Running);

        // A run of another project, written meanwhile, is not reported.
        models::ExecutionRun other;
        other.projectId = QStringLiteral("project-b");
        other.sourceCommand = other.normalizedCommand = QStringLiteral("true");
        other.cwd = m_workspace;
        auto otherRun = repository.createRun(other);
        QVERIFY2(otherRun, qPrintable(otherRun.errorMessage()));

        QVERIFY(releaseHelper());
        QVERIFY(cli.waitForFinished(LongWait));
        QCOMPARE(cli.exitCode(), 0);

        // The final status and every event arrive (the last reported sequence is the stored last one).
        QTRY_VERIFY_WITH_TIMEOUT(seen.statuses.value(runId).contains(QStringLiteral("succeeded")), LongWait);
        const qint64 stored = *repository.lastSequence(runId);
        QTRY_COMPARE_WITH_TIMEOUT(seen.lastSequence.value(runId), stored, LongWait);
        QVERIFY(!seen.changedRuns.contains(otherRun->id));
        QVERIFY(!seen.lastSequence.contains(otherRun->id));
    }

    void serverRestartMidRunLosesNothing()
    {
        PrivateServer server;
        const test::PostgresServer started = server.start();
        WORKBENCH_REQUIRE_POSTGRES(started);
        const QString database = started.url;
        auto location = models::parseDatabaseLocation(database);
        QVERIFY(location);
        {
            auto migrated = models::Database::open(*location, QStringLiteral("migrate"));
            QVERIFY2(migrated, qPrintable(migrated.errorMessage()));
        }
        app::RunChangeWatcher::Options options;
        options.heartbeatInterval = 500ms;
        options.reconnectMax = 1s;
        app::RunChangeWatcher watcher(*location, options);
        Seen seen;
        record(watcher, nullptr, seen);
        QList<app::RunChangeWatcher::Mode> modes;
        connect(&watcher, &app::RunChangeWatcher::modeChanged, this,
                [&modes](app::RunChangeWatcher::Mode mode, const QString &) { modes << mode; });
        watcher.start(QStringLiteral("project-a"));
        QTRY_COMPARE_WITH_TIMEOUT(watcher.mode(), app::RunChangeWatcher::Mode::Notifications, LongWait);

        constexpr int pairs = 300;
        QProcess cli;
        startCli(cli, database, {QStringLiteral("out:before"), QStringLiteral("await:") + m_go,
                                 QStringLiteral("interleave:%1").arg(pairs), QStringLiteral("out:after")});
        QVERIFY(cli.waitForStarted());
        QByteArray out;
        QByteArray err;
        auto readCli = [&] {
            out += cli.readAllStandardOutput();
            err += cli.readAllStandardError();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!seen.changedRuns.isEmpty(), LongWait);
        const QString runId = seen.changedRuns.constFirst();
        QTRY_VERIFY_WITH_TIMEOUT(seen.lastSequence.value(runId) > 0, LongWait); // "before" is stored

        QVERIFY(server.stopServer());
        QVERIFY(releaseHelper());
        // Everything is printed while the server is down: the CLI holds the events and says it waits.
        QTRY_VERIFY_WITH_TIMEOUT((readCli(), out.endsWith("after\n")), LongWait);
        QTRY_VERIFY_WITH_TIMEOUT((readCli(), err.contains("store is unreachable")), LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(watcher.mode(), app::RunChangeWatcher::Mode::Connecting, LongWait);
        QCOMPARE(cli.state(), QProcess::Running);

        QVERIFY(server.startServer());
        QVERIFY(cli.waitForFinished(LongWait));
        readCli();
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0, err.constData());

        const QList<models::RunEvent> events = storedEvents(database, runId);
        QVERIFY(gapFree(events));
        QByteArray expectedOut = "before\n";
        QByteArray expectedErr;
        for (int i = 0; i < pairs; ++i) {
            expectedOut += QByteArray("out ") + QByteArray::number(i) + '\n';
            expectedErr += QByteArray("err ") + QByteArray::number(i) + '\n';
        }
        expectedOut += "after\n";
        // Exactly once and in order: the stored streams are byte for byte what the command wrote.
        QCOMPARE(streamText(events, models::EventStream::Stdout), expectedOut);
        QCOMPARE(streamText(events, models::EventStream::Stderr), expectedErr);
        QCOMPARE(storedStatus(database, runId), QStringLiteral("succeeded"));
        QCOMPARE(auditVerdict(database, runId), models::toString(models::AuditVerdict::Verified));

        // The watcher came back by itself, caught up, and saw the end of the run.
        QTRY_COMPARE_WITH_TIMEOUT(watcher.mode(), app::RunChangeWatcher::Mode::Notifications, LongWait);
        QTRY_COMPARE_WITH_TIMEOUT(seen.lastSequence.value(runId), events.constLast().sequenceNo, LongWait);
        QVERIFY(modes.contains(app::RunChangeWatcher::Mode::Connecting));
    }

    void outageBeyondTheBoundFailsClosed()
    {
        PrivateServer server;
        const test::PostgresServer started = server.start();
        WORKBENCH_REQUIRE_POSTGRES(started);
        const QString database = started.url;
        QProcess cli;
        // 256 KiB may be held; the command writes 8 MiB while the server is down.
        startCli(cli, database, {QStringLiteral("out:before"), QStringLiteral("await:") + m_go,
                                 QStringLiteral("flood:8M"), QStringLiteral("sleep:60")},
                 QStringLiteral("256K"));
        QVERIFY(cli.waitForStarted());
        QByteArray out;
        QByteArray err;
        auto readCli = [&] {
            out += cli.readAllStandardOutput();
            err += cli.readAllStandardError();
        };
        QTRY_VERIFY_WITH_TIMEOUT((readCli(), out.startsWith("before\n")), LongWait);
        // "before" is stored before the outage starts.
        QString runId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto location = models::parseDatabaseLocation(database);
                auto opened = models::Database::open(*location, QStringLiteral("peek"));
                if (!opened)
                    return false;
                models::RunQuery query;
                auto runs = models::ExecutionRepository(**opened).listRuns(query);
                if (!runs || runs->isEmpty())
                    return false;
                runId = runs->constFirst().id;
                return streamText(storedEvents(database, runId), models::EventStream::Stdout) == "before\n";
            }(),
            LongWait);

        QVERIFY(server.stopServer());
        QVERIFY(releaseHelper());
        // Past the bound: the run is stopped and the user is told why.
        QTRY_VERIFY_WITH_TIMEOUT((readCli(), err.contains("cannot be stored")), LongWait);
        QVERIFY2(err.contains("unreachable too long"), err.constData());

        QVERIFY(server.startServer());
        QVERIFY(cli.waitForFinished(LongWait));
        readCli();
        QCOMPARE(cli.exitCode(), 74);

        // Marked failed with the reason once the store was back; what was held is stored, gap-free,
        // an exact prefix of what the command wrote, and the chain verifies.
        QCOMPARE(storedStatus(database, runId), QStringLiteral("failed"));
        const QList<models::RunEvent> events = storedEvents(database, runId);
        QVERIFY(gapFree(events));
        bool auditFailureRecorded = false;
        for (const models::RunEvent &event : events)
            auditFailureRecorded |= event.payload.value(QStringLiteral("reason")).toString() == QLatin1String("audit_failure");
        QVERIFY(auditFailureRecorded);
        const QByteArray stored = streamText(events, models::EventStream::Stdout);
        QVERIFY(stored.startsWith("before\n"));
        const QByteArray flood = stored.mid(7);
        QVERIFY(flood.size() > 0);
        QByteArray expected(flood.size(), '\0');
        testsupport::floodBytes(0, expected.data(), std::size_t(expected.size()));
        QCOMPARE(flood, expected);
        QCOMPARE(auditVerdict(database, runId), models::toString(models::AuditVerdict::Verified));
    }
};

QTEST_GUILESS_MAIN(TestTeamStore)
#include "tst_teamstore.moc"
