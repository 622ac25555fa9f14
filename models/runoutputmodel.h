#pragma once
// The lines of one run's output, as a list model.
//
// Input is the run's stored events in sequence order (the view only shows what is durably
// stored). Events are queued on arrival and decoded on a timer in slices bounded by a time
// budget, then announced with one beginInsertRows per flush, so a flood of output never blocks
// the event loop and views are never notified per character. The model keeps at most maxLines
// lines and maxCharacters characters: older lines are dropped and counted.

#include "models/executiontypes.h"
#include "models/linesplitter.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <array>
#include <deque>

namespace workbench::models {

// One stored event as the output view needs it (execution_run_events: sequence_no, stream,
// event_type, payload_text, occurred_at).
struct OutputChunk
{
    qint64 sequence = 0;
    QString stream;    // "stdout", "stderr" or "system"
    QString eventType; // "output", "status", "policy", "approval", "error"
    QString text;
    QDateTime occurredAt;

    // A stored event as the store and the runtime deliver it.
    static OutputChunk fromRunEvent(const RunEvent &event);
};

enum class OutputStream : quint8 { Stdout, Stderr, System };

struct OutputLine
{
    enum Flag : quint8 {
        SystemError = 0x01, // a system event of type "error"
        Open = 0x02,        // the stream's partial line: its text may still change
    };

    StyledLine content;
    QDateTime timestamp;  // when the event that started the line occurred
    qint64 sequence = 0;  // sequence number of that event
    qint32 columns = 0;   // width in terminal columns (see terminalColumnWidth)
    OutputStream stream = OutputStream::Stdout;
    quint8 flags = 0;

    bool isOpen() const { return flags & Open; }
};

class RunOutputModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(qint64 droppedLineCount READ droppedLineCount NOTIFY droppedLineCountChanged)

public:
    enum Role {
        StreamRole = Qt::UserRole + 1, // "stdout", "stderr", "system"
        TimestampRole,                 // QDateTime
        SequenceRole,                  // qint64
        LineNumberRole,                // qint64, counts dropped lines too
        IsOpenRole,                    // bool: partial line still growing
    };

    static constexpr int DefaultMaxLines = 200000;
    static constexpr qint64 DefaultMaxCharacters = 32 * 1024 * 1024;

    explicit RunOutputModel(QObject *parent = nullptr);
    ~RunOutputModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Queues events; they become rows at the next flush. Events at or below lastSequence() are
    // ignored (duplicates from overlapping polls). Returns how many were accepted.
    int append(const OutputChunk &chunk);
    int append(const QList<OutputChunk> &chunks);

    // Decodes everything queued and updates the rows now.
    void flush();
    // Ends the partial lines of both streams (the run has finished).
    void finishOpenLines();
    // Forgets everything (another run is shown).
    void clear();

    const OutputLine &line(int row) const { return m_lines[std::size_t(row)]; }
    // Lines dropped from the front because of the caps; the first row's line number.
    qint64 droppedLineCount() const { return m_droppedLines; }
    qint64 lastSequence() const { return m_lastSequence; }
    qint64 ignoredEventCount() const { return m_ignoredEvents; }
    // Characters queued but not yet decoded. Feeders poll for more only when this is small.
    qint64 pendingCharacters() const { return m_pendingCharacters; }
    qint64 characterCount() const { return m_characters; }

    void setMaxLines(int maxLines);
    int maxLines() const { return m_maxLines; }
    void setMaxCharacters(qint64 maxCharacters);
    qint64 maxCharacters() const { return m_maxCharacters; }
    // Interval of the flush timer and the decoding budget of one timed flush.
    void setFlushInterval(int milliseconds) { m_flushInterval = qMax(0, milliseconds); }
    int flushInterval() const { return m_flushInterval; }
    void setFlushBudget(int milliseconds) { m_flushBudgetMs = qMax(1, milliseconds); }

    static QString streamName(OutputStream stream);

Q_SIGNALS:
    void droppedLineCountChanged(qint64 count);
    // After each flush that changed rows; `pendingCharacters` is what is still queued.
    void flushed(qint64 pendingCharacters);

private:
    struct QueuedChunk
    {
        OutputChunk chunk;
        qsizetype offset = 0; // characters already decoded
    };
    struct StreamState
    {
        OutputStreamDecoder decoder;
        qsizetype openRow = -1; // row (index into m_lines) showing the decoder's partial line
        QDateTime partialTimestamp;
        qint64 partialSequence = 0;
    };

    void scheduleFlush(bool soon);
    void processQueued(qint64 budgetNs);
    void decodeSlice(StreamState &state, OutputStream stream, QStringView text, const OutputChunk &chunk);
    void appendSystemEvent(const OutputChunk &chunk);
    void closeOpenLine(StreamState &state);
    void addLine(StyledLine &&content, OutputStream stream, const QDateTime &timestamp, qint64 sequence,
                 quint8 flags);
    void markChanged(qsizetype row);
    void publish();
    void trimToCaps();
    StreamState &state(OutputStream stream) { return m_streams[std::size_t(stream)]; }

    std::deque<OutputLine> m_lines;
    qsizetype m_publishedRows = 0; // rows announced to views; m_lines may hold more until publish()
    qsizetype m_firstChangedRow = -1;
    qsizetype m_lastChangedRow = -1;
    std::array<StreamState, 2> m_streams; // stdout, stderr
    std::deque<QueuedChunk> m_queue;
    qint64 m_pendingCharacters = 0;
    qint64 m_characters = 0;
    qint64 m_lastSequence = 0;
    qint64 m_ignoredEvents = 0;
    qint64 m_droppedLines = 0;
    int m_maxLines = DefaultMaxLines;
    qint64 m_maxCharacters = DefaultMaxCharacters;
    int m_flushInterval = 16;
    int m_flushBudgetMs = 5;
    QTimer m_flushTimer;
};

} // namespace workbench::models
