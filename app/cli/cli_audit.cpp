// `audit verify`: check the tamper-evident audit chain of one run or of the whole database.
#include "app/cli/cli_audit.h"

#include "app/workbenchcontext.h"
#include "models/auditverifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>

namespace workbench::cli {

using namespace workbench::models;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::cli", text);
}

void printRun(const RunAuditReport &run, QTextStream &out)
{
    out << tr("Run %1: %2 (%3 chain entries, %4 records verified, %5 unchained, %6 seals checked)\n")
               .arg(run.runId, toString(run.verdict))
               .arg(run.chainEntries)
               .arg(run.chainedRecords)
               .arg(run.unchainedRecords)
               .arg(run.sealsChecked);
    for (const AuditFinding &finding : run.findings)
        out << "  " << finding.toText() << '\n';
}

int exitFor(AuditVerdict verdict, bool strict)
{
    if (verdict == AuditVerdict::Tampered)
        return ExitFailure;
    if (strict && verdict != AuditVerdict::Verified)
        return ExitFailure;
    return ExitOk;
}

} // namespace

int runAuditCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Check the tamper-evident audit chain of one run, or of every run in the database.\n"
           "Exit status: 0 nothing was tampered with (unchained or unsealed records are listed as warnings), "
           "1 tampering found (with --strict also unchained or unsealed records), 64 usage error, 65 unknown run, "
           "69 the database cannot be opened, 70 the store failed while reading."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("verify"), tr("The only action."));
    parser.addPositionalArgument(QStringLiteral("RUN_ID"), tr("One run to check (default: the whole database)."),
                                 QStringLiteral("[RUN_ID]"));
    const QCommandLineOption databaseOption(QStringLiteral("database"),
                                            tr("SQLite file, sqlite:///path or postgresql://user@host:port/db "
                                               "(default: $CCDASH_WORKBENCH_DATABASE, then the app's data folder)."),
                                            QStringLiteral("URL"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print the report as JSON."));
    const QCommandLineOption strictOption(QStringLiteral("strict"),
                                          tr("Fail (exit 1) on unchained or unsealed records too."));
    parser.addOptions({databaseOption, jsonOption, strictOption});
    if (!parser.parse(arguments)) {
        io.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << commandHelpText(parser, arguments.value(0));
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.constFirst() != QLatin1String("verify") || positional.size() > 2) {
        io.err << tr("Usage: ccdash-workbench audit verify [RUN_ID] [--database URL] [--json] [--strict]\n");
        return ExitUsage;
    }

    StoreResult<std::unique_ptr<app::WorkbenchContext>> context = app::WorkbenchContext::open(parser.value(databaseOption));
    if (!context) {
        io.err << context.errorMessage() << '\n';
        return context.error().kind == StoreError::Kind::InvalidArgument ? ExitUsage : ExitUnavailable;
    }
    const AuditSealKey &key = auditSealKey();
    if (!key.isValid())
        io.err << tr("warning: %1 Seals cannot be checked.\n").arg(key.problem);
    const AuditChainVerifier verifier((*context)->database(), key);
    const bool json = parser.isSet(jsonOption);
    const bool strict = parser.isSet(strictOption);

    if (positional.size() == 2) {
        const StoreResult<RunAuditReport> report = verifier.verifyRun(positional.at(1));
        if (!report) {
            io.err << report.errorMessage() << '\n';
            return report.error().kind == StoreError::Kind::NotFound ? ExitDataError : ExitSoftware;
        }
        if (json)
            io.out << QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented);
        else
            printRun(*report, io.out);
        return exitFor(report->verdict, strict);
    }

    const StoreResult<DatabaseAuditReport> report = verifier.verifyDatabase();
    if (!report) {
        io.err << report.errorMessage() << '\n';
        return ExitSoftware;
    }
    if (json) {
        io.out << QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented);
        return exitFor(report->verdict, strict);
    }
    for (const RunAuditReport &run : report->runs) {
        // Verified runs take one line; the others list their findings.
        if (run.verdict == AuditVerdict::Verified)
            io.out << tr("Run %1: verified (%2 records)\n").arg(run.runId).arg(run.chainedRecords);
        else
            printRun(run, io.out);
    }
    for (const AuditFinding &finding : report->databaseFindings)
        io.out << finding.toText() << '\n';
    io.out << tr("Summary: %1 run(s): %2 verified, %3 unsealed, %4 unchained, %5 tampered; database chain %6.\n")
                  .arg(report->runs.size())
                  .arg(report->runCount(AuditVerdict::Verified))
                  .arg(report->runCount(AuditVerdict::Unsealed))
                  .arg(report->runCount(AuditVerdict::Unchained))
                  .arg(report->runCount(AuditVerdict::Tampered))
                  .arg(report->databaseFindings.isEmpty() ? tr("intact") : tr("broken"));
    return exitFor(report->verdict, strict);
}

} // namespace workbench::cli
