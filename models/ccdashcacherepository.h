#pragma once
// The CCDash client's response cache (workbench_ccdash_cache): the last body fetched per request
// key, so the window can show features and recommendations while CCDash is unreachable.
#include "models/database.h"
#include "models/storeresult.h"

#include <QString>
#include <optional>

namespace workbench::models {

struct CachedResponse
{
    QString body;
    QString fetchedAt; // ISO-8601 UTC
};

class CcdashCacheRepository
{
public:
    explicit CcdashCacheRepository(Database &database);

    // Stores (or replaces) the body for `key`. Empty fetchedAt = now.
    StoreResult<void> put(const QString &key, const QString &projectId, const QString &body,
                          const QString &fetchedAt = {});
    // The stored body, or nullopt when nothing was cached under `key`.
    StoreResult<std::optional<CachedResponse>> get(const QString &key) const;

private:
    Database &m_database;
};

} // namespace workbench::models
