// End to end through the real window: fake CCDash (HTTP) -> recommendation -> review -> approval
// -> running (a fake `claude` on PATH, run by the real runtime) -> stored output in the output
// view -> history -> restart (a new session and window over the same SQLite file) shows the run.
// Also: offline banner with ad-hoc runs still possible, copy telemetry, deny keeps the run from
// starting. Modal dialogs are driven as Kate does: a queued check for the active modal widget.
#include "app/export/runexporter.h"
#include "app/runoutputfeed.h"
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "models/runhistorymodel.h"
#include "policy/policyengine.h"
#include "tests/support/fakeccdashserver.h"
#include "tests/support/mainwindowtestsupport.h"
#include "tests/support/scratchexecutables.h"
#include "ui/approvaldialog.h"
#include "ui/featurepicker.h"
#include "ui/mainwindow.h"
#include "ui/outputview.h"
#include "ui/recommendationcard.h"
#include "ui/reviewdialog.h"
#include "ui/runhistoryview.h"
#include "ui/runpanel.h"
#include "ui/statuschip.h"

#include <QAction>
#include <QClipboard>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

using namespace workbench;
using testsupport::FakeCcdashServer;

class TestMainWindow : public QObject
{
    Q_OBJECT
public:
  static void initMain() { testsupport::useScratchUserDirectories(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("workspace"));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/docs/project_plans/implementation_plans/enhancements")));
        // A fake Claude Code: prints what it was asked to do, on both streams.
        const QString bin = m_dir.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(testsupport::writeExecutable(
            bin + QStringLiteral("/claude"),
            "#!/bin/sh\necho \"fake claude ran: $*\"\necho \"fake claude warning\" >&2\nexit 0\n"));
        qputenv("PATH", (bin + QLatin1Char(':') + qEnvironmentVariable("PATH")).toUtf8());
        m_database = m_dir.filePath(QStringLiteral("workbench.db"));
    }

    void cleanup()
    {
        closeWindow();
        m_server.behave();
    }

    void recommendationToHistoryAndRestart()
    {
        openWindow();
        // CCDash's project root is not on this machine: the user mapped it to the workspace.
        QTRY_VERIFY(!m_app.window->featurePicker()->visibleFeatureIds().isEmpty());
        QVERIFY(m_app.window->offlineBanner()->isHidden());
        const QString featureId = QStringLiteral("feature-execution-workbench-phase-3-platform-connectors-v1");
        QVERIFY(m_app.window->featurePicker()->selectFeature(featureId));
        RecommendationCardReady();
        const QString command =
            m_app.window->recommendationCard()->context()->recommendations.primary.command;
        QVERIFY(command.startsWith(QLatin1String("/dev:execute-phase 1 ")));
        QCOMPARE(m_app.window->recommendationCard()->primaryCommandLabel()->text(), command);

        // Review: Launch is enabled (the slash command needs approval, it is not denied).
        bool reviewed = false;
        testsupport::whenModal<ui::ReviewDialog>(this, [&reviewed](ui::ReviewDialog *dialog) {
            QTRY_VERIFY(dialog->launchButton()->isEnabled());
            QCOMPARE(policy::toString(dialog->currentResult()->verdict), QStringLiteral("requires_approval"));
            reviewed = true;
            QTest::mouseClick(dialog->launchButton(), Qt::LeftButton);
        });
        // Approval opens by itself: approve with a rationale.
        bool approved = false;
        testsupport::whenModal<ui::ApprovalDialog>(this, [&approved](ui::ApprovalDialog *dialog) {
            QVERIFY(dialog->denyButton()->isDefault());
            QTest::keyClicks(dialog->rationaleEdit(), QStringLiteral("phase 1 is agreed"));
            approved = true;
            QTest::mouseClick(dialog->approveButton(), Qt::LeftButton);
        });
        QTest::mouseClick(m_app.window->recommendationCard()->runPrimaryButton(), Qt::LeftButton);
        QVERIFY(reviewed);
        QTRY_VERIFY(approved);

        QTRY_VERIFY(m_app.window->runPanel()->run().has_value());
        const QString runId = m_app.window->runPanel()->runId();
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->runPanel()->statusText(), QStringLiteral("succeeded"), 30000);
        QCOMPARE(m_app.window->runPanel()->exitText(), QStringLiteral("exit code 0"));
        // Output: only what is stored, and all of it once the run is done.
        QTRY_VERIFY2(
            m_app.window->outputView()->textView()->allText().contains(QLatin1String("fake claude ran: -p")),
            qPrintable(m_app.window->outputView()->textView()->allText()));
        QTRY_VERIFY(
            m_app.window->outputView()->textView()->allText().contains(QLatin1String("fake claude warning")));

        // Recorded: feature, rule, approval rationale.
        auto stored = m_app.session->executions().getRun(runId);
        QVERIFY(stored);
        QCOMPARE(stored->featureId, featureId);
        QCOMPARE(stored->recommendationRuleId,
                 m_app.window->recommendationCard()->context()->recommendations.primary.ruleId);
        QVERIFY(!stored->approvedAt.isEmpty());
        auto approvals = m_app.session->executions().listApprovals(runId);
        QVERIFY(approvals);
        QCOMPARE(approvals->size(), 1);
        QCOMPARE(approvals->first().reason, QStringLiteral("phase 1 is agreed"));

        // History lists it with its status.
        models::RunHistoryModel *history = m_app.window->runHistoryModel();
        QTRY_VERIFY(history->rowOfRun(runId) >= 0);
        QCOMPARE(history->index(history->rowOfRun(runId), models::RunHistoryModel::StatusColumn)
                     .data(models::RunHistoryModel::StatusRole).toInt(),
                 int(models::RunStatus::Succeeded));
        const QString shownOutput = m_app.window->outputView()->textView()->allText();

        // Restart: a new session and window over the same file.
        closeWindow();
        openWindow();
        history = m_app.window->runHistoryModel();
        QTRY_VERIFY(history->rowOfRun(runId) >= 0);
        m_app.window->runHistoryView()->tableView()->selectRow(history->rowOfRun(runId));
        QTRY_COMPARE(m_app.window->shownRunId(), runId);
        QCOMPARE(m_app.window->runPanel()->statusText(), QStringLiteral("succeeded"));
        QTRY_COMPARE(m_app.window->outputView()->textView()->allText(), shownOutput);
    }

    void denyKeepsTheRunFromStarting()
    {
        openWindow();
        QTRY_VERIFY(!m_app.window->featurePicker()->visibleFeatureIds().isEmpty());
        testsupport::whenModal<ui::ReviewDialog>(this, [](ui::ReviewDialog *dialog) {
            dialog->commandEdit()->setPlainText(QStringLiteral("curl https://example.com"));
            QTRY_VERIFY(dialog->launchButton()->isEnabled());
            QTest::mouseClick(dialog->launchButton(), Qt::LeftButton);
        });
        testsupport::whenModal<ui::ApprovalDialog>(this, [](ui::ApprovalDialog *dialog) {
            QTest::keyClicks(dialog->rationaleEdit(), QStringLiteral("not today"));
            QTest::keyClick(dialog, Qt::Key_Return); // the default is Deny
        });
        m_app.window->newCommandAction()->trigger();
        QTRY_VERIFY(m_app.window->runPanel()->run().has_value());
        const QString runId = m_app.window->runPanel()->runId();
        QTRY_COMPARE(m_app.window->runPanel()->statusText(), QStringLiteral("blocked"));
        QTRY_VERIFY(!m_app.window->runPanel()->reviewApprovalAction()->isEnabled());
        auto approvals = m_app.session->executions().listApprovals(runId);
        QVERIFY(approvals);
        QCOMPARE(approvals->size(), 1);
        QCOMPARE(models::toString(approvals->first().decision), QStringLiteral("denied"));
        QCOMPARE(approvals->first().reason, QStringLiteral("not today"));
        QVERIFY(m_app.session->executions().getRun(runId)->startedAt.isEmpty());
    }

    void copySendsTelemetry()
    {
        openWindow();
        QTRY_VERIFY(!m_app.window->featurePicker()->visibleFeatureIds().isEmpty());
        QVERIFY(m_app.window->featurePicker()->selectFeature(
            QStringLiteral("dependency-aware-execution-and-family-views-v1")));
        RecommendationCardReady();
        m_server.clearRequests();
        QTest::mouseClick(m_app.window->recommendationCard()->copyPrimaryButton(), Qt::LeftButton);
        const QString command =
            m_app.window->recommendationCard()->context()->recommendations.primary.command;
        QCOMPARE(QApplication::clipboard()->text(), command);
        QTRY_COMPARE(m_server.requestsTo(QStringLiteral("/api/features/execution-events")).size(), 1);
        const QJsonObject body =
            QJsonDocument::fromJson(m_server.requestsTo(QStringLiteral("/api/features/execution-events")).first().body).object();
        QCOMPARE(body.value(QStringLiteral("eventType")).toString(), QStringLiteral("execution_command_copied"));
        QCOMPARE(body.value(QStringLiteral("featureId")).toString(), QStringLiteral("dependency-aware-execution-and-family-views-v1"));
        QCOMPARE(body.value(QStringLiteral("command")).toString(), command);
    }

    void offlineBannerAndAdHocRuns()
    {
        m_server.misbehave(FakeCcdashServer::Misbehaviour::CloseConnection);
        openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(m_app.window->offlineBanner()->isVisible(), 20000);
        QVERIFY(m_app.window->offlineBanner()->text().contains(QLatin1String("unreachable")));
        // Ad-hoc runs still work in the chosen workspace.
        testsupport::whenModal<ui::ReviewDialog>(this, [](ui::ReviewDialog *dialog) {
            dialog->commandEdit()->setPlainText(QStringLiteral("echo offline-ok"));
            QTRY_VERIFY(dialog->launchButton()->isEnabled());
            QTest::mouseClick(dialog->launchButton(), Qt::LeftButton);
        });
        m_app.window->newCommandAction()->trigger();
        QTRY_VERIFY(m_app.window->runPanel()->run().has_value());
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->runPanel()->statusText(), QStringLiteral("succeeded"), 30000);
        QTRY_VERIFY(m_app.window->outputView()->textView()->allText().contains(QLatin1String("offline-ok")));
        // Back online: F5 hides the banner.
        m_server.behave();
        m_app.window->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_app.window->offlineBanner()->isHidden(), 20000);
    }

    void copyWithCommandAndExport()
    {
        openWindow();
        testsupport::whenModal<ui::ReviewDialog>(this, [](ui::ReviewDialog *dialog) {
            dialog->commandEdit()->setPlainText(QStringLiteral("echo export-me"));
            QTRY_VERIFY(dialog->launchButton()->isEnabled());
            QTest::mouseClick(dialog->launchButton(), Qt::LeftButton);
        });
        m_app.window->newCommandAction()->trigger();
        QTRY_VERIFY(m_app.window->runPanel()->run().has_value());
        const QString runId = m_app.window->runPanel()->runId();
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->runPanel()->statusText(), QStringLiteral("succeeded"), 30000);
        QTRY_VERIFY(m_app.window->outputView()->textView()->allText().contains(QLatin1String("export-me")));

        // The finished run's audit chain is checked and shown; tampering with it is shown too.
        QTRY_VERIFY(m_app.window->runPanel()->auditChip()->isVisible());
        QCOMPARE(m_app.window->runPanel()->auditChip()->text(), QStringLiteral("audit verified"));

        // Copy with command: where it ran, what ran, then the output.
        m_app.window->runPanel()->copyOutputAction()->trigger();
        const QString copied = QApplication::clipboard()->text();
        QVERIFY2(copied.startsWith(
                     QStringLiteral("$ cd %1\n$ echo export-me\n").arg(m_app.window->runPanel()->run()->cwd)),
                 qPrintable(copied));
        QVERIFY(copied.contains(QLatin1String("\nexport-me\n")));

        // Export through the window: a new file is written; an existing one only after a yes.
        QVERIFY(m_app.window->runPanel()->exportAction()->isEnabled());
        const QString path = m_dir.filePath(QStringLiteral("exported.txt"));
        QFile::remove(path);
        QVERIFY(m_app.window->exportRunToFile(runId, int(app::ExportFormat::Text), path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("export-me\n"));
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("keep me");
        file.close();
        testsupport::whenModal<QMessageBox>(this,
                                            [](QMessageBox *box) { box->button(QMessageBox::No)->click(); });
        QVERIFY(!m_app.window->exportRunToFile(runId, int(app::ExportFormat::Json), path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
        file.close();
        testsupport::whenModal<QMessageBox>(this,
                                            [](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        QVERIFY(m_app.window->exportRunToFile(runId, int(app::ExportFormat::Json), path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject exported = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY2(!exported.isEmpty(), "the JSON export did not replace the file");
        QVERIFY(QJsonDocument(exported).toJson().contains(runId.toUtf8()));

        QSqlQuery tamper(m_app.context->database().connection());
        QVERIFY(tamper.prepare(QStringLiteral("UPDATE execution_run_events SET payload_text = 'export-you' "
                                              "WHERE run_id = ? AND payload_text LIKE '%export-me%'")));
        tamper.addBindValue(runId);
        QVERIFY2(tamper.exec(), qPrintable(tamper.lastError().text()));
        QVERIFY(tamper.numRowsAffected() >= 1);
        QSignalSpy checked(m_app.window.get(), &ui::MainWindow::auditChecked);
        m_app.window->showRun(runId);
        QTRY_COMPARE(checked.count(), 1);
        QCOMPARE(m_app.window->runPanel()->auditChip()->text(), QStringLiteral("audit TAMPERED"));
        QVERIFY(
            m_app.window->runPanel()->auditChip()->toolTip().contains(QLatin1String("execution_run_events")));
    }

    // Team store: a run another process writes to the same store (the real CLI here; another desktop
    // on PostgreSQL alike) appears in the history, streams in the output view and shows its end,
    // through app::RunChangeWatcher; without it the window would not know the run changed.
    void anotherProcessesRunAppearsLive()
    {
        openWindow();
        QTRY_VERIFY(!m_app.window->featurePicker()->visibleFeatureIds().isEmpty());
        // The project the window shows runs of ("" until one is picked: then every project's).
        const QString projectId = m_app.session->ccdash().projectId();
        const QString tools = m_workspace + QStringLiteral("/tools");
        QVERIFY(QDir().mkpath(tools));
        QFile::remove(tools + QStringLiteral("/childhelper"));
        QVERIFY(testsupport::copyExecutable(QStringLiteral(WORKBENCH_CHILDHELPER),
                                            tools + QStringLiteral("/childhelper")));
        const QString go = m_dir.filePath(QStringLiteral("go-live"));

        QProcess cli;
        cli.setWorkingDirectory(m_workspace);
        QStringList arguments{QStringLiteral("run"), QStringLiteral("--workspace"), m_workspace,
                              QStringLiteral("--database"), m_database};
        if (!projectId.isEmpty())
            arguments << QStringLiteral("--project") << projectId;
        arguments << QStringLiteral("--approve") << QStringLiteral("test helper") << QStringLiteral("--")
                  << QStringLiteral("./tools/childhelper") << QStringLiteral("out:first-line") << QStringLiteral("await:") + go
                  << QStringLiteral("out:second-line");
        cli.start(QStringLiteral(WORKBENCH_CLI_BINARY), arguments);
        QVERIFY(cli.waitForStarted());

        models::RunHistoryModel *history = m_app.window->runHistoryModel();
        QString runId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                models::RunQuery query;
                query.limit = 1;
                auto newest = m_app.session->executions().listRuns(query);
                if (!newest || newest->isEmpty() || !newest->first().sourceCommand.contains(QLatin1String("childhelper")))
                    return false;
                runId = newest->first().id;
                return history->rowOfRun(runId) >= 0;
            }(),
            30000);
        QTRY_COMPARE_WITH_TIMEOUT(history->index(history->rowOfRun(runId), models::RunHistoryModel::StatusColumn)
                                      .data(models::RunHistoryModel::StatusRole).toInt(),
                                  int(models::RunStatus::Running), 30000);
        m_app.window->runHistoryView()->tableView()->selectRow(history->rowOfRun(runId));
        QTRY_COMPARE(m_app.window->shownRunId(), runId);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.window->outputView()->textView()->allText().contains(QLatin1String("first-line")), 30000);
        QCOMPARE(m_app.window->runPanel()->statusText(), QStringLiteral("running"));

        QFile release(go);
        QVERIFY(release.open(QIODevice::WriteOnly));
        release.close();
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.window->outputView()->textView()->allText().contains(QLatin1String("second-line")), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->runPanel()->statusText(), QStringLiteral("succeeded"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(history->index(history->rowOfRun(runId), models::RunHistoryModel::StatusColumn)
                                      .data(models::RunHistoryModel::StatusRole).toInt(),
                                  int(models::RunStatus::Succeeded), 30000);
    }

private:
    void RecommendationCardReady()
    {
        QTRY_VERIFY(m_app.window->recommendationCard()->context().has_value());
        QTRY_VERIFY(m_app.window->recommendationCard()->runPrimaryButton()->isVisible());
    }

    // The workspace stands in for CCDash's project root, which is not on this machine.
    void openWindow()
    {
        m_app.open(m_database, testsupport::windowSessionOptions(m_server.baseUrl().toString(), m_workspace),
                   m_workspace);
    }

    void closeWindow() { m_app.close(); }

    FakeCcdashServer m_server;
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_database;
    testsupport::MainWindowUnderTest m_app;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
