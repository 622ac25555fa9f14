// Store benchmark (not a ctest test): a SQLite history of 100,000 runs and 5,000,000 events,
// generated once through the repository's batch append, then
//   1. open + migration check + RunHistoryModel's first page   (target < 200 ms)
//   2. one page of 1,000 events after a sequence near the end  (target < 5 ms)
// Figures are medians of several repetitions; see docs/performance.md for the command.
#include "models/database.h"
#include "models/executionrepository.h"
#include "models/runhistorymodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
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
    parser.addOptions({databaseOption, runsOption, eventsOption, repetitionsOption});
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

    // 1. What the window does at start: open (pragmas + migration check) and show the first page.
    QList<double> openTimes;
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench-open"));
        if (!database) {
            print(database.errorMessage());
            return 2;
        }
        ExecutionRepository repository(**database);
        RunHistoryModel model(&repository);
        model.fetchMore();
        const double elapsed = timer.nsecsElapsed() / 1e6;
        if (model.rowCount() != RunHistoryModel::PageSize) {
            print(QStringLiteral("first page has %1 rows").arg(model.rowCount()));
            return 2;
        }
        openTimes << elapsed;
    }
    print(QStringLiteral("open + migrate check + first history page (%1 rows): %2")
              .arg(RunHistoryModel::PageSize).arg(describe(openTimes)));

    StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench-read"));
    ExecutionRepository repository(**database);

    // Scrolling: the next pages of the history (keyset paging).
    {
        RunHistoryModel model(&repository);
        model.fetchMore();
        QList<double> pageTimes;
        for (int i = 0; i < repetitions; ++i) {
            QElapsedTimer timer;
            timer.start();
            model.fetchMore();
            pageTimes << timer.nsecsElapsed() / 1e6;
        }
        print(QStringLiteral("next history page (rows %1..%2): %3")
                  .arg(RunHistoryModel::PageSize)
                  .arg(model.rowCount())
                  .arg(describe(pageTimes)));
        RunHistoryModel::Filter failed;
        failed.statuses = {RunStatus::Failed};
        QList<double> filterTimes;
        for (int i = 0; i < repetitions; ++i) {
            model.setFilter({});
            QElapsedTimer timer;
            timer.start();
            model.setFilter(failed);
            model.fetchMore();
            filterTimes << timer.nsecsElapsed() / 1e6;
        }
        print(QStringLiteral("status filter 'failed', first page: %1").arg(describe(filterTimes)));
    }

    // 2. Output view catching up: 1,000 events after a sequence near the end of the big run.
    QList<double> eventTimes;
    const qint64 after = bigRunEvents - 2000;
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
