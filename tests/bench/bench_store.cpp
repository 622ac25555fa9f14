// Store benchmark (not a ctest test): a SQLite history of 100,000 runs and 5,000,000 events,
// generated once through the repository's batch append, then
//   1. open + migration check + RunHistoryModel's first page   (target < 200 ms), then scrolling and
//      filters, with the workbench_ run-history indexes and (same invocation) without them
//   2. one page of 1,000 events after a sequence near the end  (target < 5 ms)
// Figures are medians of several repetitions; see docs/performance.md for the command.
#include "models/database.h"
#include "models/executionrepository.h"
#include "models/runhistorymodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <algorithm>
#include <cstdio>

using namespace workbench::models;

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0 : (n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2);
}

QString describe(const QList<double> &values)
{
    QList<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    return QStringLiteral("median %1 ms (min %2, max %3, n=%4)")
        .arg(median(values), 0, 'f', 3)
        .arg(sorted.constFirst(), 0, 'f', 3)
        .arg(sorted.constLast(), 0, 'f', 3)
        .arg(values.size());
}

void print(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

qint64 count(Database &database, const char *table)
{
    QSqlQuery query = database.newQuery();
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table)) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// Runs 0..runCount-1, created one second apart; the newest run (the one the history shows first)
// carries `bigRunEvents` events, the others share the rest.
bool generate(Database &database, int runCount, qint64 eventCount, qint64 bigRunEvents, QString *bigRunId)
{
    ExecutionRepository repository(database);
    const QDateTime base(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
    QStringList ids;
    ids.reserve(runCount);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < runCount; ++i) {
        ExecutionRun run;
        run.projectId = QStringLiteral("ccdash");
        run.featureId = QStringLiteral("feature-%1").arg(i % 250);
        run.sourceCommand = QStringLiteral("/dev:execute-phase %1 docs/project_plans/feature-%2.md").arg(i % 7).arg(i % 250);
        run.normalizedCommand = run.sourceCommand;
        run.cwd = QStringLiteral("/home/dev/ccdash");
        run.recommendationRuleId = QStringLiteral("R2_START_PHASE_1");
        run.riskLevel = i % 3 ? QStringLiteral("medium") : QStringLiteral("low");
        run.status = i % 11 ? RunStatus::Succeeded : RunStatus::Failed;
        run.exitCode = i % 11 ? 0 : 1;
        run.createdAt = isoTimestamp(base.addSecs(i));
        run.startedAt = run.createdAt;
        run.endedAt = isoTimestamp(base.addSecs(i).addMSecs(800 + i % 5000));
        run.updatedAt = run.endedAt;
        run.metadata = QJsonObject{{QStringLiteral("launchedFrom"), QStringLiteral("bench")}};
        const StoreResult<ExecutionRun> created = repository.createRun(run);
        if (!created) {
            print(QStringLiteral("createRun failed: ") + created.errorMessage());
            return false;
        }
        ids << created->id;
    }
    print(QStringLiteral("generated %1 runs in %2 s").arg(runCount).arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    *bigRunId = ids.constLast();

    timer.restart();
    constexpr int batchSize = 50'000;
    const QString line = QStringLiteral("PASS src/components/FeatureExecutionWorkbench.test.tsx (42 tests) 1234 ms\n");
    qint64 written = 0;
    QList<RunEvent> batch;
    batch.reserve(batchSize);
    auto flush = [&]() -> bool {
        const StoreResult<QList<RunEvent>> stored = repository.appendRunEvents(batch);
        if (!stored) {
            print(QStringLiteral("appendRunEvents failed: ") + stored.errorMessage());
            return false;
        }
        written += batch.size();
        batch.clear();
        return true;
    };
    auto add = [&](const QString &runId, qint64 n) -> bool {
        RunEvent event;
        event.runId = runId;
        event.stream = n % 10 ? EventStream::Stdout : EventStream::Stderr;
        event.eventType = QString(EventType::Output);
        event.payloadText = line;
        event.occurredAt = isoTimestamp(base.addMSecs(n));
        batch << event;
        return batch.size() < batchSize || flush();
    };
    for (qint64 n = 0; n < bigRunEvents; ++n) {
        if (!add(*bigRunId, n))
            return false;
    }
    const qint64 rest = eventCount - bigRunEvents;
    const int others = runCount - 1;
    for (qint64 n = 0; n < rest; ++n) {
        if (!add(ids.at(int(n % others)), n))
            return false;
    }
    if (!batch.isEmpty() && !flush())
        return false;
    print(QStringLiteral("generated %1 events in %2 s").arg(written).arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    return true;
}

struct HistoryFigures
{
    bool ok = false;
    QList<std::pair<QString, QList<double>>> rows; // measurement, times in ms
};

// What the window does at start (open: pragmas + migration check, then the first page), then
// scrolling (keyset pages) and the filters of the history pane, each a fresh first page.
HistoryFigures measureHistory(const DatabaseLocation &location, int repetitions)
{
    HistoryFigures figures;
    QList<double> openTimes;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        StoreResult<std::unique_ptr<Database>> database = Database::open(location, QStringLiteral("bench-open"));
        if (!database) {
            print(database.errorMessage());
            return figures;
        }
        ExecutionRepository repository(**database);
        RunHistoryModel model(&repository);
        model.fetchMore();
        const double elapsed = timer.nsecsElapsed() / 1e6;
        if (model.rowCount() != RunHistoryModel::PageSize) {
            print(QStringLiteral("first page has %1 rows").arg(model.rowCount()));
            return figures;
        }
        openTimes << elapsed;
    }
    figures.rows.append({QStringLiteral("open + migration check + first page (%1 rows)").arg(RunHistoryModel::PageSize), openTimes});

    StoreResult<std::unique_ptr<Database>> database = Database::open(location, QStringLiteral("bench-history"));
    ExecutionRepository repository(**database);
    RunHistoryModel model(&repository);
    model.fetchMore();
    QList<double> pageTimes;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        model.fetchMore();
        pageTimes << timer.nsecsElapsed() / 1e6;
    }
    figures.rows.append({QStringLiteral("next page (keyset, rows %1..%2)").arg(RunHistoryModel::PageSize).arg(model.rowCount()),
                         pageTimes});

    RunHistoryModel::Filter failed;
    failed.statuses = {RunStatus::Failed};
    RunHistoryModel::Filter feature;
    feature.featureId = QStringLiteral("feature-17");
    RunHistoryModel::Filter text;
    text.text = QStringLiteral("execute-phase 3");
    const QList<std::pair<QString, RunHistoryModel::Filter>> filters = {
        {QStringLiteral("status filter `failed`, first page"), failed},
        {QStringLiteral("feature filter (1 of 250 features), first page"), feature},
        {QStringLiteral("text filter (1 run in 7 matches), first page"), text},
    };
    for (const auto &[name, filter] : filters) {
        QList<double> times;
        for (int i = 0; i < repetitions; ++i) {
            model.setFilter({});
            QElapsedTimer timer;
            timer.start();
            model.setFilter(filter);
            model.fetchMore();
            times << timer.nsecsElapsed() / 1e6;
            if (model.rowCount() != RunHistoryModel::PageSize) {
                print(QStringLiteral("%1: %2 rows").arg(name).arg(model.rowCount()));
                return figures;
            }
        }
        figures.rows.append({name, times});
    }
    figures.ok = true;
    return figures;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Store benchmark: open + first history page, and an event page."));
    parser.addHelpOption();
    const QCommandLineOption databaseOption(QStringLiteral("database"), QStringLiteral("SQLite file (kept between runs)."),
                                            QStringLiteral("PATH"), QStringLiteral("bench-store.db"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs to generate."), QStringLiteral("N"),
                                        QStringLiteral("100000"));
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("Events to generate."), QStringLiteral("N"),
                                          QStringLiteral("5000000"));
    const QCommandLineOption repetitionsOption(QStringLiteral("repetitions"), QStringLiteral("Repetitions per measurement."),
                                               QStringLiteral("N"), QStringLiteral("11"));
    const QCommandLineOption noComparisonOption(QStringLiteral("no-comparison"),
                                                QStringLiteral("Skip the history measured without the workbench_ indexes."));
    parser.addOptions({databaseOption, runsOption, eventsOption, repetitionsOption, noComparisonOption});
    parser.process(app);
    const int runCount = parser.value(runsOption).toInt();
    const qint64 eventCount = parser.value(eventsOption).toLongLong();
    const int repetitions = std::max(1, parser.value(repetitionsOption).toInt());
    const qint64 bigRunEvents = std::min<qint64>(eventCount, eventCount / 5); // 1,000,000 of 5,000,000

    const StoreResult<DatabaseLocation> location = parseDatabaseLocation(parser.value(databaseOption));
    if (!location) {
        print(location.errorMessage());
        return 2;
    }
    QString bigRunId;
    {
        StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench-setup"));
        if (!database) {
            print(database.errorMessage());
            return 2;
        }
        if (count(**database, "execution_runs") != runCount || count(**database, "execution_run_events") != eventCount) {
            database->reset();
            QFile::remove(location->sqlitePath);
            QFile::remove(location->sqlitePath + QStringLiteral("-wal"));
            QFile::remove(location->sqlitePath + QStringLiteral("-shm"));
            database = Database::open(*location, QStringLiteral("bench-generate"));
            if (!database || !generate(**database, runCount, eventCount, bigRunEvents, &bigRunId))
                return 2;
            QSqlQuery((*database)->connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        RunQuery newest;
        newest.limit = 1;
        bigRunId = (*ExecutionRepository(**database).listRuns(newest)).constFirst().id;
    }
    print(QStringLiteral("database %1: %2 runs, %3 events (%4 in the newest run), file %5 MB")
              .arg(location->sqlitePath)
              .arg(runCount)
              .arg(eventCount)
              .arg(bigRunEvents)
              .arg(QFile(location->sqlitePath).size() / (1024.0 * 1024.0), 0, 'f', 0));

    // 1. The history, with the workbench_ run-history indexes (migration 5) and, for comparison, in
    // the same invocation without them (dropped, measured, created again from their own DDL).
    QList<std::pair<QString, QString>> indexDdl; // name, CREATE statement
    {
        StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench-indexes"));
        QSqlQuery query((*database)->connection());
        query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'execution_runs' "
                                  "AND name LIKE 'workbench\\_%' ESCAPE '\\' ORDER BY name"));
        while (query.next())
            indexDdl.append({query.value(0).toString(), query.value(1).toString()});
    }
    if (indexDdl.isEmpty()) {
        print(QStringLiteral("the database has no workbench_ indexes on execution_runs (an interrupted earlier run?); "
                             "delete the file to generate it again"));
        return 2;
    }
    const HistoryFigures withIndexes = measureHistory(*location, repetitions);
    if (!withIndexes.ok)
        return 2;
    HistoryFigures withoutIndexes;
    if (!parser.isSet(noComparisonOption)) {
        StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench-drop"));
        QSqlQuery query((*database)->connection());
        for (const auto &[name, ddl] : std::as_const(indexDdl))
            query.exec(QStringLiteral("DROP INDEX ") + name);
        withoutIndexes = measureHistory(*location, repetitions);
        for (const auto &[name, ddl] : std::as_const(indexDdl)) {
            if (!query.exec(ddl)) {
                print(QStringLiteral("re-creating %1 failed: %2").arg(name, query.lastError().text()));
                return 2;
            }
        }
        if (!withoutIndexes.ok)
            return 2;
    }
    print(QStringLiteral("| history measurement | with workbench_ indexes | without (CCDash's indexes only) | ratio |"));
    print(QStringLiteral("| --- | --- | --- | --- |"));
    for (qsizetype i = 0; i < withIndexes.rows.size(); ++i) {
        const auto &[name, times] = withIndexes.rows.at(i);
        const QList<double> before = withoutIndexes.ok ? withoutIndexes.rows.at(i).second : QList<double>();
        print(QStringLiteral("| %1 | %2 | %3 | %4 |")
                  .arg(name, describe(times), before.isEmpty() ? QStringLiteral("-") : describe(before),
                       before.isEmpty() ? QStringLiteral("-")
                                        : QStringLiteral("%1x").arg(median(before) / median(times), 0, 'f', 1)));
    }

    StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench-read"));
    ExecutionRepository repository(**database);

    // 2. Output view catching up: 1,000 events after a sequence near the end of the big run.
    const qint64 after = bigRunEvents - 2000;
    {
        QSqlQuery plan((*database)->connection());
        const BoundStatement statement = ExecutionRepository::eventsAfterSequenceStatement(bigRunId, after, 1000, Dialect::Sqlite);
        plan.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql);
        for (const QVariant &value : statement.values)
            plan.addBindValue(value);
        plan.exec();
        while (plan.next())
            print(QStringLiteral("event page query plan: ") + plan.value(3).toString());
    }
    QList<double> eventTimes;
    for (int i = 0; i < repetitions * 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        const StoreResult<EventPage> page = repository.listEventsAfterSequence(bigRunId, after, 1000);
        const double elapsed = timer.nsecsElapsed() / 1e6;
        if (!page || page->items.size() != 1000 || page->items.constFirst().sequenceNo != after + 1) {
            print(QStringLiteral("event page wrong: %1").arg(page ? page->items.size() : -1));
            return 2;
        }
        eventTimes << elapsed;
    }
    print(QStringLiteral("1,000 events after sequence %1 of %2: %3").arg(after).arg(bigRunEvents).arg(describe(eventTimes)));

    // The write side the runtime's event writer uses: one batch of 100 output events.
    QList<double> appendTimes;
    for (int i = 0; i < repetitions; ++i) {
        QList<RunEvent> events;
        for (int n = 0; n < 100; ++n) {
            RunEvent event;
            event.runId = bigRunId;
            event.stream = EventStream::Stdout;
            event.eventType = QString(EventType::Output);
            event.payloadText = QStringLiteral("line %1\n").arg(n);
            events << event;
        }
        QElapsedTimer timer;
        timer.start();
        const StoreResult<QList<RunEvent>> stored = repository.appendRunEvents(events);
        appendTimes << timer.nsecsElapsed() / 1e6;
        if (!stored) {
            print(stored.errorMessage());
            return 2;
        }
    }
    // Keep the file at its generated size for the next invocation.
    QSqlQuery cleanup((*database)->connection());
    cleanup.prepare(QStringLiteral("DELETE FROM execution_run_events WHERE run_id = ? AND sequence_no > ?"));
    cleanup.addBindValue(bigRunId);
    cleanup.addBindValue(bigRunEvents);
    cleanup.exec();
    print(QStringLiteral("append one batch of 100 events (one transaction): %1").arg(describe(appendTimes)));
    return 0;
}
