// RunOutputModel: rows from events, partial lines, batching, caps, duplicate sequences.

#include "models/runoutputmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTimeZone>
#include <QTest>

using namespace workbench::models;

namespace {

const QDateTime BaseTime = QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC);

OutputChunk chunk(qint64 sequence, const QString &stream, const QString &text, const QString &eventType = QStringLiteral("output"))
{
    return OutputChunk{sequence, stream, eventType, text, BaseTime.addSecs(sequence)};
}

QStringList texts(const RunOutputModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row).data().toString();
    return result;
}

QStringList streams(const RunOutputModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row).data(RunOutputModel::StreamRole).toString();
    return result;
}

} // namespace

class TestRunOutputModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linesFromEvents_data();
    void linesFromEvents();
    void partialLineGrowsInPlace();
    void lineSpanningEventsKeepsFirstTimestamp();
    void systemEventEndsPartialLines();
    void systemErrorIsFlagged();
    void duplicateAndOlderSequencesIgnored();
    void timedFlushInsertsInBatches();
    void oneInsertPerFlush();
    void capDropsOldestLines();
    void characterCapDropsOldestLines();
    void capKeepsMemoryBoundedWithinOneFlush();
    void finishOpenLinesEndsPartialLine();
    void unknownStreamIsShownAsStdoutWithWarning();
    void clearForgetsEverything();
    void chunkFromStoredEvent();
};

void TestRunOutputModel::linesFromEvents_data()
{
    QTest::addColumn<QList<OutputChunk>>("chunks");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QStringList>("streamNames");

    QTest::newRow("stdout lines")
        << QList<OutputChunk>{chunk(1, "stdout", "a\nb\n")} << QStringList{"a", "b"} << QStringList{"stdout", "stdout"};
    QTest::newRow("line split across events")
        << QList<OutputChunk>{chunk(1, "stdout", "hel"), chunk(2, "stdout", "lo\nwor"), chunk(3, "stdout", "ld\n")}
        << QStringList{"hello", "world"} << QStringList{"stdout", "stdout"};
    QTest::newRow("escape split across events")
        << QList<OutputChunk>{chunk(1, "stdout", "\x1b["), chunk(2, "stdout", "31mred\x1b[0"), chunk(3, "stdout", "m\n")}
        << QStringList{"red"} << QStringList{"stdout"};
    QTest::newRow("streams decoded separately")
        << QList<OutputChunk>{chunk(1, "stdout", "out-"), chunk(2, "stderr", "err\n"), chunk(3, "stdout", "done\n")}
        << QStringList{"out-done", "err"} << QStringList{"stdout", "stderr"};
    QTest::newRow("system events are lines of their own")
        << QList<OutputChunk>{chunk(1, "system", "Run started.", "status"), chunk(2, "stdout", "x\n"),
                              chunk(3, "system", "Run succeeded.", "status")}
        << QStringList{"Run started.", "x", "Run succeeded."} << QStringList{"system", "stdout", "system"};
    QTest::newRow("progress bar across events")
        << QList<OutputChunk>{chunk(1, "stdout", "10%\r"), chunk(2, "stdout", "60%\r"), chunk(3, "stdout", "100%\n")}
        << QStringList{"100%"} << QStringList{"stdout"};
    QTest::newRow("system text never shows escapes")
        << QList<OutputChunk>{chunk(1, "system", "\x1b[31mFailed\x1b[0m to launch", "error")}
        << QStringList{"Failed to launch"} << QStringList{"system"};
}

void TestRunOutputModel::linesFromEvents()
{
    QFETCH(QList<OutputChunk>, chunks);
    QFETCH(QStringList, lines);
    QFETCH(QStringList, streamNames);
    RunOutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // One event per flush and all events in one flush must agree.
    for (const OutputChunk &c : chunks) {
        QCOMPARE(model.append(c), 1);
        model.flush();
    }
    model.finishOpenLines();
    QCOMPARE(texts(model), lines);
    QCOMPARE(streams(model), streamNames);

    RunOutputModel batched;
    QAbstractItemModelTester batchedTester(&batched, QAbstractItemModelTester::FailureReportingMode::QtTest);
    batched.append(chunks);
    batched.finishOpenLines();
    QCOMPARE(texts(batched), lines);
}

void TestRunOutputModel::partialLineGrowsInPlace()
{
    RunOutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.append(chunk(1, "stdout", "Downloading 10%"));
    model.flush();
    QCOMPARE(texts(model), QStringList{"Downloading 10%"});
    QVERIFY(model.index(0).data(RunOutputModel::IsOpenRole).toBool());
    QCOMPARE(inserted.count(), 1);

    model.append(chunk(2, "stdout", "\rDownloading 80%"));
    model.flush();
    QCOMPARE(texts(model), QStringList{"Downloading 80%"});
    QCOMPARE(inserted.count(), 1); // same row, changed in place
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0);

    model.append(chunk(3, "stdout", "\rDownloaded.\nnext"));
    model.flush();
    QCOMPARE(texts(model), (QStringList{"Downloaded.", "next"}));
    QVERIFY(!model.index(0).data(RunOutputModel::IsOpenRole).toBool());
    QVERIFY(model.index(1).data(RunOutputModel::IsOpenRole).toBool());
}

void TestRunOutputModel::lineSpanningEventsKeepsFirstTimestamp()
{
    RunOutputModel model;
    model.append(chunk(5, "stdout", "begin "));
    model.append(chunk(6, "stdout", "end\nsecond\n"));
    model.flush();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data(RunOutputModel::SequenceRole).toLongLong(), 5);
    QCOMPARE(model.index(0).data(RunOutputModel::TimestampRole).toDateTime(), BaseTime.addSecs(5));
    QCOMPARE(model.index(1).data(RunOutputModel::SequenceRole).toLongLong(), 6);
    QCOMPARE(model.index(1).data(RunOutputModel::TimestampRole).toDateTime(), BaseTime.addSecs(6));
}

void TestRunOutputModel::systemEventEndsPartialLines()
{
    RunOutputModel model;
    model.append(chunk(1, "stdout", "no newline"));
    model.append(chunk(2, "system", "Cancel requested.", "status"));
    model.append(chunk(3, "stdout", "more\n"));
    model.flush();
    QCOMPARE(texts(model), (QStringList{"no newline", "Cancel requested.", "more"}));
    QVERIFY(!model.index(0).data(RunOutputModel::IsOpenRole).toBool());
}

void TestRunOutputModel::systemErrorIsFlagged()
{
    RunOutputModel model;
    model.append(chunk(1, "system", "Run started.", "status"));
    model.append(chunk(2, "system", "Failed to launch process", "error"));
    model.flush();
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!(model.line(0).flags & OutputLine::SystemError));
    QVERIFY(model.line(1).flags & OutputLine::SystemError);
    QCOMPARE(model.line(1).stream, OutputStream::System);
}

void TestRunOutputModel::duplicateAndOlderSequencesIgnored()
{
    RunOutputModel model;
    QCOMPARE(model.append(chunk(1, "stdout", "one\n")), 1);
    QCOMPARE(model.append(chunk(2, "stdout", "two\n")), 1);
    QCOMPARE(model.append(chunk(2, "stdout", "two again\n")), 0);
    QCOMPARE(model.append(chunk(1, "stdout", "one again\n")), 0);
    // An overlapping poll: 2 is old, 3 and 4 are new.
    QCOMPARE(model.append(QList<OutputChunk>{chunk(2, "stdout", "two\n"), chunk(3, "stdout", "three\n"),
                                              chunk(4, "stdout", "four\n")}),
             2);
    model.flush();
    QCOMPARE(texts(model), (QStringList{"one", "two", "three", "four"}));
    QCOMPARE(model.lastSequence(), 4);
    QCOMPARE(model.ignoredEventCount(), 3);
}

void TestRunOutputModel::timedFlushInsertsInBatches()
{
    RunOutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 1; i <= 1000; ++i)
        model.append(chunk(i, "stdout", QStringLiteral("line %1\n").arg(i)));
    QCOMPARE(model.rowCount(), 0); // nothing is announced per event
    QCOMPARE(model.pendingCharacters(), qint64(QStringLiteral("line 1000\n").size() * 1000 - 3 * 9 - 2 * 90 - 1 * 900));
    QTRY_COMPARE(model.rowCount(), 1000);
    QCOMPARE(model.pendingCharacters(), 0);
    QVERIFY2(inserted.count() < 10, qPrintable(QString::number(inserted.count())));
    QCOMPARE(model.index(999).data().toString(), QStringLiteral("line 1000"));
}

void TestRunOutputModel::oneInsertPerFlush()
{
    RunOutputModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QString text;
    for (int i = 0; i < 5000; ++i)
        text += QStringLiteral("\x1b[3%1mline %2\x1b[0m\n").arg(i % 8).arg(i);
    model.append(chunk(1, "stdout", text.left(text.size() / 2)));
    model.append(chunk(2, "stdout", text.mid(text.size() / 2)));
    model.flush();
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 4999);
    QCOMPARE(model.index(4321).data().toString(), QStringLiteral("line 4321"));
}

void TestRunOutputModel::capDropsOldestLines()
{
    RunOutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxLines(100);
    QSignalSpy dropped(&model, &RunOutputModel::droppedLineCountChanged);
    for (int i = 0; i < 250; ++i)
        model.append(chunk(i + 1, "stdout", QStringLiteral("line %1\n").arg(i)));
    model.flush();
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedLineCount(), 150);
    QVERIFY(!dropped.isEmpty());
    QCOMPARE(dropped.last().at(0).toLongLong(), 150);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("line 150"));
    QCOMPARE(model.index(0).data(RunOutputModel::LineNumberRole).toLongLong(), 150);
    QCOMPARE(model.index(99).data().toString(), QStringLiteral("line 249"));
}

void TestRunOutputModel::characterCapDropsOldestLines()
{
    RunOutputModel model;
    model.setMaxCharacters(1000);
    const QString hundred(99, u'x');
    for (int i = 0; i < 30; ++i)
        model.append(chunk(i + 1, "stdout", hundred + u'\n'));
    model.flush();
    QVERIFY(model.characterCount() <= 1000);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.droppedLineCount(), 20);
}

void TestRunOutputModel::capKeepsMemoryBoundedWithinOneFlush()
{
    RunOutputModel model;
    model.setMaxLines(1000);
    QString text;
    for (int i = 0; i < 20000; ++i)
        text += QStringLiteral("row %1\n").arg(i);
    model.append(chunk(1, "stdout", text));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.flush();
    QCOMPARE(model.rowCount(), 1000);
    QCOMPARE(model.droppedLineCount(), 19000);
    QCOMPARE(model.index(999).data().toString(), QStringLiteral("row 19999"));
    QVERIFY(removed.count() > 1); // trimmed on the way, not only at the end
}

void TestRunOutputModel::finishOpenLinesEndsPartialLine()
{
    RunOutputModel model;
    model.append(chunk(1, "stdout", "last words"));
    model.append(chunk(2, "stderr", "err words"));
    model.finishOpenLines();
    QCOMPARE(texts(model), (QStringList{"last words", "err words"}));
    QVERIFY(!model.index(0).data(RunOutputModel::IsOpenRole).toBool());
    QVERIFY(!model.index(1).data(RunOutputModel::IsOpenRole).toBool());
    model.append(chunk(3, "stdout", "x\n"));
    model.flush();
    QCOMPARE(texts(model), (QStringList{"last words", "err words", "x"}));
}

void TestRunOutputModel::unknownStreamIsShownAsStdoutWithWarning()
{
    RunOutputModel model;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("unknown stream"));
    model.append(chunk(1, "stdlog", "odd\n"));
    model.flush();
    QCOMPARE(texts(model), QStringList{"odd"});
    QCOMPARE(streams(model), QStringList{"stdout"});
}

void TestRunOutputModel::clearForgetsEverything()
{
    RunOutputModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxLines(2);
    model.append(chunk(7, "stdout", "a\nb\nc\npartial"));
    model.flush();
    QCOMPARE(model.droppedLineCount(), 2);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.droppedLineCount(), 0);
    QCOMPARE(model.lastSequence(), 0);
    QCOMPARE(model.append(chunk(1, "stdout", "fresh\n")), 1);
    model.flush();
    QCOMPARE(texts(model), QStringList{"fresh"});
}

void TestRunOutputModel::chunkFromStoredEvent()
{
    RunEvent event;
    event.runId = QStringLiteral("abc");
    event.sequenceNo = 42;
    event.stream = EventStream::Stderr;
    event.eventType = QStringLiteral("output");
    event.payloadText = QStringLiteral("warning: x\n");
    event.occurredAt = QStringLiteral("2026-04-07T15:04:05.123456+00:00");
    const OutputChunk converted = OutputChunk::fromRunEvent(event);
    QCOMPARE(converted.sequence, 42);
    QCOMPARE(converted.stream, QStringLiteral("stderr"));
    QCOMPARE(converted.eventType, QStringLiteral("output"));
    QCOMPARE(converted.text, QStringLiteral("warning: x\n"));
    QCOMPARE(converted.occurredAt, QDateTime(QDate(2026, 4, 7), QTime(15, 4, 5, 123), Qt::UTC));
}

QTEST_GUILESS_MAIN(TestRunOutputModel)
#include "tst_runoutputmodel.moc"
