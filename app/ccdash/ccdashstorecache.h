#pragma once
// ResponseCache on the store's workbench_ccdash_cache table, so the last good CCDash answers
// survive restarts and serve the window offline.
#include "app/ccdash/ccdashcache.h"

namespace workbench::models {
class CcdashCacheRepository;
}

namespace workbench::ccdash {

class StoreResponseCache : public ResponseCache
{
public:
    // `repository` must outlive this cache.
    explicit StoreResponseCache(models::CcdashCacheRepository &repository);

    void store(const QString &cacheKey, const QString &projectId, const QByteArray &body,
               const QDateTime &fetchedAt) override;
    std::optional<CachedResponse> load(const QString &cacheKey, const QString &projectId) override;

    // The table's key is cache_key alone; the project is folded in so projects never share rows.
    static QString storageKey(const QString &cacheKey, const QString &projectId);

private:
    models::CcdashCacheRepository &m_repository;
};

} // namespace workbench::ccdash
