#pragma once
// Opens a fresh store per test row: a SQLite file in a temporary directory, or a scratch database
// on the fixture's PostgreSQL server; and the helpers every store test needs (dialect rows, opening a
// store, output events). Shared by the models and app tests.
#include "models/database.h"
#include "models/executionrepository.h"
#include "tests/support/postgrestestserver.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace workbench::test {

struct FreshStore
{
    std::unique_ptr<QTemporaryDir> directory;
    std::unique_ptr<ScratchPostgresDatabase> postgres;
    QString url; // what --database would say
};

// Prepares an empty database location for the dialect; null url + message when impossible.
inline FreshStore freshStoreLocation(models::Dialect dialect, QString *error)
{
    FreshStore store;
    if (dialect == models::Dialect::Sqlite) {
        store.directory = std::make_unique<QTemporaryDir>();
        store.url = store.directory->filePath(QStringLiteral("workbench.db"));
        return store;
    }
    const PostgresServer server = postgresServer();
    if (server.url.isEmpty()) {
        *error = server.unavailableReason;
        return store;
    }
    store.postgres = ScratchPostgresDatabase::create(server.url, error);
    if (store.postgres)
        store.url = store.postgres->url();
    return store;
}

// The two dialects as data rows: every store test runs once per dialect.
inline void addDialectRows()
{
    QTest::addColumn<models::Dialect>("dialect");
    QTest::newRow("sqlite") << models::Dialect::Sqlite;
    QTest::newRow("postgresql") << models::Dialect::Postgres;
}

// Opens (and migrates) the store at `url` as the app does; null with *error set when it cannot.
inline std::unique_ptr<models::Database> openOrNull(const QString &url, QString *error)
{
    const models::StoreResult<models::DatabaseLocation> location = models::parseDatabaseLocation(url);
    if (!location) {
        *error = location.errorMessage();
        return nullptr;
    }
    models::StoreResult<std::unique_ptr<models::Database>> database =
        models::Database::open(*location, QStringLiteral("test"));
    if (!database) {
        *error = database.errorMessage();
        return nullptr;
    }
    return std::move(*database);
}

// A stdout output event of `runId`, not yet written (no sequence number).
inline models::RunEvent outputEvent(const QString &runId, const QString &text)
{
    models::RunEvent event;
    event.runId = runId;
    event.stream = models::EventStream::Stdout;
    event.eventType = QString(models::EventType::Output);
    event.payloadText = text;
    return event;
}

// Executes a .sql file statement by statement (statements end with ';' at the end of a line).
inline bool execSqlFile(QSqlDatabase db, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    QString statement;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed().startsWith(QLatin1String("--")))
            continue;
        statement += line + QLatin1Char('\n');
        if (line.trimmed().endsWith(QLatin1Char(';'))) {
            QSqlQuery query(db);
            if (!query.exec(statement.trimmed().chopped(1))) {
                *error = query.lastError().text() + QStringLiteral(" in ") + statement;
                return false;
            }
            statement.clear();
        }
    }
    return true;
}

inline QStringList queryRows(QSqlDatabase db, const QString &sql)
{
    QStringList rows;
    QSqlQuery query(db);
    if (!query.exec(sql))
        return {QStringLiteral("ERROR: ") + query.lastError().text()};
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < query.record().count(); ++i)
            fields << (query.isNull(i) ? QStringLiteral("<null>") : query.value(i).toString());
        rows << fields.join(QLatin1Char('|'));
    }
    return rows;
}

// Tables, columns (type, not null, default, pk), indexes (name, unique, columns with order) and
// foreign keys of the given tables, as comparable text lines.
inline QStringList schemaDump(QSqlDatabase db, models::Dialect dialect, const QStringList &tables)
{
    QStringList dump;
    for (const QString &table : tables) {
        if (dialect == models::Dialect::Sqlite) {
            dump << table + QStringLiteral(" columns:") + queryRows(db, QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk "
                                                                                        "FROM pragma_table_info('%1')").arg(table)).join(QLatin1Char(';'));
            const QStringList indexes = queryRows(db, QStringLiteral("SELECT name, \"unique\", origin, partial FROM "
                                                                     "pragma_index_list('%1') ORDER BY name").arg(table));
            for (const QString &index : indexes) {
                const QString name = index.section(QLatin1Char('|'), 0, 0);
                dump << table + QStringLiteral(" index:") + index + QLatin1Char(':')
                            + queryRows(db, QStringLiteral("SELECT name, \"desc\", coll FROM pragma_index_xinfo('%1') "
                                                           "WHERE key = 1 ORDER BY seqno").arg(name)).join(QLatin1Char(','));
            }
            dump << table + QStringLiteral(" fks:") + queryRows(db, QStringLiteral("SELECT \"table\", \"from\", \"to\", on_delete "
                                                                                    "FROM pragma_foreign_key_list('%1')").arg(table)).join(QLatin1Char(';'));
        } else {
            dump << table + QStringLiteral(" columns:") + queryRows(db, QStringLiteral(
                        "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = '%1' ORDER BY ordinal_position").arg(table)).join(QLatin1Char(';'));
            // One line per index, as for SQLite, so that single indexes can be told apart.
            const QStringList indexes = queryRows(db, QStringLiteral(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = '%1' ORDER BY indexname").arg(table));
            for (const QString &index : indexes)
                dump << table + QStringLiteral(" index:") + index;
            dump << table + QStringLiteral(" constraints:") + queryRows(db, QStringLiteral(
                        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '%1'::regclass "
                        "ORDER BY conname").arg(table)).join(QLatin1Char(';'));
        }
    }
    return dump;
}

// The schema dump's line for an index is "<table> index:<name>|..." in both dialects.
inline QString indexNameOfDumpLine(const QString &line)
{
    const qsizetype marker = line.indexOf(QLatin1String(" index:"));
    return marker < 0 ? QString() : line.mid(marker + 7).section(QLatin1Char('|'), 0, 0);
}

inline QStringList allTables(QSqlDatabase db, models::Dialect dialect)
{
    return dialect == models::Dialect::Sqlite
        ? queryRows(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        : queryRows(db, QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"));
}

// A plain QSqlDatabase connection to a store URL, bypassing Database::open (so no migration runs):
// for building old schemas and for looking at a database the way another program would.
class RawConnection
{
public:
    RawConnection(const QString &url, const QString &name)
        : m_name(name)
    {
        const models::StoreResult<models::DatabaseLocation> location = models::parseDatabaseLocation(url);
        if (!location) {
            m_error = location.errorMessage();
            return;
        }
        m_dialect = location->dialect;
        QSqlDatabase db = QSqlDatabase::addDatabase(
            m_dialect == models::Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), m_name);
        if (m_dialect == models::Dialect::Sqlite) {
            db.setDatabaseName(location->sqlitePath);
        } else {
            db.setHostName(location->host);
            db.setPort(location->port);
            db.setUserName(location->user);
            db.setDatabaseName(location->databaseName);
        }
        if (!db.open())
            m_error = db.lastError().text();
    }
    ~RawConnection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool isOpen() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    models::Dialect dialect() const { return m_dialect; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    QString m_error;
    models::Dialect m_dialect = models::Dialect::Sqlite;
};

} // namespace workbench::test

// Declares `store` (FreshStore) for the current row's dialect, skipping/failing PG rows without a server.
#define WORKBENCH_FRESH_STORE(dialect, store)                                                       \
    QString freshStoreError_##store;                                                                       \
    workbench::test::FreshStore store = workbench::test::freshStoreLocation(dialect, &freshStoreError_##store); \
    if (store.url.isEmpty()) {                                                                      \
        const QByteArray why = "PostgreSQL fixture unavailable: " + freshStoreError_##store.toUtf8();      \
        if (workbench::test::postgresRequired())                                                    \
            QFAIL(why.constData());                                                                 \
        QSKIP(why.constData());                                                                     \
    }

// Declares `store` as WORKBENCH_FRESH_STORE does and `db` (std::unique_ptr<Database>), the store opened
// and migrated; fails the test when it cannot be opened.
#define WORKBENCH_OPEN_FRESH_STORE(dialect, store, db)                                                       \
    WORKBENCH_FRESH_STORE(dialect, store)                                                                    \
    QString openError_##db;                                                                                  \
    std::unique_ptr<workbench::models::Database> db =                                                        \
        workbench::test::openOrNull(store.url, &openError_##db);                                             \
    QVERIFY2(db, qPrintable(openError_##db));
