#include "models/walcheckpointer.h"

#include "models/modelslog.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <algorithm>

#include <pthread.h>

namespace workbench::models {

namespace {

// The QSQLITE driver's handle is only usable with the SQLite library the driver itself uses. Debian's
// Qt uses the system library this build links too; a Qt with a bundled copy would not, and then the
// handle is left alone. The version the connection reports must be the one linked here.
sqlite3 *sqliteHandle(const QSqlDatabase &connection)
{
    if (!connection.isOpen() || !connection.driver())
        return nullptr;
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    QSqlQuery version(connection);
    if (!version.exec(QStringLiteral("SELECT sqlite_version()")) || !version.next()
        || version.value(0).toString() != QLatin1String(sqlite3_libversion())) {
        qCInfo(lcStore) << "WAL checkpoints stay on the writer: the Qt SQLite driver uses another SQLite library";
        return nullptr;
    }
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

std::unique_ptr<WalCheckpointer> WalCheckpointer::attach(const QSqlDatabase &writer, const QString &path,
                                                         const Options &options)
{
    sqlite3 *writerHandle = sqliteHandle(writer);
    if (!writerHandle)
        return nullptr;
    int pageSize = 0;
    int previousAutocheckpoint = 1000;
    {
        QSqlQuery query(writer);
        if (query.exec(QStringLiteral("PRAGMA page_size")) && query.next())
            pageSize = query.value(0).toInt();
        query.finish();
        if (query.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && query.next())
            previousAutocheckpoint = query.value(0).toInt();
        query.finish();
        if (!query.exec(QStringLiteral("PRAGMA journal_mode")) || !query.next()
            || query.value(0).toString() != QLatin1String("wal"))
            return nullptr; // nothing to move: rollback journals have no checkpoints
    }
    if (pageSize <= 0)
        return nullptr;
    // Never creates a file: the writer's connection has opened (and vetted) it already.
    sqlite3 *own = nullptr;
    const int opened = sqlite3_open_v2(QFile::encodeName(path).constData(), &own,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (opened != SQLITE_OK) {
        qCWarning(lcStore).noquote() << "WAL checkpoints stay on the writer: cannot open" << path << "again:"
                                     << (own ? sqlite3_errmsg(own) : sqlite3_errstr(opened));
        sqlite3_close(own);
        return nullptr;
    }
    // The checkpoint fsyncs as the writer's connection would (synchronous=NORMAL in WAL mode).
    sqlite3_exec(own, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    const int backstopFrames = std::max(1, options.backstopBytes / pageSize);
    return std::unique_ptr<WalCheckpointer>(
        new WalCheckpointer(writerHandle, own, options.thresholdFrames, backstopFrames, previousAutocheckpoint));
}

WalCheckpointer::WalCheckpointer(sqlite3 *writer, sqlite3 *own, int thresholdFrames, int backstopFrames,
                                 int previousAutocheckpoint)
    : m_writer(writer)
    , m_own(own)
    , m_thresholdFrames(thresholdFrames)
    , m_backstopFrames(backstopFrames)
    , m_previousAutocheckpoint(previousAutocheckpoint)
{
    m_thread = std::thread([this] { run(); });
    // Replaces the connection's autocheckpoint hook (SQLite keeps one WAL hook per connection).
    sqlite3_wal_hook(m_writer, &WalCheckpointer::walHook, this);
}

WalCheckpointer::~WalCheckpointer()
{
    sqlite3_wal_autocheckpoint(m_writer, m_previousAutocheckpoint); // the hook goes, SQLite's own comes back
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    sqlite3_close(m_own);
    qCDebug(lcStore) << "WAL checkpoints:" << m_counters.background << "in the background,"
                     << m_counters.foreground << "on the writer at the backstop";
}

WalCheckpointer::Counters WalCheckpointer::counters() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_counters;
}

int WalCheckpointer::walHook(void *self, sqlite3 *connection, const char *database, int frames)
{
    return static_cast<WalCheckpointer *>(self)->onCommit(connection, database, frames);
}

// On the writer's thread, after each commit (the write lock is already released).
int WalCheckpointer::onCommit(sqlite3 *connection, const char *database, int frames)
{
    if (frames >= m_backstopFrames) {
        // The background cannot keep up: copy the WAL back here, so that the file stops growing. Only one
        // connection can checkpoint at a time (SQLite answers BUSY at once, without a busy handler),
        // so the background's checkpoint in progress is waited for and no new one starts meanwhile.
        std::unique_lock<std::mutex> lock(m_mutex);
        m_writerCheckpointing = true;
        m_idle.wait(lock, [this] { return !m_backgroundBusy; });
        lock.unlock();
        int logFrames = 0;
        int checkpointed = 0;
        // PASSIVE, as SQLite's own autocheckpoint: it never waits for readers (the window's reads
        // run on the UI thread). With the WAL fully copied back, the next commit starts the WAL
        // over from its beginning, unless a reader still uses it.
        const int result = sqlite3_wal_checkpoint_v2(connection, database, SQLITE_CHECKPOINT_PASSIVE, &logFrames,
                                                     &checkpointed);
        lock.lock();
        m_writerCheckpointing = false;
        if (result == SQLITE_OK)
            ++m_counters.foreground;
        else
            qCDebug(lcStore) << "writer checkpoint postponed:" << sqlite3_errstr(result);
        return SQLITE_OK;
    }
    if (frames >= m_thresholdFrames) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_requested = true;
        }
        m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run()
{
    pthread_setname_np(pthread_self(), "wal-checkpoint"); // shown by top -H, perf and gdb
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping)
            return;
        m_requested = false;
        if (m_writerCheckpointing)
            continue; // the writer is resetting the WAL right now
        m_backgroundBusy = true;
        lock.unlock();
        int logFrames = 0;
        int checkpointed = 0;
        const int result = sqlite3_wal_checkpoint_v2(m_own, "main", SQLITE_CHECKPOINT_PASSIVE, &logFrames, &checkpointed);
        if (result != SQLITE_OK)
            qCDebug(lcStore) << "background checkpoint:" << sqlite3_errstr(result) << sqlite3_errmsg(m_own);
        lock.lock();
        m_backgroundBusy = false;
        m_idle.notify_all();
        if (result == SQLITE_OK)
            ++m_counters.background;
    }
}

} // namespace workbench::models
