#include "models/auditverifier.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSqlError>
#include <functional>
#include <algorithm>

namespace workbench::models {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("workbench::models::AuditChainVerifier", text, disambiguation, n);
}

const QLatin1StringView runsTable("execution_runs");
const QLatin1StringView eventsTable("execution_run_events");
const QLatin1StringView approvalsTable("execution_approvals");
const QLatin1StringView chainTable("workbench_audit_chain");

// Collects findings, listing at most maxListedFindings per severity (the rest are counted).
class Findings
{
    Q_DECLARE_TR_FUNCTIONS(workbench::models::Findings)

public:
    explicit Findings(RunAuditReport &report)
        : m_report(report)
    {
    }
    void add(AuditVerdict severity, QLatin1StringView table, const QString &record, const QString &problem)
    {
        m_report.verdict = std::max(m_report.verdict, severity);
        int &listed = m_listed[int(severity)];
        if (listed >= AuditChainVerifier::maxListedFindings) {
            ++m_unlisted[int(severity)];
            return;
        }
        ++listed;
        m_report.findings.append(AuditFinding{severity, m_report.runId, QString(table), record, problem});
    }
    void close()
    {
        for (int severity = 0; severity < 4; ++severity) {
            if (m_unlisted[severity] > 0)
                m_report.findings.append(AuditFinding{AuditVerdict(severity), m_report.runId, QString(), QString(),
                                                      tr("%n more finding(s) like the above are not listed.", nullptr,
                                                         int(m_unlisted[severity]))});
        }
    }

private:
    RunAuditReport &m_report;
    int m_listed[4] = {};
    qint64 m_unlisted[4] = {};
};

QString recordLabel(const QString &kind, const QString &key)
{
    if (kind == audit::kindEvent)
        return QStringLiteral("sequence_no=") + key;
    return QStringLiteral("id=") + key;
}

QLatin1StringView tableOf(const QString &kind)
{
    if (kind == audit::kindEvent)
        return eventsTable;
    if (kind == audit::kindApproval)
        return approvalsTable;
    return runsTable;
}

// Runs `read` in one read-only snapshot, so records written meanwhile (a run still being
// recorded) cannot appear without the chain entries read a moment earlier. SQLite (WAL): a
// deferred transaction reads one snapshot from its first SELECT; PostgreSQL: REPEATABLE READ.
template<typename T>
StoreResult<T> inReadSnapshot(Database &database, const std::function<StoreResult<T>()> &read)
{
    QSqlQuery control = database.newQuery();
    const bool began = database.dialect() == Dialect::Sqlite
                           ? control.exec(QStringLiteral("BEGIN"))
                           : (database.connection().transaction()
                              && control.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")));
    if (!began) {
        if (database.dialect() == Dialect::Postgres)
            database.connection().rollback();
        return StoreError{StoreError::Kind::Query, tr("Starting a read snapshot failed: %1").arg(control.lastError().text().trimmed())};
    }
    StoreResult<T> result = read();
    if (database.dialect() == Dialect::Sqlite)
        control.exec(QStringLiteral("ROLLBACK"));
    else
        database.connection().rollback();
    return result;
}

} // namespace

QString toString(AuditVerdict verdict)
{
    switch (verdict) {
    case AuditVerdict::Verified:
        return QStringLiteral("verified");
    case AuditVerdict::Unsealed:
        return QStringLiteral("unsealed");
    case AuditVerdict::Unchained:
        return QStringLiteral("unchained");
    case AuditVerdict::Tampered:
        return QStringLiteral("tampered");
    }
    return QStringLiteral("tampered");
}

QString AuditFinding::toText() const
{
    QString where = table;
    if (!record.isEmpty())
        where += QLatin1Char(' ') + record;
    if (!runId.isEmpty())
        where += QStringLiteral(" (run %1)").arg(runId);
    return where.isEmpty() ? QStringLiteral("%1: %2").arg(toString(severity), problem)
                           : QStringLiteral("%1: %2: %3").arg(toString(severity), where, problem);
}

QJsonObject AuditFinding::toJson() const
{
    return QJsonObject{{QLatin1String("severity"), toString(severity)},
                       {QLatin1String("runId"), runId},
                       {QLatin1String("table"), table},
                       {QLatin1String("record"), record},
                       {QLatin1String("problem"), problem}};
}

QJsonObject RunAuditReport::toJson() const
{
    QJsonArray list;
    for (const AuditFinding &finding : findings)
        list.append(finding.toJson());
    return QJsonObject{{QLatin1String("runId"), runId},
                       {QLatin1String("verdict"), toString(verdict)},
                       {QLatin1String("chainEntries"), chainEntries},
                       {QLatin1String("chainedRecords"), chainedRecords},
                       {QLatin1String("unchainedRecords"), unchainedRecords},
                       {QLatin1String("sealsChecked"), sealsChecked},
                       {QLatin1String("findings"), list}};
}

int DatabaseAuditReport::runCount(AuditVerdict wanted) const
{
    return int(std::count_if(runs.cbegin(), runs.cend(), [wanted](const RunAuditReport &run) { return run.verdict == wanted; }));
}

QJsonObject DatabaseAuditReport::toJson() const
{
    QJsonArray runList;
    for (const RunAuditReport &run : runs)
        runList.append(run.toJson());
    QJsonArray databaseList;
    for (const AuditFinding &finding : databaseFindings)
        databaseList.append(finding.toJson());
    return QJsonObject{{QLatin1String("verdict"), toString(verdict)},
                       {QLatin1String("runs"), runList},
                       {QLatin1String("databaseFindings"), databaseList},
                       {QLatin1String("summary"),
                        QJsonObject{{QLatin1String("runs"), int(runs.size())},
                                    {QLatin1String("verified"), runCount(AuditVerdict::Verified)},
                                    {QLatin1String("unsealed"), runCount(AuditVerdict::Unsealed)},
                                    {QLatin1String("unchained"), runCount(AuditVerdict::Unchained)},
                                    {QLatin1String("tampered"), runCount(AuditVerdict::Tampered)}}}};
}

AuditChainVerifier::AuditChainVerifier(Database &database, const AuditSealKey &key)
    : m_database(database)
    , m_key(key)
{
}

StoreResult<RunAuditReport> AuditChainVerifier::verifyRun(const QString &runId) const
{
    return inReadSnapshot<RunAuditReport>(m_database, [&] { return verifyRun(runId, true); });
}

StoreResult<RunAuditReport> AuditChainVerifier::verifyRun(const QString &runId, bool checkDatabaseLink) const
{
    const Dialect dialect = m_database.dialect();
    StoreResult<QSqlQuery> entryQuery = m_database.exec(
        QStringLiteral("SELECT id, run_id, position, record_kind, record_key, content_hash, previous_hash, entry_hash, "
                       "database_position, seal_key_id, seal, created_at FROM workbench_audit_chain WHERE run_id = ? "
                       "ORDER BY position ASC, id ASC"),
        {runId});
    if (!entryQuery)
        return entryQuery.error();
    QList<AuditChainEntry> entries;
    while (entryQuery->next())
        entries.append(audit::entryFromQuery(*entryQuery));

    StoreResult<QSqlQuery> runQuery = m_database.exec(audit::runRecordSql(dialect), {runId});
    if (!runQuery)
        return runQuery.error();
    std::optional<QString> runHash;
    if (runQuery->next())
        runHash = audit::contentHash(audit::kindRun,
                                     audit::recordFields(*runQuery, audit::runColumnCount, audit::runJsonColumn));
    if (entries.isEmpty() && !runHash)
        return StoreError{StoreError::Kind::NotFound, tr("Execution run '%1' not found").arg(runId)};

    RunAuditReport report;
    report.runId = runId;
    report.chainEntries = entries.size();
    Findings findings(report);

    if (entries.isEmpty()) {
        StoreResult<QSqlQuery> counts = m_database.exec(
            QStringLiteral("SELECT (SELECT COUNT(*) FROM execution_run_events WHERE run_id = ?), "
                           "(SELECT COUNT(*) FROM execution_approvals WHERE run_id = ?)"),
            {runId, runId});
        if (!counts)
            return counts.error();
        counts->next();
        const qint64 events = counts->value(0).toLongLong();
        const qint64 approvals = counts->value(1).toLongLong();
        report.unchainedRecords = 1 + events + approvals;
        findings.add(AuditVerdict::Unchained, runsTable, QStringLiteral("id=") + runId,
                     tr("The run, its %1 event(s) and %2 approval(s) have no audit chain: they were written by a client "
                        "that does not chain (such as CCDash) or before this database had an audit chain.")
                         .arg(events)
                         .arg(approvals));
        findings.close();
        return report;
    }

    // 1. The chain itself: positions, entry hashes, links, seals.
    const bool runSealed = !entries.constFirst().sealKeyId.isEmpty();
    qint64 unsealed = 0;
    qint64 foreignSealed = 0;
    QString foreignKeyId;
    QHash<QString, qsizetype> latest; // "kind\nkey" -> index of the record's latest entry
    qint64 expected = 1;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const AuditChainEntry &entry = entries.at(i);
        const QString position = QStringLiteral("position=%1").arg(entry.position);
        if (entry.position > expected) {
            findings.add(AuditVerdict::Tampered, chainTable,
                         entry.position - 1 == expected ? QStringLiteral("position=%1").arg(expected)
                                                        : QStringLiteral("position=%1..%2").arg(expected).arg(entry.position - 1),
                         tr("Chain entries are missing before position %1: records and their entries were removed.")
                             .arg(entry.position));
        } else if (entry.position < expected) {
            findings.add(AuditVerdict::Tampered, chainTable, position,
                         tr("The position appears more than once: entries were duplicated or renumbered."));
        }
        expected = entry.position + 1;
        if (audit::entryHash(entry) != entry.entryHash)
            findings.add(AuditVerdict::Tampered, chainTable, position,
                         tr("The entry's fields do not match its hash: the entry was edited."));
        if (i == 0) {
            if (entry.databasePosition && entry.recordKind != audit::kindRun)
                findings.add(AuditVerdict::Tampered, chainTable, position, tr("The run's first entry is not its run row."));
            if (!entry.databasePosition && entry.previousHash != audit::genesisHash())
                findings.add(AuditVerdict::Tampered, chainTable, position,
                             tr("The first remaining entry links to an entry that no longer exists: the entries "
                                "before it were removed."));
        } else if (entry.previousHash != entries.at(i - 1).entryHash) {
            findings.add(AuditVerdict::Tampered, chainTable, position,
                         tr("The entry does not link to the entry before it: entries were reordered, replaced or removed."));
        }
        if (entry.sealKeyId.isEmpty()) {
            if (runSealed)
                findings.add(AuditVerdict::Tampered, chainTable, position,
                             tr("The entry's seal was removed although the rest of the run is sealed."));
            else
                ++unsealed;
        } else if (m_key.isValid() && entry.sealKeyId == m_key.id) {
            if (audit::seal(m_key.secret, entry.entryHash) != entry.seal)
                findings.add(AuditVerdict::Tampered, chainTable, position,
                             tr("The seal does not match: the entry was recomputed without the seal key (re-sealed)."));
            else
                ++report.sealsChecked;
        } else {
            ++foreignSealed;
            foreignKeyId = entry.sealKeyId;
        }
        if (entry.recordKind != audit::kindRun && entry.recordKind != audit::kindEvent
            && entry.recordKind != audit::kindApproval) {
            findings.add(AuditVerdict::Tampered, chainTable, position,
                         tr("Unknown record kind '%1'.").arg(entry.recordKind));
            continue;
        }
        latest.insert(entry.recordKind + QLatin1Char('\n') + entry.recordKey, i);
    }
    if (unsealed > 0)
        findings.add(AuditVerdict::Unsealed, chainTable, QString(),
                     tr("%1 chain entr(ies) are not sealed (no seal key was available when they were written): only "
                        "their hash chain was checked.").arg(unsealed));
    if (foreignSealed > 0)
        findings.add(AuditVerdict::Unsealed, chainTable, QString(),
                     tr("%1 chain entr(ies) were sealed with another key (%2) than this user's (%3): only their hash chain "
                        "was checked.").arg(foreignSealed).arg(foreignKeyId, m_key.isValid() ? m_key.id : tr("none")));

    // 2. The run's place in the database chain.
    const AuditChainEntry &first = entries.constFirst();
    if (checkDatabaseLink && first.databasePosition) {
        const qint64 place = *first.databasePosition;
        if (place <= 1) {
            if (first.previousHash != audit::genesisHash())
                findings.add(AuditVerdict::Tampered, chainTable, QStringLiteral("database_position=%1").arg(place),
                             tr("The database's first run does not start the database chain."));
        } else {
            StoreResult<QSqlQuery> before = m_database.exec(
                QStringLiteral("SELECT entry_hash FROM workbench_audit_chain WHERE database_position = ?"), {place - 1});
            if (!before)
                return before.error();
            if (!before->next())
                findings.add(AuditVerdict::Tampered, chainTable, QStringLiteral("database_position=%1").arg(place - 1),
                             tr("The run before this one in the database chain is missing: it was removed together "
                                "with its chain entries."));
            else if (before->value(0).toString() != first.previousHash)
                findings.add(AuditVerdict::Tampered, chainTable, QStringLiteral("database_position=%1").arg(place),
                             tr("The run does not link to the run before it in the database chain."));
        }
    }

    // 3. The records against their latest entries.
    auto takeLatest = [&](const QString &kind, const QString &key) -> const AuditChainEntry * {
        const auto found = latest.constFind(kind + QLatin1Char('\n') + key);
        if (found == latest.cend())
            return nullptr;
        const AuditChainEntry *entry = &entries.at(*found);
        latest.erase(found);
        return entry;
    };
    auto compare = [&](const QString &kind, const QString &key, const QString &hash) {
        const AuditChainEntry *entry = takeLatest(kind, key);
        if (!entry) {
            ++report.unchainedRecords;
            findings.add(AuditVerdict::Unchained, tableOf(kind), recordLabel(kind, key),
                         tr("No chain entry: written by a client that does not chain (such as CCDash)."));
        } else if (entry->contentHash != hash) {
            findings.add(AuditVerdict::Tampered, tableOf(kind), recordLabel(kind, key),
                         kind == audit::kindEvent
                             ? tr("The event differs from what was chained at position %1: it was edited or moved.")
                                   .arg(entry->position)
                             : tr("The record differs from its last chained state (position %1): it was changed "
                                  "outside the workbench.").arg(entry->position));
        } else {
            ++report.chainedRecords;
        }
    };
    if (runHash)
        compare(QString(audit::kindRun), runId, *runHash);

    StoreResult<QSqlQuery> events = m_database.exec(audit::eventRecordsSql(dialect), {runId});
    if (!events)
        return events.error();
    while (events->next())
        compare(QString(audit::kindEvent), events->value(1).toString(),
                audit::contentHash(audit::kindEvent,
                                   audit::recordFields(*events, audit::eventColumnCount, audit::eventJsonColumn)));
    StoreResult<QSqlQuery> approvals = m_database.exec(audit::approvalRecordsSql(), {runId});
    if (!approvals)
        return approvals.error();
    while (approvals->next())
        compare(QString(audit::kindApproval), approvals->value(0).toString(),
                audit::contentHash(audit::kindApproval, audit::recordFields(*approvals, audit::approvalColumnCount, -1)));

    // Entries left over cover records that are gone.
    QList<qsizetype> gone = latest.values();
    std::sort(gone.begin(), gone.end());
    for (qsizetype index : std::as_const(gone)) {
        const AuditChainEntry &entry = entries.at(index);
        findings.add(AuditVerdict::Tampered, tableOf(entry.recordKind), recordLabel(entry.recordKind, entry.recordKey),
                     entry.recordKind == audit::kindRun
                         ? tr("The run row was deleted; its audit chain remains.")
                         : tr("The record was deleted (chained at position %1).").arg(entry.position));
    }
    findings.close();
    return report;
}

StoreResult<DatabaseAuditReport> AuditChainVerifier::verifyDatabase() const
{
    return inReadSnapshot<DatabaseAuditReport>(m_database, [&] { return verifyDatabaseInSnapshot(); });
}

StoreResult<DatabaseAuditReport> AuditChainVerifier::verifyDatabaseInSnapshot() const
{
    DatabaseAuditReport report;
    QStringList runIds;
    StoreResult<QSqlQuery> runs = m_database.exec(QStringLiteral("SELECT id FROM execution_runs ORDER BY created_at ASC, id ASC"));
    if (!runs)
        return runs.error();
    while (runs->next())
        runIds << runs->value(0).toString();
    StoreResult<QSqlQuery> orphans = m_database.exec(
        QStringLiteral("SELECT run_id, MIN(id) FROM workbench_audit_chain WHERE run_id NOT IN (SELECT id FROM execution_runs) "
                       "GROUP BY run_id ORDER BY MIN(id) ASC"));
    if (!orphans)
        return orphans.error();
    while (orphans->next())
        runIds << orphans->value(0).toString();

    for (const QString &runId : std::as_const(runIds)) {
        StoreResult<RunAuditReport> run = verifyRun(runId, false);
        if (!run)
            return run.error();
        report.verdict = std::max(report.verdict, run->verdict);
        report.runs.append(std::move(*run));
    }

    // The database chain: every run's first entry links to the run before it.
    StoreResult<QSqlQuery> chain = m_database.exec(
        QStringLiteral("SELECT database_position, run_id, previous_hash, entry_hash FROM workbench_audit_chain "
                       "WHERE database_position IS NOT NULL ORDER BY database_position ASC, id ASC"));
    if (!chain)
        return chain.error();
    qint64 expected = 1;
    QString previousHash = audit::genesisHash();
    auto add = [&](const QString &runId, const QString &record, const QString &problem) {
        report.verdict = AuditVerdict::Tampered;
        report.databaseFindings.append(AuditFinding{AuditVerdict::Tampered, runId, QString(chainTable), record, problem});
    };
    while (chain->next()) {
        const qint64 place = chain->value(0).toLongLong();
        const QString runId = chain->value(1).toString();
        if (place > expected) {
            add(QString(), place - 1 == expected ? QStringLiteral("database_position=%1").arg(expected)
                                                 : QStringLiteral("database_position=%1..%2").arg(expected).arg(place - 1),
                tr("Runs are missing from the database chain: they were removed together with their chain entries."));
        } else if (place < expected) {
            add(runId, QStringLiteral("database_position=%1").arg(place),
                tr("The database position appears more than once."));
        } else if (chain->value(2).toString() != previousHash) {
            add(runId, QStringLiteral("database_position=%1").arg(place),
                tr("The run does not link to the run before it in the database chain."));
        }
        expected = place + 1;
        previousHash = chain->value(3).toString();
    }
    return report;
}

} // namespace workbench::models
