#include "models/migrations.h"

#include "models/executiontypes.h"
#include "models/modelslog.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace workbench::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::models", text);
}

struct Migration
{
    int version;
    const char *description;
    QStringList sqlite;
    QStringList postgres;
};

// CCDash's execution tables, exactly as CCDash's migrations create them (columns, types, defaults,
// index names). Do not edit: a CCDash server must be able to read what this app writes.
const QStringList ccdashSqlite = {
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS execution_runs (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL,
    feature_id            TEXT DEFAULT '',
    provider              TEXT NOT NULL DEFAULT 'local',
    source_command        TEXT NOT NULL,
    normalized_command    TEXT NOT NULL,
    cwd                   TEXT NOT NULL,
    env_profile           TEXT NOT NULL DEFAULT 'default',
    recommendation_rule_id TEXT DEFAULT '',
    risk_level            TEXT NOT NULL DEFAULT 'medium',
    policy_verdict        TEXT NOT NULL DEFAULT 'allow',
    requires_approval     INTEGER NOT NULL DEFAULT 0,
    approved_by           TEXT DEFAULT '',
    approved_at           TEXT DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'queued',
    exit_code             INTEGER,
    started_at            TEXT DEFAULT '',
    ended_at              TEXT DEFAULT '',
    retry_of_run_id       TEXT DEFAULT '',
    metadata_json         TEXT DEFAULT '{}',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
))"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_runs_project_feature_created\n"
                   "    ON execution_runs(project_id, feature_id, created_at DESC)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_runs_project_status_updated\n"
                   "    ON execution_runs(project_id, status, updated_at DESC)"),
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS execution_run_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id        TEXT NOT NULL REFERENCES execution_runs(id) ON DELETE CASCADE,
    sequence_no   INTEGER NOT NULL,
    stream        TEXT NOT NULL DEFAULT 'system',
    event_type    TEXT NOT NULL DEFAULT 'status',
    payload_text  TEXT DEFAULT '',
    payload_json  TEXT DEFAULT '{}',
    occurred_at   TEXT NOT NULL
))"),
    QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS idx_execution_run_events_seq\n"
                   "    ON execution_run_events(run_id, sequence_no)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_run_events_lookup\n"
                   "    ON execution_run_events(run_id, sequence_no)"),
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS execution_approvals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id        TEXT NOT NULL REFERENCES execution_runs(id) ON DELETE CASCADE,
    decision      TEXT NOT NULL DEFAULT 'pending',
    reason        TEXT DEFAULT '',
    requested_at  TEXT NOT NULL,
    resolved_at   TEXT DEFAULT '',
    requested_by  TEXT DEFAULT '',
    resolved_by   TEXT DEFAULT ''
))"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_approvals_run\n"
                   "    ON execution_approvals(run_id, requested_at DESC)"),
};

// PostgreSQL differs only where CCDash's Postgres migrations differ: JSONB, BIGSERIAL, two GIN indexes.
const QStringList ccdashPostgres = {
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS execution_runs (
    id                    TEXT PRIMARY KEY,
    project_id            TEXT NOT NULL,
    feature_id            TEXT DEFAULT '',
    provider              TEXT NOT NULL DEFAULT 'local',
    source_command        TEXT NOT NULL,
    normalized_command    TEXT NOT NULL,
    cwd                   TEXT NOT NULL,
    env_profile           TEXT NOT NULL DEFAULT 'default',
    recommendation_rule_id TEXT DEFAULT '',
    risk_level            TEXT NOT NULL DEFAULT 'medium',
    policy_verdict        TEXT NOT NULL DEFAULT 'allow',
    requires_approval     INTEGER NOT NULL DEFAULT 0,
    approved_by           TEXT DEFAULT '',
    approved_at           TEXT DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'queued',
    exit_code             INTEGER,
    started_at            TEXT DEFAULT '',
    ended_at              TEXT DEFAULT '',
    retry_of_run_id       TEXT DEFAULT '',
    metadata_json         JSONB DEFAULT '{}'::jsonb,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
))"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_runs_project_feature_created\n"
                   "    ON execution_runs(project_id, feature_id, created_at DESC)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_runs_project_status_updated\n"
                   "    ON execution_runs(project_id, status, updated_at DESC)"),
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS execution_run_events (
    id            BIGSERIAL PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES execution_runs(id) ON DELETE CASCADE,
    sequence_no   INTEGER NOT NULL,
    stream        TEXT NOT NULL DEFAULT 'system',
    event_type    TEXT NOT NULL DEFAULT 'status',
    payload_text  TEXT DEFAULT '',
    payload_json  JSONB DEFAULT '{}'::jsonb,
    occurred_at   TEXT NOT NULL
))"),
    QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS idx_execution_run_events_seq\n"
                   "    ON execution_run_events(run_id, sequence_no)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_run_events_lookup\n"
                   "    ON execution_run_events(run_id, sequence_no)"),
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS execution_approvals (
    id            BIGSERIAL PRIMARY KEY,
    run_id        TEXT NOT NULL REFERENCES execution_runs(id) ON DELETE CASCADE,
    decision      TEXT NOT NULL DEFAULT 'pending',
    reason        TEXT DEFAULT '',
    requested_at  TEXT NOT NULL,
    resolved_at   TEXT DEFAULT '',
    requested_by  TEXT DEFAULT '',
    resolved_by   TEXT DEFAULT ''
))"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_approvals_run\n"
                   "    ON execution_approvals(run_id, requested_at DESC)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_runs_metadata_json ON execution_runs USING GIN (metadata_json)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_execution_run_events_payload_json ON execution_run_events USING GIN (payload_json)"),
};

// Our own tables: process ownership for startup recovery, and the CCDash client's response cache.
const QStringList workbenchTables = {
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS workbench_run_owners (
    run_id        TEXT PRIMARY KEY REFERENCES execution_runs(id) ON DELETE CASCADE,
    host          TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    instance_id   TEXT NOT NULL,
    process_group INTEGER,
    started_at    TEXT NOT NULL
))"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS idx_workbench_run_owners_host ON workbench_run_owners(host)"),
    QStringLiteral(R"(CREATE TABLE IF NOT EXISTS workbench_ccdash_cache (
    cache_key   TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    fetched_at  TEXT NOT NULL
))"),
};

// Remembered approvals: "always allow this exact command in this workspace" (revocable, expiring).
QStringList rememberedApprovals(const QString &idColumn)
{
    return {
        QStringLiteral(R"(CREATE TABLE IF NOT EXISTS workbench_remembered_approvals (
    id                 %1,
    workspace          TEXT NOT NULL,
    normalized_command TEXT NOT NULL,
    env_profile        TEXT NOT NULL DEFAULT 'default',
    policy_version     TEXT NOT NULL DEFAULT '',
    reason             TEXT DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT DEFAULT '',
    expires_at         TEXT NOT NULL,
    revoked_at         TEXT DEFAULT '',
    revoked_by         TEXT DEFAULT '',
    source_run_id      TEXT DEFAULT ''
))").arg(idColumn),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_workbench_remembered_approvals_command "
                       "ON workbench_remembered_approvals(workspace, normalized_command)"),
    };
}

// History lists, newest first, without CCDash's leading project_id: all runs, or one status, feature
// or project. CCDash's own indexes all start with project_id, so "newest first over everything"
// read and sorted every run (900 ms at 100k runs). The id tie-break matches the ORDER BY, so a page
// and its keyset continuation come straight out of the index with no sort. Same DDL in both dialects.
const QStringList runHistoryIndexes = {
    QStringLiteral("CREATE INDEX IF NOT EXISTS workbench_idx_runs_created "
                   "ON execution_runs(created_at DESC, id DESC)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS workbench_idx_runs_status_created "
                   "ON execution_runs(status, created_at DESC, id DESC)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS workbench_idx_runs_feature_created "
                   "ON execution_runs(feature_id, created_at DESC, id DESC)"),
    QStringLiteral("CREATE INDEX IF NOT EXISTS workbench_idx_runs_project_created "
                   "ON execution_runs(project_id, created_at DESC, id DESC)"),
};

// The tamper-evident audit chain (models/auditchain.h). No foreign key to execution_runs on
// purpose: deleting a run must leave its chain behind as evidence.
QStringList auditChain(const QString &idColumn)
{
    return {
        QStringLiteral(R"(CREATE TABLE IF NOT EXISTS workbench_audit_chain (
    id                %1,
    run_id            TEXT NOT NULL,
    position          INTEGER NOT NULL,
    record_kind       TEXT NOT NULL,
    record_key        TEXT NOT NULL,
    content_hash      TEXT NOT NULL,
    previous_hash     TEXT NOT NULL,
    entry_hash        TEXT NOT NULL,
    database_position INTEGER,
    seal_key_id       TEXT NOT NULL DEFAULT '',
    seal              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL
))").arg(idColumn),
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS idx_workbench_audit_chain_run_position "
                       "ON workbench_audit_chain(run_id, position)"),
        // Partial: only a run's first entry has a database position, so events add nothing here.
        QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS idx_workbench_audit_chain_database_position "
                       "ON workbench_audit_chain(database_position) WHERE database_position IS NOT NULL"),
    };
}

// Team store (PostgreSQL only): every committed change to a run or its events is announced on
// the channel workbench_run_changes, so other desktops see it at once (LISTEN/NOTIFY). Triggers,
// not our own NOTIFY statements, so CCDash's writes and older workbench versions announce too.
// The payload stays small (PostgreSQL caps it at 8000 bytes): kind, project, run, status or the
// newest sequence. NOTIFY is transactional: a rolled-back write announces nothing. Events notify
// once per statement and run (a batch is one multi-row INSERT), not once per row.
const QStringList runChangeNotifications = {
    QStringLiteral(R"(CREATE OR REPLACE FUNCTION workbench_notify_run_change() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    PERFORM pg_notify('workbench_run_changes',
                      json_build_object('k', 'run', 'p', NEW.project_id, 'r', NEW.id, 'st', NEW.status)::text);
    RETURN NULL;
END
$body$)"),
    QStringLiteral("DROP TRIGGER IF EXISTS workbench_notify_run_change ON execution_runs"),
    QStringLiteral("CREATE TRIGGER workbench_notify_run_change AFTER INSERT OR UPDATE ON execution_runs "
                   "FOR EACH ROW EXECUTE FUNCTION workbench_notify_run_change()"),
    QStringLiteral(R"(CREATE OR REPLACE FUNCTION workbench_notify_run_events() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    changed record;
BEGIN
    FOR changed IN
        SELECT inserted.run_id, MAX(inserted.sequence_no) AS last_sequence,
               COALESCE(MAX(runs.project_id), '') AS project_id
        FROM workbench_inserted_events AS inserted
        LEFT JOIN execution_runs AS runs ON runs.id = inserted.run_id
        GROUP BY inserted.run_id
    LOOP
        PERFORM pg_notify('workbench_run_changes',
                          json_build_object('k', 'events', 'p', changed.project_id, 'r', changed.run_id,
                                            's', changed.last_sequence)::text);
    END LOOP;
    RETURN NULL;
END
$body$)"),
    QStringLiteral("DROP TRIGGER IF EXISTS workbench_notify_run_events ON execution_run_events"),
    QStringLiteral("CREATE TRIGGER workbench_notify_run_events AFTER INSERT ON execution_run_events "
                   "REFERENCING NEW TABLE AS workbench_inserted_events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION workbench_notify_run_events()"),
};

const QList<Migration> &migrations()
{
    static const QList<Migration> all = {
        {1, "CCDash execution tables", ccdashSqlite, ccdashPostgres},
        {2, "workbench run owners and CCDash cache", workbenchTables, workbenchTables},
        {3, "workbench remembered approvals", rememberedApprovals(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
         rememberedApprovals(QStringLiteral("BIGSERIAL PRIMARY KEY"))},
        {4, "workbench audit chain", auditChain(QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")),
         auditChain(QStringLiteral("BIGSERIAL PRIMARY KEY"))},
        {5, "workbench run history indexes", runHistoryIndexes, runHistoryIndexes},
        {6, "workbench run change notifications", {}, runChangeNotifications},
    };
    return all;
}

// Guards concurrent migrations from several desktops sharing one PostgreSQL database.
constexpr qint64 postgresMigrationLockKey = 0x57424d4947; // "WBMIG"

StoreError queryError(const QSqlQuery &query, const QString &what)
{
    return StoreError{StoreError::Kind::Query,
                      tr("%1 failed: %2").arg(what, query.lastError().text().trimmed())};
}

StoreResult<bool> migrationsTableExists(QSqlDatabase &connection, Dialect dialect)
{
    QSqlQuery query(connection);
    const bool ok = dialect == Dialect::Sqlite
        ? query.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                    "AND name = 'workbench_schema_migrations'"))
        : query.exec(QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                                    "current_schema() AND table_name = 'workbench_schema_migrations'"));
    if (!ok || !query.next())
        return queryError(query, tr("Reading the schema"));
    return query.value(0).toInt() > 0;
}

StoreError tooNew(int found)
{
    return StoreError{StoreError::Kind::SchemaTooNew,
                      tr("The database schema is version %1, newer than this version of CCDash Workbench knows "
                         "(%2). Nothing was changed; update CCDash Workbench to use this database.")
                          .arg(found)
                          .arg(latestSchemaVersion())};
}

bool execAll(QSqlQuery &query, const QStringList &statements, QString *failed)
{
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            *failed = statement.section(QLatin1Char('\n'), 0, 0);
            return false;
        }
    }
    return true;
}

} // namespace

int latestSchemaVersion()
{
    return migrations().constLast().version;
}

StoreResult<int> readSchemaVersion(QSqlDatabase &connection, Dialect dialect)
{
    const StoreResult<bool> exists = migrationsTableExists(connection, dialect);
    if (!exists)
        return exists.error();
    if (!*exists)
        return 0;
    QSqlQuery query(connection);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM workbench_schema_migrations")) || !query.next())
        return queryError(query, tr("Reading the schema version"));
    return query.value(0).toInt();
}

StoreResult<int> migrateSchema(QSqlDatabase &connection, Dialect dialect, int targetVersion)
{
    targetVersion = std::min(targetVersion, latestSchemaVersion());
    // Fast path, read-only: nothing to do (the common case for every start after the first).
    const StoreResult<int> current = readSchemaVersion(connection, dialect);
    if (!current)
        return current.error();
    if (*current > latestSchemaVersion())
        return tooNew(*current);
    if (*current >= targetVersion)
        return *current;

    QSqlQuery query(connection);
    const bool began = dialect == Dialect::Sqlite ? query.exec(QStringLiteral("BEGIN IMMEDIATE"))
                                                  : connection.transaction();
    if (!began)
        return queryError(query, tr("Starting the schema migration"));
    auto rollback = [&](StoreError error) -> StoreResult<int> {
        if (dialect == Dialect::Sqlite)
            QSqlQuery(connection).exec(QStringLiteral("ROLLBACK"));
        else
            connection.rollback();
        qCWarning(lcStore) << "schema migration rolled back:" << error.message;
        return error;
    };

    if (dialect == Dialect::Postgres) {
        query.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
        query.addBindValue(postgresMigrationLockKey);
        if (!query.exec())
            return rollback(queryError(query, tr("Locking the schema for migration")));
    }
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS workbench_schema_migrations (\n"
                                   "    version     INTEGER PRIMARY KEY,\n"
                                   "    description TEXT NOT NULL DEFAULT '',\n"
                                   "    applied_at  TEXT NOT NULL\n)")))
        return rollback(queryError(query, tr("Creating the migrations table")));

    // Another process may have migrated while we waited for the lock: read again inside it.
    const StoreResult<int> locked = readSchemaVersion(connection, dialect);
    if (!locked)
        return rollback(locked.error());
    if (*locked > latestSchemaVersion())
        return rollback(tooNew(*locked));

    int version = *locked;
    for (const Migration &migration : migrations()) {
        if (migration.version <= version || migration.version > targetVersion)
            continue;
        QString failedStatement;
        if (!execAll(query, dialect == Dialect::Sqlite ? migration.sqlite : migration.postgres, &failedStatement))
            return rollback(queryError(query, tr("Migration %1 (%2)").arg(migration.version).arg(failedStatement)));
        QSqlQuery record(connection);
        record.prepare(QStringLiteral("INSERT INTO workbench_schema_migrations (version, description, applied_at) "
                                      "VALUES (?, ?, ?)"));
        record.addBindValue(migration.version);
        record.addBindValue(QString::fromLatin1(migration.description));
        record.addBindValue(isoTimestampNow());
        if (!record.exec())
            return rollback(queryError(record, tr("Recording migration %1").arg(migration.version)));
        qCInfo(lcStore) << "applied schema migration" << migration.version << migration.description;
        version = migration.version;
    }

    const bool committed = dialect == Dialect::Sqlite ? query.exec(QStringLiteral("COMMIT")) : connection.commit();
    if (!committed)
        return rollback(queryError(query, tr("Committing the schema migration")));
    return version;
}

} // namespace workbench::models
