#include "models/approvalrepository.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace workbench::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::models::ApprovalRepository", text);
}

const QString rememberedColumns = QStringLiteral(
    "id, workspace, normalized_command, env_profile, policy_version, reason, created_at, created_by, expires_at, "
    "revoked_at, revoked_by, source_run_id");

RememberedApproval rememberedFromQuery(const QSqlQuery &query)
{
    RememberedApproval approval;
    approval.id = query.value(0).toLongLong();
    approval.workspace = query.value(1).toString();
    approval.normalizedCommand = query.value(2).toString();
    approval.envProfile = query.value(3).toString();
    approval.policyVersion = query.value(4).toString();
    approval.reason = query.value(5).toString();
    approval.createdAt = query.value(6).toString();
    approval.createdBy = query.value(7).toString();
    approval.expiresAt = query.value(8).toString();
    approval.revokedAt = query.value(9).toString();
    approval.revokedBy = query.value(10).toString();
    approval.sourceRunId = query.value(11).toString();
    return approval;
}

} // namespace

QJsonObject RememberedApproval::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("workspace"), workspace},
                       {QStringLiteral("normalizedCommand"), normalizedCommand},
                       {QStringLiteral("envProfile"), envProfile},
                       {QStringLiteral("policyVersion"), policyVersion},
                       {QStringLiteral("reason"), reason},
                       {QStringLiteral("createdAt"), createdAt},
                       {QStringLiteral("createdBy"), createdBy},
                       {QStringLiteral("expiresAt"), expiresAt},
                       {QStringLiteral("revokedAt"), revokedAt},
                       {QStringLiteral("revokedBy"), revokedBy},
                       {QStringLiteral("sourceRunId"), sourceRunId}};
}

ApprovalRepository::ApprovalRepository(Database &database)
    : m_database(database)
{
}

StoreResult<RememberedApproval> ApprovalRepository::remember(RememberedApproval approval)
{
    if (approval.workspace.isEmpty() || approval.normalizedCommand.isEmpty() || approval.expiresAt.isEmpty())
        return StoreError{StoreError::Kind::InvalidArgument,
                          tr("A remembered approval needs a workspace, a command and an expiry time.")};
    if (approval.createdAt.isEmpty())
        approval.createdAt = isoTimestampNow();
    const bool postgres = m_database.dialect() == Dialect::Postgres;
    StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        StoreResult<QSqlQuery> inserted = m_database.exec(
            QStringLiteral("INSERT INTO workbench_remembered_approvals (workspace, normalized_command, env_profile, "
                           "policy_version, reason, created_at, created_by, expires_at, revoked_at, revoked_by, "
                           "source_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', ?)")
                + (postgres ? QStringLiteral(" RETURNING id") : QString()),
            {approval.workspace, approval.normalizedCommand, nonNull(approval.envProfile), nonNull(approval.policyVersion),
             nonNull(approval.reason), approval.createdAt, nonNull(approval.createdBy), approval.expiresAt,
             nonNull(approval.sourceRunId)});
        if (!inserted)
            return inserted.error();
        if (postgres) {
            if (!inserted->next())
                return StoreError{StoreError::Kind::Query, tr("Storing a remembered approval returned no id.")};
            approval.id = inserted->value(0).toLongLong();
        } else {
            approval.id = inserted->lastInsertId().toLongLong();
        }
        return {};
    });
    if (!written)
        return written.error();
    return approval;
}

StoreResult<std::optional<RememberedApproval>> ApprovalRepository::findActive(const QString &workspace,
                                                                              const QString &normalizedCommand,
                                                                              const QString &envProfile,
                                                                              const QString &isoNow) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT ") + rememberedColumns
            + QStringLiteral(" FROM workbench_remembered_approvals WHERE workspace = ? AND normalized_command = ? "
                             "AND env_profile = ? AND revoked_at = '' AND expires_at > ? ORDER BY id DESC LIMIT 1"),
        {workspace, normalizedCommand, nonNull(envProfile), isoNow});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<RememberedApproval>();
    return std::optional<RememberedApproval>(rememberedFromQuery(*query));
}

StoreResult<QList<RememberedApproval>> ApprovalRepository::listRemembered(const QString &workspace) const
{
    StoreResult<QSqlQuery> query = workspace.isEmpty()
        ? m_database.exec(QStringLiteral("SELECT ") + rememberedColumns
                          + QStringLiteral(" FROM workbench_remembered_approvals ORDER BY id DESC"))
        : m_database.exec(QStringLiteral("SELECT ") + rememberedColumns
                              + QStringLiteral(" FROM workbench_remembered_approvals WHERE workspace = ? ORDER BY id DESC"),
                          {workspace});
    if (!query)
        return query.error();
    QList<RememberedApproval> all;
    while (query->next())
        all.append(rememberedFromQuery(*query));
    return all;
}

StoreResult<void> ApprovalRepository::revoke(qint64 id, const QString &revokedBy)
{
    return m_database.writeTransaction([&]() -> StoreResult<void> {
        StoreResult<QSqlQuery> current =
            m_database.exec(QStringLiteral("SELECT revoked_at FROM workbench_remembered_approvals WHERE id = ?"), {id});
        if (!current)
            return current.error();
        if (!current->next())
            return StoreError{StoreError::Kind::NotFound, tr("Remembered approval %1 not found").arg(id)};
        if (!current->value(0).toString().isEmpty())
            return StoreError{StoreError::Kind::Conflict, tr("Remembered approval %1 is already revoked").arg(id)};
        StoreResult<QSqlQuery> updated = m_database.exec(
            QStringLiteral("UPDATE workbench_remembered_approvals SET revoked_at = ?, revoked_by = ? WHERE id = ?"),
            {isoTimestampNow(), nonNull(revokedBy), id});
        if (!updated)
            return updated.error();
        return {};
    });
}

StoreResult<QList<Approval>> ApprovalRepository::listPending() const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT id, run_id, decision, reason, requested_at, resolved_at, requested_by, resolved_by "
                       "FROM execution_approvals WHERE decision = 'pending' ORDER BY id ASC"));
    if (!query)
        return query.error();
    QList<Approval> pending;
    while (query->next()) {
        Approval approval;
        approval.id = query->value(0).toLongLong();
        approval.runId = query->value(1).toString();
        approval.decision = ApprovalDecision::Pending;
        approval.reason = query->value(3).toString();
        approval.requestedAt = query->value(4).toString();
        approval.resolvedAt = query->value(5).toString();
        approval.requestedBy = query->value(6).toString();
        approval.resolvedBy = query->value(7).toString();
        pending.append(approval);
    }
    return pending;
}

} // namespace workbench::models
