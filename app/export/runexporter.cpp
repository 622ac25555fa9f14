#include "app/export/runexporter.h"

#include "app/export/exportlog.h"
#include "models/ansiparser.h"
#include "models/executionrepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcExport, "ccdash.workbench.export", QtWarningMsg)

namespace workbench::app {

using namespace workbench::models;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::app", text);
}

bool isOutput(const RunEvent &event)
{
    return event.stream == EventStream::Stdout || event.stream == EventStream::Stderr;
}

QString droppedMarker(qint64 dropped)
{
    // Not translated: exported files are read by scripts as well as people.
    return QStringLiteral("[... %1 bytes dropped by the output cap ...]").arg(dropped);
}

// Each line of a system event, prefixed with its type so it cannot be mistaken for output.
QString systemLines(const RunEvent &event)
{
    QString text;
    const QStringList lines = event.payloadText.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        text += QStringLiteral("[%1] %2\n").arg(event.eventType, line);
    return text;
}

// Keeps system lines on a line of their own even when output stopped mid-line.
void startLine(QString &text)
{
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
}

QString renderText(const RunRecord &record)
{
    AnsiParser stdoutParser; // separate streams keep separate escape and colour state
    AnsiParser stderrParser;
    QString text;
    for (const RunEvent &event : record.events) {
        if (isOutput(event)) {
            AnsiParser::Segments segments;
            (event.stream == EventStream::Stdout ? stdoutParser : stderrParser).parse(event.payloadText, segments);
            for (const AnsiParser::Segment &segment : std::as_const(segments))
                text += segment.text;
        } else if (const qint64 dropped = RunExporter::droppedBytes(event)) {
            startLine(text);
            text += droppedMarker(dropped) + QLatin1Char('\n');
        } else {
            startLine(text);
            text += systemLines(event);
        }
    }
    return text;
}

// xterm's default palette for the 16 basic colours.
constexpr quint32 basicPalette[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
                                      0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};

quint32 paletteRgb(int index)
{
    if (index < 16)
        return basicPalette[index];
    if (index < 232) { // 6x6x6 cube
        const int cube = index - 16;
        auto level = [](int value) { return value == 0 ? 0 : 55 + value * 40; };
        return quint32(level(cube / 36) << 16 | level(cube / 6 % 6) << 8 | level(cube % 6));
    }
    const int grey = 8 + (index - 232) * 10;
    return quint32(grey << 16 | grey << 8 | grey);
}

constexpr quint32 defaultForeground = 0xd0d0d0;
constexpr quint32 defaultBackground = 0x1e1e1e;

std::optional<quint32> colorRgb(TerminalColor color)
{
    switch (color.kind()) {
    case TerminalColor::Kind::Default:
        return std::nullopt;
    case TerminalColor::Kind::Indexed:
        return paletteRgb(color.index());
    case TerminalColor::Kind::Rgb:
        return color.rgbValue();
    }
    return std::nullopt;
}

QString cssColor(quint32 rgb)
{
    return QStringLiteral("#%1").arg(rgb, 6, 16, QLatin1Char('0'));
}

QString cssFor(const TextStyle &style)
{
    std::optional<quint32> foreground = colorRgb(style.foreground);
    std::optional<quint32> background = colorRgb(style.background);
    if (style.has(TextStyle::Inverse)) {
        const quint32 newForeground = background.value_or(defaultBackground);
        background = foreground.value_or(defaultForeground);
        foreground = newForeground;
    }
    QStringList css;
    if (foreground)
        css << QStringLiteral("color:%1").arg(cssColor(*foreground));
    if (background)
        css << QStringLiteral("background-color:%1").arg(cssColor(*background));
    if (style.has(TextStyle::Bold))
        css << QStringLiteral("font-weight:bold");
    if (style.has(TextStyle::Dim))
        css << QStringLiteral("opacity:0.6");
    if (style.has(TextStyle::Italic))
        css << QStringLiteral("font-style:italic");
    QStringList decorations;
    if (style.has(TextStyle::Underline))
        decorations << QStringLiteral("underline");
    if (style.has(TextStyle::Strikeout))
        decorations << QStringLiteral("line-through");
    if (!decorations.isEmpty())
        css << QStringLiteral("text-decoration:%1").arg(decorations.join(QLatin1Char(' ')));
    return css.join(QLatin1Char(';'));
}

QString renderHtml(const RunRecord &record)
{
    const QString title = record.run.sourceCommand.toHtmlEscaped();
    QString body;
    bool atLineStart = true;
    auto appendMarked = [&](const QString &cssClass, const QString &text) {
        if (!atLineStart)
            body += QLatin1Char('\n');
        body += QStringLiteral("<span class=\"%1\">%2</span>").arg(cssClass, text.toHtmlEscaped());
        atLineStart = true;
    };
    AnsiParser stdoutParser;
    AnsiParser stderrParser;
    for (const RunEvent &event : record.events) {
        if (isOutput(event)) {
            AnsiParser::Segments segments;
            (event.stream == EventStream::Stdout ? stdoutParser : stderrParser).parse(event.payloadText, segments);
            const bool isStderr = event.stream == EventStream::Stderr;
            for (const AnsiParser::Segment &segment : std::as_const(segments)) {
                if (segment.text.isEmpty())
                    continue;
                QString html = segment.text.toHtmlEscaped();
                const QString css = cssFor(segment.style);
                if (!css.isEmpty())
                    html = QStringLiteral("<span style=\"%1\">%2</span>").arg(css, html);
                if (!segment.hyperlink.isEmpty())
                    html = QStringLiteral("<a href=\"%1\">%2</a>").arg(segment.hyperlink.toHtmlEscaped(), html);
                if (isStderr)
                    html = QStringLiteral("<span class=\"stderr\">%1</span>").arg(html);
                body += html;
                atLineStart = segment.text.endsWith(QLatin1Char('\n'));
            }
        } else if (const qint64 dropped = RunExporter::droppedBytes(event)) {
            appendMarked(QStringLiteral("dropped"), droppedMarker(dropped) + QLatin1Char('\n'));
        } else {
            appendMarked(QStringLiteral("system"), systemLines(event));
        }
    }
    return QStringLiteral("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%1</title>\n<style>\n"
                          "body { background: %3; color: %4; margin: 1em; }\n"
                          "h1 { font: bold 1em monospace; }\n"
                          "pre { font-family: monospace; white-space: pre-wrap; }\n"
                          ".stderr { border-left: 2px solid #cd0000; }\n"
                          ".system { color: #7f7f7f; font-style: italic; }\n"
                          ".dropped { color: #cdcd00; font-weight: bold; }\n"
                          "a { color: inherit; }\n"
                          "</style>\n</head>\n<body>\n<h1>$ %1</h1>\n<p>%5</p>\n<pre>%2</pre>\n</body>\n</html>\n")
        .arg(title, body, cssColor(defaultBackground), cssColor(defaultForeground),
             tr("Run %1, %2, exit code %3.")
                 .arg(record.run.id, toString(record.run.status),
                      record.run.exitCode ? QString::number(*record.run.exitCode) : QStringLiteral("-"))
                 .toHtmlEscaped());
}

QByteArray renderJson(const RunRecord &record)
{
    QJsonArray events;
    for (const RunEvent &event : record.events)
        events.append(event.toJson());
    QJsonArray approvals;
    for (const Approval &approval : record.approvals)
        approvals.append(approval.toJson());
    const QJsonObject root{{QStringLiteral("run"), record.run.toJson()},
                           {QStringLiteral("events"), events},
                           {QStringLiteral("approvals"), approvals}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray renderCast(const RunRecord &record)
{
    QDateTime origin;
    for (const RunEvent &event : record.events) {
        if (isOutput(event)) {
            origin = parseIsoTimestamp(event.occurredAt);
            break;
        }
    }
    if (!origin.isValid())
        origin = parseIsoTimestamp(record.run.startedAt.isEmpty() ? record.run.createdAt : record.run.startedAt);
    QJsonObject header{{QStringLiteral("version"), 2},
                       {QStringLiteral("width"), 80},
                       {QStringLiteral("height"), 24},
                       {QStringLiteral("title"), record.run.sourceCommand}};
    if (origin.isValid())
        header.insert(QStringLiteral("timestamp"), origin.toSecsSinceEpoch());
    QByteArray cast = QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n';
    double lastSeconds = 0;
    auto appendFrame = [&](const RunEvent &event, const QString &text) {
        const QDateTime occurred = parseIsoTimestamp(event.occurredAt);
        double seconds = origin.isValid() && occurred.isValid() ? origin.msecsTo(occurred) / 1000.0 : lastSeconds;
        lastSeconds = seconds = qMax(seconds, lastSeconds); // players expect non-decreasing times
        cast += QJsonDocument(QJsonArray{seconds, QStringLiteral("o"), text}).toJson(QJsonDocument::Compact) + '\n';
    };
    for (const RunEvent &event : record.events) {
        if (isOutput(event))
            appendFrame(event, event.payloadText); // stderr is shown as output, as on a terminal
        else if (const qint64 dropped = RunExporter::droppedBytes(event))
            appendFrame(event, QStringLiteral("\r\n%1\r\n").arg(droppedMarker(dropped)));
    }
    return cast;
}

QByteArray renderRaw(const RunRecord &record)
{
    QByteArray bytes;
    for (const RunEvent &event : record.events) {
        if (isOutput(event))
            bytes += RunExporter::outputBytes(event);
    }
    return bytes;
}

} // namespace

std::optional<ExportFormat> exportFormatFromString(QStringView name)
{
    for (ExportFormat format : {ExportFormat::Text, ExportFormat::Raw, ExportFormat::Html, ExportFormat::Json, ExportFormat::Cast}) {
        if (name == toString(format))
            return format;
    }
    return std::nullopt;
}

QString toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Text: return QStringLiteral("text");
    case ExportFormat::Raw: return QStringLiteral("raw");
    case ExportFormat::Html: return QStringLiteral("html");
    case ExportFormat::Json: return QStringLiteral("json");
    case ExportFormat::Cast: return QStringLiteral("cast");
    }
    return {};
}

QString fileSuffix(ExportFormat format)
{
    return format == ExportFormat::Text ? QStringLiteral("txt") : toString(format);
}

RunExporter::RunExporter(ExecutionRepository &repository) : m_repository(repository) {}

QByteArray RunExporter::outputBytes(const RunEvent &event)
{
    const QJsonValue preserved = event.payload.value(QStringLiteral("bytesBase64"));
    if (preserved.isString()) {
        const QByteArray::FromBase64Result decoded =
            QByteArray::fromBase64Encoding(preserved.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (decoded)
            return decoded.decoded;
        qCWarning(lcExport) << "event" << event.sequenceNo << "of run" << event.runId << "has malformed bytesBase64; using its text";
    }
    return event.payloadText.toUtf8();
}

qint64 RunExporter::droppedBytes(const RunEvent &event)
{
    if (event.stream != EventStream::System || !event.payload.value(QStringLiteral("truncated")).toBool())
        return 0;
    return qMax<qint64>(0, event.payload.value(QStringLiteral("droppedBytes")).toInteger());
}

std::optional<RunRecord> RunExporter::load(const QString &runId, ExportError *error) const
{
    auto fail = [error](ExportError::Kind kind, const QString &message) -> std::optional<RunRecord> {
        if (error)
            *error = ExportError{kind, message};
        return std::nullopt;
    };
    RunRecord record;
    StoreResult<ExecutionRun> run = m_repository.getRun(runId);
    if (!run) {
        if (run.error().kind == StoreError::Kind::NotFound)
            return fail(ExportError::Kind::UnknownRun, QCoreApplication::translate("workbench::app::RunExporter", "No run with id '%1'.").arg(runId));
        return fail(ExportError::Kind::Store, run.errorMessage());
    }
    record.run = *run;
    qint64 after = 0;
    for (;;) {
        StoreResult<EventPage> page = m_repository.listEventsAfterSequence(runId, after, 2000);
        if (!page)
            return fail(ExportError::Kind::Store, page.errorMessage());
        if (page->items.isEmpty())
            break;
        record.events += page->items;
        after = page->nextSequence;
    }
    StoreResult<QList<Approval>> approvals = m_repository.listApprovals(runId);
    if (!approvals)
        return fail(ExportError::Kind::Store, approvals.errorMessage());
    record.approvals = *approvals;
    return record;
}

QByteArray RunExporter::render(const RunRecord &record, ExportFormat format)
{
    switch (format) {
    case ExportFormat::Text: return renderText(record).toUtf8();
    case ExportFormat::Raw: return renderRaw(record);
    case ExportFormat::Html: return renderHtml(record).toUtf8();
    case ExportFormat::Json: return renderJson(record);
    case ExportFormat::Cast: return renderCast(record);
    }
    return {};
}

std::optional<QByteArray> RunExporter::exportToBytes(const QString &runId, ExportFormat format, ExportError *error) const
{
    const std::optional<RunRecord> record = load(runId, error);
    if (!record)
        return std::nullopt;
    return render(*record, format);
}

bool RunExporter::exportToFile(const QString &runId, ExportFormat format, const QString &path, bool overwrite,
                               ExportError *error) const
{
    // Checked before reading the store too, so a refusal costs nothing.
    if (!overwrite && QFileInfo::exists(path)) {
        if (error)
            *error = ExportError{ExportError::Kind::FileExists,
                                 QCoreApplication::translate("workbench::app::RunExporter", "%1 already exists; not overwritten (use --force to replace it).").arg(path)};
        return false;
    }
    const std::optional<QByteArray> bytes = exportToBytes(runId, format, error);
    if (!bytes)
        return false;
    return writeFileAtomically(path, *bytes, overwrite, error);
}

bool RunExporter::writeFileAtomically(const QString &path, const QByteArray &bytes, bool overwrite, ExportError *error)
{
    auto fail = [error, &path](ExportError::Kind kind, const QString &reason) {
        if (error)
            *error = ExportError{kind, kind == ExportError::Kind::FileExists
                                           ? reason
                                           : QCoreApplication::translate("workbench::app::RunExporter", "Cannot write %1: %2").arg(path, reason)};
        return false;
    };
    if (!overwrite && QFileInfo::exists(path))
        return fail(ExportError::Kind::FileExists,
                    QCoreApplication::translate("workbench::app::RunExporter", "%1 already exists; not overwritten (use --force to replace it).").arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ExportError::Kind::Write, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(ExportError::Kind::Write, reason);
    }
    if (!file.commit()) // the temporary file is removed: no partial export is left behind
        return fail(ExportError::Kind::Write, file.errorString());
    qCInfo(lcExport) << "wrote" << bytes.size() << "bytes to" << path;
    return true;
}

} // namespace workbench::app
