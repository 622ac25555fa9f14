#include "models/executionrepository.h"

#include "models/auditchain.h"
#include "models/modelslog.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace workbench::models {

namespace {

QString tr(const char *text)
{
    // lupdate files strings used in member functions under the class and the rest under the
    // namespace; look in both so every catalogue entry is found at run time.
    const QString translated = QCoreApplication::translate("workbench::models::ExecutionRepository", text);
    if (translated != QLatin1String(text))
        return translated;
    return QCoreApplication::translate("workbench::models", text);
}

// PostgreSQL's multi-row VALUES is what makes batch inserts fast there (QPSQL emulates execBatch);
// 7 values per event keeps one statement far below the 65535 bind-parameter limit.
constexpr int postgresRowsPerInsert = 1000;

QString runColumns(Dialect dialect, const QString &prefix = {})
{
    static const QStringList names = {
        QStringLiteral("id"), QStringLiteral("project_id"), QStringLiteral("feature_id"), QStringLiteral("provider"),
        QStringLiteral("source_command"), QStringLiteral("normalized_command"), QStringLiteral("cwd"),
        QStringLiteral("env_profile"), QStringLiteral("recommendation_rule_id"), QStringLiteral("risk_level"),
        QStringLiteral("policy_verdict"), QStringLiteral("requires_approval"), QStringLiteral("approved_by"),
        QStringLiteral("approved_at"), QStringLiteral("status"), QStringLiteral("exit_code"),
        QStringLiteral("started_at"), QStringLiteral("ended_at"), QStringLiteral("retry_of_run_id"),
        QStringLiteral("metadata_json"), QStringLiteral("created_at"), QStringLiteral("updated_at")};
    QStringList columns;
    for (const QString &name : names) {
        const bool jsonb = dialect == Dialect::Postgres && name == QLatin1String("metadata_json");
        columns << prefix + name + (jsonb ? QStringLiteral("::text") : QString());
    }
    return columns.join(QStringLiteral(", "));
}

QString eventColumns(Dialect dialect)
{
    return QStringLiteral("id, run_id, sequence_no, stream, event_type, payload_text, ")
           + (dialect == Dialect::Postgres ? QStringLiteral("payload_json::text") : QStringLiteral("payload_json"))
           + QStringLiteral(", occurred_at");
}

const QString approvalColumns =
    QStringLiteral("id, run_id, decision, reason, requested_at, resolved_at, requested_by, resolved_by");

QString toJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromJsonText(const QVariant &value)
{
    const QByteArray bytes = value.toString().toUtf8();
    return bytes.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(bytes).object();
}

QVariant nullableInt(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

ExecutionRun runFromQuery(const QSqlQuery &query)
{
    ExecutionRun run;
    run.id = query.value(0).toString();
    run.projectId = query.value(1).toString();
    run.featureId = query.value(2).toString();
    run.provider = query.value(3).toString();
    run.sourceCommand = query.value(4).toString();
    run.normalizedCommand = query.value(5).toString();
    run.cwd = query.value(6).toString();
    run.envProfile = query.value(7).toString();
    run.recommendationRuleId = query.value(8).toString();
    run.riskLevel = query.value(9).toString();
    run.policyVerdict = query.value(10).toString();
    run.requiresApproval = query.value(11).toInt() != 0;
    run.approvedBy = query.value(12).toString();
    run.approvedAt = query.value(13).toString();
    const QString status = query.value(14).toString();
    if (const std::optional<RunStatus> parsed = runStatusFromString(status)) {
        run.status = *parsed;
    } else {
        // Another writer stored a status CCDash does not define: show it as failed, say so in the log.
        qCWarning(lcStore) << "run" << run.id << "has unknown status" << status << "- shown as failed";
        run.status = RunStatus::Failed;
    }
    if (!query.isNull(15))
        run.exitCode = query.value(15).toInt();
    run.startedAt = query.value(16).toString();
    run.endedAt = query.value(17).toString();
    run.retryOfRunId = query.value(18).toString();
    run.metadata = fromJsonText(query.value(19));
    run.createdAt = query.value(20).toString();
    run.updatedAt = query.value(21).toString();
    return run;
}

RunEvent eventFromQuery(const QSqlQuery &query)
{
    RunEvent event;
    event.id = query.value(0).toLongLong();
    event.runId = query.value(1).toString();
    event.sequenceNo = query.value(2).toLongLong();
    event.stream = eventStreamFromString(query.value(3).toString()).value_or(EventStream::System);
    event.eventType = query.value(4).toString();
    event.payloadText = query.value(5).toString();
    event.payload = fromJsonText(query.value(6));
    event.occurredAt = query.value(7).toString();
    return event;
}

Approval approvalFromQuery(const QSqlQuery &query, int first = 0)
{
    Approval approval;
    approval.id = query.value(first + 0).toLongLong();
    approval.runId = query.value(first + 1).toString();
    approval.decision = approvalDecisionFromString(query.value(first + 2).toString()).value_or(ApprovalDecision::Pending);
    approval.reason = query.value(first + 3).toString();
    approval.requestedAt = query.value(first + 4).toString();
    approval.resolvedAt = query.value(first + 5).toString();
    approval.requestedBy = query.value(first + 6).toString();
    approval.resolvedBy = query.value(first + 7).toString();
    return approval;
}

StoreError notFound(const QString &runId)
{
    return StoreError{StoreError::Kind::NotFound, tr("Execution run '%1' not found").arg(runId)};
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(QStringLiteral(", "));
}

QString likePattern(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

} // namespace

QJsonObject EventPage::toJson() const
{
    QJsonArray array;
    for (const RunEvent &event : items)
        array.append(event.toJson());
    return QJsonObject{{QLatin1String("runId"), runId},
                       {QLatin1String("items"), array},
                       {QLatin1String("nextSequence"), nextSequence}};
}

ExecutionRepository::ExecutionRepository(Database &database)
    : m_database(database)
{
}

StoreResult<ExecutionRun> ExecutionRepository::createRun(ExecutionRun run)
{
    if (run.id.isEmpty())
        run.id = newRunId();
    if (run.createdAt.isEmpty())
        run.createdAt = isoTimestampNow();
    if (run.updatedAt.isEmpty())
        run.updatedAt = run.createdAt;
    if (run.projectId.isNull())
        run.projectId = QStringLiteral("");
    const QVariantList values = {
        run.id, nonNull(run.projectId), nonNull(run.featureId), nonNull(run.provider), nonNull(run.sourceCommand),
        nonNull(run.normalizedCommand), nonNull(run.cwd), nonNull(run.envProfile), nonNull(run.recommendationRuleId),
        nonNull(run.riskLevel), nonNull(run.policyVerdict), int(run.requiresApproval), nonNull(run.approvedBy),
        nonNull(run.approvedAt), toString(run.status), nullableInt(run.exitCode), nonNull(run.startedAt),
        nonNull(run.endedAt), nonNull(run.retryOfRunId), toJsonText(run.metadata), run.createdAt, run.updatedAt,
    };
    const QString sql = QStringLiteral("INSERT INTO execution_runs (")
                        + runColumns(Dialect::Sqlite) + QStringLiteral(") VALUES (") + placeholders(values.size())
                        + QLatin1Char(')');
    const StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        const StoreResult<QSqlQuery> inserted = m_database.exec(sql, values);
        if (!inserted)
            return StoreError{inserted.error().kind, tr("Creating run %1: %2").arg(run.id, inserted.errorMessage())};
        return chainRun(run.id, true);
    });
    if (!written)
        return written.error();
    return run;
}

StoreResult<ExecutionRun> ExecutionRepository::updateRun(ExecutionRun run)
{
    if (run.updatedAt.isEmpty())
        run.updatedAt = isoTimestampNow();
    const QVariantList values = {
        nonNull(run.projectId), nonNull(run.featureId), nonNull(run.provider), nonNull(run.sourceCommand),
        nonNull(run.normalizedCommand), nonNull(run.cwd), nonNull(run.envProfile), nonNull(run.recommendationRuleId),
        nonNull(run.riskLevel), nonNull(run.policyVerdict), int(run.requiresApproval), nonNull(run.approvedBy),
        nonNull(run.approvedAt), toString(run.status), nullableInt(run.exitCode), nonNull(run.startedAt),
        nonNull(run.endedAt), nonNull(run.retryOfRunId), toJsonText(run.metadata), run.updatedAt, run.id,
    };
    const QString sql = QStringLiteral(
        "UPDATE execution_runs SET project_id = ?, feature_id = ?, provider = ?, source_command = ?, "
        "normalized_command = ?, cwd = ?, env_profile = ?, recommendation_rule_id = ?, risk_level = ?, "
        "policy_verdict = ?, requires_approval = ?, approved_by = ?, approved_at = ?, status = ?, exit_code = ?, "
        "started_at = ?, ended_at = ?, retry_of_run_id = ?, metadata_json = ?, updated_at = ? WHERE id = ?");
    const StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        const StoreResult<QSqlQuery> updated = m_database.exec(sql, values);
        if (!updated)
            return updated.error();
        if (updated->numRowsAffected() == 0)
            return notFound(run.id);
        return chainRun(run.id, false);
    });
    if (!written)
        return written.error();
    return getRun(run.id);
}

StoreResult<ExecutionRun> ExecutionRepository::updateRunStatus(const QString &runId, const RunUpdate &update)
{
    QStringList assignments;
    QVariantList values;
    auto set = [&](const char *column, const QVariant &value) {
        assignments << QLatin1String(column) + QStringLiteral(" = ?");
        values << value;
    };
    if (update.status)
        set("status", toString(*update.status));
    if (update.exitCode)
        set("exit_code", nullableInt(*update.exitCode));
    if (update.startedAt)
        set("started_at", nonNull(*update.startedAt));
    if (update.endedAt)
        set("ended_at", nonNull(*update.endedAt));
    if (update.approvedBy)
        set("approved_by", nonNull(*update.approvedBy));
    if (update.approvedAt)
        set("approved_at", nonNull(*update.approvedAt));
    if (update.policyVerdict)
        set("policy_verdict", nonNull(*update.policyVerdict));
    if (update.riskLevel)
        set("risk_level", nonNull(*update.riskLevel));
    if (update.requiresApproval)
        set("requires_approval", int(*update.requiresApproval));
    if (update.normalizedCommand)
        set("normalized_command", nonNull(*update.normalizedCommand));
    if (update.metadata)
        set("metadata_json", toJsonText(*update.metadata));
    set("updated_at", update.updatedAt.isEmpty() ? isoTimestampNow() : update.updatedAt);

    QString sql = QStringLiteral("UPDATE execution_runs SET ") + assignments.join(QStringLiteral(", "))
                  + QStringLiteral(" WHERE id = ?");
    values << runId;
    if (!update.onlyFromStatuses.isEmpty()) {
        sql += QStringLiteral(" AND status IN (") + placeholders(update.onlyFromStatuses.size()) + QLatin1Char(')');
        for (RunStatus status : update.onlyFromStatuses)
            values << toString(status);
    }
    const StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        const StoreResult<QSqlQuery> updated = m_database.exec(sql, values);
        if (!updated)
            return updated.error();
        if (updated->numRowsAffected() > 0)
            return chainRun(runId, false);
        const StoreResult<ExecutionRun> current = getRun(runId);
        if (!current)
            return current.error();
        return StoreError{StoreError::Kind::Conflict,
                          tr("Run %1 is %2; it was not changed.").arg(runId, toString(current->status))};
    });
    if (!written)
        return written.error();
    return getRun(runId);
}

StoreResult<void> ExecutionRepository::chainRun(const QString &runId, bool created)
{
    if (!m_auditChaining)
        return {};
    return AuditChainWriter(m_database).chainRun(runId, created);
}

StoreResult<void> ExecutionRepository::chainApproval(const QString &runId, qint64 approvalId)
{
    if (!m_auditChaining)
        return {};
    return AuditChainWriter(m_database).chainApproval(runId, approvalId);
}

StoreResult<ExecutionRun> ExecutionRepository::getRun(const QString &runId) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT ") + runColumns(m_database.dialect()) + QStringLiteral(" FROM execution_runs WHERE id = ?"),
        {runId});
    if (!query)
        return query.error();
    if (!query->next())
        return notFound(runId);
    return runFromQuery(*query);
}

BoundStatement ExecutionRepository::listRunsStatement(const RunQuery &runQuery, Dialect dialect)
{
    QStringList conditions;
    QVariantList values;
    if (!runQuery.projectId.isEmpty()) {
        conditions << QStringLiteral("project_id = ?");
        values << runQuery.projectId;
    }
    if (!runQuery.featureId.isEmpty()) {
        conditions << QStringLiteral("feature_id = ?");
        values << runQuery.featureId;
    }
    if (!runQuery.statuses.isEmpty()) {
        conditions << QStringLiteral("status IN (") + placeholders(runQuery.statuses.size()) + QLatin1Char(')');
        for (RunStatus status : runQuery.statuses)
            values << toString(status);
    }
    if (!runQuery.text.isEmpty()) {
        conditions << QStringLiteral("(LOWER(source_command) LIKE ? ESCAPE '\\' OR LOWER(normalized_command) LIKE ? "
                                     "ESCAPE '\\' OR LOWER(feature_id) LIKE ? ESCAPE '\\' OR "
                                     "LOWER(recommendation_rule_id) LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(runQuery.text);
        values << pattern << pattern << pattern << pattern << pattern;
    }
    if (!runQuery.beforeCreatedAt.isEmpty()) {
        // A row-value comparison, so both dialects start the index range right after the last row
        // instead of walking (and filtering) everything newer.
        conditions << QStringLiteral("(created_at, id) < (?, ?)");
        values << runQuery.beforeCreatedAt << nonNull(runQuery.beforeId);
    }
    QString sql = QStringLiteral("SELECT ") + runColumns(dialect) + QStringLiteral(" FROM execution_runs");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
    values << std::max(0, runQuery.limit) << std::max(0, runQuery.offset);
    return {sql, values};
}

StoreResult<QList<ExecutionRun>> ExecutionRepository::listRuns(const RunQuery &runQuery) const
{
    const auto [sql, values] = listRunsStatement(runQuery, m_database.dialect());
    StoreResult<QSqlQuery> query = m_database.exec(sql, values);
    if (!query)
        return query.error();
    QList<ExecutionRun> runs;
    runs.reserve(runQuery.limit);
    while (query->next())
        runs.append(runFromQuery(*query));
    return runs;
}

StoreResult<QList<RunEvent>> ExecutionRepository::appendRunEvents(QList<RunEvent> events)
{
    if (events.isEmpty())
        return events;
    for (RunEvent &event : events) {
        if (event.runId.isEmpty())
            return StoreError{StoreError::Kind::InvalidArgument, tr("An event has no run id.")};
        if (event.occurredAt.isEmpty())
            event.occurredAt = isoTimestampNow();
    }
    QList<RunEvent> stored;
    const StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        QList<RunEvent> attempt = events; // a retried transaction starts from the caller's events again
        StoreResult<QList<RunEvent>> inserted = insertEvents(attempt);
        if (!inserted)
            return inserted.error();
        if (m_auditChaining) {
            const StoreResult<void> chained = AuditChainWriter(m_database).chainEvents(*inserted);
            if (!chained)
                return chained.error();
        }
        stored = std::move(*inserted);
        return {};
    });
    if (!written)
        return written.error();
    return stored;
}

// Runs inside the write transaction.
StoreResult<QList<RunEvent>> ExecutionRepository::insertEvents(QList<RunEvent> &events)
{
    const Dialect dialect = m_database.dialect();
    // Lock each run (sorted, so two writers never wait on each other in a cycle), then number from
    // the current maximum. SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs the
    // row lock so that two connections cannot both read the same MAX(sequence_no).
    QStringList runIds;
    for (const RunEvent &event : events) {
        if (!runIds.contains(event.runId))
            runIds << event.runId;
    }
    std::sort(runIds.begin(), runIds.end());
    QHash<QString, qint64> nextSequence;
    for (const QString &runId : std::as_const(runIds)) {
        StoreResult<QSqlQuery> locked = m_database.exec(
            dialect == Dialect::Postgres ? QStringLiteral("SELECT id FROM execution_runs WHERE id = ? FOR UPDATE")
                                         : QStringLiteral("SELECT id FROM execution_runs WHERE id = ?"),
            {runId});
        if (!locked)
            return locked.error();
        if (!locked->next())
            return notFound(runId);
        StoreResult<QSqlQuery> maximum = m_database.exec(
            QStringLiteral("SELECT COALESCE(MAX(sequence_no), 0) FROM execution_run_events WHERE run_id = ?"), {runId});
        if (!maximum)
            return maximum.error();
        maximum->next();
        nextSequence.insert(runId, maximum->value(0).toLongLong() + 1);
    }
    for (RunEvent &event : events)
        event.sequenceNo = nextSequence[event.runId]++;

    if (dialect == Dialect::Sqlite) {
        QSqlQuery insert = m_database.newQuery();
        // UTF-8 output is bound as a blob and CAST to TEXT: SQLite then stores the bytes as they are
        // (the database encoding is UTF-8) instead of converting the UTF-16 a QString binds.
        if (!insert.prepare(QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, stream, event_type, "
                                           "payload_text, payload_json, occurred_at) "
                                           "VALUES (?, ?, ?, ?, CAST(? AS TEXT), ?, ?)")))
            return StoreError{StoreError::Kind::Query, tr("Preparing the event insert failed: %1").arg(insert.lastError().text())};
        for (RunEvent &event : events) {
            insert.bindValue(0, event.runId);
            insert.bindValue(1, event.sequenceNo);
            insert.bindValue(2, toString(event.stream));
            insert.bindValue(3, nonNull(event.eventType));
            insert.bindValue(4, event.payloadUtf8.isEmpty() ? QVariant(nonNull(event.payloadText)) : QVariant(event.payloadUtf8));
            insert.bindValue(5, toJsonText(event.payload));
            insert.bindValue(6, event.occurredAt);
            if (!insert.exec())
                return StoreError{StoreError::Kind::Query, tr("Storing an event of run %1 failed: %2")
                                                               .arg(event.runId, insert.lastError().text().trimmed())};
            event.id = insert.lastInsertId().toLongLong();
        }
        return events;
    }

    for (qsizetype start = 0; start < events.size(); start += postgresRowsPerInsert) {
        const qsizetype count = std::min<qsizetype>(postgresRowsPerInsert, events.size() - start);
        QString sql = QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, stream, event_type, "
                                     "payload_text, payload_json, occurred_at) VALUES ");
        QVariantList values;
        values.reserve(count * 7);
        for (qsizetype i = 0; i < count; ++i) {
            const RunEvent &event = events.at(start + i);
            sql += i == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?, ?)");
            values << event.runId << event.sequenceNo << toString(event.stream) << nonNull(event.eventType)
                   << nonNull(event.storedText()) << toJsonText(event.payload) << event.occurredAt;
        }
        sql += QStringLiteral(" RETURNING id, run_id, sequence_no");
        StoreResult<QSqlQuery> inserted = m_database.exec(sql, values);
        if (!inserted)
            return StoreError{inserted.error().kind, tr("Storing events failed: %1").arg(inserted.errorMessage())};
        QHash<QPair<QString, qint64>, qint64> ids;
        while (inserted->next())
            ids.insert({inserted->value(1).toString(), inserted->value(2).toLongLong()}, inserted->value(0).toLongLong());
        for (qsizetype i = 0; i < count; ++i) {
            RunEvent &event = events[start + i];
            event.id = ids.value({event.runId, event.sequenceNo});
        }
    }
    return events;
}

BoundStatement ExecutionRepository::eventsAfterSequenceStatement(const QString &runId, qint64 afterSequence, int limit,
                                                                 Dialect dialect)
{
    return {QStringLiteral("SELECT ") + eventColumns(dialect)
                + QStringLiteral(" FROM execution_run_events WHERE run_id = ? AND sequence_no > ? "
                                 "ORDER BY sequence_no ASC LIMIT ?"),
            {runId, afterSequence, std::max(0, limit)}};
}

StoreResult<EventPage> ExecutionRepository::listEventsAfterSequence(const QString &runId, qint64 afterSequence,
                                                                    int limit) const
{
    const auto [sql, values] = eventsAfterSequenceStatement(runId, afterSequence, limit, m_database.dialect());
    StoreResult<QSqlQuery> query = m_database.exec(sql, values);
    if (!query)
        return query.error();
    EventPage page;
    page.runId = runId;
    page.nextSequence = afterSequence;
    while (query->next()) {
        page.items.append(eventFromQuery(*query));
        page.nextSequence = std::max(page.nextSequence, page.items.constLast().sequenceNo);
    }
    return page;
}

StoreResult<qint64> ExecutionRepository::lastSequence(const QString &runId) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT COALESCE(MAX(sequence_no), 0) FROM execution_run_events WHERE run_id = ?"), {runId});
    if (!query)
        return query.error();
    query->next();
    return query->value(0).toLongLong();
}

StoreResult<Approval> ExecutionRepository::createApproval(Approval approval)
{
    if (approval.requestedAt.isEmpty())
        approval.requestedAt = isoTimestampNow();
    const QVariantList values = {approval.runId, toString(approval.decision), nonNull(approval.reason),
                                 approval.requestedAt, nonNull(approval.resolvedAt), nonNull(approval.requestedBy),
                                 nonNull(approval.resolvedBy)};
    QString sql = QStringLiteral("INSERT INTO execution_approvals (run_id, decision, reason, requested_at, resolved_at, "
                                 "requested_by, resolved_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (m_database.dialect() == Dialect::Postgres)
        sql += QStringLiteral(" RETURNING id");
    const StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        // PostgreSQL: lock the run row, so the run's audit chain grows in one order.
        StoreResult<QSqlQuery> exists = m_database.exec(
            m_database.dialect() == Dialect::Postgres ? QStringLiteral("SELECT 1 FROM execution_runs WHERE id = ? FOR UPDATE")
                                                      : QStringLiteral("SELECT 1 FROM execution_runs WHERE id = ?"),
            {approval.runId});
        if (!exists)
            return exists.error();
        if (!exists->next())
            return notFound(approval.runId);
        StoreResult<QSqlQuery> inserted = m_database.exec(sql, values);
        if (!inserted)
            return inserted.error();
        if (m_database.dialect() == Dialect::Postgres) {
            inserted->next();
            approval.id = inserted->value(0).toLongLong();
        } else {
            approval.id = inserted->lastInsertId().toLongLong();
        }
        return chainApproval(approval.runId, approval.id);
    });
    if (!written)
        return written.error();
    return approval;
}

StoreResult<Approval> ExecutionRepository::resolveApproval(qint64 approvalId, ApprovalDecision decision,
                                                           const QString &reason, const QString &resolvedBy,
                                                           const QString &resolvedAt)
{
    if (decision == ApprovalDecision::Pending)
        return StoreError{StoreError::Kind::InvalidArgument, tr("An approval can only be resolved as approved or denied.")};
    std::optional<Approval> resolved;
    const StoreResult<void> written = m_database.writeTransaction([&]() -> StoreResult<void> {
        StoreResult<QSqlQuery> updated = m_database.exec(
            QStringLiteral("UPDATE execution_approvals SET decision = ?, reason = ?, resolved_at = ?, resolved_by = ? "
                           "WHERE id = ? AND decision = 'pending'"),
            {toString(decision), nonNull(reason), resolvedAt.isEmpty() ? isoTimestampNow() : resolvedAt,
             nonNull(resolvedBy), approvalId});
        if (!updated)
            return updated.error();
        const bool changed = updated->numRowsAffected() > 0;
        StoreResult<QSqlQuery> row = m_database.exec(
            QStringLiteral("SELECT ") + approvalColumns + QStringLiteral(" FROM execution_approvals WHERE id = ?"),
            {approvalId});
        if (!row)
            return row.error();
        if (!row->next())
            return StoreError{StoreError::Kind::NotFound, tr("Approval %1 not found").arg(approvalId)};
        resolved = approvalFromQuery(*row);
        if (!changed)
            return StoreError{StoreError::Kind::Conflict,
                              tr("Approval %1 is already %2.").arg(approvalId).arg(toString(resolved->decision))};
        if (m_database.dialect() == Dialect::Postgres) {
            const StoreResult<QSqlQuery> locked = m_database.exec(
                QStringLiteral("SELECT id FROM execution_runs WHERE id = ? FOR UPDATE"), {resolved->runId});
            if (!locked)
                return locked.error();
        }
        return chainApproval(resolved->runId, approvalId);
    });
    if (!written)
        return written.error();
    return *resolved;
}

StoreResult<std::optional<Approval>> ExecutionRepository::pendingApproval(const QString &runId) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT ") + approvalColumns
            + QStringLiteral(" FROM execution_approvals WHERE run_id = ? AND decision = 'pending' ORDER BY id DESC LIMIT 1"),
        {runId});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Approval>();
    return std::optional<Approval>(approvalFromQuery(*query));
}

StoreResult<QList<Approval>> ExecutionRepository::listApprovals(const QString &runId) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT ") + approvalColumns + QStringLiteral(" FROM execution_approvals WHERE run_id = ? ORDER BY id ASC"),
        {runId});
    if (!query)
        return query.error();
    QList<Approval> approvals;
    while (query->next())
        approvals.append(approvalFromQuery(*query));
    return approvals;
}

StoreResult<void> ExecutionRepository::setRunOwner(const RunOwner &owner)
{
    return m_database.writeTransaction([&]() -> StoreResult<void> {
        const StoreResult<QSqlQuery> written = m_database.exec(
            QStringLiteral("INSERT INTO workbench_run_owners (run_id, host, pid, instance_id, process_group, started_at) "
                           "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET host = excluded.host, "
                           "pid = excluded.pid, instance_id = excluded.instance_id, "
                           "process_group = excluded.process_group, started_at = excluded.started_at"),
            {owner.runId, nonNull(owner.host), owner.pid, nonNull(owner.instanceId),
             owner.processGroup ? QVariant(*owner.processGroup) : QVariant(QMetaType::fromType<qint64>()),
             owner.startedAt.isEmpty() ? isoTimestampNow() : owner.startedAt});
        if (!written)
            return StoreError{written.error().kind, tr("Recording the owner of run %1: %2").arg(owner.runId, written.errorMessage())};
        return {};
    });
}

StoreResult<void> ExecutionRepository::clearRunOwner(const QString &runId)
{
    return m_database.writeTransaction([&]() -> StoreResult<void> {
        const StoreResult<QSqlQuery> removed =
            m_database.exec(QStringLiteral("DELETE FROM workbench_run_owners WHERE run_id = ?"), {runId});
        if (!removed)
            return removed.error();
        return {};
    });
}

StoreResult<QList<OwnedRun>> ExecutionRepository::runsOwnedByHost(const QString &host) const
{
    const QString columns = runColumns(m_database.dialect(), QStringLiteral("r."));
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT ") + columns
            + QStringLiteral(", o.host, o.pid, o.instance_id, o.process_group, o.started_at FROM workbench_run_owners o "
                             "JOIN execution_runs r ON r.id = o.run_id WHERE o.host = ? AND r.status IN ('queued', 'running') "
                             "ORDER BY r.created_at ASC, r.id ASC"),
        {host});
    if (!query)
        return query.error();
    QList<OwnedRun> owned;
    while (query->next()) {
        OwnedRun entry;
        entry.run = runFromQuery(*query);
        entry.owner.runId = entry.run.id;
        entry.owner.host = query->value(22).toString();
        entry.owner.pid = query->value(23).toLongLong();
        entry.owner.instanceId = query->value(24).toString();
        if (!query->isNull(25))
            entry.owner.processGroup = query->value(25).toLongLong();
        entry.owner.startedAt = query->value(26).toString();
        owned.append(entry);
    }
    return owned;
}

} // namespace workbench::models
