// `ccdash-workbench audit verify` as a child process (exit codes, named records, --json, --strict)
// and app::AuditVerifier (the run panel's call, synchronous and in the background), against
// SQLite and the fixture's PostgreSQL.
#include "app/audit/auditverifier.h"
#include "models/executionrepository.h"
#include "tests/models/storetestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

using namespace workbench::models;
using namespace workbench::test;

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(WORKBENCH_BINARY), arguments);
    Result result;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// A finished run with three events and an approval, written through the repository (chained).
QString writeRun(ExecutionRepository &repository, const QString &command)
{
    ExecutionRun run;
    run.projectId = QStringLiteral("ccdash");
    run.sourceCommand = command;
    run.normalizedCommand = command;
    run.cwd = QStringLiteral("/w");
    const StoreResult<ExecutionRun> created = repository.createRun(run);
    if (!created)
        return {};
    Approval approval;
    approval.runId = created->id;
    const StoreResult<Approval> requested = repository.createApproval(approval);
    if (!requested || !repository.resolveApproval(requested->id, ApprovalDecision::Approved, QStringLiteral("ok"), QStringLiteral("me")))
        return {};
    QList<RunEvent> events;
    for (int i = 1; i <= 3; ++i) {
        RunEvent event;
        event.runId = created->id;
        event.stream = EventStream::Stdout;
        event.eventType = QStringLiteral("output");
        event.payloadText = QStringLiteral("line %1\n").arg(i);
        events << event;
    }
    if (!repository.appendRunEvents(events))
        return {};
    RunUpdate finish;
    finish.status = RunStatus::Succeeded;
    finish.exitCode = std::optional<int>(0);
    if (!repository.updateRunStatus(created->id, finish))
        return {};
    return created->id;
}

bool exec(QSqlDatabase db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

void insertCcdashRun(QSqlDatabase db, const QString &id)
{
    const QString now = isoTimestampNow();
    QVERIFY(exec(db, QStringLiteral("INSERT INTO execution_runs (id, project_id, source_command, normalized_command, cwd, "
                                    "created_at, updated_at) VALUES (?, 'ccdash', 'pytest', 'pytest', '/w', ?, ?)"),
                 {id, now, now}));
    QVERIFY(exec(db, QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, stream, event_type, payload_text, "
                                    "payload_json, occurred_at) VALUES (?, 1, 'stdout', 'output', 'x', '{}', ?)"),
                 {id, now}));
}

} // namespace

class TestCliAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The binary and this process must share the seal key (ctest sets one for both).
        if (qEnvironmentVariableIsEmpty("CCDASH_WORKBENCH_AUDIT_KEY_FILE"))
            qputenv("CCDASH_WORKBENCH_AUDIT_KEY_FILE", QFile::encodeName(m_keys.filePath(QStringLiteral("audit-seal.key"))));
        QVERIFY(auditSealKey().isValid());
    }

    void verifyExitCodes_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QString>("tamperSql");     // %1 = the first run's id
        QTest::addColumn<bool>("addCcdashRun");
        QTest::addColumn<QStringList>("extraArguments");
        QTest::addColumn<bool>("onlyFirstRun");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QStringList>("expectedOutput"); // substrings of stdout
        for (Dialect dialect : {Dialect::Sqlite, Dialect::Postgres}) {
            const char *name = dialect == Dialect::Sqlite ? "sqlite" : "postgresql";
            QTest::addRow("%s: untampered database", name)
                << dialect << QString() << false << QStringList() << false << 0
                << QStringList{QStringLiteral("Summary: 2 run(s): 2 verified, 0 unsealed, 0 unchained, 0 tampered; database chain intact.")};
            QTest::addRow("%s: untampered run", name)
                << dialect << QString() << false << QStringList() << true << 0
                << QStringList{QStringLiteral("Run %1: verified (7 chain entries, 5 records verified, 0 unchained, 7 seals checked)")};
            QTest::addRow("%s: edited event", name)
                << dialect << QStringLiteral("UPDATE execution_run_events SET payload_text = 'forged' WHERE run_id = '%1' AND sequence_no = 2")
                << false << QStringList() << false << 1
                << QStringList{QStringLiteral("tampered: execution_run_events sequence_no=2 (run %1): The event differs"),
                               QStringLiteral("1 tampered")};
            QTest::addRow("%s: edited event, one run", name)
                << dialect << QStringLiteral("UPDATE execution_run_events SET payload_text = 'forged' WHERE run_id = '%1' AND sequence_no = 2")
                << false << QStringList() << true << 1
                << QStringList{QStringLiteral("tampered: execution_run_events sequence_no=2 (run %1)")};
            QTest::addRow("%s: deleted approval", name)
                << dialect << QStringLiteral("DELETE FROM execution_approvals WHERE run_id = '%1'") << false << QStringList() << true << 1
                << QStringList{QStringLiteral("tampered: execution_approvals id=")};
            QTest::addRow("%s: edited status", name)
                << dialect << QStringLiteral("UPDATE execution_runs SET status = 'failed' WHERE id = '%1'") << false << QStringList() << false << 1
                << QStringList{QStringLiteral("tampered: execution_runs id=%1 (run %1): The record differs from its last chained state")};
            QTest::addRow("%s: CCDash run is a warning", name)
                << dialect << QString() << true << QStringList() << false << 0
                << QStringList{QStringLiteral("unchained: execution_runs id=ccdash00000000000000000000000000ff"),
                               QStringLiteral("1 unchained, 0 tampered")};
            QTest::addRow("%s: CCDash run fails --strict", name)
                << dialect << QString() << true << QStringList{QStringLiteral("--strict")} << false << 1
                << QStringList{QStringLiteral("1 unchained")};
        }
    }
    void verifyExitCodes()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QString, tamperSql);
        QFETCH(bool, addCcdashRun);
        QFETCH(QStringList, extraArguments);
        QFETCH(bool, onlyFirstRun);
        QFETCH(int, expectedExit);
        QFETCH(QStringList, expectedOutput);
        WORKBENCH_FRESH_STORE(dialect, store)
        QString first;
        {
            StoreResult<std::unique_ptr<Database>> database = Database::open(*parseDatabaseLocation(store.url));
            QVERIFY2(database, qPrintable(database.errorMessage()));
            ExecutionRepository repository(**database);
            first = writeRun(repository, QStringLiteral("make test"));
            QVERIFY(!first.isEmpty());
            QVERIFY(!writeRun(repository, QStringLiteral("make lint")).isEmpty());
            if (!tamperSql.isEmpty())
                QVERIFY(exec((*database)->connection(), tamperSql.arg(first), {}));
            if (addCcdashRun)
                insertCcdashRun((*database)->connection(), QStringLiteral("ccdash00000000000000000000000000ff"));
        }
        QStringList arguments{QStringLiteral("audit"), QStringLiteral("verify")};
        if (onlyFirstRun)
            arguments << first;
        arguments << QStringLiteral("--database") << store.url << extraArguments;
        const Result result = runCli(arguments);
        QVERIFY2(result.exitCode == expectedExit, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(result.exitCode).arg(result.out, result.err)));
        for (QString expected : expectedOutput) {
            expected.replace(QLatin1String("%1"), first);
            QVERIFY2(result.out.contains(expected), qPrintable(QStringLiteral("missing '%1' in:\n%2").arg(expected, result.out)));
        }
        QVERIFY2(!result.out.contains(QLatin1String("tampered:")) || expectedExit == 1, qPrintable(result.out));
    }

    void jsonReport()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("workbench.db"));
        QString first;
        {
            StoreResult<std::unique_ptr<Database>> database = Database::open(*parseDatabaseLocation(path));
            QVERIFY(database);
            ExecutionRepository repository(**database);
            first = writeRun(repository, QStringLiteral("make"));
            QVERIFY(exec((*database)->connection(),
                         QStringLiteral("DELETE FROM execution_run_events WHERE run_id = ? AND sequence_no = 3"), {first}));
        }
        const Result result = runCli({QStringLiteral("audit"), QStringLiteral("verify"), first, QStringLiteral("--json"),
                                      QStringLiteral("--database"), path});
        QCOMPARE(result.exitCode, 1);
        QJsonParseError error;
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(report.value(QLatin1String("runId")).toString(), first);
        QCOMPARE(report.value(QLatin1String("verdict")).toString(), QStringLiteral("tampered"));
        const QJsonArray findings = report.value(QLatin1String("findings")).toArray();
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.at(0).toObject().value(QLatin1String("table")).toString(), QStringLiteral("execution_run_events"));
        QCOMPARE(findings.at(0).toObject().value(QLatin1String("record")).toString(), QStringLiteral("sequence_no=3"));
    }

    void usageAndOpenErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("expectedExit");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("no action") << QStringList{QStringLiteral("audit")} << 64 << QStringLiteral("Usage: ccdash-workbench audit verify");
        QTest::newRow("unknown action") << QStringList{QStringLiteral("audit"), QStringLiteral("seal")} << 64 << QStringLiteral("Usage: ccdash-workbench audit verify");
        QTest::newRow("two runs") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("a"), QStringLiteral("b")}
                                  << 64 << QStringLiteral("Usage: ccdash-workbench audit verify");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--nope")}
                                        << 64 << QStringLiteral("nope");
        QTest::newRow("unknown run") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("0123456789abcdef0123456789abcdef"),
                                                    QStringLiteral("--database"), QStringLiteral("%DB%")}
                                     << 65 << QStringLiteral("Execution run '0123456789abcdef0123456789abcdef' not found");
        QTest::newRow("bad database url") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"),
                                                         QStringLiteral("mysql://x/y")}
                                          << 64 << QString();
        QTest::newRow("unreachable server") << QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--database"),
                                                           QStringLiteral("postgresql://nobody@127.0.0.1:1/none")}
                                            << 69 << QString();
    }
    void usageAndOpenErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, expectedExit);
        QFETCH(QString, expectedError);
        QTemporaryDir directory;
        arguments.replaceInStrings(QStringLiteral("%DB%"), directory.filePath(QStringLiteral("workbench.db")));
        const Result result = runCli(arguments);
        QVERIFY2(result.exitCode == expectedExit, qPrintable(QStringLiteral("exit %1\n%2").arg(result.exitCode).arg(result.err)));
        QVERIFY(!result.err.trimmed().isEmpty());
        QVERIFY2(result.err.contains(expectedError), qPrintable(result.err));
    }

    // The run panel's call: the state, its sentence and the findings; in the background too.
    void serviceStates_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::newRow("sqlite") << Dialect::Sqlite;
        QTest::newRow("postgresql") << Dialect::Postgres;
    }
    void serviceStates()
    {
        using workbench::app::AuditState;
        using workbench::app::AuditVerifier;
        QFETCH(Dialect, dialect);
        WORKBENCH_FRESH_STORE(dialect, store)
        StoreResult<std::unique_ptr<Database>> database = Database::open(*parseDatabaseLocation(store.url));
        QVERIFY2(database, qPrintable(database.errorMessage()));
        ExecutionRepository repository(**database);
        const QString good = writeRun(repository, QStringLiteral("make"));
        const QString bad = writeRun(repository, QStringLiteral("make install"));
        const QString foreign = QStringLiteral("ccdash00000000000000000000000000aa");
        insertCcdashRun((*database)->connection(), foreign);
        QVERIFY(exec((*database)->connection(), QStringLiteral("DELETE FROM execution_run_events WHERE run_id = ? AND sequence_no = 1"), {bad}));

        const AuditVerifier verifier(**database);
        const AuditState verified = verifier.verifyRun(good);
        QCOMPARE(int(verified.kind), int(AuditState::Kind::Verified));
        QVERIFY(verified.details.isEmpty());
        QCOMPARE(verified.summary, QStringLiteral("Audit trail verified: 5 records chained and sealed."));
        const AuditState tampered = verifier.verifyRun(bad);
        QCOMPARE(int(tampered.kind), int(AuditState::Kind::Tampered));
        QCOMPARE(tampered.details.size(), 1);
        QVERIFY2(tampered.details.constFirst().startsWith(QLatin1String("tampered: execution_run_events sequence_no=1")),
                 qPrintable(tampered.details.constFirst()));
        const AuditState unchained = verifier.verifyRun(foreign);
        QCOMPARE(int(unchained.kind), int(AuditState::Kind::Unchained));
        QVERIFY(unchained.summary.contains(QLatin1String("does not chain")));
        const AuditState missing = verifier.verifyRun(QStringLiteral("nope"));
        QCOMPARE(int(missing.kind), int(AuditState::Kind::Unknown));
        QVERIFY(missing.summary.contains(QLatin1String("not found")));

        // In the background, on a connection of its own; the callback runs on this thread.
        QList<AuditState> results;
        QObject context;
        for (const QString &runId : {good, bad, foreign})
            AuditVerifier::verifyRunInBackground((*database)->location(), runId, &context, [&results](const AuditState &state) {
                QVERIFY(QThread::currentThread() == qApp->thread());
                results << state;
            });
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), 3, 60000);
        QList<int> kinds;
        for (const AuditState &state : std::as_const(results))
            kinds << int(state.kind);
        std::sort(kinds.begin(), kinds.end());
        QCOMPARE(kinds, (QList<int>{int(AuditState::Kind::Verified), int(AuditState::Kind::Unchained), int(AuditState::Kind::Tampered)}));

    }

private:
    QTemporaryDir m_keys;
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
