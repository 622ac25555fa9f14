// `export`: write one run's output (text, raw, html, json or cast) to a file or to stdout.
#include "app/cli/cli_export.h"

#include "app/export/runexporter.h"
#include "app/workbenchcontext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileDevice>

namespace workbench::cli {

using namespace workbench::models;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::cli", text);
}

// Raw bytes go past the QTextStream (which would re-encode them) when it has a device.
bool writeBytes(QTextStream &out, const QByteArray &bytes)
{
    out.flush();
    if (QIODevice *device = out.device()) {
        const bool written = device->write(bytes) == bytes.size();
        if (auto *file = qobject_cast<QFileDevice *>(device))
            return file->flush() && written;
        return written;
    }
    out << QString::fromUtf8(bytes); // a test's string buffer: text is all it can hold
    return true;
}

} // namespace

int runExportCommand(const QStringList &arguments, CliIo io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Export one run's output: text (ANSI stripped), raw (the exact bytes), html (with "
                                        "colours), json (CCDash's DTOs) or cast (asciinema v2)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("RUN_ID"), tr("The run's id."));
    const QCommandLineOption formatOption(QStringLiteral("format"), tr("text, raw, html, json or cast (default text)."),
                                          QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption outputOption(QStringLiteral("output"), tr("File to write, or - for stdout (default)."),
                                          QStringLiteral("FILE"), QStringLiteral("-"));
    const QCommandLineOption forceOption(QStringLiteral("force"), tr("Replace FILE if it exists."));
    const QCommandLineOption databaseOption(QStringLiteral("database"),
                                            tr("SQLite file, sqlite:///path or postgresql://user@host:port/db "
                                               "(default: $CCDASH_WORKBENCH_DATABASE, then the app's data folder)."),
                                            QStringLiteral("URL"));
    parser.addOptions({formatOption, outputOption, forceOption, databaseOption});
    if (!parser.parse(arguments)) {
        io.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out << commandHelpText(parser, arguments.value(0));
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        io.err << tr("Usage: ccdash-workbench export RUN_ID --format FORMAT [--output FILE] [--force] [--database URL]\n");
        return ExitUsage;
    }
    const std::optional<app::ExportFormat> format = app::exportFormatFromString(parser.value(formatOption));
    if (!format) {
        io.err << tr("Unknown format '%1' (expected text, raw, html, json or cast).\n").arg(parser.value(formatOption));
        return ExitUsage;
    }
    const QString runId = parser.positionalArguments().constFirst();
    const QString output = parser.value(outputOption);
    const bool toStdout = output == QLatin1String("-");
    if (output.isEmpty()) {
        io.err << tr("--output needs a file name or -.\n");
        return ExitUsage;
    }

    StoreResult<std::unique_ptr<app::WorkbenchContext>> context = app::WorkbenchContext::open(parser.value(databaseOption));
    if (!context) {
        io.err << context.errorMessage() << '\n';
        return context.error().kind == StoreError::Kind::InvalidArgument ? ExitUsage : ExitUnavailable;
    }
    const app::RunExporter exporter((*context)->executions());
    app::ExportError error;
    if (toStdout) {
        const std::optional<QByteArray> bytes = exporter.exportToBytes(runId, *format, &error);
        if (bytes && !writeBytes(io.out, *bytes)) {
            io.err << tr("Cannot write to standard output.\n");
            return ExitFailure;
        }
        if (bytes)
            return ExitOk;
    } else if (exporter.exportToFile(runId, *format, output, parser.isSet(forceOption), &error)) {
        return ExitOk;
    }
    io.err << error.message << '\n';
    switch (error.kind) {
    case app::ExportError::Kind::UnknownRun: return ExitDataError;
    case app::ExportError::Kind::Store: return ExitSoftware;
    case app::ExportError::Kind::FileExists:
    case app::ExportError::Kind::Write:
    case app::ExportError::Kind::None: break;
    }
    return ExitFailure;
}

} // namespace workbench::cli
