#include "models/runhistorymodel.h"

#include "models/modelslog.h"

#include <QDateTime>
#include <QLocale>

namespace workbench::models {

RunHistoryModel::RunHistoryModel(ExecutionRepository *repository, QObject *parent)
    : QAbstractTableModel(parent)
    , m_repository(repository)
{
}

void RunHistoryModel::setFilter(const Filter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

void RunHistoryModel::reload()
{
    // Views (and QAbstractItemModelTester) may ask for more from inside modelReset: answer "not
    // yet" until the reset is complete, so no rows are inserted in the middle of it.
    m_resetting = true;
    beginResetModel();
    m_runs.clear();
    m_rowById.clear();
    m_exhausted = false;
    m_lastError.clear();
    endResetModel();
    m_resetting = false;
    Q_EMIT reloaded();
}

RunQuery RunHistoryModel::baseQuery() const
{
    RunQuery query;
    query.projectId = m_filter.projectId;
    query.featureId = m_filter.featureId;
    query.statuses = m_filter.statuses;
    query.text = m_filter.text;
    query.limit = PageSize;
    return query;
}

void RunHistoryModel::reportError(const QString &message)
{
    m_lastError = message;
    qCWarning(lcStore).noquote() << "run history:" << message;
    Q_EMIT errorOccurred(message);
}

void RunHistoryModel::rebuildIndex(int fromRow)
{
    for (int row = fromRow; row < m_runs.size(); ++row)
        m_rowById.insert(m_runs.at(row).id, row);
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool RunHistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_resetting;
}

void RunHistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    RunQuery query = baseQuery();
    if (!m_runs.isEmpty()) {
        // Keyset paging: the next page starts right after the last loaded (created_at, id).
        query.beforeCreatedAt = m_runs.constLast().createdAt;
        query.beforeId = m_runs.constLast().id;
    }
    StoreResult<QList<ExecutionRun>> page = m_repository->listRuns(query);
    if (!page) {
        m_exhausted = true; // do not hammer a broken store from every scroll event
        reportError(page.errorMessage());
        Q_EMIT pageLoaded();
        return;
    }
    m_exhausted = page->size() < PageSize;
    if (!page->isEmpty()) {
        const int first = int(m_runs.size());
        beginInsertRows({}, first, first + int(page->size()) - 1);
        m_runs.append(std::move(*page));
        rebuildIndex(first);
        endInsertRows();
    }
    Q_EMIT pageLoaded();
}

void RunHistoryModel::refreshRun(const QString &runId)
{
    const int row = rowOfRun(runId);
    if (row < 0) {
        fetchNewer();
        return;
    }
    const StoreResult<ExecutionRun> run = m_repository->getRun(runId);
    if (!run) {
        reportError(run.errorMessage());
        return;
    }
    m_runs[row] = *run;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunHistoryModel::fetchNewer()
{
    if (m_runs.isEmpty()) {
        if (m_exhausted)
            reload(); // the empty answer may be stale now
        return;
    }
    const StoreResult<QList<ExecutionRun>> page = m_repository->listRuns(baseQuery());
    if (!page) {
        reportError(page.errorMessage());
        return;
    }
    // The newest page starts with whatever is newer than our first row.
    const QString firstCreatedAt = m_runs.constFirst().createdAt;
    const QString firstId = m_runs.constFirst().id;
    QList<ExecutionRun> newer;
    for (const ExecutionRun &run : *page) {
        if (run.id == firstId || run.createdAt < firstCreatedAt || (run.createdAt == firstCreatedAt && run.id < firstId))
            break;
        if (!m_rowById.contains(run.id))
            newer << run;
    }
    if (newer.isEmpty())
        return;
    if (newer.size() == page->size()) { // more than a page arrived: simpler to start again
        reload();
        return;
    }
    beginInsertRows({}, 0, int(newer.size()) - 1);
    m_runs = newer + m_runs;
    m_rowById.clear();
    rebuildIndex(0);
    endInsertRows();
}

QString RunHistoryModel::formatDuration(qint64 milliseconds)
{
    if (milliseconds < 0)
        return {};
    if (milliseconds < 1000)
        return tr("%1 ms").arg(milliseconds);
    if (milliseconds < 60'000)
        return tr("%1 s").arg(QLocale().toString(milliseconds / 1000.0, 'f', 1));
    const qint64 seconds = milliseconds / 1000;
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExecutionRun &run = m_runs.at(index.row());
    switch (role) {
    case RunIdRole:
        return run.id;
    case RunRole:
        return QVariant::fromValue(run);
    case StatusRole:
        return int(run.status);
    case Qt::TextAlignmentRole:
        return index.column() == ExitCodeColumn || index.column() == DurationColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case Qt::ToolTipRole:
        if (index.column() == CommandColumn)
            return run.sourceCommand;
        if (index.column() == StartedColumn)
            return tr("Created %1").arg(run.createdAt);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case StatusColumn:
        return toString(run.status);
    case CommandColumn: {
        QString command = run.sourceCommand;
        return command.replace(QLatin1Char('\n'), QLatin1Char(' '));
    }
    case FeatureColumn:
        return run.featureId;
    case RiskColumn:
        return run.riskLevel;
    case StartedColumn: {
        const QDateTime started = parseIsoTimestamp(run.startedAt);
        return started.isValid() ? QLocale().toString(started.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
    }
    case DurationColumn: {
        const QDateTime started = parseIsoTimestamp(run.startedAt);
        if (!started.isValid())
            return QString();
        const QDateTime ended = parseIsoTimestamp(run.endedAt);
        if (!ended.isValid())
            return run.status == RunStatus::Running ? tr("running") : QString();
        return formatDuration(started.msecsTo(ended));
    }
    case ExitCodeColumn:
        return run.exitCode ? QVariant(*run.exitCode) : QVariant(QString());
    default:
        return {};
    }
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StatusColumn: return tr("Status");
    case CommandColumn: return tr("Command");
    case FeatureColumn: return tr("Feature");
    case RiskColumn: return tr("Risk");
    case StartedColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    case ExitCodeColumn: return tr("Exit code");
    default: return {};
    }
}

} // namespace workbench::models
