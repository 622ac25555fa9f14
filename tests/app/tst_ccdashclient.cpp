// The CCDash client against a real HTTP server (the fake CCDash on Qt HttpServer): every endpoint,
// every error path, headers, the offline cache, telemetry, and that the token never reaches a log.
#include "app/ccdash/ccdashclient.h"
#include "app/ccdash/ccdashlog.h"
#include "app/ccdash/ccdashparser.h"
#include "app/ccdash/ccdashpathmapping.h"
#include "app/ccdash/ccdashstorecache.h"
#include "app/ccdash/ccdashsync.h"
#include "app/ccdash/ccdashtoken.h"
#include "models/ccdashcacherepository.h"
#include "models/database.h"
#include "tests/support/fakeccdashserver.h"

#include <QJsonDocument>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace workbench::ccdash;
using workbench::testsupport::FakeCcdashServer;
using workbench::testsupport::RecordedRequest;
using Misbehaviour = FakeCcdashServer::Misbehaviour;

Q_DECLARE_METATYPE(Misbehaviour)
Q_DECLARE_METATYPE(ClientError::Kind)

namespace {

// Every message from every category, while installed.
QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;
void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines << QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

const QString kToken = QStringLiteral("wb-test-token-7f3a9c2e51d84b06");
const QString kFeatureR2 = QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");

} // namespace

class TestCcdashClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeCcdashServer> m_server;
    std::unique_ptr<CcdashClient> m_client;
    QTemporaryDir m_dataDir;
    // The offline cache on a real SQLite store (the production path).
    std::unique_ptr<workbench::models::Database> m_database;
    std::unique_ptr<workbench::models::CcdashCacheRepository> m_cacheRepository;
    std::unique_ptr<StoreResponseCache> m_cache;

    StoreResponseCache *openCache(const QString &fileName = QStringLiteral("cache.db"))
    {
        m_cache.reset();
        m_cacheRepository.reset();
        m_database.reset();
        auto location = workbench::models::parseDatabaseLocation(m_dataDir.filePath(fileName));
        if (!location)
            qFatal("bad test database location: %s", qPrintable(location.errorMessage()));
        auto database = workbench::models::Database::open(*location, QStringLiteral("ccdash-cache-test"));
        if (!database)
            qFatal("cannot open the test store: %s", qPrintable(database.errorMessage()));
        m_database = std::move(*database);
        m_cacheRepository = std::make_unique<workbench::models::CcdashCacheRepository>(*m_database);
        m_cache = std::make_unique<StoreResponseCache>(*m_cacheRepository);
        return m_cache.get();
    }

    // Rewrites cached entries as if fetched `seconds` earlier (through the real store API).
    void ageCacheEntries(const QStringList &keys, const QString &projectId, int seconds)
    {
        for (const QString &key : keys) {
            const std::optional<CachedResponse> entry = m_cache->load(key, projectId);
            QVERIFY2(entry.has_value(), qPrintable(key));
            m_cache->store(key, projectId, entry->body, entry->fetchedAt.addSecs(-seconds));
        }
    }

    // Issues one call and waits (bounded by QTRY's timeout) for its single answer.
    template<typename T, typename Start>
    std::optional<Result<T>> await(Start start, int timeoutMs = 10000)
    {
        auto answer = std::make_shared<std::optional<Result<T>>>();
        auto calls = std::make_shared<int>(0);
        QObject context;
        start(&context, CcdashClient::Callback<T>([answer, calls](const Result<T> &result) {
            *answer = result;
            ++*calls;
        }));
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answer->has_value(), timeoutMs); }();
        [&] { QCOMPARE(*calls, 1); }();
        return *answer;
    }

    std::optional<Result<FeaturePage>> fetchFeaturePage(int offset = 0, int limit = 200)
    {
        return await<FeaturePage>([&](QObject *ctx, auto done) { m_client->fetchFeatures(offset, limit, ctx, done); });
    }
    std::optional<Result<QList<Project>>> fetchProjects()
    {
        return await<QList<Project>>([&](QObject *ctx, auto done) { m_client->fetchProjects(ctx, done); });
    }
    std::optional<Result<ExecutionContext>> fetchContext(const QString &id)
    {
        return await<ExecutionContext>([&](QObject *ctx, auto done) { m_client->fetchExecutionContext(id, ctx, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ccdash-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ccdashclient"));
        QSettings().clear();
    }

    void init()
    {
        m_server = std::make_unique<FakeCcdashServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        ClientConfig config;
        config.baseUrl = m_server->baseUrl();
        m_client = std::make_unique<CcdashClient>(config);
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
        m_cache.reset();
        m_cacheRepository.reset();
        m_database.reset();
    }

    // --- endpoints ------------------------------------------------------------------------

    void health()
    {
        const auto result = await<Health>([&](QObject *ctx, auto done) { m_client->fetchHealth(ctx, done); });
        QVERIFY(result && result->ok());
        QCOMPARE(result->value->status, QStringLiteral("ok"));
        QCOMPARE(result->value->schemaVersion, 56);
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(m_server->requests().at(0).path, QStringLiteral("/api/health"));
        QCOMPARE(m_server->requests().at(0).method, QByteArray("GET"));
    }

    void projectsAndServerActiveProject()
    {
        QSignalSpy activeChanged(m_client.get(), &CcdashClient::serverActiveProjectChanged);
        const auto result = fetchProjects();
        QVERIFY(result && result->ok());
        QCOMPARE(result->value->size(), 2);
        QCOMPARE(result->value->at(0).id, QStringLiteral("ccdash"));
        QVERIFY(!result->stale);
        QCOMPARE(m_client->serverActiveProjectId(), QStringLiteral("ccdash"));
        QCOMPARE(activeChanged.size(), 1);
        QCOMPARE(activeChanged.at(0).at(0).toString(), QStringLiteral("ccdash"));
    }

    void activeProjectAndPaths()
    {
        m_server->setActiveProjectId(QStringLiteral("skillmeat"));
        const auto project = await<Project>([&](QObject *ctx, auto done) { m_client->fetchActiveProject(ctx, done); });
        QVERIFY(project && project->ok());
        QCOMPARE(project->value->id, QStringLiteral("skillmeat"));
        QCOMPARE(m_client->serverActiveProjectId(), QStringLiteral("skillmeat"));

        const auto paths = await<ProjectPaths>([&](QObject *ctx, auto done) { m_client->fetchActiveProjectPaths(ctx, done); });
        QVERIFY(paths && paths->ok());
        QCOMPARE(paths->value->projectId, QStringLiteral("skillmeat"));
        QCOMPARE(paths->value->root.path, QStringLiteral("/Users/miethe/dev/skillmeat"));
        QCOMPARE(m_server->requests().at(1).path, QStringLiteral("/api/projects/active/paths"));
    }

    void noActiveProjectIsAClearError()
    {
        m_server->setActiveProjectId(QString());
        const auto project = await<Project>([&](QObject *ctx, auto done) { m_client->fetchActiveProject(ctx, done); });
        QVERIFY(project && !project->ok());
        QCOMPARE(project->error.kind, ClientError::Kind::Http);
        QCOMPARE(project->error.httpStatus, 404);
        QVERIFY2(project->error.message.contains(QStringLiteral("No active project found")), qPrintable(project->error.message));
    }

    void featurePage()
    {
        m_server->generateFeatures(450);
        const auto page = fetchFeaturePage(200, 100);
        QVERIFY(page && page->ok());
        QCOMPARE(page->value->total, 450);
        QCOMPARE(page->value->offset, 200);
        QCOMPARE(page->value->items.size(), 100);
        QVERIFY(page->value->items.at(0).id.endsWith(QStringLiteral("-200")));
        const RecordedRequest request = m_server->requests().last();
        QCOMPARE(request.path, QStringLiteral("/api/features"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("offset")), QStringLiteral("200"));
        QCOMPARE(request.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
    }

    void allFeaturesArePaged_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("pageSize");
        QTest::addColumn<int>("expectedRequests");
        QTest::newRow("fixture, one page") << -1 << 200 << 1;
        QTest::newRow("450 in pages of 200") << 450 << 200 << 3;
        QTest::newRow("exactly two pages") << 400 << 200 << 2;
        QTest::newRow("empty project") << 0 << 200 << 1;
    }
    void allFeaturesArePaged()
    {
        QFETCH(int, count);
        QFETCH(int, pageSize);
        QFETCH(int, expectedRequests);
        if (count >= 0)
            m_server->generateFeatures(count);
        const int expected = count >= 0 ? count : 4;
        const auto all = await<QList<Feature>>([&](QObject *ctx, auto done) { m_client->fetchAllFeatures(ctx, done, pageSize); });
        QVERIFY(all && all->ok());
        QCOMPARE(all->value->size(), expected);
        QCOMPARE(m_server->requestsTo(QStringLiteral("/api/features")).size(), expectedRequests);
        QSet<QString> ids;
        for (const Feature &feature : *all->value)
            ids.insert(feature.id);
        QCOMPARE(ids.size(), expected); // no page twice, none skipped
    }

    void implausibleTotalStopsPaging()
    {
        // A server that claims far more than any project holds: refused after the first page.
        QJsonObject page = QJsonDocument::fromJson(FakeCcdashServer::fixture(QStringLiteral("features-list.json"))).object();
        page.insert(QStringLiteral("total"), 100000000);
        m_server->overrideResponse(QStringLiteral("/api/features"), 200, QJsonDocument(page).toJson());
        const auto all = await<QList<Feature>>([&](QObject *ctx, auto done) { m_client->fetchAllFeatures(ctx, done); });
        QVERIFY(all && !all->ok());
        QCOMPARE(all->error.kind, ClientError::Kind::InvalidResponse);
        QVERIFY2(all->error.message.contains(QStringLiteral("reports 100000000 features")), qPrintable(all->error.message));
        QCOMPARE(m_server->requests().size(), 1);
    }

    void shortPagesStopPaging()
    {
        // Always the same 4 items, always "more to come": bounded by the page budget.
        QJsonObject page = QJsonDocument::fromJson(FakeCcdashServer::fixture(QStringLiteral("features-list.json"))).object();
        page.insert(QStringLiteral("total"), CcdashClient::MaxFeaturesInList);
        m_server->overrideResponse(QStringLiteral("/api/features"), 200, QJsonDocument(page).toJson());
        const auto all = await<QList<Feature>>([&](QObject *ctx, auto done) { m_client->fetchAllFeatures(ctx, done, 5000); });
        QVERIFY(all && !all->ok());
        QCOMPARE(all->error.kind, ClientError::Kind::InvalidResponse);
        QVERIFY2(all->error.message.contains(QStringLiteral("without reaching its total of 20000")), qPrintable(all->error.message));
        QCOMPARE(m_server->requests().size(), CcdashClient::MaxFeaturesInList / 5000 + 1); // one spare page
    }

    void realisticPageFitsUnderTheCap()
    {
        m_server->generateFeatures(200); // ~2.2 MB, as a real CCDash page
        const auto page = fetchFeaturePage(0, 200);
        QVERIFY(page && page->ok());
        QCOMPARE(page->value->items.size(), 200);
    }

    void executionContexts_data()
    {
        QTest::addColumn<QString>("featureId");
        QTest::addColumn<QString>("ruleId");
        QTest::newRow("R1") << QStringLiteral("feature-execution-workbench-phase-4-sdk-orchestration-v1") << QStringLiteral("R1_PLAN_FROM_PRD_OR_REPORT");
        QTest::newRow("R2") << kFeatureR2 << QStringLiteral("R2_START_PHASE_1");
        QTest::newRow("R3") << QStringLiteral("dependency-aware-execution-and-family-views-v1") << QStringLiteral("R3_ADVANCE_TO_NEXT_PHASE");
    }
    void executionContexts()
    {
        QFETCH(QString, featureId);
        QFETCH(QString, ruleId);
        const auto context = fetchContext(featureId);
        QVERIFY(context && context->ok());
        QCOMPARE(context->value->feature.id, featureId);
        QCOMPARE(context->value->recommendations.primary.ruleId, ruleId);
        QCOMPARE(m_server->requests().last().path, QStringLiteral("/api/features/") + featureId + QStringLiteral("/execution-context"));
    }

    void featureIdIsUrlEncoded()
    {
        const QString oddId = QStringLiteral("odd id/with?query#frag%é");
        QJsonObject context = QJsonDocument::fromJson(FakeCcdashServer::fixture(QStringLiteral("execution-context-r2-start-phase-1.json"))).object();
        m_server->setExecutionContext(oddId, context);
        const auto result = fetchContext(oddId);
        QVERIFY2(result && result->ok(), result ? qPrintable(result->error.message) : "no answer");
        QCOMPARE(m_server->requests().last().path,
                 QStringLiteral("/api/features/odd%20id%2Fwith%3Fquery%23frag%25%C3%A9/execution-context"));
    }

    void unknownFeatureIs404()
    {
        const auto result = fetchContext(QStringLiteral("no-such-feature"));
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::Http);
        QCOMPARE(result->error.httpStatus, 404);
        QVERIFY2(result->error.message.contains(QStringLiteral("Feature 'no-such-feature' not found")), qPrintable(result->error.message));
    }

    void emptyFeatureIdIsRefusedLocally()
    {
        const auto result = fetchContext(QString());
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::Refused);
        QVERIFY(m_server->requests().isEmpty());
    }

    void switchActiveProject()
    {
        m_client->setProjectId(QStringLiteral("skillmeat"));
        QSignalSpy mismatch(m_client.get(), &CcdashClient::activeProjectMismatchChanged);
        QVERIFY(fetchProjects()->ok());
        QVERIFY(m_client->activeProjectDiffers()); // the user picked skillmeat, CCDash serves ccdash
        QCOMPARE(mismatch.size(), 1);
        QCOMPARE(mismatch.at(0).at(0).toBool(), true);

        const auto switched = await<Project>([&](QObject *ctx, auto done) {
            m_client->switchActiveProject(QStringLiteral("skillmeat"), ctx, done);
        });
        QVERIFY(switched && switched->ok());
        QCOMPARE(switched->value->id, QStringLiteral("skillmeat"));
        QVERIFY(switched->value->isActive);
        QCOMPARE(m_server->activeProjectId(), QStringLiteral("skillmeat"));
        QCOMPARE(m_client->serverActiveProjectId(), QStringLiteral("skillmeat"));
        QVERIFY(!m_client->activeProjectDiffers());
        QCOMPARE(mismatch.size(), 2);
        QCOMPARE(mismatch.at(1).at(0).toBool(), false);
        const RecordedRequest post = m_server->requests().last();
        QCOMPARE(post.method, QByteArray("POST"));
        QCOMPARE(post.path, QStringLiteral("/api/projects/active/skillmeat"));
    }

    void switchToUnknownProjectFails()
    {
        const auto switched = await<Project>([&](QObject *ctx, auto done) {
            m_client->switchActiveProject(QStringLiteral("nope"), ctx, done);
        });
        QVERIFY(switched && !switched->ok());
        QCOMPARE(switched->error.httpStatus, 404);
        QVERIFY(switched->error.message.contains(QStringLiteral("Project 'nope' not found")));
        QCOMPARE(m_server->activeProjectId(), QStringLiteral("ccdash"));
    }

    // --- headers --------------------------------------------------------------------------

    void headers_data()
    {
        QTest::addColumn<QString>("projectId");
        QTest::addColumn<QString>("token");
        QTest::newRow("nothing configured") << QString() << QString();
        QTest::newRow("project only") << QStringLiteral("ccdash") << QString();
        QTest::newRow("project and token") << QStringLiteral("skillmeat") << kToken;
        QTest::newRow("token only") << QString() << kToken;
    }
    void headers()
    {
        QFETCH(QString, projectId);
        QFETCH(QString, token);
        m_client->setProjectId(projectId);
        m_client->setToken(token);

        QVERIFY(await<Health>([&](QObject *ctx, auto done) { m_client->fetchHealth(ctx, done); })->ok());
        QVERIFY(fetchProjects()->ok());
        QVERIFY(fetchFeaturePage()->ok());
        QVERIFY(fetchContext(kFeatureR2)->ok());
        QVERIFY(await<Project>([&](QObject *ctx, auto done) { m_client->switchActiveProject(QStringLiteral("ccdash"), ctx, done); })->ok());
        QVERIFY(m_client->sendExecutionEvent({QStringLiteral("execution_workbench_opened"), {}, {}, {}, {}}));
        QTRY_COMPARE(m_server->requests().size(), 6);

        for (qsizetype i = 0; i < m_server->requests().size(); ++i) {
            const RecordedRequest request = m_server->requests().at(i);
            // Without a picked project, CCDash's active one is used once the project list showed it.
            const QByteArray scope = !projectId.isEmpty() ? projectId.toUtf8() : i >= 2 ? QByteArray("ccdash") : QByteArray();
            QCOMPARE(request.hasHeader("X-CCDash-Project-Id"), !scope.isEmpty());
            QCOMPARE(request.header("X-CCDash-Project-Id"), scope);
            QCOMPARE(request.hasHeader("Authorization"), !token.isEmpty());
            if (!token.isEmpty())
                QCOMPARE(request.header("Authorization"), "Bearer " + token.toUtf8());
            QCOMPARE(request.header("Accept"), QByteArray("application/json"));
            if (request.method == "POST")
                QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        }
    }

    void requiredTokenIsAccepted()
    {
        m_server->setRequiredToken(kToken);
        m_client->setToken(kToken);
        QVERIFY(fetchProjects()->ok());
        m_client->setToken(QStringLiteral("wrong"));
        const auto wrong = fetchProjects();
        QCOMPARE(wrong->error.httpStatus, 403);
        QVERIFY(wrong->error.message.contains(QStringLiteral("Bearer token rejected")));
        m_client->setToken(QString());
        const auto missing = fetchProjects();
        QCOMPARE(missing->error.httpStatus, 401);
        QVERIFY(missing->error.message.contains(QStringLiteral("Bearer token required")));
        QVERIFY(missing->error.message.contains(QStringLiteral("CCDASH_API_TOKEN")));
    }

    void insecureTokenTransport_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("insecure");
        QTest::newRow("remote http with token") << QStringLiteral("http://ccdash.example.com:8000") << kToken << true;
        QTest::newRow("LAN address with token") << QStringLiteral("http://192.168.1.20:8000") << kToken << true;
        QTest::newRow("remote https with token") << QStringLiteral("https://ccdash.example.com") << kToken << false;
        QTest::newRow("loopback http with token") << QStringLiteral("http://127.0.0.1:8000") << kToken << false;
        QTest::newRow("localhost http with token") << QStringLiteral("http://localhost:8000") << kToken << false;
        QTest::newRow("ipv6 loopback with token") << QStringLiteral("http://[::1]:8000") << kToken << false;
        QTest::newRow("remote http without token") << QStringLiteral("http://ccdash.example.com:8000") << QString() << false;
    }
    void insecureTokenTransport()
    {
        QFETCH(QString, url);
        QFETCH(QString, token);
        QFETCH(bool, insecure);
        CcdashClient client;
        QSignalSpy changed(&client, &CcdashClient::insecureTokenTransportChanged);
        client.setBaseUrl(QUrl(url));
        client.setToken(token);
        QCOMPARE(client.insecureTokenTransport(), insecure);
        QCOMPARE(changed.size(), insecure ? 1 : 0);
        if (insecure)
            QCOMPARE(changed.at(0).at(0).toBool(), true);
    }

    // --- error paths ----------------------------------------------------------------------

    void misbehavingServer_data()
    {
        QTest::addColumn<Misbehaviour>("misbehaviour");
        QTest::addColumn<QString>("endpoint"); // features | projects | context
        QTest::addColumn<ClientError::Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("requests");
        using K = ClientError::Kind;
        QTest::newRow("500 plain text") << Misbehaviour::InternalError << "features" << K::Http << 500 << "HTTP 500: Internal Server Error" << 1;
        QTest::newRow("401 object detail") << Misbehaviour::Unauthorized << "projects" << K::Http << 401 << "unauthorized (permission_not_granted): No principal for this request.: action execution:read on project:ccdash" << 1;
        QTest::newRow("403 string detail") << Misbehaviour::Forbidden << "context" << K::Http << 403 << "HTTP 403: Bearer token rejected for API request." << 1;
        QTest::newRow("422 list detail") << Misbehaviour::ValidationError << "features" << K::Http << 422 << "query.limit: Input should be greater than or equal to 1" << 1;
        QTest::newRow("404") << Misbehaviour::NotFound << "context" << K::Http << 404 << "not found" << 1;
        QTest::newRow("not JSON") << Misbehaviour::Garbage << "features" << K::InvalidResponse << 200 << "not valid JSON" << 1;
        QTest::newRow("wrong shape, features") << Misbehaviour::WrongShape << "features" << K::InvalidResponse << 200 << "items[0].name: expected a string but got a number" << 1;
        QTest::newRow("wrong shape, projects") << Misbehaviour::WrongShape << "projects" << K::InvalidResponse << 200 << "expected a JSON array of projects but got an object" << 1;
        QTest::newRow("wrong shape, context") << Misbehaviour::WrongShape << "context" << K::InvalidResponse << 200 << "recommendations.primary.command: expected a string but got an array" << 1;
        QTest::newRow("truncated body") << Misbehaviour::Truncated << "context" << K::Network << 0 << "failed during GET" << 1;
        QTest::newRow("connection dropped") << Misbehaviour::CloseConnection << "projects" << K::Network << 0 << "failed during GET" << 2;
        QTest::newRow("redirect to another host") << Misbehaviour::RedirectOtherHost << "features" << K::RedirectRefused << 0 << "to another server (http://ccdash-elsewhere.invalid:8000/api/features)" << 1;
    }
    void misbehavingServer()
    {
        QFETCH(Misbehaviour, misbehaviour);
        QFETCH(QString, endpoint);
        QFETCH(ClientError::Kind, kind);
        QFETCH(int, status);
        QFETCH(QString, message);
        QFETCH(int, requests);
        m_server->misbehave(misbehaviour);

        ClientError error;
        if (endpoint == QLatin1String("features")) {
            const auto result = fetchFeaturePage();
            QVERIFY(result && !result->ok());
            error = result->error;
        } else if (endpoint == QLatin1String("projects")) {
            const auto result = fetchProjects();
            QVERIFY(result && !result->ok());
            error = result->error;
        } else {
            const auto result = fetchContext(kFeatureR2);
            QVERIFY(result && !result->ok());
            error = result->error;
        }
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.httpStatus, status);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY2(error.message.contains(m_server->baseUrl().toString()), qPrintable(error.message));
        // Nothing followed or retried by us (Qt itself retries an idempotent GET once when a
        // kept-alive connection drops without an answer).
        QCOMPARE(m_server->requests().size(), requests);
    }

    void sameOriginRedirectIsFollowed()
    {
        m_server->misbehave(Misbehaviour::RedirectSameOrigin);
        m_client->setProjectId(QStringLiteral("ccdash"));
        m_client->setToken(kToken);
        const auto result = fetchProjects();
        QVERIFY2(result && result->ok(), result ? qPrintable(result->error.message) : "no answer");
        QCOMPARE(m_server->requests().size(), 2);
        const RecordedRequest followed = m_server->requests().at(1);
        QCOMPARE(followed.query.queryItemValue(QStringLiteral("redirected")), QStringLiteral("1"));
        QCOMPARE(followed.header("X-CCDash-Project-Id"), QByteArray("ccdash"));
    }

    void hugeBodiesAreCut_data()
    {
        QTest::addColumn<Misbehaviour>("misbehaviour");
        QTest::addColumn<qint64>("cap");
        QTest::addColumn<qint64>("bodySize");
        QTest::newRow("declared, small cap") << Misbehaviour::Huge << qint64(1024 * 1024) << qint64(3 * 1024 * 1024);
        QTest::newRow("chunked, small cap") << Misbehaviour::HugeUndeclared << qint64(1024 * 1024) << qint64(3 * 1024 * 1024);
        QTest::newRow("declared, default cap") << Misbehaviour::Huge << ClientConfig::DefaultMaxResponseBytes << qint64(80) * 1024 * 1024;
        QTest::newRow("chunked, default cap") << Misbehaviour::HugeUndeclared << ClientConfig::DefaultMaxResponseBytes << qint64(80) * 1024 * 1024;
    }
    void hugeBodiesAreCut()
    {
        QFETCH(Misbehaviour, misbehaviour);
        QFETCH(qint64, cap);
        QFETCH(qint64, bodySize);
        m_server->setHugeBodyBytes(bodySize);
        m_server->misbehave(misbehaviour);
        m_client->setMaxResponseBytes(cap);
        const auto result = fetchFeaturePage();
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::TooLarge);
        QVERIFY2(result->error.message.contains(QStringLiteral("larger than the %1 MiB limit").arg(cap / (1024 * 1024))),
                 qPrintable(result->error.message));
    }

    void slowServerTimesOut()
    {
        m_server->setSlowDelay(5000);
        m_server->misbehave(Misbehaviour::Slow);
        m_client->setTransferTimeout(300);
        const auto result = fetchProjects();
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::Timeout);
        QVERIFY2(result->error.message.contains(QStringLiteral("did not answer GET /api/projects within 0.3 seconds")),
                 qPrintable(result->error.message));
    }

    void slowButInTimeSucceeds()
    {
        m_server->setSlowDelay(200);
        m_server->misbehave(Misbehaviour::Slow);
        const auto result = fetchProjects();
        QVERIFY(result && result->ok());
    }

    void connectionRefused()
    {
        const QUrl url = m_server->baseUrl();
        m_server->stop();
        const auto result = fetchProjects();
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::ConnectionRefused);
        QVERIFY(result->error.isUnreachable());
        QCOMPARE(result->error.message,
                 QStringLiteral("Cannot reach CCDash at %1: connection refused. Is CCDash running?").arg(url.toString()));
    }

    void dnsFailure()
    {
        m_client->setBaseUrl(QUrl(QStringLiteral("http://ccdash-workbench-test.invalid:8000")));
        const auto result = await<QList<Project>>([&](QObject *ctx, auto done) { m_client->fetchProjects(ctx, done); }, 60000);
        QVERIFY(result && !result->ok());
        // A resolver that cannot be reached at all times out instead; both mean "unreachable".
        QVERIFY2(result->error.kind == ClientError::Kind::HostNotFound || result->error.kind == ClientError::Kind::Timeout,
                 qPrintable(result->error.message));
        if (result->error.kind == ClientError::Kind::HostNotFound)
            QVERIFY(result->error.message.contains(QStringLiteral("host 'ccdash-workbench-test.invalid' not found")));
    }

    void tlsFailure()
    {
        // A server with a self-signed certificate: verification fails, nothing is sent in clear.
        FakeCcdashServer tlsServer;
        QVERIFY2(tlsServer.startTls(), qPrintable(tlsServer.errorString()));
        m_client->setBaseUrl(tlsServer.baseUrl());
        const auto result = fetchProjects();
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::Tls);
        QVERIFY2(result->error.message.startsWith(QStringLiteral("Secure connection to CCDash at https://127.0.0.1")),
                 qPrintable(result->error.message));
        QVERIFY2(result->error.message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
                 qPrintable(result->error.message));
        QVERIFY(tlsServer.requests().isEmpty());
    }

    void destroyedContextGetsNoCallback()
    {
        m_server->setSlowDelay(300);
        m_server->misbehave(Misbehaviour::Slow, QStringLiteral("/api/projects"));
        bool called = false;
        {
            QObject context;
            m_client->fetchProjects(&context, [&called](const Result<QList<Project>> &) { called = true; });
        }
        // A later request on the same client finishes after the slow one has answered.
        m_server->setSlowDelay(600);
        m_server->misbehave(Misbehaviour::Slow, QStringLiteral("/api/health"));
        const auto health = await<Health>([&](QObject *ctx, auto done) { m_client->fetchHealth(ctx, done); });
        QVERIFY(health && health->ok());
        QTRY_COMPARE(m_server->requests().size(), 2);
        QVERIFY(!called);
    }

    void syncHelper()
    {
        const Result<QList<Project>> result = waitFor<QList<Project>>(
            [&](QObject *ctx, CcdashClient::Callback<QList<Project>> done) { m_client->fetchProjects(ctx, done); });
        QVERIFY(result.ok());
        QCOMPARE(result.value->size(), 2);
        const Result<ExecutionContext> refused = waitFor<ExecutionContext>(
            [&](QObject *ctx, CcdashClient::Callback<ExecutionContext> done) { m_client->fetchExecutionContext({}, ctx, done); });
        QCOMPARE(refused.error.kind, ClientError::Kind::Refused);
    }

    // --- offline cache --------------------------------------------------------------------

    void offlineServesStaleDataWithAge()
    {
        m_client->setCache(openCache());
        m_client->setProjectId(QStringLiteral("ccdash"));
        const auto fresh = fetchProjects();
        QVERIFY(fresh && fresh->ok() && !fresh->stale);
        QVERIFY(fetchFeaturePage()->ok());
        QVERIFY(fetchContext(kFeatureR2)->ok());
        const QString contextKey = QStringLiteral("features/") + kFeatureR2 + QStringLiteral("/execution-context");
        ageCacheEntries({QStringLiteral("projects"), QStringLiteral("features?offset=0&limit=200"), contextKey},
                        QStringLiteral("ccdash"), 3600);

        m_server->stop();
        const auto projects = fetchProjects();
        QVERIFY(projects && projects->ok());
        QVERIFY(projects->stale);
        QCOMPARE(projects->error.kind, ClientError::Kind::ConnectionRefused);
        QCOMPARE(projects->value->size(), 2);
        QVERIFY(projects->ageSeconds() >= 3600);
        QVERIFY(projects->ageSeconds() < 3600 + 600);

        const auto features = fetchFeaturePage();
        QVERIFY(features && features->ok() && features->stale);
        QCOMPARE(features->value->items.size(), 4);
        const auto context = fetchContext(kFeatureR2);
        QVERIFY(context && context->ok() && context->stale);
        QCOMPARE(context->value->recommendations.primary.ruleId, QStringLiteral("R2_START_PHASE_1"));
        QVERIFY(context->ageSeconds() >= 3600);

        // Nothing cached for this one: a plain error.
        const auto other = fetchContext(QStringLiteral("dependency-aware-execution-and-family-views-v1"));
        QVERIFY(other && !other->ok());
        QVERIFY(!other->stale);

        // All pages of a paged fetch come from the cache too.
        const auto all = await<QList<Feature>>([&](QObject *ctx, auto done) { m_client->fetchAllFeatures(ctx, done); });
        QVERIFY(all && all->ok() && all->stale);
        QCOMPARE(all->value->size(), 4);
        QVERIFY(all->ageSeconds() >= 3600);
    }

    void cacheSurvivesRestart()
    {
        m_client->setCache(openCache(QStringLiteral("restart.db")));
        m_client->setProjectId(QStringLiteral("ccdash"));
        QVERIFY(fetchContext(kFeatureR2)->ok());
        m_server->stop();

        // A new client and a new connection to the same database file, as after a restart.
        m_client = std::make_unique<CcdashClient>(ClientConfig{m_server->baseUrl(), 2000, ClientConfig::DefaultMaxResponseBytes});
        m_client->setCache(openCache(QStringLiteral("restart.db")));
        m_client->setProjectId(QStringLiteral("ccdash"));
        const auto context = fetchContext(kFeatureR2);
        QVERIFY(context && context->ok() && context->stale);
        QCOMPARE(context->value->feature.id, kFeatureR2);
    }

    void cacheIsPerProject()
    {
        m_client->setCache(openCache());
        m_client->setProjectId(QStringLiteral("ccdash"));
        QVERIFY(fetchFeaturePage()->ok());
        m_server->stop();
        m_client->setProjectId(QStringLiteral("skillmeat"));
        const auto result = fetchFeaturePage();
        QVERIFY(result && !result->ok());
        QCOMPARE(result->error.kind, ClientError::Kind::ConnectionRefused);
        m_client->setProjectId(QStringLiteral("ccdash"));
        QVERIFY(fetchFeaturePage()->stale);
    }

    void serverErrorsDoNotServeStaleData()
    {
        m_client->setCache(openCache());
        QVERIFY(fetchProjects()->ok());
        m_server->misbehave(Misbehaviour::InternalError);
        const auto result = fetchProjects();
        QVERIFY(result && !result->ok()); // reachable but failing: say so, do not paper over it
        QCOMPARE(result->error.httpStatus, 500);
        m_server->behave();
        m_server->misbehave(Misbehaviour::Garbage);
        QVERIFY(!fetchProjects()->ok());
    }

    void badAnswersDoNotReplaceTheCache()
    {
        m_client->setCache(openCache());
        QVERIFY(fetchProjects()->ok());
        m_server->misbehave(Misbehaviour::WrongShape);
        QVERIFY(!fetchProjects()->ok());
        m_server->stop();
        const auto stale = fetchProjects();
        QVERIFY(stale && stale->ok() && stale->stale);
        QCOMPARE(stale->value->size(), 2);
    }

    void recoversWhenServerReturns()
    {
        m_client->setCache(openCache());
        QVERIFY(fetchProjects()->ok());
        const quint16 port = m_server->port();
        m_server->stop();
        QVERIFY(fetchProjects()->stale);
        QVERIFY2(m_server->start(port), qPrintable(m_server->errorString()));
        const auto fresh = fetchProjects();
        QVERIFY(fresh && fresh->ok());
        QVERIFY(!fresh->stale);
        QVERIFY(!fresh->error.isError());
    }

    // --- telemetry ------------------------------------------------------------------------

    void telemetrySendsEveryAcceptedType()
    {
        QSignalSpy finished(m_client.get(), &CcdashClient::executionEventFinished);
        const QStringList types = supportedExecutionEventTypes();
        QCOMPARE(types, FakeCcdashServer::acceptedEventTypes());
        for (const QString &type : types) {
            ExecutionEvent event{type, kFeatureR2, QStringLiteral("R2_START_PHASE_1"),
                                 QStringLiteral("/dev:execute-phase 1 plan.md"),
                                 QVariantMap{{QStringLiteral("confidence"), 0.92}}};
            QVERIFY(m_client->sendExecutionEvent(event));
        }
        QTRY_COMPARE(finished.size(), types.size());
        for (const QList<QVariant> &arguments : finished)
            QVERIFY2(arguments.at(1).toBool(), qPrintable(arguments.at(0).toString()));

        const QList<RecordedRequest> posts = m_server->requestsTo(QStringLiteral("/api/features/execution-events"));
        QCOMPARE(posts.size(), types.size());
        QStringList sentTypes;
        for (const RecordedRequest &post : posts) {
            QCOMPARE(post.method, QByteArray("POST"));
            const QJsonObject body = QJsonDocument::fromJson(post.body).object();
            QCOMPARE(body.keys(), (QStringList{QStringLiteral("command"), QStringLiteral("eventType"), QStringLiteral("featureId"),
                                               QStringLiteral("metadata"), QStringLiteral("recommendationRuleId")}));
            QCOMPARE(body.value(QStringLiteral("featureId")).toString(), kFeatureR2);
            QCOMPARE(body.value(QStringLiteral("recommendationRuleId")).toString(), QStringLiteral("R2_START_PHASE_1"));
            QCOMPARE(body.value(QStringLiteral("command")).toString(), QStringLiteral("/dev:execute-phase 1 plan.md"));
            QCOMPARE(body.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("confidence")).toDouble(), 0.92);
            sentTypes << body.value(QStringLiteral("eventType")).toString();
        }
        sentTypes.sort();
        QStringList expected = types;
        expected.sort();
        QCOMPARE(sentTypes, expected);
    }

    void telemetryRefusesUnsupportedTypes_data()
    {
        QTest::addColumn<QString>("eventType");
        QTest::newRow("run lifecycle") << QStringLiteral("execution_run_started");
        QTest::newRow("wrong case") << QStringLiteral("Execution_Command_Copied");
        QTest::newRow("empty") << QString();
        QTest::newRow("padded") << QStringLiteral(" execution_command_copied");
    }
    void telemetryRefusesUnsupportedTypes()
    {
        QFETCH(QString, eventType);
        QSignalSpy finished(m_client.get(), &CcdashClient::executionEventFinished);
        QVERIFY(!m_client->sendExecutionEvent({eventType, {}, {}, {}, {}}));
        // A valid event sent afterwards is the first and only thing the server sees.
        QVERIFY(m_client->sendExecutionEvent({QStringLiteral("execution_command_copied"), {}, {}, {}, {}}));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("execution_command_copied"));
        QCOMPARE(m_server->requests().size(), 1);
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().at(0).body).object().value(QStringLiteral("eventType")).toString(),
                 QStringLiteral("execution_command_copied"));
    }

    void telemetryFailuresAreOnlyLogged()
    {
        g_logLines.clear();
        g_previousHandler = qInstallMessageHandler(captureMessages);
        QSignalSpy finished(m_client.get(), &CcdashClient::executionEventFinished);
        m_server->misbehave(Misbehaviour::InternalError);
        QVERIFY(m_client->sendExecutionEvent({QStringLiteral("execution_workbench_opened"), {}, {}, {}, {}}));
        m_server->stop();
        QVERIFY(m_client->sendExecutionEvent({QStringLiteral("execution_command_copied"), {}, {}, {}, {}}));
        QTRY_COMPARE(finished.size(), 2);
        qInstallMessageHandler(g_previousHandler);
        QVERIFY(!finished.at(0).at(1).toBool());
        QVERIFY(!finished.at(1).at(1).toBool());
        const QStringList telemetryLines = g_logLines.filter(QStringLiteral("ccdash.workbench.telemetry"));
        QCOMPARE(telemetryLines.size(), 2);
        QVERIFY(telemetryLines.at(0).contains(QStringLiteral("execution_workbench_opened was not delivered")));
    }

    // --- secrets --------------------------------------------------------------------------

    void tokenNeverReachesLogs()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("ccdash.*=true\nqt.network.*=true"));
        g_logLines.clear();
        g_previousHandler = qInstallMessageHandler(captureMessages);

        qputenv("CCDASH_API_TOKEN", kToken.toUtf8());
        TokenSource tokens;
        tokens.loadAndWait();
        qunsetenv("CCDASH_API_TOKEN");
        QCOMPARE(tokens.token(), kToken);
        QCOMPARE(tokens.origin(), TokenSource::Origin::Environment);
        m_client->setToken(tokens.token());
        m_client->setProjectId(QStringLiteral("ccdash"));
        m_client->setTransferTimeout(300);
        m_server->setRequiredToken(kToken);

        QVERIFY(fetchProjects()->ok());                                   // success
        QVERIFY(fetchContext(kFeatureR2)->ok());
        m_server->setRequiredToken(QStringLiteral("another"));
        QCOMPARE(fetchProjects()->error.httpStatus, 403);                   // rejected token
        m_server->setRequiredToken(QString());
        m_server->misbehave(Misbehaviour::Unauthorized);
        QCOMPARE(fetchProjects()->error.httpStatus, 401);
        m_server->behave();
        m_server->misbehave(Misbehaviour::RedirectOtherHost);
        QCOMPARE(fetchProjects()->error.kind, ClientError::Kind::RedirectRefused);
        m_server->behave();
        m_server->misbehave(Misbehaviour::Garbage);
        QCOMPARE(fetchProjects()->error.kind, ClientError::Kind::InvalidResponse);
        m_server->behave();
        m_server->setSlowDelay(3000);
        m_server->misbehave(Misbehaviour::Slow);
        QCOMPARE(fetchProjects()->error.kind, ClientError::Kind::Timeout);
        m_server->behave();
        QSignalSpy finished(m_client.get(), &CcdashClient::executionEventFinished);
        m_server->misbehave(Misbehaviour::Forbidden);
        QVERIFY(m_client->sendExecutionEvent({QStringLiteral("execution_command_copied"), {}, {}, kToken, {}}));
        QTRY_COMPARE(finished.size(), 1);
        m_client->setToken(kToken + QStringLiteral("\n")); // refused token: the warning must not echo it
        m_client->setToken(kToken);
        m_server->stop();
        QCOMPARE(fetchProjects()->error.kind, ClientError::Kind::ConnectionRefused);

        qInstallMessageHandler(g_previousHandler);
        QLoggingCategory::setFilterRules(QString());

        QVERIFY2(g_logLines.size() >= 6, "the error paths should have logged");
        QVERIFY2(!g_logLines.filter(QStringLiteral("GET /api/projects -> 200")).isEmpty(), "debug logging was not on");
        for (const QString &line : std::as_const(g_logLines))
            QVERIFY2(!line.contains(kToken), qPrintable(QStringLiteral("token leaked: ") + line));
        // Nor does it go anywhere near the settings.
        QSettings settings;
        for (const QString &key : settings.allKeys())
            QVERIFY(!settings.value(key).toString().contains(kToken));
    }

    void keychainLookupDegradesGracefully()
    {
        // No CCDASH_API_TOKEN: the keychain is asked. Without a secret service it must simply
        // report why and leave the client token-less, within the wait.
        QProcessEnvironment environment;
        TokenSource tokens;
        QSignalSpy loaded(&tokens, &TokenSource::loaded);
        tokens.loadAndWait(environment, 5000);
        QCOMPARE(loaded.size(), 1);
        if (tokens.origin() == TokenSource::Origin::None && !TokenSource::keychainCompiledIn())
            QVERIFY(tokens.keychainProblem().contains(QStringLiteral("CCDASH_API_TOKEN")));
        QVERIFY(tokens.origin() != TokenSource::Origin::Environment);
    }

    // --- configuration --------------------------------------------------------------------

    void baseUrlPrecedence_data()
    {
        QTest::addColumn<QString>("cli");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("source");
        QTest::newRow("default") << QString() << QString() << QString() << "http://127.0.0.1:8000" << "default";
        QTest::newRow("setting") << QString() << QString() << "http://10.0.0.5:9000" << "http://10.0.0.5:9000" << "settings";
        QTest::newRow("env beats setting") << QString() << "http://envhost:8000" << "http://10.0.0.5:9000" << "http://envhost:8000" << "CCDASH_URL";
        QTest::newRow("cli beats env") << "https://clihost" << "http://envhost:8000" << "http://x:1" << "https://clihost" << "--ccdash-url";
        QTest::newRow("trailing /api dropped") << "http://h:8000/api/" << QString() << QString() << "http://h:8000" << "--ccdash-url";
        QTest::newRow("sub path kept") << "http://h/ccdash/api" << QString() << QString() << "http://h/ccdash" << "--ccdash-url";
    }
    void baseUrlPrecedence()
    {
        QFETCH(QString, cli);
        QFETCH(QString, env);
        QFETCH(QString, setting);
        QFETCH(QString, expected);
        QFETCH(QString, source);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        if (!setting.isEmpty())
            settings.setValue(QLatin1String(SettingsUrlKey), setting);
        QProcessEnvironment environment;
        if (!env.isEmpty())
            environment.insert(QStringLiteral("CCDASH_URL"), env);
        const ResolvedBaseUrl resolved = resolveBaseUrl(cli, environment, settings);
        QVERIFY2(resolved.error.isEmpty(), qPrintable(resolved.error));
        QCOMPARE(resolved.url.toString(), expected);
        QCOMPARE(resolved.source, source);
    }

    void badBaseUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("ftp") << "ftp://h/" << "not an http:// or https:// URL";
        QTest::newRow("file") << "file:///tmp" << "not an http:// or https:// URL";
        QTest::newRow("credentials") << "http://user:pw@h:8000" << "must not contain a user name or password";
    }
    void badBaseUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        const ResolvedBaseUrl resolved = resolveBaseUrl(url, QProcessEnvironment(), settings);
        QVERIFY2(resolved.error.contains(message), qPrintable(resolved.error));
        QVERIFY(!resolved.error.contains(QStringLiteral(":pw@")));
    }

    void pathMapping()
    {
        QTemporaryDir dir;
        const QString settingsFile = dir.filePath(QStringLiteral("s.ini"));
        const QString local = dir.filePath(QStringLiteral("checkout"));
        QVERIFY(QDir().mkpath(local));
        {
            QSettings settings(settingsFile, QSettings::IniFormat);
            PathMapping mapping(&settings);
            // CCDash's root exists here: used as is.
            PathMapping::Resolution direct = mapping.resolve(QStringLiteral("ccdash"), local);
            QCOMPARE(direct.localPath, QDir::cleanPath(local));
            QVERIFY(!direct.needsMapping && !direct.fromMapping);
            // A path from another machine: ask the user.
            PathMapping::Resolution remote = mapping.resolve(QStringLiteral("team/ccdash"), QStringLiteral("/Users/miethe/dev/ccdash"));
            QVERIFY(remote.needsMapping);
            QVERIFY(remote.localPath.isEmpty());
            QCOMPARE(remote.remotePath, QStringLiteral("/Users/miethe/dev/ccdash"));
            mapping.setMappedPath(QStringLiteral("team/ccdash"), local);
        }
        QSettings settings(settingsFile, QSettings::IniFormat);
        PathMapping mapping(&settings); // remembered across instances
        PathMapping::Resolution mapped = mapping.resolve(QStringLiteral("team/ccdash"), QStringLiteral("/Users/miethe/dev/ccdash"));
        QCOMPARE(mapped.localPath, QDir::cleanPath(local));
        QVERIFY(mapped.fromMapping && !mapped.needsMapping);
        QVERIFY(mapping.resolve(QStringLiteral("team"), QStringLiteral("/Users/miethe/dev/ccdash")).needsMapping);
        // A mapping whose directory vanished asks again.
        QVERIFY(QDir(local).removeRecursively());
        QVERIFY(mapping.resolve(QStringLiteral("team/ccdash"), QStringLiteral("/Users/miethe/dev/ccdash")).needsMapping);
        mapping.clearMapping(QStringLiteral("team/ccdash"));
        QVERIFY(mapping.mappedPath(QStringLiteral("team/ccdash")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCcdashClient)
#include "tst_ccdashclient.moc"
