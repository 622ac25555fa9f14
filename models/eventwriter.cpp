#include "models/eventwriter.h"

#include "models/database.h"
#include "models/modelslog.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
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
        if (m_retryTimer.isActive())
            return; // failing: the retry drains
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
                if (!m_writer->m_failing.exchange(true)) {
                    qCWarning(lcStore).noquote() << "event writer: writing failed:" << written.errorMessage();
                    Q_EMIT m_writer->writeFailed(written.errorMessage());
                }
                m_retryTimer.start(m_writer->m_options.retryInterval);
                QMutexLocker locker(&m_writer->m_mutex);
                m_writer->m_drained.wakeAll(); // waiters re-check (and time out) instead of sleeping on
                return;
            }
            // Only now, with the accounting updated: a listener deciding on pendingBytes() (back-pressure)
            // must see this batch gone, or the last commit of a burst would leave it waiting forever.
            for (const auto &[runId, sequence] : std::as_const(committedRuns))
                Q_EMIT m_writer->committed(runId, sequence);
            if (m_writer->m_failing.exchange(false)) {
                qCInfo(lcStore) << "event writer: the store accepts writes again";
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
            if (!m_writer->m_failing.exchange(true)) {
                qCWarning(lcStore).noquote() << "event writer: writing failed:" << file.errorMessage();
                Q_EMIT m_writer->writeFailed(file.errorMessage());
            }
        } else if (m_writer->m_failing.exchange(false)) {
            qCInfo(lcStore) << "event writer: the store accepts writes again";
            Q_EMIT m_writer->recovered();
        }
    }

private:
    StoreResult<void> execute(const std::vector<EventWriter::Operation> &batch, QList<QPair<QString, qint64>> *committedRuns)
    {
        const EventWriter::Operation &first = batch.front();
        switch (first.kind) {
        case EventWriter::Operation::Kind::Event: {
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
            for (const QString &runId : std::as_const(order))
                committedRuns->append({runId, lastSequence.value(runId)});
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
    std::optional<FileIdentity> m_fileIdentity; // SQLite: the file the connection opened
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ExecutionRepository> m_repository;
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

void EventWriter::append(const RunEvent &event)
{
    Operation operation;
    operation.kind = Operation::Kind::Event;
    operation.event = event;
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
