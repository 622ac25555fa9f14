#include "models/runoutputmodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOutputModel, "ccdash.workbench.output", QtWarningMsg)

namespace workbench::models {

namespace {
// Decoding works in slices so the time budget is checked often even for huge events.
constexpr qsizetype SliceCharacters = 8 * 1024;
} // namespace

OutputChunk OutputChunk::fromRunEvent(const RunEvent &event)
{
    return OutputChunk{event.sequenceNo, toString(event.stream), event.eventType, event.payloadText,
                       parseIsoTimestamp(event.occurredAt)};
}

RunOutputModel::RunOutputModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        processQueued(qint64(m_flushBudgetMs) * 1000000);
        publish();
        if (!m_queue.empty())
            scheduleFlush(true);
    });
}

RunOutputModel::~RunOutputModel() = default;

int RunOutputModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_publishedRows);
}

QVariant RunOutputModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutputLine &outputLine = line(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return outputLine.content.text;
    case StreamRole:
        return streamName(outputLine.stream);
    case TimestampRole:
        return outputLine.timestamp;
    case SequenceRole:
        return outputLine.sequence;
    case LineNumberRole:
        return m_droppedLines + index.row();
    case IsOpenRole:
        return outputLine.isOpen();
    default:
        return {};
    }
}

QHash<int, QByteArray> RunOutputModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(StreamRole, "stream");
    names.insert(TimestampRole, "timestamp");
    names.insert(SequenceRole, "sequence");
    names.insert(LineNumberRole, "lineNumber");
    names.insert(IsOpenRole, "isOpen");
    return names;
}

QString RunOutputModel::streamName(OutputStream stream)
{
    switch (stream) {
    case OutputStream::Stdout:
        return QStringLiteral("stdout");
    case OutputStream::Stderr:
        return QStringLiteral("stderr");
    case OutputStream::System:
        return QStringLiteral("system");
    }
    return {};
}

void RunOutputModel::setMaxLines(int maxLines)
{
    m_maxLines = qMax(1, maxLines);
    trimToCaps();
}

void RunOutputModel::setMaxCharacters(qint64 maxCharacters)
{
    m_maxCharacters = qMax<qint64>(1, maxCharacters);
    trimToCaps();
}

int RunOutputModel::append(const OutputChunk &chunk)
{
    if (chunk.sequence <= m_lastSequence) {
        // Overlapping polls deliver an event twice; the first copy is the one shown.
        ++m_ignoredEvents;
        qCDebug(lcOutputModel) << "ignoring event" << chunk.sequence << "at or before" << m_lastSequence;
        return 0;
    }
    m_lastSequence = chunk.sequence;
    m_pendingCharacters += chunk.text.size();
    m_queue.push_back(QueuedChunk{chunk, 0});
    scheduleFlush(false);
    return 1;
}

int RunOutputModel::append(const QList<OutputChunk> &chunks)
{
    int accepted = 0;
    for (const OutputChunk &chunk : chunks)
        accepted += append(chunk);
    return accepted;
}

void RunOutputModel::scheduleFlush(bool soon)
{
    if (soon) {
        // Work is left over: come back right after the event loop has had its turn.
        m_flushTimer.start(1);
    } else if (!m_flushTimer.isActive()) {
        m_flushTimer.start(m_flushInterval);
    }
}

void RunOutputModel::flush()
{
    m_flushTimer.stop();
    processQueued(-1);
    publish();
}

void RunOutputModel::processQueued(qint64 budgetNs)
{
    QElapsedTimer clock;
    clock.start();
    while (!m_queue.empty()) {
        QueuedChunk &queued = m_queue.front();
        const OutputChunk &chunk = queued.chunk;
        OutputStream stream = OutputStream::Stdout;
        if (chunk.stream == u"stderr") {
            stream = OutputStream::Stderr;
        } else if (chunk.stream == u"system") {
            stream = OutputStream::System;
        } else if (chunk.stream != u"stdout") {
            qCWarning(lcOutputModel) << "event" << chunk.sequence << "has unknown stream" << chunk.stream
                                     << "- shown as stdout";
        }

        if (stream == OutputStream::System) {
            m_pendingCharacters -= chunk.text.size();
            appendSystemEvent(chunk);
            m_queue.pop_front();
        } else {
            const qsizetype take = qMin(SliceCharacters, chunk.text.size() - queued.offset);
            decodeSlice(state(stream), stream, QStringView(chunk.text).sliced(queued.offset, take), chunk);
            queued.offset += take;
            m_pendingCharacters -= take;
            if (queued.offset >= chunk.text.size())
                m_queue.pop_front();
        }

        // Keep memory bounded even when one flush decodes a flood: publish and trim on the way.
        if (qsizetype(m_lines.size()) - m_publishedRows > m_maxLines / 2 + 1024)
            publish();
        if (budgetNs >= 0 && clock.nsecsElapsed() > budgetNs)
            break;
    }
}

void RunOutputModel::decodeSlice(StreamState &streamState, OutputStream stream, QStringView text,
                                 const OutputChunk &chunk)
{
    const bool hadPartial = streamState.openRow >= 0 || streamState.decoder.hasPartialLine();
    QList<StyledLine> completed;
    streamState.decoder.feed(text, completed);

    for (qsizetype k = 0; k < completed.size(); ++k) {
        const bool continuesPartial = k == 0 && hadPartial;
        const QDateTime &timestamp = continuesPartial ? streamState.partialTimestamp : chunk.occurredAt;
        const qint64 sequence = continuesPartial ? streamState.partialSequence : chunk.sequence;
        if (continuesPartial && streamState.openRow >= 0) {
            OutputLine &row = m_lines[std::size_t(streamState.openRow)];
            m_characters += completed[k].text.size() - row.content.text.size();
            row.content = std::move(completed[k]);
            row.columns = terminalColumnWidth(row.content.text);
            row.flags &= quint8(~OutputLine::Open);
            markChanged(streamState.openRow);
            streamState.openRow = -1;
        } else {
            addLine(std::move(completed[k]), stream, timestamp, sequence, 0);
        }
    }

    if (!completed.isEmpty() || !hadPartial) {
        streamState.partialTimestamp = chunk.occurredAt;
        streamState.partialSequence = chunk.sequence;
    }
    if (streamState.openRow >= 0) {
        OutputLine &row = m_lines[std::size_t(streamState.openRow)];
        const StyledLine &partial = streamState.decoder.partialLine();
        if (row.content != partial) {
            m_characters += partial.text.size() - row.content.text.size();
            row.content = partial;
            row.columns = terminalColumnWidth(row.content.text);
            markChanged(streamState.openRow);
        }
    } else if (streamState.decoder.hasPartialLine()) {
        addLine(StyledLine(streamState.decoder.partialLine()), stream, streamState.partialTimestamp,
                streamState.partialSequence, OutputLine::Open);
        streamState.openRow = qsizetype(m_lines.size()) - 1;
    }
}

void RunOutputModel::closeOpenLine(StreamState &streamState)
{
    if (streamState.openRow >= 0) {
        m_lines[std::size_t(streamState.openRow)].flags &= quint8(~OutputLine::Open);
        markChanged(streamState.openRow);
        streamState.openRow = -1;
        streamState.decoder.takePartialLine();
    } else if (streamState.decoder.hasPartialLine()) {
        // Its row was dropped by the caps while it was still growing: show the rest as a line.
        const OutputStream stream = &streamState == &m_streams[1] ? OutputStream::Stderr : OutputStream::Stdout;
        addLine(streamState.decoder.takePartialLine(), stream, streamState.partialTimestamp,
                streamState.partialSequence, 0);
    }
}

void RunOutputModel::appendSystemEvent(const OutputChunk &chunk)
{
    // A lifecycle message separates output: whatever was pending on a stream ends here.
    for (StreamState &streamState : m_streams)
        closeOpenLine(streamState);

    // System texts are ours, but they pass the same decoder so no control sequence is ever shown.
    OutputStreamDecoder decoder;
    QList<StyledLine> lines;
    decoder.feed(chunk.text, lines);
    if (decoder.hasPartialLine() || lines.isEmpty())
        lines.append(decoder.takePartialLine());
    const quint8 flags = chunk.eventType == u"error" ? quint8(OutputLine::SystemError) : quint8(0);
    for (StyledLine &styled : lines)
        addLine(std::move(styled), OutputStream::System, chunk.occurredAt, chunk.sequence, flags);
}

void RunOutputModel::addLine(StyledLine &&content, OutputStream stream, const QDateTime &timestamp,
                             qint64 sequence, quint8 flags)
{
    OutputLine outputLine;
    outputLine.columns = terminalColumnWidth(content.text);
    m_characters += content.text.size();
    outputLine.content = std::move(content);
    outputLine.timestamp = timestamp;
    outputLine.sequence = sequence;
    outputLine.stream = stream;
    outputLine.flags = flags;
    m_lines.push_back(std::move(outputLine));
}

void RunOutputModel::markChanged(qsizetype row)
{
    if (row >= m_publishedRows)
        return; // not announced yet: it will be inserted with its final content
    m_firstChangedRow = m_firstChangedRow < 0 ? row : qMin(m_firstChangedRow, row);
    m_lastChangedRow = qMax(m_lastChangedRow, row);
}

void RunOutputModel::publish()
{
    bool changed = false;
    if (m_firstChangedRow >= 0) {
        const qsizetype first = m_firstChangedRow, last = m_lastChangedRow;
        m_firstChangedRow = m_lastChangedRow = -1;
        Q_EMIT dataChanged(index(int(first)), index(int(last)));
        changed = true;
    }
    const qsizetype total = qsizetype(m_lines.size());
    if (total > m_publishedRows) {
        beginInsertRows({}, int(m_publishedRows), int(total - 1));
        m_publishedRows = total;
        endInsertRows();
        changed = true;
    }
    trimToCaps();
    if (changed)
        Q_EMIT flushed(m_pendingCharacters);
}

void RunOutputModel::trimToCaps()
{
    if (m_publishedRows == 0)
        return;
    qsizetype drop = qMax<qsizetype>(0, qsizetype(m_lines.size()) - m_maxLines);
    qint64 characters = m_characters;
    for (qsizetype i = 0; i < drop; ++i)
        characters -= m_lines[std::size_t(i)].content.text.size();
    while (characters > m_maxCharacters && drop < qsizetype(m_lines.size()) - 1) {
        characters -= m_lines[std::size_t(drop)].content.text.size();
        ++drop;
    }
    drop = qMin(drop, m_publishedRows); // unpublished rows are trimmed after they are announced
    if (drop <= 0)
        return;

    beginRemoveRows({}, 0, int(drop - 1));
    for (qsizetype i = 0; i < drop; ++i) {
        m_characters -= m_lines.front().content.text.size();
        m_lines.pop_front();
    }
    m_publishedRows -= drop;
    for (StreamState &streamState : m_streams) {
        if (streamState.openRow >= 0)
            streamState.openRow = streamState.openRow < drop ? -1 : streamState.openRow - drop;
    }
    if (m_firstChangedRow >= 0) {
        m_firstChangedRow = qMax<qsizetype>(0, m_firstChangedRow - drop);
        m_lastChangedRow -= drop;
        if (m_lastChangedRow < 0)
            m_firstChangedRow = m_lastChangedRow = -1;
    }
    m_droppedLines += drop;
    endRemoveRows();
    Q_EMIT droppedLineCountChanged(m_droppedLines);
}

void RunOutputModel::finishOpenLines()
{
    flush();
    for (StreamState &streamState : m_streams)
        closeOpenLine(streamState);
    publish();
}

void RunOutputModel::clear()
{
    m_flushTimer.stop();
    beginResetModel();
    m_lines.clear();
    m_queue.clear();
    m_publishedRows = 0;
    m_firstChangedRow = m_lastChangedRow = -1;
    for (StreamState &streamState : m_streams) {
        streamState.decoder.reset();
        streamState.openRow = -1;
        streamState.partialTimestamp = {};
        streamState.partialSequence = 0;
    }
    m_pendingCharacters = 0;
    m_characters = 0;
    m_lastSequence = 0;
    m_ignoredEvents = 0;
    const bool hadDropped = m_droppedLines != 0;
    m_droppedLines = 0;
    endResetModel();
    if (hadDropped)
        Q_EMIT droppedLineCountChanged(0);
}

} // namespace workbench::models
