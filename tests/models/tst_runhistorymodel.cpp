// RunHistoryModel over a real store (SQLite and the fixture's PostgreSQL), checked by
// QAbstractItemModelTester while it pages, filters and refreshes.
#include "models/runhistorymodel.h"
#include "tests/models/storetestsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace workbench::models;
using namespace workbench::test;

namespace {

QString stamp(int i)
{
    return isoTimestamp(QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc()).addSecs(i));
}

// `count` runs, run i created at second i; every 7th failed; features feat-0..feat-2.
QStringList createRuns(ExecutionRepository &repository, int count)
{
    QStringList idsNewestFirst;
    QList<ExecutionRun> batch;
    for (int i = 0; i < count; ++i) {
        ExecutionRun run;
        run.projectId = QStringLiteral("ccdash");
        run.featureId = QStringLiteral("feat-%1").arg(i % 3);
        run.sourceCommand = QStringLiteral("make test-%1").arg(i);
        run.normalizedCommand = run.sourceCommand;
        run.cwd = QStringLiteral("/w");
        run.status = i % 7 == 0 ? RunStatus::Failed : RunStatus::Succeeded;
        run.createdAt = stamp(i);
        run.startedAt = stamp(i);
        run.endedAt = isoTimestamp(QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::utc()).addSecs(i).addMSecs(1500));
        run.exitCode = i % 7 == 0 ? 1 : 0;
        idsNewestFirst.prepend(repository.createRun(run)->id);
    }
    return idsNewestFirst;
}

QStringList modelIds(const RunHistoryModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(RunHistoryModel::RunIdRole).toString();
    return ids;
}

} // namespace

#define OPEN_STORE(dialect, store, db)                                                              \
    WORKBENCH_FRESH_STORE(dialect, store)                                                           \
    StoreResult<std::unique_ptr<Database>> opened_ = Database::open(*parseDatabaseLocation(store.url)); \
    QVERIFY2(opened_, qPrintable(opened_.errorMessage()));                                          \
    Database &db = **opened_;

class TestRunHistoryModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pagesNewestFirst_data() { addDialectRows(); }
    void pagesNewestFirst()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ExecutionRepository repository(db);
        const QStringList ids = createRuns(repository, 2 * RunHistoryModel::PageSize + 50);

        RunHistoryModel model(&repository);
        QSignalSpy pages(&model, &RunHistoryModel::pageLoaded);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The tester itself fetches while it checks; drive whatever is left explicitly.
        while (model.canFetchMore())
            model.fetchMore();
        QCOMPARE(model.rowCount(), ids.size());
        QCOMPARE(modelIds(model), ids);
        QCOMPARE(pages.count(), 3); // 200 + 200 + 50
        QVERIFY(!model.isEmptyResult());
        QCOMPARE(model.rowOfRun(ids.at(260)), 260);
    }

    void fetchesOnePageAtATime()
    {
        OPEN_STORE(Dialect::Sqlite, store, db);
        ExecutionRepository repository(db);
        createRuns(repository, RunHistoryModel::PageSize + 1);
        RunHistoryModel model(&repository);
        QCOMPARE(model.rowCount(), 0); // nothing is read before a view asks
        QVERIFY(model.canFetchMore());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore();
        QCOMPARE(model.rowCount(), RunHistoryModel::PageSize);
        QVERIFY(model.canFetchMore());
        model.fetchMore();
        QCOMPARE(model.rowCount(), RunHistoryModel::PageSize + 1);
        QVERIFY(!model.canFetchMore());
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), RunHistoryModel::PageSize);
    }

    void filters_data() { addDialectRows(); }
    void filters()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ExecutionRepository repository(db);
        createRuns(repository, 30);
        RunHistoryModel model(&repository);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        RunHistoryModel::Filter failed;
        failed.statuses = {RunStatus::Failed};
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setFilter(failed);
        QCOMPARE(reset.count(), 1);
        while (model.canFetchMore())
            model.fetchMore();
        QCOMPARE(model.rowCount(), 5); // 0, 7, 14, 21, 28
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, RunHistoryModel::StatusColumn).data().toString(), QStringLiteral("failed"));

        RunHistoryModel::Filter byFeature;
        byFeature.featureId = QStringLiteral("feat-1");
        byFeature.text = QStringLiteral("TEST-2");
        model.setFilter(byFeature);
        while (model.canFetchMore())
            model.fetchMore();
        QStringList commands;
        for (int row = 0; row < model.rowCount(); ++row)
            commands << model.index(row, RunHistoryModel::CommandColumn).data().toString();
        QCOMPARE(commands, (QStringList{QStringLiteral("make test-28"), QStringLiteral("make test-25"),
                                        QStringLiteral("make test-22")}));

        RunHistoryModel::Filter nothing;
        nothing.text = QStringLiteral("no such command");
        model.setFilter(nothing);
        model.fetchMore();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.isEmptyResult());
    }

    void columns()
    {
        OPEN_STORE(Dialect::Sqlite, store, db);
        ExecutionRepository repository(db);
        createRuns(repository, 8);
        ExecutionRun running;
        running.projectId = QStringLiteral("p");
        running.sourceCommand = QStringLiteral("sleep 100");
        running.featureId = QStringLiteral("feat-x");
        running.riskLevel = QStringLiteral("high");
        running.status = RunStatus::Running;
        running.startedAt = isoTimestampNow();
        running = *repository.createRun(running);
        RunHistoryModel model(&repository);
        model.fetchMore();
        QCOMPARE(model.columnCount(), 7);
        QCOMPARE(model.headerData(RunHistoryModel::ExitCodeColumn, Qt::Horizontal).toString(), QStringLiteral("Exit code"));
        auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(cell(0, RunHistoryModel::StatusColumn), QStringLiteral("running"));
        QCOMPARE(cell(0, RunHistoryModel::RiskColumn), QStringLiteral("high"));
        QCOMPARE(cell(0, RunHistoryModel::FeatureColumn), QStringLiteral("feat-x"));
        QCOMPARE(cell(0, RunHistoryModel::DurationColumn), QStringLiteral("running"));
        QCOMPARE(cell(0, RunHistoryModel::ExitCodeColumn), QString());
        // Row 1 is run 7: failed, exit 1, 1.5 s long.
        QCOMPARE(cell(1, RunHistoryModel::StatusColumn), QStringLiteral("failed"));
        QCOMPARE(cell(1, RunHistoryModel::ExitCodeColumn), QStringLiteral("1"));
        QCOMPARE(cell(1, RunHistoryModel::DurationColumn), QStringLiteral("1.5 s"));
        QCOMPARE(cell(1, RunHistoryModel::StartedColumn),
                 QLocale().toString(parseIsoTimestamp(stamp(7)).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QCOMPARE(model.index(1, 0).data(RunHistoryModel::RunRole).value<ExecutionRun>().sourceCommand, QStringLiteral("make test-7"));
    }

    void formatDuration_data()
    {
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << qint64(850) << "850 ms";
        QTest::newRow("seconds") << qint64(12'440) << "12.4 s";
        QTest::newRow("minutes") << qint64(185'000) << "3 min 05 s";
        QTest::newRow("hours") << qint64(7'620'000) << "2 h 07 min";
        QTest::newRow("negative") << qint64(-5) << "";
    }
    void formatDuration()
    {
        QFETCH(qint64, milliseconds);
        QFETCH(QString, text);
        QCOMPARE(RunHistoryModel::formatDuration(milliseconds), text);
    }

    void refreshAndNewRuns_data() { addDialectRows(); }
    void refreshAndNewRuns()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ExecutionRepository repository(db);
        const QStringList ids = createRuns(repository, 5);
        RunHistoryModel model(&repository);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (model.canFetchMore())
            model.fetchMore();

        RunUpdate cancel;
        cancel.status = RunStatus::Canceled;
        QVERIFY(repository.updateRunStatus(ids.at(2), cancel));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshRun(ids.at(2));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
        QCOMPARE(model.index(2, RunHistoryModel::StatusColumn).data().toString(), QStringLiteral("canceled"));

        ExecutionRun fresh;
        fresh.projectId = QStringLiteral("ccdash");
        fresh.sourceCommand = QStringLiteral("git status");
        fresh = *repository.createRun(fresh); // created now: newer than every fixture run
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refreshRun(fresh.id);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.index(0, 0).data(RunHistoryModel::RunIdRole).toString(), fresh.id);
        QCOMPARE(model.rowOfRun(ids.at(0)), 1);
        model.fetchNewer(); // nothing new: no change
        QCOMPARE(inserted.count(), 1);
    }

    void emptyStore()
    {
        OPEN_STORE(Dialect::Sqlite, store, db);
        ExecutionRepository repository(db);
        RunHistoryModel model(&repository);
        QVERIFY(!model.isEmptyResult()); // unknown until asked
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchMore();
        QVERIFY(model.isEmptyResult());
        QVERIFY(!model.canFetchMore());
    }
};

QTEST_GUILESS_MAIN(TestRunHistoryModel)
#include "tst_runhistorymodel.moc"
