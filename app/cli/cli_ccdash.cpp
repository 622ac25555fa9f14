// `projects`, `features` and `context`: read-only views of CCDash for scripts and terminals.
#include "app/cli/cli_ccdash.h"

#include "app/ccdash/ccdashclient.h"
#include "app/ccdash/ccdashparser.h"
#include "app/ccdash/ccdashsync.h"
#include "app/ccdash/ccdashtoken.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSettings>
#include <memory>

namespace workbench::cli {

namespace {

using namespace workbench::ccdash;

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::cli", text);
}

struct CommonOptions
{
    Q_DECLARE_TR_FUNCTIONS(workbench::cli::CommonOptions)

public:
    QCommandLineOption url{QStringLiteral("ccdash-url"), tr("CCDash server (default http://127.0.0.1:8000)."),
                           tr("URL")};
    QCommandLineOption json{QStringLiteral("json"), tr("Print JSON instead of a table.")};
    QCommandLineOption project{QStringLiteral("project"), tr("Send this project id as X-CCDash-Project-Id."),
                               tr("ID")};
    QCommandLineOption timeout{QStringLiteral("timeout"), tr("Give up after this many seconds (default 15)."),
                               tr("SECONDS")};
    QCommandLineOption help{QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help.")};

    void addTo(QCommandLineParser &parser) const { parser.addOptions({url, json, project, timeout, help}); }
};

// Parses the arguments; returns an exit code when the command should stop here.
std::optional<int> parseArguments(QCommandLineParser &parser, const CommonOptions &options, const QStringList &arguments,
                                  CliIo io)
{
    if (!parser.parse(arguments)) {
        io.err << parser.errorText() << '\n' << commandHelpText(parser, arguments.value(0));
        return int(ExitUsage);
    }
    if (parser.isSet(options.help)) {
        io.out << commandHelpText(parser, arguments.value(0));
        return int(ExitOk);
    }
    return std::nullopt;
}

// A client configured from --ccdash-url / CCDASH_URL / settings, the token and --project.
std::unique_ptr<CcdashClient> makeClient(const QCommandLineParser &parser, const CommonOptions &options, CliIo io,
                                         int *exitCode)
{
    const QSettings settings;
    const ResolvedBaseUrl resolved =
        resolveBaseUrl(parser.value(options.url), QProcessEnvironment::systemEnvironment(), settings);
    if (!resolved.error.isEmpty()) {
        io.err << tr("Invalid CCDash URL: %1\n").arg(resolved.error);
        *exitCode = ExitUsage;
        return nullptr;
    }
    ClientConfig config = loadClientConfig(settings);
    config.baseUrl = resolved.url;
    if (parser.isSet(options.timeout)) {
        bool ok = false;
        const double seconds = parser.value(options.timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600) {
            io.err << tr("--timeout needs a number of seconds between 0 and 3600.\n");
            *exitCode = ExitUsage;
            return nullptr;
        }
        config.transferTimeoutMs = qMax(1, int(seconds * 1000));
    }
    // Each failure is printed once, by the command; the client's own log lines would repeat it.
    // QT_LOGGING_RULES still overrides this for diagnostics.
    QLoggingCategory::setFilterRules(QStringLiteral("ccdash.workbench.client.info=false\n"
                                                    "ccdash.workbench.client.warning=false\n"
                                                    "ccdash.workbench.token.info=false"));
    auto client = std::make_unique<CcdashClient>(config);

    TokenSource tokens;
    tokens.loadAndWait();
    client->setToken(tokens.token());
    if (client->insecureTokenTransport()) {
        io.err << tr("Warning: sending the CCDash API token over plain HTTP to %1; anyone on the network can read "
                     "it. Use https:// for remote servers.\n")
                      .arg(client->baseUrl().host());
        io.err.flush();
    }
    if (parser.isSet(options.project))
        client->setProjectId(parser.value(options.project));
    return client;
}

int exitCodeFor(const ClientError &error)
{
    if (error.isUnreachable())
        return ExitUnavailable;
    if (error.kind == ClientError::Kind::InvalidResponse || error.kind == ClientError::Kind::TooLarge)
        return ExitDataError;
    return ExitFailure;
}

template<typename T>
bool reportFailure(const Result<T> &result, CliIo io, int *exitCode)
{
    if (result.ok())
        return false;
    io.err << result.error.message << '\n';
    *exitCode = exitCodeFor(result.error);
    return true;
}

void printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << document.toJson(QJsonDocument::Indented);
}

// Left-aligned columns; the last column is not padded.
void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &servedRows)
{
    // Cells hold what CCDash served: shown with control characters escaped (see printable()).
    QList<QStringList> rows;
    rows.reserve(servedRows.size());
    for (const QStringList &row : servedRows) {
        QStringList cells;
        for (const QString &cell : row)
            cells << printable(cell);
        rows << cells;
    }
    QList<qsizetype> widths(header.size(), 0);
    for (qsizetype c = 0; c < header.size(); ++c)
        widths[c] = header.at(c).size();
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = qMax(widths[c], row.at(c).size());
    }
    const auto printRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row.at(c).leftJustified(widths[c]) + QStringLiteral("  ") : row.at(c);
        out << line << '\n';
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
}

} // namespace

int runProjectsCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the projects CCDash knows; * marks CCDash's active project."));
    const CommonOptions options;
    options.addTo(parser);
    if (const std::optional<int> stop = parseArguments(parser, options, arguments, io))
        return *stop;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << tr("'projects' takes no arguments.\n");
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CcdashClient> client = makeClient(parser, options, io, &exitCode);
    if (!client)
        return exitCode;

    const Result<QList<Project>> result = waitFor<QList<Project>>(
        [&](QObject *context, CcdashClient::Callback<QList<Project>> done) { client->fetchProjects(context, done); });
    if (reportFailure(result, io, &exitCode))
        return exitCode;

    if (parser.isSet(options.json)) {
        QJsonArray array;
        for (const Project &project : *result.value)
            array << toJson(project);
        printJson(io.out, array);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const Project &project : *result.value)
        rows << QStringList{project.isActive ? QStringLiteral("*") : QString(), project.id, project.name, project.path};
    printTable(io.out, {QString(), tr("ID"), tr("NAME"), tr("PATH")}, rows);
    return ExitOk;
}

int runFeaturesCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("List the features of CCDash's active project."));
    const CommonOptions options;
    options.addTo(parser);
    const QCommandLineOption search(QStringLiteral("search"),
                                    tr("Only features whose id, name, category or a tag contains TEXT."), tr("TEXT"));
    parser.addOption(search);
    if (const std::optional<int> stop = parseArguments(parser, options, arguments, io))
        return *stop;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << tr("'features' takes no arguments; use --search TEXT to filter.\n");
        return ExitUsage;
    }
    int exitCode = ExitOk;
    const std::unique_ptr<CcdashClient> client = makeClient(parser, options, io, &exitCode);
    if (!client)
        return exitCode;

    const Result<QList<Feature>> result = waitFor<QList<Feature>>(
        [&](QObject *context, CcdashClient::Callback<QList<Feature>> done) { client->fetchAllFeatures(context, done); });
    if (reportFailure(result, io, &exitCode))
        return exitCode;
    const QList<Feature> features = filterFeatures(*result.value, parser.value(search));

    if (parser.isSet(options.json)) {
        QJsonArray array;
        for (const Feature &feature : features)
            array << toJson(feature);
        printJson(io.out, array);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const Feature &feature : features) {
        rows << QStringList{feature.id, feature.status,
                            QStringLiteral("%1/%2").arg(feature.completedTasks).arg(feature.totalTasks),
                            feature.category, feature.name};
    }
    printTable(io.out, {tr("ID"), tr("STATUS"), tr("TASKS"), tr("CATEGORY"), tr("NAME")}, rows);
    if (features.isEmpty())
        io.err << tr("No features match.\n");
    return ExitOk;
}

int runContextCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Show CCDash's next-command recommendation for a feature."));
    const CommonOptions options;
    options.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("FEATURE_ID"), tr("The feature's id (slug)."));
    if (const std::optional<int> stop = parseArguments(parser, options, arguments, io))
        return *stop;
    if (parser.positionalArguments().size() != 1 || parser.positionalArguments().constFirst().isEmpty()) {
        io.err << tr("'context' needs exactly one FEATURE_ID.\n") << commandHelpText(parser, arguments.value(0));
        return ExitUsage;
    }
    const QString featureId = parser.positionalArguments().constFirst();
    int exitCode = ExitOk;
    const std::unique_ptr<CcdashClient> client = makeClient(parser, options, io, &exitCode);
    if (!client)
        return exitCode;

    const Result<ExecutionContext> result = waitFor<ExecutionContext>(
        [&](QObject *context, CcdashClient::Callback<ExecutionContext> done) {
            client->fetchExecutionContext(featureId, context, done);
        });
    if (reportFailure(result, io, &exitCode))
        return exitCode;
    const ExecutionContext &context = *result.value;

    if (parser.isSet(options.json)) {
        printJson(io.out, toJson(context));
        return ExitOk;
    }
    QTextStream &out = io.out;
    out << tr("Feature:        %1 (%2), %3\n")
               .arg(printable(context.feature.name), printable(context.feature.id), printable(context.feature.status));
    if (context.executionGate) {
        out << tr("Gate:           %1").arg(printable(context.executionGate->state));
        if (!context.executionGate->reason.isEmpty())
            out << " - " << printable(context.executionGate->reason);
        out << '\n';
    }
    if (context.dependencyState) {
        out << tr("Dependencies:   %1").arg(printable(context.dependencyState->state));
        if (!context.dependencyState->blockingReason.isEmpty())
            out << " - " << printable(context.dependencyState->blockingReason);
        out << '\n';
    }
    if (context.familyPosition && !context.familyPosition->display.isEmpty()) {
        out << tr("Family:         %1 in %2")
                   .arg(printable(context.familyPosition->display), printable(context.familyPosition->familyKey));
        if (!context.familyPosition->nextItemLabel.isEmpty())
            out << tr(" (next: %1)").arg(printable(context.familyPosition->nextItemLabel));
        out << '\n';
    }
    const Recommendation &primary = context.recommendations.primary;
    out << '\n'
        << tr("Recommendation  %1, confidence %2\n").arg(printable(primary.ruleId), QString::number(primary.confidence, 'f', 2));
    out << "  " << printable(primary.command) << '\n';
    if (!primary.explanation.isEmpty())
        out << "  " << printable(primary.explanation) << '\n';
    if (!context.recommendations.alternatives.isEmpty()) {
        out << '\n' << tr("Alternatives\n");
        for (const Recommendation &alternative : context.recommendations.alternatives)
            out << "  " << printable(alternative.command) << "  ("
                << tr("%1, confidence %2").arg(printable(alternative.ruleId), QString::number(alternative.confidence, 'f', 2))
                << ")\n";
    }
    if (!context.recommendations.evidence.isEmpty()) {
        out << '\n' << tr("Evidence\n");
        QList<QStringList> rows;
        for (const Evidence &evidence : context.recommendations.evidence)
            rows << QStringList{QStringLiteral("  ") + evidence.id, evidence.sourceType, evidence.value};
        printTable(out, {QStringLiteral("  ID"), tr("TYPE"), tr("VALUE")}, rows);
    }
    if (!context.warnings.isEmpty()) {
        out << '\n' << tr("Warnings\n");
        for (const ContextWarning &warning : context.warnings)
            out << "  " << printable(warning.section) << ": " << printable(warning.message) << '\n';
    }
    return ExitOk;
}

} // namespace workbench::cli
