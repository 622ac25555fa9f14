#pragma once
// Sees runs written by anyone sharing the store (another desktop, the CLI, CCDash) as they change.
// PostgreSQL: LISTEN on migration 6's channel, so a committed change arrives within milliseconds;
// a slow safety poll still runs (a lost notification, a writer without the triggers). SQLite, or
// with notifications off: polling by updated_at and by sequence. Its own connection on its own
// thread, reopened with backoff when the server goes away (then it catches up by polling).
// Everything it reports was read from the store (a notification is only a hint to look).
#include "models/databaselocation.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <chrono>

namespace workbench::app {

class RunChangeWatcherWorker;

class RunChangeWatcher : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Connecting,    // not connected yet, or reconnecting after a failure
        Notifications, // LISTEN is active (PostgreSQL), with a slow safety poll
        Polling,       // no notifications (SQLite, turned off, or the server refused LISTEN)
    };
    Q_ENUM(Mode)

    struct Options
    {
        bool useNotifications = true;
        std::chrono::milliseconds pollInterval{1000};        // without notifications
        std::chrono::milliseconds safetyPollInterval{10000}; // with notifications
        std::chrono::milliseconds heartbeatInterval{2000};   // with notifications: is the server still there?
        std::chrono::milliseconds reconnectMin{250};
        std::chrono::milliseconds reconnectMax{8000};
        // Clocks of several desktops differ: changes are re-read from this long before the newest seen.
        std::chrono::seconds clockSlack{120};
    };

    explicit RunChangeWatcher(const models::DatabaseLocation &location, QObject *parent = nullptr);
    RunChangeWatcher(const models::DatabaseLocation &location, const Options &options, QObject *parent = nullptr);
    ~RunChangeWatcher() override;

    // Starts the thread; connecting (and reconnecting) happens there. `projectId` "" = every project.
    void start(const QString &projectId);
    // Only runs of this project are reported from now on ("" = all).
    void setProjectId(const QString &projectId);
    // Look now instead of at the next tick.
    void pollNow();

    Mode mode() const { return m_mode.load(); }
    QString location() const { return m_location.displayName(); }

Q_SIGNALS:
    // The run's row was created or changed (status, timestamps, exit code ...).
    void runChanged(const QString &runId);
    // Events of the run up to `lastSequence` are stored.
    void runEventsAppended(const QString &runId, qint64 lastSequence);
    // Connection state for the window's status bar; `detail` says why (the store's message).
    void modeChanged(workbench::app::RunChangeWatcher::Mode mode, const QString &detail);

private:
    friend class RunChangeWatcherWorker;
    models::DatabaseLocation m_location;
    Options m_options;
    QThread m_thread;
    RunChangeWatcherWorker *m_worker = nullptr; // lives in m_thread
    std::atomic<Mode> m_mode{Mode::Connecting};
};

} // namespace workbench::app
