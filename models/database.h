#pragma once
// One open connection to the store, with its schema migrated (or refused when it is newer than
// this app). QSqlDatabase connections belong to the thread that opened them: a worker thread (the
// runtime's event writer) opens its own Database on that thread with Database::open(location()).
#include "models/databaselocation.h"
#include "models/storeresult.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <functional>
#include <memory>

namespace workbench::models {

class Database
{
public:
    // Opens (creating a SQLite file with mode 0600 when missing) and migrates. `purpose` only makes
    // the connection name readable in logs; every connection gets a unique name.
    static StoreResult<std::unique_ptr<Database>> open(const DatabaseLocation &location,
                                                       const QString &purpose = QStringLiteral("main"));
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // A second, independent connection to the same database (for the calling thread).
    StoreResult<std::unique_ptr<Database>> openAnother(const QString &purpose) const;

    Dialect dialect() const { return m_location.dialect; }
    const DatabaseLocation &location() const { return m_location; }
    QSqlDatabase connection() const { return m_connection; }
    QString connectionName() const { return m_connectionName; }
    int schemaVersion() const { return m_schemaVersion; }

    QSqlQuery newQuery() const { return QSqlQuery(m_connection); }

    // Runs `work` in one write transaction (SQLite: BEGIN IMMEDIATE, so writers queue on the busy
    // timeout instead of failing on lock upgrade). "database is locked" is retried with backoff,
    // as CCDash does (8 attempts); any other failure rolls back and is returned.
    StoreResult<void> writeTransaction(const std::function<StoreResult<void>()> &work);

    // Prepares and executes `sql` with the values bound in order. Errors carry the driver's text.
    StoreResult<QSqlQuery> exec(const QString &sql, const QVariantList &values = {}) const;

    // True when the error is SQLite's SQLITE_BUSY/SQLITE_LOCKED ("database is locked").
    static bool isBusyError(const StoreError &error);
    // SQLite: the autocheckpoint (in pages) of every connection but the event writer's, which has
    // its own checkpointer: twice the WAL size that checkpointer allows.
    static int nonWriterAutocheckpointPages(int pageSize);

    // PostgreSQL: does the server still answer on this connection (SELECT 1)? SQLite: always true.
    bool isConnectionAlive() const;
    // PostgreSQL: a connection found dead (server restarted, network cut) is opened again with the
    // same settings before the next statement or transaction (never inside a transaction: that
    // transaction is lost and fails). This makes the reopen happen now; true when it works.
    bool reconnectIfLost() const;
    // How many times the connection was opened again (tests, logs).
    int reconnectCount() const { return m_reconnects; }

private:
    Database(const DatabaseLocation &location, const QString &connectionName);
    StoreResult<void> openConnection();
    StoreResult<void> prepareSqliteFile() const;

    DatabaseLocation m_location;
    QString m_connectionName;
    QSqlDatabase m_connection;
    int m_schemaVersion = 0;
    mutable bool m_connectionLost = false; // a failure found the server gone: reopen before the next use
    mutable bool m_inTransaction = false;
    mutable int m_reconnects = 0;
    void noteFailure() const;
};

// A null QString binds as SQL NULL in Qt 6; CCDash's NOT NULL text columns need "" instead.
inline QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace workbench::models
