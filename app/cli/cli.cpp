#include "app/cli/cli.h"
#include "app/cli/cli_policy.h"
#include "app/cli/cli_run.h"
#include "app/cli/cli_ccdash.h"
#include "app/cli/cli_runs.h"
#include "app/cli/cli_export.h"
#include "app/cli/cli_audit.h"

#include "app/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <vector>

namespace workbench::cli {

namespace {

using CommandFn = int (*)(const QStringList &arguments, CliIo io);

struct Subcommand
{
    const char *name;
    const char *synopsis;
    CommandFn run;
};

// Each subcommand lives in its own cli_*.cpp; this table is the only place that lists them.
const std::vector<Subcommand> &subcommands()
{
    static const std::vector<Subcommand> commands = {
        {"policy-check", QT_TRANSLATE_NOOP("cli", "judge a COMMAND with the policy engine (--workspace DIR, --batch)"), &runPolicyCheckCommand},
        {"run", QT_TRANSLATE_NOOP("cli", "judge, record and run a command: run --workspace DIR [--] COMMAND"), &runRunCommand},
        {"projects", QT_TRANSLATE_NOOP("cli", "list CCDash's projects"), &runProjectsCommand},
        {"features", QT_TRANSLATE_NOOP("cli", "list the active project's features [--search TEXT]"), &runFeaturesCommand},
        {"context", QT_TRANSLATE_NOOP("cli", "show the next-command recommendation for FEATURE_ID"), &runContextCommand},
        {"runs", QT_TRANSLATE_NOOP("cli", "list execution runs (table or --json)"), runRunsCommand},
        {"events", QT_TRANSLATE_NOOP("cli", "show the events of one run"), runEventsCommand},
        {"export", QT_TRANSLATE_NOOP("cli", "export a run: export RUN_ID --format text|raw|html|json|cast [--output FILE] [--force]"), &runExportCommand},
        {"audit", QT_TRANSLATE_NOOP("cli", "check the tamper-evident audit trail: audit verify [RUN_ID] [--json] [--strict]"), &runAuditCommand},
    };
    return commands;
}

const Subcommand *findSubcommand(const QString &name)
{
    for (const Subcommand &command : subcommands()) {
        if (name == QLatin1String(command.name))
            return &command;
    }
    return nullptr;
}

void printUsage(QTextStream &stream)
{
    stream << QCoreApplication::translate("cli", "Usage: %1 [options]              start the workbench window\n"
                                                  "       %1 COMMAND [options]      run a headless command\n")
                  .arg(QStringLiteral(WORKBENCH_APP_NAME));
    stream << QCoreApplication::translate("cli", "\nWindow options:\n"
                                                  "  --database URL      SQLite file, sqlite:///path or postgresql://user@host:port/db\n"
                                                  "  --ccdash-url URL    CCDash server (default http://127.0.0.1:8000)\n"
                                                  "  --self-test         open the window, check it and the database, exit 0\n");
    stream << QCoreApplication::translate("cli", "\nCommands:\n");
    for (const Subcommand &command : subcommands())
        stream << "  " << QString::fromLatin1(command.name).leftJustified(14) << ' '
               << QCoreApplication::translate("cli", command.synopsis) << '\n';
    stream << QCoreApplication::translate("cli", "\nRun '%1 COMMAND --help' for the options of a command.\n")
                  .arg(QStringLiteral(WORKBENCH_APP_NAME));
    stream << QCoreApplication::translate("cli", "\nEnvironment: CCDASH_WORKBENCH_DATABASE, CCDASH_URL, CCDASH_API_TOKEN, "
                                                  "PGPASSWORD.\n");
}

} // namespace

bool isHeadlessInvocation(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    // Options (ours and Qt's, e.g. --database, --self-test, -platform) belong to the window; a first
    // argument that is not an option must name a command, so "bogus" is reported here, headless.
    return first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")
           || first == QLatin1String("--version") || first == QLatin1String("-v") || findSubcommand(first)
           || !first.startsWith(QLatin1Char('-'));
}

int checkWindowArguments(const QStringList &arguments, QTextStream &err)
{
    // Keep in step with printUsage()'s "Window options" and with what main.cpp and ui/ read.
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions); // as Qt's own -platform
    parser.addOption({QStringLiteral("database"), QString(), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("ccdash-url"), QString(), QStringLiteral("URL")});
    parser.addOption({QStringLiteral("self-test"), QString()});
    QString problem;
    if (!parser.parse(arguments))
        problem = parser.errorText();
    else if (!parser.positionalArguments().isEmpty())
        problem = QCoreApplication::translate("cli", "Unexpected argument '%1'.").arg(parser.positionalArguments().constFirst());
    if (problem.isEmpty())
        return ExitOk;
    err << problem << '\n';
    printUsage(err);
    return ExitUsage;
}

int runHeadless(const QStringList &arguments, CliIo io)
{
    const QString first = arguments.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        io.out << WORKBENCH_APP_NAME << ' ' << WORKBENCH_VERSION << '\n';
        return ExitOk;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        printUsage(io.out);
        return ExitOk;
    }
    if (const Subcommand *command = findSubcommand(first)) {
        // The subcommand sees its own name as argv[0], as QCommandLineParser expects.
        return command->run(arguments.mid(1), io);
    }
    io.err << QCoreApplication::translate("cli", "Unknown command '%1'.\n").arg(first);
    printUsage(io.err);
    return ExitUsage;
}

} // namespace workbench::cli
