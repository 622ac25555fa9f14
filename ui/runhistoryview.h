#pragma once
// The run history pane: filter bar (status, feature, text) over a QTableView of a
// RunHistoryModel, with an explained empty state instead of a blank table.
#include "models/runhistorymodel.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace workbench::ui {

class RunHistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit RunHistoryView(QWidget *parent = nullptr);

    // The model is not owned; the first page is fetched right away.
    void setModel(models::RunHistoryModel *model);
    models::RunHistoryModel *model() const { return m_model; }

    QTableView *tableView() const { return m_table; }
    // The run on the current row, or "" when none.
    QString currentRunId() const;
    // The text shown instead of the table when there is nothing to list ("" while the table shows).
    QString emptyStateText() const;
    // Shows only this feature's runs ("" = all features), as if typed into the feature filter.
    void setFeatureFilter(const QString &featureId);

Q_SIGNALS:
    void currentRunChanged(const QString &runId);
    void runActivated(const QString &runId); // double-click / Enter

private:
    void applyFilter();
    void updateEmptyState();

    QPointer<models::RunHistoryModel> m_model;
    QComboBox *m_statusFilter = nullptr;
    QLineEdit *m_featureFilter = nullptr;
    QLineEdit *m_textFilter = nullptr;
    QTimer *m_filterDelay = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyState = nullptr;
};

} // namespace workbench::ui
