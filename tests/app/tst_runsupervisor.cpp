// RunSupervisor against a real child process (tests/support/childhelper.cpp): complete ordered
// output per stream, exit codes and signals, cancel and timeout leaving nothing of the process
// group alive, head+tail output cap with exact accounting, launch errors, UTF-8 handling.
#include "app/runtime/launchplan.h"
#include "app/runtime/processgroup.h"
#include "app/runtime/runsupervisor.h"
#include "tests/support/floodpattern.h"

#include <QtTest>

#include <csignal>

using namespace workbench::runtime;
using namespace std::chrono_literals;

namespace {

// What `flood-utf8:SIZE` writes: "aé€😀" repeated (1, 2, 3 and 4-byte characters).
QByteArray utf8FloodPattern(qint64 size)
{
    const QByteArray pattern("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = pattern.at(i % pattern.size());
    return bytes;
}

QByteArray floodPattern(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    workbench::testsupport::floodBytes(0, bytes.data(), std::size_t(size));
    return bytes;
}

// Collects everything one supervised run reports.
struct Recorder
{
    QList<OutputChunk> chunks;
    QList<RuntimeNotice> notices;
    std::optional<RunOutcome> outcome;
    qint64 startedPid = 0;
    QStringList order; // "stdout", "stderr", "notice:<kind>" as they arrived

    void attach(RunSupervisor &supervisor)
    {
        QObject::connect(&supervisor, &RunSupervisor::output, &supervisor, [this](const OutputChunk &chunk) {
            chunks << chunk;
            order << toString(chunk.stream);
        });
        QObject::connect(&supervisor, &RunSupervisor::notice, &supervisor, [this](const RuntimeNotice &notice) {
            notices << notice;
            order << QStringLiteral("notice:%1").arg(int(notice.kind));
        });
        QObject::connect(&supervisor, &RunSupervisor::finished, &supervisor,
                         [this](const RunOutcome &result) { outcome = result; });
        QObject::connect(&supervisor, &RunSupervisor::started, &supervisor, [this](qint64 pid) { startedPid = pid; });
    }
    QByteArray bytes(OutputStream stream) const
    {
        QByteArray all;
        for (const OutputChunk &chunk : chunks) {
            if (chunk.stream == stream)
                all += chunk.bytes;
        }
        return all;
    }
    QString text(OutputStream stream) const
    {
        QString all;
        for (const OutputChunk &chunk : chunks) {
            if (chunk.stream == stream)
                all += chunk.text;
        }
        return all;
    }
    bool hasNotice(RuntimeNotice::Kind kind) const
    {
        return std::any_of(notices.cbegin(), notices.cend(), [kind](const RuntimeNotice &n) { return n.kind == kind; });
    }
    RuntimeNotice notice(RuntimeNotice::Kind kind) const
    {
        for (const RuntimeNotice &n : notices) {
            if (n.kind == kind)
                return n;
        }
        return {};
    }
};

LaunchSpec helperSpec(const QStringList &actions)
{
    LaunchSpec spec;
    spec.program = QStringLiteral(WORKBENCH_CHILDHELPER);
    spec.arguments = actions;
    spec.workingDirectory = QDir::tempPath();
    spec.environment = environmentForProfile(QStringLiteral("default"), QDir::tempPath());
    spec.killGrace = 300ms;
    return spec;
}

qint64 pidAfter(const QString &marker, const QString &text)
{
    const QRegularExpression pattern(QRegularExpression::escape(marker) + QStringLiteral(" (\\d+)"));
    const QRegularExpressionMatch match = pattern.match(text);
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

} // namespace

class TestRunSupervisor : public QObject
{
    Q_OBJECT
private:
    static constexpr auto LongWait = 30000;

private Q_SLOTS:
    void floodIsCompleteAndOrdered_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<int>("stream");
        QTest::newRow("nothing") << QStringLiteral("flood:0") << qint64(0) << int(OutputStream::Stdout);
        QTest::newRow("one byte") << QStringLiteral("flood:1") << qint64(1) << int(OutputStream::Stdout);
        QTest::newRow("odd size") << QStringLiteral("flood:100007") << qint64(100007) << int(OutputStream::Stdout);
        QTest::newRow("16 MiB stdout") << QStringLiteral("flood:16M") << qint64(16 << 20) << int(OutputStream::Stdout);
        QTest::newRow("3 MiB stderr") << QStringLiteral("flood-err:3M") << qint64(3 << 20) << int(OutputStream::Stderr);
    }
    void floodIsCompleteAndOrdered()
    {
        QFETCH(QString, action);
        QFETCH(qint64, size);
        QFETCH(int, stream);
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec({action}));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);

        const auto channel = OutputStream(stream);
        const auto other = channel == OutputStream::Stdout ? OutputStream::Stderr : OutputStream::Stdout;
        const QByteArray received = recorder.bytes(channel);
        QCOMPARE(received.size(), size);
        QVERIFY(received == floodPattern(size)); // byte for byte, in order
        QVERIFY(recorder.bytes(other).isEmpty());
        for (const OutputChunk &chunk : std::as_const(recorder.chunks)) {
            QVERIFY(chunk.bytes.size() <= DefaultMaxChunkBytes);
            QVERIFY(chunk.validUtf8);
            QCOMPARE(chunk.text.toUtf8(), chunk.bytes);
        }
        const RunOutcome &outcome = *recorder.outcome;
        QCOMPARE(outcome.kind, RunOutcome::Kind::Exited);
        QCOMPARE(outcome.exitCode, 0);
        const StreamAccounting &accounting = channel == OutputStream::Stdout ? outcome.stdoutBytes : outcome.stderrBytes;
        QCOMPARE(accounting.receivedBytes, size);
        QCOMPARE(accounting.keptBytes, size);
        QCOMPARE(accounting.droppedBytes, 0);
        if (size > 0)
            QVERIFY(outcome.lastOutputAt.isValid());
    }

    void streamsStaySeparate()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec({QStringLiteral("interleave:500")}));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QString expectedOut, expectedErr;
        for (int i = 0; i < 500; ++i) {
            expectedOut += QStringLiteral("out %1\n").arg(i);
            expectedErr += QStringLiteral("err %1\n").arg(i);
        }
        QCOMPARE(recorder.text(OutputStream::Stdout), expectedOut);
        QCOMPARE(recorder.text(OutputStream::Stderr), expectedErr);
    }

    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("signal");
        QTest::newRow("success") << QStringList{QStringLiteral("exit:0")} << int(RunOutcome::Kind::Exited) << 0 << 0;
        QTest::newRow("exit 3") << QStringList{QStringLiteral("exit:3")} << int(RunOutcome::Kind::Exited) << 3 << 0;
        QTest::newRow("exit 255") << QStringList{QStringLiteral("exit:255")} << int(RunOutcome::Kind::Exited) << 255 << 0;
        QTest::newRow("SIGKILL") << QStringList{QStringLiteral("signal:9")} << int(RunOutcome::Kind::Signaled) << -9 << 9;
        QTest::newRow("SIGTERM") << QStringList{QStringLiteral("signal:15")} << int(RunOutcome::Kind::Signaled) << -15 << 15;
        QTest::newRow("SIGINT") << QStringList{QStringLiteral("signal:2")} << int(RunOutcome::Kind::Signaled) << -2 << 2;
    }
    void exitStatus()
    {
        QFETCH(QStringList, actions);
        QFETCH(int, kind);
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec(actions));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QCOMPARE(int(recorder.outcome->kind), kind);
        QCOMPARE(recorder.outcome->exitCode, exitCode);
        QCOMPARE(recorder.outcome->signal, signal);
        QCOMPARE(recorder.outcome->succeeded(), exitCode == 0 && signal == 0);
        QVERIFY(!recorder.outcome->canceled);
        QVERIFY(recorder.startedPid > 0);
    }

    void runsInItsOwnProcessGroupWithStdinClosed()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec({QStringLiteral("pid"), QStringLiteral("stdin"), QStringLiteral("cwd")}));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        const QString out = recorder.text(OutputStream::Stdout);
        const qint64 pid = supervisor.processId();
        QVERIFY(pid > 0);
        QVERIFY2(out.startsWith(QStringLiteral("pid %1 pgid %1 sid %1\n").arg(pid)), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("stdin-eof\n")), qPrintable(out));
        QVERIFY2(out.contains(QDir(QDir::tempPath()).canonicalPath() + QLatin1Char('\n')), qPrintable(out));
    }

    void cancelKillsTheWholeGroup_data()
    {
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<bool>("needsKill");
        QTest::addColumn<int>("signal");
        QTest::newRow("polite child and grandchild")
            << QStringList{QStringLiteral("grandchild:60"), QStringLiteral("sleep:60")} << false << 15;
        QTest::newRow("both ignore SIGTERM")
            << QStringList{QStringLiteral("ignore-term"), QStringLiteral("grandchild-stubborn:60"), QStringLiteral("sleep:60")}
            << true << 9;
        QTest::newRow("only the grandchild ignores SIGTERM")
            << QStringList{QStringLiteral("grandchild-stubborn:60"), QStringLiteral("sleep:60")} << true << 15;
    }
    void cancelKillsTheWholeGroup()
    {
        QFETCH(QStringList, actions);
        QFETCH(bool, needsKill);
        QFETCH(int, signal);
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec(actions));
        QTRY_VERIFY_WITH_TIMEOUT(pidAfter(QStringLiteral("grandchild"), recorder.text(OutputStream::Stdout)) > 0, LongWait);
        const qint64 grandchild = pidAfter(QStringLiteral("grandchild"), recorder.text(OutputStream::Stdout));
        QVERIFY(processIsAlive(grandchild));

        supervisor.cancel(QStringLiteral("test cancel"));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        const RunOutcome &outcome = *recorder.outcome;
        QVERIFY(outcome.canceled);
        QCOMPARE(outcome.cancelReason, QStringLiteral("test cancel"));
        QCOMPARE(outcome.kind, RunOutcome::Kind::Signaled);
        QCOMPARE(outcome.signal, signal);
        QCOMPARE(outcome.exitCode, -signal);
        QVERIFY(recorder.hasNotice(RuntimeNotice::Kind::TerminateSent));
        QCOMPARE(recorder.hasNotice(RuntimeNotice::Kind::KillSent), needsKill);
        QCOMPARE(recorder.notice(RuntimeNotice::Kind::TerminateSent).payload.value(QStringLiteral("signal")).toInt(), SIGTERM);
        // Nothing of the run survives, grandchildren included.
        QVERIFY(!processIsAlive(grandchild));
        QVERIFY(liveProcessGroupMembers(supervisor.processGroupId()).isEmpty());
    }

    void groupIsStoppedWhenTheLeaderExits_data()
    {
        QTest::addColumn<QString>("grandchildAction");
        QTest::newRow("grandchild holds the output open") << QStringLiteral("grandchild:60");
        QTest::newRow("grandchild closed its output") << QStringLiteral("grandchild-quiet:60");
    }
    void groupIsStoppedWhenTheLeaderExits()
    {
        QFETCH(QString, grandchildAction);
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec({grandchildAction, QStringLiteral("out:leader done"), QStringLiteral("exit:0")}));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        const qint64 grandchild = pidAfter(QStringLiteral("grandchild"), recorder.text(OutputStream::Stdout));
        QVERIFY(grandchild > 0);
        QCOMPARE(recorder.outcome->kind, RunOutcome::Kind::Exited);
        QCOMPARE(recorder.outcome->exitCode, 0);
        QVERIFY(recorder.hasNotice(RuntimeNotice::Kind::GroupOutlivedLeader));
        QVERIFY(recorder.hasNotice(RuntimeNotice::Kind::TerminateSent));
        QVERIFY(!processIsAlive(grandchild));
    }

    void escapedProcessHoldingThePipeDoesNotHangTheRun()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        LaunchSpec spec = helperSpec({QStringLiteral("escape:30"), QStringLiteral("exit:0")});
        spec.drainTimeout = 200ms;
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QVERIFY(recorder.hasNotice(RuntimeNotice::Kind::PipeHeldOpen));
        const qint64 escaped = pidAfter(QStringLiteral("escaped"), recorder.text(OutputStream::Stdout));
        QVERIFY(escaped > 0);
        ::kill(pid_t(escaped), SIGKILL); // it left our group on purpose; clean up after the test
    }

    void timeoutStopsTheRun()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        LaunchSpec spec = helperSpec({QStringLiteral("grandchild:60"), QStringLiteral("sleep:60")});
        spec.timeout = 300ms;
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        const RunOutcome &outcome = *recorder.outcome;
        QVERIFY(outcome.timedOut);
        QVERIFY(!outcome.canceled);
        QVERIFY(!outcome.succeeded());
        QCOMPARE(outcome.signal, SIGTERM);
        const RuntimeNotice timeout = recorder.notice(RuntimeNotice::Kind::TimeoutReached);
        QCOMPARE(timeout.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("timeout"));
        QCOMPARE(timeout.payload.value(QStringLiteral("timeoutSeconds")).toDouble(), 0.3);
        // The watchdog notice comes before the signal it causes.
        QVERIFY(recorder.order.indexOf(QStringLiteral("notice:%1").arg(int(RuntimeNotice::Kind::TimeoutReached)))
                < recorder.order.indexOf(QStringLiteral("notice:%1").arg(int(RuntimeNotice::Kind::TerminateSent))));
        const qint64 grandchild = pidAfter(QStringLiteral("grandchild"), recorder.text(OutputStream::Stdout));
        QVERIFY(grandchild > 0);
        QVERIFY(!processIsAlive(grandchild));
    }

    void outputCapKeepsHeadAndTail_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("cap");
        QTest::newRow("well over the cap") << qint64(5 << 20) << qint64(100000);
        QTest::newRow("just over the cap") << qint64(1001) << qint64(1000);
        QTest::newRow("exactly the cap") << qint64(1000) << qint64(1000);
        QTest::newRow("under the cap") << qint64(999) << qint64(1000);
        QTest::newRow("odd cap") << qint64(300000) << qint64(12345);
        QTest::newRow("head of exactly one chunk") << qint64(1 << 20) << qint64(2 * DefaultMaxChunkBytes);
        QTest::newRow("head and tail of several chunks") << qint64(5 << 20) << qint64(6 * DefaultMaxChunkBytes + 7);
    }
    void outputCapKeepsHeadAndTail()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, cap);
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        LaunchSpec spec = helperSpec({QStringLiteral("flood:%1").arg(size), QStringLiteral("flood-err:%1").arg(size)});
        spec.outputCapBytes = cap;
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);

        const QByteArray pattern = floodPattern(size);
        const qint64 head = cap / 2;
        const qint64 tail = cap - head;
        const qint64 expectedDropped = qMax<qint64>(0, size - cap);
        for (const OutputStream stream : {OutputStream::Stdout, OutputStream::Stderr}) {
            const QByteArray kept = recorder.bytes(stream);
            const StreamAccounting &accounting
                = stream == OutputStream::Stdout ? recorder.outcome->stdoutBytes : recorder.outcome->stderrBytes;
            QCOMPARE(accounting.receivedBytes, size);
            QCOMPARE(accounting.droppedBytes, expectedDropped);
            QCOMPARE(accounting.keptBytes, qint64(kept.size()));
            if (expectedDropped == 0) {
                QVERIFY(kept == pattern);
                continue;
            }
            QCOMPARE(kept.size(), cap);
            QVERIFY(kept.left(head) == pattern.left(head));
            QVERIFY(kept.right(tail) == pattern.right(tail));
        }
        for (const OutputChunk &chunk : std::as_const(recorder.chunks))
            QVERIFY(chunk.bytes.size() <= spec.maxChunkBytes);
        QCOMPARE(recorder.hasNotice(RuntimeNotice::Kind::OutputTruncated), expectedDropped > 0);
        if (expectedDropped > 0) {
            qint64 reportedDropped = 0;
            for (const RuntimeNotice &notice : std::as_const(recorder.notices)) {
                if (notice.kind == RuntimeNotice::Kind::OutputTruncated)
                    reportedDropped += notice.payload.value(QStringLiteral("droppedBytes")).toInteger();
            }
            QCOMPARE(reportedDropped, 2 * expectedDropped);
        }
    }

    void launchErrors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("program not found") << QStringLiteral("missing") << QStringLiteral("[Errno 2] No such file or directory: 'no-such-program-4711'");
        QTest::newRow("slash command") << QStringLiteral("slash") << QStringLiteral("[Errno 2] No such file or directory: '/dev:execute-phase'");
        QTest::newRow("not executable") << QStringLiteral("noexec") << QStringLiteral("[Errno 13] Permission denied");
        QTest::newRow("cwd vanished") << QStringLiteral("nocwd") << QStringLiteral("Working directory not found");
    }
    void launchErrors()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        LaunchSpec spec = helperSpec({QStringLiteral("out:hello")});
        if (kind == QLatin1String("missing")) {
            spec.program = QStringLiteral("no-such-program-4711");
        } else if (kind == QLatin1String("slash")) {
            spec.program = QStringLiteral("/dev:execute-phase");
        } else if (kind == QLatin1String("noexec")) {
            QFile script(directory.filePath(QStringLiteral("script.sh")));
            QVERIFY(script.open(QIODevice::WriteOnly));
            script.write("#!/bin/sh\necho hi\n");
            script.close();
            spec.program = script.fileName();
        } else {
            const QString vanished = directory.filePath(QStringLiteral("gone"));
            QVERIFY(QDir().mkpath(vanished));
            QVERIFY(QDir(vanished).removeRecursively());
            spec.workingDirectory = vanished;
        }
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(spec);
        QVERIFY(!recorder.outcome.has_value()); // never synchronously from start()
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QCOMPARE(recorder.outcome->kind, RunOutcome::Kind::LaunchFailed);
        QVERIFY2(recorder.outcome->errorMessage.contains(expected), qPrintable(recorder.outcome->errorMessage));
        QVERIFY(recorder.chunks.isEmpty());
        QCOMPARE(recorder.startedPid, 0);
    }

    void invalidUtf8IsKeptExactly()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(helperSpec({QStringLiteral("out:before"), QStringLiteral("invalid-utf8")}));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QCOMPARE(recorder.bytes(OutputStream::Stdout), QByteArray("before\nbad:\xff\xfe\xc3\x28 end\n"));
        const bool anyInvalid = std::any_of(recorder.chunks.cbegin(), recorder.chunks.cend(),
                                            [](const OutputChunk &chunk) { return !chunk.validUtf8; });
        QVERIFY(anyInvalid);
        QVERIFY(recorder.text(OutputStream::Stdout).contains(QChar::ReplacementCharacter));
    }

    // Output is grouped into chunks of up to maxChunkBytes. With a coalescing interval that never
    // fires, every chunk but the last must be full (less at most the 3 bytes of a character that
    // would not fit whole), no character is cut, and the bytes come out exactly.
    void floodIsCoalescedIntoFullChunks_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qsizetype>("maxChunk"); // 0 = LaunchSpec's default
        QTest::addColumn<bool>("utf8");
        QTest::newRow("ascii, default chunk size") << QStringLiteral("flood:3M") << qint64(3 << 20) << qsizetype(0) << false;
        QTest::newRow("ascii, odd chunk size") << QStringLiteral("flood:1000003") << qint64(1000003) << qsizetype(65537) << false;
        QTest::newRow("ascii, less than one chunk") << QStringLiteral("flood:65535") << qint64(65535) << qsizetype(0) << false;
        QTest::newRow("ascii, exactly one chunk") << QStringLiteral("flood:64K") << qint64(65536) << qsizetype(0) << false;
        for (const qsizetype maxChunk : {qsizetype(0), qsizetype(65537), qsizetype(65538), qsizetype(65539), qsizetype(4096)}) {
            QTest::addRow("utf-8, characters cut at chunk boundaries, chunk %lld", qlonglong(maxChunk))
                << QStringLiteral("flood-utf8:1000000") << qint64(1000000) << maxChunk << true;
        }
        QTest::newRow("utf-8, tiny chunks") << QStringLiteral("flood-utf8:20001") << qint64(20001) << qsizetype(5) << true;
    }
    void floodIsCoalescedIntoFullChunks()
    {
        QFETCH(QString, action);
        QFETCH(qint64, size);
        QFETCH(qsizetype, maxChunk);
        QFETCH(bool, utf8);
        LaunchSpec spec = helperSpec({action});
        if (maxChunk > 0)
            spec.maxChunkBytes = maxChunk;
        else
            QVERIFY2(spec.maxChunkBytes >= 64 * 1024, "floods are stored in events of at least 64 KiB");
        const qsizetype limit = spec.maxChunkBytes;
        spec.coalesceInterval = std::chrono::hours(1); // only full chunks until the end
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);

        const QByteArray expected = utf8 ? utf8FloodPattern(size) : floodPattern(size);
        QVERIFY(recorder.bytes(OutputStream::Stdout) == expected);
        QCOMPARE(recorder.text(OutputStream::Stdout), QString::fromUtf8(expected));
        for (qsizetype i = 0; i < recorder.chunks.size(); ++i) {
            const OutputChunk &chunk = recorder.chunks.at(i);
            QVERIFY2(chunk.validUtf8, qPrintable(QStringLiteral("chunk %1 is not valid UTF-8 on its own").arg(i)));
            QCOMPARE(chunk.text.toUtf8(), chunk.bytes);
            QVERIFY(chunk.bytes.size() <= limit);
            if (i + 1 < recorder.chunks.size()) {
                const qsizetype least = utf8 ? limit - 3 : limit;
                QVERIFY2(chunk.bytes.size() >= least,
                         qPrintable(QStringLiteral("chunk %1 of %2 has %3 bytes").arg(i).arg(recorder.chunks.size()).arg(chunk.bytes.size())));
            }
        }
        if (!utf8)
            QCOMPARE(recorder.chunks.size(), qsizetype((size + limit - 1) / limit));
    }

    // Output is coalesced per stream, but never across a switch of streams: what was read first
    // is emitted first. The child waits until everything it wrote was read before it writes to
    // the other stream, so the order of reading is known; the interval never fires.
    void coalescingKeepsTheOrderOfStreams_data()
    {
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<QStringList>("expected"); // "stdout:TEXT" / "stderr:TEXT", one per chunk
        QTest::newRow("alternating")
            << QStringList{QStringLiteral("partial:A1"), QStringLiteral("drained"), QStringLiteral("errpartial:B1"),
                           QStringLiteral("drained"), QStringLiteral("partial:A2"), QStringLiteral("drained"),
                           QStringLiteral("errpartial:B2"), QStringLiteral("drained"), QStringLiteral("partial:A3")}
            << QStringList{QStringLiteral("stdout:A1"), QStringLiteral("stderr:B1"), QStringLiteral("stdout:A2"),
                           QStringLiteral("stderr:B2"), QStringLiteral("stdout:A3")};
        QTest::newRow("several reads of one stream grouped")
            << QStringList{QStringLiteral("partial:A1"), QStringLiteral("drained"), QStringLiteral("partial:A2"),
                           QStringLiteral("drained"), QStringLiteral("errpartial:B1"), QStringLiteral("drained"),
                           QStringLiteral("errpartial:B2"), QStringLiteral("drained"), QStringLiteral("partial:A3")}
            << QStringList{QStringLiteral("stdout:A1A2"), QStringLiteral("stderr:B1B2"), QStringLiteral("stdout:A3")};
        QTest::newRow("multi-byte characters at the switch")
            << QStringList{QStringLiteral("partial:\u00e9\u20ac"), QStringLiteral("drained"), QStringLiteral("errpartial:\U0001F600"),
                           QStringLiteral("drained"), QStringLiteral("partial:\u00e9")}
            << QStringList{QStringLiteral("stdout:\u00e9\u20ac"), QStringLiteral("stderr:\U0001F600"), QStringLiteral("stdout:\u00e9")};
    }
    void coalescingKeepsTheOrderOfStreams()
    {
        QFETCH(QStringList, actions);
        QFETCH(QStringList, expected);
        LaunchSpec spec = helperSpec(actions);
        spec.coalesceInterval = std::chrono::hours(1);
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QStringList chunks;
        for (const OutputChunk &chunk : std::as_const(recorder.chunks))
            chunks << toString(chunk.stream) + QLatin1Char(':') + chunk.text;
        QCOMPARE(chunks, expected);
    }

    // A slow trickle is not held back waiting for a full chunk: each piece arrives as its own
    // chunk within the coalescing interval. The child writes the next piece only once the test
    // has seen the previous one, so a supervisor that waited for more would hang here.
    void slowTrickleArrivesAsSeparateChunks_data()
    {
        QTest::addColumn<int>("pieces");
        QTest::addColumn<bool>("alternateStreams");
        QTest::newRow("one piece") << 1 << false;
        QTest::newRow("five pieces on stdout") << 5 << false;
        QTest::newRow("six pieces, stdout and stderr in turn") << 6 << true;
    }
    void slowTrickleArrivesAsSeparateChunks()
    {
        QFETCH(int, pieces);
        QFETCH(bool, alternateStreams);
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        QStringList actions;
        QStringList expected;
        for (int i = 1; i <= pieces; ++i) {
            const bool toStderr = alternateStreams && i % 2 == 0;
            actions << (toStderr ? QStringLiteral("errpartial:piece %1").arg(i) : QStringLiteral("partial:piece %1").arg(i))
                    << QStringLiteral("wait-file:") + directory.filePath(QStringLiteral("seen-%1").arg(i));
            expected << (toStderr ? QStringLiteral("stderr:") : QStringLiteral("stdout:")) + QStringLiteral("piece %1").arg(i);
        }
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        int seen = 0;
        QObject::connect(&supervisor, &RunSupervisor::output, &supervisor, [&](const OutputChunk &) {
            QFile marker(directory.filePath(QStringLiteral("seen-%1").arg(++seen)));
            QVERIFY(marker.open(QIODevice::WriteOnly));
        });
        supervisor.start(helperSpec(actions)); // the default interval and chunk size
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QCOMPARE(recorder.outcome->exitCode, 0); // 98: the helper waited in vain for a piece to be seen
        QStringList chunks;
        for (const OutputChunk &chunk : std::as_const(recorder.chunks))
            chunks << toString(chunk.stream) + QLatin1Char(':') + chunk.text;
        QCOMPARE(chunks, expected);
    }

    void multiByteCharactersSplitAcrossWritesStayWhole()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        LaunchSpec spec = helperSpec({QStringLiteral("split-utf8"), QStringLiteral("partial:no newline")});
        spec.coalesceInterval = 1ms; // flush as soon as possible, so the pieces would be cut if we let them
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QCOMPARE(recorder.text(OutputStream::Stdout), QString::fromUtf8("a\xc3\xa9" "b\xf0\x9f\x98\x80" "c\nno newline"));
        for (const OutputChunk &chunk : std::as_const(recorder.chunks)) {
            QVERIFY(chunk.validUtf8);
            QVERIFY(!chunk.text.contains(QChar::ReplacementCharacter));
        }
        QVERIFY2(recorder.chunks.size() > 1, "the pauses should have produced several chunks");
    }

    void readingCanBePausedWithoutLosingOutput()
    {
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        // Pause after every chunk and resume on the next event-loop turn: a crude consumer that is
        // always behind. Nothing may be lost or reordered.
        QObject::connect(&supervisor, &RunSupervisor::output, &supervisor, [&supervisor] {
            supervisor.pauseReading();
            QTimer::singleShot(0, &supervisor, [&supervisor] { supervisor.resumeReading(); });
        });
        supervisor.start(helperSpec({QStringLiteral("flood:2M"), QStringLiteral("flood-err:1M")}));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QVERIFY(recorder.bytes(OutputStream::Stdout) == floodPattern(2 << 20));
        QVERIFY(recorder.bytes(OutputStream::Stderr) == floodPattern(1 << 20));
    }

    void environmentIsTheProfileAllowList_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("default") << QStringLiteral("default")
                                 << QStringList{QStringLiteral("HOME=/home/u"), QStringLiteral("PATH=/usr/bin:/bin")};
        QTest::newRow("minimal") << QStringLiteral("minimal")
                                 << QStringList{QStringLiteral("HOME=/home/u"), QStringLiteral("PATH=/usr/bin:/bin")};
        QTest::newRow("project") << QStringLiteral("project")
                                 << QStringList{QStringLiteral("CCDASH_PROJECT_ROOT=/ws"), QStringLiteral("HOME=/home/u"),
                                                QStringLiteral("PATH=/usr/bin:/bin")};
        QTest::newRow("ci") << QStringLiteral("CI")
                            << QStringList{QStringLiteral("CCDASH_PROJECT_ROOT=/ws"), QStringLiteral("CI=1"),
                                           QStringLiteral("HOME=/home/u"), QStringLiteral("PATH=/usr/bin:/bin")};
    }
    void environmentIsTheProfileAllowList()
    {
        QFETCH(QString, profile);
        QFETCH(QStringList, expected);
        QProcessEnvironment source;
        source.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
        source.insert(QStringLiteral("HOME"), QStringLiteral("/home/u"));
        source.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("secret"));
        source.insert(QStringLiteral("CCDASH_API_TOKEN"), QStringLiteral("token"));
        source.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral("/evil.so"));
        QStringList actual = environmentForProfile(profile, QStringLiteral("/ws"), source).toStringList();
        actual.sort();
        QCOMPARE(actual, expected);
    }

    void childSeesOnlyTheAllowList()
    {
        qputenv("WORKBENCH_TEST_SECRET", "leak");
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        LaunchSpec spec = helperSpec({QStringLiteral("env:WORKBENCH_TEST_SECRET"), QStringLiteral("env:CI"),
                                      QStringLiteral("env:CCDASH_PROJECT_ROOT")});
        spec.environment = environmentForProfile(QStringLiteral("ci"), QStringLiteral("/ws"));
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        qunsetenv("WORKBENCH_TEST_SECRET");
        QCOMPARE(recorder.text(OutputStream::Stdout),
                 QStringLiteral("WORKBENCH_TEST_SECRET unset\nCI=1\nCCDASH_PROJECT_ROOT=/ws\n"));
    }

    void commandLineForPolicyResult_data()
    {
        QTest::addColumn<QStringList>("launchArguments");
        QTest::addColumn<bool>("needsShell");
        QTest::addColumn<bool>("needsBash");
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        const QString command = QStringLiteral("echo a | tr a b");
        QTest::newRow("plain") << QStringList{QStringLiteral("git"), QStringLiteral("status")} << false << false
                               << QStringLiteral("git") << QStringList{QStringLiteral("status")};
        QTest::newRow("shell") << QStringList{} << true << false << QStringLiteral("/bin/sh")
                               << QStringList{QStringLiteral("-c"), command};
        QTest::newRow("bash") << QStringList{} << true << true << QStringLiteral("/bin/bash")
                              << QStringList{QStringLiteral("-c"), command};
    }
    void commandLineForPolicyResult()
    {
        QFETCH(QStringList, launchArguments);
        QFETCH(bool, needsShell);
        QFETCH(bool, needsBash);
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        workbench::policy::PolicyResult result;
        result.verdict = workbench::policy::Verdict::Allow;
        result.launchArguments = launchArguments;
        result.needsShell = needsShell;
        result.needsBash = needsBash;
        const CommandLine commandLine = commandLineFor(result, QStringLiteral("echo a | tr a b"));
        QCOMPARE(commandLine.program, program);
        QCOMPARE(commandLine.arguments, arguments);
    }

    void shellCommandRunsUnderTheShell()
    {
        workbench::policy::PolicyResult result;
        result.needsShell = true;
        result.resolvedCwd = QDir::tempPath();
        LaunchSpec spec = launchSpecFor(result, QStringLiteral("echo abc | tr a x; echo err >&2"), QStringLiteral("default"),
                                        QDir::tempPath());
        RunSupervisor supervisor;
        Recorder recorder;
        recorder.attach(supervisor);
        supervisor.start(spec);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.outcome.has_value(), LongWait);
        QCOMPARE(recorder.text(OutputStream::Stdout), QStringLiteral("xbc\n"));
        QCOMPARE(recorder.text(OutputStream::Stderr), QStringLiteral("err\n"));
        QVERIFY(recorder.outcome->succeeded());
    }
};

QTEST_GUILESS_MAIN(TestRunSupervisor)
#include "tst_runsupervisor.moc"
