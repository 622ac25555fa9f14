// CCDash response parsing over the recorded fixtures, plus malformed bodies: every bad shape must
// give an error naming the field, never a crash and never a half-filled value.
#include "app/ccdash/ccdashparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace workbench::ccdash;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(WORKBENCH_TEST_FIXTURES_DIR "/ccdash/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(fixture(name)).object();
}

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

// Replaces the value at a dotted path ("items.0.tags.1") and returns the document.
QJsonValue replaced(const QJsonValue &root, QStringList path, const QJsonValue &value, bool remove = false)
{
    if (path.isEmpty())
        return value;
    const QString head = path.takeFirst();
    if (root.isArray()) {
        QJsonArray array = root.toArray();
        const int i = head.toInt();
        if (path.isEmpty() && remove)
            array.removeAt(i);
        else
            array[i] = replaced(array.at(i), path, value, remove);
        return array;
    }
    QJsonObject object = root.toObject();
    if (path.isEmpty() && remove)
        object.remove(head);
    else
        object.insert(head, replaced(object.value(head), path, value, remove));
    return object;
}

enum class Kind { Features, Context, Projects, Project, Paths, Health };

ParseError errorOf(Kind kind, const QByteArray &body, bool *ok)
{
    switch (kind) {
    case Kind::Features: { auto r = parseFeaturePage(body); *ok = r.ok(); return r.ok() ? ParseError{} : r.error(); }
    case Kind::Context: { auto r = parseExecutionContext(body); *ok = r.ok(); return r.ok() ? ParseError{} : r.error(); }
    case Kind::Projects: { auto r = parseProjects(body); *ok = r.ok(); return r.ok() ? ParseError{} : r.error(); }
    case Kind::Project: { auto r = parseProject(body); *ok = r.ok(); return r.ok() ? ParseError{} : r.error(); }
    case Kind::Paths: { auto r = parseProjectPaths(body); *ok = r.ok(); return r.ok() ? ParseError{} : r.error(); }
    case Kind::Health: { auto r = parseHealth(body); *ok = r.ok(); return r.ok() ? ParseError{} : r.error(); }
    }
    *ok = false;
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Kind)

class TestCcdashParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void featureList()
    {
        const Parsed<FeaturePage> page = parseFeaturePage(fixture(QStringLiteral("features-list.json")));
        QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().toString()));
        QCOMPARE(page.value().total, 4);
        QCOMPARE(page.value().offset, 0);
        QCOMPARE(page.value().limit, 200);
        QCOMPARE(page.value().items.size(), 4);
        const Feature &first = page.value().items.at(0);
        QCOMPARE(first.id, QStringLiteral("dependency-aware-execution-and-family-views-v1"));
        QCOMPARE(first.name, QStringLiteral("Dependency-Aware Execution and Family Views"));
        QCOMPARE(first.status, QStringLiteral("in-progress"));
        QCOMPARE(first.category, QStringLiteral("enhancements"));
        QCOMPARE(first.tags, (QStringList{QStringLiteral("execution"), QStringLiteral("dependencies"), QStringLiteral("family")}));
        QCOMPARE(first.totalTasks, 16);
        QCOMPARE(first.completedTasks, 7);
        QCOMPARE(first.phases.size(), 5);
        QCOMPARE(first.phases.at(0).phase, QStringLiteral("1"));
        QCOMPARE(first.phases.at(0).status, QStringLiteral("done"));
        QCOMPARE(first.linkedDocs.size(), 3);
        QVERIFY(first.executionGate.has_value());
        QCOMPARE(first.executionGate->state, QStringLiteral("ready"));
        QCOMPARE(first.familyPosition->display, QStringLiteral("1 of 1"));
        QCOMPARE(first.dependencyState->state, QStringLiteral("unblocked"));

        const Feature &blocked = page.value().items.at(3);
        QCOMPARE(blocked.id, QStringLiteral("feature-execution-workbench-phase-4-sdk-orchestration-v1"));
        QCOMPARE(blocked.executionGate->state, QStringLiteral("blocked_dependency"));
        QCOMPARE(blocked.familyPosition->display, QStringLiteral("4 of 4"));
    }

    void executionContexts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("featureId");
        QTest::addColumn<QString>("ruleId");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<QString>("commandStart");
        QTest::addColumn<int>("evidenceCount");
        QTest::addColumn<QString>("gate");
        QTest::addColumn<QString>("dependency");
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("recommendedFamilyItem");
        QTest::newRow("R1 plan from PRD, blocked")
            << QStringLiteral("execution-context-r1-plan-from-prd-blocked.json")
            << QStringLiteral("feature-execution-workbench-phase-4-sdk-orchestration-v1")
            << QStringLiteral("R1_PLAN_FROM_PRD_OR_REPORT") << 0.96 << QStringLiteral("/plan:plan-feature docs/") << 2
            << QStringLiteral("blocked_dependency") << QStringLiteral("blocked") << QStringLiteral("4 of 4")
            << QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");
        QTest::newRow("R2 start phase 1")
            << QStringLiteral("execution-context-r2-start-phase-1.json")
            << QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1")
            << QStringLiteral("R2_START_PHASE_1") << 0.92 << QStringLiteral("/dev:execute-phase 1 docs/") << 2
            << QStringLiteral("ready") << QStringLiteral("unblocked") << QStringLiteral("3 of 4") << QString();
        QTest::newRow("R3 advance phase")
            << QStringLiteral("execution-context-r3-advance-phase.json")
            << QStringLiteral("dependency-aware-execution-and-family-views-v1")
            << QStringLiteral("R3_ADVANCE_TO_NEXT_PHASE") << 0.9 << QStringLiteral("/dev:execute-phase 3 docs/") << 3
            << QStringLiteral("ready") << QStringLiteral("unblocked") << QStringLiteral("1 of 1") << QString();
    }
    void executionContexts()
    {
        QFETCH(QString, file);
        QFETCH(QString, featureId);
        QFETCH(QString, ruleId);
        QFETCH(double, confidence);
        QFETCH(QString, commandStart);
        QFETCH(int, evidenceCount);
        QFETCH(QString, gate);
        QFETCH(QString, dependency);
        QFETCH(QString, family);
        QFETCH(QString, recommendedFamilyItem);

        const Parsed<ExecutionContext> parsed = parseExecutionContext(fixture(file));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
        const ExecutionContext &context = parsed.value();
        QCOMPARE(context.feature.id, featureId);
        QCOMPARE(context.recommendations.primary.ruleId, ruleId);
        QCOMPARE(context.recommendations.primary.confidence, confidence);
        QVERIFY(context.recommendations.primary.command.startsWith(commandStart));
        QVERIFY(!context.recommendations.primary.explanation.isEmpty());
        QCOMPARE(context.recommendations.alternatives.size(), 1);
        QCOMPARE(context.recommendations.alternatives.at(0).ruleId, QStringLiteral("R6_FALLBACK_QUICK_FEATURE"));
        QCOMPARE(context.recommendations.evidence.size(), evidenceCount);
        QCOMPARE(context.recommendations.evidence.at(0).id, QStringLiteral("EV-1"));
        QCOMPARE(context.recommendations.evidence.at(0).sourceType, QStringLiteral("document"));
        QVERIFY(context.recommendations.evidence.at(0).sourcePath.endsWith(QStringLiteral(".md")));
        QCOMPARE(context.executionGate->state, gate);
        QCOMPARE(context.dependencyState->state, dependency);
        QCOMPARE(context.familyPosition->display, family);
        QCOMPARE(context.recommendedFamilyItem.has_value(), !recommendedFamilyItem.isEmpty());
        if (context.recommendedFamilyItem)
            QCOMPARE(context.recommendedFamilyItem->featureId, recommendedFamilyItem);
        QCOMPARE(context.warnings.size(), 1);
        QCOMPARE(context.warnings.at(0).section, QStringLiteral("stack"));
        QVERIFY(context.warnings.at(0).recoverable);
        QVERIFY(!context.generatedAt.isEmpty());

        // The CLI's JSON keeps CCDash's recommendation shape exactly.
        const QJsonObject original = fixtureObject(file).value(QStringLiteral("recommendations")).toObject();
        QCOMPARE(toJson(context.recommendations), original);
    }

    void blockedDependencyDetails()
    {
        const Parsed<ExecutionContext> parsed =
            parseExecutionContext(fixture(QStringLiteral("execution-context-r1-plan-from-prd-blocked.json")));
        QVERIFY(parsed.ok());
        const DependencyState &state = *parsed.value().dependencyState;
        QCOMPARE(state.blockingFeatureIds, QStringList{QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1")});
        QCOMPARE(state.dependencies.size(), 1);
        QCOMPARE(state.dependencies.at(0).dependencyStatus, QStringLiteral("backlog"));
        QVERIFY(!state.dependencies.at(0).resolved);
        QCOMPARE(parsed.value().executionGate->blockingDependencyId,
                 QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1"));
        QVERIFY(!parsed.value().executionGate->isReady);
    }

    void projects()
    {
        const Parsed<QList<Project>> projects = parseProjects(fixture(QStringLiteral("projects-list.json")));
        QVERIFY(projects.ok());
        QCOMPARE(projects.value().size(), 2);
        QCOMPARE(projects.value().at(0).id, QStringLiteral("ccdash"));
        QVERIFY(projects.value().at(0).isActive);
        QCOMPARE(projects.value().at(1).id, QStringLiteral("skillmeat"));
        QVERIFY(!projects.value().at(1).isActive);
        QCOMPARE(projects.value().at(1).path, QStringLiteral("/Users/miethe/dev/skillmeat"));

        const Parsed<Project> active = parseProject(fixture(QStringLiteral("project-active.json")));
        QVERIFY(active.ok());
        QCOMPARE(active.value().id, QStringLiteral("ccdash"));
        QCOMPARE(active.value().name, QStringLiteral("CCDash"));
        QCOMPARE(active.value().path, QStringLiteral("/Users/miethe/dev/ccdash"));
        QVERIFY(active.value().isActive);

        const Parsed<ProjectPaths> paths = parseProjectPaths(fixture(QStringLiteral("project-active-paths.json")));
        QVERIFY(paths.ok());
        QCOMPARE(paths.value().projectId, QStringLiteral("ccdash"));
        QCOMPARE(paths.value().root.path, QStringLiteral("/Users/miethe/dev/ccdash"));
        QCOMPARE(paths.value().root.sourceKind, QStringLiteral("filesystem"));
        QCOMPARE(paths.value().planDocs.path, QStringLiteral("/Users/miethe/dev/ccdash/docs/project_plans"));
    }

    void unknownFieldsAreIgnored()
    {
        QJsonObject page = fixtureObject(QStringLiteral("features-list.json"));
        page.insert(QStringLiteral("nextCursor"), QStringLiteral("abc"));
        page = replaced(page, {QStringLiteral("items"), QStringLiteral("0"), QStringLiteral("brandNewField")},
                        QJsonObject{{QStringLiteral("x"), 1}}).toObject();
        const Parsed<FeaturePage> parsed = parseFeaturePage(compact(page));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value().items.size(), 4);
    }

    void nullableFieldsMayBeNull()
    {
        QJsonValue page = fixtureObject(QStringLiteral("features-list.json"));
        for (const char *key : {"dependencyState", "familyPosition", "executionGate", "tags", "phases"})
            page = replaced(page, {QStringLiteral("items"), QStringLiteral("0"), QLatin1String(key)}, QJsonValue::Null);
        const Parsed<FeaturePage> parsed = parseFeaturePage(compact(page));
        QVERIFY(parsed.ok());
        const Feature &feature = parsed.value().items.at(0);
        QVERIFY(!feature.dependencyState && !feature.familyPosition && !feature.executionGate);
        QVERIFY(feature.tags.isEmpty() && feature.phases.isEmpty());
    }

    void malformed_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");

        const QJsonObject features = fixtureObject(QStringLiteral("features-list.json"));
        const QJsonObject context = fixtureObject(QStringLiteral("execution-context-r2-start-phase-1.json"));
        const QJsonArray projects = QJsonDocument::fromJson(fixture(QStringLiteral("projects-list.json"))).array();
        const QJsonObject paths = fixtureObject(QStringLiteral("project-active-paths.json"));
        const auto set = [](const QJsonValue &root, const QString &path, const QJsonValue &value) {
            return compact(replaced(root, path.split(QLatin1Char('.')), value));
        };
        const auto drop = [](const QJsonValue &root, const QString &path) {
            return compact(replaced(root, path.split(QLatin1Char('.')), {}, true));
        };

        QTest::newRow("empty body") << Kind::Features << QByteArray() << QString() << QStringLiteral("empty");
        QTest::newRow("whitespace body") << Kind::Context << QByteArray(" \n ") << QString() << QStringLiteral("empty");
        QTest::newRow("html") << Kind::Features << QByteArray("<html>502 Bad Gateway</html>") << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("truncated json") << Kind::Context << fixture(QStringLiteral("execution-context-r2-start-phase-1.json")).left(5000)
                                        << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("array for object") << Kind::Features << QByteArray("[1,2]") << QString() << QStringLiteral("expected a JSON object");
        QTest::newRow("scalar for object") << Kind::Health << QByteArray("42") << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("items missing") << Kind::Features << drop(features, QStringLiteral("items")) << QStringLiteral("items") << QStringLiteral("is required");
        QTest::newRow("items not array") << Kind::Features << set(features, QStringLiteral("items"), QStringLiteral("x")) << QStringLiteral("items") << QStringLiteral("expected an array but got a string");
        QTest::newRow("item not object") << Kind::Features << set(features, QStringLiteral("items.2"), 7) << QStringLiteral("items[2]") << QStringLiteral("expected an object but got a number");
        QTest::newRow("id missing") << Kind::Features << drop(features, QStringLiteral("items.1.id")) << QStringLiteral("items[1].id") << QStringLiteral("is required");
        QTest::newRow("id empty") << Kind::Features << set(features, QStringLiteral("items.1.id"), QString()) << QStringLiteral("items[1].id") << QStringLiteral("must not be empty");
        QTest::newRow("id number") << Kind::Features << set(features, QStringLiteral("items.0.id"), 5) << QStringLiteral("items[0].id") << QStringLiteral("expected a string but got a number");
        QTest::newRow("tag number") << Kind::Features << set(features, QStringLiteral("items.0.tags.1"), 3) << QStringLiteral("items[0].tags[1]") << QStringLiteral("expected a string but got a number");
        QTest::newRow("fractional count") << Kind::Features << set(features, QStringLiteral("items.3.totalTasks"), 1.5) << QStringLiteral("items[3].totalTasks") << QStringLiteral("expected an integer");
        QTest::newRow("huge count") << Kind::Features << set(features, QStringLiteral("items.3.totalTasks"), 1e300) << QStringLiteral("items[3].totalTasks") << QStringLiteral("expected an integer");
        QTest::newRow("total as string") << Kind::Features << set(features, QStringLiteral("total"), QStringLiteral("4")) << QStringLiteral("total") << QStringLiteral("expected a number but got a string");
        QTest::newRow("negative total") << Kind::Features << set(features, QStringLiteral("total"), -1) << QString() << QStringLiteral("negative");
        QTest::newRow("gate is array") << Kind::Features << set(features, QStringLiteral("items.0.executionGate"), QJsonArray{}) << QStringLiteral("items[0].executionGate") << QStringLiteral("expected an object but got an array");
        QTest::newRow("phase progress bool") << Kind::Features << set(features, QStringLiteral("items.0.phases.2.progress"), true) << QStringLiteral("items[0].phases[2].progress") << QStringLiteral("expected a number but got a boolean");
        QTest::newRow("no recommendations") << Kind::Context << drop(context, QStringLiteral("recommendations")) << QStringLiteral("recommendations") << QStringLiteral("is required");
        QTest::newRow("no primary") << Kind::Context << set(context, QStringLiteral("recommendations.primary"), QJsonValue::Null) << QStringLiteral("recommendations.primary") << QStringLiteral("is required");
        QTest::newRow("command array") << Kind::Context << set(context, QStringLiteral("recommendations.primary.command"), QJsonArray{QStringLiteral("rm")}) << QStringLiteral("recommendations.primary.command") << QStringLiteral("expected a string but got an array");
        QTest::newRow("command empty") << Kind::Context << set(context, QStringLiteral("recommendations.primary.command"), QString()) << QStringLiteral("recommendations.primary.command") << QStringLiteral("must not be empty");
        QTest::newRow("confidence string") << Kind::Context << set(context, QStringLiteral("recommendations.alternatives.0.confidence"), QStringLiteral("high")) << QStringLiteral("recommendations.alternatives[0].confidence") << QStringLiteral("expected a number");
        QTest::newRow("evidence ref number") << Kind::Context << set(context, QStringLiteral("recommendations.primary.evidenceRefs.1"), 1) << QStringLiteral("recommendations.primary.evidenceRefs[1]") << QStringLiteral("expected a string");
        QTest::newRow("evidence not array") << Kind::Context << set(context, QStringLiteral("recommendations.evidence"), QJsonObject{}) << QStringLiteral("recommendations.evidence") << QStringLiteral("expected an array but got an object");
        QTest::newRow("warning without message") << Kind::Context << drop(context, QStringLiteral("warnings.0.message")) << QStringLiteral("warnings[0].message") << QStringLiteral("is required");
        QTest::newRow("recoverable string") << Kind::Context << set(context, QStringLiteral("warnings.0.recoverable"), QStringLiteral("yes")) << QStringLiteral("warnings[0].recoverable") << QStringLiteral("expected a boolean");
        QTest::newRow("feature name null") << Kind::Context << set(context, QStringLiteral("feature.name"), QJsonValue::Null) << QStringLiteral("feature.name") << QStringLiteral("is required");
        QTest::newRow("dependency count string") << Kind::Context << set(context, QStringLiteral("dependencyState.dependencyCount"), QStringLiteral("0")) << QStringLiteral("dependencyState.dependencyCount") << QStringLiteral("expected a number");
        QTest::newRow("projects object") << Kind::Projects << compact(QJsonObject{{QStringLiteral("projects"), projects}}) << QString() << QStringLiteral("expected a JSON array of projects but got an object");
        QTest::newRow("project active string") << Kind::Projects << set(projects, QStringLiteral("1.is_active"), QStringLiteral("true")) << QStringLiteral("[1].is_active") << QStringLiteral("expected a boolean but got a string");
        QTest::newRow("project element null") << Kind::Projects << set(projects, QStringLiteral("0"), QJsonValue::Null) << QStringLiteral("[0]") << QStringLiteral("expected an object but got null");
        QTest::newRow("project id missing") << Kind::Project << drop(fixtureObject(QStringLiteral("project-active.json")), QStringLiteral("id")) << QStringLiteral("id") << QStringLiteral("is required");
        QTest::newRow("paths root missing") << Kind::Paths << drop(paths, QStringLiteral("root")) << QStringLiteral("root") << QStringLiteral("is required");
        QTest::newRow("paths root path number") << Kind::Paths << set(paths, QStringLiteral("root.path"), 1) << QStringLiteral("root.path") << QStringLiteral("expected a string");
        QTest::newRow("health status missing") << Kind::Health << QByteArray("{\"db\":\"connected\"}") << QStringLiteral("status") << QStringLiteral("is required");
        QTest::newRow("deep nesting") << Kind::Features << (QByteArray(5000, '[') + QByteArray(5000, ']')) << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("invalid utf8 in string") << Kind::Health << QByteArray("{\"status\":\"\xff\xfe\"}") << QString() << QStringLiteral("not valid JSON");
    }
    void malformed()
    {
        QFETCH(Kind, kind);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        QFETCH(QString, message);
        bool ok = true;
        const ParseError error = errorOf(kind, body, &ok);
        QVERIFY2(!ok, "malformed input was accepted");
        QCOMPARE(error.field, field);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY(error.toString().startsWith(field));
    }

    // Deterministic mutations of every fixture: parsing must end in a value or an error, never a crash.
    void mutatedFixturesNeverCrash_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("file");
        QTest::newRow("features") << Kind::Features << QStringLiteral("features-list.json");
        QTest::newRow("r1") << Kind::Context << QStringLiteral("execution-context-r1-plan-from-prd-blocked.json");
        QTest::newRow("r2") << Kind::Context << QStringLiteral("execution-context-r2-start-phase-1.json");
        QTest::newRow("r3") << Kind::Context << QStringLiteral("execution-context-r3-advance-phase.json");
        QTest::newRow("projects") << Kind::Projects << QStringLiteral("projects-list.json");
        QTest::newRow("project") << Kind::Project << QStringLiteral("project-active.json");
        QTest::newRow("paths") << Kind::Paths << QStringLiteral("project-active-paths.json");
    }
    void mutatedFixturesNeverCrash()
    {
        QFETCH(Kind, kind);
        QFETCH(QString, file);
        const QByteArray original = fixture(file);
        QRandomGenerator random(20261124);
        int rejected = 0;
        for (int round = 0; round < 300; ++round) {
            QByteArray body = original;
            switch (round % 3) {
            case 0: body.truncate(random.bounded(int(body.size()))); break;
            case 1: body[random.bounded(int(body.size()))] = char(random.bounded(256)); break;
            case 2: { // swap a token for another JSON type
                const qsizetype at = body.indexOf(':', random.bounded(int(body.size())));
                if (at > 0)
                    body.insert(at + 1, random.bounded(2) ? QByteArray("[],") : QByteArray("{\"a\":null},"));
                break;
            }
            }
            bool ok = true;
            const ParseError error = errorOf(kind, body, &ok);
            if (!ok) {
                ++rejected;
                QVERIFY2(!error.message.isEmpty(), "an error without a message");
            }
        }
        QVERIFY(rejected > 0); // the mutations did reach the error paths
    }

    void errorDetail_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("string detail") << QByteArray(R"({"detail":"Feature 'x' not found"})") << QStringLiteral("Feature 'x' not found");
        QTest::newRow("422 list") << QByteArray(R"({"detail":[{"type":"missing","loc":["body","command"],"msg":"Field required","input":{}}]})")
                                  << QStringLiteral("body.command: Field required");
        QTest::newRow("422 two problems") << QByteArray(R"({"detail":[{"loc":["query","limit"],"msg":"too big"},{"loc":["query",0],"msg":"bad"}]})")
                                          << QStringLiteral("query.limit: too big; query.0: bad");
        QTest::newRow("authorization object")
            << QByteArray(R"({"detail":{"error":"forbidden","code":"permission_not_granted","reason":"Denied by policy.","action":"execution.run:create","resource":"project:project-1"}})")
            << QStringLiteral("forbidden (permission_not_granted): Denied by policy.: action execution.run:create on project:project-1");
        QTest::newRow("launch disabled")
            << QByteArray(R"({"detail":{"error":"launch_disabled","message":"Plan-driven launch preparation is disabled.","hint":"Set CCDASH_LAUNCH_PREP_ENABLED=true to enable."}})")
            << QStringLiteral("launch_disabled: Plan-driven launch preparation is disabled.: Set CCDASH_LAUNCH_PREP_ENABLED=true to enable.");
        QTest::newRow("plain text") << QByteArray("Internal Server Error") << QStringLiteral("Internal Server Error");
        QTest::newRow("json without detail") << QByteArray(R"({"error":"x"})") << QStringLiteral(R"({"error":"x"})");
        QTest::newRow("multi-line html") << QByteArray("<html>\n<body>Bad\n gateway</body>\n</html>") << QStringLiteral("<html> <body>Bad gateway</body> </html>");
    }
    void errorDetail()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(errorDetailText(body), expected);
    }

    void errorDetailIsShortened()
    {
        const QString text = errorDetailText(QByteArray(100000, 'x'));
        QVERIFY(text.size() <= 301);
        QVERIFY(text.endsWith(QChar(0x2026)));
    }

    void search_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expectedIds");
        const QString dae = QStringLiteral("dependency-aware-execution-and-family-views-v1");
        const QString p2 = QStringLiteral("feature-execution-workbench-phase-2-local-terminal-v1");
        const QString p3 = QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");
        const QString p4 = QStringLiteral("feature-execution-workbench-phase-4-sdk-orchestration-v1");
        QTest::newRow("empty matches all") << QString() << QStringList{dae, p2, p3, p4};
        QTest::newRow("by id") << QStringLiteral("phase-3") << QStringList{p3};
        QTest::newRow("by name, any case") << QStringLiteral("sdk ORCHESTRATION") << QStringList{p4};
        QTest::newRow("by tag") << QStringLiteral("terminal") << QStringList{p2};
        QTest::newRow("by tag 2") << QStringLiteral("connectors") << QStringList{p3};
        QTest::newRow("by category") << QStringLiteral("ENHANCE") << QStringList{dae, p2, p3, p4};
        QTest::newRow("trimmed") << QStringLiteral("  family ") << QStringList{dae};
        QTest::newRow("no match") << QStringLiteral("kubernetes") << QStringList{};
    }
    void search()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, expectedIds);
        const Parsed<FeaturePage> page = parseFeaturePage(fixture(QStringLiteral("features-list.json")));
        QVERIFY(page.ok());
        QStringList ids;
        for (const Feature &feature : filterFeatures(page.value().items, search))
            ids << feature.id;
        QCOMPARE(ids, expectedIds);
    }

    void eventTypes()
    {
        QCOMPARE(supportedExecutionEventTypes().size(), 8);
        QVERIFY(isSupportedExecutionEventType(QStringLiteral("execution_command_copied")));
        QVERIFY(!isSupportedExecutionEventType(QStringLiteral("execution_run_started")));
        QVERIFY(!isSupportedExecutionEventType(QStringLiteral("EXECUTION_COMMAND_COPIED")));
        QVERIFY(!isSupportedExecutionEventType(QString()));
    }
};

QTEST_GUILESS_MAIN(TestCcdashParser)
#include "tst_ccdashparser.moc"
