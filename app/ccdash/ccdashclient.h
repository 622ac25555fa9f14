#pragma once
// Asynchronous client for CCDash's REST API (QNetworkAccessManager; never blocks the caller).
//
// Every request carries X-CCDash-Project-Id (when a project is picked) and a bearer token (when
// one is configured). Responses are size-capped, time-limited, and only same-origin redirects
// are followed. Good bodies are cached; when CCDash cannot be reached the cached body is served
// marked stale with its age. Parsing lives in ccdashparser.h.
#include "app/ccdash/ccdashcache.h"
#include "app/ccdash/ccdashconfig.h"
#include "app/ccdash/ccdashtypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace workbench::ccdash {

struct ClientError
{
    enum class Kind {
        None,
        ConnectionRefused, // nothing listens on the port
        HostNotFound,      // DNS failure
        Timeout,           // no complete answer within the transfer timeout
        Tls,               // handshake or certificate problem
        Network,           // other transport failures (connection reset, closed early, ...)
        Http,              // CCDash answered with an HTTP error status
        InvalidResponse,   // the body is not JSON or has the wrong shape
        TooLarge,          // the body exceeded the configured cap
        RedirectRefused,   // a redirect to another origin
        Refused,           // refused locally before sending (e.g. unsupported telemetry type)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString message; // complete, user-presentable sentence

    bool isError() const { return kind != Kind::None; }
    // Transport-level failures: the cached copy is a sensible substitute.
    bool isUnreachable() const
    {
        return kind == Kind::ConnectionRefused || kind == Kind::HostNotFound || kind == Kind::Timeout
               || kind == Kind::Tls || kind == Kind::Network;
    }
};

template<typename T>
struct Result
{
    std::optional<T> value; // present on success, and on stale fallback
    ClientError error;      // set on failure, and on stale fallback (why the data is stale)
    bool stale = false;     // value came from the offline cache
    QDateTime fetchedAt;    // when the value was fetched from CCDash (UTC)

    bool ok() const { return value.has_value(); }
    qint64 ageSeconds() const { return fetchedAt.isValid() ? fetchedAt.secsTo(QDateTime::currentDateTimeUtc()) : 0; }
};

class CcdashClient : public QObject
{
    Q_OBJECT
public:
    template<typename T>
    using Callback = std::function<void(const Result<T> &)>;

    explicit CcdashClient(const ClientConfig &config = {}, QObject *parent = nullptr);
    ~CcdashClient() override;

    QUrl baseUrl() const { return m_config.baseUrl; }
    void setBaseUrl(const QUrl &baseUrl);
    void setTransferTimeout(int milliseconds);
    int transferTimeout() const { return m_config.transferTimeoutMs; }
    void setMaxResponseBytes(qint64 bytes);
    qint64 maxResponseBytes() const { return m_config.maxResponseBytes; }

    // The bearer token is kept in memory only and never logged.
    void setToken(const QString &token);
    bool hasToken() const { return !m_token.isEmpty(); }
    // True when a token would travel over plain HTTP to a host other than this machine.
    bool insecureTokenTransport() const;

    // The project the user picked; sent as X-CCDash-Project-Id and keys the cache (see effectiveProjectId()).
    void setProjectId(const QString &projectId);
    QString projectId() const { return m_projectId; }
    // The project requests are scoped to: the picked one, else CCDash's active one once seen.
    QString effectiveProjectId() const { return m_projectId.isEmpty() ? m_serverActiveProjectId : m_projectId; }
    // CCDash's process-wide active project as last seen (feature endpoints follow it).
    QString serverActiveProjectId() const { return m_serverActiveProjectId; }
    bool activeProjectDiffers() const;

    // Not owned; may be null (no offline cache).
    void setCache(ResponseCache *cache) { m_cache = cache; }

    // Each callback runs once, on this thread, unless `context` is destroyed first.
    void fetchHealth(QObject *context, Callback<Health> callback);
    void fetchProjects(QObject *context, Callback<QList<Project>> callback);
    void fetchActiveProject(QObject *context, Callback<Project> callback);
    void fetchActiveProjectPaths(QObject *context, Callback<ProjectPaths> callback);
    void fetchFeatures(int offset, int limit, QObject *context, Callback<FeaturePage> callback);
    // Pages through /api/features (limit `pageSize`) until `total` items have arrived.
    void fetchAllFeatures(QObject *context, Callback<QList<Feature>> callback, int pageSize = 200);
    void fetchExecutionContext(const QString &featureId, QObject *context, Callback<ExecutionContext> callback);
    // Switches CCDash's server-wide active project. The UI asks the user before calling this.
    void switchActiveProject(const QString &projectId, QObject *context, Callback<Project> callback);

    // Fire-and-forget telemetry. Returns false (and sends nothing) for event types CCDash does
    // not accept; delivery failures are only logged.
    bool sendExecutionEvent(const ExecutionEvent &event);

    static constexpr int DefaultPageSize = 200;
    // fetchAllFeatures() gives up (with an error) beyond this many features.
    static constexpr int MaxFeaturesInList = 20000;

Q_SIGNALS:
    void serverActiveProjectChanged(const QString &projectId);
    void activeProjectMismatchChanged(bool differs);
    void insecureTokenTransportChanged(bool insecure);
    // Delivery outcome of one telemetry event (for diagnostics; the UI need not care).
    void executionEventFinished(const QString &eventType, bool delivered);

private:
    struct RawResponse
    {
        ClientError error;
        int httpStatus = 0;
        QByteArray body;
    };
    using RawHandler = std::function<void(const RawResponse &)>;

    QNetworkReply *send(const QByteArray &verb, const QString &path, const QList<std::pair<QString, QString>> &query,
                        const QByteArray &body, RawHandler handler);

    // GET `path`, parse with `parse`, cache under `cacheKey`, fall back to the cache when offline.
    template<typename T, typename ParseFn>
    void fetchParsed(const QString &path, const QList<std::pair<QString, QString>> &query, const QString &cacheKey,
                     ParseFn parse, QObject *context, Callback<T> callback, std::function<void(const T &)> onFresh = {});

    void noteServerActiveProject(const QString &projectId);
    void fetchFeaturePagesFrom(int offset, int pageSize, int pagesFetched, QList<Feature> collected, QDateTime oldestFetch,
                               bool anyStale, QPointer<QObject> context, Callback<QList<Feature>> callback);

    ClientConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    QString m_token;
    QString m_projectId;
    QString m_serverActiveProjectId;
    ResponseCache *m_cache = nullptr;
    bool m_lastInsecure = false;
};

} // namespace workbench::ccdash
