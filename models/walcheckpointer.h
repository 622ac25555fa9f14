#pragma once
// Moves SQLite's WAL checkpoints off the event writer's thread. By default SQLite copies the WAL
// back into the database file (and fsyncs both) inside the commit that pushes the WAL past 1000
// pages, so the writer - and with it every run's output - stands still for each checkpoint. Here
// the writer's connection only reports its WAL size (sqlite3_wal_hook); a background thread with
// its own connection runs the PASSIVE checkpoints, concurrently with further commits. If the
// background falls too far behind (a flood), the writer runs a PASSIVE checkpoint itself once the
// WAL holds `backstopFrames`, which bounds the WAL file as SQLite's default would, only larger.
// Checkpointing never decides what is durable: every committed transaction is already in the WAL.
#include <QSqlDatabase>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

struct sqlite3;

namespace workbench::models {

class WalCheckpointer
{
public:
    static constexpr int DefaultBackstopBytes = 64 * 1024 * 1024;
    struct Options
    {
        int thresholdFrames = 1000; // SQLite's own autocheckpoint size
        int backstopBytes = DefaultBackstopBytes; // WAL size at which the writer checkpoints itself
    };
    struct Counters
    {
        int background = 0; // checkpoints the background thread ran
        int foreground = 0; // checkpoints the writer ran itself at the backstop
    };

    // Takes over checkpointing for `writer` (a QSQLITE connection in WAL mode, used only on the
    // calling thread). Null when that is not possible (not SQLite, the Qt driver's SQLite library
    // differs from the one this build links, the file cannot be opened a second time): the
    // connection then keeps SQLite's own autocheckpoint, and the reason is logged.
    static std::unique_ptr<WalCheckpointer> attach(const QSqlDatabase &writer, const QString &path,
                                                   const Options &options);
    static std::unique_ptr<WalCheckpointer> attach(const QSqlDatabase &writer, const QString &path)
    {
        return attach(writer, path, Options{});
    }
    ~WalCheckpointer(); // detaches (the connection gets its earlier autocheckpoint back), stops the thread

    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    Counters counters() const;

private:
    WalCheckpointer(sqlite3 *writer, sqlite3 *own, int thresholdFrames, int backstopFrames, int previousAutocheckpoint);
    static int walHook(void *self, sqlite3 *connection, const char *database, int frames);
    int onCommit(sqlite3 *connection, const char *database, int frames);
    void run();

    sqlite3 *m_writer = nullptr;
    sqlite3 *m_own = nullptr;
    const int m_thresholdFrames;
    const int m_backstopFrames;
    const int m_previousAutocheckpoint; // restored on detach
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    bool m_requested = false;
    bool m_backgroundBusy = false;     // a background checkpoint is running
    bool m_writerCheckpointing = false; // the writer is resetting the WAL at the backstop
    bool m_stopping = false;
    Counters m_counters;
    std::thread m_thread;
};

} // namespace workbench::models
