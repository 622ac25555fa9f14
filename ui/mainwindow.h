#pragma once
// The main window composes the panes: FeaturePicker and RecommendationCard (left), RunPanel with
// the live OutputView and the RunHistoryView (right), an offline banner and a workspace chooser
// for ad-hoc runs. It talks to the application through app::WorkbenchSession only.
#include "ui/reviewdialog.h"

#include <QMainWindow>
#include <QPointer>
#include <memory>
#include <optional>

class QAction;
class QApplication;
class QCheckBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace workbench::app {
class RunOutputFeed;
class WorkbenchContext;
class WorkbenchSession;
}
namespace workbench::ccdash {
struct ExecutionContext;
}
namespace workbench::models {
class RunHistoryModel;
struct ExecutionRun;
}

namespace workbench::ui {

class FeaturePicker;
class OutputView;
class RecommendationCard;
class RunHistoryView;
class RunPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `session` (the opened store and services) must outlive the window.
    explicit MainWindow(app::WorkbenchSession &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    FeaturePicker *featurePicker() const { return m_picker; }
    RecommendationCard *recommendationCard() const { return m_card; }
    RunPanel *runPanel() const { return m_runPanel; }
    OutputView *outputView() const { return m_output; }
    RunHistoryView *runHistoryView() const { return m_history; }
    models::RunHistoryModel *runHistoryModel() const { return m_historyModel; }
    QLabel *offlineBanner() const { return m_offlineBanner; }
    QCheckBox *onlyThisFeatureBox() const { return m_onlyThisFeature; }

    QAction *runRecommendationAction() const { return m_runAction; }
    QAction *newCommandAction() const { return m_newCommandAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    QAction *settingsAction() const { return m_settingsAction; }
    // File > Trust Workspace Policy…: the workspace's own policy file, trusted by its hash.
    QAction *trustWorkspacePolicyAction() const { return m_trustPolicyAction; }

    QString workspace() const { return m_workspace; }
    void setWorkspace(const QString &directory);
    // The run shown in the run panel and output view ("" = none).
    QString shownRunId() const;

public Q_SLOTS:
    // Reloads projects, features and the current feature's recommendation from CCDash.
    void refresh();
    // Opens the review dialog for a command (modal) and, when launched, creates the run.
    void reviewAndRun(const QString &command, const QString &ruleId);
    // Opens the approval dialog for a blocked run (modal) and applies the decision.
    void reviewApproval(const QString &runId);
    void showRun(const QString &runId);
    void openSettings();
    // Shows the workspace's own policy file (WorkspacePolicyDialog) and records the trust if asked.
    void reviewWorkspacePolicy();
    // Writes a stored run to `path` in `format` (app::ExportFormat as int). When the file exists
    // the user is asked first; false when they declined or writing failed (an error is shown).
    bool exportRunToFile(const QString &runId, int format, const QString &path);

Q_SIGNALS:
    void runShown(const QString &runId);
    // CCDash answered (or not) for the projects/features/context: for tests and the status bar.
    void ccdashLoaded();
    // The audit chain of a shown, finished run was checked (the run panel's chip shows it).
    void auditChecked(const QString &runId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createLayout();
    void connectServices();
    void connectTeamStore();
    void restoreWindowState();
    void saveWindowState() const;

    void loadFeatures();
    void loadContext(const QString &featureId);
    void setOffline(const QString &problem, qint64 cacheAgeSeconds);
    void chooseWorkspace();
    void updateWorkspaceLabel(const QString &note = {});
    void startRun(const ReviewChoice &choice);
    void handleCreatedRun(const models::ExecutionRun &run);
    void onRunChanged(const models::ExecutionRun &run);
    void onRunFinished(const models::ExecutionRun &run);
    void applyHistoryScope();
    void checkAudit(const QString &runId);
    std::optional<bool> approvalPending(const QString &runId) const;
    void cancelRun(const QString &runId);
    void retryRun(const QString &runId, bool acknowledgedFailure);
    void copyOutput();
    void exportRun(const QString &runId);
    void showError(const QString &title, const QString &message);

    app::WorkbenchSession &m_session;
    app::RunOutputFeed *m_feed = nullptr;
    models::RunHistoryModel *m_historyModel = nullptr;

    FeaturePicker *m_picker = nullptr;
    RecommendationCard *m_card = nullptr;
    QScrollArea *m_cardScroll = nullptr;
    RunPanel *m_runPanel = nullptr;
    OutputView *m_output = nullptr;
    RunHistoryView *m_history = nullptr;
    QLabel *m_offlineBanner = nullptr;
    QLabel *m_workspaceLabel = nullptr;
    QCheckBox *m_onlyThisFeature = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_leftSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;

    QAction *m_runAction = nullptr;
    QAction *m_newCommandAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_trustPolicyAction = nullptr;

    QString m_workspace;
    QString m_currentFeatureId;
    bool m_offline = false;
    int m_pendingLoads = 0;
};

// Opens the store named by --database / CCDASH_WORKBENCH_DATABASE / the settings / the default
// file. On failure it shows one clear message box (parent may be null), sets *exitCode and
// returns null.
std::unique_ptr<app::WorkbenchContext> openWorkbenchOrExplain(const QStringList &arguments, QWidget *parent, int *exitCode);

// Builds the window from the command line and runs the event loop.
int runMainWindow(QApplication &app, const QStringList &arguments);

} // namespace workbench::ui
