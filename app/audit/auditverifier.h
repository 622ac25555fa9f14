#pragma once
// The run panel's view of the audit chain: one run's audit state as a verdict, one sentence and
// the findings, checked on the caller's connection or off the UI thread on a connection of its own.
#include "models/auditverifier.h"
#include "models/database.h"

#include <QObject>
#include <QStringList>
#include <functional>

namespace workbench::app {

struct AuditState
{
    enum class Kind {
        Verified,  // every record chained, linked and sealed with this user's key
        Unsealed,  // chain intact; some seals could not be checked here (another desktop's key, or none)
        Unchained, // written (partly) by a client that does not chain, e.g. CCDash itself
        Tampered,  // changed, removed, reordered or re-sealed: `details` names each record
        Unknown,   // could not be checked (store error, run not found): `summary` says why
    };
    Kind kind = Kind::Unknown;
    QString summary;        // one translated sentence for a chip or tooltip
    QStringList details;    // one line per finding ("tampered: execution_run_events sequence_no=3: ...")
    models::RunAuditReport report;

    static AuditState fromReport(const models::RunAuditReport &report);
    static AuditState failed(const QString &why);
};

class AuditVerifier
{
public:
    explicit AuditVerifier(models::Database &database, const models::AuditSealKey &key = models::auditSealKey());

    // Synchronous, on the database's thread. Cost grows with the run's events (one pass).
    AuditState verifyRun(const QString &runId) const;

    // Opens its own connection to `location` on a worker thread, verifies, and calls `done` on
    // `context`'s thread (never when `context` was destroyed meanwhile). For the window.
    static void verifyRunInBackground(const models::DatabaseLocation &location, const QString &runId, QObject *context,
                                      std::function<void(const AuditState &)> done);

private:
    models::Database &m_database;
    const models::AuditSealKey &m_key;
};

} // namespace workbench::app
