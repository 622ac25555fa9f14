#include "app/cli/cli_policy.h"

#include "policy/policyengine.h"
#include "policy/policytypes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

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

QByteArray batchError(const QString &message, qint64 line)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), message}, {QStringLiteral("line"), line}})
        .toJson(QJsonDocument::Compact);
}

// One JSON result per input line, in order; a bad line answers with an error object and the batch goes on.
int runBatch(const PolicyEngine &engine, const CheckOptions &options, QIODevice &input, CliIo io)
{
    io.out.flush();
    QByteArray output;
    qint64 lineNumber = 0;
    const auto flushOutput = [&output, &io] {
        io.out << QString::fromUtf8(output);
        io.out.flush();
        output.clear();
    };
    while (true) {
        // readLine blocks until a whole line or the end of the input; only the end gives an empty array.
        QByteArray line = input.readLine();
        if (line.isEmpty())
            break;
        ++lineNumber;
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.endsWith('\r'))
            line.chop(1);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        const QJsonObject object = document.object();
        const QJsonValue command = object.value(QStringLiteral("command"));
        const QJsonValue cwd = object.value(QStringLiteral("cwd"));
        const QJsonValue envProfile = object.value(QStringLiteral("envProfile"));
        if (parseError.error != QJsonParseError::NoError) {
            output += batchError(tr("malformed JSON: %1").arg(parseError.errorString()), lineNumber);
        } else if (!document.isObject()) {
            output += batchError(tr("each line must be a JSON object"), lineNumber);
        } else if (!command.isString()) {
            output += batchError(tr("\"command\" must be a string"), lineNumber);
        } else if (!cwd.isUndefined() && !cwd.isString()) {
            output += batchError(tr("\"cwd\" must be a string"), lineNumber);
        } else if (!envProfile.isUndefined() && !envProfile.isString()) {
            output += batchError(tr("\"envProfile\" must be a string"), lineNumber);
        } else {
            const PolicyRequest request =
                makeRequest(options, command.toString(), cwd.toString(options.cwd), envProfile.toString(options.envProfile));
            output += QJsonDocument(engine.evaluate(request).toJson()).toJson(QJsonDocument::Compact);
        }
        output += '\n';
        // Write in chunks: whoever reads the pipe sees results while the batch runs.
        if (output.size() >= 64 * 1024 || !input.canReadLine())
            flushOutput();
    }
    flushOutput();
    qCDebug(lcCliPolicy) << "batch of" << lineNumber << "lines";
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
