#include "models/runchanges.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace workbench::models {

namespace {

const QString stampColumns = QStringLiteral("id, project_id, status, updated_at");

RunStamp readStamp(const QSqlQuery &query)
{
    return RunStamp{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                    query.value(3).toString()};
}

} // namespace

std::optional<RunChangeNotice> parseRunChangeNotice(const QString &payload)
{
    if (payload.size() > 8000)
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(payload.toUtf8());
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    RunChangeNotice notice;
    const QString kind = object.value(QStringLiteral("k")).toString();
    if (kind == QLatin1String("run"))
        notice.kind = RunChangeNotice::Kind::Run;
    else if (kind == QLatin1String("events"))
        notice.kind = RunChangeNotice::Kind::Events;
    else
        return std::nullopt;
    notice.projectId = object.value(QStringLiteral("p")).toString();
    notice.runId = object.value(QStringLiteral("r")).toString();
    notice.status = object.value(QStringLiteral("st")).toString();
    notice.lastSequence = qint64(object.value(QStringLiteral("s")).toDouble());
    if (notice.runId.isEmpty() || notice.runId.size() > 200)
        return std::nullopt;
    if (notice.kind == RunChangeNotice::Kind::Events && notice.lastSequence <= 0)
        return std::nullopt;
    return notice;
}

StoreResult<QList<RunStamp>> RunChangeQueries::runsUpdatedSince(const QString &projectId, const QString &since,
                                                                 int limit) const
{
    QString sql = QStringLiteral("SELECT %1 FROM execution_runs WHERE updated_at >= ?").arg(stampColumns);
    QVariantList values{nonNull(since)};
    if (!projectId.isEmpty()) {
        sql += QStringLiteral(" AND project_id = ?");
        values << projectId;
    }
    sql += QStringLiteral(" ORDER BY updated_at, id LIMIT ?");
    values << limit;
    StoreResult<QSqlQuery> query = m_database.exec(sql, values);
    if (!query)
        return query.error();
    QList<RunStamp> stamps;
    while (query->next())
        stamps << readStamp(*query);
    return stamps;
}

StoreResult<QList<RunStamp>> RunChangeQueries::activeRuns(const QString &projectId) const
{
    QString sql = QStringLiteral("SELECT %1 FROM execution_runs WHERE status IN ('queued', 'running')").arg(stampColumns);
    QVariantList values;
    if (!projectId.isEmpty()) {
        sql += QStringLiteral(" AND project_id = ?");
        values << projectId;
    }
    StoreResult<QSqlQuery> query = m_database.exec(sql, values);
    if (!query)
        return query.error();
    QList<RunStamp> stamps;
    while (query->next())
        stamps << readStamp(*query);
    return stamps;
}

StoreResult<std::optional<RunStamp>> RunChangeQueries::runStamp(const QString &runId) const
{
    StoreResult<QSqlQuery> query = m_database.exec(QStringLiteral("SELECT %1 FROM execution_runs WHERE id = ?").arg(stampColumns),
                                                   {runId});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<RunStamp>();
    return std::optional<RunStamp>(readStamp(*query));
}

StoreResult<QString> RunChangeQueries::newestUpdate(const QString &projectId) const
{
    StoreResult<QSqlQuery> query = projectId.isEmpty()
                                       ? m_database.exec(QStringLiteral("SELECT MAX(updated_at) FROM execution_runs"))
                                       : m_database.exec(QStringLiteral("SELECT MAX(updated_at) FROM execution_runs "
                                                                        "WHERE project_id = ?"),
                                                         {projectId});
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toString() : QString();
}

StoreResult<QHash<QString, qint64>> RunChangeQueries::lastSequences(const QStringList &runIds) const
{
    QHash<QString, qint64> sequences;
    // A bounded IN list per statement; each run's maximum comes from the (run_id, sequence_no) index.
    constexpr int chunkSize = 200;
    for (qsizetype offset = 0; offset < runIds.size(); offset += chunkSize) {
        const QStringList chunk = runIds.mid(offset, chunkSize);
        QStringList marks;
        QVariantList values;
        for (const QString &runId : chunk) {
            marks << QStringLiteral("?");
            values << runId;
        }
        StoreResult<QSqlQuery> query = m_database.exec(
            QStringLiteral("SELECT run_id, MAX(sequence_no) FROM execution_run_events WHERE run_id IN (%1) GROUP BY run_id")
                .arg(marks.join(QLatin1Char(','))),
            values);
        if (!query)
            return query.error();
        while (query->next())
            sequences.insert(query->value(0).toString(), query->value(1).toLongLong());
    }
    return sequences;
}

} // namespace workbench::models
