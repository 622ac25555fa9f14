#include "tests/support/fakeccdashserver.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslKey>
#endif

namespace workbench::testsupport {

namespace {

QByteArray json(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QByteArray detail(const QString &text)
{
    return json(QJsonObject{{QStringLiteral("detail"), text}});
}

QByteArray methodName(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    default: return "OTHER";
    }
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 422: return "Unprocessable Entity";
    case 500: return "Internal Server Error";
    default: return "Status";
    }
}

} // namespace

FakeCcdashServer::FakeCcdashServer(QObject *parent)
    : QObject(parent)
{
    m_projects = QJsonDocument::fromJson(fixture(QStringLiteral("projects-list.json"))).array();
    m_activeProjectTemplate = QJsonDocument::fromJson(fixture(QStringLiteral("project-active.json"))).object();
    m_pathsTemplate = QJsonDocument::fromJson(fixture(QStringLiteral("project-active-paths.json"))).object();
    m_features = QJsonDocument::fromJson(fixture(QStringLiteral("features-list.json"))).object().value(QStringLiteral("items")).toArray();
    for (const char *name : {"execution-context-r1-plan-from-prd-blocked.json", "execution-context-r2-start-phase-1.json",
                             "execution-context-r3-advance-phase.json"}) {
        const QJsonObject context = QJsonDocument::fromJson(fixture(QString::fromLatin1(name))).object();
        m_contexts.insert(context.value(QStringLiteral("feature")).toObject().value(QStringLiteral("id")).toString(), context);
    }
}

FakeCcdashServer::~FakeCcdashServer() = default;

QString FakeCcdashServer::fixturesDir()
{
    return QStringLiteral(WORKBENCH_FAKECCDASH_FIXTURES_DIR);
}

QByteArray FakeCcdashServer::fixture(const QString &fileName)
{
    QFile file(fixturesDir() + QLatin1Char('/') + fileName);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fake CCDash: cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

const QStringList &FakeCcdashServer::acceptedEventTypes()
{
    static const QStringList types = {
        QStringLiteral("execution_workbench_opened"),       QStringLiteral("execution_begin_work_clicked"),
        QStringLiteral("execution_recommendation_generated"), QStringLiteral("execution_blocked_state_viewed"),
        QStringLiteral("execution_dependency_navigated"),   QStringLiteral("execution_family_item_selected"),
        QStringLiteral("execution_command_copied"),         QStringLiteral("execution_source_link_clicked"),
    };
    return types;
}

bool FakeCcdashServer::startTls(quint16 port)
{
#if QT_CONFIG(ssl)
    QFile certificateFile(fixturesDir() + QStringLiteral("/../tls/selfsigned.crt"));
    QFile keyFile(fixturesDir() + QStringLiteral("/../tls/selfsigned.key"));
    if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot read the test certificate in tests/fixtures/tls");
        return false;
    }
    const QSslCertificate certificate(&certificateFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull() || key.isNull()) {
        m_error = QStringLiteral("the test certificate in tests/fixtures/tls is unreadable");
        return false;
    }
    return startListening(port, [&](QHttpServer &server) { server.sslSetup(certificate, key); });
#else
    Q_UNUSED(port)
    m_error = QStringLiteral("Qt was built without TLS support");
    return false;
#endif
}

bool FakeCcdashServer::start(quint16 port)
{
    return startListening(port, {});
}

bool FakeCcdashServer::startListening(quint16 port, const std::function<void(QHttpServer &)> &configure)
{
    stop();
    m_http = std::make_unique<QHttpServer>();
    m_tls = bool(configure);
    if (configure)
        configure(*m_http);
    // No routes: every request reaches this one handler, which routes and misbehaves itself.
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        handle(request, responder.socket());
    });
    m_port = m_http->listen(QHostAddress::LocalHost, port);
    if (m_port == 0) {
        m_error = QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port);
        m_http.reset();
        return false;
    }
    return true;
}

void FakeCcdashServer::stop()
{
    if (!m_http)
        return;
    // Listener and connections are children of the server object: deleting it closes them all.
    for (QTcpServer *server : m_http->servers())
        server->close();
    m_http.reset();
}

bool FakeCcdashServer::isRunning() const
{
    return m_http != nullptr;
}

QUrl FakeCcdashServer::baseUrl() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(m_port));
}

void FakeCcdashServer::misbehave(Misbehaviour misbehaviour, const QString &pathPrefix)
{
    m_rules.append(Rule{pathPrefix, misbehaviour, false, 0, {}});
}

void FakeCcdashServer::behave()
{
    m_rules.clear();
}

void FakeCcdashServer::overrideResponse(const QString &pathPrefix, int status, const QByteArray &body)
{
    m_rules.append(Rule{pathPrefix, Misbehaviour::None, true, status, body});
}

void FakeCcdashServer::generateFeatures(int count)
{
    const QJsonArray originals = QJsonDocument::fromJson(fixture(QStringLiteral("features-list.json")))
                                     .object().value(QStringLiteral("items")).toArray();
    QJsonArray generated;
    for (int i = 0; i < count; ++i) {
        QJsonObject feature = originals.at(i % originals.size()).toObject();
        feature.insert(QStringLiteral("id"), QString(feature.value(QStringLiteral("id")).toString() + QLatin1Char('-') + QString::number(i)));
        feature.insert(QStringLiteral("name"), QString(feature.value(QStringLiteral("name")).toString() + QLatin1Char(' ') + QString::number(i)));
        generated.append(feature);
    }
    m_features = generated;
}

void FakeCcdashServer::setExecutionContext(const QString &featureId, const QJsonObject &context)
{
    m_contexts.insert(featureId, context);
}

QList<RecordedRequest> FakeCcdashServer::requestsTo(const QString &path) const
{
    QList<RecordedRequest> matching;
    for (const RecordedRequest &request : m_requests) {
        if (request.path == path)
            matching << request;
    }
    return matching;
}

const FakeCcdashServer::Rule *FakeCcdashServer::ruleFor(const QString &path) const
{
    for (auto it = m_rules.crbegin(); it != m_rules.crend(); ++it) {
        if (path.startsWith(it->pathPrefix))
            return &*it;
    }
    return nullptr;
}

QJsonObject FakeCcdashServer::projectById(const QString &id) const
{
    for (const QJsonValue &value : m_projects) {
        QJsonObject project = value.toObject();
        if (project.value(QStringLiteral("id")).toString() == id) {
            project.insert(QStringLiteral("is_active"), id == m_activeProjectId);
            return project;
        }
    }
    return {};
}

void FakeCcdashServer::handle(const QHttpServerRequest &request, QTcpSocket *socket)
{
    RecordedRequest recorded;
    recorded.method = methodName(request);
    recorded.path = request.url().path(QUrl::FullyEncoded);
    recorded.query = request.query();
    for (const auto &[name, value] : request.headers())
        recorded.headers.insert(name.toLower(), value);
    recorded.body = request.body();
    m_requests.append(recorded);
    Q_EMIT requestReceived(recorded);

    QStringList segments;
    for (const QString &segment : recorded.path.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        segments << QUrl::fromPercentEncoding(segment.toUtf8());

    if (!m_requiredToken.isEmpty()) {
        const QByteArray authorization = recorded.header("authorization");
        if (authorization.isEmpty()) {
            write(socket, {401, detail(QStringLiteral("Bearer token required for /api/v1 requests.")),
                           {{"WWW-Authenticate", "Bearer"}}});
            return;
        }
        if (authorization != "Bearer " + m_requiredToken.toUtf8()) {
            write(socket, {403, detail(QStringLiteral("Bearer token rejected for /api/v1 request.")), {}});
            return;
        }
    }

    const Rule *rule = ruleFor(recorded.path);
    if (rule && rule->isOverride) {
        write(socket, {rule->status, rule->body, {}});
        return;
    }
    const Misbehaviour misbehaviour = rule ? rule->misbehaviour : Misbehaviour::None;
    switch (misbehaviour) {
    case Misbehaviour::None:
        break;
    case Misbehaviour::InternalError:
        write(socket, {500, QByteArrayLiteral("Internal Server Error"), {{"Content-Type", "text/plain; charset=utf-8"}}});
        return;
    case Misbehaviour::Unauthorized:
        write(socket, {401, json(QJsonObject{{QStringLiteral("detail"),
                                              QJsonObject{{QStringLiteral("error"), QStringLiteral("unauthorized")},
                                                          {QStringLiteral("code"), QStringLiteral("permission_not_granted")},
                                                          {QStringLiteral("reason"), QStringLiteral("No principal for this request.")},
                                                          {QStringLiteral("action"), QStringLiteral("execution:read")},
                                                          {QStringLiteral("resource"), QStringLiteral("project:ccdash")}}}}),
                       {}});
        return;
    case Misbehaviour::Forbidden:
        write(socket, {403, detail(QStringLiteral("Bearer token rejected for API request.")), {}});
        return;
    case Misbehaviour::ValidationError:
        write(socket, {422, json(QJsonObject{{QStringLiteral("detail"),
                                              QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("greater_than_equal")},
                                                                     {QStringLiteral("loc"), QJsonArray{QStringLiteral("query"), QStringLiteral("limit")}},
                                                                     {QStringLiteral("msg"), QStringLiteral("Input should be greater than or equal to 1")},
                                                                     {QStringLiteral("input"), QStringLiteral("0")}}}}}),
                       {}});
        return;
    case Misbehaviour::NotFound:
        write(socket, {404, detail(QStringLiteral("Feature '%1' not found").arg(segments.value(2))), {}});
        return;
    case Misbehaviour::Garbage:
        write(socket, {200, QByteArrayLiteral("<html><body>Bad Gateway</body></html>\x01\xff"), {}});
        return;
    case Misbehaviour::WrongShape:
        write(socket, wrongShapeFor(segments));
        return;
    case Misbehaviour::Slow: {
        const QPointer<QTcpSocket> guard(socket);
        const Answer answer = route(recorded, segments);
        QTimer::singleShot(m_slowDelayMs, this, [this, guard, answer] {
            if (guard && guard->state() == QAbstractSocket::ConnectedState)
                write(guard, answer);
        });
        return;
    }
    case Misbehaviour::Truncated: {
        const Answer answer = route(recorded, segments);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(answer.body.size()) + "\r\n\r\n");
        socket->write(answer.body.left(answer.body.size() / 2));
        socket->disconnectFromHost(); // after the half body has gone out
        return;
    }
    case Misbehaviour::Huge:
        streamHuge(socket, true);
        return;
    case Misbehaviour::HugeUndeclared:
        streamHuge(socket, false);
        return;
    case Misbehaviour::RedirectOtherHost: {
        QUrl target = m_redirectTarget;
        target.setPath(request.url().path());
        target.setQuery(request.url().query());
        write(socket, {307, QByteArray(), {{"Location", target.toEncoded()}}});
        return;
    }
    case Misbehaviour::RedirectSameOrigin:
        if (!recorded.query.hasQueryItem(QStringLiteral("redirected"))) {
            QUrlQuery query = recorded.query;
            query.addQueryItem(QStringLiteral("redirected"), QStringLiteral("1"));
            write(socket, {307, QByteArray(), {{"Location", recorded.path.toUtf8() + '?' + query.toString(QUrl::FullyEncoded).toUtf8()}}});
            return;
        }
        break;
    case Misbehaviour::CloseConnection:
        socket->abort();
        return;
    }
    write(socket, route(recorded, segments));
}

FakeCcdashServer::Answer FakeCcdashServer::route(const RecordedRequest &request, const QStringList &segments)
{
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    if (segments.value(0) != QLatin1String("api"))
        return {404, detail(QStringLiteral("Not Found")), {}};
    const QString area = segments.value(1);

    if (get && area == QLatin1String("health") && segments.size() == 2) {
        return {200, json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                      {QStringLiteral("db"), QStringLiteral("connected")},
                                      {QStringLiteral("watcher"), QStringLiteral("running")},
                                      {QStringLiteral("profile"), QStringLiteral("local")},
                                      {QStringLiteral("schemaVersion"), 56}}),
                {}};
    }
    if (area == QLatin1String("projects")) {
        if (get && segments.size() == 2) {
            QJsonArray projects;
            for (const QJsonValue &value : m_projects)
                projects.append(projectById(value.toObject().value(QStringLiteral("id")).toString()));
            return {200, json(projects), {}};
        }
        if (segments.value(2) == QLatin1String("active")) {
            if (get && segments.size() == 3) {
                if (m_activeProjectId.isEmpty())
                    return {404, detail(QStringLiteral("No active project found")), {}};
                QJsonObject project = projectById(m_activeProjectId);
                if (project.isEmpty()) {
                    project = m_activeProjectTemplate;
                    project.insert(QStringLiteral("id"), m_activeProjectId);
                }
                return {200, json(project), {}};
            }
            if (get && segments.size() == 4 && segments.at(3) == QLatin1String("paths")) {
                if (m_activeProjectId.isEmpty())
                    return {400, detail(QStringLiteral("No active project")), {}};
                QJsonObject paths = m_pathsTemplate;
                paths.insert(QStringLiteral("projectId"), m_activeProjectId);
                if (m_activeProjectId != m_pathsTemplate.value(QStringLiteral("projectId")).toString()) {
                    QJsonObject root = paths.value(QStringLiteral("root")).toObject();
                    root.insert(QStringLiteral("path"), projectById(m_activeProjectId).value(QStringLiteral("path")).toString());
                    paths.insert(QStringLiteral("root"), root);
                }
                return {200, json(paths), {}};
            }
            if (post && segments.size() == 4) {
                const QString id = segments.at(3);
                if (projectById(id).isEmpty())
                    return {404, detail(QStringLiteral("Project '%1' not found").arg(id)), {}};
                m_activeProjectId = id;
                QJsonObject project = projectById(id);
                project.insert(QStringLiteral("watcherRebound"), true);
                return {200, json(project), {}};
            }
        }
    }
    if (area == QLatin1String("features")) {
        if (get && segments.size() == 2) {
            bool offsetOk = true, limitOk = true;
            const int offset = request.query.hasQueryItem(QStringLiteral("offset"))
                                   ? request.query.queryItemValue(QStringLiteral("offset")).toInt(&offsetOk) : 0;
            const int limit = request.query.hasQueryItem(QStringLiteral("limit"))
                                  ? request.query.queryItemValue(QStringLiteral("limit")).toInt(&limitOk) : 200;
            if (!offsetOk || !limitOk || offset < 0 || limit < 1 || limit > 5000) {
                return {422, json(QJsonObject{{QStringLiteral("detail"),
                                               QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("int_parsing")},
                                                                      {QStringLiteral("loc"), QJsonArray{QStringLiteral("query"), QStringLiteral("limit")}},
                                                                      {QStringLiteral("msg"), QStringLiteral("Input should be a valid integer")}}}}}),
                        {}};
            }
            QJsonArray page;
            if (!m_activeProjectId.isEmpty()) {
                for (int i = offset; i < m_features.size() && i < offset + limit; ++i)
                    page.append(m_features.at(i));
            }
            return {200, json(QJsonObject{{QStringLiteral("items"), page},
                                          {QStringLiteral("total"), m_activeProjectId.isEmpty() ? 0 : int(m_features.size())},
                                          {QStringLiteral("offset"), offset},
                                          {QStringLiteral("limit"), limit}}),
                    {}};
        }
        if (get && segments.size() == 4 && segments.at(3) == QLatin1String("execution-context")) {
            if (m_activeProjectId.isEmpty())
                return {400, detail(QStringLiteral("No active project")), {}};
            const auto it = m_contexts.constFind(segments.at(2));
            if (it == m_contexts.constEnd())
                return {404, detail(QStringLiteral("Feature '%1' not found").arg(segments.at(2))), {}};
            return {200, json(*it), {}};
        }
        if (post && segments.size() == 3 && segments.at(2) == QLatin1String("execution-events")) {
            const QJsonObject event = QJsonDocument::fromJson(request.body).object();
            if (!event.value(QStringLiteral("eventType")).isString()) {
                return {422, json(QJsonObject{{QStringLiteral("detail"),
                                               QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("missing")},
                                                                      {QStringLiteral("loc"), QJsonArray{QStringLiteral("body"), QStringLiteral("eventType")}},
                                                                      {QStringLiteral("msg"), QStringLiteral("Field required")}}}}}),
                        {}};
            }
            const QString type = event.value(QStringLiteral("eventType")).toString();
            if (!acceptedEventTypes().contains(type))
                return {400, detail(QStringLiteral("Unsupported event type '%1'").arg(type)), {}};
            if (m_activeProjectId.isEmpty())
                return {400, detail(QStringLiteral("No active project")), {}};
            return {200, json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}), {}};
        }
    }
    return {404, detail(QStringLiteral("Not Found")), {}};
}

FakeCcdashServer::Answer FakeCcdashServer::wrongShapeFor(const QStringList &segments) const
{
    const QString area = segments.value(1);
    if (area == QLatin1String("projects") && segments.size() == 2) // an object where an array belongs
        return {200, json(QJsonObject{{QStringLiteral("projects"), m_projects}}), {}};
    if (area == QLatin1String("features") && segments.size() == 2) { // a number where a name belongs
        QJsonObject feature = m_features.at(0).toObject();
        feature.insert(QStringLiteral("name"), 42);
        return {200, json(QJsonObject{{QStringLiteral("items"), QJsonArray{feature}}, {QStringLiteral("total"), 1},
                                      {QStringLiteral("offset"), 0}, {QStringLiteral("limit"), 200}}),
                {}};
    }
    if (area == QLatin1String("features")) { // the primary command is not a string
        QJsonObject context = m_contexts.cbegin().value();
        QJsonObject recommendations = context.value(QStringLiteral("recommendations")).toObject();
        QJsonObject primary = recommendations.value(QStringLiteral("primary")).toObject();
        primary.insert(QStringLiteral("command"), QJsonArray{QStringLiteral("rm"), QStringLiteral("-rf")});
        recommendations.insert(QStringLiteral("primary"), primary);
        context.insert(QStringLiteral("recommendations"), recommendations);
        return {200, json(context), {}};
    }
    return {200, json(QJsonArray{1, 2, 3}), {}};
}

void FakeCcdashServer::write(QTcpSocket *socket, const Answer &answer)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status) + "\r\n";
    bool hasContentType = false;
    for (const auto &[name, value] : answer.headers) {
        head += name + ": " + value + "\r\n";
        hasContentType = hasContentType || name.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!hasContentType)
        head += "Content-Type: application/json\r\n";
    head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n\r\n";
    socket->write(head);
    socket->write(answer.body);
}

void FakeCcdashServer::streamHuge(QTcpSocket *socket, bool declared)
{
    const qint64 total = m_hugeBodyBytes;
    if (declared)
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(total)
                      + "\r\n\r\n");
    else
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");

    // Feed the body as the socket drains, so the server never holds the whole thing in memory.
    static constexpr qint64 ChunkSize = 256 * 1024;
    auto sent = std::make_shared<qint64>(0);
    const QByteArray chunk(ChunkSize, ' ');
    const QPointer<QTcpSocket> guard(socket);
    auto pump = std::make_shared<std::function<void()>>();
    *pump = [guard, sent, total, chunk, declared] {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        while (*sent < total && guard->bytesToWrite() < 4 * ChunkSize) {
            const qint64 size = qMin<qint64>(ChunkSize, total - *sent);
            if (declared) {
                guard->write(chunk.constData(), size);
            } else {
                guard->write(QByteArray::number(size, 16) + "\r\n");
                guard->write(chunk.constData(), size);
                guard->write("\r\n");
            }
            *sent += size;
        }
        if (*sent >= total && !declared) {
            guard->write("0\r\n\r\n");
            *sent = total + 1; // terminator written once
        }
    };
    connect(socket, &QTcpSocket::bytesWritten, this, [pump] { (*pump)(); });
    (*pump)();
}

} // namespace workbench::testsupport
