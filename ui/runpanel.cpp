#include "ui/runpanel.h"

#include "ui/statuschip.h"

#include <QAction>
#include <QDir>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <csignal>
#include <cstring>

namespace workbench::ui {

namespace {

QString signalName(int number)
{
    switch (number) {
    case SIGHUP: return QStringLiteral("SIGHUP");
    case SIGINT: return QStringLiteral("SIGINT");
    case SIGQUIT: return QStringLiteral("SIGQUIT");
    case SIGABRT: return QStringLiteral("SIGABRT");
    case SIGKILL: return QStringLiteral("SIGKILL");
    case SIGSEGV: return QStringLiteral("SIGSEGV");
    case SIGPIPE: return QStringLiteral("SIGPIPE");
    case SIGTERM: return QStringLiteral("SIGTERM");
    default: return QStringLiteral("SIG%1").arg(number);
    }
}

QString formatTimestamp(const QString &iso)
{
    const QDateTime time = models::parseIsoTimestamp(iso);
    if (!time.isValid())
        return QStringLiteral("—");
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAccessibleName(action->text().remove(QLatin1Char('&')));
    return button;
}

} // namespace

RunPanel::RunPanel(QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    setObjectName(QStringLiteral("runPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_placeholder = new QLabel(tr("Select a run to see its status and output, or run a command."), this);
    m_placeholder->setObjectName(QStringLiteral("runPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setWordWrap(true);
    layout->addWidget(m_placeholder);

    m_details = new QWidget(this);
    auto *details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);

    auto *header = new QHBoxLayout;
    m_command = new QLabel(m_details);
    m_command->setObjectName(QStringLiteral("runCommand"));
    m_command->setTextFormat(Qt::PlainText);
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_command->setAccessibleName(tr("Run command"));
    m_statusChip = new StatusChip(m_details);
    m_statusChip->setObjectName(QStringLiteral("statusChip"));
    m_verdictChip = new StatusChip(m_details);
    m_verdictChip->setObjectName(QStringLiteral("verdictChip"));
    m_riskChip = new StatusChip(m_details);
    m_riskChip->setObjectName(QStringLiteral("riskChip"));
    header->addWidget(m_command, 1);
    header->addWidget(m_statusChip);
    header->addWidget(m_verdictChip);
    header->addWidget(m_riskChip);
    m_auditChip = new StatusChip(m_details);
    m_auditChip->setObjectName(QStringLiteral("auditChip"));
    m_auditChip->hide();
    header->addWidget(m_auditChip);
    details->addLayout(header);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    const auto addField = [this, grid](int row, int column, const QString &title, const QString &name) {
        auto *label = new QLabel(title, m_details);
        label->setForegroundRole(QPalette::PlaceholderText);
        auto *value = new QLabel(m_details);
        value->setObjectName(name);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setTextFormat(Qt::PlainText);
        value->setAccessibleName(QString(title).remove(QLatin1Char(':')));
        grid->addWidget(label, row, column * 2);
        grid->addWidget(value, row, column * 2 + 1);
        return value;
    };
    m_cwd = addField(0, 0, tr("Working dir:"), QStringLiteral("runCwd"));
    m_cwd->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_rule = addField(1, 0, tr("Rule:"), QStringLiteral("runRule"));
    m_started = addField(0, 1, tr("Started:"), QStringLiteral("runStarted"));
    m_ended = addField(1, 1, tr("Ended:"), QStringLiteral("runEnded"));
    m_elapsed = addField(0, 2, tr("Elapsed:"), QStringLiteral("runElapsed"));
    m_exit = addField(1, 2, tr("Result:"), QStringLiteral("runExit"));
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(3, 2);
    grid->setColumnStretch(5, 2);
    details->addLayout(grid);

    m_reviewAction = new QAction(QIcon::fromTheme(QStringLiteral("dialog-password")), tr("Review &Approval…"), this);
    m_reviewAction->setObjectName(QStringLiteral("reviewApprovalAction"));
    m_cancelAction = new QAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel Run"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelRunAction"));
    m_retryAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Retry"), this);
    m_retryAction->setObjectName(QStringLiteral("retryRunAction"));
    // The output view copies the selection or all output; this copy says where the output came from.
    m_copyAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy with C&ommand"), this);
    m_copyAction->setObjectName(QStringLiteral("copyOutputAction"));
    m_copyAction->setToolTip(tr("Copy the working directory, the command and all of its output"));
    m_exportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("&Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportRunAction"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(actionButton(m_reviewAction, m_details));
    buttons->addWidget(actionButton(m_cancelAction, m_details));
    buttons->addWidget(actionButton(m_retryAction, m_details));
    buttons->addStretch(1);
    buttons->addWidget(actionButton(m_copyAction, m_details));
    m_exportButton = actionButton(m_exportAction, m_details);
    buttons->addWidget(m_exportButton);
    details->addLayout(buttons);
    layout->addWidget(m_details);

    m_ticker = new QTimer(this);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &RunPanel::updateTimes);

    connect(m_cancelAction, &QAction::triggered, this, [this] {
        if (m_run)
            Q_EMIT cancelRequested(m_run->id);
    });
    connect(m_retryAction, &QAction::triggered, this, &RunPanel::requestRetry);
    connect(m_reviewAction, &QAction::triggered, this, [this] {
        if (m_run)
            Q_EMIT reviewApprovalRequested(m_run->id);
    });
    connect(m_copyAction, &QAction::triggered, this, [this] {
        if (m_run)
            Q_EMIT copyOutputRequested(m_run->id);
    });
    connect(m_exportAction, &QAction::triggered, this, [this] {
        if (m_run)
            Q_EMIT exportRequested(m_run->id);
    });

    setExportAvailable(false);
    clear();
}

void RunPanel::setRun(const models::ExecutionRun &run, std::optional<bool> approvalPending)
{
    if (!m_run || m_run->id != run.id)
        m_auditChip->hide(); // another run's audit state must never show next to this one
    m_run = run;
    m_approvalPending = approvalPending;
    m_placeholder->hide();
    m_details->show();
    m_command->setText(run.sourceCommand);
    m_command->setToolTip(run.sourceCommand);
    m_statusChip->setChip(statusLabel(run.status), toneForStatus(run.status));
    m_verdictChip->setChip(verdictLabel(run.policyVerdict), toneForVerdict(run.policyVerdict));
    m_riskChip->setChip(riskLabel(run.riskLevel), toneForRisk(run.riskLevel));
    m_cwd->setText(QDir::toNativeSeparators(run.cwd));
    m_cwd->setToolTip(m_cwd->text());
    m_rule->setText(run.recommendationRuleId.isEmpty() ? tr("manual") : run.recommendationRuleId);
    // A blocked run never started: say so rather than pass its creation time off as a start.
    m_started->setText(run.startedAt.isEmpty() ? tr("not started (created %1)").arg(formatTimestamp(run.createdAt))
                                               : formatTimestamp(run.startedAt));
    m_ended->setText(formatTimestamp(run.endedAt));
    m_exit->setText(exitText());
    if (run.status == models::RunStatus::Running || run.status == models::RunStatus::Queued)
        m_ticker->start();
    else
        m_ticker->stop();
    updateTimes();
    updateActions();
}

void RunPanel::setAuditState(const QString &runId, const app::AuditState &state)
{
    if (!m_run || m_run->id != runId)
        return; // a late answer for a run no longer shown
    using Kind = app::AuditState::Kind;
    QString label;
    ChipTone tone = ChipTone::Neutral;
    switch (state.kind) {
    case Kind::Verified:
        label = tr("audit verified");
        tone = ChipTone::Good;
        break;
    case Kind::Unsealed:
        label = tr("audit unsealed");
        tone = ChipTone::Info;
        break;
    case Kind::Unchained:
        label = tr("audit unchained");
        tone = ChipTone::Neutral;
        break;
    case Kind::Tampered:
        label = tr("audit TAMPERED");
        tone = ChipTone::Bad;
        break;
    case Kind::Unknown:
        label = tr("audit unknown");
        tone = ChipTone::Warning;
        break;
    }
    m_auditChip->setChip(label, tone);
    QString tip = state.summary;
    if (!state.details.isEmpty())
        tip += QLatin1Char('\n') + state.details.mid(0, 10).join(QLatin1Char('\n'));
    m_auditChip->setToolTip(tip);
    m_auditChip->setAccessibleDescription(state.summary);
    m_auditChip->show();
}

void RunPanel::clear()
{
    m_run.reset();
    m_auditChip->hide();
    m_ticker->stop();
    m_details->hide();
    m_placeholder->show();
    updateActions();
}

void RunPanel::setExportAvailable(bool available)
{
    m_exportAvailable = available;
    m_exportAction->setVisible(available);
    m_exportButton->setVisible(available);
    updateActions();
}

QString RunPanel::statusText() const
{
    return m_run ? statusLabel(m_run->status) : QString();
}

QString RunPanel::elapsedText() const
{
    return m_elapsed->text();
}

bool RunPanel::isTicking() const
{
    return m_ticker->isActive();
}

QString RunPanel::exitText() const
{
    return m_run ? describeExit(*m_run) : QString();
}

QString RunPanel::formatElapsed(qint64 milliseconds)
{
    // Sub-second runs are common (git status, ls): "0 s" would hide that they ran at all.
    if (milliseconds >= 0 && milliseconds < 1000)
        return tr("%1 ms").arg(milliseconds);
    const qint64 seconds = std::max<qint64>(0, milliseconds / 1000);
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString RunPanel::describeExit(const models::ExecutionRun &run)
{
    const QJsonObject outcome = run.metadata.value(QStringLiteral("workbench")).toObject().value(QStringLiteral("outcome")).toObject();
    QStringList parts;
    if (outcome.contains(QStringLiteral("launchError")))
        parts << tr("could not start: %1").arg(outcome.value(QStringLiteral("launchError")).toString());
    int signal = outcome.value(QStringLiteral("signal")).toInt();
    if (signal == 0 && run.exitCode && *run.exitCode < 0)
        signal = -*run.exitCode; // CCDash records a signal as a negative exit code
    if (signal > 0)
        parts << tr("killed by signal %1 (%2)").arg(signal).arg(signalName(signal));
    else if (run.exitCode)
        parts << tr("exit code %1").arg(*run.exitCode);
    if (outcome.value(QStringLiteral("timedOut")).toBool())
        parts << tr("timed out");
    const QString cancelReason = outcome.value(QStringLiteral("cancelReason")).toString();
    if (!cancelReason.isEmpty())
        parts << tr("canceled: %1").arg(cancelReason);
    if (outcome.contains(QStringLiteral("auditFailure")))
        parts << tr("stopped: events could not be stored");
    if (parts.isEmpty()) {
        switch (run.status) {
        case models::RunStatus::Blocked:
            return run.policyVerdict == QLatin1String("deny") ? tr("blocked by policy") : tr("not approved yet");
        case models::RunStatus::Queued:
        case models::RunStatus::Running:
            return tr("running…");
        default:
            return QStringLiteral("—");
        }
    }
    return parts.join(QStringLiteral(", "));
}

void RunPanel::updateActions()
{
    using models::RunStatus;
    const bool has = m_run.has_value();
    const RunStatus status = has ? m_run->status : RunStatus::Queued;
    const bool awaitingApproval = has && status == RunStatus::Blocked && m_run->requiresApproval && m_run->approvedAt.isEmpty()
                                  && m_run->policyVerdict != QLatin1String("deny") && m_approvalPending.value_or(true);
    m_reviewAction->setEnabled(awaitingApproval);
    m_reviewAction->setVisible(!has || awaitingApproval);
    m_cancelAction->setEnabled(has && (status == RunStatus::Queued || status == RunStatus::Running || awaitingApproval));
    m_retryAction->setEnabled(has && (status == RunStatus::Failed || status == RunStatus::Canceled || status == RunStatus::Blocked));
    m_copyAction->setEnabled(has);
    m_exportAction->setEnabled(has && m_exportAvailable);
}

void RunPanel::updateTimes()
{
    if (!m_run) {
        m_elapsed->clear();
        return;
    }
    const QDateTime started = models::parseIsoTimestamp(m_run->startedAt);
    if (!started.isValid()) {
        m_elapsed->setText(QStringLiteral("—"));
        return;
    }
    const QDateTime ended = models::parseIsoTimestamp(m_run->endedAt);
    const QDateTime until = ended.isValid() ? ended : m_clock();
    m_elapsed->setText(formatElapsed(started.msecsTo(until)));
}

void RunPanel::requestRetry()
{
    if (!m_run)
        return;
    bool acknowledged = false;
    if (m_run->status == models::RunStatus::Failed) {
        QMessageBox box(QMessageBox::Question, tr("Retry failed run?"),
                        tr("Retry failed run? This will launch a new execution run, checked by the policy again."),
                        QMessageBox::NoButton, this);
        QPushButton *retry = box.addButton(tr("&Retry"), QMessageBox::AcceptRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(QMessageBox::Cancel);
        box.setObjectName(QStringLiteral("retryConfirmation"));
        box.exec();
        if (box.clickedButton() != retry)
            return;
        acknowledged = true;
    }
    Q_EMIT retryRequested(m_run->id, acknowledged);
}

} // namespace workbench::ui
