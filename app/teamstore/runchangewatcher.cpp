#include "app/teamstore/runchangewatcher.h"

#include "app/teamstore/teamstorelog.h"
#include "models/database.h"
#include "models/executiontypes.h"
#include "models/runchanges.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDriver>
#include <QTimer>

#include <algorithm>

namespace workbench::app {

namespace {

bool isActiveStatus(const QString &status)
{
    return status == QLatin1String("queued") || status == QLatin1String("running");
}

constexpr int pollPageSize = 2000;

} // namespace

// Lives on the watcher's thread: owns the connection, the timers and what has been seen.
class RunChangeWatcherWorker : public QObject
{
    Q_OBJECT
public:
    explicit RunChangeWatcherWorker(RunChangeWatcher *watcher)
        : m_watcher(watcher)
        , m_tick(this)
        , m_reconnect(this)
    {
        m_reconnect.setSingleShot(true);
        connect(&m_tick, &QTimer::timeout, this, &RunChangeWatcherWorker::onTick);
        connect(&m_reconnect, &QTimer::timeout, this, &RunChangeWatcherWorker::connectToStore);
    }

    void begin(const QString &projectId)
    {
        m_projectId = projectId;
        connectToStore();
    }

    void stop()
    {
        m_tick.stop();
        m_reconnect.stop();
        dropConnection();
    }

    void setProjectId(const QString &projectId)
    {
        if (projectId == m_projectId)
            return;
        m_projectId = projectId;
        // Start over for the new project: what is there now is the baseline, changes from here on are reported.
        m_known.clear();
        m_sequences.clear();
        m_watermark.clear();
        if (m_database && !baseline())
            connectionFailed(m_lastError);
    }

    void pollNow()
    {
        if (m_database && !poll())
            connectionFailed(m_lastError);
    }

private:
    void setMode(RunChangeWatcher::Mode mode, const QString &detail)
    {
        if (m_watcher->m_mode.exchange(mode) == mode && detail == m_modeDetail)
            return;
        m_modeDetail = detail;
        Q_EMIT m_watcher->modeChanged(mode, detail);
    }

    void connectToStore()
    {
        dropConnection();
        models::StoreResult<std::unique_ptr<models::Database>> opened =
            models::Database::open(m_watcher->m_location, QStringLiteral("run-watcher"));
        if (!opened) {
            connectionFailed(opened.errorMessage());
            return;
        }
        m_database = std::move(*opened);
        m_queries = std::make_unique<models::RunChangeQueries>(*m_database);

        bool listening = false;
        if (m_watcher->m_options.useNotifications && m_database->dialect() == models::Dialect::Postgres) {
            QSqlDriver *driver = m_database->connection().driver();
            if (driver->hasFeature(QSqlDriver::EventNotifications)
                && driver->subscribeToNotification(models::runChangeChannel())) {
                connect(driver, &QSqlDriver::notification, this, &RunChangeWatcherWorker::onNotification);
                listening = true;
            } else {
                qCWarning(lcTeamStore) << "LISTEN refused; polling instead";
            }
        }
        // First connection: what is stored now is the baseline. After a reconnect: catch up on what
        // changed while we were away (notifications sent then are lost), reporting it.
        const bool ok = m_watermark.isNull() ? baseline() : poll();
        if (!ok) {
            connectionFailed(m_lastError);
            return;
        }
        m_backoff = std::chrono::milliseconds(0);
        m_listening = listening;
        m_ticksSincePoll = 0;
        const RunChangeWatcher::Options &options = m_watcher->m_options;
        m_tick.start(listening ? options.heartbeatInterval : options.pollInterval);
        setMode(listening ? RunChangeWatcher::Mode::Notifications : RunChangeWatcher::Mode::Polling,
                QString());
        qCInfo(lcTeamStore).noquote() << "watching" << m_watcher->m_location.displayName()
                                      << (listening ? "with notifications" : "by polling");
    }

    void dropConnection()
    {
        if (m_database) {
            if (m_listening) {
                QSqlDriver *driver = m_database->connection().driver();
                disconnect(driver, nullptr, this, nullptr);
                if (m_database->connection().isOpen())
                    driver->unsubscribeFromNotification(models::runChangeChannel());
            }
            m_queries.reset();
            m_database.reset();
        }
        m_listening = false;
    }

    void connectionFailed(const QString &message)
    {
        m_tick.stop();
        dropConnection();
        const RunChangeWatcher::Options &options = m_watcher->m_options;
        m_backoff = m_backoff.count() == 0 ? options.reconnectMin : std::min(m_backoff * 2, options.reconnectMax);
        qCWarning(lcTeamStore).noquote() << "store unreachable, retrying in" << m_backoff.count() << "ms:" << message;
        setMode(RunChangeWatcher::Mode::Connecting, message);
        m_reconnect.start(m_backoff);
    }

    void onTick()
    {
        if (!m_database)
            return;
        if (!m_listening) {
            if (!poll())
                connectionFailed(m_lastError);
            return;
        }
        // With notifications: a heartbeat (a dead socket says nothing on its own), a poll now and then.
        const RunChangeWatcher::Options &options = m_watcher->m_options;
        const auto pollEvery = std::max<qint64>(1, options.safetyPollInterval / options.heartbeatInterval);
        bool ok = true;
        if (++m_ticksSincePoll >= pollEvery) {
            m_ticksSincePoll = 0;
            ok = poll();
        } else if (!m_database->isConnectionAlive()) {
            m_lastError = QCoreApplication::translate("workbench::app::RunChangeWatcher",
                                                      "The connection to the team store was lost.");
            ok = false;
        }
        if (!ok)
            connectionFailed(m_lastError);
    }

    void onNotification(const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
    {
        if (name != models::runChangeChannel() || !m_database)
            return;
        const std::optional<models::RunChangeNotice> notice = models::parseRunChangeNotice(payload.toString());
        if (!notice) {
            qCDebug(lcTeamStore) << "ignoring a notification that is not ours";
            return;
        }
        if (!m_projectId.isEmpty() && notice->projectId != m_projectId)
            return;
        bool ok = true;
        if (notice->kind == models::RunChangeNotice::Kind::Run) {
            ok = checkRun(notice->runId);
        } else {
            // Read, not trust: the stored maximum is what is reported.
            ok = checkSequences({notice->runId});
        }
        if (!ok)
            connectionFailed(m_lastError);
    }

    // Record one run's current stamp; report it when it differs from what was seen.
    void noteStamp(const models::RunStamp &stamp, QStringList *sequenceCheck)
    {
        const auto known = m_known.constFind(stamp.runId);
        const bool changed = known == m_known.cend() || !(*known == stamp);
        m_known.insert(stamp.runId, stamp);
        if (m_watermark.isNull() || stamp.updatedAt > m_watermark)
            m_watermark = stamp.updatedAt;
        if (changed) {
            Q_EMIT m_watcher->runChanged(stamp.runId);
            // Its events (a finished run's last ones included) are checked once more.
            sequenceCheck->append(stamp.runId);
        }
    }

    bool checkRun(const QString &runId)
    {
        models::StoreResult<std::optional<models::RunStamp>> stamp = m_queries->runStamp(runId);
        if (!stamp)
            return fail(stamp.errorMessage());
        if (!stamp->has_value())
            return true; // deleted meanwhile
        if (!m_projectId.isEmpty() && (*stamp)->projectId != m_projectId)
            return true;
        QStringList check;
        noteStamp(**stamp, &check);
        return check.isEmpty() || checkSequences(check);
    }

    // Baseline: the project's newest change and its active runs' sequences, nothing reported.
    bool baseline()
    {
        models::StoreResult<QString> newest = m_queries->newestUpdate(m_projectId);
        if (!newest)
            return fail(newest.errorMessage());
        m_watermark = newest->isNull() ? QStringLiteral("") : *newest;
        models::StoreResult<QList<models::RunStamp>> active = m_queries->activeRuns(m_projectId);
        if (!active)
            return fail(active.errorMessage());
        QStringList ids;
        for (const models::RunStamp &stamp : std::as_const(*active)) {
            m_known.insert(stamp.runId, stamp);
            ids << stamp.runId;
        }
        models::StoreResult<QHash<QString, qint64>> sequences = m_queries->lastSequences(ids);
        if (!sequences)
            return fail(sequences.errorMessage());
        for (const QString &runId : std::as_const(ids))
            m_sequences.insert(runId, sequences->value(runId, 0));
        return true;
    }

    // Changed rows since the watermark (minus the clock slack), then the sequences of active runs.
    bool poll()
    {
        QString since;
        if (!m_watermark.isEmpty()) {
            const QDateTime newest = models::parseIsoTimestamp(m_watermark);
            since = newest.isValid() ? models::isoTimestamp(newest.addSecs(-m_watcher->m_options.clockSlack.count()))
                                     : m_watermark;
        }
        QStringList check;
        for (;;) {
            models::StoreResult<QList<models::RunStamp>> changed = m_queries->runsUpdatedSince(m_projectId, since, pollPageSize);
            if (!changed)
                return fail(changed.errorMessage());
            for (const models::RunStamp &stamp : std::as_const(*changed))
                noteStamp(stamp, &check);
            if (changed->size() < pollPageSize || changed->constLast().updatedAt == since)
                break;
            since = changed->constLast().updatedAt; // a burst of changes: page on
        }
        for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
            if (isActiveStatus(it->status) && !check.contains(it.key()))
                check << it.key();
        }
        return checkSequences(check);
    }

    bool checkSequences(const QStringList &runIds)
    {
        if (runIds.isEmpty())
            return true;
        models::StoreResult<QHash<QString, qint64>> sequences = m_queries->lastSequences(runIds);
        if (!sequences)
            return fail(sequences.errorMessage());
        for (const QString &runId : runIds) {
            const qint64 stored = sequences->value(runId, 0);
            if (stored > m_sequences.value(runId, 0)) {
                m_sequences.insert(runId, stored);
                Q_EMIT m_watcher->runEventsAppended(runId, stored);
            }
            // Finished runs leave the active set (their rows stay known so an unchanged row is not re-reported).
            const auto known = m_known.constFind(runId);
            if (known != m_known.cend() && !isActiveStatus(known->status))
                m_sequences.remove(runId);
        }
        return true;
    }

    bool fail(const QString &message)
    {
        m_lastError = message;
        return false;
    }

    RunChangeWatcher *m_watcher;
    QTimer m_tick;
    QTimer m_reconnect;
    std::unique_ptr<models::Database> m_database;
    std::unique_ptr<models::RunChangeQueries> m_queries;
    QString m_projectId;
    QString m_watermark; // null until the first baseline
    QHash<QString, models::RunStamp> m_known;
    QHash<QString, qint64> m_sequences;
    bool m_listening = false;
    qint64 m_ticksSincePoll = 0;
    std::chrono::milliseconds m_backoff{0};
    QString m_lastError;
    QString m_modeDetail;
};

RunChangeWatcher::RunChangeWatcher(const models::DatabaseLocation &location, QObject *parent)
    : RunChangeWatcher(location, Options(), parent)
{
}

RunChangeWatcher::RunChangeWatcher(const models::DatabaseLocation &location, const Options &options, QObject *parent)
    : QObject(parent)
    , m_location(location)
    , m_options(options)
{
    m_thread.setObjectName(QStringLiteral("run-watcher"));
}

RunChangeWatcher::~RunChangeWatcher()
{
    if (m_worker) {
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
            worker->stop();
            delete worker;
        }, Qt::BlockingQueuedConnection);
        m_worker = nullptr;
    }
    m_thread.quit();
    m_thread.wait();
}

void RunChangeWatcher::start(const QString &projectId)
{
    if (m_worker)
        return;
    m_thread.start();
    m_worker = new RunChangeWatcherWorker(this);
    m_worker->moveToThread(&m_thread);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, projectId] { worker->begin(projectId); }, Qt::QueuedConnection);
}

void RunChangeWatcher::setProjectId(const QString &projectId)
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, projectId] { worker->setProjectId(projectId); },
                                  Qt::QueuedConnection);
}

void RunChangeWatcher::pollNow()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &RunChangeWatcherWorker::pollNow, Qt::QueuedConnection);
}

} // namespace workbench::app

#include "runchangewatcher.moc"
