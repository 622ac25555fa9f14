// `runs` and `events`: read the store headlessly, as a table or as CCDash's JSON DTOs.
#include "app/cli/cli_runs.h"

#include "app/workbenchcontext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace workbench::cli {

using namespace workbench::models;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::cli", text);
}

const QCommandLineOption databaseOption(QStringLiteral("database"),
                                        tr("SQLite file, sqlite:///path or postgresql://user@host:port/db "
                                           "(default: $CCDASH_WORKBENCH_DATABASE, then the app's data folder)."),
                                        QStringLiteral("URL"));
const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print JSON (CCDash's DTO keys) instead of a table."));

// Parses an integer option within [minimum, maximum]; writes the usage error itself.
bool integerOption(const QCommandLineParser &parser, const QCommandLineOption &option, qint64 minimum, qint64 maximum,
                   qint64 *value, CliIo io)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 parsed = parser.value(option).toLongLong(&ok);
    if (!ok || parsed < minimum || parsed > maximum) {
        io.err << tr("--%1 must be a whole number from %2 to %3.\n").arg(option.names().constFirst()).arg(minimum).arg(maximum);
        return false;
    }
    *value = parsed;
    return true;
}

// Shared start: parse, then open the store (which migrates it). Returns nullptr after reporting.
std::unique_ptr<app::WorkbenchContext> openStore(const QCommandLineParser &parser, CliIo io, int *status)
{
    StoreResult<std::unique_ptr<app::WorkbenchContext>> context = app::WorkbenchContext::open(parser.value(databaseOption));
    if (!context) {
        io.err << context.errorMessage() << '\n';
        *status = context.error().kind == StoreError::Kind::InvalidArgument ? ExitUsage : ExitUnavailable;
        return nullptr;
    }
    return std::move(*context);
}

QString cell(const QString &stored, int width)
{
    const QString text = printable(stored);
    return text.size() > width ? text.left(width - 1) + QChar(0x2026) : text.leftJustified(width);
}

// Stored text on one line, with control characters shown as escapes (see printable()).
QString oneLine(const QString &text)
{
    return printable(text);
}

bool parseOrReport(QCommandLineParser &parser, const QStringList &arguments, CliIo io, int *status)
{
    if (!parser.parse(arguments)) {
        io.err << parser.errorText() << '\n';
        *status = ExitUsage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << commandHelpText(parser, arguments.value(0));
        *status = ExitOk;
        return false;
    }
    return true;
}

} // namespace

int runRunsCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List execution runs, newest first."));
    parser.addHelpOption();
    const QCommandLineOption projectOption(QStringLiteral("project"), tr("Only runs of this CCDash project."), QStringLiteral("ID"));
    const QCommandLineOption featureOption(QStringLiteral("feature"), tr("Only runs of this feature."), QStringLiteral("ID"));
    const QCommandLineOption statusOption(QStringLiteral("status"),
                                          tr("Only runs with this status (queued, running, succeeded, failed, canceled, "
                                             "blocked); repeat or separate with commas for several."),
                                          QStringLiteral("S"));
    const QCommandLineOption textOption(QStringLiteral("text"), tr("Only runs whose command, feature, rule or id contains T."),
                                        QStringLiteral("T"));
    const QCommandLineOption limitOption(QStringLiteral("limit"), tr("At most N runs (default 40)."), QStringLiteral("N"));
    const QCommandLineOption offsetOption(QStringLiteral("offset"), tr("Skip the N newest runs."), QStringLiteral("N"));
    parser.addOptions({projectOption, featureOption, statusOption, textOption, limitOption, offsetOption, jsonOption,
                       databaseOption});
    int status = ExitOk;
    if (!parseOrReport(parser, arguments, io, &status))
        return status;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << tr("runs takes no arguments (got '%1').\n").arg(parser.positionalArguments().constFirst());
        return ExitUsage;
    }

    RunQuery query;
    query.projectId = parser.value(projectOption);
    query.featureId = parser.value(featureOption);
    query.text = parser.value(textOption);
    for (const QString &value : parser.values(statusOption)) {
        for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const std::optional<RunStatus> parsed = runStatusFromString(name.trimmed());
            if (!parsed) {
                io.err << tr("Unknown status '%1' (expected queued, running, succeeded, failed, canceled or blocked).\n")
                              .arg(name.trimmed());
                return ExitUsage;
            }
            query.statuses << *parsed;
        }
    }
    qint64 limit = 40;
    qint64 offset = 0;
    if (!integerOption(parser, limitOption, 1, 100000, &limit, io) || !integerOption(parser, offsetOption, 0, INT_MAX, &offset, io))
        return ExitUsage;
    query.limit = int(limit);
    query.offset = int(offset);

    std::unique_ptr<app::WorkbenchContext> context = openStore(parser, io, &status);
    if (!context)
        return status;
    const StoreResult<QList<ExecutionRun>> runs = context->executions().listRuns(query);
    if (!runs) {
        io.err << runs.errorMessage() << '\n';
        return ExitSoftware;
    }

    if (parser.isSet(jsonOption)) {
        QJsonArray array; // a bare array, as CCDash's GET /api/execution/runs
        for (const ExecutionRun &run : *runs)
            array.append(run.toJson());
        io.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    if (runs->isEmpty()) {
        io.out << tr("No runs.\n");
        return ExitOk;
    }
    io.out << cell(tr("ID"), 32) << "  " << cell(tr("STATUS"), 9) << "  " << cell(tr("CREATED"), 19) << "  "
           << cell(tr("FEATURE"), 16) << "  " << cell(tr("RISK"), 6) << "  " << cell(tr("EXIT"), 4) << "  " << tr("COMMAND")
           << '\n';
    for (const ExecutionRun &run : *runs) {
        const QDateTime created = parseIsoTimestamp(run.createdAt);
        io.out << cell(run.id, 32) << "  " << cell(toString(run.status), 9) << "  "
               << cell(created.isValid() ? created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : run.createdAt, 19) << "  "
               << cell(run.featureId, 16) << "  " << cell(run.riskLevel, 6) << "  "
               << cell(run.exitCode ? QString::number(*run.exitCode) : QStringLiteral("-"), 4) << "  "
               << oneLine(run.sourceCommand) << '\n';
    }
    return ExitOk;
}

int runEventsCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Show the stored events of one run, in sequence order."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("RUN_ID"), tr("The run's id."));
    const QCommandLineOption afterOption(QStringLiteral("after-sequence"), tr("Only events after sequence number N (default 0)."),
                                         QStringLiteral("N"));
    const QCommandLineOption limitOption(QStringLiteral("limit"), tr("At most N events (default 200)."), QStringLiteral("N"));
    parser.addOptions({afterOption, limitOption, jsonOption, databaseOption});
    int status = ExitOk;
    if (!parseOrReport(parser, arguments, io, &status))
        return status;
    if (parser.positionalArguments().size() != 1) {
        io.err << tr("Usage: ccdash-workbench events RUN_ID [--after-sequence N] [--limit N] [--json] [--database URL]\n");
        return ExitUsage;
    }
    const QString runId = parser.positionalArguments().constFirst();
    qint64 after = 0;
    qint64 limit = 200;
    if (!integerOption(parser, afterOption, 0, std::numeric_limits<qint64>::max(), &after, io)
        || !integerOption(parser, limitOption, 1, 100000, &limit, io))
        return ExitUsage;

    std::unique_ptr<app::WorkbenchContext> context = openStore(parser, io, &status);
    if (!context)
        return status;
    const StoreResult<ExecutionRun> run = context->executions().getRun(runId);
    if (!run) {
        io.err << run.errorMessage() << '\n';
        return run.error().kind == StoreError::Kind::NotFound ? ExitDataError : ExitSoftware;
    }
    const StoreResult<EventPage> page = context->executions().listEventsAfterSequence(runId, after, int(limit));
    if (!page) {
        io.err << page.errorMessage() << '\n';
        return ExitSoftware;
    }
    if (parser.isSet(jsonOption)) {
        io.out << QString::fromUtf8(QJsonDocument(page->toJson()).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    if (page->items.isEmpty()) {
        io.out << tr("No events after sequence %1 (run %2 is %3).\n").arg(after).arg(runId, toString(run->status));
        return ExitOk;
    }
    io.out << cell(tr("SEQ"), 6) << "  " << cell(tr("TIME"), 15) << "  " << cell(tr("STREAM"), 6) << "  " << cell(tr("TYPE"), 8)
           << "  " << tr("TEXT") << '\n';
    for (const RunEvent &event : page->items) {
        const QDateTime occurred = parseIsoTimestamp(event.occurredAt);
        io.out << cell(QString::number(event.sequenceNo), 6) << "  "
               << cell(occurred.isValid() ? occurred.toString(QStringLiteral("HH:mm:ss.zzz")) : event.occurredAt, 15) << "  "
               << cell(toString(event.stream), 6) << "  " << cell(event.eventType, 8) << "  " << oneLine(event.payloadText)
               << '\n';
    }
    io.out << tr("Next sequence: %1\n").arg(page->nextSequence);
    return ExitOk;
}

} // namespace workbench::cli
