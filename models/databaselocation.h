#pragma once
// Where the store lives, parsed from one setting: the --database option, CCDASH_WORKBENCH_DATABASE,
// or the default SQLite file. Accepted forms:
//   /path/to/file.db  or  sqlite:///path/to/file.db          SQLite
//   postgresql://user@host:port/dbname[?sslmode=...]          PostgreSQL (QPSQL)
// Passwords come from PGPASSWORD or ~/.pgpass (libpq reads both); a password written in the URL is
// used for that connection only and never shown or stored.
#include "models/storeresult.h"

#include <QProcessEnvironment>
#include <QString>

namespace workbench::models {

enum class Dialect { Sqlite, Postgres };

struct DatabaseLocation
{
    Dialect dialect = Dialect::Sqlite;
    QString sqlitePath;        // absolute path (SQLite)
    QString host;              // PostgreSQL
    int port = 5432;
    QString user;
    QString password;          // only when the URL carried one; never displayed
    QString databaseName;
    QString connectOptions;    // "key=value;..." for QPSQL (sslmode, connect_timeout, ...)
    bool isDefaultLocation = false;

    // For messages: the path, or postgresql://user@host:port/db without the password.
    QString displayName() const;
};

inline constexpr const char *DatabaseEnvironmentVariable = "CCDASH_WORKBENCH_DATABASE";

// The default SQLite file: <AppDataLocation>/workbench.db.
QString defaultDatabasePath();

// Parses a setting value (file path, sqlite:// or postgresql:// URL).
StoreResult<DatabaseLocation> parseDatabaseLocation(const QString &setting);

// The --database value if given, else CCDASH_WORKBENCH_DATABASE, else the default file.
StoreResult<DatabaseLocation> resolveDatabaseLocation(const QString &option,
                                                      const QProcessEnvironment &environment
                                                      = QProcessEnvironment::systemEnvironment());

} // namespace workbench::models
