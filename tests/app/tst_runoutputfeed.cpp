// The output feed shows only what is stored: it reads a run's events after its last sequence,
// on a commit notice or a poll, never twice, and starts over for another run. It never decodes
// on the caller's stack: the model does that in time slices, and the feed reads more only while
// the model has room (a flood is shown without freezing the window or piling up in memory).
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
        QTRY_COMPARE(modelLines(*feed.model()), QStringList{QStringLiteral("shown")});
        feed.committed(other.id, 2);
        QTest::qWait(50); // a read of the other run would show up here
        QCOMPARE(modelLines(*feed.model()), QStringList{QStringLiteral("shown")});
        feed.setRun(other.id, false);
        QTRY_COMPARE(modelLines(*feed.model()), (QStringList{QStringLiteral("other 1"), QStringLiteral("other 2")}));
        feed.setRun(QString(), false);
        QCOMPARE(feed.model()->rowCount(), 0);
    }

    // A stored flood (several times what the model may hold queued) is shown completely, but never
    // decoded on the caller's stack and never read much beyond the model's queue bound.
    void floodIsReadAsTheModelKeepsUp()
    {
        models::ExecutionRepository &repository = m_context->executions();
        const models::ExecutionRun run = storedRun(repository);
        const QString line = QString(1023, QLatin1Char('x')); // 1 KiB lines, 64 per event
        QStringList block;
        for (int i = 0; i < 64; ++i)
            block << line;
        const QString eventText = block.join(QLatin1Char('\n'));
        constexpr int events = 96; // 6 Mi characters
        for (int i = 0; i < events; ++i)
            appendLines(repository, run.id, {eventText});
        const qint64 bound = app::RunOutputFeed::MaxQueuedCharacters + app::RunOutputFeed::PageSize * (eventText.size() + 1);

        app::RunOutputFeed feed(repository);
        qint64 mostQueued = 0;
        connect(feed.model(), &models::RunOutputModel::flushed, this,
                [&mostQueued](qint64 pending) { mostQueued = qMax(mostQueued, pending); });
        feed.setRun(run.id, false);
        QCOMPARE(feed.model()->rowCount(), 0); // handed to the model, not decoded here
        QVERIFY(feed.model()->pendingCharacters() > 0);
        QVERIFY2(feed.model()->pendingCharacters() <= bound, qPrintable(QString::number(feed.model()->pendingCharacters())));
        QTRY_COMPARE_WITH_TIMEOUT(feed.model()->rowCount(), events * 64, 30000);
        QCOMPARE(feed.model()->lastSequence(), qint64(events));
        QVERIFY2(mostQueued <= bound, qPrintable(QString::number(mostQueued)));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<app::WorkbenchContext> m_context;
};

QTEST_MAIN(TestRunOutputFeed)
#include "tst_runoutputfeed.moc"
