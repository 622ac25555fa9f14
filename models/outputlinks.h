#pragma once
// Finds "file:line[:column]" references in output lines (compiler errors, test failures, stack
// traces) so the view can offer them as links, and resolves them against the run's cwd.

#include <QList>
#include <QString>
#include <QStringView>

namespace workbench::models {

struct FileLink
{
    qsizetype start = 0;  // range of the reference in the line, in QChars
    qsizetype length = 0;
    QString path;         // as written
    int line = 0;         // 1-based
    int column = 0;       // 1-based, 0 when not given

    friend bool operator==(const FileLink &, const FileLink &) = default;
};

// References in `text`, in order. Recognises "path:line", "path:line:col" where the path has a
// directory or an extension (so "localhost:8080" and "12:30:45" are not links), and Python's
// `File "path", line N`.
QList<FileLink> findFileLinks(QStringView text);

// Absolute, clean path for a link: "~" is the home directory, relative paths are relative to
// `workingDirectory`.
QString resolveLinkPath(const QString &path, const QString &workingDirectory);

} // namespace workbench::models
