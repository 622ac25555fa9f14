// CCDash misbehaving while a run streams in the real window: answering with HTTP errors, with
// garbage, too slowly (beyond the client's transfer timeout), cut short, or not at all. The run is
// the user's work and does not depend on CCDash: it goes on, completes, and every line it printed
// is stored and shown; the window shows CCDash's problem where it always does (the recommendation
// card, and the offline banner when CCDash is unreachable) and stays usable.
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "models/executionrepository.h"
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
#include "ui/runpanel.h"

#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace workbench;
using testsupport::FakeCcdashServer;

class TestMainWindowCcdashFaults : public QObject
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
        QVERIFY(QDir().mkpath(m_workspace));
        // Prints numbered lines until the file named by $1 exists, then how many it printed.
        const QString bin = m_dir.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(testsupport::writeExecutable(bin + QStringLiteral("/streamer"),
                                             "#!/bin/sh\ni=0\nwhile [ ! -e \"$1\" ]; do echo \"stream line "
                                             "$i\"; i=$((i+1)); sleep 0.01; done\n"
                                             "echo \"stream done $i\"\n"));
        qputenv("PATH", (bin + QLatin1Char(':') + qEnvironmentVariable("PATH")).toUtf8());
        m_database = m_dir.filePath(QStringLiteral("workbench.db"));
    }

    void cleanup()
    {
        m_app.close();
        m_server.behave();
    }

    void runCompletesWhileCcdashMisbehaves_data()
    {
        QTest::addColumn<FakeCcdashServer::Misbehaviour>("misbehaviour");
        QTest::addColumn<bool>("unreachable"); // the offline banner is expected too
        QTest::addColumn<QString>("problem");  // part of the message the card shows
        QTest::newRow("HTTP 500") << FakeCcdashServer::Misbehaviour::InternalError << false << QStringLiteral("500");
        QTest::newRow("HTTP 401") << FakeCcdashServer::Misbehaviour::Unauthorized << false << QStringLiteral("401");
        QTest::newRow("garbage") << FakeCcdashServer::Misbehaviour::Garbage << false << QString();
        QTest::newRow("wrong shape") << FakeCcdashServer::Misbehaviour::WrongShape << false << QString();
        QTest::newRow("slower than the timeout") << FakeCcdashServer::Misbehaviour::Slow << true << QString();
        QTest::newRow("truncated") << FakeCcdashServer::Misbehaviour::Truncated << true << QString();
        QTest::newRow("connection dropped") << FakeCcdashServer::Misbehaviour::CloseConnection << true << QString();
    }
    void runCompletesWhileCcdashMisbehaves()
    {
        QFETCH(FakeCcdashServer::Misbehaviour, misbehaviour);
        QFETCH(bool, unreachable);
        QFETCH(QString, problem);
        openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(m_app.window->featurePicker()->visibleFeatureIds().size() >= 2, 20000);
        m_app.session->ccdash().setTransferTimeout(1000);
        m_server.setSlowDelay(4000);

        // A run that streams until the test says stop.
        const QString stopFile = m_workspace + QStringLiteral("/stop-") + QString::number(QDateTime::currentMSecsSinceEpoch());
        QObject dialogs;
        testsupport::whenModal<ui::ReviewDialog>(&dialogs, [&stopFile](ui::ReviewDialog *dialog) {
            dialog->commandEdit()->setPlainText(QStringLiteral("streamer %1").arg(QFileInfo(stopFile).fileName()));
            QTRY_VERIFY(dialog->launchButton()->isEnabled());
            QTest::mouseClick(dialog->launchButton(), Qt::LeftButton);
        });
        testsupport::whenModal<ui::ApprovalDialog>(
            &dialogs, [](ui::ApprovalDialog *dialog) { // if the policy asks
                QTest::keyClicks(dialog->rationaleEdit(), QStringLiteral("test streamer"));
                QTest::mouseClick(dialog->approveButton(), Qt::LeftButton);
            });
        m_app.window->newCommandAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_app.window->runPanel()->run().has_value(), 20000);
        const QString runId = m_app.window->runPanel()->runId();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.window->outputView()->textView()->allText().contains(QLatin1String("stream line 3\n")),
            30000);

        // CCDash goes bad while the run streams: everything the window asks for now fails.
        m_server.misbehave(misbehaviour);
        m_app.window->refreshAction()->trigger();
        const QStringList features = m_app.window->featurePicker()->visibleFeatureIds();
        const QString other = features.at(0) == m_app.window->featurePicker()->currentFeatureId()
                                  ? features.at(1)
                                  : features.at(0);
        QVERIFY(m_app.window->featurePicker()->selectFeature(other));
        QTRY_VERIFY2_WITH_TIMEOUT(m_app.window->recommendationCard()->messageLabel()->text().contains(
                                      QLatin1String("could not be loaded")),
                                  qPrintable(m_app.window->recommendationCard()->messageLabel()->text()),
                                  30000);
        QVERIFY2(m_app.window->recommendationCard()->messageLabel()->text().contains(problem),
                 qPrintable(m_app.window->recommendationCard()->messageLabel()->text()));
        if (unreachable)
            QTRY_VERIFY_WITH_TIMEOUT(m_app.window->offlineBanner()->isVisible(), 30000);
        else
            QVERIFY(m_app.window->offlineBanner()->isHidden());
        // The run went on meanwhile, and its output kept arriving in the window.
        QCOMPARE(m_app.window->runPanel()->runId(), runId);
        QCOMPARE(m_app.window->runPanel()->statusText(), QStringLiteral("running"));
        const qsizetype shownBefore = m_app.window->outputView()->textView()->allText().size();
        QTRY_VERIFY_WITH_TIMEOUT(m_app.window->outputView()->textView()->allText().size() > shownBefore,
                                 30000);

        QFile stop(stopFile);
        QVERIFY(stop.open(QIODevice::WriteOnly));
        stop.close();
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->runPanel()->statusText(), QStringLiteral("succeeded"), 30000);

        // Every line, in order, stored and shown.
        auto page = m_app.context->executions().listEventsAfterSequence(runId, 0, 1000000);
        QVERIFY(page);
        QByteArray stored;
        for (const models::RunEvent &event : std::as_const(page->items)) {
            if (event.stream == models::EventStream::Stdout)
                stored += event.payloadText.toUtf8();
        }
        const qsizetype doneAt = stored.indexOf("stream done ");
        QVERIFY2(doneAt > 0, stored.right(200).constData());
        const int lines = stored.mid(doneAt + 12).trimmed().toInt();
        QVERIFY(lines > 4);
        QByteArray expected;
        for (int i = 0; i < lines; ++i)
            expected += "stream line " + QByteArray::number(i) + '\n';
        expected += "stream done " + QByteArray::number(lines) + '\n';
        QCOMPARE(stored, expected);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.window->outputView()->textView()->allText().contains(
                QStringLiteral("stream line %1\nstream done %2\n").arg(lines - 1).arg(lines)),
            30000);
        QVERIFY(m_app.window->outputView()->textView()->allText().contains(
            QLatin1String("stream line 0\nstream line 1\n")));

        // CCDash back: the window recovers without a restart.
        m_server.behave();
        m_app.window->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_app.window->offlineBanner()->isHidden(), 30000);
    }

    // CCDash failing to list the features when the window opens (nothing cached, nothing selected):
    // the card names the problem as it is, and says "not reachable" only when it is.
    void featureListFailureIsNamedOnTheCard_data()
    {
        QTest::addColumn<FakeCcdashServer::Misbehaviour>("misbehaviour");
        QTest::addColumn<QString>("expected"); // on the card
        QTest::addColumn<QString>("problem");  // in the feature picker's status, right above the card
        QTest::newRow("HTTP 500") << FakeCcdashServer::Misbehaviour::InternalError
                                  << QStringLiteral("CCDash could not list the features") << QStringLiteral("HTTP 500");
        QTest::newRow("garbage") << FakeCcdashServer::Misbehaviour::Garbage
                                 << QStringLiteral("CCDash could not list the features") << QStringLiteral("/api/features");
        QTest::newRow("connection dropped") << FakeCcdashServer::Misbehaviour::CloseConnection
                                            << QStringLiteral("CCDash is not reachable") << QStringLiteral("/api/features");
    }
    void featureListFailureIsNamedOnTheCard()
    {
        QFETCH(FakeCcdashServer::Misbehaviour, misbehaviour);
        QFETCH(QString, expected);
        QFETCH(QString, problem);
        const QString sharedDatabase = m_database;
        m_database = m_dir.filePath(QStringLiteral("fresh-%1.db").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        m_server.misbehave(misbehaviour);
        openWindow();
        m_database = sharedDatabase;
        QTRY_VERIFY2_WITH_TIMEOUT(m_app.window->recommendationCard()->messageLabel()->text().contains(expected),
                                  qPrintable(m_app.window->recommendationCard()->messageLabel()->text()), 30000);
        const QString message = m_app.window->recommendationCard()->messageLabel()->text();
        QVERIFY2(message.contains(QLatin1String("New Command (Ctrl+N)")), qPrintable(message));
        const QString status = m_app.window->featurePicker()->statusText();
        QVERIFY2(status.startsWith(QLatin1String("Features could not be loaded: ")) && status.contains(problem), qPrintable(status));
    }

private:
    void openWindow()
    {
        m_app.open(m_database, testsupport::windowSessionOptions(m_server.baseUrl().toString(), m_workspace),
                   m_workspace);
    }

    FakeCcdashServer m_server;
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_database;
    testsupport::MainWindowUnderTest m_app;
};

QTEST_MAIN(TestMainWindowCcdashFaults)
#include "tst_mainwindow_ccdashfaults.moc"
