#pragma once
// Feeds a RunOutputModel from the store: it reads the shown run's events after the last
// sequence it has, so the output view only ever shows what is durably stored. Reads happen when
// the execution service says events were committed (committed()), and on a slow poll while the
// run may still change (another instance or a PostgreSQL peer may be writing it).
#include "models/executionrepository.h"
#include "models/runoutputmodel.h"

#include <QObject>
#include <QTimer>

namespace workbench::app {

class RunOutputFeed : public QObject
{
    Q_OBJECT
public:
    // Events per read. Output events carry up to 64 KiB (runtime::DefaultMaxChunkBytes), so a
    // page stays at a few MiB of text; a call reads at most MaxPagesPerRead pages and stops
    // early once MaxCharactersPerRead are read, so a flood never stalls the window for long.
    static constexpr int PageSize = 64;
    static constexpr int MaxPagesPerRead = 8;
    static constexpr qsizetype MaxCharactersPerRead = 2 * 1024 * 1024;
    // The model decodes what the feed hands it in small time slices (its own flush timer), so the
    // window stays responsive; the feed reads more only while the model has less than this queued.
    static constexpr qint64 MaxQueuedCharacters = 1024 * 1024;
    static constexpr int PollIntervalMs = 900; // as CCDash's web UI

    // The repository must outlive the feed; the feed owns its model.
    explicit RunOutputFeed(models::ExecutionRepository &repository, QObject *parent = nullptr);

    models::RunOutputModel *model() const { return m_model; }
    QString runId() const { return m_runId; }

    // Shows another run (clears the model and reads its stored events). "" shows nothing.
    void setRun(const QString &runId, bool mayStillChange);
    // The run may still produce events: poll while true.
    void setLive(bool mayStillChange);
    // Events up to `sequence` are stored for `runId`.
    void committed(const QString &runId, qint64 sequence);
    // Reads what is stored after the model's last sequence (bounded per call; more is read on
    // the next tick while the model has little queued). The rows appear as the model decodes them.
    void readNow();
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void caughtUp(const QString &runId, qint64 sequence);

private:
    models::ExecutionRepository &m_repository;
    models::RunOutputModel *m_model;
    QString m_runId;
    void readWhenModelHasRoom();

    QTimer m_poll;
    QTimer m_retry; // re-checks a deferred read while the model works through its queue
    bool m_readDeferred = false;
    QString m_lastError;
};

} // namespace workbench::app
