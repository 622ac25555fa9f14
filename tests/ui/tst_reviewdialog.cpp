// The review dialog against the real policy engine: the verdict follows the text as it is typed,
// the parts a reason is about are underlined (with the reason as tooltip), and Launch is disabled
// on deny and says why. Accepting hands back exactly what was reviewed.
#include "policy/policyengine.h"
#include "ui/reviewdialog.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QtTest>

using namespace workbench;
using ui::ReviewDialog;

class TestReviewDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_workspace.isValid());
        QVERIFY(QDir(m_workspace.path()).mkpath(QStringLiteral("src")));
    }

    void verdictFollowsTyping_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<bool>("launchEnabled");
        QTest::addColumn<QString>("underlined"); // the text of the command that must be underlined ("" = none)
        QTest::newRow("allow") << "git status" << "allow" << true << "";
        QTest::newRow("needs approval") << "git push origin main" << "requires_approval" << true << "";
        QTest::newRow("deny") << "echo ok && rm -rf /" << "deny" << false << "rm -rf /";
        QTest::newRow("deny, sudo") << "sudo rm -rf /" << "deny" << false << "";
    }
    void verdictFollowsTyping()
    {
        QFETCH(QString, command);
        QFETCH(QString, verdict);
        QFETCH(bool, launchEnabled);
        QFETCH(QString, underlined);

        ReviewDialog dialog(checker(), initial(QStringLiteral("ls")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(dialog.currentResult().has_value());
        QCOMPARE(policy::toString(dialog.currentResult()->verdict), QStringLiteral("allow"));
        QVERIFY(dialog.launchButton()->isEnabled());

        QSignalSpy verdicts(&dialog, &ReviewDialog::verdictChanged);
        dialog.commandEdit()->selectAll();
        QTest::keyClicks(dialog.commandEdit(), command);
        // Debounced: one evaluation for the whole burst of keystrokes, for the final text.
        QTRY_COMPARE(verdicts.size(), 1);
        QCOMPARE(policy::toString(dialog.currentResult()->verdict), verdict);
        QCOMPARE(dialog.launchButton()->isEnabled(), launchEnabled);
        if (!launchEnabled) {
            QVERIFY(!dialog.launchBlockedReason().isEmpty());
            QVERIFY2(dialog.blockedLabel()->text().contains(QLatin1String("blocked by policy")), qPrintable(dialog.blockedLabel()->text()));
            QVERIFY(dialog.blockedLabel()->isVisible());
        } else {
            QVERIFY(dialog.launchBlockedReason().isEmpty());
        }

        const QList<QTextEdit::ExtraSelection> selections = dialog.commandEdit()->extraSelections();
        for (const QTextEdit::ExtraSelection &selection : selections)
            QCOMPARE(selection.format.underlineStyle(), QTextCharFormat::WaveUnderline);
        if (!underlined.isEmpty()) {
            const int offset = int(command.indexOf(underlined));
            bool covered = false;
            for (const QTextEdit::ExtraSelection &selection : selections) {
                if (selection.cursor.selectionStart() <= offset && selection.cursor.selectionEnd() > offset) {
                    covered = true;
                    QVERIFY(!selection.format.toolTip().isEmpty());
                }
            }
            QVERIFY2(covered, qPrintable(QStringLiteral("no underline at \"%1\"").arg(underlined)));
            QVERIFY(!dialog.reasonsAt(offset).isEmpty());
        }
    }

    void editingDropsStaleUnderlines()
    {
        ReviewDialog dialog(checker(), initial(QStringLiteral("rm -rf /")));
        QTRY_VERIFY(!dialog.commandEdit()->extraSelections().isEmpty());
        QVERIFY(!dialog.launchButton()->isEnabled());
        dialog.commandEdit()->selectAll();
        QTest::keyClicks(dialog.commandEdit(), QStringLiteral("rm -rf build"));
        // The spans were for the old text: gone at once, and Launch waits for the new verdict.
        QVERIFY(dialog.commandEdit()->extraSelections().isEmpty());
        QVERIFY(!dialog.launchButton()->isEnabled());
        QTRY_VERIFY(dialog.currentResult() && dialog.currentResult()->verdict != policy::Verdict::Deny);
        QVERIFY(dialog.launchButton()->isEnabled());
    }

    void cwdOutsideWorkspaceIsJudged()
    {
        ReviewDialog dialog(checker(), initial(QStringLiteral("ls")));
        QTRY_VERIFY(dialog.launchButton()->isEnabled());
        QSignalSpy verdicts(&dialog, &ReviewDialog::verdictChanged);
        dialog.cwdEdit()->setText(QStringLiteral("../.."));
        QTRY_COMPARE(verdicts.size(), 1);
        QCOMPARE(policy::toString(dialog.currentResult()->verdict), QStringLiteral("deny"));
        QVERIFY(!dialog.launchButton()->isEnabled());
        dialog.cwdEdit()->setText(QStringLiteral("src"));
        QTRY_COMPARE(verdicts.size(), 2);
        QVERIFY(dialog.launchButton()->isEnabled());
    }

    void emptyCommandCannotLaunch()
    {
        ReviewDialog dialog(checker(), initial(QString()));
        QVERIFY(!dialog.launchButton()->isEnabled());
        QCOMPARE(dialog.launchBlockedReason(), QStringLiteral("Enter a command to run."));
    }

    void launchReturnsWhatWasReviewed()
    {
        ReviewDialog dialog(checker(), initial(QStringLiteral("git status")));
        QTimer::singleShot(0, &dialog, [&dialog] {
            QTRY_VERIFY(QApplication::activeModalWidget() == &dialog);
            dialog.commandEdit()->selectAll();
            QTest::keyClicks(dialog.commandEdit(), QStringLiteral("git diff --stat"));
            dialog.cwdEdit()->setText(QStringLiteral("src"));
            dialog.envProfileBox()->setCurrentIndex(dialog.envProfileBox()->findData(QStringLiteral("ci")));
            dialog.timeoutBox()->setValue(15);
            QTRY_VERIFY(dialog.launchButton()->isEnabled());
            QTest::mouseClick(dialog.launchButton(), Qt::LeftButton);
        });
        QCOMPARE(dialog.exec(), int(QDialog::Accepted));
        const ui::ReviewChoice choice = dialog.choice();
        QCOMPARE(choice.command, QStringLiteral("git diff --stat"));
        QCOMPARE(choice.cwd, QStringLiteral("src"));
        QCOMPARE(choice.envProfile, QStringLiteral("ci"));
        QCOMPARE(choice.timeoutMinutes, 15);
        QCOMPARE(choice.ruleId, QStringLiteral("R1_test"));
        QCOMPARE(choice.workspace, m_workspace.path());
    }

private:
    ReviewDialog::PolicyCheck checker() const
    {
        return [this](const policy::PolicyRequest &request) { return m_engine.evaluate(request); };
    }
    ui::ReviewChoice initial(const QString &command) const
    {
        ui::ReviewChoice choice;
        choice.command = command;
        choice.workspace = m_workspace.path();
        choice.ruleId = QStringLiteral("R1_test");
        return choice;
    }

    QTemporaryDir m_workspace;
    policy::PolicyEngine m_engine;
};

QTEST_MAIN(TestReviewDialog)
#include "tst_reviewdialog.moc"
