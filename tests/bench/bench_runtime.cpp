// Runtime throughput: the same generator (tests/support/childhelper flood) read
//   (a) by a bare QProcess that only counts bytes, and
//   (b) through the whole pipeline: RunSupervisor -> ExecutionService -> EventWriter -> SQLite,
// alternately, several rounds in one process. Reports MB/s of each, their ratio, peak RSS of the
// pipeline rounds, and the time from the last byte read to the final status being stored.
// Every byte is accounted for: the stored output must add up to exactly what was written.
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target bench_runtime workbench_childhelper
//   build-release/tests/bench/bench_runtime [SIZE_MIB=1024] [ROUNDS=3] [only-pipeline]
// `only-pipeline` skips the bare reader (for profiling the pipeline alone; no ratio then).
//   build-release/tests/bench/bench_runtime trickle [LINES=500] [ROUNDS=3]
// measures the other end: a command that prints a line every 10 ms (a build log), and the bytes
// the whole process writes to disk for it (/proc/self/io write_bytes: WAL, checkpoints, database).
// BENCH_PAGE_SIZE=N creates the database with N-byte pages, to compare page sizes with one build;
// BENCH_FLUSH_MS=N sets the event writer's flush interval (how long a lone event waits for company);
// BENCH_CHECKPOINTS=writer leaves WAL checkpoints inside the writer's commits (SQLite's default)
// instead of on the background thread. Each flood round also times the disk ceiling: the bytes a
// WAL store must write twice, with the checkpoints' fdatasync(), without SQLite or any CPU work.
#include "app/execution/executionservice.h"
#include "app/execution/policyevaluator.h"
#include "models/database.h"
#include "models/eventwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

#include <unistd.h>

using namespace workbench;

namespace {

qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5"); // resets VmHWM to the current RSS (Linux >= 4.0)
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

struct BareResult
{
    double seconds = 0;
    qint64 bytes = 0;
};

BareResult runBare(const QString &helper, qint64 size)
{
    QProcess process;
    process.setProgram(helper);
    process.setArguments({QStringLiteral("flood:%1").arg(size)});
    process.setStandardInputFile(QProcess::nullDevice());
    qint64 counted = 0;
    QEventLoop loop;
    QObject::connect(&process, &QProcess::readyReadStandardOutput, &loop,
                     [&] { counted += process.readAllStandardOutput().size(); });
    QObject::connect(&process, &QProcess::finished, &loop, [&] {
        counted += process.readAllStandardOutput().size();
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    process.start();
    loop.exec();
    return {double(timer.nsecsElapsed()) / 1e9, counted};
}

// BENCH_PAGE_SIZE=N: the database file is created with N-byte pages before the store opens it
// (SQLite keeps a file's page size), to compare page sizes side by side with the same build.
void precreateWithPageSize(const QString &path)
{
    const int pageSize = qEnvironmentVariableIntValue("BENCH_PAGE_SIZE");
    if (pageSize <= 0)
        return;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-precreate"));
        raw.setDatabaseName(path);
        if (raw.open()) {
            QSqlQuery query(raw);
            query.exec(QStringLiteral("PRAGMA page_size=%1").arg(pageSize));
            query.exec(QStringLiteral("CREATE TABLE bench_page_size(x)"));
            query.exec(QStringLiteral("DROP TABLE bench_page_size"));
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-precreate"));
}

// The least disk work a durable WAL store must do for SIZE bytes of output, without SQLite or any
// CPU work: SIZE written to one file (the WAL) and SIZE to another (the database, at checkpoints),
// in 1 MiB writes, both fdatasync()ed every 64 MiB as each checkpoint does. Output MB/s through this
// is the pipeline's ceiling on this disk (a bare reader writes nothing).
double diskCeilingSeconds(const QString &directory, qint64 size)
{
    const QByteArray block(1024 * 1024, 'x');
    QFile wal(directory + QStringLiteral("/ceiling-wal"));
    QFile db(directory + QStringLiteral("/ceiling-db"));
    if (!wal.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || !db.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return 0;
    QElapsedTimer timer;
    timer.start();
    for (qint64 written = 0; written < size;) {
        const qint64 step = std::min<qint64>(64 * 1024 * 1024, size - written);
        for (qint64 done = 0; done < step; done += block.size())
            wal.write(block);
        ::fdatasync(wal.handle());
        for (qint64 done = 0; done < step; done += block.size())
            db.write(block);
        ::fdatasync(db.handle());
        written += step;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    wal.remove();
    db.remove();
    return seconds;
}

struct PipelineResult
{
    double seconds = 0;
    double lastByteToFinalMs = 0;
    qint64 storedBytes = 0;
    qint64 receivedBytes = 0;
    qint64 peakRssKiB = 0;
    qint64 events = 0;
    qint64 diskBytes = 0; // written to disk from the run's creation to its final status
    qint64 walBytes = 0;  // the WAL file's size at the end: how far it grew (SQLite overwrites it from the start)
    QString status;
};

qint64 diskBytesWritten()
{
    QFile io(QStringLiteral("/proc/self/io"));
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : io.readAll().split('\n')) {
        if (line.startsWith("write_bytes:"))
            return line.mid(12).trimmed().toLongLong();
    }
    return -1;
}

PipelineResult runPipeline(const QString &workspace, const QString &databasePath, qint64 size,
                           const QString &helperArgument = {})
{
    PipelineResult result;
    QFile::remove(databasePath);
    precreateWithPageSize(databasePath);
    auto location = models::parseDatabaseLocation(databasePath);
    auto database = models::Database::open(*location, QStringLiteral("bench"));
    if (!database) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(databasePath), qPrintable(database.errorMessage()));
        std::exit(1);
    }
    models::EventWriter::Options writerOptions = models::EventWriter::Options::fromEnvironment();
    if (qEnvironmentVariable("BENCH_CHECKPOINTS") == QLatin1String("writer")) // SQLite's own, in the commits
        writerOptions.backgroundCheckpoints = false;
    if (qEnvironmentVariableIsSet("BENCH_FLUSH_MS")) // how long a lone event waits for company
        writerOptions.flushInterval = std::chrono::milliseconds(qEnvironmentVariableIntValue("BENCH_FLUSH_MS"));
    models::EventWriter writer(*location, writerOptions);
    if (!writer.start())
        std::exit(1);
    execution::ExecutionService::Options options;
    options.defaultOutputCapBytes = 0; // keep (and store) every byte
    execution::ExecutionService service(**database, writer, execution::defaultPolicyEvaluator(), options);

    execution::RunRequest request;
    request.command = helperArgument.isEmpty() ? QStringLiteral("./childhelper flood:%1").arg(size)
                                               : QStringLiteral("./childhelper ") + helperArgument;
    request.workspace = workspace;
    QEventLoop loop;
    QElapsedTimer timer;
    qint64 lastOutputNs = 0;
    qint64 finalNs = 0;
    QString runId;
    QObject::connect(&service, &execution::ExecutionService::output, &loop,
                     [&](const QString &, const runtime::OutputChunk &) { lastOutputNs = timer.nsecsElapsed(); });
    QObject::connect(&service, &execution::ExecutionService::runFinished, &loop, [&](const models::ExecutionRun &run) {
        if (run.id != runId)
            return;
        finalNs = timer.nsecsElapsed();
        result.status = models::toString(run.status);
        result.receivedBytes = run.metadata[QStringLiteral("workbench")][QStringLiteral("outcome")][QStringLiteral("stdout")]
                                          [QStringLiteral("receivedBytes")].toInteger();
        loop.quit();
    });
    resetPeakRss();
    const qint64 diskBefore = diskBytesWritten();
    timer.start();
    auto created = service.createRun(request);
    if (created && created->status == models::RunStatus::Blocked && created->requiresApproval)
        created = service.approve(created->id, QStringLiteral("benchmark"));
    if (!created || created->status == models::RunStatus::Blocked) {
        std::fprintf(stderr, "the benchmark run did not start: %s\n", qPrintable(created ? created->id : created.errorMessage()));
        std::exit(1);
    }
    runId = created->id;
    loop.exec();
    result.diskBytes = diskBytesWritten() - diskBefore;
    result.seconds = double(finalNs) / 1e9;
    result.lastByteToFinalMs = double(finalNs - lastOutputNs) / 1e6;
    result.peakRssKiB = statusKiB("VmHWM:");
    result.walBytes = QFileInfo(databasePath + QStringLiteral("-wal")).size();

    QSqlQuery sum((*database)->connection());
    sum.prepare(QStringLiteral("SELECT COALESCE(SUM(LENGTH(payload_text)), 0), COUNT(*) FROM execution_run_events "
                               "WHERE run_id = ? AND event_type = 'output' AND stream = 'stdout'"));
    sum.addBindValue(runId);
    if (sum.exec() && sum.next()) {
        result.storedBytes = sum.value(0).toLongLong(); // the pattern is ASCII: characters == bytes
        result.events = sum.value(1).toLongLong();
    }
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const qint64 sizeMiB = argc > 1 ? QByteArray(argv[1]).toLongLong() : 1024;
    const int rounds = argc > 2 ? QByteArray(argv[2]).toInt() : 3;
    const bool onlyPipeline = argc > 3 && QByteArray(argv[3]) == "only-pipeline";
    const bool trickle = argc > 1 && QByteArray(argv[1]) == "trickle";
    const qint64 size = sizeMiB << 20;

    QTemporaryDir directory;
    const QString workspace = directory.filePath(QStringLiteral("workspace"));
    QDir().mkpath(workspace);
    const QString helper = workspace + QStringLiteral("/childhelper");
    if (!QFile::copy(QCoreApplication::applicationDirPath() + QStringLiteral("/../support/workbench_childhelper"), helper)) {
        std::fprintf(stderr, "build workbench_childhelper first (tests/support)\n");
        return 1;
    }
    QFile::setPermissions(helper, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QString databasePath = directory.filePath(QStringLiteral("bench.db"));

    if (trickle) {
        const int lines = argc > 2 ? QByteArray(argv[2]).toInt() : 500;
        const int trickleRounds = argc > 3 ? QByteArray(argv[3]).toInt() : 3;
        QTextStream out(stdout);
        if (qEnvironmentVariableIsSet("BENCH_PAGE_SIZE"))
            out << "database page size: " << qEnvironmentVariableIntValue("BENCH_PAGE_SIZE") << " bytes\n";
        out << "round | lines | output bytes stored | events | seconds | bytes written to disk | written per output byte\n";
        QList<double> written, perByte;
        for (int round = 1; round <= trickleRounds; ++round) {
            const PipelineResult result = runPipeline(QDir(workspace).canonicalPath(), databasePath, 0,
                                                      QStringLiteral("trickle:%1").arg(lines));
            const qint64 diskBytes = result.diskBytes;
            written << double(diskBytes);
            perByte << double(diskBytes) / double(qMax<qint64>(1, result.storedBytes));
            out << round << " | " << lines << " | " << result.storedBytes << " | " << result.events << " | "
                << QString::number(result.seconds, 'f', 2) << " | " << diskBytes << " | "
                << QString::number(perByte.constLast(), 'f', 0) << '\n';
            out.flush();
        }
        out << "median | | | | | " << qint64(median(written)) << " | " << QString::number(median(perByte), 'f', 0) << '\n';
        return 0;
    }

    QList<double> bareRates, pipelineRates, ratios, tails, rss, ceilings;
    bool complete = true;
    QTextStream out(stdout);
    if (qEnvironmentVariableIsSet("BENCH_PAGE_SIZE"))
        out << "database page size: " << qEnvironmentVariableIntValue("BENCH_PAGE_SIZE") << " bytes\n";
    out << "round | bare MB/s | pipeline MB/s | ratio | last byte -> final status (ms) | peak RSS (MiB) | WAL file (MiB) | events | bytes stored | disk ceiling MB/s | ceiling ratio\n";
    // only-pipeline runs no bare reader and no ceiling: their columns say so instead of a number.
    const auto compared = [onlyPipeline](double value, int decimals) {
        return onlyPipeline ? QStringLiteral("-") : QString::number(value, 'f', decimals);
    };
    for (int round = 1; round <= rounds; ++round) {
        const BareResult bare = onlyPipeline ? BareResult{1, size} : runBare(helper, size);
        const PipelineResult pipeline = runPipeline(QDir(workspace).canonicalPath(), databasePath, size);
        const double ceilingSeconds = onlyPipeline ? 0 : diskCeilingSeconds(directory.path(), size);
        const double ceilingRate = ceilingSeconds > 0 ? double(size) / 1e6 / ceilingSeconds : 0;
        const double bareRate = double(bare.bytes) / 1e6 / bare.seconds;
        const double pipelineRate = double(size) / 1e6 / pipeline.seconds;
        const bool accounted = bare.bytes == size && pipeline.storedBytes == size && pipeline.receivedBytes == size
                               && pipeline.status == QLatin1String("succeeded");
        complete = complete && accounted;
        bareRates << bareRate;
        pipelineRates << pipelineRate;
        ratios << pipelineRate / bareRate;
        tails << pipeline.lastByteToFinalMs;
        rss << double(pipeline.peakRssKiB) / 1024.0;
        out << round << " | " << compared(bareRate, 0) << " | " << qRound(pipelineRate) << " | "
            << compared(pipelineRate / bareRate, 2) << " | " << QString::number(pipeline.lastByteToFinalMs, 'f', 1)
            << " | " << QString::number(double(pipeline.peakRssKiB) / 1024.0, 'f', 1) << " | "
            << QString::number(double(pipeline.walBytes) / 1048576.0, 'f', 1) << " | " << pipeline.events << " | "
            << pipeline.storedBytes << (accounted ? "" : "  INCOMPLETE") << " | " << compared(ceilingRate, 0) << " | "
            << compared(ceilingRate / bareRate, 2) << '\n';
        ceilings << ceilingRate / bareRate;
        out.flush();
    }
    out << "median | " << compared(median(bareRates), 0) << " | " << qRound(median(pipelineRates)) << " | "
        << compared(median(ratios), 2) << " | " << QString::number(median(tails), 'f', 1) << " | "
        << QString::number(median(rss), 'f', 1) << " | | | " << (complete ? "every byte stored" : "BYTES MISSING") << " | | "
        << compared(median(ceilings), 2) << '\n';
    return complete ? 0 : 1;
}
