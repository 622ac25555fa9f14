#include "models/database.h"

#include "models/migrations.h"
#include "models/modelslog.h"
#include "models/walcheckpointer.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace workbench::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::models::Database", text);
}

QString uniqueConnectionName(const QString &purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("workbench-store-%1-%2").arg(purpose).arg(counter.fetchAndAddRelaxed(1) + 1);
}

constexpr int busyRetries = 8;
constexpr int busyBackoffMs = 50;
constexpr int busyTimeoutMs = 5000;

} // namespace

Database::Database(const DatabaseLocation &location, const QString &connectionName)
    : m_location(location)
    , m_connectionName(connectionName)
{
}

Database::~Database()
{
    if (m_connection.isValid())
        m_connection.close();
    m_connection = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

StoreResult<std::unique_ptr<Database>> Database::open(const DatabaseLocation &location, const QString &purpose)
{
    std::unique_ptr<Database> database(new Database(location, uniqueConnectionName(purpose)));
    if (StoreResult<void> opened = database->openConnection(); !opened) {
        // Info, not warning: the caller shows the message; a warning would print it twice in the CLI.
        qCInfo(lcStore).noquote() << "cannot open" << location.displayName() << ':' << opened.errorMessage();
        return opened.error();
    }
    return database;
}

StoreResult<std::unique_ptr<Database>> Database::openAnother(const QString &purpose) const
{
    return open(m_location, purpose);
}

StoreResult<void> Database::prepareSqliteFile() const
{
    const QString &path = m_location.sqlitePath;
    const QFileInfo info(path);
    if (info.exists()) {
        if (!info.isFile())
            return StoreError{StoreError::Kind::Unavailable, tr("Cannot open the database %1: it is not a file.").arg(path)};
        if (!info.isReadable() || !info.isWritable())
            return StoreError{StoreError::Kind::Unavailable,
                              tr("Cannot open the database %1: permission denied.").arg(path)};
        return {};
    }
    // Only the default location's folder is created for the user; a typo in --database should not
    // silently create directories somewhere.
    const QString folder = info.absolutePath();
    if (m_location.isDefaultLocation && !QFileInfo::exists(folder) && !QDir().mkpath(folder))
        return StoreError{StoreError::Kind::Unavailable, tr("Cannot create the folder %1 for the database.").arg(folder)};
    // Create the file ourselves so that it is private (0600) before SQLite ever writes to it.
    const QByteArray nativePath = QFile::encodeName(path);
    const int fd = ::open(nativePath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        const int error = errno;
        if (error == EEXIST)
            return {};
        return StoreError{StoreError::Kind::Unavailable,
                          tr("Cannot create the database file %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(error)))};
    }
    ::fchmod(fd, S_IRUSR | S_IWUSR); // the umask may not have lowered it, but make sure
    ::close(fd);
    return {};
}

StoreResult<void> Database::openConnection()
{
    if (m_location.dialect == Dialect::Sqlite) {
        if (StoreResult<void> prepared = prepareSqliteFile(); !prepared)
            return prepared;
        m_connection = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_connection.setDatabaseName(m_location.sqlitePath);
        m_connection.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    } else {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            return StoreError{StoreError::Kind::Unavailable,
                              tr("The PostgreSQL driver for Qt (QPSQL, package libqt6sql6-psql) is not installed.")};
        m_connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        m_connection.setHostName(m_location.host);
        m_connection.setPort(m_location.port);
        m_connection.setUserName(m_location.user);
        if (!m_location.password.isEmpty())
            m_connection.setPassword(m_location.password);
        m_connection.setDatabaseName(m_location.databaseName);
        m_connection.setConnectOptions(m_location.connectOptions);
    }
    if (!m_connection.isValid())
        return StoreError{StoreError::Kind::Unavailable, tr("The Qt SQL driver for %1 could not be loaded.")
                                                             .arg(m_location.displayName())};

    if (!m_connection.open()) {
        const QSqlError error = m_connection.lastError();
        // libpq's text spans lines ("... Connection refused\n\tIs the server running ..."): keep one line.
        const QString detail = error.databaseText().trimmed().isEmpty() ? error.text().simplified()
                                                                        : error.databaseText().simplified();
        return StoreError{StoreError::Kind::Unavailable,
                          m_location.dialect == Dialect::Postgres
                              ? tr("Cannot connect to PostgreSQL at %1: %2").arg(m_location.displayName(), detail)
                              : tr("Cannot open the database %1: %2").arg(m_location.displayName(), detail)};
    }

    QSqlQuery query(m_connection);
    if (m_location.dialect == Dialect::Sqlite) {
        // SQLite opens anything lazily: read the header before writing so a foreign file stays untouched.
        if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"))) {
            const QSqlError error = query.lastError();
            const bool notDatabase = error.nativeErrorCode() == QLatin1String("26")
                                     || error.databaseText().contains(QLatin1String("not a database"));
            return StoreError{notDatabase ? StoreError::Kind::NotADatabase : StoreError::Kind::Unavailable,
                              notDatabase ? tr("%1 is not a CCDash Workbench database (not a SQLite file). "
                                               "Nothing was changed.").arg(m_location.sqlitePath)
                                          : tr("Cannot read the database %1: %2").arg(m_location.sqlitePath,
                                                                                     error.text().trimmed())};
        }
        query.finish();
        // Refuse a newer schema before any pragma writes the header.
        const StoreResult<int> version = readSchemaVersion(m_connection, m_location.dialect);
        if (!version)
            return version.error();
        if (*version > latestSchemaVersion())
            return migrateSchema(m_connection, m_location.dialect).error();
        // New files keep SQLite's default 4 KiB pages. 64 KiB pages stored a flood 1.7x faster but made
        // every small commit rewrite whole 64 KiB pages in the WAL: a command printing a line every
        // 10 ms then cost 12 MB/s of disk writes instead of 0.8 (docs/performance.md, bench_runtime trickle).
        query.finish();
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
            if (!query.exec(QLatin1String(pragma)))
                return StoreError{StoreError::Kind::Unavailable,
                                  tr("Cannot configure the database %1 (%2): %3")
                                      .arg(m_location.sqlitePath, QLatin1String(pragma), query.lastError().text().trimmed())};
            query.finish();
        }
        // WAL checkpoints belong to the event writer's checkpointer (models::WalCheckpointer, off the
        // UI thread), which keeps the WAL under its backstop. Other connections checkpoint only far
        // beyond that, so a commit on the UI thread never copies a flood's WAL back (bench_load showed
        // the window stalling for it); a process without an event writer still checkpoints.
        int pageSize = 4096;
        if (query.exec(QStringLiteral("PRAGMA page_size")) && query.next())
            pageSize = std::max(512, query.value(0).toInt());
        query.finish();
        query.exec(QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(nonWriterAutocheckpointPages(pageSize)));
        query.finish();
    } else {
        // Keep libpq's NOTICEs ("relation already exists, skipping") off the user's terminal.
        if (!query.exec(QStringLiteral("SET client_min_messages TO warning")))
            return StoreError{StoreError::Kind::Unavailable,
                              tr("Cannot configure the PostgreSQL session: %1").arg(query.lastError().text().trimmed())};
    }

    const StoreResult<int> migrated = migrateSchema(m_connection, m_location.dialect);
    if (!migrated)
        return migrated.error();
    m_schemaVersion = *migrated;
    qCDebug(lcStore).noquote() << "opened" << m_location.displayName() << "as" << m_connectionName << "schema"
                               << m_schemaVersion;
    return {};
}

int Database::nonWriterAutocheckpointPages(int pageSize)
{
    return 2 * (WalCheckpointer::DefaultBackstopBytes / std::max(512, pageSize));
}

bool Database::isBusyError(const StoreError &error)
{
    return error.message.contains(QLatin1String("database is locked"))
           || error.message.contains(QLatin1String("database table is locked"));
}

bool Database::isConnectionAlive() const
{
    if (dialect() != Dialect::Postgres)
        return true;
    if (!m_connection.isOpen())
        return false;
    QSqlQuery probe(m_connection);
    return probe.exec(QStringLiteral("SELECT 1")) && probe.next();
}

void Database::noteFailure() const
{
    // Inside a transaction the probe would fail on the aborted transaction: checked after the rollback.
    if (dialect() == Dialect::Postgres && !m_inTransaction && !m_connectionLost && !isConnectionAlive()) {
        qCWarning(lcStore).noquote() << "connection" << m_connectionName << "to" << m_location.displayName() << "lost";
        m_connectionLost = true;
    }
}

bool Database::reconnectIfLost() const
{
    if (dialect() != Dialect::Postgres || m_inTransaction)
        return !m_connectionLost;
    if (!m_connectionLost && isConnectionAlive())
        return true;
    QSqlDatabase connection = m_connection; // the same connection (a shared handle)
    connection.close();
    if (!connection.open()) {
        m_connectionLost = true;
        qCDebug(lcStore).noquote() << "reconnecting" << m_connectionName << "failed:" << connection.lastError().text().simplified();
        return false;
    }
    QSqlQuery(connection).exec(QStringLiteral("SET client_min_messages TO warning"));
    m_connectionLost = false;
    ++m_reconnects;
    qCInfo(lcStore).noquote() << "connection" << m_connectionName << "to" << m_location.displayName() << "open again";
    return true;
}

StoreResult<QSqlQuery> Database::exec(const QString &sql, const QVariantList &values) const
{
    if (m_connectionLost && !m_inTransaction && !reconnectIfLost())
        return StoreError{StoreError::Kind::Unavailable,
                          tr("Cannot reach PostgreSQL at %1: %2").arg(m_location.displayName(),
                                                                      m_connection.lastError().text().simplified())};
    QSqlQuery query(m_connection);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        const QString error = query.lastError().text().trimmed();
        noteFailure();
        return StoreError{StoreError::Kind::Query, tr("Preparing a statement failed: %1").arg(error)};
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        const QString error = query.lastError().text().trimmed();
        noteFailure();
        return StoreError{StoreError::Kind::Query, tr("A database statement failed: %1").arg(error)};
    }
    return query;
}

StoreResult<void> Database::writeTransaction(const std::function<StoreResult<void>()> &work)
{
    if (m_connectionLost && !reconnectIfLost())
        return StoreError{StoreError::Kind::Unavailable,
                          tr("Cannot reach PostgreSQL at %1: %2").arg(m_location.displayName(),
                                                                      m_connection.lastError().text().simplified())};
    StoreError lastError;
    for (int attempt = 1; attempt <= busyRetries; ++attempt) {
        bool began = false;
        QString beginError;
        if (dialect() == Dialect::Sqlite) {
            QSqlQuery begin(m_connection);
            began = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
            beginError = begin.lastError().text().trimmed();
        } else {
            began = m_connection.transaction();
            beginError = m_connection.lastError().text().trimmed();
        }
        if (!began) {
            lastError = StoreError{StoreError::Kind::Query, tr("Starting a transaction failed: %1").arg(beginError)};
            noteFailure();
        } else {
            m_inTransaction = true;
            StoreResult<void> result = work();
            m_inTransaction = false;
            if (result) {
                bool committed = false;
                QString commitError;
                if (dialect() == Dialect::Sqlite) {
                    QSqlQuery commit(m_connection);
                    committed = commit.exec(QStringLiteral("COMMIT"));
                    commitError = commit.lastError().text().trimmed();
                } else {
                    committed = m_connection.commit();
                    commitError = m_connection.lastError().text().trimmed();
                }
                if (committed)
                    return {};
                lastError = StoreError{StoreError::Kind::Query, tr("Committing failed: %1").arg(commitError)};
                noteFailure();
            } else {
                lastError = result.error();
            }
            if (dialect() == Dialect::Sqlite)
                QSqlQuery(m_connection).exec(QStringLiteral("ROLLBACK"));
            else
                m_connection.rollback();
            if (lastError.kind == StoreError::Kind::Query || lastError.kind == StoreError::Kind::Unavailable)
                noteFailure();
        }
        if (!isBusyError(lastError) || attempt == busyRetries)
            break;
        qCDebug(lcStore) << "database is locked, retrying; attempt" << attempt;
        QThread::msleep(busyBackoffMs * attempt);
    }
    // NotFound / Conflict are answers for the caller, not store trouble.
    if (lastError.kind == StoreError::Kind::Query || lastError.kind == StoreError::Kind::Unavailable)
        qCWarning(lcStore).noquote() << lastError.message;
    return lastError;
}

} // namespace workbench::models
