#pragma once
// The store's writer for run events and run state: its own connection on its own thread, batched
// transactions, strictly in the order things were queued. Producers (the execution service, on the
// UI thread) never wait for the database. When writing fails (disk full, database gone) nothing
// queued is thrown away: the writer reports the failure, keeps retrying, and reports recovery.
// A lost PostgreSQL connection (server restart, network cut) is not a failure at first: the writer
// holds what is queued (up to Options::maxHeldBytes / maxHeldOperations), reconnects with backoff
// and writes it when the server is back, exactly once (a batch whose COMMIT answer was lost is
// looked up before it is written again). Beyond the bound it reports a write failure.
// Two exceptions to "keep retrying": a SQLite file that was deleted, replaced or made read-only
// under the writer is a failure before anything is written (writing on would go to an unlinked
// inode or ignore the owner's revocation), and the operations of a run whose row another client
// deleted - which can never succeed - go to a dead-letter file so that the work behind them goes on.
#include "models/databaselocation.h"
#include "models/executionrepository.h"
#include "models/executiontypes.h"

#include <QMutex>
#include <QObject>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>

namespace workbench::models {

class Database;
class EventWriterWorker;

class EventWriter : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxBatchEvents = 1024;
        qint64 maxBatchBytes = 8 * 1024 * 1024;
        std::chrono::milliseconds flushInterval{20};  // how long a lone event may wait for company
        std::chrono::milliseconds retryInterval{250}; // after a failed write
        std::chrono::milliseconds maxRetryInterval{4000}; // reconnect backoff cap (connection lost)
        // Held while the PostgreSQL connection is lost; beyond either bound the writer fails (closed).
        qint64 maxHeldBytes = 64 * 1024 * 1024;
        qint64 maxHeldOperations = 250000;
        std::chrono::milliseconds fileCheckInterval{500}; // SQLite: deleted/replaced/read-only while idle
        QString deadLetterPath; // empty = defaultDeadLetterPath(location)
        // SQLite: WAL checkpoints run on a background thread (models::WalCheckpointer) instead of
        // inside the writer's commits. Off: SQLite's own autocheckpoint (for side-by-side benchmarks).
        bool backgroundCheckpoints = true;
        // The defaults, with CCDASH_WORKBENCH_STORE_BUFFER=SIZE (bytes, or with K/M/G) applied.
        static Options fromEnvironment();
    };

    enum class State {
        Writing, // everything is being stored
        Holding, // the PostgreSQL connection is lost: queued work is held, the writer reconnects
        Failed,  // writes fail (or the held bound was passed): callers must fail closed
    };
    Q_ENUM(State)

    // Where operations of deleted runs are kept (JSON lines): next to a SQLite file,
    // <AppDataLocation>/dead-letter.jsonl for PostgreSQL.
    static QString defaultDeadLetterPath(const DatabaseLocation &location);
    QString deadLetterPath() const;

    explicit EventWriter(const DatabaseLocation &location, QObject *parent = nullptr);
    EventWriter(const DatabaseLocation &location, const Options &options, QObject *parent = nullptr);
    ~EventWriter() override; // waits (bounded) for queued work, then closes the connection

    // Starts the thread and opens the writer's connection there.
    StoreResult<void> start();

    // Thread-safe, never blocks on the database. Operations run in the order they were queued.
    void append(const RunEvent &event);
    void append(const QList<RunEvent> &events);
    void updateRun(const QString &runId, const RunUpdate &update);
    void setRunOwner(const RunOwner &owner);
    void clearRunOwner(const QString &runId);

    // Queued but not yet committed (approximate bytes of payload; operations).
    qint64 pendingBytes() const { return m_pendingBytes.load(); }
    qint64 pendingOperations() const;
    // True while holding or failed: nothing queued now is stored yet.
    bool isFailing() const { return m_failing.load(); }
    State state() const { return m_state.load(); }
    // The last failure was a lost PostgreSQL connection (the store may well come back).
    bool connectionLost() const { return m_connectionLost.load(); }
    QString lastError() const;

    // Blocks until everything queued before the call is committed, or the timeout passes.
    // For shutdown (CLI) and tests; the UI never calls it.
    bool waitForCommitted(std::chrono::milliseconds timeout);

    // Runs `work` on the writer's thread with its connection, ahead of queued operations.
    // For maintenance and tests (e.g. PRAGMA max_page_count to simulate a full disk).
    void runOnConnection(const std::function<void(Database &)> &work);

Q_SIGNALS:
    // Events of `runId` up to `lastSequence` are durably stored.
    void committed(const QString &runId, qint64 lastSequence);
    void runUpdated(const workbench::models::ExecutionRun &run);
    void writeFailed(const QString &message); // once per failure episode (entering State::Failed)
    void recovered();
    void stateChanged(workbench::models::EventWriter::State state, const QString &message);
    // `operations` queued for `runId` could never be stored (its row is gone) and were moved to `filePath`.
    void deadLettered(const QString &runId, const QString &filePath, int operations);

private:
    friend class EventWriterWorker;

    struct Operation
    {
        enum class Kind { Event, UpdateRun, SetOwner, ClearOwner } kind = Kind::Event;
        RunEvent event;
        QString runId;
        RunUpdate update;
        RunOwner owner;
        qint64 bytes = 0;
    };

    void enqueue(Operation operation);

    DatabaseLocation m_location;
    Options m_options;
    QThread m_thread;
    EventWriterWorker *m_worker = nullptr; // lives in m_thread, deleted there

    mutable QMutex m_mutex;
    QWaitCondition m_drained;
    std::deque<Operation> m_queue; // front = oldest; popped only after it is committed
    bool m_wakeupPosted = false;
    bool m_inFlight = false;
    quint64 m_enqueued = 0;  // operations ever queued
    quint64 m_completed = 0; // operations ever committed
    QString m_lastError;
    std::atomic<qint64> m_pendingBytes{0};
    std::atomic<bool> m_failing{false};
    std::atomic<State> m_state{State::Writing};
    std::atomic<bool> m_connectionLost{false};
};

} // namespace workbench::models
