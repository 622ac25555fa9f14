#include "app/export/commandtranscript.h"

#include <QRegularExpression>

namespace workbench::app {

QString shellQuoted(const QString &word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (!word.isEmpty() && safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString commandTranscript(const QString &cwd, const QString &command, const QString &output)
{
    QString text;
    if (!cwd.isEmpty())
        text += QStringLiteral("$ cd ") + shellQuoted(cwd) + QLatin1Char('\n');
    text += QStringLiteral("$ ") + command + QLatin1Char('\n');
    text += output;
    if (!text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    return text;
}

} // namespace workbench::app
