#pragma once
// The one execution service behind both the window and the CLI:
//   createRun -> policy -> deny: blocked | requires_approval: blocked + pending approval
//                       | allow: queued -> running -> succeeded / failed / canceled
// with CCDash's event texts, approvals bound to the policy fingerprint, remembered approvals,
// retry, cancel, startup recovery of runs an earlier (crashed) instance left behind, and
// fail-closed auditing: a run whose events cannot be stored is stopped and marked failed.
//
// Writes before a run starts (the run row, policy/approval events) are synchronous on the
// service's connection, so a caller gets a stored run back or an error. Once a run is handed to
// the runtime, everything about it goes through the EventWriter, in order, off the UI thread.
#include "app/runtime/runsupervisor.h"
#include "models/approvalrepository.h"
#include "models/database.h"
#include "models/eventwriter.h"
#include "models/executionrepository.h"
#include "policy/policytypes.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace workbench::execution {

struct RunRequest
{
    QString command;
    QString workspace;                           // the project's root
    QString cwd = QStringLiteral(".");
    QString envProfile = QStringLiteral("default");
    QString projectId;                           // CCDash project id ("" for ad-hoc runs)
    QString featureId;
    QString ruleId;                              // CCDash's recommendationRuleId
    std::optional<std::chrono::milliseconds> timeout; // nullopt = the service default; 0 = none
    std::optional<qint64> outputCapBytes;              // nullopt = the service default; 0 = none
    QJsonObject metadata;
    QString agentLauncher;                       // empty = PolicyRequest's default
    QString retryOfRunId;                        // set by retry()
};

struct RecoveryReport
{
    QStringList interruptedRunIds; // marked failed + "Run interrupted: ..."
    QStringList leftAloneRunIds;   // owned by a live instance
    QList<qint64> killedProcesses; // members of orphaned process groups that were still running
};

// True when an approval of this exact command may be remembered: never for deny, inline code
// (`python -c`, `node -e`, `eval`...), or wrappers of shells (`bash -c`, `env sh -c`...).
bool isRememberable(const policy::PolicyResult &result);

// "user@host" of the OS account running the app: the actor recorded for approvals.
QString currentActor();

// Identifies a running app instance so that a reused pid is not mistaken for it:
// "<boot id>:<pid>:<process start time>". Empty when the process does not exist.
QString instanceIdForProcess(qint64 pid);

class ExecutionService : public QObject
{
    Q_OBJECT
public:
    using PolicyEvaluator = std::function<policy::PolicyResult(const policy::PolicyRequest &)>;

    struct Options
    {
        std::chrono::milliseconds defaultTimeout{std::chrono::hours(2)};
        qint64 defaultOutputCapBytes = 64 * 1024 * 1024; // per stream
        std::chrono::milliseconds killGrace{3000};
        std::chrono::milliseconds approvalExpiry{std::chrono::hours(24)};
        std::chrono::milliseconds rememberFor{std::chrono::hours(24 * 30)};
        qint64 backPressureHighBytes = 16 * 1024 * 1024; // pause reading above, resume below low
        qint64 backPressureLowBytes = 4 * 1024 * 1024;
        qsizetype maxChunkBytes = runtime::DefaultMaxChunkBytes; // output bytes per stored event
        QString actor;      // empty = currentActor()
        QString host;       // empty = QSysInfo::machineHostName()
        QString instanceId; // empty = instanceIdForProcess(our pid)
    };

    ExecutionService(models::Database &database, models::EventWriter &writer, PolicyEvaluator evaluator,
                     QObject *parent = nullptr);
    ExecutionService(models::Database &database, models::EventWriter &writer, PolicyEvaluator evaluator,
                     const Options &options, QObject *parent = nullptr);
    ~ExecutionService() override; // still running runs are killed and recorded as interrupted

    const Options &options() const { return m_options; }

    // Reconciles runs this host left queued/running whose owning instance is gone. Call whenever
    // the app opens the database (window or CLI), before creating runs.
    models::StoreResult<RecoveryReport> recoverInterruptedRuns();

    // Judges and records a run; starts it when the policy allows it (or a remembered approval
    // applies). Returns the stored run: queued/running, or blocked.
    models::StoreResult<models::ExecutionRun> createRun(const RunRequest &request);

    // Resolves the pending approval. approve() re-evaluates the policy and starts the run only
    // if the result's fingerprint is still the one that was approved. `remember` also stores a
    // remembered approval for this exact command in this workspace (when isRememberable()).
    models::StoreResult<models::ExecutionRun> approve(const QString &runId, const QString &reason, bool remember = false);
    models::StoreResult<models::ExecutionRun> deny(const QString &runId, const QString &reason);

    // Running: SIGTERM, then SIGKILL (the run becomes canceled when its processes are gone).
    // Blocked with a pending approval: the approval is denied ("canceled") and the run canceled.
    // Anything else is returned unchanged, as CCDash does.
    models::StoreResult<models::ExecutionRun> cancel(const QString &runId, const QString &reason);

    // A new run through the whole policy again, linked by retry_of_run_id. Failed runs need
    // acknowledgeFailure, as in CCDash.
    models::StoreResult<models::ExecutionRun> retry(const QString &runId, bool acknowledgeFailure,
                                                    const QJsonObject &metadata = {});

    // Denies pending approvals older than Options::approvalExpiry. Also runs on a timer.
    models::StoreResult<int> expirePendingApprovals();

    models::StoreResult<QList<models::RememberedApproval>> rememberedApprovals(const QString &workspace = {});
    models::StoreResult<void> revokeRememberedApproval(qint64 id);

    bool isActive(const QString &runId) const { return m_active.contains(runId); }
    int activeRunCount() const { return int(m_active.size()); }
    models::ExecutionRepository &repository() { return m_repository; }

Q_SIGNALS:
    // Live output as read (before it is stored): for the CLI's terminal passthrough.
    void output(const QString &runId, const workbench::runtime::OutputChunk &chunk);
    // The run's stored state changed (status, approval...).
    void runChanged(const workbench::models::ExecutionRun &run);
    // The run's processes are gone and its final state is queued for the store.
    void runStopped(const QString &runId);
    // The run reached its final state and everything about it is stored.
    void runFinished(const workbench::models::ExecutionRun &run);
    // Events up to `sequence` are stored (the output view reads up to there).
    void eventsCommitted(const QString &runId, qint64 sequence);
    // Fail-closed: the store refused the run's events; the run is being stopped.
    void auditFailure(const QString &runId, const QString &message);

private:
    struct ActiveRun;

    models::StoreResult<models::ExecutionRun> startRun(models::ExecutionRun run, const policy::PolicyResult &result,
                                                       const RunRequest &request);
    models::StoreResult<void> appendNow(const QString &runId, models::EventStream stream, const QString &type,
                                        const QString &text, const QJsonObject &payload);
    void appendQueued(ActiveRun &active, models::EventStream stream, const QString &type, const QString &text,
                      const QJsonObject &payload, const QDateTime &time = {});
    RunRequest requestFromRun(const models::ExecutionRun &run) const;
    policy::PolicyRequest policyRequestFor(const RunRequest &request) const;
    std::optional<models::RememberedApproval> matchingRememberedApproval(const RunRequest &request,
                                                                        const policy::PolicyResult &result);
    models::StoreResult<models::ExecutionRun> approveAndStart(models::ExecutionRun run, models::Approval pending,
                                                              const QString &reason, const QString &actor,
                                                              const policy::PolicyResult &result,
                                                              const RunRequest &request, const QJsonObject &extra);
    models::StoreResult<models::ExecutionRun> resolveAsDenied(const models::ExecutionRun &run,
                                                              const models::Approval &pending, const QString &reason,
                                                              const QString &actor);

    void onOutput(const QString &runId, const runtime::OutputChunk &chunk);
    void onNotice(const QString &runId, const runtime::RuntimeNotice &notice);
    void onFinished(const QString &runId, const runtime::RunOutcome &outcome);
    void onWriteFailed(const QString &message);
    void failClosed(ActiveRun &run, const QString &message);
    void onCommitted(const QString &runId, qint64 sequence);
    void onRunUpdated(const models::ExecutionRun &run);
    void updateBackPressure();

    models::Database &m_database;
    models::EventWriter &m_writer;
    models::ExecutionRepository m_repository;
    models::ApprovalRepository m_approvals;
    PolicyEvaluator m_evaluator;
    Options m_options;
    QHash<QString, std::shared_ptr<ActiveRun>> m_active;
    QHash<QString, std::shared_ptr<ActiveRun>> m_finishing; // final update queued, not yet stored
    QTimer m_expiryTimer;
    bool m_readingPaused = false;
};

} // namespace workbench::execution
