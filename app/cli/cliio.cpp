#include "app/cli/cliio.h"

#include "app/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace workbench::cli {

QString commandHelpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    // Qt's usage line names the process's argv[0], often a full path, and not the subcommand.
    const QStringList processArguments = QCoreApplication::arguments();
    const QString program = processArguments.isEmpty() ? QString() : processArguments.constFirst();
    const QString typed = QStringLiteral(WORKBENCH_APP_NAME) + QLatin1Char(' ') + command;
    const qsizetype firstLineEnd = text.indexOf(QLatin1Char('\n'));
    const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program);
    if (at >= 0 && (firstLineEnd < 0 || at < firstLineEnd))
        text.replace(at, program.size(), typed);
    return text;
}

} // namespace workbench::cli
