#pragma once
// Versioned schema migrations for SQLite and PostgreSQL, recorded in workbench_schema_migrations.
// Version 1 is CCDash's own DDL (CREATE ... IF NOT EXISTS, so a database CCDash created migrates
// as is); later versions only add workbench_* tables, workbench_-prefixed indexes on CCDash's
// tables, or columns with defaults.
#include "models/databaselocation.h"
#include "models/storeresult.h"

#include <QSqlDatabase>

namespace workbench::models {

// The newest schema version this build knows.
int latestSchemaVersion();

// Reads the recorded version (0 when the database has no migrations table) without writing.
StoreResult<int> readSchemaVersion(QSqlDatabase &connection, Dialect dialect);

// Brings the schema to latestSchemaVersion() (or to an older targetVersion: tests build every
// earlier schema this way) in one transaction; refuses (SchemaTooNew) without writing anything when
// the database is newer than this build. Returns the version afterwards.
StoreResult<int> migrateSchema(QSqlDatabase &connection, Dialect dialect, int targetVersion = latestSchemaVersion());

} // namespace workbench::models
