#pragma once
// Reads and writes CCDash's execution tables (runs, events, approvals) and the workbench's run
// ownership table, on one Database connection (so on that connection's thread). Every value is
// bound; every failure comes back as a StoreError with a readable message.
#include "models/database.h"
#include "models/executiontypes.h"
#include "models/storeresult.h"

#include <QList>
#include <optional>

namespace workbench::models {

struct RunQuery
{
    QString projectId;              // empty = any
    QString featureId;              // empty = any
    QList<RunStatus> statuses;      // empty = any
    QString text;                   // case-insensitive substring of command, feature, rule or id
    int limit = 40;
    int offset = 0;
    // Keyset paging (fast on deep pages): only runs older than this (created_at, id) pair.
    QString beforeCreatedAt;
    QString beforeId;
};

// A statement and its values in bind order.
struct BoundStatement
{
    QString sql;
    QVariantList values;
};

// Partial update of a run: only the fields that are set are written; updated_at is always set.
struct RunUpdate
{
    std::optional<RunStatus> status;
    std::optional<std::optional<int>> exitCode; // set to nullopt-in-optional to write NULL
    std::optional<QString> startedAt;
    std::optional<QString> endedAt;
    std::optional<QString> approvedBy;
    std::optional<QString> approvedAt;
    std::optional<QString> policyVerdict;
    std::optional<QString> riskLevel;
    std::optional<bool> requiresApproval;
    std::optional<QString> normalizedCommand;
    std::optional<QJsonObject> metadata;
    QString updatedAt;              // empty = now
    // Compare-and-set: when not empty, the update only happens if the run's status is one of these
    // (otherwise StoreError::Kind::Conflict), e.g. cancel only from queued/running.
    QList<RunStatus> onlyFromStatuses;
};

struct EventPage
{
    QString runId;
    QList<RunEvent> items;
    qint64 nextSequence = 0;        // max(afterSequence, last item's sequence), as CCDash
    QJsonObject toJson() const;     // {"runId", "items": [...], "nextSequence"}
};

// Who runs a run: written when the runtime starts a process, read at startup to recover orphans.
struct RunOwner
{
    QString runId;
    QString host;
    qint64 pid = 0;
    QString instanceId;
    std::optional<qint64> processGroup;
    QString startedAt;
    friend bool operator==(const RunOwner &, const RunOwner &) = default;
};

struct OwnedRun
{
    ExecutionRun run;
    RunOwner owner;
};

class ExecutionRepository
{
public:
    explicit ExecutionRepository(Database &database);

    Database &database() const { return m_database; }

    // Every write below also extends the run's audit chain (models/auditchain.h) in the same
    // transaction. Off only to measure what the chain costs (tests/bench/bench_store.cpp) or to
    // write as a client that does not chain would.
    void setAuditChaining(bool enabled) { m_auditChaining = enabled; }

    // Inserts the run. Fills an empty id (uuid4 hex) and empty createdAt/updatedAt (now).
    StoreResult<ExecutionRun> createRun(ExecutionRun run);
    // Writes every column of the run except id and created_at. updatedAt empty = now.
    StoreResult<ExecutionRun> updateRun(ExecutionRun run);
    // Writes only the fields set in `update`; returns the run as stored afterwards.
    StoreResult<ExecutionRun> updateRunStatus(const QString &runId, const RunUpdate &update);
    StoreResult<ExecutionRun> getRun(const QString &runId) const;
    // Newest first (created_at DESC, then id DESC for a stable order).
    StoreResult<QList<ExecutionRun>> listRuns(const RunQuery &query) const;

    // Appends the events in ONE transaction. Sequence numbers are assigned here, 1-based and
    // gap-free per run, also against other connections appending to the same run at once.
    // Events may belong to several runs. Returns the events with id and sequenceNo set, in order;
    // empty occurredAt = now.
    StoreResult<QList<RunEvent>> appendRunEvents(QList<RunEvent> events);
    // Events with sequence_no > afterSequence, ascending, at most `limit`.
    StoreResult<EventPage> listEventsAfterSequence(const QString &runId, qint64 afterSequence, int limit) const;
    // Highest stored sequence number of a run (0 when it has no events).
    StoreResult<qint64> lastSequence(const QString &runId) const;

    // Inserts a (normally pending) approval; empty requestedAt = now. Returns it with its id.
    StoreResult<Approval> createApproval(Approval approval);
    // Resolves a pending approval (Conflict when it is no longer pending). Empty resolvedAt = now.
    StoreResult<Approval> resolveApproval(qint64 approvalId, ApprovalDecision decision, const QString &reason,
                                          const QString &resolvedBy, const QString &resolvedAt = {});
    // The latest pending approval of a run, as CCDash (ORDER BY id DESC LIMIT 1).
    StoreResult<std::optional<Approval>> pendingApproval(const QString &runId) const;
    // All approvals of a run, oldest first.
    StoreResult<QList<Approval>> listApprovals(const QString &runId) const;

    // The statements listRuns() and listEventsAfterSequence() execute, public so that tests can
    // check their query plans (EXPLAIN) against the real schema.
    static BoundStatement listRunsStatement(const RunQuery &query, Dialect dialect);
    static BoundStatement eventsAfterSequenceStatement(const QString &runId, qint64 afterSequence, int limit,
                                                       Dialect dialect);

    StoreResult<void> setRunOwner(const RunOwner &owner);
    StoreResult<void> clearRunOwner(const QString &runId);
    // Runs still queued or running that this host owned (startup recovery), oldest first.
    StoreResult<QList<OwnedRun>> runsOwnedByHost(const QString &host) const;

private:
    StoreResult<QList<RunEvent>> insertEvents(QList<RunEvent> &events);
    StoreResult<void> chainRun(const QString &runId, bool created);
    StoreResult<void> chainApproval(const QString &runId, qint64 approvalId);

    Database &m_database;
    bool m_auditChaining = true;
};

} // namespace workbench::models
