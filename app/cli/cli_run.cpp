// `ccdash-workbench run`: judge, record and run one command headlessly, streaming its output to
// the terminal (stdout to stdout, stderr to stderr) and exiting with the command's status.
#include "app/cli/cli_run.h"
#include "app/execution/executionservice.h"
#include "app/execution/policyevaluator.h"
#include "models/database.h"
#include "models/databaselocation.h"
#include "models/eventwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace workbench::cli {

namespace {

enum RunExitCode : int {
    ExitNeedsApproval = 3,
    ExitDenied = 4,
    ExitIoError = 74,         // EX_IOERR: the audit store failed during the run
    ExitTimedOut = 124,       // as timeout(1)
    ExitCannotExecute = 126,  // as a shell: found but not executable
    ExitNotFound = 127,       // as a shell: command not found
};

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("workbench::cli", text, disambiguation, n);
}

// "10", "512K", "10M", "1G" (powers of 1024); 0 = no cap.
std::optional<qint64> parseSize(const QString &text)
{
    QString digits = text.trimmed();
    qint64 multiplier = 1;
    if (!digits.isEmpty()) {
        const QChar suffix = digits.back().toUpper();
        if (suffix == QLatin1Char('K') || suffix == QLatin1Char('M') || suffix == QLatin1Char('G')) {
            multiplier = suffix == QLatin1Char('K') ? 1024 : suffix == QLatin1Char('M') ? 1024 * 1024 : 1024 * 1024 * 1024;
            digits.chop(1);
        }
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (!ok || value < 0 || value > std::numeric_limits<qint64>::max() / multiplier)
        return std::nullopt;
    return value * multiplier;
}

// POSIX shell quoting for joining separate argv words into one command line.
QString shellQuote(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\"'\"'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

// SIGINT/SIGTERM -> a byte on a pipe -> QSocketNotifier: the handler itself does nothing else.
int interruptPipe[2] = {-1, -1};
volatile sig_atomic_t lastSignal = 0;

void onInterruptSignal(int signal)
{
    const int savedErrno = errno;
    lastSignal = signal;
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(interruptPipe[1], &byte, 1);
    errno = savedErrno;
}

class InterruptHandler
{
public:
    InterruptHandler()
    {
        if (::pipe2(interruptPipe, O_CLOEXEC | O_NONBLOCK) != 0)
            return;
        struct sigaction action = {};
        action.sa_handler = onInterruptSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &action, &m_previousInt);
        ::sigaction(SIGTERM, &action, &m_previousTerm);
        ::sigaction(SIGHUP, &action, &m_previousHup);
        m_installed = true;
    }
    ~InterruptHandler()
    {
        if (!m_installed)
            return;
        ::sigaction(SIGINT, &m_previousInt, nullptr);
        ::sigaction(SIGTERM, &m_previousTerm, nullptr);
        ::sigaction(SIGHUP, &m_previousHup, nullptr);
        ::close(interruptPipe[0]);
        ::close(interruptPipe[1]);
        interruptPipe[0] = interruptPipe[1] = -1;
    }
    int readFd() const { return m_installed ? interruptPipe[0] : -1; }

private:
    bool m_installed = false;
    struct sigaction m_previousInt = {};
    struct sigaction m_previousTerm = {};
    struct sigaction m_previousHup = {};
};

void writeRaw(QTextStream &stream, const runtime::OutputChunk &chunk)
{
    // Real terminals and pipes get the exact bytes; test buffers (string streams) get the text.
    if (QIODevice *device = stream.device()) {
        stream.flush();
        device->write(chunk.bytes);
        if (auto *file = qobject_cast<QFileDevice *>(device))
            file->flush();
        return;
    }
    stream << chunk.text;
}

QString reasonList(const models::ExecutionRun &run, const models::RunEvent *policyEvent)
{
    Q_UNUSED(run);
    if (!policyEvent)
        return {};
    QStringList lines;
    const QJsonArray reasons = policyEvent->payload.value(QStringLiteral("reasons")).toArray();
    for (const QJsonValue &reason : reasons) {
        const QJsonObject object = reason.toObject();
        lines << QStringLiteral("  - %1: %2").arg(object.value(QStringLiteral("code")).toString(),
                                                  object.value(QStringLiteral("message")).toString());
    }
    if (lines.isEmpty()) {
        for (const QJsonValue &code : policyEvent->payload.value(QStringLiteral("reasonCodes")).toArray())
            lines << QStringLiteral("  - %1").arg(code.toString());
    }
    return lines.join(QLatin1Char('\n'));
}

int exitCodeFor(const models::ExecutionRun &run, bool interrupted)
{
    const QJsonObject outcome = run.metadata.value(QStringLiteral("workbench")).toObject().value(QStringLiteral("outcome")).toObject();
    if (outcome.contains(QStringLiteral("auditFailure")))
        return ExitIoError;
    if (run.status == models::RunStatus::Succeeded)
        return ExitOk;
    if (outcome.contains(QStringLiteral("launchError"))) {
        return outcome.value(QStringLiteral("launchError")).toString().contains(QLatin1String("Errno 13")) ? ExitCannotExecute
                                                                                                         : ExitNotFound;
    }
    if (outcome.value(QStringLiteral("timedOut")).toBool() && run.status != models::RunStatus::Canceled)
        return ExitTimedOut;
    if (run.status == models::RunStatus::Canceled && interrupted)
        return 128 + (lastSignal ? int(lastSignal) : SIGINT);
    if (!run.exitCode)
        return ExitFailure;
    if (*run.exitCode < 0)
        return 128 + (-*run.exitCode); // killed by a signal, as a shell reports it
    return *run.exitCode > 0 && *run.exitCode < 256 ? *run.exitCode : int(ExitFailure);
}

} // namespace

int runRunCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Judge a command with the policy, record it, run it and stream its output."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), tr("The project's root directory (required)."),
                                             tr("DIR"));
    const QCommandLineOption cwdOption(QStringLiteral("cwd"), tr("Working directory, relative to the workspace (default .)."),
                                       tr("DIR"), QStringLiteral("."));
    const QCommandLineOption envOption(QStringLiteral("env-profile"), tr("default, minimal, project or ci."), tr("NAME"),
                                       QStringLiteral("default"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), tr("Stop the run after SECONDS (0 = never)."),
                                           tr("SECONDS"));
    const QCommandLineOption maxOutputOption(QStringLiteral("max-output"),
                                             tr("Keep at most SIZE bytes per stream (K, M, G suffixes; 0 = all): "
                                                "the first and the last half."),
                                             tr("SIZE"));
    const QCommandLineOption approveOption(QStringLiteral("approve"),
                                           tr("Approve the run if the policy requires approval, recording REASON."),
                                           tr("REASON"));
    const QCommandLineOption featureOption(QStringLiteral("feature"), tr("CCDash feature id to link the run to."), tr("ID"));
    const QCommandLineOption ruleOption(QStringLiteral("rule"), tr("CCDash recommendation rule id."), tr("ID"));
    const QCommandLineOption projectOption(QStringLiteral("project"), tr("CCDash project id."), tr("ID"));
    const QCommandLineOption databaseOption(QStringLiteral("database"),
                                            tr("SQLite file, sqlite:///path or postgresql://user@host:port/db."), tr("URL"));
    parser.addOptions({helpOption, workspaceOption, cwdOption, envOption, timeoutOption, maxOutputOption, approveOption,
                       featureOption, ruleOption, projectOption, databaseOption});
    parser.addPositionalArgument(QStringLiteral("command"), tr("The command: one shell-syntax string, or words."),
                                 QStringLiteral("[--] COMMAND..."));

    if (!parser.parse(arguments)) {
        io.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        io.out << commandHelpText(parser, arguments.value(0));
        return ExitOk;
    }
    const QStringList words = parser.positionalArguments();
    if (!parser.isSet(workspaceOption) || words.isEmpty()) {
        io.err << tr("Usage: ccdash-workbench run --workspace DIR [options] [--] COMMAND\n");
        return ExitUsage;
    }
    QString command;
    if (words.size() == 1) {
        command = words.constFirst(); // one string: shell syntax as written
    } else {
        QStringList quoted;
        for (const QString &word : words)
            quoted << shellQuote(word);
        command = quoted.join(QLatin1Char(' '));
    }

    const QFileInfo workspace(parser.value(workspaceOption));
    if (!workspace.isDir()) {
        io.err << tr("The workspace '%1' is not a directory.\n").arg(parser.value(workspaceOption));
        return ExitUsage;
    }
    execution::RunRequest request;
    request.command = command;
    request.workspace = workspace.absoluteFilePath();
    request.cwd = parser.value(cwdOption);
    request.envProfile = parser.value(envOption);
    request.featureId = parser.value(featureOption);
    request.ruleId = parser.value(ruleOption);
    request.projectId = parser.value(projectOption);
    request.metadata = QJsonObject{{QStringLiteral("launchedFrom"), QStringLiteral("cli")}};
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOption).toDouble(&ok);
        if (!ok || seconds < 0) {
            io.err << tr("--timeout needs a number of seconds, not '%1'.\n").arg(parser.value(timeoutOption));
            return ExitUsage;
        }
        request.timeout = std::chrono::milliseconds(qint64(seconds * 1000.0));
    }
    if (parser.isSet(maxOutputOption)) {
        const std::optional<qint64> size = parseSize(parser.value(maxOutputOption));
        if (!size) {
            io.err << tr("--max-output needs a size such as 500K, 10M or 0, not '%1'.\n").arg(parser.value(maxOutputOption));
            return ExitUsage;
        }
        request.outputCapBytes = *size;
    }

    const models::StoreResult<models::DatabaseLocation> location = models::resolveDatabaseLocation(parser.value(databaseOption));
    if (!location) {
        io.err << location.errorMessage() << '\n';
        return ExitUsage;
    }
    models::StoreResult<std::unique_ptr<models::Database>> database = models::Database::open(*location, QStringLiteral("cli-run"));
    if (!database) {
        io.err << database.errorMessage() << '\n';
        return ExitUnavailable;
    }
    models::EventWriter writer(*location, models::EventWriter::Options::fromEnvironment());
    if (const models::StoreResult<void> started = writer.start(); !started) {
        io.err << started.errorMessage() << '\n';
        return ExitUnavailable;
    }
    std::optional<int> exitCode;
    {
        execution::ExecutionService service(**database, writer, execution::defaultPolicyEvaluator());
        const models::StoreResult<execution::RecoveryReport> recovered = service.recoverInterruptedRuns();
        if (!recovered)
            io.err << tr("Recovering interrupted runs failed: %1\n").arg(recovered.errorMessage());
        else if (!recovered->interruptedRunIds.isEmpty())
            io.err << tr("Marked %n run(s) left behind by a closed or crashed instance as interrupted.\n", nullptr,
                         int(recovered->interruptedRunIds.size()));

        InterruptHandler interrupts;
        QEventLoop loop;
        QString runId;
        bool interrupted = false;
        std::optional<models::ExecutionRun> finalRun;
        QObject context;
        QObject::connect(&service, &execution::ExecutionService::output, &context,
                         [&](const QString &id, const runtime::OutputChunk &chunk) {
                             if (id == runId)
                                 writeRaw(chunk.stream == runtime::OutputStream::Stdout ? io.out : io.err, chunk);
                         });
        QObject::connect(&service, &execution::ExecutionService::auditFailure, &context,
                         [&](const QString &id, const QString &message) {
                             if (id != runId)
                                 return;
                             io.err << tr("ccdash-workbench: the run's events cannot be stored (%1); stopping the run.\n")
                                           .arg(message);
                             io.err.flush();
                         });
        QObject::connect(&service, &execution::ExecutionService::runFinished, &context,
                         [&](const models::ExecutionRun &run) {
                             if (run.id != runId)
                                 return;
                             finalRun = run;
                             loop.quit();
                         });
        // Fail closed, but do not hang: if the store still refuses writes once the command is gone,
        // give it a moment, then exit; the next start marks the run failed (startup recovery).
        bool storeGaveUp = false;
        QTimer storeGraceTimer;
        storeGraceTimer.setSingleShot(true);
        QObject::connect(&storeGraceTimer, &QTimer::timeout, &context, [&] {
            storeGaveUp = true;
            loop.quit();
        });
        // Armed once the command is gone while the writer fails (in either order).
        bool runStopped = false;
        auto armStoreGrace = [&] {
            if (!runStopped || !writer.isFailing() || storeGraceTimer.isActive())
                return;
            // A lost connection is waited for longer: the held events are written when it returns.
            if (writer.connectionLost()) {
                io.err << tr("ccdash-workbench: the store is unreachable; waiting for it to come back to write the run's events.\n");
                io.err.flush();
            }
            storeGraceTimer.start(writer.connectionLost() ? std::chrono::seconds(120) : std::chrono::seconds(10));
        };
        QObject::connect(&service, &execution::ExecutionService::runStopped, &context, [&](const QString &id) {
            if (id != runId)
                return;
            runStopped = true;
            armStoreGrace();
        });
        QObject::connect(&writer, &models::EventWriter::stateChanged, &context, armStoreGrace);
        std::unique_ptr<QSocketNotifier> interruptNotifier;
        if (interrupts.readFd() >= 0) {
            interruptNotifier = std::make_unique<QSocketNotifier>(interrupts.readFd(), QSocketNotifier::Read);
            QObject::connect(interruptNotifier.get(), &QSocketNotifier::activated, &context, [&] {
                char drained[16];
                while (::read(interrupts.readFd(), drained, sizeof drained) > 0) {
                }
                if (runId.isEmpty() || interrupted)
                    return;
                interrupted = true;
                io.err << tr("\nccdash-workbench: interrupted; canceling the run.\n");
                io.err.flush();
                (void)service.cancel(runId, tr("interrupted by signal %1").arg(int(lastSignal)));
            });
        }

        models::StoreResult<models::ExecutionRun> created = service.createRun(request);
        if (!created) {
            io.err << tr("The run could not be recorded: %1\n").arg(created.errorMessage());
            return ExitUnavailable;
        }
        runId = created->id;
        models::ExecutionRun run = *created;
        if (run.status == models::RunStatus::Blocked) {
            models::StoreResult<models::EventPage> events = service.repository().listEventsAfterSequence(runId, 0, 10);
            const models::RunEvent *policyEvent = nullptr;
            if (events) {
                for (const models::RunEvent &event : std::as_const(events->items)) {
                    if (event.eventType == models::EventType::Policy)
                        policyEvent = &event;
                }
            }
            const QString reasons = reasonList(run, policyEvent);
            if (run.policyVerdict == QLatin1String("deny")) {
                io.err << tr("Run %1 blocked by policy (deny, %2 risk):\n%3\n").arg(runId, run.riskLevel, reasons);
                return ExitDenied;
            }
            if (!parser.isSet(approveOption)) {
                io.err << tr("Run %1 requires approval (%2 risk):\n%3\nIt is recorded as blocked. Run again with "
                             "--approve REASON to approve and start it.\n")
                              .arg(runId, run.riskLevel, reasons);
                return ExitNeedsApproval;
            }
            models::StoreResult<models::ExecutionRun> approved = service.approve(runId, parser.value(approveOption));
            if (!approved) {
                io.err << tr("Run %1 could not be approved: %2\n").arg(runId, approved.errorMessage());
                return ExitNeedsApproval;
            }
            run = *approved;
            if (run.status == models::RunStatus::Blocked) {
                io.err << tr("Run %1 was approved, but the policy now denies it.\n").arg(runId);
                return ExitDenied;
            }
        }
        if (service.isActive(runId) || !finalRun)
            loop.exec();
        io.out.flush();
        io.err.flush();
        if (storeGaveUp) {
            io.err << tr("ccdash-workbench: the store still refuses writes (%1). Run %2 was stopped; it will be "
                         "marked failed the next time the workbench opens this database.\n")
                          .arg(writer.lastError(), runId);
            return ExitIoError;
        }
        if (!writer.waitForCommitted(std::chrono::seconds(30)))
            io.err << tr("ccdash-workbench: some events of run %1 are not stored yet: %2\n").arg(runId, writer.lastError());
        if (finalRun) {
            exitCode = exitCodeFor(*finalRun, interrupted);
            if (finalRun->status != models::RunStatus::Succeeded)
                io.err << tr("ccdash-workbench: run %1 %2 (exit code %3).\n")
                              .arg(runId, models::toString(finalRun->status),
                                   finalRun->exitCode ? QString::number(*finalRun->exitCode) : QStringLiteral("none"));
        }
    }
    return exitCode.value_or(ExitSoftware);
}

} // namespace workbench::cli
