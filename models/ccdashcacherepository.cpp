#include "models/ccdashcacherepository.h"

#include "models/executiontypes.h"

namespace workbench::models {

CcdashCacheRepository::CcdashCacheRepository(Database &database)
    : m_database(database)
{
}

StoreResult<void> CcdashCacheRepository::put(const QString &key, const QString &projectId, const QString &body,
                                             const QString &fetchedAt)
{
    return m_database.writeTransaction([&]() -> StoreResult<void> {
        const StoreResult<QSqlQuery> written = m_database.exec(
            QStringLiteral("INSERT INTO workbench_ccdash_cache (cache_key, project_id, body, fetched_at) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (cache_key) DO UPDATE SET project_id = excluded.project_id, "
                           "body = excluded.body, fetched_at = excluded.fetched_at"),
            {nonNull(key), nonNull(projectId), nonNull(body), fetchedAt.isEmpty() ? isoTimestampNow() : fetchedAt});
        if (!written)
            return written.error();
        return {};
    });
}

StoreResult<std::optional<CachedResponse>> CcdashCacheRepository::get(const QString &key) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT body, fetched_at FROM workbench_ccdash_cache WHERE cache_key = ?"), {nonNull(key)});
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<CachedResponse>();
    return std::optional<CachedResponse>(CachedResponse{query->value(0).toString(), query->value(1).toString()});
}

} // namespace workbench::models
