#pragma once
// Approval bookkeeping beyond CCDash's execution_approvals rows: remembered approvals
// (workbench_remembered_approvals: "always allow this exact command in this workspace") and the
// list of pending approvals that the execution service expires.
#include "models/database.h"
#include "models/executiontypes.h"
#include "models/storeresult.h"

#include <QList>
#include <optional>

namespace workbench::models {

struct RememberedApproval
{
    qint64 id = 0;
    QString workspace;          // resolved workspace root
    QString normalizedCommand;  // exact match
    QString envProfile;
    QString policyVersion;      // of the approval it came from (informational)
    QString reason;
    QString createdAt;
    QString createdBy;
    QString expiresAt;          // ISO-8601 UTC
    QString revokedAt;          // "" while active
    QString revokedBy;
    QString sourceRunId;

    bool isActiveAt(const QString &isoNow) const { return revokedAt.isEmpty() && expiresAt > isoNow; }
    QJsonObject toJson() const;
    friend bool operator==(const RememberedApproval &, const RememberedApproval &) = default;
};

class ApprovalRepository
{
public:
    explicit ApprovalRepository(Database &database);

    // Stores a remembered approval; empty createdAt = now. Returns it with its id.
    StoreResult<RememberedApproval> remember(RememberedApproval approval);
    // Active (not revoked, not expired at `isoNow`) approval for exactly this command, if any.
    StoreResult<std::optional<RememberedApproval>> findActive(const QString &workspace, const QString &normalizedCommand,
                                                             const QString &envProfile, const QString &isoNow) const;
    // All remembered approvals (of one workspace when given), newest first, revoked ones included.
    StoreResult<QList<RememberedApproval>> listRemembered(const QString &workspace = {}) const;
    // Marks it revoked (NotFound when there is no such id; Conflict when already revoked).
    StoreResult<void> revoke(qint64 id, const QString &revokedBy);

    // Every approval still pending, oldest first.
    StoreResult<QList<Approval>> listPending() const;

private:
    Database &m_database;
};

} // namespace workbench::models
