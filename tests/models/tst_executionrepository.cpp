// ExecutionRepository and the schema against SQLite and a real PostgreSQL 15 (same code, dialect as
// a data column). PostgreSQL rows skip without the fixture's server, and fail instead when CI is set.
#include "models/ccdashcacherepository.h"
#include "models/database.h"
#include "models/executionrepository.h"
#include "models/migrations.h"
#include "tests/models/storetestsupport.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTimeZone>
#include <QSqlRecord>
#include <QTcpServer>
#include <QThread>
#include <QtTest>
#include <algorithm>
#include <map>
#include <sys/stat.h>

using namespace workbench::models;
using namespace workbench::test;

namespace {

ExecutionRun sampleRun(const QString &project = QStringLiteral("ccdash"), const QString &feature = QStringLiteral("feat-1"))
{
    ExecutionRun run;
    run.projectId = project;
    run.featureId = feature;
    run.sourceCommand = QStringLiteral("echo execution-ok");
    run.normalizedCommand = QStringLiteral("echo execution-ok");
    run.cwd = QStringLiteral("/tmp/work");
    run.recommendationRuleId = QStringLiteral("R2_START_PHASE_1");
    run.riskLevel = QStringLiteral("low");
    run.metadata = QJsonObject{{QStringLiteral("launchedFrom"), QStringLiteral("workbench")}};
    return run;
}

const QStringList ccdashTables = {QStringLiteral("execution_runs"), QStringLiteral("execution_run_events"),
                                  QStringLiteral("execution_approvals")};

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

constexpr int RunHistoryPageSizeForPlans = 200;

// 600 runs over three projects, seven features and three statuses, one second apart, ids from a
// counter (so a keyset bound in the middle is easy to name), and 2,000 events of run 300.
QString planRunId(int i)
{
    return QStringLiteral("%1").arg(i, 32, 16, QLatin1Char('0'));
}

void fillForPlans(Database &db)
{
    // Plain inserts in one transaction: only the rows matter here, and this runs once per dialect.
    const QStringList projects = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
    const QDateTime start(QDate(2026, 11, 23), QTime(10, 0), QTimeZone::utc());
    QVERIFY(db.writeTransaction([&]() -> StoreResult<void> {
        for (int i = 0; i < 600; ++i) {
            const QString createdAt = isoTimestamp(start.addSecs(i));
            const QString status = i % 5 == 0 ? QStringLiteral("failed") : (i % 11 == 0 ? QStringLiteral("canceled")
                                                                                      : QStringLiteral("succeeded"));
            const StoreResult<QSqlQuery> inserted = db.exec(
                QStringLiteral("INSERT INTO execution_runs (id, project_id, feature_id, source_command, normalized_command, "
                               "cwd, recommendation_rule_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {planRunId(i), projects.at(i % 3), QStringLiteral("feat-%1").arg(i % 7),
                 i % 4 ? QStringLiteral("pytest -q") : QStringLiteral("make test"), QStringLiteral("echo execution-ok"),
                 QStringLiteral("/tmp/work"), QStringLiteral("R2_START_PHASE_1"), status, createdAt, createdAt});
            if (!inserted)
                return inserted.error();
        }
        return {};
    }));
    ExecutionRepository repository(db);
    repository.setAuditChaining(false);
    QList<RunEvent> events;
    for (int i = 0; i < 2000; ++i)
        events << outputEvent(planRunId(300), QStringLiteral("line"));
    const StoreResult<QList<RunEvent>> stored = repository.appendRunEvents(events);
    QVERIFY2(stored, qPrintable(stored.errorMessage()));
    if (db.dialect() == Dialect::Postgres) {
        // As autovacuum would; then rule out what a planner does on a table this small anyway (a
        // sequential scan plus a top-N sort): the question is whether an index CAN serve the query.
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("ANALYZE")));
        QVERIFY(query.exec(QStringLiteral("SET enable_seqscan = off")));
        QVERIFY(query.exec(QStringLiteral("SET enable_sort = off")));
    }
    // SQLite gets no ANALYZE: the application never runs one, so the plan here is the plan users get.
}

// The statement with its values written in as literals: PostgreSQL cannot PREPARE an EXPLAIN.
QString withLiterals(const BoundStatement &statement)
{
    QString sql;
    qsizetype next = 0;
    bool inQuote = false;
    for (const QChar c : statement.sql) {
        if (c == QLatin1Char('\''))
            inQuote = !inQuote;
        if (c != QLatin1Char('?') || inQuote) {
            sql += c;
            continue;
        }
        const QVariant value = statement.values.value(next++);
        if (value.typeId() == QMetaType::QString)
            sql += QLatin1Char('\'') + value.toString().replace(QLatin1Char('\''), QLatin1String("''")) + QLatin1Char('\'');
        else
            sql += QString::number(value.toLongLong());
    }
    return sql;
}

QStringList queryPlan(Database &db, const BoundStatement &statement)
{
    const bool sqlite = db.dialect() == Dialect::Sqlite;
    QSqlQuery query(db.connection());
    if (!query.exec((sqlite ? QStringLiteral("EXPLAIN QUERY PLAN ") : QStringLiteral("EXPLAIN ")) + withLiterals(statement)))
        return {QStringLiteral("EXPLAIN failed: ") + query.lastError().text()};
    QStringList lines;
    while (query.next())
        lines << query.value(sqlite ? 3 : 0).toString(); // SQLite: (id, parent, notused, detail)
    return lines;
}

QStringList indexesInPlan(const QStringList &plan, Dialect dialect)
{
    static const QRegularExpression sqliteIndex(QStringLiteral("USING (?:COVERING )?INDEX (\\w+)"));
    static const QRegularExpression postgresIndex(QStringLiteral("Index (?:Only )?Scan(?: Backward)? using (\\w+)|Bitmap Index Scan on (\\w+)"));
    QStringList names;
    for (const QString &line : plan) {
        const QRegularExpressionMatch match = (dialect == Dialect::Sqlite ? sqliteIndex : postgresIndex).match(line);
        if (match.hasMatch()) {
            const QString name = match.captured(1).isEmpty() ? match.captured(2) : match.captured(1);
            if (!names.contains(name))
                names << name;
        }
    }
    return names;
}

bool readsWholeTable(const QStringList &plan, Dialect dialect)
{
    for (const QString &line : plan) {
        if (dialect == Dialect::Sqlite ? (line.startsWith(QLatin1String("SCAN ")) && !line.contains(QLatin1String(" INDEX ")))
                                       : line.contains(QLatin1String("Seq Scan")))
            return true;
    }
    return false;
}

bool sorts(const QStringList &plan, Dialect dialect)
{
    for (const QString &line : plan) {
        if (dialect == Dialect::Sqlite ? line.contains(QLatin1String("TEMP B-TREE"))
                                       : line.contains(QRegularExpression(QStringLiteral("\\bSort\\b"))))
            return true;
    }
    return false;
}

// True when `column` bounds the index range (SQLite: in the SEARCH's index terms; PostgreSQL: in an
// "Index Cond"), rather than being checked row by row.
bool seeksOn(const QStringList &plan, Dialect dialect, const QString &column)
{
    for (const QString &line : plan) {
        if (dialect == Dialect::Sqlite ? (line.startsWith(QLatin1String("SEARCH ")) && line.section(QLatin1Char('('), 1).contains(column))
                                       : (line.contains(QLatin1String("Index Cond:")) && line.contains(column)))
            return true;
    }
    return false;
}

} // namespace

class TestExecutionRepository : public QObject
{
    Q_OBJECT
    // The query-plan tests share one filled store per dialect (created on first use).
    struct PlanStore
    {
        FreshStore location;
        std::unique_ptr<Database> db;
    };
    std::map<Dialect, PlanStore> m_planStores;

    Database *planStore(Dialect dialect)
    {
        if (const auto found = m_planStores.find(dialect); found != m_planStores.end())
            return found->second.db.get();
        QString error;
        PlanStore store{freshStoreLocation(dialect, &error), nullptr};
        if (store.location.url.isEmpty()) {
            const QByteArray why = "PostgreSQL fixture unavailable: " + error.toUtf8();
            if (postgresRequired())
                QTest::qFail(why.constData(), __FILE__, __LINE__);
            else
                QTest::qSkip(why.constData(), __FILE__, __LINE__);
            return nullptr;
        }
        store.db = openOrNull(store.location.url, &error);
        if (!store.db) {
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
            return nullptr;
        }
        fillForPlans(*store.db);
        if (QTest::currentTestFailed())
            return nullptr;
        return m_planStores.emplace(dialect, std::move(store)).first->second.db.get();
    }

private Q_SLOTS:
    void cleanupTestCase() { m_planStores.clear(); }

    void runRoundTrip_data() { addDialectRows(); }
    void runRoundTrip()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const StoreResult<ExecutionRun> created = repository.createRun(sampleRun());
        QVERIFY2(created, qPrintable(created.errorMessage()));
        QCOMPARE(created->id.size(), 32);
        QVERIFY(!created->createdAt.isEmpty());
        QCOMPARE(created->updatedAt, created->createdAt);

        const StoreResult<ExecutionRun> loaded = repository.getRun(created->id);
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->toJson(), created->toJson());
        QVERIFY(!loaded->exitCode);
        QCOMPARE(loaded->toJson().value(QLatin1String("startedAt")), QJsonValue(QStringLiteral("")));

        const StoreResult<ExecutionRun> missing = repository.getRun(QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(!missing);
        QCOMPARE(int(missing.error().kind), int(StoreError::Kind::NotFound));
        QCOMPARE(missing.errorMessage(), QStringLiteral("Execution run '0123456789abcdef0123456789abcdef' not found"));
    }

    void statusUpdates_data() { addDialectRows(); }
    void statusUpdates()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const ExecutionRun run = *repository.createRun(sampleRun());

        RunUpdate start;
        start.status = RunStatus::Running;
        start.startedAt = QStringLiteral("2026-11-23T23:37:13.123894+00:00");
        start.onlyFromStatuses = {RunStatus::Queued};
        StoreResult<ExecutionRun> running = repository.updateRunStatus(run.id, start);
        QVERIFY2(running, qPrintable(running.errorMessage()));
        QCOMPARE(toString(running->status), QStringLiteral("running"));
        QCOMPARE(running->startedAt, *start.startedAt);

        // Compare-and-set: a second start from queued is refused and changes nothing.
        const StoreResult<ExecutionRun> again = repository.updateRunStatus(run.id, start);
        QVERIFY(!again);
        QCOMPARE(int(again.error().kind), int(StoreError::Kind::Conflict));

        RunUpdate finish;
        finish.status = RunStatus::Failed;
        finish.exitCode = std::optional<int>(3);
        finish.endedAt = QStringLiteral("2026-11-23T23:37:14.000001+00:00");
        const StoreResult<ExecutionRun> failed = repository.updateRunStatus(run.id, finish);
        QVERIFY2(failed, qPrintable(failed.errorMessage()));
        QCOMPARE(failed->exitCode, std::optional<int>(3));
        QCOMPARE(failed->startedAt, *start.startedAt); // untouched
        QVERIFY(failed->updatedAt >= run.updatedAt);

        ExecutionRun edited = *failed;
        edited.exitCode.reset();
        edited.metadata.insert(QStringLiteral("timeout"), true);
        edited.approvedBy = QStringLiteral("tester");
        const StoreResult<ExecutionRun> rewritten = repository.updateRun(edited);
        QVERIFY2(rewritten, qPrintable(rewritten.errorMessage()));
        QVERIFY(!rewritten->exitCode);
        QCOMPARE(rewritten->metadata.value(QLatin1String("timeout")), QJsonValue(true));
        QCOMPARE(rewritten->approvedBy, QStringLiteral("tester"));
        QCOMPARE(rewritten->createdAt, run.createdAt);

        RunUpdate onMissing;
        onMissing.status = RunStatus::Canceled;
        QCOMPARE(int(repository.updateRunStatus(QStringLiteral("nope"), onMissing).error().kind), int(StoreError::Kind::NotFound));
    }

    void eventsAreSequencedPerRun_data() { addDialectRows(); }
    void eventsAreSequencedPerRun()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const QString first = repository.createRun(sampleRun())->id;
        const QString second = repository.createRun(sampleRun())->id;

        RunEvent policy;
        policy.runId = first;
        policy.eventType = QString(EventType::Policy);
        policy.payloadText = QStringLiteral("Policy verdict: allow");
        policy.payload = QJsonObject{{QStringLiteral("verdict"), QStringLiteral("allow")},
                                     {QStringLiteral("reasonCodes"), QJsonArray{QStringLiteral("safe_read_only_command")}}};
        const StoreResult<QList<RunEvent>> stored = repository.appendRunEvents(
            {policy, outputEvent(second, QStringLiteral("a")), outputEvent(first, QStringLiteral("b")),
             outputEvent(first, QStringLiteral("c\n\"quoted\" 'x' \\ ü"))});
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        QCOMPARE(stored->size(), 4);
        QCOMPARE(stored->at(0).sequenceNo, 1);
        QCOMPARE(stored->at(1).sequenceNo, 1);
        QCOMPARE(stored->at(2).sequenceNo, 2);
        QCOMPARE(stored->at(3).sequenceNo, 3);
        for (const RunEvent &event : *stored) {
            QVERIFY(event.id && *event.id > 0);
            QVERIFY(!event.occurredAt.isEmpty());
        }

        const StoreResult<QList<RunEvent>> more = repository.appendRunEvents({outputEvent(first, QStringLiteral("d"))});
        QVERIFY(more);
        QCOMPARE(more->at(0).sequenceNo, 4);
        QCOMPARE(*repository.lastSequence(first), 4);

        const StoreResult<EventPage> all = repository.listEventsAfterSequence(first, 0, 100);
        QVERIFY2(all, qPrintable(all.errorMessage()));
        QCOMPARE(all->items.size(), 4);
        QCOMPARE(all->items.at(0).toJson(), stored->at(0).toJson());
        QCOMPARE(all->items.at(2).payloadText, QStringLiteral("c\n\"quoted\" 'x' \\ ü"));
        QCOMPARE(all->nextSequence, 4);

        const StoreResult<EventPage> page = repository.listEventsAfterSequence(first, 1, 2);
        QCOMPARE(page->items.size(), 2);
        QCOMPARE(page->items.at(0).sequenceNo, 2);
        QCOMPARE(page->nextSequence, 3);
        const StoreResult<EventPage> past = repository.listEventsAfterSequence(first, 10, 2);
        QVERIFY(past->items.isEmpty());
        QCOMPARE(past->nextSequence, 10);
        QCOMPARE(past->toJson().value(QLatin1String("runId")).toString(), first);

        // An unknown run stores nothing, not even the valid events of the same batch.
        const StoreResult<QList<RunEvent>> bad = repository.appendRunEvents(
            {outputEvent(first, QStringLiteral("lost")), outputEvent(QStringLiteral("missing"), QStringLiteral("x"))});
        QVERIFY(!bad);
        QCOMPARE(int(bad.error().kind), int(StoreError::Kind::NotFound));
        QCOMPARE(*repository.lastSequence(first), 4);
    }

    void concurrentAppendsAreGapFree_data() { addDialectRows(); }
    void concurrentAppendsAreGapFree()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const QString runId = repository.createRun(sampleRun())->id;
        const DatabaseLocation location = db->location();
        constexpr int batches = 20;
        constexpr int perBatch = 25;

        // Two writers, each with its own connection on its own thread, racing on the same run.
        QStringList errors;
        QMutex errorsLock;
        auto writer = [&](const QString &tag) {
            StoreResult<std::unique_ptr<Database>> connection = Database::open(location, tag);
            if (!connection) {
                QMutexLocker locker(&errorsLock);
                errors << connection.errorMessage();
                return;
            }
            ExecutionRepository own(**connection);
            for (int batch = 0; batch < batches; ++batch) {
                QList<RunEvent> events;
                for (int i = 0; i < perBatch; ++i)
                    events << outputEvent(runId, QStringLiteral("%1-%2-%3").arg(tag).arg(batch).arg(i));
                const StoreResult<QList<RunEvent>> stored = own.appendRunEvents(events);
                if (!stored) {
                    QMutexLocker locker(&errorsLock);
                    errors << stored.errorMessage();
                    return;
                }
            }
        };
        std::unique_ptr<QThread> one(QThread::create(writer, QStringLiteral("one")));
        std::unique_ptr<QThread> two(QThread::create(writer, QStringLiteral("two")));
        one->start();
        two->start();
        QVERIFY(one->wait(QDeadlineTimer(120000)));
        QVERIFY(two->wait(QDeadlineTimer(120000)));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        const StoreResult<EventPage> all = repository.listEventsAfterSequence(runId, 0, 10000);
        QVERIFY(all);
        QCOMPARE(all->items.size(), 2 * batches * perBatch);
        for (qsizetype i = 0; i < all->items.size(); ++i)
            QCOMPARE(all->items.at(i).sequenceNo, i + 1);
        // Each batch is contiguous: one transaction numbers all of its events at once.
        for (qsizetype i = 0; i < all->items.size(); i += perBatch) {
            const QString batchTag = all->items.at(i).payloadText.section(QLatin1Char('-'), 0, 1);
            for (qsizetype j = i; j < i + perBatch; ++j)
                QCOMPARE(all->items.at(j).payloadText.section(QLatin1Char('-'), 0, 1), batchTag);
        }
    }

    void listRunsPagesAndFilters_data() { addDialectRows(); }
    void listRunsPagesAndFilters()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        QStringList idsNewestFirst;
        for (int i = 0; i < 25; ++i) {
            ExecutionRun run = sampleRun(i % 2 ? QStringLiteral("alpha") : QStringLiteral("beta"),
                                         QStringLiteral("feat-%1").arg(i % 3));
            run.createdAt = QStringLiteral("2026-11-23T10:00:%1.000000+00:00").arg(i, 2, 10, QLatin1Char('0'));
            run.status = i % 5 == 0 ? RunStatus::Failed : RunStatus::Succeeded;
            run.sourceCommand = i == 7 ? QStringLiteral("git push origin 100%_done") : QStringLiteral("make test");
            idsNewestFirst.prepend(repository.createRun(run)->id);
        }
        auto ids = [](const QList<ExecutionRun> &runs) {
            QStringList list;
            for (const ExecutionRun &run : runs)
                list << run.id;
            return list;
        };
        RunQuery query;
        query.limit = 10;
        QCOMPARE(ids(*repository.listRuns(query)), idsNewestFirst.mid(0, 10));
        query.offset = 20;
        QCOMPARE(ids(*repository.listRuns(query)), idsNewestFirst.mid(20));

        // Keyset paging walks the same order without offsets.
        QStringList walked;
        RunQuery keyset;
        keyset.limit = 7;
        for (;;) {
            const QList<ExecutionRun> page = *repository.listRuns(keyset);
            if (page.isEmpty())
                break;
            walked += ids(page);
            keyset.beforeCreatedAt = page.constLast().createdAt;
            keyset.beforeId = page.constLast().id;
        }
        QCOMPARE(walked, idsNewestFirst);

        RunQuery filtered;
        filtered.limit = 100;
        filtered.projectId = QStringLiteral("alpha");
        QCOMPARE(repository.listRuns(filtered)->size(), 12);
        filtered.featureId = QStringLiteral("feat-1");
        for (const ExecutionRun &run : *repository.listRuns(filtered))
            QVERIFY(run.projectId == QLatin1String("alpha") && run.featureId == QLatin1String("feat-1"));
        QCOMPARE(repository.listRuns(filtered)->size(), 4); // i = 1, 7, 13, 19

        RunQuery byStatus;
        byStatus.limit = 100;
        byStatus.statuses = {RunStatus::Failed};
        QCOMPARE(repository.listRuns(byStatus)->size(), 5);
        byStatus.statuses = {RunStatus::Failed, RunStatus::Succeeded};
        QCOMPARE(repository.listRuns(byStatus)->size(), 25);

        // Text search is case-insensitive and treats % and _ literally.
        RunQuery byText;
        byText.limit = 100;
        byText.text = QStringLiteral("PUSH ORIGIN 100%_");
        QCOMPARE(ids(*repository.listRuns(byText)), QStringList{idsNewestFirst.at(24 - 7)});
        byText.text = QStringLiteral("%");
        QCOMPARE(repository.listRuns(byText)->size(), 1);
    }

    void approvals_data() { addDialectRows(); }
    void approvals()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        const QString runId = repository.createRun(sampleRun())->id;
        QVERIFY(!*repository.pendingApproval(runId));

        Approval request;
        request.runId = runId;
        request.requestedBy = QStringLiteral("user");
        const StoreResult<Approval> first = repository.createApproval(request);
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QVERIFY(first->id > 0);
        const StoreResult<Approval> second = repository.createApproval(request);
        QVERIFY(second->id > first->id);
        QCOMPARE((*repository.pendingApproval(runId))->id, second->id); // latest pending wins, as CCDash

        const StoreResult<Approval> denied =
            repository.resolveApproval(second->id, ApprovalDecision::Denied, QStringLiteral("too risky"), QStringLiteral("tester"));
        QVERIFY2(denied, qPrintable(denied.errorMessage()));
        QCOMPARE(toString(denied->decision), QStringLiteral("denied"));
        QCOMPARE(denied->resolvedBy, QStringLiteral("tester"));
        QCOMPARE(denied->reason, QStringLiteral("too risky"));
        QVERIFY(!denied->resolvedAt.isEmpty());
        QCOMPARE((*repository.pendingApproval(runId))->id, first->id);

        const StoreResult<Approval> twice =
            repository.resolveApproval(second->id, ApprovalDecision::Approved, {}, QStringLiteral("tester"));
        QVERIFY(!twice);
        QCOMPARE(int(twice.error().kind), int(StoreError::Kind::Conflict));
        QCOMPARE(int(repository.resolveApproval(99999, ApprovalDecision::Approved, {}, {}).error().kind),
                 int(StoreError::Kind::NotFound));

        QVERIFY(repository.resolveApproval(first->id, ApprovalDecision::Approved, {}, QStringLiteral("tester")));
        QVERIFY(!*repository.pendingApproval(runId));
        const QList<Approval> all = *repository.listApprovals(runId);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).id, first->id);
        QCOMPARE(toString(all.at(0).decision), QStringLiteral("approved"));
        QCOMPARE(all.at(1).toJson(), denied->toJson());

        Approval orphan;
        orphan.runId = QStringLiteral("missing");
        QCOMPARE(int(repository.createApproval(orphan).error().kind), int(StoreError::Kind::NotFound));
    }

    void runOwners_data() { addDialectRows(); }
    void runOwners()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        ExecutionRun running = sampleRun();
        running.status = RunStatus::Running;
        running = *repository.createRun(running);
        ExecutionRun finished = sampleRun();
        finished.status = RunStatus::Succeeded;
        finished = *repository.createRun(finished);
        ExecutionRun elsewhere = sampleRun();
        elsewhere.status = RunStatus::Queued;
        elsewhere = *repository.createRun(elsewhere);

        const RunOwner owner{running.id, QStringLiteral("host-a"), 4242, QStringLiteral("instance-1"), 4242,
                             QStringLiteral("2026-11-23T23:37:13.123894+00:00")};
        QVERIFY(repository.setRunOwner(owner));
        QVERIFY(repository.setRunOwner({finished.id, QStringLiteral("host-a"), 1, QStringLiteral("instance-1"), {}, {}}));
        QVERIFY(repository.setRunOwner({elsewhere.id, QStringLiteral("host-b"), 2, QStringLiteral("instance-2"), {}, {}}));

        const StoreResult<QList<OwnedRun>> owned = repository.runsOwnedByHost(QStringLiteral("host-a"));
        QVERIFY2(owned, qPrintable(owned.errorMessage()));
        QCOMPARE(owned->size(), 1); // the finished run is not an orphan
        QCOMPARE(owned->at(0).run.id, running.id);
        QVERIFY(owned->at(0).owner == owner);

        RunOwner moved = owner;
        moved.pid = 5000;
        moved.processGroup.reset();
        QVERIFY(repository.setRunOwner(moved)); // upsert
        QVERIFY(repository.runsOwnedByHost(QStringLiteral("host-a"))->at(0).owner == moved);

        QVERIFY(repository.clearRunOwner(running.id));
        QVERIFY(repository.runsOwnedByHost(QStringLiteral("host-a"))->isEmpty());
        QCOMPARE(repository.runsOwnedByHost(QStringLiteral("host-b"))->size(), 1);
    }

    void ccdashCache_data() { addDialectRows(); }
    void ccdashCache()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        CcdashCacheRepository cache(*db);
        QVERIFY(!*cache.get(QStringLiteral("/api/features?project=p")));
        QVERIFY(cache.put(QStringLiteral("/api/features?project=p"), QStringLiteral("p"), QStringLiteral("[1]"),
                          QStringLiteral("2026-11-23T23:37:13.000000+00:00")));
        QVERIFY(cache.put(QStringLiteral("/api/features?project=p"), QStringLiteral("p"), QStringLiteral("[1,2]")));
        const std::optional<CachedResponse> cached = *cache.get(QStringLiteral("/api/features?project=p"));
        QVERIFY(cached);
        QCOMPARE(cached->body, QStringLiteral("[1,2]"));
        QVERIFY(cached->fetchedAt > QStringLiteral("2026-11-23T23:37:13.000000+00:00"));
    }

    void migrationIsIdempotent_data() { addDialectRows(); }
    void migrationIsIdempotent()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        QSqlDatabase connection = db->connection();
        const QStringList tables = allTables(connection, dialect);
        QVERIFY(tables.contains(QStringLiteral("workbench_schema_migrations")));
        QVERIFY(tables.contains(QStringLiteral("workbench_run_owners")));
        QVERIFY(tables.contains(QStringLiteral("workbench_ccdash_cache")));
        const QStringList before = schemaDump(connection, dialect, tables);
        const QStringList versionsBefore = queryRows(connection, QStringLiteral("SELECT version, description, applied_at "
                                                                                "FROM workbench_schema_migrations ORDER BY version"));
        QCOMPARE(versionsBefore.size(), latestSchemaVersion());

        QCOMPARE(*migrateSchema(connection, dialect), latestSchemaVersion());
        QString error;
        std::unique_ptr<Database> reopened = openOrNull(store.url, &error);
        QVERIFY2(reopened, qPrintable(error));
        QCOMPARE(reopened->schemaVersion(), latestSchemaVersion());

        QCOMPARE(allTables(connection, dialect), tables);
        QCOMPARE(schemaDump(connection, dialect, tables), before);
        QCOMPARE(queryRows(connection, QStringLiteral("SELECT version, description, applied_at FROM "
                                                      "workbench_schema_migrations ORDER BY version")), versionsBefore);
    }

    void schemaMatchesCcdash_data() { addDialectRows(); }
    void schemaMatchesCcdash()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, ours, db);
        WORKBENCH_FRESH_STORE(dialect, theirs);
        // CCDash's DDL, executed verbatim into a second database.
        const QString connectionName = QStringLiteral("ccdash-reference");
        {
            QSqlDatabase reference = QSqlDatabase::addDatabase(
                dialect == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), connectionName);
            const DatabaseLocation location = *parseDatabaseLocation(theirs.url);
            if (dialect == Dialect::Sqlite) {
                reference.setDatabaseName(location.sqlitePath);
            } else {
                reference.setHostName(location.host);
                reference.setPort(location.port);
                reference.setUserName(location.user);
                reference.setDatabaseName(location.databaseName);
            }
            QVERIFY(reference.open());
            QString error;
            QVERIFY2(execSqlFile(reference, QStringLiteral(WORKBENCH_TEST_FIXTURES_DIR "/ccdash/schema-%1.sql")
                                                .arg(dialect == Dialect::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres")),
                                 &error),
                     qPrintable(error));
            const QStringList expected = schemaDump(reference, dialect, ccdashTables);
            QVERIFY(expected.size() >= 9);
            for (const QString &line : expected)
                QVERIFY2(!line.contains(QLatin1String("ERROR")), qPrintable(line));
            // Our only additions to CCDash's tables are indexes named workbench_*: set exactly those
            // lines aside (columns, CCDash's indexes, keys and constraints must all match) and check
            // that they are the run-history indexes, all on execution_runs.
            QStringList actual;
            QStringList ourIndexes;
            for (const QString &line : schemaDump(db->connection(), dialect, ccdashTables)) {
                if (indexNameOfDumpLine(line).startsWith(QLatin1String("workbench_"))) {
                    QVERIFY2(line.startsWith(QLatin1String("execution_runs index:")), qPrintable(line));
                    ourIndexes << indexNameOfDumpLine(line);
                } else {
                    actual << line;
                }
            }
            QCOMPARE(actual, expected);
            QCOMPARE(ourIndexes, QStringList({QStringLiteral("workbench_idx_runs_created"),
                                              QStringLiteral("workbench_idx_runs_feature_created"),
                                              QStringLiteral("workbench_idx_runs_project_created"),
                                              QStringLiteral("workbench_idx_runs_status_created")}));
            reference.close();
        }
        QSqlDatabase::removeDatabase(connectionName);
    }

    void migratesCcdashDatabase_data() { addDialectRows(); }
    void migratesCcdashDatabase()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_FRESH_STORE(dialect, store);
        const QString runId = QStringLiteral("d04c5da2969b4a62a8d3f40a320c8e47");
        const QString connectionName = QStringLiteral("ccdash-server");
        {
            QSqlDatabase ccdash = QSqlDatabase::addDatabase(
                dialect == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), connectionName);
            const DatabaseLocation location = *parseDatabaseLocation(store.url);
            if (dialect == Dialect::Sqlite) {
                ccdash.setDatabaseName(location.sqlitePath);
            } else {
                ccdash.setHostName(location.host);
                ccdash.setPort(location.port);
                ccdash.setUserName(location.user);
                ccdash.setDatabaseName(location.databaseName);
            }
            QVERIFY(ccdash.open());
            QString error;
            QVERIFY2(execSqlFile(ccdash, QStringLiteral(WORKBENCH_TEST_FIXTURES_DIR "/ccdash/schema-%1.sql")
                                             .arg(dialect == Dialect::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgres")),
                                 &error),
                     qPrintable(error));
            // A run as CCDash's repository writes it (columns left to their defaults).
            QSqlQuery insert(ccdash);
            QVERIFY(insert.exec(QStringLiteral("INSERT INTO execution_runs (id, project_id, source_command, normalized_command, "
                                               "cwd, status, exit_code, created_at, updated_at) VALUES ('%1', 'ccdash', "
                                               "'echo execution-ok', 'echo execution-ok', '/w', 'succeeded', 0, "
                                               "'2026-11-23T23:37:13.123674+00:00', '2026-11-23T23:37:13.146693+00:00')").arg(runId)));
            QVERIFY(insert.exec(QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, stream, event_type, "
                                               "payload_text, occurred_at) VALUES ('%1', 1, 'system', 'policy', "
                                               "'Policy verdict: allow', '2026-11-23T23:37:13.123674+00:00')").arg(runId)));
            ccdash.close();
        }
        QSqlDatabase::removeDatabase(connectionName);

        QString error;
        std::unique_ptr<Database> db = openOrNull(store.url, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->schemaVersion(), latestSchemaVersion());
        ExecutionRepository repository(*db);
        const StoreResult<ExecutionRun> run = repository.getRun(runId);
        QVERIFY2(run, qPrintable(run.errorMessage()));
        QCOMPARE(run->featureId, QString());
        QCOMPARE(run->provider, QStringLiteral("local"));
        QCOMPARE(run->exitCode, std::optional<int>(0));
        QCOMPARE(run->metadata, QJsonObject());
        const StoreResult<QList<RunEvent>> appended = repository.appendRunEvents({outputEvent(runId, QStringLiteral("more"))});
        QVERIFY2(appended, qPrintable(appended.errorMessage()));
        QCOMPARE(appended->at(0).sequenceNo, 2);
        QVERIFY(allTables(db->connection(), dialect).contains(QStringLiteral("workbench_run_owners")));
    }

    // Every migration, on both dialects, applied to a database left at the version before it (with
    // data in it) must give the same schema as a fresh database and keep the data.
    void everyMigrationUpgradesAnOlderSchema_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<int>("fromVersion");
        for (const auto &[name, dialect] : {std::pair{"sqlite", Dialect::Sqlite}, std::pair{"postgresql", Dialect::Postgres}}) {
            for (int version = 0; version < latestSchemaVersion(); ++version)
                QTest::addRow("%s from %d", name, version) << dialect << version;
        }
    }
    void everyMigrationUpgradesAnOlderSchema()
    {
        QFETCH(Dialect, dialect);
        QFETCH(int, fromVersion);
        WORKBENCH_FRESH_STORE(dialect, older);
        const QString runId = QStringLiteral("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
        {
            RawConnection raw(older.url, QStringLiteral("older-schema"));
            QVERIFY2(raw.isOpen(), qPrintable(raw.error()));
            QSqlDatabase db = raw.db();
            const StoreResult<int> built = migrateSchema(db, dialect, fromVersion);
            QVERIFY2(built, qPrintable(built.errorMessage()));
            QCOMPARE(*built, fromVersion);
            QCOMPARE(*readSchemaVersion(db, dialect), fromVersion);
            if (fromVersion >= 1) {
                QSqlQuery insert(db);
                QVERIFY2(insert.exec(QStringLiteral("INSERT INTO execution_runs (id, project_id, source_command, "
                                                    "normalized_command, cwd, status, created_at, updated_at) VALUES ('%1', "
                                                    "'ccdash', 'make test', 'make test', '/w', 'failed', "
                                                    "'2026-11-23T10:00:00.000000+00:00', '2026-11-23T10:00:01.000000+00:00')")
                                         .arg(runId)),
                         qPrintable(insert.lastError().text()));
                QVERIFY(insert.exec(QStringLiteral("INSERT INTO execution_run_events (run_id, sequence_no, occurred_at) "
                                                   "VALUES ('%1', 1, '2026-11-23T10:00:00.500000+00:00')").arg(runId)));
            }
            if (fromVersion >= 3) {
                QSqlQuery insert(db);
                QVERIFY(insert.exec(QStringLiteral("INSERT INTO workbench_remembered_approvals (workspace, normalized_command, "
                                                   "created_at, expires_at) VALUES ('/w', 'make test', "
                                                   "'2026-11-23T10:00:00.000000+00:00', '2036-11-23T10:00:00.000000+00:00')")));
            }
        }

        QString error;
        std::unique_ptr<Database> upgraded = openOrNull(older.url, &error);
        QVERIFY2(upgraded, qPrintable(error));
        QCOMPARE(upgraded->schemaVersion(), latestSchemaVersion());
        QStringList expectedVersions;
        for (int version = 1; version <= latestSchemaVersion(); ++version)
            expectedVersions << QString::number(version);
        QCOMPARE(queryRows(upgraded->connection(), QStringLiteral("SELECT version FROM workbench_schema_migrations ORDER BY version")),
                 expectedVersions);

        WORKBENCH_OPEN_FRESH_STORE(dialect, fresh, reference);
        const QStringList tables = allTables(reference->connection(), dialect);
        QCOMPARE(allTables(upgraded->connection(), dialect), tables);
        QCOMPARE(schemaDump(upgraded->connection(), dialect, tables), schemaDump(reference->connection(), dialect, tables));

        if (fromVersion >= 1) {
            ExecutionRepository repository(*upgraded);
            const StoreResult<ExecutionRun> run = repository.getRun(runId);
            QVERIFY2(run, qPrintable(run.errorMessage()));
            QCOMPARE(toString(run->status), QStringLiteral("failed"));
            RunQuery failed;
            failed.statuses = {RunStatus::Failed};
            QCOMPARE(repository.listRuns(failed)->size(), 1);
            QCOMPARE(*repository.lastSequence(runId), 1);
        }
        if (fromVersion >= 3)
            QCOMPARE(queryRows(upgraded->connection(), QStringLiteral("SELECT normalized_command FROM workbench_remembered_approvals")),
                     QStringList{QStringLiteral("make test")});
    }

    void keysetPagingBreaksTiesById_data() { addDialectRows(); }
    void keysetPagingBreaksTiesById()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_OPEN_FRESH_STORE(dialect, store, db);
        ExecutionRepository repository(*db);
        // Nine runs on three timestamps: pages must split ties and still list every run once.
        QList<QPair<QString, QString>> expected; // (createdAt, id)
        for (int i = 0; i < 9; ++i) {
            ExecutionRun run = sampleRun();
            run.createdAt = QStringLiteral("2026-11-23T10:00:0%1.000000+00:00").arg(i / 3);
            run.status = i % 2 ? RunStatus::Failed : RunStatus::Succeeded;
            const StoreResult<ExecutionRun> created = repository.createRun(run);
            QVERIFY(created);
            expected.append({created->createdAt, created->id});
        }
        std::sort(expected.begin(), expected.end(), std::greater<>());
        for (const QList<RunStatus> &statuses : {QList<RunStatus>{}, QList<RunStatus>{RunStatus::Failed}}) {
            QStringList expectedIds;
            for (const auto &[createdAt, id] : std::as_const(expected)) {
                if (statuses.isEmpty() || repository.getRun(id)->status == statuses.constFirst())
                    expectedIds << id;
            }
            QStringList walked;
            RunQuery keyset;
            keyset.statuses = statuses;
            keyset.limit = 2;
            for (int page = 0; page < 20; ++page) {
                const StoreResult<QList<ExecutionRun>> runs = repository.listRuns(keyset);
                QVERIFY2(runs, qPrintable(runs.errorMessage()));
                if (runs->isEmpty())
                    break;
                for (const ExecutionRun &run : *runs)
                    walked << run.id;
                keyset.beforeCreatedAt = runs->constLast().createdAt;
                keyset.beforeId = runs->constLast().id;
            }
            QCOMPARE(walked, expectedIds);
        }
    }

    // The history's list queries and the event page must be answered from an index, in order, not by
    // reading and sorting the table (EXPLAIN of the statements the repository really executes).
    void listQueriesUseAnIndex_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QString>("projectId");
        QTest::addColumn<QString>("featureId");
        QTest::addColumn<QStringList>("statuses");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("nextPage");
        // SQLite (no statistics: the application never runs ANALYZE) picks by rule, so the index is
        // named; PostgreSQL picks by cost among several that serve, so there only the shape is checked.
        QTest::addColumn<QString>("expectedIndex"); // empty: any index
        QTest::addColumn<bool>("inIndexOrder");     // no sort step
        struct Case
        {
            const char *name;
            const char *project;
            const char *feature;
            QStringList statuses;
            const char *text;
            const char *index;
            bool ordered;
        };
        const QList<Case> cases = {
            {"all runs", "", "", {}, "", "workbench_idx_runs_created", true},
            {"one status", "", "", {QStringLiteral("failed")}, "", "workbench_idx_runs_status_created", true},
            {"one feature", "", "feat-3", {}, "", "workbench_idx_runs_feature_created", true},
            {"one project", "alpha", "", {}, "", "workbench_idx_runs_project_created", true},
            // LIKE '%...%' cannot seek; the newest-first index is walked until a page matched.
            {"text", "", "", {}, "make", "workbench_idx_runs_created", true},
            {"project and feature", "alpha", "feat-3", {}, "", "", false},
            {"project and status", "alpha", "", {QStringLiteral("failed")}, "", "", false},
            {"two statuses", "", "", {QStringLiteral("failed"), QStringLiteral("canceled")}, "", "", false},
        };
        for (const auto &[dialectName, dialect] : {std::pair{"sqlite", Dialect::Sqlite}, std::pair{"postgresql", Dialect::Postgres}}) {
            for (const Case &c : cases) {
                for (const bool nextPage : {false, true}) {
                    QTest::addRow("%s %s%s", dialectName, c.name, nextPage ? ", next page" : "")
                        << dialect << QString::fromLatin1(c.project) << QString::fromLatin1(c.feature) << c.statuses
                        << QString::fromLatin1(c.text) << nextPage << QString::fromLatin1(c.index) << c.ordered;
                }
            }
        }
    }
    void listQueriesUseAnIndex()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QString, projectId);
        QFETCH(QString, featureId);
        QFETCH(QStringList, statuses);
        QFETCH(QString, text);
        QFETCH(bool, nextPage);
        QFETCH(QString, expectedIndex);
        QFETCH(bool, inIndexOrder);
        Database *db = planStore(dialect);
        if (!db)
            return;

        RunQuery query;
        query.projectId = projectId;
        query.featureId = featureId;
        for (const QString &status : std::as_const(statuses))
            query.statuses << *runStatusFromString(status);
        query.text = text;
        query.limit = RunHistoryPageSizeForPlans;
        if (nextPage) {
            query.beforeCreatedAt = QStringLiteral("2026-11-23T10:05:00.000000+00:00");
            query.beforeId = planRunId(300); // run 300's own key: the page starts at run 299
        }
        const QStringList plan = queryPlan(*db, ExecutionRepository::listRunsStatement(query, dialect));
        const QString planText = plan.join(QLatin1Char('\n'));
        const QStringList used = indexesInPlan(plan, dialect);
        QVERIFY2(!used.isEmpty(), qPrintable(planText));
        QVERIFY2(!readsWholeTable(plan, dialect), qPrintable(planText));
        if (!expectedIndex.isEmpty() && dialect == Dialect::Sqlite)
            QVERIFY2(used == QStringList{expectedIndex}, qPrintable(planText));
        if (inIndexOrder)
            QVERIFY2(!sorts(plan, dialect), qPrintable(planText));
        if (nextPage && !expectedIndex.isEmpty()) // the keyset bound is a seek in the index, not a filter
            QVERIFY2(seeksOn(plan, dialect, QStringLiteral("created_at")), qPrintable(planText));

        // The repository runs that statement and gets the same rows as a naive filter of everything.
        const StoreResult<QList<ExecutionRun>> listed = ExecutionRepository(*db).listRuns(query);
        QVERIFY2(listed, qPrintable(listed.errorMessage()));
        RunQuery everything;
        everything.limit = 100000;
        QStringList expectedIds;
        for (const ExecutionRun &run : *ExecutionRepository(*db).listRuns(everything)) {
            const bool matches = (projectId.isEmpty() || run.projectId == projectId)
                && (featureId.isEmpty() || run.featureId == featureId)
                && (statuses.isEmpty() || statuses.contains(toString(run.status)))
                && (text.isEmpty() || run.sourceCommand.contains(text, Qt::CaseInsensitive))
                && (!nextPage || std::pair(run.createdAt, run.id) < std::pair(query.beforeCreatedAt, query.beforeId));
            if (matches && expectedIds.size() < query.limit)
                expectedIds << run.id;
        }
        QStringList listedIds;
        for (const ExecutionRun &run : *listed)
            listedIds << run.id;
        QVERIFY(!listedIds.isEmpty());
        QCOMPARE(listedIds, expectedIds);
    }

    void eventPageUsesTheRunSequenceIndex_data() { addDialectRows(); }
    void eventPageUsesTheRunSequenceIndex()
    {
        QFETCH(Dialect, dialect);
        Database *db = planStore(dialect);
        if (!db)
            return;
        const QStringList plan = queryPlan(*db, ExecutionRepository::eventsAfterSequenceStatement(planRunId(300), 900, 1000, dialect));
        const QString planText = plan.join(QLatin1Char('\n'));
        const QStringList used = indexesInPlan(plan, dialect);
        // CCDash defines two indexes on (run_id, sequence_no); either serves the page.
        QVERIFY2(used == QStringList{QStringLiteral("idx_execution_run_events_lookup")}
                     || used == QStringList{QStringLiteral("idx_execution_run_events_seq")},
                 qPrintable(planText));
        QVERIFY2(!readsWholeTable(plan, dialect), qPrintable(planText));
        QVERIFY2(!sorts(plan, dialect), qPrintable(planText));
        QVERIFY2(seeksOn(plan, dialect, QStringLiteral("sequence_no")), qPrintable(planText));
    }

    void newerSchemaIsRefused_data() { addDialectRows(); }
    void newerSchemaIsRefused()
    {
        QFETCH(Dialect, dialect);
        WORKBENCH_FRESH_STORE(dialect, store);
        QStringList tablesBefore;
        {
            QString error;
            std::unique_ptr<Database> db = openOrNull(store.url, &error);
            QVERIFY2(db, qPrintable(error));
            QSqlQuery query(db->connection());
            QVERIFY(query.exec(QStringLiteral("INSERT INTO workbench_schema_migrations (version, description, applied_at) "
                                              "VALUES (%1, 'from the future', '2030-01-01T00:00:00.000000+00:00')")
                                   .arg(latestSchemaVersion() + 1)));
            QVERIFY(query.exec(QStringLiteral("DROP TABLE workbench_ccdash_cache")));
            tablesBefore = allTables(db->connection(), dialect);
        }
        const QByteArray bytesBefore = dialect == Dialect::Sqlite ? fileBytes(parseDatabaseLocation(store.url)->sqlitePath) : QByteArray();

        QString error;
        std::unique_ptr<Database> refused = openOrNull(store.url, &error);
        QVERIFY(!refused);
        QVERIFY2(error.contains(QStringLiteral("newer than this version")), qPrintable(error));
        QVERIFY2(error.contains(QString::number(latestSchemaVersion() + 1)), qPrintable(error));

        // Nothing was written: the dropped table was not recreated.
        const StoreResult<std::unique_ptr<Database>> direct = Database::open(*parseDatabaseLocation(store.url));
        QCOMPARE(int(direct.error().kind), int(StoreError::Kind::SchemaTooNew));
        if (dialect == Dialect::Sqlite) {
            QCOMPARE(fileBytes(parseDatabaseLocation(store.url)->sqlitePath), bytesBefore);
        } else {
            const QString name = QStringLiteral("inspect");
            {
                QSqlDatabase inspect = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                const DatabaseLocation location = *parseDatabaseLocation(store.url);
                inspect.setHostName(location.host);
                inspect.setPort(location.port);
                inspect.setUserName(location.user);
                inspect.setDatabaseName(location.databaseName);
                QVERIFY(inspect.open());
                QCOMPARE(allTables(inspect, dialect), tablesBefore);
                inspect.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }

    // --- SQLite files and locations --------------------------------------------------------

    void sqliteFileIsPrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("private.db"));
        QString error;
        std::unique_ptr<Database> db = openOrNull(QStringLiteral("sqlite://") + path, &error);
        QVERIFY2(db, qPrintable(error));
        ExecutionRepository repository(*db);
        QVERIFY(repository.createRun(sampleRun()));
        struct stat info {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(queryRows(db->connection(), QStringLiteral("PRAGMA journal_mode")), QStringList{QStringLiteral("wal")});
        QCOMPARE(queryRows(db->connection(), QStringLiteral("PRAGMA foreign_keys")), QStringList{QStringLiteral("1")});
        QCOMPARE(queryRows(db->connection(), QStringLiteral("PRAGMA synchronous")), QStringList{QStringLiteral("1")});
    }

    void badLocations_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("expectedMessage");
        QTest::newRow("parent is a file") << QStringLiteral("%1/not-a-dir/sub/x.db") << QStringLiteral("Cannot create the database file");
        QTest::newRow("missing folder") << QStringLiteral("%1/missing/x.db") << QStringLiteral("Cannot create the database file");
        QTest::newRow("a directory") << QStringLiteral("%1") << QStringLiteral("it is not a file");
        QTest::newRow("memory") << QStringLiteral(":memory:") << QStringLiteral("in-memory");
        QTest::newRow("relative sqlite url") << QStringLiteral("sqlite://rel.db") << QStringLiteral("not a valid SQLite URL");
        QTest::newRow("other scheme") << QStringLiteral("mysql://u@h/db") << QStringLiteral("Unsupported database URL");
        QTest::newRow("pg without db") << QStringLiteral("postgresql://u@127.0.0.1:5432/") << QStringLiteral("names no database");
    }
    void badLocations()
    {
        QFETCH(QString, setting);
        QFETCH(QString, expectedMessage);
        QTemporaryDir dir;
        QFile marker(dir.filePath(QStringLiteral("not-a-dir")));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();
        const QStringList entriesBefore = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        QString error;
        QVERIFY(!openOrNull(setting.contains(QLatin1String("%1")) ? setting.arg(dir.path()) : setting, &error));
        QVERIFY2(error.contains(expectedMessage), qPrintable(error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), entriesBefore);
    }

    void unwritableFolder()
    {
        if (::geteuid() == 0)
            QSKIP("root writes into read-only folders; the 'parent is a file' row of badLocations covers creation failures");
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        QString error;
        QVERIFY(!openOrNull(dir.filePath(QStringLiteral("x.db")), &error));
        QVERIFY2(error.contains(QStringLiteral("Permission denied")), qPrintable(error));
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void notADatabaseIsLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << QByteArray("these are my notes, not a database\n").repeated(200);
        QTest::newRow("binary") << QByteArray(8192, '\xff');
    }
    void notADatabaseIsLeftAlone()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        QString error;
        const StoreResult<std::unique_ptr<Database>> db = Database::open(*parseDatabaseLocation(path));
        QVERIFY(!db);
        QCOMPARE(int(db.error().kind), int(StoreError::Kind::NotADatabase));
        QVERIFY2(db.errorMessage().contains(QStringLiteral("is not a CCDash Workbench database")), qPrintable(db.errorMessage()));
        QCOMPARE(fileBytes(path), content);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusedPostgresPort()
    {
        // A port nobody listens on: bind an ephemeral port, note it, close it again.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        const StoreResult<std::unique_ptr<Database>> db = Database::open(
            *parseDatabaseLocation(QStringLiteral("postgresql://postgres@127.0.0.1:%1/workbench").arg(port)));
        QVERIFY(!db);
        QCOMPARE(int(db.error().kind), int(StoreError::Kind::Unavailable));
        QVERIFY2(db.errorMessage().startsWith(QStringLiteral("Cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:%1/workbench")
                                                  .arg(port)),
                 qPrintable(db.errorMessage()));
        QVERIFY2(db.errorMessage().contains(QStringLiteral("refused")), qPrintable(db.errorMessage()));
    }

    void locationResolution()
    {
        QProcessEnvironment environment;
        QCOMPARE(resolveDatabaseLocation(QStringLiteral("/tmp/a.db"), environment)->sqlitePath, QStringLiteral("/tmp/a.db"));
        QVERIFY(resolveDatabaseLocation({}, environment)->isDefaultLocation);
        QVERIFY(resolveDatabaseLocation({}, environment)->sqlitePath.endsWith(QStringLiteral("/workbench.db")));
        environment.insert(QStringLiteral("CCDASH_WORKBENCH_DATABASE"), QStringLiteral("postgresql://me:secret@db.example:6543/audit?sslmode=require"));
        const DatabaseLocation fromEnvironment = *resolveDatabaseLocation({}, environment);
        QCOMPARE(int(fromEnvironment.dialect), int(Dialect::Postgres));
        QCOMPARE(fromEnvironment.port, 6543);
        QCOMPARE(fromEnvironment.databaseName, QStringLiteral("audit"));
        QCOMPARE(fromEnvironment.connectOptions, QStringLiteral("sslmode=require;connect_timeout=5"));
        QCOMPARE(fromEnvironment.displayName(), QStringLiteral("postgresql://me@db.example:6543/audit")); // no password
        QCOMPARE(resolveDatabaseLocation(QStringLiteral("sqlite:///x/y.db"), environment)->sqlitePath, QStringLiteral("/x/y.db"));
    }
};

QTEST_GUILESS_MAIN(TestExecutionRepository)
#include "tst_executionrepository.moc"
