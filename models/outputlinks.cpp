#include "models/outputlinks.h"

#include <QDir>
#include <QRegularExpression>

namespace workbench::models {

namespace {

const QRegularExpression &pathLineExpression()
{
    // A path token not glued to a preceding path/URL character, then :line and optional :column.
    static const QRegularExpression expression(
        QString::fromUtf8(R"((?<![\w.+@~/\\:-])([\w.+@~/\\-]+):(\d{1,9})(?::(\d{1,9}))?(?![\d\w]))"));
    return expression;
}

const QRegularExpression &pythonTracebackExpression()
{
    static const QRegularExpression expression(QString::fromUtf8(R"re(File "([^"]+)", line (\d{1,9}))re"));
    return expression;
}

const QRegularExpression &extensionExpression()
{
    static const QRegularExpression expression(QString::fromUtf8(R"(\.[A-Za-z][\w+-]*$)"));
    return expression;
}

bool looksLikePath(QStringView path)
{
    if (path.startsWith(u"//"))
        return false; // protocol-relative URL
    bool hasLetter = false;
    for (const QChar ch : path) {
        if (ch.isLetter()) {
            hasLetter = true;
            break;
        }
    }
    if (!hasLetter)
        return false;
    return path.contains(u'/') || extensionExpression().match(path).hasMatch();
}

} // namespace

QList<FileLink> findFileLinks(QStringView text)
{
    QList<FileLink> links;
    // Cheap rejection: every form needs a ':' followed by a digit, or `File "`.
    bool candidate = false;
    for (qsizetype i = text.indexOf(u':'); i >= 0 && i + 1 < text.size(); i = text.indexOf(u':', i + 1)) {
        if (text[i + 1].isDigit()) {
            candidate = true;
            break;
        }
    }
    const bool traceback = text.contains(u"File \"");
    if (!candidate && !traceback)
        return links;

    if (candidate) {
        auto it = pathLineExpression().globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const QStringView path = match.capturedView(1);
            if (!looksLikePath(path))
                continue;
            FileLink link;
            link.start = match.capturedStart(0);
            link.length = match.capturedLength(0);
            link.path = path.toString();
            link.line = match.capturedView(2).toInt();
            link.column = match.hasCaptured(3) ? match.capturedView(3).toInt() : 0;
            if (link.line > 0)
                links.append(link);
        }
    }
    if (traceback) {
        auto it = pythonTracebackExpression().globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            FileLink link;
            link.start = match.capturedStart(0);
            link.length = match.capturedLength(0);
            link.path = match.captured(1);
            link.line = match.capturedView(2).toInt();
            links.append(link);
        }
        std::sort(links.begin(), links.end(), [](const FileLink &a, const FileLink &b) { return a.start < b.start; });
    }
    return links;
}

QString resolveLinkPath(const QString &path, const QString &workingDirectory)
{
    QString expanded = path;
    if (expanded == u"~" || expanded.startsWith(u"~/"))
        expanded = QDir::homePath() + expanded.mid(1);
    if (QDir::isRelativePath(expanded)) {
        const QString base = workingDirectory.isEmpty() ? QDir::currentPath() : workingDirectory;
        expanded = QDir(base).filePath(expanded);
    }
    return QDir::cleanPath(expanded);
}

} // namespace workbench::models
