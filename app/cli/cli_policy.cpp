#include "app/cli/cli_policy.h"

#include "policy/policyengine.h"
#include "policy/policytypes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDevice>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QThread>
#include <QThreadPool>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcCliPolicy, "ccdash.cli.policy")

namespace workbench::cli {

namespace {

using workbench::policy::PolicyEngine;
using workbench::policy::PolicyRequest;
using workbench::policy::PolicyResult;
using workbench::policy::Verdict;

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::cli", text);
}

// `~` and `~/...` resolve against $HOME, as a shell would have done for an unquoted argument.
QString expandHome(const QString &path, const QString &home)
{
    if (path == QLatin1String("~"))
        return home;
    if (path.startsWith(QLatin1String("~/")))
        return home + path.mid(1);
    return path;
}

QString homeDirectory()
{
    const QString home = qEnvironmentVariable("HOME");
    return home.isEmpty() ? QDir::homePath() : home;
}

int exitCodeFor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allow:
        return ExitPolicyAllow;
    case Verdict::RequiresApproval:
        return ExitPolicyRequiresApproval;
    case Verdict::Deny:
        break;
    }
    return ExitPolicyDeny;
}

void printReadable(const PolicyRequest &request, const PolicyResult &result, QTextStream &out)
{
    out << tr("verdict: %1 (risk %2)\n").arg(toString(result.verdict), toString(result.riskLevel));
    out << tr("command: %1\n").arg(request.command);
    out << tr("cwd:     %1\n").arg(result.resolvedCwd);
    if (!result.policyVersion.isEmpty())
        out << tr("policy:  %1\n").arg(result.policyVersion);
    if (result.reasons.isEmpty()) {
        out << tr("reasons: %1\n").arg(result.reasonCodes.join(QStringLiteral(", ")));
        return;
    }
    out << tr("reasons:\n");
    for (const auto &reason : result.reasons) {
        out << "  " << reason.code << ": " << reason.message << '\n';
        const QString underline =
            underlineSpan(request.command, reason.span.offset, reason.span.length, QStringLiteral("      "));
        if (!underline.isEmpty())
            out << underline << '\n';
    }
}

struct CheckOptions
{
    QString workspace;
    QString cwd = QStringLiteral(".");
    QString envProfile = QStringLiteral("default");
    QString home;
};

PolicyRequest makeRequest(const CheckOptions &options, const QString &command, const QString &cwd,
                          const QString &envProfile)
{
    PolicyRequest request;
    request.command = command;
    request.workspace = options.workspace;
    request.cwd = expandHome(cwd, options.home);
    request.envProfile = envProfile;
    request.home = options.home;
    return request;
}

void appendBatchError(QByteArray &output, const QString &message, qint64 line)
{
    // {"error":...,"line":N}: the bytes QJsonDocument would write for that object (keys sorted).
    output += "{\"error\":";
    workbench::policy::appendJsonString(output, message);
    output += ",\"line\":";
    output += QByteArray::number(line);
    output += '}';
}

// Writes UTF-8 bytes to the stream's device when it has one (stdout), without a round trip through
// QString; a stream on a string (the in-process tests) gets the decoded text.
void writeUtf8(QTextStream &stream, const QByteArray &bytes)
{
    if (QIODevice *device = stream.device()) {
        stream.flush();
        device->write(bytes);
        if (auto *file = qobject_cast<QFileDevice *>(device))
            file->flush();
        return;
    }
    stream << QString::fromUtf8(bytes);
    stream.flush();
}

// The input's lines. On a file descriptor (stdin) it calls read(2) for 64 KiB at a time, which returns
// what a pipe holds: a co-process that writes one line and waits is answered at once, and a long batch
// is not read one byte per system call (QFile::readLine on a descriptor does that: it cost more than
// judging the commands). Other devices (the tests' QBuffer) are read through QIODevice.
class LineReader
{
public:
    explicit LineReader(QIODevice &device)
        : m_device(device)
    {
        if (const auto *file = qobject_cast<QFile *>(&device); file && file->handle() >= 0)
            m_descriptor = file->handle();
    }

    // The next line with its '\n' (the last one may lack it); false at the end of the input.
    bool next(QByteArray *line)
    {
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n', m_start);
            if (newline >= 0) {
                *line = m_buffer.mid(m_start, newline + 1 - m_start);
                m_start = newline + 1;
                return true;
            }
            if (m_atEnd) {
                if (m_start >= m_buffer.size())
                    return false;
                *line = m_buffer.mid(m_start);
                m_start = m_buffer.size();
                return true;
            }
            m_buffer.remove(0, m_start);
            m_start = 0;
            fill();
        }
    }

    // A whole line can be returned without waiting for the input.
    bool hasBufferedLine() const
    {
        return m_buffer.indexOf('\n', m_start) >= 0 || (m_atEnd && m_start < m_buffer.size());
    }

private:
    void fill()
    {
        constexpr qsizetype chunk = 64 * 1024;
        if (m_descriptor < 0) {
            const QByteArray data = m_device.read(chunk);
            if (data.isEmpty())
                m_atEnd = true;
            m_buffer += data;
            return;
        }
        const qsizetype old = m_buffer.size();
        m_buffer.resize(old + chunk);
        ssize_t count = -1;
        do {
            count = ::read(m_descriptor, m_buffer.data() + old, size_t(chunk));
        } while (count < 0 && errno == EINTR);
        if (count < 0)
            qCWarning(lcCliPolicy) << "cannot read the input:" << qt_error_string(errno);
        m_buffer.resize(old + qMax<qsizetype>(count, 0));
        if (count <= 0)
            m_atEnd = true;
    }

    QIODevice &m_device;
    int m_descriptor = -1;
    QByteArray m_buffer;
    qsizetype m_start = 0;
    bool m_atEnd = false;
};

// The answer to one batch line (without its newline): the result, or an error object naming the line.
// Thread-safe for distinct caches: the engine is const and tr() may be called from any thread.
void judgeBatchLine(const PolicyEngine &engine, const CheckOptions &options, QByteArray line, qint64 lineNumber,
                    workbench::policy::PolicyEvaluationCache *cache, QByteArray &output)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    const QJsonObject object = document.object();
    const QJsonValue command = object.value(QLatin1String("command"));
    const QJsonValue cwd = object.value(QLatin1String("cwd"));
    const QJsonValue envProfile = object.value(QLatin1String("envProfile"));
    if (parseError.error != QJsonParseError::NoError) {
        appendBatchError(output, tr("malformed JSON: %1").arg(parseError.errorString()), lineNumber);
    } else if (!document.isObject()) {
        appendBatchError(output, tr("each line must be a JSON object"), lineNumber);
    } else if (!command.isString()) {
        appendBatchError(output, tr("\"command\" must be a string"), lineNumber);
    } else if (!cwd.isUndefined() && !cwd.isString()) {
        appendBatchError(output, tr("\"cwd\" must be a string"), lineNumber);
    } else if (!envProfile.isUndefined() && !envProfile.isString()) {
        appendBatchError(output, tr("\"envProfile\" must be a string"), lineNumber);
    } else {
        const PolicyRequest request =
            makeRequest(options, command.toString(), cwd.toString(options.cwd), envProfile.toString(options.envProfile));
        engine.evaluate(request, cache).appendCompactJson(output);
    }
}

// A pipe holds 64 KiB by default: a few hundred lines, then writer and batch take turns, and on a
// loaded machine every turn waits for a time slice. Ask Linux for 1 MiB (the unprivileged maximum);
// not a pipe, or refused: nothing changes.
void enlargePipe(QIODevice &device)
{
#ifdef F_SETPIPE_SZ
    if (const auto *file = qobject_cast<QFileDevice *>(&device); file && file->handle() >= 0)
        ::fcntl(file->handle(), F_SETPIPE_SZ, 1024 * 1024);
#else
    Q_UNUSED(device);
#endif
}

// One JSON result per input line, in order; a bad line answers with an error object and the batch goes on.
// The lines that are already buffered form a block; a block is judged on up to `workers` threads in
// contiguous slices (each with its own evaluation cache) and written in input order before the next
// block is read, so a co-process that waits for its answer gets it at once.
int runBatch(const PolicyEngine &engine, const CheckOptions &options, QIODevice &input, CliIo io)
{
    io.out.flush();
    enlargePipe(input);
    if (io.out.device())
        enlargePipe(*io.out.device());
    constexpr qsizetype maxBlock = 1024;
    constexpr qsizetype minLinesPerWorker = 32; // below this a thread costs more than it saves
    const int workers = qBound(1, QThread::idealThreadCount(), 8);
    QThreadPool pool;
    pool.setMaxThreadCount(workers - 1);
    // The batch resolves each distinct workspace/home/cwd once per worker (see PolicyEvaluationCache).
    std::vector<std::unique_ptr<workbench::policy::PolicyEvaluationCache>> caches;
    for (int i = 0; i < workers; ++i)
        caches.push_back(std::make_unique<workbench::policy::PolicyEvaluationCache>());

    LineReader reader(input);
    qint64 lineNumber = 0;
    QList<QByteArray> lines;
    QList<QByteArray> answers;
    QByteArray output;
    QByteArray line;
    while (reader.next(&line)) { // blocks only when no whole line is buffered
        lines.clear();
        lines << line;
        while (lines.size() < maxBlock && reader.hasBufferedLine() && reader.next(&line))
            lines << line;
        const qint64 firstLine = lineNumber + 1;
        lineNumber += lines.size();
        answers.resize(lines.size());
        const int slices = int(qMin<qsizetype>(workers, qMax<qsizetype>(1, lines.size() / minLinesPerWorker)));
        const auto judgeSlice = [&](int slice) {
            const qsizetype begin = lines.size() * slice / slices;
            const qsizetype end = lines.size() * (slice + 1) / slices;
            for (qsizetype i = begin; i < end; ++i) {
                answers[i].clear();
                judgeBatchLine(engine, options, lines.at(i), firstLine + i, caches[size_t(slice)].get(), answers[i]);
            }
        };
        for (int slice = 1; slice < slices; ++slice)
            pool.start([&judgeSlice, slice] { judgeSlice(slice); });
        judgeSlice(0);
        pool.waitForDone();
        output.clear();
        for (const QByteArray &answer : std::as_const(answers))
            output += answer + '\n';
        writeUtf8(io.out, output);
    }
    qCDebug(lcCliPolicy) << "batch of" << lineNumber << "lines on up to" << workers << "threads";
    return ExitOk;
}

} // namespace

QString underlineSpan(const QString &command, qsizetype offset, qsizetype length, const QString &indent)
{
    if (length <= 0 || offset < 0 || offset >= command.size())
        return {};
    // Show only the line that holds the start of the span; the carets stop at that line's end.
    const qsizetype lineStart = command.lastIndexOf(QLatin1Char('\n'), offset - 1) + 1;
    qsizetype lineEnd = command.indexOf(QLatin1Char('\n'), offset);
    if (lineEnd < 0)
        lineEnd = command.size();
    QString line = command.mid(lineStart, lineEnd - lineStart);
    line.replace(QLatin1Char('\t'), QLatin1Char(' ')); // one column per character, so the carets line up
    const qsizetype column = offset - lineStart;
    const qsizetype carets = qMin(length, lineEnd - offset);
    return indent + line + QLatin1Char('\n') + indent + QString(column, QLatin1Char(' ')) + QString(carets, QLatin1Char('^'));
}

int runPolicyCheckCommand(const QStringList &arguments, CliIo io)
{
    // The file descriptor, not the FILE*: read(2) returns what a pipe holds, so a co-process that writes
    // one line and waits for its answer is not blocked by stdio buffering.
    QFile standardInput;
    if (!standardInput.open(0, QIODevice::ReadOnly))
        qCWarning(lcCliPolicy) << "cannot open stdin:" << standardInput.errorString();
    return runPolicyCheckCommand(arguments, standardInput, io);
}

int runPolicyCheckCommand(const QStringList &arguments, QIODevice &input, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Judge a shell command with the workbench's policy engine."));
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), tr("The project's root directory."),
                                             QStringLiteral("DIR"));
    const QCommandLineOption cwdOption(QStringLiteral("cwd"), tr("Working directory, relative to the workspace or absolute."),
                                       QStringLiteral("DIR"), QStringLiteral("."));
    const QCommandLineOption envOption(QStringLiteral("env-profile"), tr("default, minimal, project or ci."),
                                       QStringLiteral("NAME"), QStringLiteral("default"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the result as JSON."));
    const QCommandLineOption batchOption(
        QStringLiteral("batch"), tr("Read JSON lines {\"command\", \"cwd\", \"envProfile\"} from stdin, write one result per line."));
    const QCommandLineOption trustOption(
        QStringLiteral("trust-workspace-policy"),
        tr("Trust the workspace's .ccdash-workbench/policy.json as it is now (by its sha256), so its rules may also "
           "loosen the policy. Any edit to the file withdraws the trust."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."));
    parser.addOptions({workspaceOption, cwdOption, envOption, jsonOption, batchOption, trustOption, helpOption});
    parser.addPositionalArgument(QStringLiteral("COMMAND"), tr("The command to judge (several words are joined with spaces)."),
                                 QStringLiteral("[--] COMMAND"));

    const auto usageError = [&](const QString &message) {
        io.err << message << '\n' << commandHelpText(parser, arguments.value(0));
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        io.out << commandHelpText(parser, arguments.value(0));
        return ExitOk;
    }

    CheckOptions options;
    options.home = homeDirectory();
    if (!parser.isSet(workspaceOption))
        return usageError(tr("--workspace is required."));
    options.workspace = expandHome(parser.value(workspaceOption), options.home);
    if (!QFileInfo(options.workspace).isDir())
        return usageError(tr("The workspace '%1' is not a directory.").arg(options.workspace));
    options.workspace = QFileInfo(options.workspace).absoluteFilePath();
    options.cwd = parser.value(cwdOption);
    options.envProfile = parser.value(envOption);

    if (parser.isSet(trustOption)) {
        if (!parser.positionalArguments().isEmpty() || parser.isSet(batchOption))
            return usageError(tr("--trust-workspace-policy judges nothing; give no COMMAND and no --batch."));
        const QString file = PolicyEngine::workspacePolicyFile(QFileInfo(options.workspace).canonicalFilePath());
        const QString hash = PolicyEngine::fileSha256(file);
        if (hash.isEmpty())
            return usageError(tr("There is no readable workspace policy file %1.").arg(file));
        QString error;
        const QString store = workbench::policy::PolicyLayers::trustStoreFile();
        if (!workbench::policy::PolicyLayers::addToTrustStore(store, hash, &error)) {
            io.err << tr("Cannot record the trust in %1: %2").arg(store, error) << '\n';
            return ExitUsage;
        }
        io.out << tr("trusted %1 (sha256 %2), recorded in %3; any edit to the file withdraws the trust.").arg(file, hash, store)
               << '\n';
        return ExitOk;
    }

    // The same layers a run is judged with (system kill switch, user rules, the workspace's own file),
    // so a script never gets a verdict the execution service would not give.
    const PolicyEngine engine(workbench::policy::PolicyLayers::standard());
    // Broken or partly ignored rule files are said, never silently skipped.
    for (const workbench::policy::RuleDiagnostic &diagnostic : engine.diagnostics() + engine.workspaceDiagnostics(options.workspace))
        io.err << tr("policy file %1:%2: %3").arg(diagnostic.file).arg(diagnostic.line).arg(diagnostic.message) << '\n';
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(batchOption)) {
        if (!positional.isEmpty())
            return usageError(tr("--batch reads its commands from stdin; give no COMMAND."));
        return runBatch(engine, options, input, io);
    }
    if (positional.isEmpty())
        return usageError(tr("Give the COMMAND to judge."));

    const PolicyRequest request = makeRequest(options, positional.join(QLatin1Char(' ')), options.cwd, options.envProfile);
    const PolicyResult result = engine.evaluate(request);
    if (parser.isSet(jsonOption))
        io.out << QString::fromUtf8(QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented));
    else
        printReadable(request, result, io.out);
    return exitCodeFor(result.verdict);
}

} // namespace workbench::cli
