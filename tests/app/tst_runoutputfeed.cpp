// The output feed shows only what is stored: it reads a run's events after its last sequence,
// on a commit notice or a poll, never twice, and starts over for another run.
#include "app/runoutputfeed.h"
#include "app/workbenchcontext.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace workbench;

namespace {

models::ExecutionRun storedRun(models::ExecutionRepository &repository)
{
    models::ExecutionRun run;
    run.id = models::newRunId();
    run.sourceCommand = QStringLiteral("make");
    run.cwd = QStringLiteral("/ws");
    run.status = models::RunStatus::Running;
    auto created = repository.createRun(run);
    if (!created)
        qFatal("createRun: %s", qPrintable(created.errorMessage()));
    return *created;
}

void appendLines(models::ExecutionRepository &repository, const QString &runId, const QStringList &lines,
                 models::EventStream stream = models::EventStream::Stdout)
{
    QList<models::RunEvent> events;
    for (const QString &line : lines) {
        models::RunEvent event;
        event.runId = runId;
        event.stream = stream;
        event.eventType = QString(models::EventType::Output);
        event.payloadText = line + QLatin1Char('\n');
        event.occurredAt = models::isoTimestampNow();
        events << event;
    }
    auto appended = repository.appendRunEvents(events);
    if (!appended)
        qFatal("append: %s", qPrintable(appended.errorMessage()));
}

QStringList modelLines(const models::RunOutputModel &model)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(); ++row)
        lines << model.index(row).data().toString();
    return lines;
}

} // namespace

class TestRunOutputFeed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        auto context = app::WorkbenchContext::open(m_dir->filePath(QStringLiteral("feed.db")));
        QVERIFY2(context, qPrintable(context.errorMessage()));
        m_context = std::move(*context);
    }
    void cleanup()
    {
        m_context.reset();
        m_dir.reset();
    }

    void readsStoredEventsIncrementally_data()
    {
        QTest::addColumn<int>("firstBatch");
        QTest::addColumn<int>("secondBatch");
        QTest::newRow("few") << 3 << 2;
        QTest::newRow("more than a page") << app::RunOutputFeed::PageSize + 7 << app::RunOutputFeed::PageSize * 2;
    }
    void readsStoredEventsIncrementally()
    {
        QFETCH(int, firstBatch);
        QFETCH(int, secondBatch);
        models::ExecutionRepository &repository = m_context->executions();
        const models::ExecutionRun run = storedRun(repository);
        QStringList first;
        for (int i = 0; i < firstBatch; ++i)
            first << QStringLiteral("first %1").arg(i);
        appendLines(repository, run.id, first);

        app::RunOutputFeed feed(repository);
        feed.setRun(run.id, true);
        QTRY_COMPARE(feed.model()->rowCount(), firstBatch);
        QCOMPARE(modelLines(*feed.model()).first(), QStringLiteral("first 0"));

        QStringList second;
        for (int i = 0; i < secondBatch; ++i)
            second << QStringLiteral("second %1").arg(i);
        appendLines(repository, run.id, second, models::EventStream::Stderr);
        auto last = repository.lastSequence(run.id);
        QVERIFY(last);
        feed.committed(run.id, *last);
        QTRY_COMPARE(feed.model()->rowCount(), firstBatch + secondBatch);
        QCOMPARE(feed.model()->lastSequence(), *last);
        QCOMPARE(modelLines(*feed.model()).last(), QStringLiteral("second %1").arg(secondBatch - 1));
        QCOMPARE(feed.model()->index(firstBatch).data(models::RunOutputModel::StreamRole).toString(), QStringLiteral("stderr"));
        // A repeated notice reads nothing twice.
        feed.committed(run.id, *last);
        QCOMPARE(feed.model()->rowCount(), firstBatch + secondBatch);
    }

    void pollPicksUpEventsWithoutNotice()
    {
        models::ExecutionRepository &repository = m_context->executions();
        const models::ExecutionRun run = storedRun(repository);
        app::RunOutputFeed feed(repository);
        feed.setRun(run.id, true);
        QCOMPARE(feed.model()->rowCount(), 0);
        // Written by someone else (another instance, a PostgreSQL peer): no commit notice here.
        appendLines(repository, run.id, {QStringLiteral("from elsewhere")});
        QTRY_COMPARE_WITH_TIMEOUT(feed.model()->rowCount(), 1, 10000);
    }

    void otherRunsNoticesAreIgnoredAndSwitchingStartsOver()
    {
        models::ExecutionRepository &repository = m_context->executions();
        const models::ExecutionRun shown = storedRun(repository);
        const models::ExecutionRun other = storedRun(repository);
        appendLines(repository, shown.id, {QStringLiteral("shown")});
        appendLines(repository, other.id, {QStringLiteral("other 1"), QStringLiteral("other 2")});
        app::RunOutputFeed feed(repository);
        feed.setRun(shown.id, false);
        QCOMPARE(modelLines(*feed.model()), QStringList{QStringLiteral("shown")});
        feed.committed(other.id, 2);
        QCOMPARE(modelLines(*feed.model()), QStringList{QStringLiteral("shown")});
        feed.setRun(other.id, false);
        QCOMPARE(modelLines(*feed.model()), (QStringList{QStringLiteral("other 1"), QStringLiteral("other 2")}));
        feed.setRun(QString(), false);
        QCOMPARE(feed.model()->rowCount(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<app::WorkbenchContext> m_context;
};

QTEST_MAIN(TestRunOutputFeed)
#include "tst_runoutputfeed.moc"
