#include "ui/mainwindow.h"

#include "app/audit/auditverifier.h"
#include "app/cli/cliio.h"
#include "app/export/commandtranscript.h"
#include "app/export/runexporter.h"
#include "app/runoutputfeed.h"
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "models/databaselocation.h"
#include "models/runhistorymodel.h"
#include "ui/approvaldialog.h"
#include "ui/featurepicker.h"
#include "ui/outputview.h"
#include "ui/recommendationcard.h"
#include "ui/runhistoryview.h"
#include "ui/runpanel.h"
#include "ui/settingsdialog.h"
#include "ui/statuschip.h"
#include "ui/workspacepolicydialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace workbench::ui {

namespace {

constexpr char GeometryKey[] = "window/geometry";
constexpr char StateKey[] = "window/state";
constexpr char MainSplitterKey[] = "window/mainSplitter";
constexpr char LeftSplitterKey[] = "window/leftSplitter";
constexpr char RightSplitterKey[] = "window/rightSplitter";
constexpr char OnlyFeatureKey[] = "window/historyOnlyThisFeature";

QString formatAge(qint64 seconds)
{
    if (seconds < 120)
        return MainWindow::tr("%n second(s) ago", nullptr, int(seconds));
    if (seconds < 7200)
        return MainWindow::tr("%n minute(s) ago", nullptr, int(seconds / 60));
    return MainWindow::tr("%n hour(s) ago", nullptr, int(seconds / 3600));
}

QLabel *bannerLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setAutoFillBackground(true);
    label->setContentsMargins(10, 6, 10, 6);
    label->setTextFormat(Qt::RichText);
    const ChipColors colors = ChipColors::forTone(ChipTone::Warning, parent->palette());
    QPalette palette = label->palette();
    palette.setColor(QPalette::Window, colors.background);
    palette.setColor(QPalette::WindowText, colors.text);
    label->setPalette(palette);
    return label;
}

} // namespace

MainWindow::MainWindow(app::WorkbenchSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CCDash Workbench"));
    m_feed = new app::RunOutputFeed(session.executions(), this);
    m_historyModel = new models::RunHistoryModel(&session.executions(), this);

    createLayout();
    createActions();
    connectServices();
    restoreWindowState();

    m_workspace = session.settings().adHocWorkspace;
    updateWorkspaceLabel();
    const auto &recovery = session.recovery();
    if (!recovery.interruptedRunIds.isEmpty())
        statusBar()->showMessage(tr("%n run(s) left running by an earlier session were marked interrupted.", nullptr,
                                    int(recovery.interruptedRunIds.size())));
    QTimer::singleShot(0, this, &MainWindow::refresh);
}

MainWindow::~MainWindow() = default;

void MainWindow::createLayout()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);

    m_offlineBanner = bannerLabel(central);
    m_offlineBanner->setObjectName(QStringLiteral("offlineBanner"));
    m_offlineBanner->setAccessibleName(tr("CCDash connection problem"));
    m_offlineBanner->hide();
    layout->addWidget(m_offlineBanner);

    m_mainSplitter = new QSplitter(Qt::Horizontal, central);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);

    // Left: workspace, feature picker, recommendation.
    m_leftSplitter = new QSplitter(Qt::Vertical, m_mainSplitter);
    m_leftSplitter->setObjectName(QStringLiteral("leftSplitter"));
    auto *pickerBox = new QWidget(m_leftSplitter);
    auto *pickerLayout = new QVBoxLayout(pickerBox);
    pickerLayout->setContentsMargins(0, 0, 4, 0);
    auto *workspaceRow = new QHBoxLayout;
    m_workspaceLabel = new QLabel(pickerBox);
    m_workspaceLabel->setObjectName(QStringLiteral("workspaceLabel"));
    m_workspaceLabel->setTextFormat(Qt::RichText);
    m_workspaceLabel->setWordWrap(true);
    m_workspaceLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *chooseWorkspace = new QPushButton(tr("&Workspace…"), pickerBox);
    chooseWorkspace->setObjectName(QStringLiteral("chooseWorkspace"));
    chooseWorkspace->setAccessibleName(tr("Choose the workspace for runs"));
    chooseWorkspace->setToolTip(tr("The folder runs are confined to (used when CCDash gives none or is offline)"));
    workspaceRow->addWidget(m_workspaceLabel, 1);
    workspaceRow->addWidget(chooseWorkspace);
    pickerLayout->addLayout(workspaceRow);
    m_picker = new FeaturePicker(pickerBox);
    pickerLayout->addWidget(m_picker, 1);
    connect(chooseWorkspace, &QPushButton::clicked, this, &MainWindow::chooseWorkspace);

    m_cardScroll = new QScrollArea(m_leftSplitter);
    m_cardScroll->setWidgetResizable(true);
    m_cardScroll->setFrameShape(QFrame::NoFrame);
    m_card = new RecommendationCard;
    m_card->setContentsMargins(0, 0, 8, 0);
    m_cardScroll->setWidget(m_card);
    m_leftSplitter->setStretchFactor(0, 2);
    m_leftSplitter->setStretchFactor(1, 3);

    // Right: run panel + output, history.
    m_rightSplitter = new QSplitter(Qt::Vertical, m_mainSplitter);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    auto *runBox = new QWidget(m_rightSplitter);
    auto *runLayout = new QVBoxLayout(runBox);
    runLayout->setContentsMargins(4, 0, 0, 0);
    m_runPanel = new RunPanel(runBox);
    m_runPanel->setExportAvailable(m_session.exportAvailable());
    runLayout->addWidget(m_runPanel);
    m_output = new OutputView(runBox);
    m_output->setModel(m_feed->model());
    runLayout->addWidget(m_output, 1);

    auto *historyBox = new QWidget(m_rightSplitter);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(4, 0, 0, 0);
    auto *historyHeader = new QHBoxLayout;
    auto *historyTitle = new QLabel(tr("<b>Run History</b>"), historyBox);
    m_onlyThisFeature = new QCheckBox(tr("Only the selected &feature"), historyBox);
    m_onlyThisFeature->setObjectName(QStringLiteral("historyOnlyThisFeature"));
    historyHeader->addWidget(historyTitle);
    historyHeader->addStretch(1);
    historyHeader->addWidget(m_onlyThisFeature);
    historyLayout->addLayout(historyHeader);
    m_history = new RunHistoryView(historyBox);
    m_history->setModel(m_historyModel);
    historyLayout->addWidget(m_history, 1);
    m_rightSplitter->setStretchFactor(0, 3);
    m_rightSplitter->setStretchFactor(1, 2);

    m_mainSplitter->setStretchFactor(0, 2);
    m_mainSplitter->setStretchFactor(1, 3);
    layout->addWidget(m_mainSplitter, 1);
    setCentralWidget(central);
}

void MainWindow::createActions()
{
    m_runAction = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run Recommendation…"), this);
    m_runAction->setObjectName(QStringLiteral("runRecommendationAction"));
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    connect(m_runAction, &QAction::triggered, this, [this] {
        if (const auto context = m_card->context())
            reviewAndRun(context->recommendations.primary.command, context->recommendations.primary.ruleId);
        else
            reviewAndRun(QString(), QString());
    });
    m_newCommandAction = new QAction(QIcon::fromTheme(QStringLiteral("utilities-terminal")), tr("&New Command…"), this);
    m_newCommandAction->setObjectName(QStringLiteral("newCommandAction"));
    m_newCommandAction->setShortcut(QKeySequence::New);
    connect(m_newCommandAction, &QAction::triggered, this, [this] { reviewAndRun(QString(), QString()); });
    m_refreshAction = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("Re&fresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    m_settingsAction = new QAction(QIcon::fromTheme(QStringLiteral("configure")), tr("&Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_trustPolicyAction = new QAction(QIcon::fromTheme(QStringLiteral("security-medium")), tr("Trust Workspace &Policy…"), this);
    m_trustPolicyAction->setObjectName(QStringLiteral("trustWorkspacePolicyAction"));
    m_trustPolicyAction->setToolTip(tr("Show the workspace's own policy file and trust exactly this version of it"));
    connect(m_trustPolicyAction, &QAction::triggered, this, &MainWindow::reviewWorkspacePolicy);
    auto *quit = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    m_runPanel->cancelAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_runPanel->retryAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_runPanel->copyOutputAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_runPanel->exportAction()->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_E), QKeySequence::Save});
    for (QAction *action : {m_runPanel->cancelAction(), m_runPanel->retryAction(), m_runPanel->copyOutputAction(),
                            m_runPanel->exportAction(), m_runPanel->reviewApprovalAction()})
        action->setShortcutContext(Qt::WindowShortcut);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_newCommandAction);
    fileMenu->addAction(m_runAction);
    fileMenu->addSeparator();
    if (m_session.exportAvailable())
        fileMenu->addAction(m_runPanel->exportAction());
    fileMenu->addAction(m_trustPolicyAction);
    fileMenu->addAction(m_settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quit);
    QMenu *runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(m_runPanel->reviewApprovalAction());
    runMenu->addAction(m_runPanel->cancelAction());
    runMenu->addAction(m_runPanel->retryAction());
    runMenu->addSeparator();
    runMenu->addAction(m_runPanel->copyOutputAction());
    runMenu->addAction(m_output->findAction());
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(m_output->wrapAction());
    viewMenu->addAction(m_output->timestampsAction());

    auto *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_newCommandAction);
    toolBar->addAction(m_refreshAction);
    toolBar->addSeparator();
    toolBar->addAction(m_settingsAction);
}

void MainWindow::reviewWorkspacePolicy()
{
    if (m_workspace.isEmpty()) {
        statusBar()->showMessage(tr("Choose a workspace first: runs are confined to it."));
        return;
    }
    const execution::WorkspacePolicyTrust &trust = m_session.policyTrust();
    const execution::WorkspacePolicyFile file = trust.inspect(m_workspace);
    if (!file.exists) {
        QMessageBox::information(this, tr("Trust Workspace Policy"),
                                 tr("The workspace has no policy file of its own (%1): the installed rules apply.")
                                     .arg(QDir::toNativeSeparators(file.path)));
        return;
    }
    WorkspacePolicyDialog dialog(file, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!trust.trust(m_workspace, dialog.shownSha256(), &error)) {
        QMessageBox::warning(this, tr("Trust Workspace Policy"), error);
        return;
    }
    statusBar()->showMessage(tr("Trusted %1: its rules now apply, also where they loosen the policy. Any edit to the file "
                                "withdraws the trust.")
                                 .arg(QDir::toNativeSeparators(file.path)));
}

void MainWindow::connectServices()
{
    execution::ExecutionService &service = m_session.execution();
    connect(&service, &execution::ExecutionService::runChanged, this, &MainWindow::onRunChanged);
    connect(&service, &execution::ExecutionService::runFinished, this, &MainWindow::onRunFinished);
    connect(&service, &execution::ExecutionService::eventsCommitted, m_feed, &app::RunOutputFeed::committed);
    connect(&service, &execution::ExecutionService::auditFailure, this, [this](const QString &, const QString &message) {
        showError(tr("Run stopped"), tr("The run's events could not be stored, so it was stopped: %1").arg(message));
    });
    connect(m_feed, &app::RunOutputFeed::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(tr("Output could not be read: %1").arg(message)); });
    connectTeamStore();

    connect(m_picker, &FeaturePicker::projectChosen, this, [this](const QString &projectId) {
        m_session.ccdash().setProjectId(projectId);
        m_session.runChanges().setProjectId(projectId);
        refresh();
    });
    connect(m_picker, &FeaturePicker::featureChosen, this, &MainWindow::loadContext);
    connect(m_card, &RecommendationCard::runRequested, this, &MainWindow::reviewAndRun);
    connect(m_card, &RecommendationCard::commandCopied, this, [this](const QString &command, const QString &ruleId) {
        ccdash::ExecutionEvent event;
        event.eventType = QStringLiteral("execution_command_copied");
        event.featureId = m_currentFeatureId;
        event.recommendationRuleId = ruleId;
        event.command = command;
        event.metadata.insert(QStringLiteral("source"), QStringLiteral("workbench-desktop"));
        m_session.ccdash().sendExecutionEvent(event);
        statusBar()->showMessage(tr("Command copied to the clipboard."), 3000);
    });
    connect(m_card, &RecommendationCard::openDocumentRequested, this, [this](const QString &path) {
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            statusBar()->showMessage(tr("No application could open %1.").arg(path));
    });
    connect(m_card, &RecommendationCard::documentUnavailable, this, [this](const QString &path, const QString &reason) {
        statusBar()->showMessage(tr("Cannot open %1: %2.").arg(path, reason));
    });

    connect(m_history, &RunHistoryView::currentRunChanged, this, [this](const QString &runId) {
        if (!runId.isEmpty())
            showRun(runId);
    });
    connect(m_onlyThisFeature, &QCheckBox::toggled, this, &MainWindow::applyHistoryScope);

    connect(m_runPanel, &RunPanel::cancelRequested, this, &MainWindow::cancelRun);
    connect(m_runPanel, &RunPanel::retryRequested, this, &MainWindow::retryRun);
    connect(m_runPanel, &RunPanel::reviewApprovalRequested, this, &MainWindow::reviewApproval);
    connect(m_runPanel, &RunPanel::copyOutputRequested, this, &MainWindow::copyOutput);
    connect(m_runPanel, &RunPanel::exportRequested, this, &MainWindow::exportRun);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(GeometryKey)).toByteArray()))
        resize(1360, 860);
    restoreState(settings.value(QLatin1String(StateKey)).toByteArray());
    if (!m_mainSplitter->restoreState(settings.value(QLatin1String(MainSplitterKey)).toByteArray()))
        m_mainSplitter->setSizes({520, 840});
    if (!m_leftSplitter->restoreState(settings.value(QLatin1String(LeftSplitterKey)).toByteArray()))
        m_leftSplitter->setSizes({300, 500});
    if (!m_rightSplitter->restoreState(settings.value(QLatin1String(RightSplitterKey)).toByteArray()))
        m_rightSplitter->setSizes({500, 300});
    const QSignalBlocker blocker(m_onlyThisFeature);
    m_onlyThisFeature->setChecked(settings.value(QLatin1String(OnlyFeatureKey), false).toBool());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QLatin1String(GeometryKey), saveGeometry());
    settings.setValue(QLatin1String(StateKey), saveState());
    settings.setValue(QLatin1String(MainSplitterKey), m_mainSplitter->saveState());
    settings.setValue(QLatin1String(LeftSplitterKey), m_leftSplitter->saveState());
    settings.setValue(QLatin1String(RightSplitterKey), m_rightSplitter->saveState());
    settings.setValue(QLatin1String(OnlyFeatureKey), m_onlyThisFeature->isChecked());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int active = m_session.execution().activeRunCount();
    if (active > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Runs still active"),
            tr("%n run(s) are still running. Quitting stops them (they are recorded as interrupted). Quit anyway?", nullptr, active),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

QString MainWindow::shownRunId() const
{
    return m_runPanel->runId();
}

// --- CCDash -------------------------------------------------------------------------------------

void MainWindow::refresh()
{
    ccdash::CcdashClient &client = m_session.ccdash();
    m_picker->setStatusText(tr("Loading features…"));
    m_pendingLoads = 3;
    m_offline = false;
    const auto finished = [this] {
        if (--m_pendingLoads == 0) {
            if (!m_offline)
                m_offlineBanner->hide();
            Q_EMIT ccdashLoaded();
        }
    };
    client.fetchProjects(this, [this, finished](const ccdash::Result<QList<ccdash::Project>> &result) {
        if (result.ok()) {
            QString current = m_session.ccdash().projectId();
            if (current.isEmpty()) {
                for (const ccdash::Project &project : *result.value) {
                    if (project.isActive)
                        current = project.id;
                }
            }
            m_picker->setProjects(*result.value, current);
        }
        if (result.error.isUnreachable())
            setOffline(result.error.message, result.stale ? result.ageSeconds() : -1);
        finished();
    });
    client.fetchActiveProjectPaths(this, [this, finished](const ccdash::Result<ccdash::ProjectPaths> &result) {
        if (result.ok() && !result.value->root.path.isEmpty()) {
            const ccdash::PathMapping::Resolution resolution =
                m_session.pathMapping().resolve(result.value->projectId, result.value->root.path);
            if (!resolution.needsMapping)
                setWorkspace(resolution.localPath);
            else
                updateWorkspaceLabel(tr("CCDash's project root %1 is not on this machine: choose its local folder.")
                                         .arg(resolution.remotePath.toHtmlEscaped()));
        }
        if (result.error.isUnreachable())
            setOffline(result.error.message, result.stale ? result.ageSeconds() : -1);
        finished();
    });
    loadFeatures();
    Q_UNUSED(finished)
}

void MainWindow::loadFeatures()
{
    m_session.ccdash().fetchAllFeatures(this, [this](const ccdash::Result<QList<ccdash::Feature>> &result) {
        if (result.ok()) {
            m_picker->setFeatures(*result.value);
            if (m_picker->currentFeatureId().isEmpty() && !m_picker->visibleFeatureIds().isEmpty()) {
                // As the web UI: the first feature (or the one shown before) is selected.
                if (m_currentFeatureId.isEmpty() || !m_picker->selectFeature(m_currentFeatureId))
                    m_picker->selectFeature(m_picker->visibleFeatureIds().first());
            }
        } else {
            m_picker->setStatusText(tr("Features could not be loaded: %1").arg(result.error.message));
            // With a feature selected the card speaks for it (its own load reports its own problem, and
            // may answer before or after this list); without one it says why there is nothing to show.
            if (m_currentFeatureId.isEmpty()) {
                m_card->showMessage(result.error.isUnreachable()
                                        ? tr("CCDash is not reachable, so there is no recommendation. You can still run a "
                                             "command in the chosen workspace: File ▸ New Command (Ctrl+N).")
                                        : tr("CCDash could not list the features (the problem is shown above), so there "
                                             "is no recommendation. You can still run a command in the chosen workspace: "
                                             "File ▸ New Command (Ctrl+N)."));
            }
        }
        if (result.error.isUnreachable())
            setOffline(result.error.message, result.stale ? result.ageSeconds() : -1);
        if (--m_pendingLoads == 0) {
            if (!m_offline)
                m_offlineBanner->hide();
            Q_EMIT ccdashLoaded();
        }
    });
}

void MainWindow::loadContext(const QString &featureId)
{
    m_currentFeatureId = featureId;
    applyHistoryScope();
    if (featureId.isEmpty()) {
        m_card->showMessage(tr("Select a feature to load execution guidance."));
        return;
    }
    m_card->showMessage(tr("Loading execution context…"));
    m_session.ccdash().fetchExecutionContext(featureId, this, [this, featureId](const ccdash::Result<ccdash::ExecutionContext> &result) {
        if (featureId != m_currentFeatureId)
            return; // the user moved on
        if (result.ok()) {
            m_card->setWorkspace(m_workspace);
            m_card->setContext(*result.value);
        } else {
            m_card->showMessage(tr("The recommendation could not be loaded: %1").arg(result.error.message));
        }
        if (result.error.isUnreachable())
            setOffline(result.error.message, result.stale ? result.ageSeconds() : -1);
        Q_EMIT ccdashLoaded();
    });
}

void MainWindow::setOffline(const QString &problem, qint64 cacheAgeSeconds)
{
    m_offline = true;
    QString text = tr("<b>CCDash is unreachable</b> (%1): %2")
                       .arg(ccdash::displayUrl(m_session.ccdash().baseUrl()).toHtmlEscaped(), problem.toHtmlEscaped());
    if (cacheAgeSeconds >= 0)
        text += tr("<br>Showing the copy saved %1.").arg(formatAge(cacheAgeSeconds));
    text += tr("<br>Ad-hoc commands in the chosen workspace still work (Ctrl+N). Press F5 to try again.");
    m_offlineBanner->setText(text);
    m_offlineBanner->show();
}

void MainWindow::setWorkspace(const QString &directory)
{
    m_workspace = directory;
    m_card->setWorkspace(directory);
    m_output->setWorkingDirectory(directory);
    updateWorkspaceLabel();
}

void MainWindow::updateWorkspaceLabel(const QString &note)
{
    QString text = m_workspace.isEmpty() ? tr("<b>Workspace:</b> <i>none chosen</i>")
                                         : tr("<b>Workspace:</b> %1").arg(QDir::toNativeSeparators(m_workspace).toHtmlEscaped());
    if (!note.isEmpty())
        text += QStringLiteral("<br>") + note;
    m_workspaceLabel->setText(text);
    m_workspaceLabel->setToolTip(m_workspace);
}

void MainWindow::chooseWorkspace()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Workspace for runs"),
                                                             m_workspace.isEmpty() ? QDir::homePath() : m_workspace);
    if (chosen.isEmpty())
        return;
    if (!m_session.ccdash().projectId().isEmpty())
        m_session.pathMapping().setMappedPath(m_session.ccdash().projectId(), chosen);
    app::AppSettings settings = m_session.settings();
    settings.adHocWorkspace = chosen;
    m_session.applySettings(settings);
    setWorkspace(chosen);
}

// --- Runs -----------------------------------------------------------------------------------------

void MainWindow::reviewAndRun(const QString &command, const QString &ruleId)
{
    if (m_workspace.isEmpty()) {
        chooseWorkspace();
        if (m_workspace.isEmpty()) {
            statusBar()->showMessage(tr("Choose a workspace first: runs are confined to it."));
            return;
        }
    }
    ReviewChoice initial;
    initial.command = command;
    initial.workspace = m_workspace;
    initial.ruleId = ruleId;
    initial.featureId = ruleId.isEmpty() ? QString() : m_currentFeatureId;
    initial.timeoutMinutes = m_session.settings().defaultTimeoutMinutes;
    app::WorkbenchSession *session = &m_session;
    ReviewDialog dialog([session](const policy::PolicyRequest &request) { return session->checkPolicy(request); }, initial, this);
    dialog.setAgentLauncher(m_session.settings().agentLauncher);
    if (dialog.exec() != QDialog::Accepted)
        return;
    startRun(dialog.choice());
}

void MainWindow::startRun(const ReviewChoice &choice)
{
    execution::RunRequest request =
        m_session.runRequest(choice.command, choice.workspace, choice.cwd, choice.envProfile, choice.timeoutMinutes);
    request.ruleId = choice.ruleId;
    request.featureId = choice.featureId.isEmpty() ? m_currentFeatureId : choice.featureId;
    const models::StoreResult<models::ExecutionRun> created = m_session.execution().createRun(request);
    if (!created) {
        showError(tr("Run not started"), created.errorMessage());
        return;
    }
    handleCreatedRun(*created);
}

void MainWindow::handleCreatedRun(const models::ExecutionRun &run)
{
    m_historyModel->fetchNewer();
    showRun(run.id);
    const int row = m_historyModel->rowOfRun(run.id);
    if (row >= 0)
        m_history->tableView()->selectRow(row);
    if (run.status == models::RunStatus::Blocked && run.requiresApproval && run.approvedAt.isEmpty()) {
        // As the web UI: a run that needs approval asks for it right away.
        QTimer::singleShot(0, this, [this, id = run.id] { reviewApproval(id); });
    } else if (run.status == models::RunStatus::Blocked) {
        statusBar()->showMessage(tr("The policy blocked this run; nothing was started."));
    }
}

void MainWindow::reviewApproval(const QString &runId)
{
    const models::StoreResult<models::ExecutionRun> run = m_session.executions().getRun(runId);
    if (!run) {
        showError(tr("Approval"), run.errorMessage());
        return;
    }
    if (run->status != models::RunStatus::Blocked || !run->approvedAt.isEmpty())
        return; // decided meanwhile (elsewhere, or it expired)
    const policy::PolicyResult result = m_session.checkPolicy(m_session.policyRequestFor(*run));
    ApprovalDialog dialog(*run, result.reasons, app::WorkbenchSession::isRememberable(result), this);
    dialog.exec();
    models::StoreResult<models::ExecutionRun> decided = *run;
    switch (dialog.decision()) {
    case ApprovalDialog::Decision::Undecided:
        statusBar()->showMessage(tr("The run waits for a decision: Run ▸ Review Approval."), 5000);
        return;
    case ApprovalDialog::Decision::Approved:
        decided = m_session.execution().approve(runId, dialog.rationale(), dialog.rememberForWorkspace());
        break;
    case ApprovalDialog::Decision::Denied:
        decided = m_session.execution().deny(runId, dialog.rationale());
        break;
    }
    if (!decided) {
        showError(tr("Approval"), decided.errorMessage());
        return;
    }
    onRunChanged(*decided);
}

std::optional<bool> MainWindow::approvalPending(const QString &runId) const
{
    const auto pending = m_session.executions().pendingApproval(runId);
    if (!pending)
        return std::nullopt;
    return pending->has_value();
}

void MainWindow::showRun(const QString &runId)
{
    const models::StoreResult<models::ExecutionRun> run = m_session.executions().getRun(runId);
    if (!run) {
        statusBar()->showMessage(tr("Run %1 could not be read: %2").arg(runId, run.errorMessage()));
        return;
    }
    m_runPanel->setRun(*run, approvalPending(run->id));
    if (models::isFinished(run->status))
        checkAudit(run->id);
    m_output->setWorkingDirectory(run->cwd);
    m_feed->setRun(run->id, !models::isFinished(run->status));
    Q_EMIT runShown(run->id);
}

// Runs others write to a shared store (another desktop, the CLI, CCDash) appear and stream live;
// the status bar says how the store is watched and whether this desktop's writes are held.
void MainWindow::connectTeamStore()
{
    app::RunChangeWatcher &watcher = m_session.runChanges();
    connect(&watcher, &app::RunChangeWatcher::runChanged, this, [this](const QString &runId) {
        const models::StoreResult<models::ExecutionRun> run = m_session.executions().getRun(runId);
        if (run)
            onRunChanged(*run);
    });
    connect(&watcher, &app::RunChangeWatcher::runEventsAppended, m_feed, &app::RunOutputFeed::committed);
    auto *storeStatus = new QLabel(this);
    storeStatus->setObjectName(QStringLiteral("storeStatus"));
    statusBar()->addPermanentWidget(storeStatus);
    auto showStoreStatus = [this, storeStatus] {
        const models::EventWriter::State writing = m_session.writer().state();
        QString text;
        if (writing == models::EventWriter::State::Holding)
            text = tr("Store unreachable: holding this desktop's events, reconnecting…");
        else if (writing == models::EventWriter::State::Failed)
            text = tr("Store failing: runs are stopped");
        else if (m_session.runChanges().mode() == app::RunChangeWatcher::Mode::Connecting)
            text = tr("Store: reconnecting…");
        else if (m_session.runChanges().mode() == app::RunChangeWatcher::Mode::Notifications)
            text = tr("Store: live");
        storeStatus->setText(text);
        storeStatus->setToolTip(m_session.writer().lastError());
    };
    connect(&watcher, &app::RunChangeWatcher::modeChanged, this, showStoreStatus);
    connect(&m_session.writer(), &models::EventWriter::stateChanged, this, showStoreStatus);
    showStoreStatus();
}

void MainWindow::onRunChanged(const models::ExecutionRun &run)
{
    if (m_historyModel->rowOfRun(run.id) >= 0)
        m_historyModel->refreshRun(run.id);
    else
        m_historyModel->fetchNewer();
    if (run.id == m_runPanel->runId()) {
        m_runPanel->setRun(run, approvalPending(run.id));
        m_feed->setLive(!models::isFinished(run.status));
        m_feed->readNow();
    }
}

void MainWindow::checkAudit(const QString &runId)
{
    // Off the UI thread: a long run's chain is one pass over all of its events.
    app::AuditVerifier::verifyRunInBackground(m_session.context().database().location(), runId, this,
                                              [this, runId](const app::AuditState &state) {
                                                  m_runPanel->setAuditState(runId, state);
                                                  Q_EMIT auditChecked(runId);
                                              });
}

void MainWindow::onRunFinished(const models::ExecutionRun &run)
{
    onRunChanged(run);
    if (run.id == m_runPanel->runId())
        checkAudit(run.id);
    const app::AppSettings &settings = m_session.settings();
    const QDateTime started = models::parseIsoTimestamp(run.startedAt);
    const QDateTime ended = models::parseIsoTimestamp(run.endedAt);
    const qint64 seconds = started.isValid() && ended.isValid() ? started.secsTo(ended) : 0;
    if (settings.notifyWhenDone && !isActiveWindow() && seconds >= settings.notifyAfterSeconds) {
        m_session.notifier().notify(tr("Run %1").arg(statusLabel(run.status)),
                                    tr("%1\n%2 after %3").arg(run.sourceCommand, RunPanel::describeExit(run), RunPanel::formatElapsed(seconds * 1000)),
                                    QStringLiteral("io.github.ccdash.Workbench"));
    }
}

void MainWindow::applyHistoryScope()
{
    m_history->setFeatureFilter(m_onlyThisFeature->isChecked() ? m_currentFeatureId : QString());
}

void MainWindow::cancelRun(const QString &runId)
{
    const models::StoreResult<models::ExecutionRun> run = m_session.execution().cancel(runId, tr("canceled by the user"));
    if (!run) {
        showError(tr("Cancel"), run.errorMessage());
        return;
    }
    onRunChanged(*run);
}

void MainWindow::retryRun(const QString &runId, bool acknowledgedFailure)
{
    const models::StoreResult<models::ExecutionRun> run = m_session.execution().retry(
        runId, acknowledgedFailure,
        QJsonObject{{QStringLiteral("retriedFrom"), runId}, {QStringLiteral("launchedFrom"), QStringLiteral("execution-workbench")}});
    if (!run) {
        showError(tr("Retry"), run.errorMessage());
        return;
    }
    handleCreatedRun(*run);
}

void MainWindow::copyOutput()
{
    const std::optional<models::ExecutionRun> &run = m_runPanel->run();
    if (!run)
        return;
    QApplication::clipboard()->setText(app::commandTranscript(run->cwd, run->sourceCommand, m_output->textView()->allText()));
    statusBar()->showMessage(tr("Command, working directory and output copied to the clipboard."), 3000);
}

void MainWindow::exportRun(const QString &runId)
{
    struct Choice
    {
        app::ExportFormat format;
        QString filter;
    };
    const QList<Choice> choices{
        {app::ExportFormat::Text, tr("Plain text, colours removed (*.txt)")},
        {app::ExportFormat::Html, tr("HTML page with colours (*.html)")},
        {app::ExportFormat::Raw, tr("Exact bytes the command wrote (*.raw)")},
        {app::ExportFormat::Json, tr("CCDash JSON: run, events, approvals (*.json)")},
        {app::ExportFormat::Cast, tr("asciinema recording, replays with timing (*.cast)")},
    };
    QStringList filters;
    for (const Choice &choice : choices)
        filters << choice.filter;
    QFileDialog dialog(this, tr("Export Run"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters(filters);
    // We ask about overwriting ourselves (exportRunToFile), also for names typed without a dialog.
    dialog.setOption(QFileDialog::DontConfirmOverwrite);
    dialog.setDirectory(m_workspace.isEmpty() ? QDir::homePath() : m_workspace);
    dialog.selectFile(QStringLiteral("run-%1.txt").arg(runId.left(8)));
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog, &choices, &filters](const QString &filter) {
        const qsizetype index = filters.indexOf(filter);
        if (index >= 0)
            dialog.setDefaultSuffix(app::fileSuffix(choices.at(index).format));
    });
    dialog.setDefaultSuffix(app::fileSuffix(app::ExportFormat::Text));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return;
    const qsizetype index = std::max<qsizetype>(0, filters.indexOf(dialog.selectedNameFilter()));
    exportRunToFile(runId, int(choices.at(index).format), dialog.selectedFiles().constFirst());
}

bool MainWindow::exportRunToFile(const QString &runId, int format, const QString &path)
{
    bool overwrite = false;
    if (QFileInfo::exists(path)) {
        const auto answer = QMessageBox::question(this, tr("Export Run"),
                                                  tr("%1 already exists. Replace it?").arg(QDir::toNativeSeparators(path)),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
        overwrite = true;
    }
    app::ExportError error;
    const app::RunExporter exporter(m_session.executions());
    if (!exporter.exportToFile(runId, app::ExportFormat(format), path, overwrite, &error)) {
        showError(tr("Export Run"), error.message);
        return false;
    }
    statusBar()->showMessage(tr("Run exported to %1.").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::showError(const QString &title, const QString &message)
{
    QMessageBox::warning(this, title, message);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_session.settings(), m_session.tokenOriginText(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session.applySettings(dialog.settings());
    if (dialog.tokenChanged())
        m_session.storeToken(dialog.token());
    if (dialog.databaseChanged())
        QMessageBox::information(this, tr("Settings"), tr("The new database is used the next time the workbench starts."));
    refresh();
}

// --- Start-up ---------------------------------------------------------------------------------------

std::unique_ptr<app::WorkbenchContext> openWorkbenchOrExplain(const QStringList &arguments, QWidget *parent, int *exitCode)
{
    // Only --database matters here; the other window options (--ccdash-url, --self-test, ...) are
    // main.cpp's business, so unknown options are not an error at this point.
    QCommandLineParser parser;
    const QCommandLineOption databaseOption(QStringLiteral("database"), QString(), QStringLiteral("URL"));
    parser.addOption(databaseOption);
    parser.parse(arguments);
    if (arguments.contains(QStringLiteral("--database")) && !parser.isSet(databaseOption)) {
        QMessageBox::critical(parent, QCoreApplication::translate("workbench::ui::MainWindow", "CCDash Workbench"),
                              QCoreApplication::translate("workbench::ui::MainWindow", "--database needs a value."));
        *exitCode = cli::ExitUsage;
        return nullptr;
    }
    QString database = parser.value(databaseOption);
    // The settings' database applies when neither the option nor the environment names one.
    if (database.isEmpty() && !QProcessEnvironment::systemEnvironment().contains(QLatin1String(models::DatabaseEnvironmentVariable)))
        database = app::AppSettings::load(QSettings()).database;
    models::StoreResult<std::unique_ptr<app::WorkbenchContext>> context = app::WorkbenchContext::open(database);
    if (!context) {
        QMessageBox::critical(parent, QCoreApplication::translate("workbench::ui::MainWindow", "Cannot open the run history"),
                              context.errorMessage());
        *exitCode = context.error().kind == models::StoreError::Kind::InvalidArgument ? cli::ExitUsage : cli::ExitUnavailable;
        return nullptr;
    }
    *exitCode = cli::ExitOk;
    return std::move(*context);
}

int runMainWindow(QApplication &app, const QStringList &arguments)
{
    int exitCode = cli::ExitOk;
    const std::unique_ptr<app::WorkbenchContext> context = openWorkbenchOrExplain(arguments, nullptr, &exitCode);
    if (!context)
        return exitCode;
    QCommandLineParser parser;
    const QCommandLineOption urlOption(QStringLiteral("ccdash-url"), QString(), QStringLiteral("URL"));
    parser.addOption(urlOption);
    parser.parse(arguments);
    app::WorkbenchSession::Options options;
    options.settings = app::AppSettings::load(QSettings());
    options.ccdashUrlOverride = parser.value(urlOption);
    auto session = app::WorkbenchSession::create(*context, options);
    if (!session) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("workbench::ui::MainWindow", "Cannot start runs"),
                              session.errorMessage());
        return cli::ExitUnavailable;
    }
    int status = 0;
    {
        MainWindow window(**session);
        window.show();
        status = app.exec();
    }
    return status;
}

} // namespace workbench::ui
