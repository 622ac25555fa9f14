#include "ui/runhistoryview.h"

#include "models/runhistorymodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace workbench::ui {

using models::RunHistoryModel;
using models::RunStatus;

namespace {
// Typing in a filter field re-queries the store; wait for a pause in typing first.
constexpr int filterDelayMs = 250;
}

RunHistoryView::RunHistoryView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("runHistoryView"));

    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("runHistoryStatusFilter"));
    m_statusFilter->setAccessibleName(tr("Status filter"));
    m_statusFilter->addItem(tr("All statuses"), -1);
    for (RunStatus status : {RunStatus::Queued, RunStatus::Running, RunStatus::Succeeded, RunStatus::Failed,
                             RunStatus::Canceled, RunStatus::Blocked})
        m_statusFilter->addItem(models::toString(status), int(status));

    m_featureFilter = new QLineEdit(this);
    m_featureFilter->setObjectName(QStringLiteral("runHistoryFeatureFilter"));
    m_featureFilter->setAccessibleName(tr("Feature filter"));
    m_featureFilter->setPlaceholderText(tr("Feature id"));
    m_featureFilter->setClearButtonEnabled(true);

    m_textFilter = new QLineEdit(this);
    m_textFilter->setObjectName(QStringLiteral("runHistoryTextFilter"));
    m_textFilter->setAccessibleName(tr("Search runs"));
    m_textFilter->setPlaceholderText(tr("Search command, feature, rule or run id"));
    m_textFilter->setClearButtonEnabled(true);

    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(filterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &RunHistoryView::applyFilter);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &RunHistoryView::applyFilter);
    connect(m_featureFilter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_textFilter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("runHistoryTable"));
    m_table->setAccessibleName(tr("Run history"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row height: no per-row measuring, so long histories scroll smoothly.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT runActivated(index.data(RunHistoryModel::RunIdRole).toString());
    });

    m_emptyState = new QLabel(this);
    m_emptyState->setObjectName(QStringLiteral("runHistoryEmptyState"));
    m_emptyState->setTextFormat(Qt::PlainText); // may quote the store's error text
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setWordWrap(true);
    m_emptyState->setForegroundRole(QPalette::PlaceholderText);
    m_emptyState->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_emptyState);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_statusFilter);
    filters->addWidget(m_featureFilter, 1);
    filters->addWidget(m_textFilter, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_stack, 1);
}

void RunHistoryView::setModel(RunHistoryModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_table->setModel(model);
    if (!model) {
        updateEmptyState();
        return;
    }
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(RunHistoryModel::CommandColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(RunHistoryModel::StatusColumn, 90);
    m_table->setColumnWidth(RunHistoryModel::FeatureColumn, 140);
    m_table->setColumnWidth(RunHistoryModel::RiskColumn, 70);
    m_table->setColumnWidth(RunHistoryModel::StartedColumn, 150);
    m_table->setColumnWidth(RunHistoryModel::DurationColumn, 90);
    m_table->setColumnWidth(RunHistoryModel::ExitCodeColumn, 70);

    connect(model, &RunHistoryModel::pageLoaded, this, &RunHistoryView::updateEmptyState);
    connect(model, &RunHistoryModel::errorOccurred, this, &RunHistoryView::updateEmptyState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &RunHistoryView::updateEmptyState);
    connect(model, &RunHistoryModel::reloaded, this, [this] {
        // A reset (new filter) leaves the model empty until asked: ask now, not on the next paint.
        if (m_model && m_model->canFetchMore())
            m_model->fetchMore();
        updateEmptyState();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { Q_EMIT currentRunChanged(current.data(RunHistoryModel::RunIdRole).toString()); });
    if (model->canFetchMore())
        model->fetchMore();
    updateEmptyState();
}

QString RunHistoryView::currentRunId() const
{
    return m_table->currentIndex().data(RunHistoryModel::RunIdRole).toString();
}

QString RunHistoryView::emptyStateText() const
{
    return m_stack->currentWidget() == m_emptyState ? m_emptyState->text() : QString();
}

void RunHistoryView::setFeatureFilter(const QString &featureId)
{
    m_featureFilter->setText(featureId);
    applyFilter();
}

void RunHistoryView::applyFilter()
{
    m_filterDelay->stop();
    if (!m_model)
        return;
    RunHistoryModel::Filter filter = m_model->filter();
    const int status = m_statusFilter->currentData().toInt();
    filter.statuses = status < 0 ? QList<RunStatus>{} : QList<RunStatus>{RunStatus(status)};
    filter.featureId = m_featureFilter->text().trimmed();
    filter.text = m_textFilter->text().trimmed();
    m_model->setFilter(filter);
}

void RunHistoryView::updateEmptyState()
{
    QString message;
    if (!m_model) {
        message = tr("No run history is open.");
    } else if (!m_model->lastError().isEmpty()) {
        message = tr("The run history could not be read:\n%1").arg(m_model->lastError());
    } else if (m_model->isEmptyResult()) {
        const RunHistoryModel::Filter filter = m_model->filter();
        const bool filtered = !filter.statuses.isEmpty() || !filter.featureId.isEmpty() || !filter.text.isEmpty();
        message = filtered ? tr("No runs match these filters.")
                           : tr("No runs yet. Runs you start from a CCDash recommendation or a typed command "
                                "are recorded here, with their output, approvals and exit codes.");
    }
    m_emptyState->setText(message);
    m_stack->setCurrentWidget(message.isEmpty() ? static_cast<QWidget *>(m_table) : m_emptyState);
}

} // namespace workbench::ui
