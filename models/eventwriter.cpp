#include "models/eventwriter.h"

#include "models/database.h"
#include "models/modelslog.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QTimer>

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
    {
    }

    StoreResult<void> openConnection()
    {
        StoreResult<std::unique_ptr<Database>> opened = Database::open(m_writer->m_location, QStringLiteral("event-writer"));
        if (!opened)
            return opened.error();
        m_database = std::move(*opened);
        m_repository = std::make_unique<ExecutionRepository>(*m_database);
        m_flushTimer.setSingleShot(true);
        m_retryTimer.setSingleShot(true);
        connect(&m_flushTimer, &QTimer::timeout, this, &EventWriterWorker::drain);
        connect(&m_retryTimer, &QTimer::timeout, this, &EventWriterWorker::drain);
        return {};
    }

    void closeConnection()
    {
        m_flushTimer.stop();
        m_retryTimer.stop();
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
            const StoreResult<void> written = execute(batch, &committedRuns);
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
                if (updated.error().kind == StoreError::Kind::Conflict || updated.error().kind == StoreError::Kind::NotFound) {
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

    EventWriter *m_writer;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ExecutionRepository> m_repository;
    QTimer m_flushTimer;
    QTimer m_retryTimer;
};

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
