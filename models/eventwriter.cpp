#include "models/eventwriter.h"

#include "models/auditchain.h"

#include "models/database.h"
#include "models/modelslog.h"
#include "models/walcheckpointer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace workbench::models {

// Lives on the writer's thread: owns the connection and drains the writer's queue.
class EventWriterWorker : public QObject
{
    Q_OBJECT
public:
    explicit EventWriterWorker(EventWriter *writer)
        : m_writer(writer)
        , m_flushTimer(this) // children, so that moveToThread() takes them along
        , m_retryTimer(this)
        , m_fileWatchTimer(this)
    {
    }

    StoreResult<void> openConnection()
    {
        StoreResult<std::unique_ptr<Database>> opened = Database::open(m_writer->m_location, QStringLiteral("event-writer"));
        if (!opened)
            return opened.error();
        m_database = std::move(*opened);
        m_repository = std::make_unique<ExecutionRepository>(*m_database);
        m_fileIdentity.reset();
        if (m_writer->m_location.dialect == Dialect::Sqlite) {
            struct stat file {};
            if (::stat(QFile::encodeName(m_writer->m_location.sqlitePath).constData(), &file) == 0)
                m_fileIdentity = FileIdentity{file.st_dev, file.st_ino};
            if (m_writer->m_options.backgroundCheckpoints)
                m_checkpointer = WalCheckpointer::attach(m_database->connection(), m_writer->m_location.sqlitePath);
            if (!m_checkpointer) {
                // No background thread: this connection checkpoints as SQLite does by default.
                QSqlQuery query(m_database->connection());
                query.exec(QStringLiteral("PRAGMA wal_autocheckpoint=1000"));
            }
        }
        m_flushTimer.setSingleShot(true);
        m_retryTimer.setSingleShot(true);
        connect(&m_flushTimer, &QTimer::timeout, this, &EventWriterWorker::drain);
        connect(&m_retryTimer, &QTimer::timeout, this, &EventWriterWorker::drain);
        if (m_fileIdentity) {
            // A silent command writes nothing for a long time: its database is watched meanwhile.
            connect(&m_fileWatchTimer, &QTimer::timeout, this, &EventWriterWorker::checkFileWhileIdle);
            m_fileWatchTimer.start(m_writer->m_options.fileCheckInterval);
        }
        return {};
    }

    void closeConnection()
    {
        m_flushTimer.stop();
        m_retryTimer.stop();
        m_fileWatchTimer.stop();
        m_checkpointer.reset(); // before its connection closes
        m_repository.reset();
        m_database.reset();
    }

    void runOnConnection(const std::function<void(Database &)> &work)
    {
        if (m_database)
            work(*m_database);
    }

    // Posted by producers: flush now when a full batch is waiting, else soon.
    void wakeUp()
    {
        {
            QMutexLocker locker(&m_writer->m_mutex);
            m_writer->m_wakeupPosted = false;
        }
        if (m_retryTimer.isActive()) {
            checkHeldBound(); // failing: the retry drains; holding: within the bound?
            return;
        }
        const bool fullBatch = m_writer->pendingBytes() >= m_writer->m_options.maxBatchBytes
                               || m_writer->pendingOperations() >= m_writer->m_options.maxBatchEvents;
        if (fullBatch)
            drain();
        else if (!m_flushTimer.isActive())
            m_flushTimer.start(m_writer->m_options.flushInterval);
    }

    void drain()
    {
        m_flushTimer.stop();
        while (m_repository) {
            // Take a batch from the front: consecutive events (one transaction), or one other operation.
            std::vector<EventWriter::Operation> batch;
            {
                QMutexLocker locker(&m_writer->m_mutex);
                if (m_writer->m_queue.empty()) {
                    m_writer->m_drained.wakeAll();
                    return;
                }
                qint64 bytes = 0;
                for (const EventWriter::Operation &operation : m_writer->m_queue) {
                    if (!batch.empty()
                        && (operation.kind != EventWriter::Operation::Kind::Event
                            || batch.front().kind != EventWriter::Operation::Kind::Event
                            || int(batch.size()) >= m_writer->m_options.maxBatchEvents
                            || bytes >= m_writer->m_options.maxBatchBytes))
                        break;
                    batch.push_back(operation);
                    bytes += operation.bytes;
                }
                m_writer->m_inFlight = true;
            }
            QList<QPair<QString, qint64>> committedRuns;
            StoreResult<void> written = checkDatabaseFile();
            const bool fileIsFine = bool(written);
            if (fileIsFine)
                written = execute(batch, &committedRuns);
            qint64 bytes = 0;
            for (const EventWriter::Operation &operation : batch)
                bytes += operation.bytes;
            {
                QMutexLocker locker(&m_writer->m_mutex);
                m_writer->m_inFlight = false;
                if (written) {
                    m_writer->m_queue.erase(m_writer->m_queue.begin(), m_writer->m_queue.begin() + qsizetype(batch.size()));
                    m_writer->m_completed += batch.size();
                    m_writer->m_pendingBytes -= bytes;
                } else {
                    m_writer->m_lastError = written.errorMessage();
                }
            }
            if (!written) {
                if (fileIsFine && deadLetterOperationsOfDeletedRuns(batch, written.errorMessage()))
                    continue; // the rest of the batch (if any) is tried again at once
                // A lost PostgreSQL connection: hold and reconnect (with backoff). Anything else fails now.
                const bool connectionLost = m_database->dialect() == Dialect::Postgres && !m_database->isConnectionAlive();
                m_writer->m_connectionLost = connectionLost;
                std::chrono::milliseconds retry = m_writer->m_options.retryInterval;
                if (connectionLost && m_writer->m_state.load() != EventWriter::State::Failed) {
                    m_commitUncertain = true; // the COMMIT may have happened without its answer reaching us
                    m_retryDelay = m_retryDelay.count() == 0 ? m_writer->m_options.retryInterval
                                                             : std::min(m_retryDelay * 2, m_writer->m_options.maxRetryInterval);
                    retry = m_retryDelay;
                    if (m_writer->m_state.load() == EventWriter::State::Writing) {
                        m_writer->m_failing = true;
                        qCWarning(lcStore).noquote() << "event writer: connection lost, holding writes:" << written.errorMessage();
                        setState(EventWriter::State::Holding, written.errorMessage());
                    }
                    checkHeldBound();
                } else {
                    if (connectionLost)
                        m_commitUncertain = true;
                    enterFailed(written.errorMessage());
                }
                m_retryTimer.start(retry);
                QMutexLocker locker(&m_writer->m_mutex);
                m_writer->m_drained.wakeAll(); // waiters re-check (and time out) instead of sleeping on
                return;
            }
            m_retryDelay = std::chrono::milliseconds(0);
            m_commitUncertain = false;
            m_writer->m_connectionLost = false;
            // Only now, with the accounting updated: a listener deciding on pendingBytes() (back-pressure)
            // must see this batch gone, or the last commit of a burst would leave it waiting forever.
            for (const auto &[runId, sequence] : std::as_const(committedRuns))
                Q_EMIT m_writer->committed(runId, sequence);
            if (m_writer->m_failing.exchange(false)) {
                qCInfo(lcStore) << "event writer: the store accepts writes again";
                setState(EventWriter::State::Writing, QString());
                Q_EMIT m_writer->recovered();
            }
        }
    }

    // Between batches: the same file check as before each batch. A failing writer re-checks on
    // every retry instead; queued work is checked by the drain that is already scheduled.
    void checkFileWhileIdle()
    {
        if (m_retryTimer.isActive())
            return;
        {
            QMutexLocker locker(&m_writer->m_mutex);
            if (!m_writer->m_queue.empty())
                return;
        }
        const StoreResult<void> file = checkDatabaseFile();
        if (!file) {
            {
                QMutexLocker locker(&m_writer->m_mutex);
                m_writer->m_lastError = file.errorMessage();
            }
            enterFailed(file.errorMessage());
        } else if (m_writer->m_failing.exchange(false)) {
            qCInfo(lcStore) << "event writer: the store accepts writes again";
            setState(EventWriter::State::Writing, QString());
            Q_EMIT m_writer->recovered();
        }
    }

private:
    StoreResult<void> execute(const std::vector<EventWriter::Operation> &batch, QList<QPair<QString, qint64>> *committedRuns)
    {
        const EventWriter::Operation &first = batch.front();
        switch (first.kind) {
        case EventWriter::Operation::Kind::Event: {
            if (m_commitUncertain) {
                StoreResult<bool> stored = batchAlreadyStored(batch, committedRuns);
                if (!stored)
                    return stored.error();
                if (*stored) {
                    qCInfo(lcStore) << "event writer: a batch whose commit answer was lost is stored; not writing it again";
                    return {};
                }
            }
            QList<RunEvent> events;
            events.reserve(qsizetype(batch.size()));
            for (const EventWriter::Operation &operation : batch)
                events.append(operation.event);
            StoreResult<QList<RunEvent>> stored = m_repository->appendRunEvents(std::move(events));
            if (!stored)
                return stored.error();
            QHash<QString, qint64> lastSequence;
            QStringList order;
            for (const RunEvent &event : std::as_const(*stored)) {
                if (!lastSequence.contains(event.runId))
                    order << event.runId;
                lastSequence[event.runId] = event.sequenceNo;
            }
            for (const QString &runId : std::as_const(order)) {
                committedRuns->append({runId, lastSequence.value(runId)});
                m_lastCommitted.insert(runId, lastSequence.value(runId));
            }
            return {};
        }
        case EventWriter::Operation::Kind::UpdateRun: {
            StoreResult<ExecutionRun> updated = m_repository->updateRunStatus(first.runId, first.update);
            if (!updated) {
                // A compare-and-set that lost (the run moved on) is an answer, not a store failure.
                // A run that is gone is not skipped silently: drain() moves the update to the dead-letter file.
                if (updated.error().kind == StoreError::Kind::Conflict) {
                    qCWarning(lcStore).noquote() << "event writer: run update skipped:" << updated.errorMessage();
                    return {};
                }
                return updated.error();
            }
            Q_EMIT m_writer->runUpdated(*updated);
            return {};
        }
        case EventWriter::Operation::Kind::SetOwner:
            return m_repository->setRunOwner(first.owner);
        case EventWriter::Operation::Kind::ClearOwner:
            return m_repository->clearRunOwner(first.runId);
        }
        return {};
    }

    void setState(EventWriter::State state, const QString &message)
    {
        if (m_writer->m_state.exchange(state) != state)
            Q_EMIT m_writer->stateChanged(state, message);
    }

    void enterFailed(const QString &message)
    {
        m_writer->m_failing = true;
        if (m_writer->m_state.load() == EventWriter::State::Failed)
            return;
        qCWarning(lcStore).noquote() << "event writer: writing failed:" << message;
        setState(EventWriter::State::Failed, message);
        Q_EMIT m_writer->writeFailed(message);
    }

    // Holding past the bound: fail closed (what is held stays queued and is still written later).
    void checkHeldBound()
    {
        if (m_writer->m_state.load() != EventWriter::State::Holding)
            return;
        const EventWriter::Options &options = m_writer->m_options;
        const qint64 bytes = m_writer->pendingBytes();
        const qint64 operations = m_writer->pendingOperations();
        if (bytes <= options.maxHeldBytes && operations <= options.maxHeldOperations)
            return;
        enterFailed(EventWriter::tr("The store has been unreachable too long: %1 KiB in %2 writes are held, "
                                    "more than the limit of %3 KiB in %4 writes (%5)")
                        .arg(bytes / 1024).arg(operations).arg(options.maxHeldBytes / 1024).arg(options.maxHeldOperations)
                        .arg(m_writer->lastError()));
    }

    // After a lost connection: did the batch commit although we got no answer? Each run's last
    // event of the batch is looked up after the run's last sequence we know committed (events carry
    // their time from append(), so the match is exact). A batch is one transaction: all or nothing.
    StoreResult<bool> batchAlreadyStored(const std::vector<EventWriter::Operation> &batch,
                                         QList<QPair<QString, qint64>> *committedRuns)
    {
        QHash<QString, const RunEvent *> lastOfRun;
        QStringList order;
        for (const EventWriter::Operation &operation : batch) {
            if (!lastOfRun.contains(operation.event.runId))
                order << operation.event.runId;
            lastOfRun.insert(operation.event.runId, &operation.event);
        }
        QList<QPair<QString, qint64>> found;
        for (const QString &runId : std::as_const(order)) {
            const RunEvent &event = *lastOfRun.value(runId);
            StoreResult<QSqlQuery> query = m_database->exec(
                QStringLiteral("SELECT sequence_no FROM execution_run_events WHERE run_id = ? AND sequence_no > ? "
                               "AND occurred_at = ? AND stream = ? AND event_type = ? AND payload_text = ? "
                               "ORDER BY sequence_no DESC LIMIT 1"),
                {runId, m_lastCommitted.value(runId, 0), event.occurredAt, toString(event.stream), event.eventType,
                 nonNull(event.storedText())}); // runtime output may carry only payloadUtf8
            if (!query)
                return query.error();
            if (!query->next())
                return false;
            found.append({runId, query->value(0).toLongLong()});
        }
        for (const auto &[runId, sequence] : std::as_const(found)) {
            committedRuns->append({runId, sequence});
            m_lastCommitted.insert(runId, sequence);
        }
        return true;
    }

    // A SQLite file deleted or replaced under the open connection would take every later write into
    // an unlinked inode (lost on close), and one made read-only would still be written through the
    // open descriptor against its owner's will: both are store failures before anything is written.
    StoreResult<void> checkDatabaseFile() const
    {
        if (!m_fileIdentity)
            return {};
        const QString path = m_writer->m_location.sqlitePath;
        const QByteArray encoded = QFile::encodeName(path);
        struct stat file {};
        if (::stat(encoded.constData(), &file) != 0 || file.st_dev != m_fileIdentity->device
            || file.st_ino != m_fileIdentity->inode)
            return StoreError{StoreError::Kind::Unavailable,
                              EventWriter::tr("The database file %1 was deleted or replaced while the workbench was "
                                              "writing to it; nothing more is written there.")
                                  .arg(path)};
        if (::access(encoded.constData(), W_OK) != 0) {
            const int error = errno;
            return StoreError{StoreError::Kind::Unavailable,
                              EventWriter::tr("The database file %1 is no longer writable (%2); nothing more is "
                                              "written there.")
                                  .arg(path, QString::fromLocal8Bit(std::strerror(error)))};
        }
        return {};
    }

    // After a failed batch: the operations of runs whose rows are confirmed gone (another client
    // deleted them) can never be stored. They are appended to the dead-letter file and taken off
    // the queue, so that everything behind them is not blocked forever. False when no run of the
    // batch is gone, or the dead-letter file cannot be written (then nothing is taken off).
    bool deadLetterOperationsOfDeletedRuns(const std::vector<EventWriter::Operation> &batch, const QString &error)
    {
        QSet<QString> checked;
        QSet<QString> gone;
        for (const EventWriter::Operation &operation : batch) {
            const QString runId = runIdOf(operation);
            if (runId.isEmpty() || checked.contains(runId))
                continue;
            checked.insert(runId);
            const StoreResult<ExecutionRun> run = m_repository->getRun(runId);
            if (!run && run.error().kind == StoreError::Kind::NotFound)
                gone.insert(runId);
        }
        if (gone.isEmpty())
            return false;

        const QString path = m_writer->deadLetterPath();
        QByteArray lines;
        QHash<QString, int> movedPerRun;
        QStringList runOrder;
        for (const EventWriter::Operation &operation : batch) {
            const QString runId = runIdOf(operation);
            if (!gone.contains(runId))
                continue;
            lines += QJsonDocument(deadLetterRecord(operation, error)).toJson(QJsonDocument::Compact) + '\n';
            if (!movedPerRun.contains(runId))
                runOrder << runId;
            ++movedPerRun[runId];
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        const bool existed = file.exists();
        if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(lines) != lines.size() || !file.flush()
            || ::fsync(file.handle()) != 0) {
            qCCritical(lcStore).noquote() << "event writer: the dead-letter file" << path
                                          << "cannot be written:" << file.errorString();
            return false;
        }
        if (!existed)
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // as private as the database
        file.close();

        qint64 bytes = 0;
        quint64 moved = 0;
        {
            QMutexLocker locker(&m_writer->m_mutex);
            // The batch is still the front of the queue (producers only add at the back).
            auto end = m_writer->m_queue.begin() + qsizetype(batch.size());
            const auto kept = std::stable_partition(m_writer->m_queue.begin(), end, [&](const EventWriter::Operation &operation) {
                return !gone.contains(runIdOf(operation));
            });
            for (auto it = kept; it != end; ++it)
                bytes += it->bytes;
            moved = quint64(end - kept);
            m_writer->m_queue.erase(kept, end);
            m_writer->m_completed += moved; // handled: waitForCommitted() must not wait for them
            m_writer->m_pendingBytes -= bytes;
        }
        for (const QString &runId : std::as_const(runOrder)) {
            qCCritical(lcStore).noquote() << "event writer: run" << runId << "no longer exists;"
                                          << movedPerRun.value(runId) << "operation(s) moved to" << path;
            Q_EMIT m_writer->deadLettered(runId, path, movedPerRun.value(runId));
        }
        return true;
    }

    QJsonObject deadLetterRecord(const EventWriter::Operation &operation, const QString &error) const
    {
        QJsonObject record{{QStringLiteral("deadLetteredAt"), isoTimestampNow()},
                           {QStringLiteral("database"), m_writer->m_location.displayName()},
                           {QStringLiteral("runId"), runIdOf(operation)},
                           {QStringLiteral("reason"), error}};
        switch (operation.kind) {
        case EventWriter::Operation::Kind::Event:
            record.insert(QStringLiteral("operation"), QStringLiteral("appendEvent"));
            record.insert(QStringLiteral("event"), operation.event.toJson());
            break;
        case EventWriter::Operation::Kind::UpdateRun: {
            const RunUpdate &update = operation.update;
            QJsonObject fields;
            if (update.status)
                fields.insert(QStringLiteral("status"), toString(*update.status));
            if (update.exitCode)
                fields.insert(QStringLiteral("exitCode"), *update.exitCode ? QJsonValue(**update.exitCode) : QJsonValue());
            const auto text = [&fields](const char *key, const std::optional<QString> &value) {
                if (value)
                    fields.insert(QLatin1String(key), *value);
            };
            text("startedAt", update.startedAt);
            text("endedAt", update.endedAt);
            text("approvedBy", update.approvedBy);
            text("approvedAt", update.approvedAt);
            text("policyVerdict", update.policyVerdict);
            text("riskLevel", update.riskLevel);
            text("normalizedCommand", update.normalizedCommand);
            if (update.requiresApproval)
                fields.insert(QStringLiteral("requiresApproval"), *update.requiresApproval);
            if (update.metadata)
                fields.insert(QStringLiteral("metadata"), *update.metadata);
            record.insert(QStringLiteral("operation"), QStringLiteral("updateRun"));
            record.insert(QStringLiteral("update"), fields);
            break;
        }
        case EventWriter::Operation::Kind::SetOwner:
            record.insert(QStringLiteral("operation"), QStringLiteral("setRunOwner"));
            record.insert(QStringLiteral("owner"),
                          QJsonObject{{QStringLiteral("host"), operation.owner.host},
                                      {QStringLiteral("pid"), operation.owner.pid},
                                      {QStringLiteral("instanceId"), operation.owner.instanceId},
                                      {QStringLiteral("processGroup"), operation.owner.processGroup
                                                                           ? QJsonValue(*operation.owner.processGroup)
                                                                           : QJsonValue()},
                                      {QStringLiteral("startedAt"), operation.owner.startedAt}});
            break;
        case EventWriter::Operation::Kind::ClearOwner:
            record.insert(QStringLiteral("operation"), QStringLiteral("clearRunOwner"));
            break;
        }
        return record;
    }

    static QString runIdOf(const EventWriter::Operation &operation)
    {
        switch (operation.kind) {
        case EventWriter::Operation::Kind::Event:
            return operation.event.runId;
        case EventWriter::Operation::Kind::SetOwner:
            return operation.owner.runId;
        case EventWriter::Operation::Kind::UpdateRun:
        case EventWriter::Operation::Kind::ClearOwner:
            break;
        }
        return operation.runId;
    }

    struct FileIdentity
    {
        dev_t device;
        ino_t inode;
    };

    EventWriter *m_writer;
    QHash<QString, qint64> m_lastCommitted; // per run, the last sequence this writer saw committed
    bool m_commitUncertain = false;
    std::chrono::milliseconds m_retryDelay{0};
    std::optional<FileIdentity> m_fileIdentity; // SQLite: the file the connection opened
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ExecutionRepository> m_repository;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite: checkpoints off this thread
    QTimer m_flushTimer;
    QTimer m_retryTimer;
    QTimer m_fileWatchTimer;
};

QString EventWriter::defaultDeadLetterPath(const DatabaseLocation &location)
{
    if (location.dialect == Dialect::Sqlite)
        return location.sqlitePath + QStringLiteral(".dead-letter.jsonl");
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/dead-letter.jsonl");
}

QString EventWriter::deadLetterPath() const
{
    return m_options.deadLetterPath.isEmpty() ? defaultDeadLetterPath(m_location) : m_options.deadLetterPath;
}

EventWriter::EventWriter(const DatabaseLocation &location, QObject *parent)
    : EventWriter(location, Options(), parent)
{
}

EventWriter::EventWriter(const DatabaseLocation &location, const Options &options, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_options(options)
{
    m_thread.setObjectName(QStringLiteral("event-writer"));
    // Runs on the writer thread as it ends (it hashed the audit chain): see audit::releaseThreadState().
    connect(&m_thread, &QThread::finished, &m_thread, [] { audit::releaseThreadState(); }, Qt::DirectConnection);
}

EventWriter::~EventWriter()
{
    if (!m_worker)
        return;
    if (!waitForCommitted(std::chrono::seconds(5)))
        qCWarning(lcStore) << "event writer: closing with" << pendingOperations() << "operations not stored";
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
        worker->closeConnection();
        delete worker;
    }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
}

StoreResult<void> EventWriter::start()
{
    Q_ASSERT(!m_worker);
    m_thread.start();
    m_worker = new EventWriterWorker(this);
    m_worker->moveToThread(&m_thread);
    StoreResult<void> opened;
    QMetaObject::invokeMethod(m_worker, [this, &opened] { opened = m_worker->openConnection(); },
                              Qt::BlockingQueuedConnection);
    if (!opened) {
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
        m_worker = nullptr;
        m_thread.quit();
        m_thread.wait();
    }
    return opened;
}

void EventWriter::enqueue(Operation operation)
{
    bool post = false;
    {
        QMutexLocker locker(&m_mutex);
        m_pendingBytes += operation.bytes;
        m_queue.push_back(std::move(operation));
        ++m_enqueued;
        if (!m_wakeupPosted) {
            m_wakeupPosted = true;
            post = true;
        }
    }
    if (post && m_worker)
        QMetaObject::invokeMethod(m_worker, &EventWriterWorker::wakeUp, Qt::QueuedConnection);
}

EventWriter::Options EventWriter::Options::fromEnvironment()
{
    Options options;
    const QString text = qEnvironmentVariable("CCDASH_WORKBENCH_STORE_BUFFER").trimmed().toUpper();
    if (text.isEmpty())
        return options;
    qint64 factor = 1;
    QString digits = text;
    if (digits.endsWith(QLatin1Char('B')))
        digits.chop(1);
    if (digits.endsWith(QLatin1Char('K')))
        factor = 1024;
    else if (digits.endsWith(QLatin1Char('M')))
        factor = 1024 * 1024;
    else if (digits.endsWith(QLatin1Char('G')))
        factor = 1024 * 1024 * 1024;
    if (factor != 1)
        digits.chop(1);
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    if (ok && value >= 0)
        options.maxHeldBytes = value * factor;
    else
        qCWarning(lcStore).noquote() << "CCDASH_WORKBENCH_STORE_BUFFER is not a size (like 64M); using"
                                     << options.maxHeldBytes << "bytes";
    return options;
}

void EventWriter::append(const RunEvent &event)
{
    Operation operation;
    operation.kind = Operation::Kind::Event;
    operation.event = event;
    // Stamped now (not at insert): when a commit's answer is lost, the event is found again by it.
    if (operation.event.occurredAt.isEmpty())
        operation.event.occurredAt = isoTimestampNow();
    // UTF-16 text plus a rough allowance for the payload object: enough for back-pressure.
    operation.bytes = 2 * event.payloadText.size() + event.payloadUtf8.size() + 64 + 2 * qint64(event.payload.size()) * 32;
    if (const QJsonValue raw = event.payload.value(QStringLiteral("bytesBase64")); raw.isString())
        operation.bytes += 2 * raw.toString().size();
    enqueue(std::move(operation));
}

void EventWriter::append(const QList<RunEvent> &events)
{
    for (const RunEvent &event : events)
        append(event);
}

void EventWriter::updateRun(const QString &runId, const RunUpdate &update)
{
    Operation operation;
    operation.kind = Operation::Kind::UpdateRun;
    operation.runId = runId;
    operation.update = update;
    operation.bytes = 256;
    enqueue(std::move(operation));
}

void EventWriter::setRunOwner(const RunOwner &owner)
{
    Operation operation;
    operation.kind = Operation::Kind::SetOwner;
    operation.owner = owner;
    operation.bytes = 128;
    enqueue(std::move(operation));
}

void EventWriter::clearRunOwner(const QString &runId)
{
    Operation operation;
    operation.kind = Operation::Kind::ClearOwner;
    operation.runId = runId;
    operation.bytes = 64;
    enqueue(std::move(operation));
}

qint64 EventWriter::pendingOperations() const
{
    QMutexLocker locker(&m_mutex);
    return qint64(m_queue.size());
}

QString EventWriter::lastError() const
{
    QMutexLocker locker(&m_mutex);
    return m_lastError;
}

bool EventWriter::waitForCommitted(std::chrono::milliseconds timeout)
{
    QDeadlineTimer deadline(timeout);
    QMutexLocker locker(&m_mutex);
    const quint64 target = m_enqueued;
    if (m_completed < target && m_worker) {
        // Do not wait for the flush timer.
        QMetaObject::invokeMethod(m_worker, &EventWriterWorker::drain, Qt::QueuedConnection);
    }
    while (m_completed < target) {
        if (!m_worker || !m_drained.wait(&m_mutex, deadline))
            return m_completed >= target;
        if (deadline.hasExpired())
            return m_completed >= target;
    }
    return true;
}

void EventWriter::runOnConnection(const std::function<void(Database &)> &work)
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(m_worker, [this, work] { m_worker->runOnConnection(work); }, Qt::BlockingQueuedConnection);
}

} // namespace workbench::models

#include "eventwriter.moc"
