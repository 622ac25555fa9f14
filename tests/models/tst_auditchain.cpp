// The audit chain against SQLite and the fixture's PostgreSQL: runs written through the
// repository, then really tampered with in SQL (edit, delete, swap, truncate, re-seal...), and
// the verifier must name every broken record. CCDash-written rows (raw SQL) are unchained.
#include "models/auditchain.h"
#include "models/auditverifier.h"
#include "models/database.h"
#include "models/executionrepository.h"
#include "tests/models/storetestsupport.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QStringDecoder>
#include <QThread>
#include <QtTest>
#include <functional>
#include <sys/stat.h>

using namespace workbench::models;
using namespace workbench::test;

namespace {

ExecutionRun sampleRun(const QString &command)
{
    ExecutionRun run;
    run.projectId = QStringLiteral("ccdash");
    run.featureId = QStringLiteral("feat-audit");
    run.sourceCommand = command;
    run.normalizedCommand = command;
    run.cwd = QStringLiteral("/tmp/work");
    run.riskLevel = QStringLiteral("medium");
    run.policyVerdict = QStringLiteral("requires_approval");
    run.requiresApproval = true;
    run.metadata = QJsonObject{{QStringLiteral("workbench"), QJsonObject{{QStringLiteral("fingerprint"), QStringLiteral("f1")},
                                                                          {QStringLiteral("bytes"), qint64(1234567890123LL)}}}};
    return run;
}

RunEvent makeEvent(const QString &runId, EventStream stream, const QString &text, const QJsonObject &payload = {})
{
    RunEvent result;
    result.runId = runId;
    result.stream = stream;
    result.eventType = stream == EventStream::System ? QStringLiteral("status") : QStringLiteral("output");
    result.payloadText = text;
    result.payload = payload;
    return result;
}

// One run as the service writes it: created, approved, started, 7 events around an approval,
// the final event, then the final run update. Chain positions:
//   1 run created, 2 approval requested, 3 approval resolved, 4 run approved+running,
//   5-8 events 1-4, 9-10 events 5-6, 11 event 7 (final), 12 run finished.
struct WrittenRun
{
    QString id;
    qint64 approvalId = 0;
};

WrittenRun writeRun(ExecutionRepository &repository, const QString &command)
{
    WrittenRun written;
    const StoreResult<ExecutionRun> run = repository.createRun(sampleRun(command));
    if (!run)
        return written;
    written.id = run->id;
    Approval approval;
    approval.runId = run->id;
    approval.requestedBy = QStringLiteral("policy");
    const StoreResult<Approval> requested = repository.createApproval(approval);
    if (!requested)
        return {};
    written.approvalId = requested->id;
    if (!repository.resolveApproval(requested->id, ApprovalDecision::Approved, QStringLiteral("looks fine"), QStringLiteral("tester")))
        return {};
    RunUpdate start;
    start.status = RunStatus::Running;
    start.approvedBy = QStringLiteral("tester");
    start.startedAt = isoTimestampNow();
    if (!repository.updateRunStatus(run->id, start))
        return {};
    QList<RunEvent> first;
    first << makeEvent(run->id, EventStream::System, QStringLiteral("Run started."), QJsonObject{{QStringLiteral("status"), QStringLiteral("running")}});
    for (int i = 1; i <= 3; ++i)
        first << makeEvent(run->id, EventStream::Stdout, QStringLiteral("line %1 \u00fc\n").arg(i));
    if (!repository.appendRunEvents(first))
        return {};
    if (!repository.appendRunEvents({makeEvent(run->id, EventStream::Stderr, QStringLiteral("warn\n")),
                                     makeEvent(run->id, EventStream::Stdout, QStringLiteral("\x1b[1mbold\x1b[0m\n"),
                                           QJsonObject{{QStringLiteral("bytesBase64"), QStringLiteral("G1sxbWJvbGQbWzBtCg==")}})}))
        return {};
    if (!repository.appendRunEvents({makeEvent(run->id, EventStream::System, QStringLiteral("Run succeeded."),
                                           QJsonObject{{QStringLiteral("status"), QStringLiteral("succeeded")},
                                                       {QStringLiteral("exitCode"), 0}})}))
        return {};
    RunUpdate finish;
    finish.status = RunStatus::Succeeded;
    finish.exitCode = std::optional<int>(0);
    finish.endedAt = isoTimestampNow();
    if (!repository.updateRunStatus(run->id, finish))
        return {};
    return written;
}

bool exec(QSqlDatabase db, const QString &sql, const QVariantList &values = {}, QString *error = nullptr)
{
    QSqlQuery query(db);
    if (!query.prepare(sql)) {
        if (error)
            *error = query.lastError().text() + QStringLiteral(" in ") + sql;
        return false;
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text() + QStringLiteral(" in ") + sql;
        return false;
    }
    return true;
}

qint64 chainPosition(QSqlDatabase db, const QString &runId, const QString &kind, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT MAX(position) FROM workbench_audit_chain WHERE run_id = ? AND record_kind = ? AND record_key = ?"));
    query.addBindValue(runId);
    query.addBindValue(kind);
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toLongLong() : -1;
}

// What an attacker with write access to the database (and this source code, but not the seal
// key) can do: after editing a record, recompute its content hash and re-chain every later
// entry of the run so that all hashes and links hold again. `seal` decides what goes into the
// seal columns: kept as they were, or removed.
enum class Reseal { KeepSeals, RemoveSeals };
bool resealRun(QSqlDatabase db, Dialect dialect, const QString &runId, qint64 fromPosition, const QString &newContentHash,
               Reseal mode, QString *error)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id, run_id, position, record_kind, record_key, content_hash, previous_hash, entry_hash, "
                                 "database_position, seal_key_id, seal, created_at FROM workbench_audit_chain "
                                 "WHERE run_id = ? ORDER BY position"));
    query.addBindValue(runId);
    if (!query.exec()) {
        *error = query.lastError().text();
        return false;
    }
    QList<AuditChainEntry> entries;
    while (query.next())
        entries << audit::entryFromQuery(query);
    Q_UNUSED(dialect);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        AuditChainEntry &entry = entries[i];
        if (entry.position < fromPosition)
            continue;
        if (entry.position == fromPosition)
            entry.contentHash = newContentHash;
        if (i > 0)
            entry.previousHash = entries.at(i - 1).entryHash;
        if (mode == Reseal::RemoveSeals) {
            entry.sealKeyId = QStringLiteral("");
            entry.seal = QStringLiteral("");
        }
        entry.entryHash = audit::entryHash(entry);
        if (!exec(db, QStringLiteral("UPDATE workbench_audit_chain SET content_hash = ?, previous_hash = ?, entry_hash = ?, "
                                     "seal_key_id = ?, seal = ? WHERE id = ?"),
                  {entry.contentHash, entry.previousHash, entry.entryHash, entry.sealKeyId, entry.seal, entry.id}, error))
            return false;
    }
    return true;
}

// The content hash an event row has now, read as the verifier reads it.
QString currentEventHash(QSqlDatabase db, Dialect dialect, const QString &runId, qint64 sequence)
{
    QSqlQuery query(db);
    query.prepare(audit::eventRecordsSql(dialect));
    query.addBindValue(runId);
    if (!query.exec())
        return {};
    while (query.next()) {
        if (query.value(1).toLongLong() == sequence)
            return audit::contentHash(audit::kindEvent, audit::recordFields(query, audit::eventColumnCount, audit::eventJsonColumn));
    }
    return {};
}

struct Tampering
{
    QString runA, runB, runC; // written oldest first
    qint64 approvalA = 0;
};
using TamperFn = std::function<bool(QSqlDatabase, Dialect, const Tampering &, QString *)>;

// Expected finding: table, record (a substring of the finding's record), a word of the problem.
struct Expected
{
    QString table;
    QString record;
    QString problemWord;
};

QString describe(const QList<AuditFinding> &findings)
{
    QStringList lines;
    for (const AuditFinding &finding : findings)
        lines << finding.toText();
    return lines.join(QLatin1Char('\n'));
}

bool hasFinding(const QList<AuditFinding> &findings, const Expected &expected)
{
    return std::any_of(findings.cbegin(), findings.cend(), [&](const AuditFinding &finding) {
        return finding.severity == AuditVerdict::Tampered && finding.table == expected.table
               && finding.record == expected.record && finding.problem.contains(expected.problemWord, Qt::CaseInsensitive);
    });
}

} // namespace

Q_DECLARE_METATYPE(TamperFn)
Q_DECLARE_METATYPE(QList<Expected>)

class TestAuditChain : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_keyFolder;

private Q_SLOTS:
    void initTestCase()
    {
        // A key of this test's own, never the tester's.
        QVERIFY(m_keyFolder.isValid());
        qputenv("CCDASH_WORKBENCH_AUDIT_KEY_FILE", QFile::encodeName(m_keyFolder.filePath(QStringLiteral("keys/audit-seal.key"))));
        const AuditSealKey &key = auditSealKey();
        QVERIFY2(key.isValid(), qPrintable(key.problem));
        QCOMPARE(key.path, m_keyFolder.filePath(QStringLiteral("keys/audit-seal.key")));
    }

    void sealKeyFile()
    {
        const QString path = m_keyFolder.filePath(QStringLiteral("keys/audit-seal.key"));
        struct stat status = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
        QCOMPARE(status.st_mode & 0777, mode_t(0600));
        QCOMPARE(qint64(status.st_size), qint64(32));
        QCOMPARE(::stat(QFile::encodeName(m_keyFolder.filePath(QStringLiteral("keys"))).constData(), &status), 0);
        QCOMPARE(status.st_mode & 0777, mode_t(0700));
        // Loading again gives the same key.
        const AuditSealKey again = loadAuditSealKey(path);
        QCOMPARE(again.secret, auditSealKey().secret);
        QCOMPARE(again.id, auditSealKey().id);

        // A key others can read is refused; a file that is not a key is refused and left untouched.
        const QString shared = m_keyFolder.filePath(QStringLiteral("shared.key"));
        QVERIFY(QFile::copy(path, shared));
        QVERIFY(QFile::setPermissions(shared, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        const AuditSealKey refused = loadAuditSealKey(shared);
        QVERIFY(!refused.isValid());
        QVERIFY2(refused.problem.contains(QLatin1String("chmod 600")), qPrintable(refused.problem));
        const QString notKey = m_keyFolder.filePath(QStringLiteral("notes.txt"));
        {
            QFile file(notKey);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("my notes\n");
        }
        QVERIFY(QFile::setPermissions(notKey, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const AuditSealKey wrong = loadAuditSealKey(notKey);
        QVERIFY(!wrong.isValid());
        QVERIFY2(wrong.problem.contains(QLatin1String("not an audit seal key")), qPrintable(wrong.problem));
        QFile file(notKey);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("my notes\n"));
        // Two fresh keys differ.
        const AuditSealKey fresh = loadAuditSealKey(m_keyFolder.filePath(QStringLiteral("other/audit-seal.key")));
        QVERIFY(fresh.isValid());
        QVERIFY(fresh.id != auditSealKey().id);
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<TamperFn>("tamper");
        QTest::addColumn<int>("target"); // 0 = run A, 2 = run C
        QTest::addColumn<QList<Expected>>("expected");
        const QString runs = QStringLiteral("execution_runs");
        const QString events = QStringLiteral("execution_run_events");
        const QString approvals = QStringLiteral("execution_approvals");
        const QString chain = QStringLiteral("workbench_audit_chain");

        struct Case
        {
            const char *name;
            TamperFn tamper;
            int target;
            QList<Expected> expected;
        };
        const QList<Case> cases = {
            {"untampered", [](QSqlDatabase, Dialect, const Tampering &, QString *) { return true; }, 0, {}},
            {"update payload text",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE execution_run_events SET payload_text = 'rm -rf nothing' WHERE run_id = ? AND sequence_no = 3"),
                             {t.runA}, error);
             },
             0, {{events, QStringLiteral("sequence_no=3"), QStringLiteral("edited")}}},
            {"update payload json",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE execution_run_events SET payload_json = '{\"exitCode\": 1, \"status\": \"succeeded\"}' "
                                                "WHERE run_id = ? AND sequence_no = 7"),
                             {t.runA}, error);
             },
             0, {{events, QStringLiteral("sequence_no=7"), QStringLiteral("edited")}}},
            {"delete an event",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("DELETE FROM execution_run_events WHERE run_id = ? AND sequence_no = 4"), {t.runA}, error);
             },
             0, {{events, QStringLiteral("sequence_no=4"), QStringLiteral("deleted")}}},
            {"swap sequence numbers",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE execution_run_events SET sequence_no = -2 WHERE run_id = ? AND sequence_no = 2"), {t.runA}, error)
                        && exec(db, QStringLiteral("UPDATE execution_run_events SET sequence_no = 2 WHERE run_id = ? AND sequence_no = 5"), {t.runA}, error)
                        && exec(db, QStringLiteral("UPDATE execution_run_events SET sequence_no = 5 WHERE run_id = ? AND sequence_no = -2"), {t.runA}, error);
             },
             0, {{events, QStringLiteral("sequence_no=2"), QStringLiteral("moved")}, {events, QStringLiteral("sequence_no=5"), QStringLiteral("moved")}}},
            {"drop the last events",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("DELETE FROM execution_run_events WHERE run_id = ? AND sequence_no > 5"), {t.runA}, error);
             },
             0, {{events, QStringLiteral("sequence_no=6"), QStringLiteral("deleted")}, {events, QStringLiteral("sequence_no=7"), QStringLiteral("deleted")}}},
            {"drop the last events with their chain entries",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 const qint64 fifth = chainPosition(db, t.runA, QStringLiteral("event"), QStringLiteral("5"));
                 return exec(db, QStringLiteral("DELETE FROM execution_run_events WHERE run_id = ? AND sequence_no > 5"), {t.runA}, error)
                        && exec(db, QStringLiteral("DELETE FROM workbench_audit_chain WHERE run_id = ? AND position > ?"), {t.runA, fifth}, error);
             },
             // The finished run row no longer matches the last chained run state (running).
             0, {{runs, QStringLiteral("id=%RUN%"), QStringLiteral("changed")}}},
            {"re-seal an edited event",
             [](QSqlDatabase db, Dialect dialect, const Tampering &t, QString *error) {
                 if (!exec(db, QStringLiteral("UPDATE execution_run_events SET payload_text = 'all good' WHERE run_id = ? AND sequence_no = 3"), {t.runA}, error))
                     return false;
                 return resealRun(db, dialect, t.runA, chainPosition(db, t.runA, QStringLiteral("event"), QStringLiteral("3")),
                                  currentEventHash(db, dialect, t.runA, 3), Reseal::KeepSeals, error);
             },
             0, {{chain, QStringLiteral("position=%EVENT3%"), QStringLiteral("re-sealed")}}},
            {"re-seal an edited event without seals",
             [](QSqlDatabase db, Dialect dialect, const Tampering &t, QString *error) {
                 if (!exec(db, QStringLiteral("UPDATE execution_run_events SET payload_text = 'all good' WHERE run_id = ? AND sequence_no = 3"), {t.runA}, error))
                     return false;
                 return resealRun(db, dialect, t.runA, chainPosition(db, t.runA, QStringLiteral("event"), QStringLiteral("3")),
                                  currentEventHash(db, dialect, t.runA, 3), Reseal::RemoveSeals, error);
             },
             0, {{chain, QStringLiteral("position=%EVENT3%"), QStringLiteral("seal was removed")}}},
            {"recompute one entry's hash",
             [](QSqlDatabase db, Dialect dialect, const Tampering &t, QString *error) {
                 // Only the edited record's own entry is recomputed; the next link then breaks.
                 if (!exec(db, QStringLiteral("UPDATE execution_run_events SET payload_text = 'all good' WHERE run_id = ? AND sequence_no = 3"), {t.runA}, error))
                     return false;
                 const qint64 position = chainPosition(db, t.runA, QStringLiteral("event"), QStringLiteral("3"));
                 QSqlQuery query(db);
                 query.prepare(QStringLiteral("SELECT run_id, position, record_kind, record_key, previous_hash, database_position, "
                                              "seal_key_id, created_at FROM workbench_audit_chain WHERE run_id = ? AND position = ?"));
                 query.addBindValue(t.runA);
                 query.addBindValue(position);
                 if (!query.exec() || !query.next())
                     return false;
                 AuditChainEntry entry;
                 entry.runId = query.value(0).toString();
                 entry.position = query.value(1).toLongLong();
                 entry.recordKind = query.value(2).toString();
                 entry.recordKey = query.value(3).toString();
                 entry.contentHash = currentEventHash(db, dialect, t.runA, 3);
                 entry.previousHash = query.value(4).toString();
                 entry.sealKeyId = query.value(6).toString();
                 entry.createdAt = query.value(7).toString();
                 return exec(db, QStringLiteral("UPDATE workbench_audit_chain SET content_hash = ?, entry_hash = ? WHERE run_id = ? AND position = ?"),
                             {entry.contentHash, audit::entryHash(entry), t.runA, position}, error);
             },
             0, {{chain, QStringLiteral("position=%EVENT3%"), QStringLiteral("re-sealed")},
                 {chain, QStringLiteral("position=%EVENT3+1%"), QStringLiteral("does not link")}}},
            {"edit the run's status",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE execution_runs SET status = 'failed', exit_code = 1 WHERE id = ?"), {t.runA}, error);
             },
             0, {{runs, QStringLiteral("id=%RUN%"), QStringLiteral("changed")}}},
            {"edit the run's metadata",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE execution_runs SET metadata_json = '{}' WHERE id = ?"), {t.runA}, error);
             },
             0, {{runs, QStringLiteral("id=%RUN%"), QStringLiteral("changed")}}},
            {"delete the approval decision",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("DELETE FROM execution_approvals WHERE id = ?"), {t.approvalA}, error);
             },
             0, {{approvals, QStringLiteral("id=%APPROVAL%"), QStringLiteral("deleted")}}},
            {"change the approval decision",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE execution_approvals SET resolved_by = 'someone else' WHERE id = ?"), {t.approvalA}, error);
             },
             0, {{approvals, QStringLiteral("id=%APPROVAL%"), QStringLiteral("changed")}}},
            {"reorder chain entries",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("UPDATE workbench_audit_chain SET position = -6 WHERE run_id = ? AND position = 6"), {t.runA}, error)
                        && exec(db, QStringLiteral("UPDATE workbench_audit_chain SET position = 6 WHERE run_id = ? AND position = 7"), {t.runA}, error)
                        && exec(db, QStringLiteral("UPDATE workbench_audit_chain SET position = 7 WHERE run_id = ? AND position = -6"), {t.runA}, error);
             },
             0, {{chain, QStringLiteral("position=6"), QStringLiteral("edited")}, {chain, QStringLiteral("position=7"), QStringLiteral("edited")}}},
            {"delete the run row",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("DELETE FROM execution_runs WHERE id = ?"), {t.runA}, error);
             },
             0, {{runs, QStringLiteral("id=%RUN%"), QStringLiteral("deleted")}, {events, QStringLiteral("sequence_no=1"), QStringLiteral("deleted")}}},
            {"delete a whole run with its chain",
             [](QSqlDatabase db, Dialect, const Tampering &t, QString *error) {
                 return exec(db, QStringLiteral("DELETE FROM execution_runs WHERE id = ?"), {t.runB}, error)
                        && exec(db, QStringLiteral("DELETE FROM workbench_audit_chain WHERE run_id = ?"), {t.runB}, error);
             },
             2, {{chain, QStringLiteral("database_position=2"), QStringLiteral("removed")}}},
        };
        for (Dialect dialect : {Dialect::Sqlite, Dialect::Postgres}) {
            for (const Case &c : cases)
                QTest::addRow("%s: %s", dialect == Dialect::Sqlite ? "sqlite" : "postgresql", c.name)
                    << dialect << c.tamper << c.target << c.expected;
        }
    }
    void tamperingIsDetected()
    {
        QFETCH(Dialect, dialect);
        QFETCH(TamperFn, tamper);
        QFETCH(int, target);
        QFETCH(QList<Expected>, expected);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        Tampering t;
        const WrittenRun a = writeRun(repository, QStringLiteral("make test"));
        const WrittenRun b = writeRun(repository, QStringLiteral("make lint"));
        const WrittenRun c = writeRun(repository, QStringLiteral("make docs"));
        QVERIFY(!a.id.isEmpty() && !b.id.isEmpty() && !c.id.isEmpty());
        t.runA = a.id;
        t.runB = b.id;
        t.runC = c.id;
        t.approvalA = a.approvalId;
        const qint64 event3 = chainPosition(db->connection(), t.runA, QStringLiteral("event"), QStringLiteral("3"));
        QCOMPARE(event3, 7);

        const AuditChainVerifier verifier(*db);
        // Before: everything verifies, with every seal checked.
        const StoreResult<DatabaseAuditReport> before = verifier.verifyDatabase();
        QVERIFY2(before, qPrintable(before.errorMessage()));
        QCOMPARE(before->runs.size(), 3);
        QVERIFY2(before->verdict == AuditVerdict::Verified, qPrintable(describe(before->runs.constFirst().findings)));
        QCOMPARE(before->runs.constFirst().chainEntries, 12);
        QCOMPARE(before->runs.constFirst().chainedRecords, 1 + 7 + 1);
        QCOMPARE(before->runs.constFirst().sealsChecked, 12);

        QString error;
        QVERIFY2(tamper(db->connection(), dialect, t, &error), qPrintable(error));

        const QString targetRun = target == 0 ? t.runA : t.runC;
        const StoreResult<RunAuditReport> report = verifier.verifyRun(targetRun);
        QVERIFY2(report, qPrintable(report.errorMessage()));
        const StoreResult<DatabaseAuditReport> whole = verifier.verifyDatabase();
        QVERIFY2(whole, qPrintable(whole.errorMessage()));
        if (expected.isEmpty()) {
            QVERIFY2(report->verdict == AuditVerdict::Verified, qPrintable(describe(report->findings)));
            QVERIFY(report->findings.isEmpty());
            QCOMPARE(toString(whole->verdict), toString(AuditVerdict::Verified));
            return;
        }
        QVERIFY2(report->verdict == AuditVerdict::Tampered, qPrintable(describe(report->findings)));
        QCOMPARE(toString(whole->verdict), toString(AuditVerdict::Tampered));
        for (Expected want : std::as_const(expected)) {
            want.record.replace(QLatin1String("%RUN%"), t.runA);
            want.record.replace(QLatin1String("%APPROVAL%"), QString::number(t.approvalA));
            want.record.replace(QLatin1String("%EVENT3+1%"), QString::number(event3 + 1));
            want.record.replace(QLatin1String("%EVENT3%"), QString::number(event3));
            QVERIFY2(hasFinding(report->findings, want),
                     qPrintable(QStringLiteral("expected %1 %2 (%3) among:\n%4")
                                    .arg(want.table, want.record, want.problemWord, describe(report->findings))));
            // The whole-database check names the same record (or the database chain break).
            QList<AuditFinding> all = whole->databaseFindings;
            for (const RunAuditReport &run : whole->runs)
                all += run.findings;
            QVERIFY2(hasFinding(all, want), qPrintable(describe(all)));
        }
        // The other runs are untouched and still verify (the deleted one is reported once).
        for (const RunAuditReport &run : whole->runs) {
            if (run.runId != t.runA && run.runId != t.runB)
                QVERIFY2(run.verdict == AuditVerdict::Verified, qPrintable(describe(run.findings)));
        }
    }

    // Output the runtime hands over as UTF-8 bytes (RunEvent::payloadUtf8) is stored as exactly
    // those bytes, as TEXT, reads back as the same text, and is chained like any other event:
    // an edit of it is caught.
    void utf8PayloadsAreStoredAsTheirBytes_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("readsBackExactly"); // through the Qt drivers' QString
        const QList<QPair<const char *, QByteArray>> samples{
            {"ascii", QByteArray("plain line\n")},
            {"multi-byte", QByteArray("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n")},
            {"noncharacter", QByteArray("x \xef\xbf\xbe\n")},
            {"leading BOM", QByteArray("\xef\xbb\xbfwith BOM\n")},
            {"NUL inside", QByteArray("nul:\0:end", 9)},
            {"64 KiB", QByteArray(64 * 1024, 'z')}};
        for (const auto &[name, bytes] : samples) {
            // SQLite's UTF-16 interface reads U+FFFE as U+FFFD; QPSQL drops a leading BOM. The
            // stored bytes and the chain are exact either way.
            QTest::addRow("sqlite, %s", name) << Dialect::Sqlite << bytes << (qstrcmp(name, "noncharacter") != 0);
            QTest::addRow("postgresql, %s", name) << Dialect::Postgres << bytes << (qstrcmp(name, "leading BOM") != 0);
        }
    }
    void utf8PayloadsAreStoredAsTheirBytes()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QByteArray, bytes);
        QFETCH(bool, readsBackExactly);
        if (dialect == Dialect::Postgres && bytes.contains('\0'))
            QSKIP("PostgreSQL text cannot hold NUL (CCDash's schema has the same limit)");
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const StoreResult<ExecutionRun> run = repository.createRun(sampleRun(QStringLiteral("make")));
        QVERIFY2(run, qPrintable(run.errorMessage()));
        RunEvent output;
        output.runId = run->id;
        output.stream = EventStream::Stdout;
        output.eventType = QStringLiteral("output");
        output.payloadUtf8 = bytes;
        const QString expected = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom).decode(bytes);
        QCOMPARE(output.storedText(), expected);
        const StoreResult<QList<RunEvent>> appended = repository.appendRunEvents({output, makeEvent(run->id, EventStream::Stdout, QStringLiteral("after\n"))});
        QVERIFY2(appended, qPrintable(appended.errorMessage()));

        const StoreResult<EventPage> page = repository.listEventsAfterSequence(run->id, 0, 10);
        QVERIFY2(page, qPrintable(page.errorMessage()));
        QCOMPARE(page->items.size(), 2);
        if (readsBackExactly) {
            QCOMPARE(page->items.at(0).payloadText, expected);
            QVERIFY(page->items.at(0).payloadText.toUtf8() == bytes);
        }
        QCOMPARE(page->items.at(1).payloadText, QStringLiteral("after\n"));
        QSqlQuery stored(db->connection());
        QVERIFY(stored.exec(dialect == Dialect::Sqlite
                                ? QStringLiteral("SELECT typeof(payload_text), CAST(payload_text AS BLOB) FROM execution_run_events "
                                                 "WHERE sequence_no = 1")
                                : QStringLiteral("SELECT pg_typeof(payload_text)::text, convert_to(payload_text, 'UTF8') "
                                                 "FROM execution_run_events WHERE sequence_no = 1")));
        QVERIFY(stored.next());
        QCOMPARE(stored.value(0).toString(), QStringLiteral("text")); // as CCDash writes it, not a blob
        QVERIFY(stored.value(1).toByteArray() == bytes);

        const AuditChainVerifier verifier(*db);
        const StoreResult<RunAuditReport> clean = verifier.verifyRun(run->id);
        QVERIFY2(clean, qPrintable(clean.errorMessage()));
        QVERIFY2(clean->verdict == AuditVerdict::Verified, qPrintable(describe(clean->findings)));
        QString error;
        QVERIFY2(exec(db->connection(), QStringLiteral("UPDATE execution_run_events SET payload_text = payload_text || 'x' "
                                                       "WHERE run_id = ? AND sequence_no = 1"), {run->id}, &error),
                 qPrintable(error));
        const StoreResult<RunAuditReport> edited = verifier.verifyRun(run->id);
        QVERIFY2(edited, qPrintable(edited.errorMessage()));
        QCOMPARE(toString(edited->verdict), toString(AuditVerdict::Tampered));
    }

    void ccdashRowsAreUnchained_data() { addDialectRows(); }
    void ccdashRowsAreUnchained()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const WrittenRun ours = writeRun(repository, QStringLiteral("make test"));
        QVERIFY(!ours.id.isEmpty());

        // CCDash writes its own run, events and approval with plain SQL: no chain entries.
        QString error;
        const QString theirs = QStringLiteral("ccdash0000000000000000000000000001");
        const QString now = isoTimestampNow();
        QVERIFY2(exec(db->connection(), QStringLiteral("INSERT INTO execution_runs (id, project_id, source_command, normalized_command, cwd, "
                                                       "created_at, updated_at) VALUES (?, 'ccdash', 'pytest', 'pytest', '/w', ?, ?)"),
                      {theirs, now, now}, &error), qPrintable(error));
        for (int sequence = 1; sequence <= 3; ++sequence)
            QVERIFY2(exec(db->connection(), QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, stream, event_type, "
                                                           "payload_text, payload_json, occurred_at) VALUES (?, ?, 'stdout', 'output', 'x', '{}', ?)"),
                          {theirs, sequence, now}, &error), qPrintable(error));
        QVERIFY2(exec(db->connection(), QStringLiteral("INSERT INTO execution_approvals (run_id, decision, requested_at) VALUES (?, 'pending', ?)"),
                      {theirs, now}, &error), qPrintable(error));
        // ...and appends a "Cancel requested." event to our run.
        QVERIFY2(exec(db->connection(), QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, stream, event_type, "
                                                       "payload_text, payload_json, occurred_at) VALUES (?, 8, 'system', 'status', "
                                                       "'Cancel requested.', '{}', ?)"),
                      {ours.id, now}, &error), qPrintable(error));

        const AuditChainVerifier verifier(*db);
        const StoreResult<RunAuditReport> foreign = verifier.verifyRun(theirs);
        QVERIFY2(foreign, qPrintable(foreign.errorMessage()));
        QCOMPARE(toString(foreign->verdict), toString(AuditVerdict::Unchained));
        QCOMPARE(foreign->unchainedRecords, 1 + 3 + 1);
        QCOMPARE(foreign->chainEntries, 0);
        QCOMPARE(foreign->findings.size(), 1);
        QCOMPARE(foreign->findings.constFirst().table, QStringLiteral("execution_runs"));

        const StoreResult<RunAuditReport> mixed = verifier.verifyRun(ours.id);
        QVERIFY2(mixed, qPrintable(mixed.errorMessage()));
        QVERIFY2(mixed->verdict == AuditVerdict::Unchained, qPrintable(describe(mixed->findings)));
        QCOMPARE(mixed->unchainedRecords, 1);
        QCOMPARE(mixed->findings.size(), 1);
        QCOMPARE(mixed->findings.constFirst().record, QStringLiteral("sequence_no=8"));

        // When the workbench later writes to CCDash's run (e.g. cancels it), the chain starts
        // there: the run row is chained from then on, its earlier records stay unchained.
        RunUpdate cancel;
        cancel.status = RunStatus::Canceled;
        QVERIFY(repository.updateRunStatus(theirs, cancel));
        QVERIFY(repository.appendRunEvents({makeEvent(theirs, EventStream::System, QStringLiteral("Run canceled."))}));
        const StoreResult<RunAuditReport> adopted = verifier.verifyRun(theirs);
        QVERIFY2(adopted, qPrintable(adopted.errorMessage()));
        QVERIFY2(adopted->verdict == AuditVerdict::Unchained, qPrintable(describe(adopted->findings)));
        QCOMPARE(adopted->chainedRecords, 2);
        QCOMPARE(adopted->unchainedRecords, 3 + 1);

        const StoreResult<DatabaseAuditReport> whole = verifier.verifyDatabase();
        QVERIFY2(whole, qPrintable(whole.errorMessage()));
        QCOMPARE(toString(whole->verdict), toString(AuditVerdict::Unchained));
        QCOMPARE(whole->runCount(AuditVerdict::Unchained), 2);
        QVERIFY(whole->databaseFindings.isEmpty());
    }

    void anotherKeyIsUnsealedNotTampered_data() { addDialectRows(); }
    void anotherKeyIsUnsealedNotTampered()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const WrittenRun run = writeRun(repository, QStringLiteral("make test"));
        QVERIFY(!run.id.isEmpty());
        // Another desktop (another key) checks the same run: the chain holds, the seals cannot be checked.
        const AuditSealKey other = loadAuditSealKey(m_keyFolder.filePath(QStringLiteral("desktop2/audit-seal.key")));
        QVERIFY(other.isValid());
        const StoreResult<RunAuditReport> report = AuditChainVerifier(*db, other).verifyRun(run.id);
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QVERIFY2(report->verdict == AuditVerdict::Unsealed, qPrintable(describe(report->findings)));
        QCOMPARE(report->sealsChecked, 0);
        QCOMPARE(report->chainedRecords, 9);
        // And edits are still caught by the hash chain alone.
        QVERIFY(exec(db->connection(), QStringLiteral("UPDATE execution_run_events SET payload_text = 'x' WHERE run_id = ? AND sequence_no = 1"), {run.id}));
        QCOMPARE(toString(AuditChainVerifier(*db, other).verifyRun(run.id)->verdict), toString(AuditVerdict::Tampered));
    }

    // Without a seal key (none could be created) the chain is still written, unsealed; the
    // verifier says so (Unsealed), and edits are still caught by the hash chain.
    void withoutSealKey_data() { addDialectRows(); }
    void withoutSealKey()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        repository.setAuditChaining(false);
        const AuditSealKey none;
        // Written as a client without a key would: each record, then its chain entry.
        const StoreResult<ExecutionRun> run = repository.createRun(sampleRun(QStringLiteral("make")));
        QVERIFY(run);
        const QString runId = run->id;
        QVERIFY(db->writeTransaction([&]() { return AuditChainWriter(*db, none).chainRun(runId, true); }));
        const StoreResult<QList<RunEvent>> stored = repository.appendRunEvents(
            {makeEvent(runId, EventStream::Stdout, QStringLiteral("a\n")), makeEvent(runId, EventStream::Stdout, QStringLiteral("b\n"))});
        QVERIFY(stored);
        QVERIFY(db->writeTransaction([&]() { return AuditChainWriter(*db, none).chainEvents(*stored); }));
        QSqlQuery seals(db->connection());
        QVERIFY(seals.exec(QStringLiteral("SELECT COUNT(*) FROM workbench_audit_chain WHERE seal_key_id = '' AND seal = ''")));
        QVERIFY(seals.next());
        QCOMPARE(seals.value(0).toInt(), 3);
        const StoreResult<RunAuditReport> report = AuditChainVerifier(*db).verifyRun(runId);
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QCOMPARE(toString(report->verdict), toString(AuditVerdict::Unsealed));
        QCOMPARE(report->chainedRecords, 3);
        QVERIFY(exec(db->connection(), QStringLiteral("UPDATE execution_run_events SET payload_text = 'x' WHERE run_id = ? AND sequence_no = 2"), {runId}));
        QCOMPARE(toString(AuditChainVerifier(*db).verifyRun(runId)->verdict), toString(AuditVerdict::Tampered));
    }

    // A run still being written verifies as of one moment: events committed while the verifier
    // reads must not show up as records without chain entries ("unchained").
    void verifiesWhileWritten_data() { addDialectRows(); }
    void verifiesWhileWritten()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const QString runId = repository.createRun(sampleRun(QStringLiteral("make")))->id;
        const DatabaseLocation location = db->location();
        QAtomicInt stop = 0;
        QAtomicInt batches = 0;
        QString writerError;
        std::unique_ptr<QThread> writer(QThread::create([&]() {
            StoreResult<std::unique_ptr<Database>> connection = Database::open(location, QStringLiteral("writer"));
            if (!connection) {
                writerError = connection.errorMessage();
                return;
            }
            ExecutionRepository own(**connection);
            while (!stop.loadRelaxed()) {
                QList<RunEvent> events;
                for (int i = 0; i < 20; ++i)
                    events << makeEvent(runId, EventStream::Stdout, QStringLiteral("line %1\n").arg(i));
                if (const auto stored = own.appendRunEvents(events); !stored) {
                    writerError = stored.errorMessage();
                    return;
                }
                batches.fetchAndAddRelaxed(1);
            }
        }));
        writer->start();
        const AuditChainVerifier verifier(*db);
        QStringList problems;
        // Verify while the writer really writes: its connection may take a moment to open (PostgreSQL),
        // so the rounds go on until it has committed several batches, not just for a fixed count.
        QElapsedTimer limit;
        limit.start();
        for (int round = 0; (round < 40 || batches.loadRelaxed() < 3) && problems.isEmpty()
                            && !writer->isFinished() && limit.elapsed() < 120000;
             ++round) {
            const StoreResult<RunAuditReport> report = verifier.verifyRun(runId);
            if (!report)
                problems << report.errorMessage();
            else if (report->verdict != AuditVerdict::Verified)
                problems << describe(report->findings);
        }
        stop.storeRelaxed(1);
        QVERIFY(writer->wait(QDeadlineTimer(120000)));
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const StoreResult<RunAuditReport> final = verifier.verifyRun(runId);
        QVERIFY(final && final->verdict == AuditVerdict::Verified);
        QVERIFY(final->chainedRecords > 1);
    }

    void unknownRun_data() { addDialectRows(); }
    void unknownRun()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        const StoreResult<RunAuditReport> report = AuditChainVerifier(*db).verifyRun(QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(!report);
        QCOMPARE(int(report.error().kind), int(StoreError::Kind::NotFound));
        const StoreResult<DatabaseAuditReport> empty = AuditChainVerifier(*db).verifyDatabase();
        QVERIFY(empty);
        QCOMPARE(toString(empty->verdict), toString(AuditVerdict::Verified));
        QVERIFY(empty->runs.isEmpty());
    }

    // Several connections writing at once (two desktops on PostgreSQL): runs created and events
    // and approvals appended concurrently still form one consistent chain per run and per database.
    void concurrentWritersKeepTheChain_data() { addDialectRows(); }
    void concurrentWritersKeepTheChain()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const QString shared = repository.createRun(sampleRun(QStringLiteral("make all")))->id;
        const DatabaseLocation location = db->location();
        QStringList errors;
        QMutex errorsLock;
        auto fail = [&](const QString &message) {
            QMutexLocker locker(&errorsLock);
            errors << message;
        };
        auto writer = [&](const QString &tag) {
            StoreResult<std::unique_ptr<Database>> connection = Database::open(location, tag);
            if (!connection)
                return fail(connection.errorMessage());
            ExecutionRepository own(**connection);
            for (int round = 0; round < 10; ++round) {
                QList<RunEvent> events;
                for (int i = 0; i < 10; ++i)
                    events << makeEvent(shared, EventStream::Stdout, QStringLiteral("%1-%2-%3\n").arg(tag).arg(round).arg(i));
                if (const auto stored = own.appendRunEvents(events); !stored)
                    return fail(stored.errorMessage());
                Approval approval;
                approval.runId = shared;
                const StoreResult<Approval> requested = own.createApproval(approval);
                if (!requested)
                    return fail(requested.errorMessage());
                if (const auto resolved = own.resolveApproval(requested->id, ApprovalDecision::Denied, tag, tag); !resolved)
                    return fail(resolved.errorMessage());
                RunUpdate touch;
                touch.metadata = QJsonObject{{QStringLiteral("last"), tag}};
                if (const auto updated = own.updateRunStatus(shared, touch); !updated)
                    return fail(updated.errorMessage());
                if (const auto created = own.createRun(sampleRun(tag)); !created)
                    return fail(created.errorMessage());
            }
        };
        std::unique_ptr<QThread> one(QThread::create(writer, QStringLiteral("one")));
        std::unique_ptr<QThread> two(QThread::create(writer, QStringLiteral("two")));
        one->start();
        two->start();
        QVERIFY(one->wait(QDeadlineTimer(300000)));
        QVERIFY(two->wait(QDeadlineTimer(300000)));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        const StoreResult<DatabaseAuditReport> whole = AuditChainVerifier(*db).verifyDatabase();
        QVERIFY2(whole, qPrintable(whole.errorMessage()));
        QCOMPARE(whole->runs.size(), 1 + 2 * 10);
        for (const RunAuditReport &run : whole->runs)
            QVERIFY2(run.verdict == AuditVerdict::Verified, qPrintable(describe(run.findings)));
        QVERIFY2(whole->databaseFindings.isEmpty(), qPrintable(describe(whole->databaseFindings)));
        const RunAuditReport &sharedReport = whole->runs.constFirst();
        QCOMPARE(sharedReport.runId, shared);
        // 1 creation + per writer and round: 10 events, 2 approval writes, 1 run update.
        QCOMPARE(sharedReport.chainEntries, 1 + 2 * 10 * (10 + 2 + 1));
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
