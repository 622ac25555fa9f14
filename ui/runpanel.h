#pragma once
// The selected run: command, status / verdict / risk chips, working directory, started / ended,
// an elapsed time that ticks while it runs, the exit code or signal; and the actions that fit its
// status (Review approval, Cancel, Retry, Copy output, Export when an exporter exists).
#include "app/audit/auditverifier.h"
#include "models/executiontypes.h"

#include <QDateTime>
#include <QWidget>
#include <functional>
#include <optional>

class QAction;
class QLabel;
class QTimer;
class QToolButton;

namespace workbench::ui {

class StatusChip;

class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(QWidget *parent = nullptr);

    // `approvalPending`: whether the store holds an undecided approval for the run (a denied
    // run stays blocked with no pending approval). nullopt: inferred from the run alone.
    void setRun(const models::ExecutionRun &run, std::optional<bool> approvalPending = std::nullopt);
    void clear();
    std::optional<models::ExecutionRun> run() const { return m_run; }
    QString runId() const { return m_run ? m_run->id : QString(); }

    // The shown run's audit-chain state (app::AuditVerifier); hidden until set for this run, and
    // cleared whenever another run is shown.
    void setAuditState(const QString &runId, const app::AuditState &state);
    StatusChip *auditChip() const { return m_auditChip; }

    // Without an export service the Export action is left out (hidden, not just disabled).
    void setExportAvailable(bool available);
    // The clock the elapsed time is measured with (tests set a fake one).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); updateTimes(); }

    QAction *cancelAction() const { return m_cancelAction; }
    QAction *retryAction() const { return m_retryAction; }
    QAction *reviewApprovalAction() const { return m_reviewAction; }
    QAction *copyOutputAction() const { return m_copyAction; }
    QAction *exportAction() const { return m_exportAction; }

    QString elapsedText() const;
    bool isTicking() const; // the elapsed time is being updated every second
    QString exitText() const;
    QString statusText() const;
    QLabel *commandLabel() const { return m_command; }

    // "4 s", "2 min 05 s", "1 h 02 min".
    static QString formatElapsed(qint64 milliseconds);
    // "exit code 0", "killed by signal 15 (SIGTERM)", "" while running.
    static QString describeExit(const models::ExecutionRun &run);

Q_SIGNALS:
    void cancelRequested(const QString &runId);
    // acknowledgedFailure: the user confirmed retrying a failed run.
    void retryRequested(const QString &runId, bool acknowledgedFailure);
    void reviewApprovalRequested(const QString &runId);
    void copyOutputRequested(const QString &runId);
    void exportRequested(const QString &runId);

private:
    void updateActions();
    void updateTimes();
    void requestRetry();

    std::optional<models::ExecutionRun> m_run;
    std::optional<bool> m_approvalPending;
    std::function<QDateTime()> m_clock;
    bool m_exportAvailable = false;

    QLabel *m_placeholder;
    QWidget *m_details;
    QLabel *m_command;
    StatusChip *m_statusChip;
    StatusChip *m_verdictChip;
    StatusChip *m_riskChip;
    StatusChip *m_auditChip;
    QLabel *m_cwd;
    QLabel *m_started;
    QLabel *m_ended;
    QLabel *m_elapsed;
    QLabel *m_exit;
    QLabel *m_rule;
    QTimer *m_ticker;

    QAction *m_reviewAction;
    QAction *m_cancelAction;
    QAction *m_retryAction;
    QAction *m_copyAction;
    QAction *m_exportAction;
    QToolButton *m_exportButton;
};

} // namespace workbench::ui
