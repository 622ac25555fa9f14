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

QString printable(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t code = ch.unicode();
        switch (code) {
        case u'\n': result += QLatin1String("\\n"); continue;
        case u'\r': result += QLatin1String("\\r"); continue;
        case u'\t': result += QLatin1String("\\t"); continue;
        case 0x1b: result += QLatin1String("\\e"); continue;
        default: break;
        }
        const bool control = code < 0x20 || code == 0x7f || (code >= 0x80 && code <= 0x9f);
        const bool bidiControl = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
                                 || code == 0x200e || code == 0x200f || code == 0x061c;
        if (control)
            result += QStringLiteral("\\x%1").arg(uint(code), 2, 16, QLatin1Char('0'));
        else if (bidiControl)
            result += QStringLiteral("\\u%1").arg(uint(code), 4, 16, QLatin1Char('0'));
        else
            result += ch;
    }
    return result;
}

} // namespace workbench::cli
