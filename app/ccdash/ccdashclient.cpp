#include "app/ccdash/ccdashclient.h"

#include "app/ccdash/ccdashlog.h"
#include "app/ccdash/ccdashparser.h"
#include "app/version.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>
#if QT_CONFIG(ssl)
#include <QSslError>
#endif
#include <memory>

namespace workbench::ccdash {

namespace {

bool hasControlCharacters(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
           && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
           && a.port(a.scheme() == QLatin1String("https") ? 443 : 80) == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', bytes % (1024 * 1024) ? 1 : 0);
}

} // namespace

CcdashClient::CcdashClient(const ClientConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_network(new QNetworkAccessManager(this))
{
    // Redirects are checked one by one in send(): same origin only.
    m_network->setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
}

CcdashClient::~CcdashClient() = default;

void CcdashClient::setBaseUrl(const QUrl &baseUrl)
{
    m_config.baseUrl = baseUrl;
    const bool insecure = insecureTokenTransport();
    if (insecure != m_lastInsecure) {
        m_lastInsecure = insecure;
        Q_EMIT insecureTokenTransportChanged(insecure);
    }
}

void CcdashClient::setTransferTimeout(int milliseconds)
{
    m_config.transferTimeoutMs = qMax(1, milliseconds);
}

void CcdashClient::setMaxResponseBytes(qint64 bytes)
{
    m_config.maxResponseBytes = qMax<qint64>(1, bytes);
}

void CcdashClient::setToken(const QString &token)
{
    if (hasControlCharacters(token)) {
        // A header value cannot carry these; say so without echoing the token.
        qCWarning(lcCcdashClient) << "Ignoring an API token that contains control characters.";
        m_token.clear();
    } else {
        m_token = token.trimmed();
    }
    const bool insecure = insecureTokenTransport();
    if (insecure != m_lastInsecure) {
        m_lastInsecure = insecure;
        Q_EMIT insecureTokenTransportChanged(insecure);
    }
}

bool CcdashClient::insecureTokenTransport() const
{
    return hasToken() && m_config.baseUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0
           && !isLoopbackHost(m_config.baseUrl.host());
}

void CcdashClient::setProjectId(const QString &projectId)
{
    if (hasControlCharacters(projectId)) {
        qCWarning(lcCcdashClient) << "Ignoring a project id with control characters.";
        return;
    }
    const bool differedBefore = activeProjectDiffers();
    m_projectId = projectId;
    if (activeProjectDiffers() != differedBefore)
        Q_EMIT activeProjectMismatchChanged(activeProjectDiffers());
}

bool CcdashClient::activeProjectDiffers() const
{
    return !m_projectId.isEmpty() && !m_serverActiveProjectId.isEmpty() && m_projectId != m_serverActiveProjectId;
}

void CcdashClient::noteServerActiveProject(const QString &projectId)
{
    if (projectId == m_serverActiveProjectId)
        return;
    const bool differedBefore = activeProjectDiffers();
    m_serverActiveProjectId = projectId;
    Q_EMIT serverActiveProjectChanged(projectId);
    if (activeProjectDiffers() != differedBefore)
        Q_EMIT activeProjectMismatchChanged(activeProjectDiffers());
}

QNetworkReply *CcdashClient::send(const QByteArray &verb, const QString &path,
                                  const QList<std::pair<QString, QString>> &query, const QByteArray &body,
                                  RawHandler handler)
{
    QUrl url = m_config.baseUrl;
    // `path` arrives percent-encoded (ids are encoded by the callers); keep it as is.
    url.setPath(url.path(QUrl::FullyEncoded) + path, QUrl::TolerantMode);
    if (!query.isEmpty()) {
        QUrlQuery urlQuery;
        for (const auto &[key, value] : query)
            urlQuery.addQueryItem(key, value);
        url.setQuery(urlQuery);
    }

    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setTransferTimeout(m_config.transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral(WORKBENCH_APP_NAME "/" WORKBENCH_VERSION));
    request.setRawHeader("Accept", "application/json");
    const QString scope = effectiveProjectId();
    if (!scope.isEmpty())
        request.setRawHeader("X-CCDash-Project-Id", scope.toUtf8());
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    struct ReplyState
    {
        QByteArray body;
        ClientError abortError;
        QStringList tlsErrors; // certificate problems reported before the transport failed
        QElapsedTimer timer;
    };
    auto state = std::make_shared<ReplyState>();
    state->timer.start();

    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    const QString where = displayUrl(m_config.baseUrl);
    const QString what = QString::fromLatin1(verb) + QLatin1Char(' ') + path;
    const qint64 cap = m_config.maxResponseBytes;
    const int timeoutMs = m_config.transferTimeoutMs;

    const auto abortTooLarge = [reply, state, cap, where, what] {
        if (state->abortError.isError())
            return;
        state->abortError = {ClientError::Kind::TooLarge, 0,
                             tr("The response from CCDash at %1 for %2 is larger than the %3 MiB limit; it was not read.")
                                 .arg(where, what, mebibytes(cap))};
        reply->abort();
    };

    connect(reply, &QNetworkReply::redirected, this, [reply, state, where, what](const QUrl &target) {
        const QUrl resolved = reply->url().resolved(target);
        if (sameOrigin(resolved, reply->request().url())) {
            state->body.clear(); // the redirect's own body is not the answer
            Q_EMIT reply->redirectAllowed();
            return;
        }
        state->abortError = {ClientError::Kind::RedirectRefused, 0,
                             tr("CCDash at %1 redirected %2 to another server (%3); the redirect was refused.")
                                 .arg(where, what, displayUrl(resolved))};
        reply->abort();
    });
#if QT_CONFIG(ssl)
    connect(reply, &QNetworkReply::sslErrors, this, [state](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            state->tlsErrors << error.errorString();
    });
#endif
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, cap, abortTooLarge] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > cap)
            abortTooLarge();
    });
    connect(reply, &QNetworkReply::readyRead, this, [reply, state, cap, abortTooLarge] {
        if (state->abortError.isError())
            return;
        state->body += reply->readAll();
        if (state->body.size() > cap) {
            state->body.clear();
            abortTooLarge();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, state, where, what, timeoutMs, handler = std::move(handler)] {
        reply->deleteLater();
        RawResponse raw;
        raw.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!state->abortError.isError() && reply->isOpen())
            state->body += reply->readAll();
        raw.body = state->body;

        const QNetworkReply::NetworkError networkError = reply->error();
        if (state->abortError.isError()) {
            raw.error = state->abortError;
            raw.body.clear();
        } else if (raw.httpStatus >= 400) {
            raw.error.kind = ClientError::Kind::Http;
            raw.error.httpStatus = raw.httpStatus;
            QString detail = errorDetailText(raw.body);
            if (detail.isEmpty())
                detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            raw.error.message = tr("CCDash at %1 answered %2 with HTTP %3: %4")
                                    .arg(where, what, QString::number(raw.httpStatus), detail);
            if (raw.httpStatus == 401 || raw.httpStatus == 403)
                raw.error.message += QLatin1Char(' ')
                                     + tr("Check the API token (CCDASH_API_TOKEN or the system keychain).");
        } else if (networkError == QNetworkReply::NoError && raw.httpStatus >= 300) {
            raw.error = {ClientError::Kind::Http, raw.httpStatus,
                         tr("CCDash at %1 answered %2 with an unfollowed redirect (HTTP %3).")
                             .arg(where, what, QString::number(raw.httpStatus))};
        } else if (networkError != QNetworkReply::NoError) {
            ClientError &error = raw.error;
            switch (networkError) {
            case QNetworkReply::ConnectionRefusedError:
                error = {ClientError::Kind::ConnectionRefused, 0,
                         tr("Cannot reach CCDash at %1: connection refused. Is CCDash running?").arg(where)};
                break;
            case QNetworkReply::HostNotFoundError:
                error = {ClientError::Kind::HostNotFound, 0,
                         tr("Cannot reach CCDash at %1: host '%2' not found.").arg(where, m_config.baseUrl.host())};
                break;
            case QNetworkReply::TimeoutError:
            case QNetworkReply::OperationCanceledError: // what a transfer timeout reports; we abort only with a reason set
                error = {ClientError::Kind::Timeout, 0,
                         tr("CCDash at %1 did not answer %2 within %3 seconds.")
                             .arg(where, what, QString::number(timeoutMs / 1000.0, 'g', 3))};
                break;
            case QNetworkReply::SslHandshakeFailedError:
                error = {ClientError::Kind::Tls, 0,
                         tr("Secure connection to CCDash at %1 failed: %2")
                             .arg(where, state->tlsErrors.isEmpty() ? reply->errorString()
                                                                    : state->tlsErrors.join(QStringLiteral("; ")))};
                break;
            case QNetworkReply::InsecureRedirectError:
                error = {ClientError::Kind::RedirectRefused, 0,
                         tr("CCDash at %1 redirected %2 from https to plain http; the redirect was refused.")
                             .arg(where, what)};
                break;
            default:
                if (!state->tlsErrors.isEmpty()) {
                    error = {ClientError::Kind::Tls, 0,
                             tr("Secure connection to CCDash at %1 failed: %2")
                                 .arg(where, state->tlsErrors.join(QStringLiteral("; ")))};
                } else {
                    error = {ClientError::Kind::Network, 0,
                             tr("Connection to CCDash at %1 failed during %2: %3").arg(where, what, reply->errorString())};
                }
                break;
            }
            raw.body.clear();
        }

        if (raw.error.isError())
            qCWarning(lcCcdashClient).noquote() << raw.error.message;
        else
            qCDebug(lcCcdashClient).noquote() << what << "->" << raw.httpStatus << "in" << state->timer.elapsed()
                                              << "ms," << raw.body.size() << "bytes";
        handler(raw);
    });
    return reply;
}

template<typename T, typename ParseFn>
void CcdashClient::fetchParsed(const QString &path, const QList<std::pair<QString, QString>> &query,
                               const QString &cacheKey, ParseFn parse, QObject *context, Callback<T> callback,
                               std::function<void(const T &)> onFresh)
{
    const QPointer<QObject> guard(context ? context : this);
    const QString projectKey = effectiveProjectId();
    const QString where = displayUrl(m_config.baseUrl);
    send("GET", path, query, {},
         [this, guard, path, cacheKey, projectKey, where, parse, callback = std::move(callback),
          onFresh = std::move(onFresh)](const RawResponse &raw) {
        Result<T> result;
        if (!raw.error.isError()) {
            auto parsed = parse(raw.body);
            if (parsed.ok()) {
                result.value = std::move(parsed.value());
                result.fetchedAt = QDateTime::currentDateTimeUtc();
                if (m_cache)
                    m_cache->store(cacheKey, projectKey, raw.body, result.fetchedAt);
                if (onFresh)
                    onFresh(*result.value);
            } else {
                result.error = {ClientError::Kind::InvalidResponse, raw.httpStatus,
                                tr("CCDash at %1 sent an unexpected response for GET %2: %3")
                                    .arg(where, path, parsed.error().toString())};
                qCWarning(lcCcdashClient).noquote() << result.error.message;
            }
        } else {
            result.error = raw.error;
            if (raw.error.isUnreachable() && m_cache) {
                if (const std::optional<CachedResponse> cached = m_cache->load(cacheKey, projectKey)) {
                    auto parsed = parse(cached->body);
                    if (parsed.ok()) {
                        result.value = std::move(parsed.value());
                        result.stale = true;
                        result.fetchedAt = cached->fetchedAt;
                        qCInfo(lcCcdashClient).noquote() << "Serving cached" << cacheKey << "from"
                                                         << cached->fetchedAt.toString(Qt::ISODate);
                    } else {
                        qCWarning(lcCcdashClient).noquote() << "Ignoring unreadable cached" << cacheKey << ":"
                                                            << parsed.error().toString();
                    }
                }
            }
        }
        if (guard)
            callback(result);
    });
}

void CcdashClient::fetchHealth(QObject *context, Callback<Health> callback)
{
    // The probe is about reachability now: no cache fallback.
    const QPointer<QObject> guard(context ? context : this);
    const QString where = displayUrl(m_config.baseUrl);
    send("GET", QStringLiteral("/api/health"), {}, {}, [guard, where, callback = std::move(callback)](const RawResponse &raw) {
        Result<Health> result;
        result.error = raw.error;
        if (!raw.error.isError()) {
            Parsed<Health> parsed = parseHealth(raw.body);
            if (parsed.ok()) {
                result.value = parsed.value();
                result.fetchedAt = QDateTime::currentDateTimeUtc();
            } else {
                result.error = {ClientError::Kind::InvalidResponse, raw.httpStatus,
                                tr("CCDash at %1 sent an unexpected response for GET /api/health: %2")
                                    .arg(where, parsed.error().toString())};
            }
        }
        if (guard)
            callback(result);
    });
}

void CcdashClient::fetchProjects(QObject *context, Callback<QList<Project>> callback)
{
    fetchParsed<QList<Project>>(QStringLiteral("/api/projects"), {}, QStringLiteral("projects"), &parseProjects,
                                context, std::move(callback), [this](const QList<Project> &projects) {
        for (const Project &project : projects) {
            if (project.isActive) {
                noteServerActiveProject(project.id);
                return;
            }
        }
    });
}

void CcdashClient::fetchActiveProject(QObject *context, Callback<Project> callback)
{
    fetchParsed<Project>(QStringLiteral("/api/projects/active"), {}, QStringLiteral("projects/active"), &parseProject,
                         context, std::move(callback),
                         [this](const Project &project) { noteServerActiveProject(project.id); });
}

void CcdashClient::fetchActiveProjectPaths(QObject *context, Callback<ProjectPaths> callback)
{
    fetchParsed<ProjectPaths>(QStringLiteral("/api/projects/active/paths"), {}, QStringLiteral("projects/active/paths"),
                              &parseProjectPaths, context, std::move(callback));
}

void CcdashClient::fetchFeatures(int offset, int limit, QObject *context, Callback<FeaturePage> callback)
{
    offset = qMax(0, offset);
    limit = qBound(1, limit, 5000); // CCDash's accepted range
    const QString key = QStringLiteral("features?offset=%1&limit=%2").arg(offset).arg(limit);
    fetchParsed<FeaturePage>(QStringLiteral("/api/features"),
                             {{QStringLiteral("offset"), QString::number(offset)},
                              {QStringLiteral("limit"), QString::number(limit)}},
                             key, &parseFeaturePage, context, std::move(callback));
}

void CcdashClient::fetchAllFeatures(QObject *context, Callback<QList<Feature>> callback, int pageSize)
{
    fetchFeaturePagesFrom(0, qBound(1, pageSize, 5000), 0, {}, {}, false, QPointer<QObject>(context ? context : this),
                          std::move(callback));
}

void CcdashClient::fetchFeaturePagesFrom(int offset, int pageSize, int pagesFetched, QList<Feature> collected,
                                         QDateTime oldestFetch,
                                         bool anyStale, QPointer<QObject> context, Callback<QList<Feature>> callback)
{
    fetchFeatures(offset, pageSize, this,
                  [this, offset, pageSize, pagesFetched, collected = std::move(collected), oldestFetch, anyStale, context,
                   callback = std::move(callback)](const Result<FeaturePage> &page) mutable {
        if (!context)
            return;
        if (!page.ok()) {
            Result<QList<Feature>> failed;
            failed.error = page.error;
            callback(failed);
            return;
        }
        collected += page.value->items;
        if (!oldestFetch.isValid() || page.fetchedAt < oldestFetch)
            oldestFetch = page.fetchedAt;
        anyStale = anyStale || page.stale;
        const int next = offset + int(page.value->items.size());
        // Stop on an empty page too, so a server whose total over-counts cannot loop us forever.
        if (page.value->items.isEmpty() || next >= page.value->total) {
            Result<QList<Feature>> done;
            done.value = std::move(collected);
            done.stale = anyStale;
            done.fetchedAt = oldestFetch;
            if (anyStale)
                done.error = page.error;
            callback(done);
            return;
        }
        // A total beyond any real project, or a server that keeps sending short pages: stop
        // with an error instead of paging for ever.
        const int pageBudget = MaxFeaturesInList / pageSize + 1;
        if (page.value->total > MaxFeaturesInList || pagesFetched + 1 >= pageBudget) {
            Result<QList<Feature>> failed;
            const QString where = displayUrl(m_config.baseUrl);
            failed.error.kind = ClientError::Kind::InvalidResponse;
            failed.error.message = page.value->total > MaxFeaturesInList
                ? tr("CCDash at %1 reports %2 features, but the workbench lists at most %3.")
                      .arg(where).arg(page.value->total).arg(MaxFeaturesInList)
                : tr("CCDash at %1 sent %2 pages of features without reaching its total of %3; stopped.")
                      .arg(where).arg(pagesFetched + 1).arg(page.value->total);
            callback(failed);
            return;
        }
        fetchFeaturePagesFrom(next, pageSize, pagesFetched + 1, std::move(collected), oldestFetch, anyStale, context,
                              std::move(callback));
    });
}

void CcdashClient::fetchExecutionContext(const QString &featureId, QObject *context, Callback<ExecutionContext> callback)
{
    if (featureId.isEmpty()) {
        const QPointer<QObject> guard(context ? context : this);
        Result<ExecutionContext> refused;
        refused.error = {ClientError::Kind::Refused, 0, tr("No feature id given.")};
        // Still asynchronous, like every other answer.
        QMetaObject::invokeMethod(this, [guard, refused, callback = std::move(callback)] {
            if (guard)
                callback(refused);
        }, Qt::QueuedConnection);
        return;
    }
    const QString encodedId = QString::fromLatin1(QUrl::toPercentEncoding(featureId));
    fetchParsed<ExecutionContext>(QStringLiteral("/api/features/") + encodedId + QStringLiteral("/execution-context"), {},
                                  QStringLiteral("features/") + featureId + QStringLiteral("/execution-context"),
                                  &parseExecutionContext, context, std::move(callback));
}

void CcdashClient::switchActiveProject(const QString &projectId, QObject *context, Callback<Project> callback)
{
    const QPointer<QObject> guard(context ? context : this);
    const QString where = displayUrl(m_config.baseUrl);
    const QString path = QStringLiteral("/api/projects/active/") + QString::fromLatin1(QUrl::toPercentEncoding(projectId));
    send("POST", path, {}, QByteArrayLiteral("{}"),
         [this, guard, where, path, callback = std::move(callback)](const RawResponse &raw) {
        Result<Project> result;
        result.error = raw.error;
        if (!raw.error.isError()) {
            Parsed<Project> parsed = parseProject(raw.body);
            if (parsed.ok()) {
                result.value = parsed.value();
                result.fetchedAt = QDateTime::currentDateTimeUtc();
                noteServerActiveProject(parsed.value().id);
            } else {
                result.error = {ClientError::Kind::InvalidResponse, raw.httpStatus,
                                tr("CCDash at %1 sent an unexpected response for POST %2: %3")
                                    .arg(where, path, parsed.error().toString())};
            }
        }
        if (guard)
            callback(result);
    });
}

bool CcdashClient::sendExecutionEvent(const ExecutionEvent &event)
{
    if (!isSupportedExecutionEventType(event.eventType)) {
        qCWarning(lcCcdashTelemetry).noquote() << "Not sending telemetry event of unsupported type" << event.eventType;
        return false;
    }
    const QByteArray body = QJsonDocument(toJson(event)).toJson(QJsonDocument::Compact);
    const QString eventType = event.eventType;
    send("POST", QStringLiteral("/api/features/execution-events"), {}, body, [this, eventType](const RawResponse &raw) {
        if (raw.error.isError())
            qCWarning(lcCcdashTelemetry).noquote() << "Telemetry event" << eventType << "was not delivered:"
                                                   << raw.error.message;
        Q_EMIT executionEventFinished(eventType, !raw.error.isError());
    });
    return true;
}

} // namespace workbench::ccdash
