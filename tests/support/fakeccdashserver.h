#pragma once
// A fake CCDash backend for tests: serves the recorded fixtures (tests/fixtures/ccdash) on a free
// 127.0.0.1 port, records every request it gets, and misbehaves on demand.
//
//   FakeCcdashServer server;
//   QVERIFY2(server.start(), qPrintable(server.errorString()));
//   client.setBaseUrl(server.baseUrl());
//   server.misbehave(FakeCcdashServer::Misbehaviour::Unauthorized, QStringLiteral("/api/features"));
//   ... server.requestsTo(QStringLiteral("/api/features")).last().header("x-ccdash-project-id") ...
//
// Everything runs on the thread that owns the server (the test's main thread); slow answers use
// timers, never sleeps.
#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QTcpSocket;

namespace workbench::testsupport {

struct RecordedRequest
{
    QByteArray method;                     // "GET", "POST"
    QString path;                          // as sent, percent-encoded ("/api/features/a%2Fb/execution-context")
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    bool hasHeader(const QByteArray &name) const { return headers.contains(name.toLower()); }
};

class FakeCcdashServer : public QObject
{
    Q_OBJECT
public:
    enum class Misbehaviour {
        None,
        InternalError,      // 500, plain-text body (as FastAPI sends for an unhandled exception)
        Unauthorized,       // 401 with the authorization-object detail
        Forbidden,          // 403 {"detail": "Bearer token rejected for API request."}
        ValidationError,    // 422 with a pydantic error list
        NotFound,           // 404 {"detail": "... not found"}
        Garbage,            // 200, Content-Type JSON, body is not JSON
        WrongShape,         // 200, valid JSON of the wrong shape or types for that endpoint
        Slow,               // the right answer, after slowDelay()
        Truncated,          // headers promise the full body; half of it arrives, then the connection closes
        Huge,               // 200 with a declared Content-Length of hugeBodyBytes()
        HugeUndeclared,     // the same size, chunked, so only counting can notice
        RedirectOtherHost,  // 307 to redirectTarget() (another origin)
        RedirectSameOrigin, // 307 to the same path on this server (followed once)
        CloseConnection,    // drops the connection without answering
    };
    Q_ENUM(Misbehaviour)

    explicit FakeCcdashServer(QObject *parent = nullptr);
    ~FakeCcdashServer() override;

    // Listens on 127.0.0.1:`port` (0 = any free port). False with errorString() on failure.
    bool start(quint16 port = 0);
    // The same over TLS with a self-signed certificate (tests/fixtures/tls): clients that verify
    // certificates, as they should, refuse it.
    bool startTls(quint16 port = 0);
    // Closes the listener and every connection: afterwards the port refuses connections.
    void stop();
    bool isRunning() const;
    quint16 port() const { return m_port; }
    QUrl baseUrl() const; // http:// or, after startTls(), https://
    QString errorString() const { return m_error; }

    // Misbehave for requests whose path starts with `pathPrefix` (empty: every request).
    // The most recently added matching rule wins; rules stay until behave().
    void misbehave(Misbehaviour misbehaviour, const QString &pathPrefix = {});
    void behave();
    // Answers `pathPrefix` with exactly this status and body (Content-Type application/json).
    void overrideResponse(const QString &pathPrefix, int status, const QByteArray &body);

    void setSlowDelay(int milliseconds) { m_slowDelayMs = milliseconds; }
    int slowDelay() const { return m_slowDelayMs; }
    void setHugeBodyBytes(qint64 bytes) { m_hugeBodyBytes = bytes; }
    qint64 hugeBodyBytes() const { return m_hugeBodyBytes; }
    void setRedirectTarget(const QUrl &target) { m_redirectTarget = target; }
    QUrl redirectTarget() const { return m_redirectTarget; }

    // When set, requests without "Authorization: Bearer <token>" get 401, a wrong token 403
    // (CCDash's /api/v1 behaviour, applied to every route here).
    void setRequiredToken(const QString &token) { m_requiredToken = token; }

    // CCDash's process-wide active project (POST /api/projects/active/{id} changes it).
    void setActiveProjectId(const QString &projectId) { m_activeProjectId = projectId; }
    QString activeProjectId() const { return m_activeProjectId; }

    // The features /api/features pages through (default: features-list.json's items).
    void setFeatures(const QJsonArray &features) { m_features = features; }
    QJsonArray features() const { return m_features; }
    // Replaces the list with `count` copies of the fixture features, ids suffixed "-N".
    void generateFeatures(int count);
    // The execution context served for `featureId` (defaults: the three fixture files).
    void setExecutionContext(const QString &featureId, const QJsonObject &context);
    QStringList contextFeatureIds() const { return m_contexts.keys(); }

    static QString fixturesDir();
    static QByteArray fixture(const QString &fileName);
    static const QStringList &acceptedEventTypes();

    QList<RecordedRequest> requests() const { return m_requests; }
    QList<RecordedRequest> requestsTo(const QString &path) const;
    void clearRequests() { m_requests.clear(); }

Q_SIGNALS:
    void requestReceived(const workbench::testsupport::RecordedRequest &request);

private:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
    };
    struct Rule
    {
        QString pathPrefix;
        Misbehaviour misbehaviour = Misbehaviour::None;
        bool isOverride = false;
        int status = 0;
        QByteArray body;
    };

    bool startListening(quint16 port, const std::function<void(QHttpServer &)> &configure);
    void handle(const QHttpServerRequest &request, QTcpSocket *socket);
    Answer route(const RecordedRequest &request, const QStringList &segments);
    Answer wrongShapeFor(const QStringList &segments) const;
    const Rule *ruleFor(const QString &path) const;
    void write(QTcpSocket *socket, const Answer &answer);
    void streamHuge(QTcpSocket *socket, bool declared);
    QJsonObject projectById(const QString &id) const;

    std::unique_ptr<QHttpServer> m_http;
    quint16 m_port = 0;
    bool m_tls = false;
    QString m_error;
    QList<Rule> m_rules;
    int m_slowDelayMs = 3000;
    qint64 m_hugeBodyBytes = qint64(80) * 1024 * 1024;
    QUrl m_redirectTarget{QStringLiteral("http://ccdash-elsewhere.invalid:8000")};
    QString m_requiredToken;
    QString m_activeProjectId{QStringLiteral("ccdash")};
    QJsonArray m_projects;
    QJsonObject m_activeProjectTemplate;
    QJsonObject m_pathsTemplate;
    QJsonArray m_features;
    QHash<QString, QJsonObject> m_contexts;
    QList<RecordedRequest> m_requests;
};

} // namespace workbench::testsupport
