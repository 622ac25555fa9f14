// The run panel: actions enabled per status, the elapsed time ticks while a run is running and
// stops when it ends, exit codes and signals are described, a failed run's retry asks first.
#include "ui/runpanel.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QtTest>

using namespace workbench;
using models::RunStatus;
using ui::RunPanel;

namespace {

models::ExecutionRun runWith(RunStatus status, const QString &verdict = QStringLiteral("allow"))
{
    models::ExecutionRun run;
    run.id = models::newRunId();
    run.sourceCommand = QStringLiteral("make test");
    run.cwd = QStringLiteral("/ws");
    run.policyVerdict = verdict;
    run.requiresApproval = verdict == QLatin1String("requires_approval");
    run.status = status;
    run.createdAt = QStringLiteral("2026-04-07T15:04:05.000000+00:00");
    if (status != RunStatus::Blocked && status != RunStatus::Queued)
        run.startedAt = QStringLiteral("2026-04-07T15:04:05.000000+00:00");
    if (models::isFinished(status)) {
        run.endedAt = QStringLiteral("2026-04-07T15:06:10.000000+00:00");
        run.exitCode = status == RunStatus::Succeeded ? 0 : 2;
    }
    return run;
}

} // namespace

class TestRunPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void actionsFollowStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<bool>("review");
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<bool>("retry");
        QTest::newRow("queued") << int(RunStatus::Queued) << "allow" << false << true << false;
        QTest::newRow("running") << int(RunStatus::Running) << "allow" << false << true << false;
        QTest::newRow("succeeded") << int(RunStatus::Succeeded) << "allow" << false << false << false;
        QTest::newRow("failed") << int(RunStatus::Failed) << "allow" << false << false << true;
        QTest::newRow("canceled") << int(RunStatus::Canceled) << "allow" << false << false << true;
        QTest::newRow("awaiting approval") << int(RunStatus::Blocked) << "requires_approval" << true << true << true;
        QTest::newRow("denied by policy") << int(RunStatus::Blocked) << "deny" << false << false << true;
    }
    void actionsFollowStatus()
    {
        QFETCH(int, status);
        QFETCH(QString, verdict);
        QFETCH(bool, review);
        QFETCH(bool, cancel);
        QFETCH(bool, retry);
        RunPanel panel;
        QVERIFY(!panel.cancelAction()->isEnabled());
        QVERIFY(!panel.copyOutputAction()->isEnabled());
        panel.setRun(runWith(RunStatus(status), verdict));
        QCOMPARE(panel.reviewApprovalAction()->isEnabled(), review);
        QCOMPARE(panel.cancelAction()->isEnabled(), cancel);
        QCOMPARE(panel.retryAction()->isEnabled(), retry);
        QVERIFY(panel.copyOutputAction()->isEnabled());
        // No export service: the action is left out, not offered disabled.
        QVERIFY(!panel.exportAction()->isEnabled());
        for (QToolButton *button : panel.findChildren<QToolButton *>()) {
            if (button->defaultAction() == panel.exportAction())
                QVERIFY(!button->isVisibleTo(&panel));
        }
        panel.clear();
        QVERIFY(!panel.retryAction()->isEnabled());
        // Once the approval was denied nothing is pending: no review, no cancel.
        if (review) {
            panel.setRun(runWith(RunStatus(status), verdict), false);
            QVERIFY(!panel.reviewApprovalAction()->isEnabled());
            QVERIFY(!panel.cancelAction()->isEnabled());
            QVERIFY(panel.retryAction()->isEnabled());
        }
    }

    // A run that waits for approval (or was denied) has no start time; its creation time is not one.
    void blockedRunIsNotShownAsStarted()
    {
        RunPanel panel;
        panel.setRun(runWith(RunStatus::Blocked, QStringLiteral("requires_approval")));
        const QString started = panel.findChild<QLabel *>(QStringLiteral("runStarted"))->text();
        QVERIFY2(started.startsWith(QLatin1String("not started")), qPrintable(started));
        panel.setRun(runWith(RunStatus::Running));
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("runStarted"))->text().startsWith(QLatin1String("not started")));
    }

    void formatsElapsed_data()
    {
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("sub-second") << qint64(286) << "286 ms";
        QTest::newRow("zero") << qint64(0) << "0 ms";
        QTest::newRow("seconds") << qint64(4200) << "4 s";
        QTest::newRow("minutes") << qint64(65000) << "1 min 05 s";
        QTest::newRow("hours") << qint64(3600000 + 120000) << "1 h 02 min";
    }
    void formatsElapsed()
    {
        QFETCH(qint64, milliseconds);
        QFETCH(QString, expected);
        QCOMPARE(RunPanel::formatElapsed(milliseconds), expected);
    }

    void elapsedTicksWhileRunning()
    {
        RunPanel panel;
        QDateTime now = QDateTime(QDate(2026, 4, 7), QTime(15, 4, 9), Qt::UTC);
        panel.setClock([&now] { return now; });
        panel.setRun(runWith(RunStatus::Running));
        QCOMPARE(panel.elapsedText(), QStringLiteral("4 s"));
        QVERIFY(panel.isTicking());
        now = now.addSecs(61);
        // The panel's own timer picks the new time up.
        QTRY_COMPARE(panel.elapsedText(), QStringLiteral("1 min 05 s"));

        models::ExecutionRun finished = runWith(RunStatus::Succeeded);
        finished.id = panel.runId();
        panel.setRun(finished);
        QCOMPARE(panel.elapsedText(), QStringLiteral("2 min 05 s"));
        QVERIFY(!panel.isTicking());
        // A finished run's time is measured to its end, whatever the clock says now.
        now = now.addSecs(3600);
        panel.setClock([&now] { return now; });
        QCOMPARE(panel.elapsedText(), QStringLiteral("2 min 05 s"));
    }

    void describesExit_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("expected");
        QTest::newRow("success") << int(RunStatus::Succeeded) << 0 << "{}" << "exit code 0";
        QTest::newRow("failure") << int(RunStatus::Failed) << 2 << "{}" << "exit code 2";
        QTest::newRow("signal from outcome") << int(RunStatus::Canceled) << -15
                                             << R"({"signal":15,"canceled":true,"cancelReason":"user"})"
                                             << "killed by signal 15 (SIGTERM), canceled: user";
        QTest::newRow("negative exit code") << int(RunStatus::Failed) << -9 << "{}" << "killed by signal 9 (SIGKILL)";
        QTest::newRow("timeout") << int(RunStatus::Failed) << -15 << R"({"signal":15,"timedOut":true})"
                                 << "killed by signal 15 (SIGTERM), timed out";
    }
    void describesExit()
    {
        QFETCH(int, status);
        QFETCH(int, exitCode);
        QFETCH(QString, outcome);
        QFETCH(QString, expected);
        models::ExecutionRun run = runWith(RunStatus(status));
        run.exitCode = exitCode;
        run.metadata.insert(QStringLiteral("workbench"),
                            QJsonObject{{QStringLiteral("outcome"), QJsonDocument::fromJson(outcome.toUtf8()).object()}});
        RunPanel panel;
        panel.setRun(run);
        QCOMPARE(panel.exitText(), expected);
        QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("runExit"))->text(), expected);
    }

    void retryOfFailedRunAsksFirst_data()
    {
        QTest::addColumn<bool>("confirm");
        QTest::newRow("confirmed") << true;
        QTest::newRow("declined") << false;
    }
    void retryOfFailedRunAsksFirst()
    {
        QFETCH(bool, confirm);
        RunPanel panel;
        panel.setRun(runWith(RunStatus::Failed));
        QSignalSpy retries(&panel, &RunPanel::retryRequested);
        QTimer::singleShot(0, &panel, [confirm] {
            QTRY_VERIFY(QApplication::activeModalWidget());
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box);
            // The safe answer is the default.
            QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
            if (confirm) {
                for (QAbstractButton *button : box->buttons()) {
                    if (box->buttonRole(button) == QMessageBox::AcceptRole)
                        button->click();
                }
            } else {
                QTest::keyClick(box, Qt::Key_Escape);
            }
        });
        panel.retryAction()->trigger();
        QCOMPARE(retries.size(), confirm ? 1 : 0);
        if (confirm) {
            QCOMPARE(retries.first().at(0).toString(), panel.runId());
            QCOMPARE(retries.first().at(1).toBool(), true);
        }
    }

    void retryOfCanceledRunNeedsNoConfirmation()
    {
        RunPanel panel;
        panel.setRun(runWith(RunStatus::Canceled));
        QSignalSpy retries(&panel, &RunPanel::retryRequested);
        panel.retryAction()->trigger();
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries.first().at(1).toBool(), false);
    }
};

QTEST_MAIN(TestRunPanel)
#include "tst_runpanel.moc"
