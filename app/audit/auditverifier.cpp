#include "app/audit/auditverifier.h"

#include <QCoreApplication>
#include <QThread>
#include <memory>

namespace workbench::app {

using namespace workbench::models;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::app::AuditState", text);
}

} // namespace

AuditState AuditState::fromReport(const RunAuditReport &report)
{
    AuditState state;
    state.report = report;
    for (const AuditFinding &finding : report.findings)
        state.details << finding.toText();
    switch (report.verdict) {
    case AuditVerdict::Verified:
        state.kind = Kind::Verified;
        state.summary = tr("Audit trail verified: %1 records chained and sealed.").arg(report.chainedRecords);
        break;
    case AuditVerdict::Unsealed:
        state.kind = Kind::Unsealed;
        state.summary = tr("Audit chain intact, but some seals were made with another key and cannot be checked here.");
        break;
    case AuditVerdict::Unchained:
        state.kind = Kind::Unchained;
        state.summary = report.chainEntries == 0
                            ? tr("No audit chain: this run was written by a client that does not chain (such as CCDash).")
                            : tr("%1 record(s) of this run were written by a client that does not chain.")
                                  .arg(report.unchainedRecords);
        break;
    case AuditVerdict::Tampered:
        state.kind = Kind::Tampered;
        state.summary = tr("The audit trail of this run was tampered with: %1 problem(s) found.").arg(report.findings.size());
        break;
    }
    return state;
}

AuditState AuditState::failed(const QString &why)
{
    AuditState state;
    state.kind = Kind::Unknown;
    state.summary = tr("The audit trail could not be checked: %1").arg(why);
    return state;
}

AuditVerifier::AuditVerifier(Database &database, const AuditSealKey &key)
    : m_database(database)
    , m_key(key)
{
}

AuditState AuditVerifier::verifyRun(const QString &runId) const
{
    const StoreResult<RunAuditReport> report = AuditChainVerifier(m_database, m_key).verifyRun(runId);
    if (!report)
        return AuditState::failed(report.errorMessage());
    return AuditState::fromReport(*report);
}

void AuditVerifier::verifyRunInBackground(const DatabaseLocation &location, const QString &runId, QObject *context,
                                          std::function<void(const AuditState &)> done)
{
    auto state = std::make_shared<AuditState>();
    QThread *worker = QThread::create([location, runId, state]() {
        StoreResult<std::unique_ptr<Database>> database = Database::open(location, QStringLiteral("audit"));
        *state = database ? AuditVerifier(**database).verifyRun(runId) : AuditState::failed(database.errorMessage());
        models::audit::releaseThreadState();
    });
    // Queued to the context's thread; Qt drops the call when the context is gone by then.
    QObject::connect(worker, &QThread::finished, context, [state, done = std::move(done)]() { done(*state); });
    QObject::connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

} // namespace workbench::app
