// Load: N concurrent runs, each printing SIZE of output, through the real session (runtime ->
// execution service -> event writer -> SQLite) while the real MainWindow follows one of them in
// its live output view. Reports:
//   * every byte stored: per run, the stored stdout (SUM(LENGTH(payload_text)) of its output events)
//     must equal what the command wrote, and the run must end `succeeded`, or the benchmark fails;
//   * the window's responsiveness: a 10 ms precise timer on the UI thread records the gaps between
//     its ticks (the event-loop stall a user would feel), max and p99, wall and UI-thread CPU;
//   * peak RSS of the whole app (getrusage), wall time and aggregate MB/s.
// The command is the test helper's flood pattern (tests/support/childhelper), approved through the
// service's own approval path, as a user would approve it.
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target bench_load workbench_childhelper
//   QT_QPA_PLATFORM=offscreen build-release/tests/bench/bench_load [RUNS=20] [MIB_PER_RUN=50]
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "models/database.h"
#include "policy/policyengine.h"
#include "ui/mainwindow.h"
#include "ui/outputview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace workbench;

namespace {

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p * double(values.size() - 1) + 0.5))];
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
                                          : QStringLiteral("?");
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int runs = args.value(1, QStringLiteral("20")).toInt();
    const qint64 mibPerRun = args.value(2, QStringLiteral("50")).toLongLong();
    const qint64 bytesPerRun = mibPerRun * 1024 * 1024;

    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", dir.filePath(QStringLiteral("data")).toUtf8());
    const QString workspace = dir.filePath(QStringLiteral("workspace"));
    QDir().mkpath(workspace + QStringLiteral("/tools"));
    const QString helper = workspace + QStringLiteral("/tools/childhelper");
    if (!QFile::copy(QStringLiteral(WORKBENCH_CHILDHELPER), helper)) {
        std::fprintf(stderr, "cannot copy the child helper\n");
        return 1;
    }
    QFile::setPermissions(helper, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    auto context = app::WorkbenchContext::open(dir.filePath(QStringLiteral("workbench.db")));
    if (!context) {
        std::fprintf(stderr, "%s\n", qPrintable(context.errorMessage()));
        return 1;
    }
    app::WorkbenchSession::Options options;
    options.ccdashUrlOverride = QStringLiteral("http://127.0.0.1:9"); // nothing listens: offline, as allowed
    options.loadToken = false;
    options.settings.adHocWorkspace = workspace;
    options.settings.notifyWhenDone = false;
    const auto engine = std::make_shared<policy::PolicyEngine>();
    options.evaluator = [engine](const policy::PolicyRequest &request) { return engine->evaluate(request); };
    auto session = app::WorkbenchSession::create(**context, options);
    if (!session) {
        std::fprintf(stderr, "%s\n", qPrintable(session.errorMessage()));
        return 1;
    }
    ui::MainWindow window(**session);
    window.resize(1400, 900);
    window.show();

    execution::ExecutionService &service = (*session)->execution();
    QStringList runIds;
    int finished = 0;
    QObject::connect(&service, &execution::ExecutionService::runFinished, &app, [&](const models::ExecutionRun &) {
        if (++finished == runs)
            app.quit();
    });

    // The UI thread's heartbeat: gaps between 10 ms ticks, from the first run's start to the last's end.
    std::vector<double> wallGaps;
    std::vector<double> cpuGaps;
    // (start ms, length ms) of gaps over BENCH_LONG_GAP_MS (default 50 ms, the output view's stall target)
    const double longGapMs = qEnvironmentVariableIsSet("BENCH_LONG_GAP_MS") ? qEnvironmentVariableIntValue("BENCH_LONG_GAP_MS") : 50;
    std::vector<std::pair<double, double>> longGaps;
    QElapsedTimer wall;
    double lastWall = 0;
    double lastCpu = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(10);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        const double nowWall = double(wall.nsecsElapsed()) / 1e6;
        const double nowCpu = threadCpuMs();
        wallGaps.push_back(nowWall - lastWall);
        if (nowWall - lastWall > longGapMs)
            longGaps.push_back({lastWall, nowWall - lastWall});
        cpuGaps.push_back(nowCpu - lastCpu);
        lastWall = nowWall;
        lastCpu = nowCpu;
    });

    // The runs are started one per turn of the event loop, as a user starting them one after another
    // would (each start evaluates the policy and writes the run synchronously); the heartbeat runs
    // in between, so a start shows as its own gap.
    int started = 0;
    std::function<void()> startNext = [&] {
        execution::RunRequest request;
        request.command = QStringLiteral("./tools/childhelper flood:%1M").arg(mibPerRun);
        request.workspace = workspace;
        request.outputCapBytes = 0; // keep everything: the point is to store every byte
        auto run = service.createRun(request);
        if (run && run->status == models::RunStatus::Blocked)
            run = service.approve(run->id, QStringLiteral("load benchmark"));
        if (!run || !service.isActive(run->id)) {
            std::fprintf(stderr, "run %d did not start: %s\n", started,
                         run ? qPrintable(models::toString(run->status)) : qPrintable(run.errorMessage()));
            app.exit(1);
            return;
        }
        runIds << run->id;
        if (started == 0)
            window.showRun(run->id); // the window follows the first run live
        if (++started < runs)
            QTimer::singleShot(0, &app, startNext);
    };
    QTimer::singleShot(0, &app, [&] {
        wall.start();
        lastCpu = threadCpuMs();
        heartbeat.start();
        startNext();
    });
    if (app.exec() != 0)
        return 1;
    heartbeat.stop();
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const bool following = window.outputView()->textView()->isFollowingTail();

    // Every byte stored, per run.
    models::Database &database = (*context)->database();
    bool allStored = true;
    qint64 storedTotal = 0;
    for (const QString &runId : std::as_const(runIds)) {
        QSqlQuery query(database.connection());
        query.prepare(QStringLiteral("SELECT COALESCE(SUM(LENGTH(payload_text)), 0), COUNT(*) FROM execution_run_events "
                                     "WHERE run_id = ? AND stream = 'stdout' AND event_type = 'output'"));
        query.addBindValue(runId);
        const bool ok = query.exec() && query.next();
        const qint64 stored = ok ? query.value(0).toLongLong() : -1;
        const auto run = (*context)->executions().getRun(runId);
        const QString status = run ? models::toString(run->status) : QStringLiteral("?");
        std::printf("run %s: %lld bytes stored in %lld events, %s\n", qPrintable(runId.left(8)), stored,
                    ok ? query.value(1).toLongLong() : -1LL, qPrintable(status));
        if (stored != bytesPerRun || status != QLatin1String("succeeded"))
            allStored = false;
        storedTotal += std::max<qint64>(stored, 0);
    }

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("\n%d runs x %lld MiB, window following run 1 (still following at the end: %s)\n", runs, mibPerRun,
                following ? "yes" : "no");
    std::printf("wall %.1f s, %.1f MB/s stored in aggregate, load average at the end %s\n", seconds,
                double(storedTotal) / 1e6 / seconds, qPrintable(loadAverage()));
    std::printf("stored %lld of %lld bytes: %s\n", storedTotal, bytesPerRun * runs, allStored ? "every byte" : "MISSING BYTES");
    std::printf("UI heartbeat (10 ms timer), %zu ticks: wall gap p50 %.1f / p99 %.1f / max %.1f ms; "
                "UI-thread CPU per gap p99 %.1f / max %.1f ms\n",
                wallGaps.size(), percentile(wallGaps, 0.5), percentile(wallGaps, 0.99), percentile(wallGaps, 1.0),
                percentile(cpuGaps, 0.99), percentile(cpuGaps, 1.0));
    std::printf("peak RSS %.1f MiB\n", double(usage.ru_maxrss) / 1024.0);
    std::printf("gaps over %.0f ms: %zu", longGapMs, longGaps.size());
    for (std::size_t i = 0; i < std::min<std::size_t>(longGaps.size(), 12); ++i)
        std::printf("%s%.0f ms at %.1f s", i ? ", " : " (", longGaps[i].second, longGaps[i].first / 1e3);
    std::printf("%s\n", longGaps.empty() ? "" : longGaps.size() > 12 ? ", ...)" : ")");
    return allStored ? 0 : 2;
}
