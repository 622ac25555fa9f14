// Policy engine speed: median and p99 of one evaluation for realistic commands from 10 bytes to 4 KiB
// and for the labelled corpus, and the throughput of `ccdash-workbench policy-check --batch` through a
// pipe. Build in Release (docs/performance.md has the exact commands); prints a Markdown table.
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

// A realistic command of about `size` bytes: everyday parts joined into a list, the way agents chain them.
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
    while (command.size() < size) {
        if (!command.isEmpty())
            command += QStringLiteral(" && ");
        command += parts.at(index++ % parts.size());
    }
    return command.left(size).trimmed();
}

Stats timeEvaluations(const PolicyEngine &engine, const QList<PolicyRequest> &requests, int rounds)
{
    for (const PolicyRequest &request : requests) // warm-up: rule set, caches, allocator
        engine.evaluate(request);
    std::vector<qint64> nanos;
    nanos.reserve(size_t(requests.size()) * size_t(rounds));
    QElapsedTimer timer;
    int sink = 0;
    for (int round = 0; round < rounds; ++round) {
        for (const PolicyRequest &request : requests) {
            timer.start();
            const PolicyResult result = engine.evaluate(request);
            nanos.push_back(timer.nsecsElapsed());
            sink += int(result.verdict);
        }
    }
    if (sink < 0)
        std::puts("");
    return summarize(std::move(nanos));
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

    out << "| input | samples | median µs | p99 µs |\n| --- | ---: | ---: | ---: |\n";
    for (const qsizetype size : {10, 64, 256, 1024, 4096}) {
        QList<PolicyRequest> requests;
        for (int variant = 0; variant < 12; ++variant)
            requests << request(generatedCommand(size, variant));
        const Stats stats = timeEvaluations(engine, requests, 2000 / 12 + 1);
        out << "| generated " << size << " B | " << stats.samples << " | " << QString::number(stats.medianMicros, 'f', 1)
            << " | " << QString::number(stats.p99Micros, 'f', 1) << " |\n";
        out.flush();
    }

    const CorpusLoad corpus = loadCorpus();
    QList<PolicyRequest> corpusRequests;
    for (const CorpusRow &row : corpus.rows)
        corpusRequests << request(workspace.substitute(row.command), workspace.substitute(row.cwd), row.envProfile);
    const Stats corpusStats = timeEvaluations(engine, corpusRequests, 10);
    out << "| corpus (" << corpusRequests.size() << " commands) | " << corpusStats.samples << " | "
        << QString::number(corpusStats.medianMicros, 'f', 1) << " | " << QString::number(corpusStats.p99Micros, 'f', 1)
        << " |\n\n";
    out.flush();

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
    out << "| CLI `policy-check --batch` | lines | seconds | commands/s |\n| --- | ---: | ---: | ---: |\n";
    out << "| through a pipe | " << answered << " | " << QString::number(seconds, 'f', 2) << " | "
        << QString::number(double(answered) / seconds, 'f', 0) << " |\n";
    if (answered != lines) {
        out << "expected " << lines << " answers, got " << answered << '\n';
        return 1;
    }
    return 0;
}
