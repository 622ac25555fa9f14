#pragma once
// Opens a file at a line in the user's editor, for file:line links in the output view.
//
// The command is a template the user configures, split into words like a shell would (quotes kept
// together) but never run through a shell: "{file}", "{line}" and "{column}" are replaced in each
// argument after splitting, so a path with spaces or quotes stays one argument. Examples:
//   code --goto {file}:{line}:{column}      kate --line {line} --column {column} {file}
//   emacsclient -n +{line}:{column} {file}  gvim +{line} {file}

#include <QString>
#include <QStringList>

#include <optional>

namespace workbench::app {

struct EditorCommand
{
    QString program;
    QStringList arguments;
};

// The program and arguments for one file location, or nullopt (with `error` set) when the
// template is empty, has an unbalanced quote, or never mentions {file}.
std::optional<EditorCommand> expandEditorCommand(const QString &commandTemplate, const QString &filePath, int line,
                                                 int column, QString *error = nullptr);

// Starts the editor detached (it outlives the workbench). False, with `error` set, when the
// template is invalid or the program cannot be started.
bool openInEditor(const QString &commandTemplate, const QString &filePath, int line, int column,
                  QString *error = nullptr);

} // namespace workbench::app
