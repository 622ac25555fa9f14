#pragma once
// Checks the audit chain (models/auditchain.h) against the records it covers: one run, or the
// whole database. Read-only. Every problem is a finding that names the table, the record and
// what is wrong.
#include "models/auditchain.h"
#include "models/database.h"
#include "models/storeresult.h"

#include <QJsonObject>
#include <QList>

namespace workbench::models {

// Ordered from good to bad; a run's verdict is its worst finding.
enum class AuditVerdict {
    Verified,  // every record is chained, every link holds, every seal was checked with our key
    Unsealed,  // the chain holds, but some seals cannot be checked here (unsealed, or another key)
    Unchained, // some or all records were written by a client that does not chain (e.g. CCDash)
    Tampered,  // a record or the chain was changed, removed, reordered or re-sealed
};
QString toString(AuditVerdict verdict);

struct AuditFinding
{
    AuditVerdict severity = AuditVerdict::Tampered; // Unsealed, Unchained or Tampered
    QString runId;
    QString table;   // execution_runs, execution_run_events, execution_approvals, workbench_audit_chain
    QString record;  // "id=...", "sequence_no=N", "position=N", "database_position=N"
    QString problem; // one sentence
    QString toText() const;
    QJsonObject toJson() const;
};

struct RunAuditReport
{
    QString runId;
    AuditVerdict verdict = AuditVerdict::Verified;
    qint64 chainEntries = 0;
    qint64 chainedRecords = 0;   // records whose current content matches their chain entry
    qint64 unchainedRecords = 0;
    qint64 sealsChecked = 0;
    QList<AuditFinding> findings;
    QJsonObject toJson() const;
};

struct DatabaseAuditReport
{
    AuditVerdict verdict = AuditVerdict::Verified;
    QList<RunAuditReport> runs;
    QList<AuditFinding> databaseFindings; // the database chain (runs removed with their chain)
    int runCount(AuditVerdict verdict) const;
    QJsonObject toJson() const;
};

class AuditChainVerifier
{
public:
    explicit AuditChainVerifier(Database &database, const AuditSealKey &key = auditSealKey());

    // Both read one consistent snapshot (a run still being written is checked as of one moment).
    // NotFound when the run has neither a row nor chain entries.
    StoreResult<RunAuditReport> verifyRun(const QString &runId) const;
    // Every run with a row or chain entries, oldest first, plus the database chain.
    StoreResult<DatabaseAuditReport> verifyDatabase() const;

    // At most this many findings of one kind per run are listed (the counts stay exact).
    static constexpr int maxListedFindings = 50;

private:
    StoreResult<RunAuditReport> verifyRun(const QString &runId, bool checkDatabaseLink) const;
    StoreResult<DatabaseAuditReport> verifyDatabaseInSnapshot() const;

    Database &m_database;
    const AuditSealKey &m_key;
};

} // namespace workbench::models
