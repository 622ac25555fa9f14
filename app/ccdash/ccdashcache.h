#pragma once
// Where the client keeps the last good response bodies for offline use. The production
// implementation is backed by the store (models/ccdashcacherepository.h); the client only
// needs this narrow interface.
#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace workbench::ccdash {

struct CachedResponse
{
    QByteArray body;
    QDateTime fetchedAt; // UTC
};

class ResponseCache
{
public:
    virtual ~ResponseCache() = default;
    // Errors are the cache's to log; a failed write must never fail the request.
    virtual void store(const QString &cacheKey, const QString &projectId, const QByteArray &body,
                       const QDateTime &fetchedAt) = 0;
    virtual std::optional<CachedResponse> load(const QString &cacheKey, const QString &projectId) = 0;
};

} // namespace workbench::ccdash
