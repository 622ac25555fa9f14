// The approval dialog: the safe choice is the default (Deny is the default button, Escape
// approves nothing), Approve passes the rationale and "remember" only where it is offered, and
// every reason is shown. Driven modally, the Kate way.
#include "ui/approvaldialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

using namespace workbench;
using ui::ApprovalDialog;

namespace {

models::ExecutionRun blockedRun()
{
    models::ExecutionRun run;
    run.id = models::newRunId();
    run.sourceCommand = QStringLiteral("git push --force origin main");
    run.cwd = QStringLiteral("/home/dev/project");
    run.riskLevel = QStringLiteral("high");
    run.policyVerdict = QStringLiteral("requires_approval");
    run.requiresApproval = true;
    run.status = models::RunStatus::Blocked;
    return run;
}

QList<policy::PolicyReason> reasons()
{
    return {{QStringLiteral("git_force_push"), {4, 4}, QStringLiteral("Force-pushing rewrites shared history.")},
            {QStringLiteral("network_access"), {0, 0}, QStringLiteral("The command talks to a remote.")}};
}

// Runs `interact` once the dialog is the active modal widget, then exec()s it.
int execWith(ApprovalDialog &dialog, const std::function<void(ApprovalDialog &)> &interact)
{
    QTimer::singleShot(0, &dialog, [&dialog, interact] {
        QTRY_VERIFY(QApplication::activeModalWidget() == &dialog);
        interact(dialog);
    });
    return dialog.exec();
}

} // namespace

class TestApprovalDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void denyIsTheDefault_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("Enter") << int(Qt::Key_Return);
        QTest::newRow("keypad Enter") << int(Qt::Key_Enter);
    }
    void denyIsTheDefault()
    {
        QFETCH(int, key);
        ApprovalDialog dialog(blockedRun(), reasons(), true);
        QVERIFY(dialog.denyButton()->isDefault());
        QVERIFY(!dialog.approveButton()->isDefault());
        QVERIFY(!dialog.approveButton()->autoDefault());
        const int result = execWith(dialog, [key](ApprovalDialog &d) {
            d.denyButton()->setFocus();
            QTest::keyClick(&d, Qt::Key(key));
        });
        QCOMPARE(result, int(QDialog::Rejected));
        QVERIFY(dialog.decision() == ApprovalDialog::Decision::Denied);
    }

    void escapeApprovesNothing()
    {
        ApprovalDialog dialog(blockedRun(), reasons(), true);
        const int result = execWith(dialog, [](ApprovalDialog &d) { QTest::keyClick(&d, Qt::Key_Escape); });
        QCOMPARE(result, int(QDialog::Rejected));
        QVERIFY(dialog.decision() == ApprovalDialog::Decision::Undecided);
    }

    void approvePassesRationale_data()
    {
        QTest::addColumn<bool>("rememberable");
        QTest::addColumn<bool>("tick");
        QTest::addColumn<bool>("expectRemember");
        QTest::newRow("rememberable, ticked") << true << true << true;
        QTest::newRow("rememberable, not ticked") << true << false << false;
        QTest::newRow("not rememberable") << false << true << false;
    }
    void approvePassesRationale()
    {
        QFETCH(bool, rememberable);
        QFETCH(bool, tick);
        QFETCH(bool, expectRemember);
        ApprovalDialog dialog(blockedRun(), reasons(), rememberable);
        QCOMPARE(dialog.rememberBox()->isVisibleTo(&dialog), rememberable);
        const int result = execWith(dialog, [tick](ApprovalDialog &d) {
            QTest::keyClicks(d.rationaleEdit(), QStringLiteral("  release hotfix, agreed with the team  "));
            if (tick)
                d.rememberBox()->setChecked(true);
            QTest::mouseClick(d.approveButton(), Qt::LeftButton);
        });
        QCOMPARE(result, int(QDialog::Accepted));
        QVERIFY(dialog.decision() == ApprovalDialog::Decision::Approved);
        QCOMPARE(dialog.rationale(), QStringLiteral("release hotfix, agreed with the team"));
        QCOMPARE(dialog.rememberForWorkspace(), expectRemember);
    }

    void showsEveryReasonAndTheRisk()
    {
        ApprovalDialog dialog(blockedRun(), reasons(), false);
        const QString text = dialog.reasonsLabel()->text();
        QVERIFY2(text.contains(QLatin1String("git_force_push")) && text.contains(QLatin1String("Force-pushing rewrites")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("network_access")) && text.contains(QLatin1String("talks to a remote")), qPrintable(text));
        // The part of the command a reason is about is quoted next to it.
        QVERIFY2(text.contains(QLatin1String("<code>push</code>")), qPrintable(text));
        QVERIFY(dialog.bannerLabel()->text().contains(QLatin1String("high")));
    }
};

QTEST_MAIN(TestApprovalDialog)
#include "tst_approvaldialog.moc"
