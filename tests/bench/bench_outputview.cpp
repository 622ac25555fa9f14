// Responsiveness of the live output view under a flood.
//
// A feeder delivers output events as fast as the model takes them (it tops the model's queue
// up whenever fewer than --backlog characters are waiting, as the store poller does: it asks
// for events after the last sequence only when the view has caught up). Events mix ANSI colours,
// short and long lines, stderr and carriage-return progress lines. A 1 ms precise heartbeat
// timer records every gap in the event loop; the longest gap and the 99th percentile are the
// stalls a user would feel. Peak RSS comes from getrusage().
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target bench_outputview
//   QT_QPA_PLATFORM=offscreen build-release/tests/bench/bench_outputview --megabytes 200
//   xvfb-run -a build-release/tests/bench/bench_outputview --megabytes 200 [--wrap] [--no-view]

#include "models/runoutputmodel.h"
#include "ui/outputview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTimer>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace workbench;

namespace {

// A pool of realistic event payloads, built once so generating input costs nothing per event.
QList<models::OutputChunk> makeChunkPool(int chunkCharacters)
{
    QRandomGenerator random(42);
    const QStringList words = {"compiling", "src/runtime/runsupervisor.cpp", "warning:", "ok", "PASS", "FAIL",
                               "test_execution_policy", "0.013s", "->", "[100%]", "Linking", "CXX", "object",
                               "libworkbench_models.a", "error:", "expected", "';'", "before", "'}'", "token"};
    const QStringList colours = {"\x1b[31m", "\x1b[32m", "\x1b[1;33m", "\x1b[34m", "\x1b[38;5;208m",
                                 "\x1b[38;2;120;200;80m", "\x1b[2m", "\x1b[4m", "\x1b[7m", "\x1b[48;5;236m"};
    QList<models::OutputChunk> pool;
    for (int c = 0; c < 64; ++c) {
        QString text;
        text.reserve(chunkCharacters + 512);
        while (text.size() < chunkCharacters) {
            const int kind = random.bounded(100);
            if (kind < 2) {
                // A very long line (minified JSON, a long command echo).
                const int length = random.bounded(2000, 12000);
                QString line;
                while (line.size() < length)
                    line += words[random.bounded(words.size())] + u' ';
                text += line + u'\n';
            } else if (kind < 5) {
                // A progress bar redrawn with carriage returns.
                for (int p = 0; p <= 100; p += 20)
                    text += QStringLiteral("Downloading %1%\r").arg(p);
                text += u'\n';
            } else {
                const int count = random.bounded(1, 14);
                for (int w = 0; w < count; ++w) {
                    if (random.bounded(4) == 0)
                        text += colours[random.bounded(colours.size())] + words[random.bounded(words.size())] + "\x1b[0m ";
                    else
                        text += words[random.bounded(words.size())] + u' ';
                }
                text += u'\n';
            }
        }
        models::OutputChunk chunk;
        chunk.stream = c % 10 == 3 ? QStringLiteral("stderr") : QStringLiteral("stdout");
        chunk.eventType = QStringLiteral("output");
        chunk.text = text;
        pool.append(chunk);
    }
    return pool;
}

// CPU time of the GUI thread: on a shared, loaded machine the wall-clock gaps include time the
// scheduler gave to other processes; the CPU-time gaps are what the event loop itself spent.
qint64 threadCpuMicroseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
}

long peakRssKilobytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Output view flood benchmark"));
    parser.addHelpOption();
    const QCommandLineOption megabytesOption(QStringLiteral("megabytes"), QStringLiteral("Output to feed (MB)."),
                                             QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk"), QStringLiteral("Characters per event."),
                                         QStringLiteral("n"), QStringLiteral("16384"));
    const QCommandLineOption backlogOption(QStringLiteral("backlog"),
                                           QStringLiteral("Feed while fewer characters are queued."),
                                           QStringLiteral("n"), QStringLiteral("1048576"));
    const QCommandLineOption wrapOption(QStringLiteral("wrap"), QStringLiteral("Wrap lines."));
    const QCommandLineOption timestampsOption(QStringLiteral("timestamps"), QStringLiteral("Show timestamps."));
    const QCommandLineOption noViewOption(QStringLiteral("no-view"), QStringLiteral("Model only, no widget."));
    const QCommandLineOption searchOption(QStringLiteral("search"), QStringLiteral("Keep a search active."),
                                          QStringLiteral("text"));
    const QCommandLineOption budgetOption(QStringLiteral("budget"), QStringLiteral("Decoding budget per flush (ms)."),
                                          QStringLiteral("ms"), QStringLiteral("0"));
    parser.addOptions({budgetOption, megabytesOption, chunkOption, backlogOption, wrapOption, timestampsOption, noViewOption,
                       searchOption});
    parser.process(app);

    const qint64 totalCharacters = parser.value(megabytesOption).toLongLong() * 1024 * 1024;
    const int chunkCharacters = parser.value(chunkOption).toInt();
    const qint64 backlog = parser.value(backlogOption).toLongLong();
    const QList<models::OutputChunk> pool = makeChunkPool(chunkCharacters);

    models::RunOutputModel model;
    if (parser.value(budgetOption).toInt() > 0)
        model.setFlushBudget(parser.value(budgetOption).toInt());
    std::unique_ptr<ui::OutputView> view;
    if (!parser.isSet(noViewOption)) {
        view = std::make_unique<ui::OutputView>();
        view->setModel(&model);
        view->resize(1100, 700);
        view->wrapAction()->setChecked(parser.isSet(wrapOption));
        view->timestampsAction()->setChecked(parser.isSet(timestampsOption));
        view->show();
        if (parser.isSet(searchOption))
            view->textView()->setSearch(parser.value(searchOption), Qt::CaseInsensitive);
    }

    std::vector<qint64> gapsUs;
    std::vector<qint64> cpuGapsUs;
    gapsUs.reserve(1 << 20);
    cpuGapsUs.reserve(1 << 20);
    qint64 lastCpu = 0;
    QElapsedTimer sinceBeat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        gapsUs.push_back(sinceBeat.nsecsElapsed() / 1000);
        sinceBeat.restart();
        const qint64 cpu = threadCpuMicroseconds();
        cpuGapsUs.push_back(cpu - lastCpu);
        lastCpu = cpu;
    });

    qint64 fed = 0;
    qint64 sequence = 0;
    int next = 0;
    QElapsedTimer wall;
    QTimer feeder;
    feeder.setInterval(0);
    QObject::connect(&feeder, &QTimer::timeout, &app, [&] {
        if (fed >= totalCharacters) {
            if (model.pendingCharacters() == 0) {
                feeder.stop();
                heartbeat.stop();
                QTimer::singleShot(0, &app, &QApplication::quit);
            }
            return;
        }
        // One "poll": a batch of events, as the store reader hands them over.
        for (int i = 0; i < 16 && model.pendingCharacters() < backlog && fed < totalCharacters; ++i) {
            models::OutputChunk chunk = pool[next];
            next = (next + 1) % pool.size();
            chunk.sequence = ++sequence;
            chunk.occurredAt = QDateTime::currentDateTimeUtc();
            fed += chunk.text.size();
            model.append(chunk);
        }
    });

    QTimer::singleShot(200, &app, [&] {
        wall.start();
        sinceBeat.start();
        lastCpu = threadCpuMicroseconds();
        heartbeat.start();
        feeder.start();
    });
    app.exec();
    const double seconds = wall.nsecsElapsed() / 1e9;

    std::vector<qint64> sorted = gapsUs;
    std::sort(sorted.begin(), sorted.end());
    std::vector<qint64> sortedCpu = cpuGapsUs;
    std::sort(sortedCpu.begin(), sortedCpu.end());
    auto percentileOf = [](const std::vector<qint64> &values, double p) -> double {
        if (values.empty())
            return 0;
        const std::size_t index = std::min(values.size() - 1, std::size_t(p * double(values.size())));
        return values[index] / 1000.0;
    };
    auto percentile = [&](double p) { return percentileOf(sorted, p); };
    std::printf("fed_mb=%.1f events=%lld seconds=%.2f throughput_mb_s=%.1f\n", fed / 1048576.0,
                static_cast<long long>(sequence), seconds, fed / 1048576.0 / seconds);
    std::printf("rows=%d dropped_lines=%lld characters_held=%lld\n", model.rowCount(),
                static_cast<long long>(model.droppedLineCount()), static_cast<long long>(model.characterCount()));
    std::printf("heartbeats=%zu gap_ms_p50=%.2f gap_ms_p99=%.2f gap_ms_max=%.2f\n", sorted.size(), percentile(0.50),
                percentile(0.99), sorted.empty() ? 0.0 : sorted.back() / 1000.0);
    std::printf("cpu_gap_ms_p50=%.2f cpu_gap_ms_p99=%.2f cpu_gap_ms_max=%.2f\n", percentileOf(sortedCpu, 0.50),
                percentileOf(sortedCpu, 0.99), sortedCpu.empty() ? 0.0 : sortedCpu.back() / 1000.0);
    std::printf("peak_rss_mb=%.1f\n", peakRssKilobytes() / 1024.0);
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) > 0)
        std::printf("loadavg_1min=%.2f\n", load[0]);
    if (view)
        std::printf("following=%d scroll=%d/%d\n", view->textView()->isFollowingTail(),
                    view->textView()->verticalScrollBar()->value(), view->textView()->verticalScrollBar()->maximum());
    return 0;
}
