// libFuzzer target: the path from stored events back to what the user sees or exports. A run's events
// are built from the input the way ExecutionRepository reads rows (payload_text as text, payload_json
// parsed with QJsonDocument), then decoded by RunOutputModel (what the output view shows, through
// OutputChunk::fromRunEvent as RunOutputFeed does) and rendered by RunExporter in every format.
//
// Input: records separated by 0x1e. A record is one selector byte, then up to three fields separated by
// 0x1f: payload_text (UTF-8), payload_json (any text, usually a JSON object such as
// {"bytesBase64": "...", "truncated": true, "droppedBytes": 12}) and occurred_at. The selector picks the
// stream (% 3), the event type (/ 3 % 5) and, with bit 7, a repeated sequence number (an overlapping poll).
// The first record's occurred_at is also the run's started_at.
//
// Checked promises (abort() when broken): the raw export is exactly the concatenation of every output
// event's bytes; the JSON export reads back to the same events; with the caps off and only stdout
// events, the model shows exactly what decoding the whole stream at once gives, however the output was
// cut into events and slices; every row respects the caps.
#include "app/export/runexporter.h"
#include "models/linesplitter.h"
#include "models/runoutputmodel.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A broken promise names itself, then aborts (libFuzzer keeps the input).
#define require(condition)                                                                          \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            std::fprintf(stderr, "broken promise at %s:%d: %s\n", __FILE__, __LINE__, #condition);   \
            std::abort();                                                                           \
        }                                                                                           \
    } while (false)

using namespace workbench;
using namespace workbench::models;

namespace {

const QLatin1StringView eventTypes[] = {EventType::Output, EventType::Status, EventType::Policy,
                                        EventType::Approval, EventType::Error};

app::RunRecord recordFromInput(const QByteArray &input)
{
    app::RunRecord record;
    record.run.id = QStringLiteral("0123456789abcdef0123456789abcdef");
    record.run.sourceCommand = QStringLiteral("fuzz");
    qint64 sequence = 0;
    for (const QByteArray &raw : input.split('\x1e')) {
        if (raw.isEmpty())
            continue;
        const quint8 selector = quint8(raw.at(0));
        const QList<QByteArray> fields = raw.mid(1).split('\x1f');
        RunEvent event;
        event.runId = record.run.id;
        event.sequenceNo = (selector & 0x80) && sequence > 0 ? sequence : ++sequence;
        event.stream = EventStream(selector % 3);
        event.eventType = QString(eventTypes[(selector / 3) % 5]);
        event.payloadText = QString::fromUtf8(fields.value(0));
        event.payload = QJsonDocument::fromJson(fields.value(1)).object();
        event.occurredAt = QString::fromUtf8(fields.value(2));
        if (record.events.isEmpty())
            record.run.startedAt = event.occurredAt;
        record.events.append(event);
    }
    return record;
}

bool isOutput(const RunEvent &event)
{
    return event.stream == EventStream::Stdout || event.stream == EventStream::Stderr;
}

void checkExports(const app::RunRecord &record)
{
    QByteArray expectedRaw;
    for (const RunEvent &event : record.events) {
        if (isOutput(event))
            expectedRaw += app::RunExporter::outputBytes(event);
        require(app::RunExporter::droppedBytes(event) >= 0);
    }
    require(app::RunExporter::render(record, app::ExportFormat::Raw) == expectedRaw);

    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(app::RunExporter::render(record, app::ExportFormat::Json), &error);
    require(error.error == QJsonParseError::NoError);
    const QJsonArray events = json.object().value(QStringLiteral("events")).toArray();
    require(events.size() == record.events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        const std::optional<RunEvent> readBack = RunEvent::fromJson(events.at(i).toObject());
        require(readBack && *readBack == record.events.at(i));
    }

    (void)app::RunExporter::render(record, app::ExportFormat::Text);
    require(app::RunExporter::render(record, app::ExportFormat::Html).contains("</html>"));
    // Every cast line after the header is a JSON array [time, "o", text].
    const QList<QByteArray> castLines = app::RunExporter::render(record, app::ExportFormat::Cast).split('\n');
    for (qsizetype i = 1; i < castLines.size(); ++i) {
        if (castLines.at(i).isEmpty())
            continue;
        require(QJsonDocument::fromJson(castLines.at(i)).isArray());
    }
}

void checkModel(const app::RunRecord &record, int maxLines, qint64 maxCharacters)
{
    RunOutputModel model;
    model.setMaxLines(maxLines);
    model.setMaxCharacters(maxCharacters);
    QList<OutputChunk> chunks;
    for (const RunEvent &event : record.events)
        chunks.append(OutputChunk::fromRunEvent(event));
    // Half queued at once, half one by one with a flush in between, like a feed polling.
    const qsizetype half = chunks.size() / 2;
    model.append(chunks.first(half));
    model.flush();
    for (qsizetype i = half; i < chunks.size(); ++i)
        model.append(chunks.at(i));
    model.flush();
    model.finishOpenLines();
    model.flush();

    require(model.rowCount() <= maxLines);
    require(model.pendingCharacters() == 0);
    qint64 characters = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const OutputLine &line = model.line(row);
        require(!line.isOpen());
        characters += line.content.text.size();
        for (const StyledSpan &span : line.content.spans)
            require(span.start >= 0 && qsizetype(span.start) + span.length <= line.content.text.size());
        require(model.data(model.index(row), Qt::DisplayRole).toString() == line.content.text);
    }
    require(characters == model.characterCount());
}

// With no caps in the way and only stdout events, the rows are what one decoder makes of the whole text.
void checkModelMatchesWholeDecode(const app::RunRecord &record)
{
    QString whole;
    qint64 lastSequence = 0;
    for (const RunEvent &event : record.events) {
        if (event.stream != EventStream::Stdout)
            return;
        if (event.sequenceNo <= lastSequence)
            continue; // the model ignores repeated sequence numbers
        lastSequence = event.sequenceNo;
        whole += event.payloadText;
    }
    OutputStreamDecoder decoder;
    QList<StyledLine> expected;
    decoder.feed(whole, expected);
    if (decoder.hasPartialLine())
        expected.append(decoder.takePartialLine());

    RunOutputModel model;
    model.setMaxLines(1 << 30);
    model.setMaxCharacters(qint64(1) << 40);
    for (const RunEvent &event : record.events)
        model.append(OutputChunk::fromRunEvent(event));
    model.flush();
    model.finishOpenLines();
    model.flush();
    require(model.rowCount() == expected.size());
    for (int row = 0; row < model.rowCount(); ++row)
        require(model.line(row).content == expected.at(row));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return -1;
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const app::RunRecord record = recordFromInput(input);
    checkExports(record);
    // Small caps chosen by the input's length, so trimming from the front is exercised too.
    checkModel(record, 1 + int(size % 7), 1 + qint64(size % 97));
    checkModel(record, RunOutputModel::DefaultMaxLines, RunOutputModel::DefaultMaxCharacters);
    checkModelMatchesWholeDecode(record);
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The model's flush timer needs an application object; it lives forever.
    static QCoreApplication *application = new QCoreApplication(*argc, *argv);
    Q_UNUSED(application);
    return 0;
}
