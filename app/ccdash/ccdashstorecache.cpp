#include "app/ccdash/ccdashstorecache.h"

#include "app/ccdash/ccdashlog.h"
#include "models/ccdashcacherepository.h"

#include <QUrl>

namespace workbench::ccdash {

StoreResponseCache::StoreResponseCache(models::CcdashCacheRepository &repository)
    : m_repository(repository)
{
}

QString StoreResponseCache::storageKey(const QString &cacheKey, const QString &projectId)
{
    // Percent-encoding leaves no spaces, so "<project> <key>" cannot collide across projects.
    return QString::fromLatin1(QUrl::toPercentEncoding(projectId)) + QLatin1Char(' ') + cacheKey;
}

void StoreResponseCache::store(const QString &cacheKey, const QString &projectId, const QByteArray &body,
                               const QDateTime &fetchedAt)
{
    const auto written = m_repository.put(storageKey(cacheKey, projectId), projectId, QString::fromUtf8(body),
                                          fetchedAt.toUTC().toString(Qt::ISODateWithMs));
    if (!written)
        qCWarning(lcCcdashClient).noquote() << "Could not cache" << cacheKey << ":" << written.errorMessage();
}

std::optional<CachedResponse> StoreResponseCache::load(const QString &cacheKey, const QString &projectId)
{
    const auto cached = m_repository.get(storageKey(cacheKey, projectId));
    if (!cached) {
        qCWarning(lcCcdashClient).noquote() << "Could not read the cached" << cacheKey << ":" << cached.errorMessage();
        return std::nullopt;
    }
    if (!cached->has_value())
        return std::nullopt;
    QDateTime fetchedAt = QDateTime::fromString((*cached)->fetchedAt, Qt::ISODateWithMs);
    if (!fetchedAt.isValid())
        fetchedAt = QDateTime::fromString((*cached)->fetchedAt, Qt::ISODate);
    return CachedResponse{(*cached)->body.toUtf8(), fetchedAt.toUTC()};
}

} // namespace workbench::ccdash
