// Audit chain benchmark (not a ctest test): event append throughput through
// ExecutionRepository::appendRunEvents with the audit chain off and on, side by side (the two
// modes alternate within each repetition, so both see the same machine load), for several batch
// sizes; then the time to verify one run of many events. SQLite in a temporary folder by default,
// or a PostgreSQL URL as the first argument. See docs/performance.md for the command.
#include "models/auditverifier.h"
#include "models/database.h"
#include "models/executionrepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
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

void print(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

// A typical output chunk: a log line of ~120 bytes; or, with `chunkBytes`, a full 8 KiB chunk as
// the runtime cuts a flood of output.
QList<RunEvent> batchOf(const QString &runId, int size, qint64 first, int chunkBytes = 0)
{
    QList<RunEvent> events;
    events.reserve(size);
    for (int i = 0; i < size; ++i) {
        RunEvent event;
        event.runId = runId;
        event.stream = i % 10 ? EventStream::Stdout : EventStream::Stderr;
        event.eventType = QStringLiteral("output");
        event.payloadText = QStringLiteral("[%1] tests/test_module_%2.py::test_case_%3 PASSED                              [ 42%]\n")
                                .arg(first + i, 8, 10, QLatin1Char('0'))
                                .arg(i % 97)
                                .arg(i);
        if (chunkBytes > 0)
            event.payloadText = event.payloadText.repeated(chunkBytes / event.payloadText.size() + 1).left(chunkBytes);
        events << event;
    }
    return events;
}

// Appends `total` events to a fresh run in batches of `batch`; events per second, or -1.
double appendRate(ExecutionRepository &repository, int batch, int total, int chunkBytes)
{
    ExecutionRun run;
    run.projectId = QStringLiteral("bench");
    run.sourceCommand = QStringLiteral("pytest -q");
    run.normalizedCommand = run.sourceCommand;
    run.cwd = QStringLiteral("/tmp");
    const StoreResult<ExecutionRun> created = repository.createRun(run);
    if (!created) {
        print(QStringLiteral("createRun failed: ") + created.errorMessage());
        return -1;
    }
    QList<QList<RunEvent>> batches;
    for (int done = 0; done < total; done += batch)
        batches << batchOf(created->id, std::min(batch, total - done), done, chunkBytes);
    QElapsedTimer timer;
    timer.start();
    for (const QList<RunEvent> &events : std::as_const(batches)) {
        const StoreResult<QList<RunEvent>> stored = repository.appendRunEvents(events);
        if (!stored) {
            print(QStringLiteral("appendRunEvents failed: ") + stored.errorMessage());
            return -1;
        }
    }
    return total / (timer.nsecsElapsed() / 1e9);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Audit chain cost: event appends with and without the chain; verification."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("DATABASE"), QStringLiteral("postgresql://... (default: a temporary SQLite file)"));
    const QCommandLineOption repetitionsOption(QStringLiteral("repetitions"), QStringLiteral("Repetitions (default 7)."),
                                               QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption verifyOption(QStringLiteral("verify-events"), QStringLiteral("Events of the verified run (default 100000)."),
                                          QStringLiteral("N"), QStringLiteral("100000"));
    parser.addOptions({repetitionsOption, verifyOption});
    parser.process(app);
    const int repetitions = std::max(1, parser.value(repetitionsOption).toInt());
    const int verifyEvents = std::max(1, parser.value(verifyOption).toInt());

    QTemporaryDir folder;
    // The seal key too stays in the temporary folder.
    qputenv("CCDASH_WORKBENCH_AUDIT_KEY_FILE", QFile::encodeName(folder.filePath(QStringLiteral("keys/audit-seal.key"))));
    const QString url = parser.positionalArguments().isEmpty() ? folder.filePath(QStringLiteral("bench.db"))
                                                               : parser.positionalArguments().constFirst();
    const StoreResult<DatabaseLocation> location = parseDatabaseLocation(url);
    if (!location) {
        print(location.errorMessage());
        return 2;
    }
    StoreResult<std::unique_ptr<Database>> database = Database::open(*location, QStringLiteral("bench"));
    if (!database) {
        print(database.errorMessage());
        return 2;
    }
    if (!auditSealKey().isValid()) {
        print(QStringLiteral("no seal key: ") + auditSealKey().problem);
        return 2;
    }
    ExecutionRepository plain(**database);
    plain.setAuditChaining(false);
    ExecutionRepository chained(**database);
    print(QStringLiteral("store: %1, %2 repetitions, Qt %3")
              .arg((*location).dialect == Dialect::Sqlite ? QStringLiteral("SQLite (temporary file)") : QStringLiteral("PostgreSQL"))
              .arg(repetitions)
              .arg(QString::fromLatin1(qVersion())));

    struct Scenario
    {
        int batch;
        int total;
        int chunkBytes; // 0 = one ~120-byte line per event
    };
    // 1 = a lone event (a status change), 100 = a busy stream, 1024 = the writer's largest batch;
    // 8 KiB chunks in batches of 1024 (8 MiB, the writer's byte limit) = a flood of output.
    for (const Scenario scenario : {Scenario{1, 2000, 0}, Scenario{100, 20000, 0}, Scenario{1024, 51200, 0},
                                    Scenario{1024, 8192, 8192}}) {
        QList<double> off, on;
        for (int repetition = 0; repetition < repetitions; ++repetition) {
            // Alternate which mode goes first, so neither always gets the warmer cache.
            const bool chainFirst = repetition % 2;
            const double first = appendRate(chainFirst ? chained : plain, scenario.batch, scenario.total, scenario.chunkBytes);
            const double second = appendRate(chainFirst ? plain : chained, scenario.batch, scenario.total, scenario.chunkBytes);
            if (first < 0 || second < 0)
                return 1;
            (chainFirst ? on : off) << first;
            (chainFirst ? off : on) << second;
        }
        const double medianOff = median(off);
        const double medianOn = median(on);
        print(QStringLiteral("batch %1 x %2 (%3 events/run): without chain %4 events/s, with chain %5 events/s, ratio %6")
                  .arg(scenario.batch, 4)
                  .arg(scenario.chunkBytes ? QStringLiteral("8 KiB") : QStringLiteral("line "))
                  .arg(scenario.total)
                  .arg(medianOff, 0, 'f', 0)
                  .arg(medianOn, 0, 'f', 0)
                  .arg(medianOn / medianOff, 0, 'f', 2));
    }

    // Verification: one chained run of `verifyEvents` events.
    ExecutionRun run;
    run.projectId = QStringLiteral("bench");
    run.sourceCommand = QStringLiteral("make -j8");
    run.normalizedCommand = run.sourceCommand;
    run.cwd = QStringLiteral("/tmp");
    const StoreResult<ExecutionRun> created = chained.createRun(run);
    if (!created)
        return 1;
    for (int done = 0; done < verifyEvents; done += 1024) {
        if (!chained.appendRunEvents(batchOf(created->id, std::min(1024, verifyEvents - done), done)))
            return 1;
    }
    QList<double> verifyTimes;
    const AuditChainVerifier verifier(**database);
    for (int repetition = 0; repetition < repetitions; ++repetition) {
        QElapsedTimer timer;
        timer.start();
        const StoreResult<RunAuditReport> report = verifier.verifyRun(created->id);
        verifyTimes << timer.nsecsElapsed() / 1e6;
        if (!report || report->verdict != AuditVerdict::Verified) {
            print(QStringLiteral("verification failed"));
            return 1;
        }
    }
    const double verifyMs = median(verifyTimes);
    print(QStringLiteral("verify one run of %1 events: median %2 ms (%3 events/s)")
              .arg(verifyEvents)
              .arg(verifyMs, 0, 'f', 1)
              .arg(verifyEvents / (verifyMs / 1000), 0, 'f', 0));
    return 0;
}
