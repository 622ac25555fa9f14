#include "app/editor/editorlauncher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QProcess>

Q_LOGGING_CATEGORY(lcEditor, "ccdash.workbench.editor", QtWarningMsg)

namespace workbench::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::app", text);
}

// Splits like a POSIX shell would split plain words: blanks separate, '...' is literal, "..."
// honours \" and \\, a backslash outside quotes escapes the next character. No expansion at all.
// nullopt when a quote is left open.
std::optional<QStringList> splitTemplate(const QString &text)
{
    QStringList words;
    QString current;
    bool inWord = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text[i];
        if (ch == u' ' || ch == u'\t' || ch == u'\n') {
            if (inWord)
                words.append(std::exchange(current, QString()));
            inWord = false;
            continue;
        }
        inWord = true;
        if (ch == u'\'') {
            const qsizetype close = text.indexOf(u'\'', i + 1);
            if (close < 0)
                return std::nullopt;
            current += QStringView(text).sliced(i + 1, close - i - 1);
            i = close;
        } else if (ch == u'"') {
            qsizetype j = i + 1;
            for (; j < text.size() && text[j] != u'"'; ++j) {
                if (text[j] == u'\\' && j + 1 < text.size() && (text[j + 1] == u'"' || text[j + 1] == u'\\'))
                    ++j;
                current += text[j];
            }
            if (j >= text.size())
                return std::nullopt;
            i = j;
        } else if (ch == u'\\' && i + 1 < text.size()) {
            current += text[++i];
        } else {
            current += ch;
        }
    }
    if (inWord)
        words.append(current);
    return words;
}

} // namespace

std::optional<EditorCommand> expandEditorCommand(const QString &commandTemplate, const QString &filePath, int line,
                                                 int column, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<EditorCommand> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (commandTemplate.trimmed().isEmpty())
        return fail(tr("No editor command is configured."));
    const std::optional<QStringList> split = splitTemplate(commandTemplate);
    if (!split)
        return fail(tr("The editor command has an unbalanced quote: %1").arg(commandTemplate));
    if (!commandTemplate.contains(QLatin1String("{file}")))
        return fail(tr("The editor command must contain {file}: %1").arg(commandTemplate));
    QStringList parts = *split;
    if (parts.isEmpty())
        return fail(tr("No editor command is configured."));
    const QString lineText = QString::number(qMax(1, line));
    const QString columnText = QString::number(qMax(1, column));
    for (QString &part : parts) {
        part.replace(QLatin1String("{line}"), lineText);
        part.replace(QLatin1String("{column}"), columnText);
        part.replace(QLatin1String("{file}"), filePath); // last: a path may itself contain "{line}"
    }
    EditorCommand command;
    command.program = parts.takeFirst();
    command.arguments = parts;
    return command;
}

bool openInEditor(const QString &commandTemplate, const QString &filePath, int line, int column, QString *error)
{
    const auto command = expandEditorCommand(commandTemplate, filePath, line, column, error);
    if (!command)
        return false;
    qint64 pid = 0;
    if (!QProcess::startDetached(command->program, command->arguments, QString(), &pid)) {
        if (error)
            *error = tr("Could not start the editor \"%1\".").arg(command->program);
        qCWarning(lcEditor) << "could not start editor" << command->program;
        return false;
    }
    qCDebug(lcEditor) << "editor started" << command->program << command->arguments << "pid" << pid;
    return true;
}

} // namespace workbench::app
