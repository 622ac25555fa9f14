// Policy engine speed: median and p99 of one evaluation for realistic commands from 10 bytes to 4 KiB
// and for the labelled corpus, and the throughput of `ccdash-workbench policy-check --batch` through a
// pipe. Build in Release (docs/performance.md has the exact commands); prints a Markdown table.
// Each evaluation is timed twice: wall clock, and the thread's own CPU time (what it costs without the
// time a loaded machine's scheduler gives to other processes).
// BENCH_POLICY_ONLY=4096 times only that generated size and skips the corpus and the CLI (for profiling:
// `BENCH_POLICY_ONLY=4096 perf record -g bench_policy`); BENCH_POLICY_ONLY=cli runs only the CLI batch.
// BENCH_POLICY_ROUNDS=N times each generated command N times instead of 167 (for instruction counts under
// callgrind, which do not depend on the machine's load).
#include "policy/policyengine.h"
#include "tests/policy/policycorpus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <vector>

using namespace workbench::policy;
using namespace workbench::policytest;

namespace {

struct Stats
{
    double medianMicros = 0;
    double p99Micros = 0;
    qsizetype samples = 0;
};

struct Timings
{
    Stats wall;
    Stats cpu;
};

qint64 threadCpuNanos()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

Stats summarize(std::vector<qint64> nanos)
{
    std::sort(nanos.begin(), nanos.end());
    Stats stats;
    stats.samples = qsizetype(nanos.size());
    if (nanos.empty())
        return stats;
    stats.medianMicros = double(nanos[nanos.size() / 2]) / 1000.0;
    stats.p99Micros = double(nanos[std::min(nanos.size() - 1, nanos.size() * 99 / 100)]) / 1000.0;
    return stats;
}

// A realistic command of `size` bytes: everyday parts joined into a list, the way agents chain them.
// Only whole parts are used, then an `echo` pads to the exact size: a command cut in the middle of a
// quote would be a syntax error, which the engine rejects without analysing anything.
QString generatedCommand(qsizetype size, int variant)
{
    static const QStringList parts = {
        QStringLiteral("git status --porcelain"),
        QStringLiteral("git log --oneline -20 | head -5"),
        QStringLiteral("grep -rn \"TODO\" src | wc -l"),
        QStringLiteral("find . -name '*.py' -not -path './node_modules/*' | xargs wc -l"),
        QStringLiteral("npm run lint -- --max-warnings=0"),
        QStringLiteral("cd src && ls -la"),
        QStringLiteral("pytest -q tests/test_app.py -k \"login and not slow\""),
        QStringLiteral("echo \"$(git rev-parse --short HEAD)\" > build/sha.txt"),
        QStringLiteral("jq -r '.scripts | keys[]' package.json"),
        QStringLiteral("cargo test --release -- --nocapture"),
        QStringLiteral("sed -n '1,20p' src/main.py"),
        QStringLiteral("rm -rf build/out"),
    };
    if (size <= 12)
        return QStringLiteral("git status").left(size);
    QString command;
    int index = variant;
    for (;;) {
        const QString &part = parts.at(index++ % parts.size());
        const qsizetype grown = command.size() + (command.isEmpty() ? 0 : 4) + part.size();
        if (grown > size)
            break;
        if (!command.isEmpty())
            command += QStringLiteral(" && ");
        command += part;
    }
    const QString pad = command.isEmpty() ? QStringLiteral("echo ") : QStringLiteral(" && echo ");
    if (size - command.size() > pad.size())
        command += pad + QString(size - command.size() - pad.size(), u'x');
    return command;
}

Timings timeEvaluations(const PolicyEngine &engine, const QList<PolicyRequest> &requests, int rounds)
{
    for (const PolicyRequest &request : requests) // warm-up: rule set, caches, allocator
        engine.evaluate(request);
    std::vector<qint64> wallNanos;
    std::vector<qint64> cpuNanos;
    wallNanos.reserve(size_t(requests.size()) * size_t(rounds));
    cpuNanos.reserve(size_t(requests.size()) * size_t(rounds));
    QElapsedTimer timer;
    int sink = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const PolicyRequest &request : requests) {
            const qint64 cpuStart = threadCpuNanos();
            timer.start();
            const PolicyResult result = engine.evaluate(request);
            wallNanos.push_back(timer.nsecsElapsed());
            cpuNanos.push_back(threadCpuNanos() - cpuStart);
            sink += int(result.verdict);
        }
    }
    if (sink < 0)
        std::puts("");
    return Timings{summarize(std::move(wallNanos)), summarize(std::move(cpuNanos))};
}

QString row(const QString &label, const Timings &timings)
{
    const auto micros = [](double value) { return QString::number(value, 'f', 1); };
    return QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
        .arg(label)
        .arg(timings.wall.samples)
        .arg(micros(timings.wall.medianMicros), micros(timings.wall.p99Micros), micros(timings.cpu.medianMicros),
             micros(timings.cpu.p99Micros));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    PolicyWorkspace workspace;
    if (!workspace.isValid()) {
        out << "cannot create the workspace: " << workspace.errorString() << '\n';
        return 1;
    }
    const PolicyEngine engine;
    const auto request = [&](const QString &command, const QString &cwd = QStringLiteral("."),
                             const QString &envProfile = QStringLiteral("default")) {
        PolicyRequest r;
        r.command = command;
        r.workspace = workspace.workspace();
        r.cwd = cwd;
        r.envProfile = envProfile;
        r.home = workspace.home();
        return r;
    };

    out << "| input | samples | wall median µs | wall p99 µs | CPU median µs | CPU p99 µs |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    const qsizetype onlySize = qEnvironmentVariableIntValue("BENCH_POLICY_ONLY");
    const bool onlyCli = qEnvironmentVariable("BENCH_POLICY_ONLY") == QLatin1String("cli");
    // Fewer rounds for instruction counting under callgrind (BENCH_POLICY_ROUNDS=5).
    const int rounds = qEnvironmentVariableIsSet("BENCH_POLICY_ROUNDS") ? qMax(1, qEnvironmentVariableIntValue("BENCH_POLICY_ROUNDS"))
                                                                        : 2000 / 12 + 1;
    for (const qsizetype size : {10, 64, 256, 1024, 4096}) {
        if ((onlySize > 0 && size != onlySize) || onlyCli)
            continue;
        QList<PolicyRequest> requests;
        for (int variant = 0; variant < 12; ++variant) {
            requests << request(generatedCommand(size, variant));
            // Guard the measurement itself: a generated command must be analysed, not refused as syntax.
            if (engine.evaluate(requests.back()).reasonCodes.contains(QStringLiteral("invalid_command_syntax"))) {
                out << "generated command is not valid shell: " << requests.back().command << '\n';
                return 1;
            }
        }
        out << row(QStringLiteral("generated %1 B").arg(size), timeEvaluations(engine, requests, rounds));
        out.flush();
    }

    if (onlySize > 0)
        return 0;
    const CorpusLoad corpus = loadCorpus();
    QList<PolicyRequest> corpusRequests;
    for (const CorpusRow &row : corpus.rows)
        corpusRequests << request(workspace.substitute(row.command), workspace.substitute(row.cwd), row.envProfile);
    if (!onlyCli) {
        out << row(QStringLiteral("corpus (%1 commands)").arg(corpusRequests.size()), timeEvaluations(engine, corpusRequests, 10))
            << '\n';
        out.flush();
    }

    // CLI batch through a pipe: N JSON lines (the corpus, repeated), wall time from start to exit.
    // Arguments: [LINES] [CLI_BINARY]; the binary defaults to the one built next to this benchmark.
    const QStringList arguments = app.arguments();
    const int lines = arguments.size() > 1 ? arguments.at(1).toInt() : 50000;
    const QString cliBinary = arguments.size() > 2 ? arguments.at(2) : QStringLiteral(WORKBENCH_CLI_BINARY);
    QByteArray input;
    for (int i = 0; i < lines; ++i) {
        const PolicyRequest &r = corpusRequests.at(i % corpusRequests.size());
        input += QJsonDocument(QJsonObject{{QStringLiteral("command"), r.command},
                                           {QStringLiteral("cwd"), r.cwd},
                                           {QStringLiteral("envProfile"), r.envProfile}})
                     .toJson(QJsonDocument::Compact)
                 + '\n';
    }
    QProcess cli;
    QElapsedTimer wall;
    wall.start();
    cli.start(cliBinary,
              {QStringLiteral("policy-check"), QStringLiteral("--workspace"), workspace.workspace(), QStringLiteral("--batch")});
    if (!cli.waitForStarted()) {
        out << "cannot start " << cliBinary << '\n';
        return 1;
    }
    cli.write(input);
    cli.closeWriteChannel();
    QByteArray output;
    while (cli.state() != QProcess::NotRunning) {
        cli.waitForReadyRead(1000);
        output += cli.readAllStandardOutput();
    }
    output += cli.readAllStandardOutput();
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const qsizetype answered = output.count('\n');
    // The CLI's own CPU time (user + system): what the batch costs without the other processes' share.
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    const double cpuSeconds = double(children.ru_utime.tv_sec + children.ru_stime.tv_sec)
                              + double(children.ru_utime.tv_usec + children.ru_stime.tv_usec) / 1e6;
    out << "| CLI `policy-check --batch` | lines | wall s | commands/s | CLI CPU s | commands per CPU s |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    out << "| through a pipe | " << answered << " | " << QString::number(seconds, 'f', 2) << " | "
        << QString::number(double(answered) / seconds, 'f', 0) << " | " << QString::number(cpuSeconds, 'f', 2) << " | "
        << QString::number(cpuSeconds > 0 ? double(answered) / cpuSeconds : 0.0, 'f', 0) << " |\n";
    if (answered != lines) {
        out << "expected " << lines << " answers, got " << answered << '\n';
        return 1;
    }
    return 0;
}
