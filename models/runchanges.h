#pragma once
// What the team store's watchers read: PostgreSQL announces every committed run change and event
// batch on one channel (migration 6's triggers); every dialect can also be polled by updated_at
// and by sequence. Pure store access, no timers or threads (app::RunChangeWatcher drives it).
#include "models/database.h"
#include "models/storeresult.h"

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace workbench::models {

// The LISTEN/NOTIFY channel migration 6's triggers notify on.
inline QString runChangeChannel()
{
    return QStringLiteral("workbench_run_changes");
}

// One notification: {"k":"run","p":project,"r":run,"st":status} or {"k":"events","p":..,"r":..,"s":seq}.
struct RunChangeNotice
{
    enum class Kind { Run, Events } kind = Kind::Run;
    QString projectId;
    QString runId;
    QString status;        // Run only
    qint64 lastSequence = 0; // Events only
};
// Null for a payload that is not ours (anyone may NOTIFY on a channel): ignored, never trusted further
// than "something may have changed": the watcher reads the store before it reports anything.
std::optional<RunChangeNotice> parseRunChangeNotice(const QString &payload);

// A run's identity for change detection.
struct RunStamp
{
    QString runId;
    QString projectId;
    QString status;
    QString updatedAt;
    bool operator==(const RunStamp &other) const = default;
};

class RunChangeQueries
{
public:
    explicit RunChangeQueries(Database &database) : m_database(database) {}

    // Runs of `projectId` ("" = every project) with updated_at >= `since` ("" = all), oldest change first.
    StoreResult<QList<RunStamp>> runsUpdatedSince(const QString &projectId, const QString &since, int limit) const;
    // Runs of `projectId` that are still queued or running.
    StoreResult<QList<RunStamp>> activeRuns(const QString &projectId) const;
    StoreResult<std::optional<RunStamp>> runStamp(const QString &runId) const;
    // The newest updated_at of `projectId`'s runs ("" when there are none).
    StoreResult<QString> newestUpdate(const QString &projectId) const;
    // Highest stored sequence per run (runs without events are left out).
    StoreResult<QHash<QString, qint64>> lastSequences(const QStringList &runIds) const;

private:
    Database &m_database;
};

} // namespace workbench::models
