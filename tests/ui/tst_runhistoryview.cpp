// The main window's run-history pane over a real SQLite store: rows, filters, the explained empty
// state, and the one message box a bad --database gets.
#include "app/cli/cliio.h"
#include "app/workbenchcontext.h"
#include "app/workbenchsession.h"
#include "models/runhistorymodel.h"
#include "ui/mainwindow.h"
#include "ui/runhistoryview.h"

#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace workbench;

namespace {

void addRun(app::WorkbenchContext &context, const QString &command, models::RunStatus status)
{
    models::ExecutionRun run;
    run.projectId = QStringLiteral("ccdash");
    run.featureId = QStringLiteral("feat-1");
    run.sourceCommand = command;
    run.normalizedCommand = command;
    run.cwd = QStringLiteral("/w");
    run.status = status;
    QVERIFY(context.executions().createRun(run));
}

// The services a window needs, pointed at a CCDash that is not there (port 1 refuses at once).
std::unique_ptr<app::WorkbenchSession> sessionFor(app::WorkbenchContext &context)
{
    app::WorkbenchSession::Options options;
    options.ccdashUrlOverride = QStringLiteral("http://127.0.0.1:1");
    options.loadToken = false;
    options.settings.notifyWhenDone = false;
    auto session = app::WorkbenchSession::create(context, options);
    if (!session)
        qFatal("session: %s", qPrintable(session.errorMessage()));
    return std::move(*session);
}

} // namespace

class TestRunHistoryView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString databaseArgument(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void emptyHistoryIsExplained()
    {
        auto context = app::WorkbenchContext::open(databaseArgument(QStringLiteral("empty.db")));
        QVERIFY2(context, qPrintable(context.errorMessage()));
        const auto session = sessionFor(**context);
        ui::MainWindow window(*session);
        window.show();
        QVERIFY(window.runHistoryView()->emptyStateText().startsWith(QStringLiteral("No runs yet.")));
        QVERIFY(!window.runHistoryView()->tableView()->isVisible());
    }

    void listsAndFiltersRuns()
    {
        auto context = app::WorkbenchContext::open(databaseArgument(QStringLiteral("runs.db")));
        QVERIFY2(context, qPrintable(context.errorMessage()));
        addRun(**context, QStringLiteral("make build"), models::RunStatus::Succeeded);
        addRun(**context, QStringLiteral("git push origin main"), models::RunStatus::Blocked);
        addRun(**context, QStringLiteral("npm test"), models::RunStatus::Failed);

        const auto session = sessionFor(**context);
        ui::MainWindow window(*session);
        window.show();
        ui::RunHistoryView *view = window.runHistoryView();
        QTableView *table = view->tableView();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(table->model()->rowCount(), 3);
        QVERIFY(table->isVisible());
        QCOMPARE(view->emptyStateText(), QString());
        QCOMPARE(table->model()->index(0, models::RunHistoryModel::CommandColumn).data().toString(), QStringLiteral("npm test"));

        QSignalSpy current(view, &ui::RunHistoryView::currentRunChanged);
        table->setCurrentIndex(table->model()->index(1, 0));
        QCOMPARE(current.count(), 1);
        QCOMPARE(view->currentRunId(), window.runHistoryModel()->runAt(1).id);

        auto *search = view->findChild<QLineEdit *>(QStringLiteral("runHistoryTextFilter"));
        QVERIFY(search);
        QTest::keyClicks(search, QStringLiteral("PUSH"));
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, models::RunHistoryModel::StatusColumn).data().toString(), QStringLiteral("blocked"));

        auto *status = view->findChild<QComboBox *>(QStringLiteral("runHistoryStatusFilter"));
        QVERIFY(status);
        status->setCurrentIndex(status->findText(QStringLiteral("failed")));
        QCOMPARE(table->model()->rowCount(), 0);
        QCOMPARE(view->emptyStateText(), QStringLiteral("No runs match these filters."));

        search->clear();
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, models::RunHistoryModel::CommandColumn).data().toString(), QStringLiteral("npm test"));
        QCOMPARE(view->emptyStateText(), QString());
    }

    void badDatabaseGetsOneMessage_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("not a database") << QByteArray("my notes\n").repeated(100) << QStringLiteral("is not a CCDash Workbench database")
                                        << int(cli::ExitUnavailable);
        QTest::newRow("refused postgres") << QByteArray() << QStringLiteral("Cannot connect to PostgreSQL") << int(cli::ExitUnavailable);
    }
    void badDatabaseGetsOneMessage()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QFETCH(int, exitCode);
        QString setting = QStringLiteral("postgresql://postgres@127.0.0.1:1/none");
        if (!content.isEmpty()) {
            setting = m_dir.filePath(QStringLiteral("notes.txt"));
            QFile file(setting);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        QString shown;
        int boxes = 0;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(qApp->activeModalWidget());
            auto *box = qobject_cast<QMessageBox *>(qApp->activeModalWidget());
            QVERIFY(box);
            ++boxes;
            shown = box->text();
            box->accept();
        });
        int code = 0;
        const auto context = ui::openWorkbenchOrExplain({QStringLiteral("ccdash-workbench"), QStringLiteral("--database"), setting},
                                                        nullptr, &code);
        QVERIFY(!context);
        QCOMPARE(code, exitCode);
        QCOMPARE(boxes, 1);
        QVERIFY2(shown.contains(message), qPrintable(shown));
        if (!content.isEmpty()) {
            QFile file(setting);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), content);
        }
    }
};

QTEST_MAIN(TestRunHistoryView)
#include "tst_runhistoryview.moc"
