#pragma once
// The run history as a table, newest first, read from the store a page at a time
// (canFetchMore/fetchMore with keyset paging), so 100k runs cost one page of memory and one
// indexed-or-top-N query per page, never a full load.
#include "models/executionrepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace workbench::models {

class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { StatusColumn, CommandColumn, FeatureColumn, RiskColumn, StartedColumn, DurationColumn, ExitCodeColumn,
                  ColumnCount };
    enum Role {
        RunIdRole = Qt::UserRole + 1, // QString
        RunRole,                      // ExecutionRun
        StatusRole,                   // RunStatus as int
    };
    static constexpr int PageSize = 200;

    struct Filter
    {
        QString projectId;
        QString featureId;
        QList<RunStatus> statuses;
        QString text;
        friend bool operator==(const Filter &, const Filter &) = default;
    };

    // The repository must outlive the model and live on the model's thread.
    explicit RunHistoryModel(ExecutionRepository *repository, QObject *parent = nullptr);

    Filter filter() const { return m_filter; }
    // Changes the filter: the model resets and is empty until the next fetchMore().
    void setFilter(const Filter &filter);
    // Drops the loaded rows (after a bulk change); the view fetches them again.
    void reload();
    // Re-reads one loaded run (its status changed) and announces the change.
    void refreshRun(const QString &runId);
    // Inserts runs created since the newest loaded row at the top (reloads when there are many).
    void fetchNewer();

    ExecutionRun runAt(int row) const { return m_runs.value(row); }
    int rowOfRun(const QString &runId) const { return m_rowById.value(runId, -1); }
    // True once everything matching the filter is loaded and nothing matched.
    bool isEmptyResult() const { return m_exhausted && m_runs.isEmpty(); }
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // "850 ms", "12.4 s", "3 min 05 s", "2 h 07 min"; empty for a run that never started.
    static QString formatDuration(qint64 milliseconds);

Q_SIGNALS:
    // A page (or the first, empty, answer) arrived: views update their empty state on this.
    void pageLoaded();
    // Emitted after a reset (filter change, reload) is complete: fetchMore() works again.
    void reloaded();
    void errorOccurred(const QString &message);

private:
    RunQuery baseQuery() const;
    void reportError(const QString &message);
    void rebuildIndex(int fromRow);

    ExecutionRepository *m_repository;
    Filter m_filter;
    QList<ExecutionRun> m_runs;
    QHash<QString, int> m_rowById;
    bool m_exhausted = false;
    bool m_resetting = false;
    QString m_lastError;
};

} // namespace workbench::models
