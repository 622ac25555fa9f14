// ExecutionService end to end: real policy engine, real SQLite store with its event writer
// thread, real child processes. Checks CCDash's event texts and sequences, output stored
// completely, cancel/timeout/cap, launch errors, approvals (deny, expiry, fingerprint change,
// remembered), retry, startup recovery and fail-closed auditing on a full database.
#include "app/execution/executionservice.h"
#include "app/execution/policyevaluator.h"
#include "app/runtime/processgroup.h"
#include "models/database.h"
#include "models/eventwriter.h"
#include "tests/support/floodpattern.h"
#include "tests/support/scratchexecutables.h"

#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace workbench;
using namespace workbench::execution;
using namespace std::chrono_literals;
using models::RunStatus;

namespace {

QByteArray floodPattern(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    testsupport::floodBytes(0, bytes.data(), std::size_t(size));
    return bytes;
}

QString status(const models::ExecutionRun &run)
{
    return models::toString(run.status);
}

QString currentBootId()
{
    QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QString();
}

} // namespace

class TestExecutionService : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    models::DatabaseLocation m_location;
    std::unique_ptr<models::Database> m_database;
    std::unique_ptr<models::EventWriter> m_writer;
    std::unique_ptr<ExecutionService> m_service;
    ExecutionService::Options m_options;

    static constexpr int LongWait = 30000;

    void openService(const ExecutionService::Options &options = {})
    {
        m_service.reset();
        m_writer.reset();
        m_database.reset();
        auto database = models::Database::open(m_location, QStringLiteral("test"));
        QVERIFY2(database, qPrintable(database.errorMessage()));
        m_database = std::move(*database);
        m_writer = std::make_unique<models::EventWriter>(m_location);
        const auto started = m_writer->start();
        QVERIFY2(started, qPrintable(started.errorMessage()));
        m_options = options;
        if (m_options.killGrace == 3000ms)
            m_options.killGrace = 300ms;
        m_service = std::make_unique<ExecutionService>(*m_database, *m_writer, defaultPolicyEvaluator(), m_options);
    }

    QString helper() const { return QStringLiteral("./tools/childhelper"); }

    RunRequest request(const QString &command) const
    {
        RunRequest request;
        request.command = command;
        request.workspace = m_workspace;
        request.featureId = QStringLiteral("feat-1");
        request.ruleId = QStringLiteral("R2_START_PHASE_1");
        request.metadata = QJsonObject{{QStringLiteral("launchedFrom"), QStringLiteral("test")}};
        return request;
    }

    // Creates the run and approves it when the policy asks for approval; returns the started run.
    models::ExecutionRun start(const RunRequest &runRequest)
    {
        auto created = m_service->createRun(runRequest);
        if (!created) {
            qWarning() << created.errorMessage();
            return {};
        }
        if (created->status == RunStatus::Blocked && created->requiresApproval) {
            auto approved = m_service->approve(created->id, QStringLiteral("approved in test"));
            if (!approved) {
                qWarning() << approved.errorMessage();
                return *created;
            }
            return *approved;
        }
        return *created;
    }

    models::ExecutionRun waitFinished(const QString &runId)
    {
        QSignalSpy finished(m_service.get(), &ExecutionService::runFinished);
        auto stored = m_service->repository().getRun(runId);
        if (stored && models::isFinished(stored->status) && !m_service->isActive(runId))
            return *stored;
        for (int i = 0; i < 600; ++i) {
            for (const QList<QVariant> &arguments : std::as_const(finished)) {
                const auto run = arguments.at(0).value<models::ExecutionRun>();
                if (run.id == runId)
                    return run;
            }
            finished.wait(100);
        }
        return {};
    }

    QList<models::RunEvent> events(const QString &runId)
    {
        m_writer->waitForCommitted(10s);
        auto page = m_service->repository().listEventsAfterSequence(runId, 0, 1000000);
        return page ? page->items : QList<models::RunEvent>{};
    }

    static QStringList describe(const QList<models::RunEvent> &events, bool withOutput = true)
    {
        QStringList lines;
        for (const models::RunEvent &event : events) {
            if (!withOutput && event.eventType == models::EventType::Output)
                continue;
            lines << QStringLiteral("%1/%2: %3").arg(models::toString(event.stream), event.eventType, event.payloadText);
        }
        return lines;
    }

    static QByteArray storedBytes(const QList<models::RunEvent> &events, models::EventStream stream)
    {
        QByteArray bytes;
        for (const models::RunEvent &event : events) {
            if (event.stream != stream || event.eventType != models::EventType::Output)
                continue;
            const QJsonValue raw = event.payload.value(QStringLiteral("bytesBase64"));
            bytes += raw.isString() ? QByteArray::fromBase64(raw.toString().toLatin1()) : event.payloadText.toUtf8();
        }
        return bytes;
    }

    static const models::RunEvent *find(const QList<models::RunEvent> &events, const QString &text)
    {
        for (const models::RunEvent &event : events) {
            if (event.payloadText == text)
                return &event;
        }
        return nullptr;
    }

    static qint64 pidAfter(const QString &marker, const QString &text)
    {
        const QRegularExpressionMatch match =
            QRegularExpression(QRegularExpression::escape(marker) + QStringLiteral(" (\\d+)")).match(text);
        return match.hasMatch() ? match.captured(1).toLongLong() : 0;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_workspace = QDir(m_dir->filePath(QStringLiteral("workspace"))).absolutePath();
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/tools")));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/build")));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/src")));
        QVERIFY(testsupport::copyExecutable(QStringLiteral(WORKBENCH_CHILDHELPER),
                                            m_workspace + QStringLiteral("/tools/childhelper")));
        m_workspace = QFileInfo(m_workspace).canonicalFilePath();
        auto location = models::parseDatabaseLocation(m_dir->filePath(QStringLiteral("store.db")));
        QVERIFY(location);
        m_location = *location;
        openService();
    }
    void cleanup()
    {
        m_service.reset();
        m_writer.reset();
        m_database.reset();
        m_dir.reset();
    }

    void allowedRunHasCcdashEventSequence()
    {
        const models::ExecutionRun created = start(request(QStringLiteral("echo execution-ok")));
        QVERIFY(!created.id.isEmpty());
        QCOMPARE(created.policyVerdict, QStringLiteral("allow"));
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(status(final), QStringLiteral("succeeded"));
        QCOMPARE(final.exitCode, std::optional<int>(0));
        QVERIFY(!final.startedAt.isEmpty());
        QVERIFY(!final.endedAt.isEmpty());
        QCOMPARE(final.cwd, m_workspace);
        QCOMPARE(final.featureId, QStringLiteral("feat-1"));
        QCOMPARE(final.metadata.value(QStringLiteral("launchedFrom")).toString(), QStringLiteral("test"));

        // The same event texts, streams and payload keys as CCDash's scenario "allow_succeeded".
        QFile fixture(QStringLiteral(WORKBENCH_TEST_FIXTURES_DIR "/ccdash/execution-runs-examples.json"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QJsonArray expected = QJsonDocument::fromJson(fixture.readAll())
                                        .object()[QStringLiteral("scenarios")][QStringLiteral("allow_succeeded")]
                                                 [QStringLiteral("events")][QStringLiteral("items")]
                                        .toArray();
        const QList<models::RunEvent> stored = events(created.id);
        QCOMPARE(stored.size(), expected.size());
        for (qsizetype i = 0; i < stored.size(); ++i) {
            const QJsonObject want = expected.at(i).toObject();
            QCOMPARE(stored.at(i).sequenceNo, qint64(i + 1));
            QCOMPARE(models::toString(stored.at(i).stream), want.value(QStringLiteral("stream")).toString());
            QCOMPARE(stored.at(i).eventType, want.value(QStringLiteral("eventType")).toString());
            QCOMPARE(stored.at(i).payloadText, want.value(QStringLiteral("payloadText")).toString());
            const QJsonObject wantPayload = want.value(QStringLiteral("payload")).toObject();
            for (auto it = wantPayload.begin(); it != wantPayload.end(); ++it) {
                if (it.key() == QLatin1String("riskLevel") || it.key() == QLatin1String("reasonCodes"))
                    continue; // our engine's judgement, checked by the policy tests
                QCOMPARE(stored.at(i).payload.value(it.key()), it.value());
            }
        }
    }

    void exitStatusIsRecorded_data()
    {
        QTest::addColumn<QString>("actions");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("signal");
        QTest::newRow("exit 0") << QStringLiteral("exit:0") << QStringLiteral("succeeded") << 0 << 0;
        QTest::newRow("exit 3") << QStringLiteral("err:boom exit:3") << QStringLiteral("failed") << 3 << 0;
        QTest::newRow("killed by SIGKILL") << QStringLiteral("signal:9") << QStringLiteral("failed") << -9 << 9;
    }
    void exitStatusIsRecorded()
    {
        QFETCH(QString, actions);
        QFETCH(QString, status);
        QFETCH(int, exitCode);
        QFETCH(int, signal);
        const models::ExecutionRun created = start(request(helper() + QLatin1Char(' ') + actions));
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(::status(final), status);
        QCOMPARE(final.exitCode, std::optional<int>(exitCode));
        const QList<models::RunEvent> stored = events(created.id);
        const models::RunEvent &last = stored.constLast();
        QCOMPARE(last.eventType, QStringLiteral("status"));
        QCOMPARE(last.payloadText, status == QLatin1String("succeeded") ? QStringLiteral("Run succeeded.") : QStringLiteral("Run failed."));
        QCOMPARE(last.payload.value(QStringLiteral("exitCode")).toInt(), exitCode);
        QCOMPARE(last.payload.value(QStringLiteral("status")).toString(), status);
        QCOMPARE(last.payload.contains(QStringLiteral("signal")), signal != 0);
        if (signal)
            QCOMPARE(last.payload.value(QStringLiteral("signal")).toInt(), signal);
    }

    void floodIsStoredCompletelyAndInOrder()
    {
        const qint64 outSize = 6 << 20;
        const qint64 errSize = (1 << 20) + 3;
        const models::ExecutionRun created = start(
            request(helper() + QStringLiteral(" flood:%1 flood-err:%2 invalid-utf8").arg(outSize).arg(errSize)));
        QCOMPARE(status(waitFinished(created.id)), QStringLiteral("succeeded"));
        const QList<models::RunEvent> stored = events(created.id);
        for (qsizetype i = 0; i < stored.size(); ++i)
            QCOMPARE(stored.at(i).sequenceNo, qint64(i + 1)); // gap-free, in order
        QVERIFY(storedBytes(stored, models::EventStream::Stdout) == floodPattern(outSize) + QByteArray("bad:\xff\xfe\xc3\x28 end\n"));
        QVERIFY(storedBytes(stored, models::EventStream::Stderr) == floodPattern(errSize));
        for (const models::RunEvent &event : stored)
            QVERIFY(event.payloadText.size() <= m_service->options().maxChunkBytes);
    }

    void cancelStopsTheGroupAndIsRecorded()
    {
        const models::ExecutionRun created =
            start(request(helper() + QStringLiteral(" ignore-term grandchild-stubborn:60 out:begin sleep:60")));
        QVERIFY(m_service->isActive(created.id));
        QString text;
        QObject context;
        connect(m_service.get(), &ExecutionService::output, &context,
                [&](const QString &, const runtime::OutputChunk &chunk) { text += chunk.text(); });
        QTRY_VERIFY_WITH_TIMEOUT(text.contains(QStringLiteral("begin")), LongWait);
        const qint64 grandchild = pidAfter(QStringLiteral("grandchild"), text);
        QVERIFY(runtime::processIsAlive(grandchild));

        QVERIFY(m_service->cancel(created.id, QStringLiteral("test cancel")));
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(status(final), QStringLiteral("canceled"));
        QCOMPARE(final.exitCode, std::optional<int>(-9));
        QVERIFY(!runtime::processIsAlive(grandchild));

        const QList<models::RunEvent> stored = events(created.id);
        const models::RunEvent *requested = find(stored, QStringLiteral("Cancel requested."));
        QVERIFY(requested);
        QCOMPARE(requested->payload.value(QStringLiteral("status")).toString(), QStringLiteral("cancel_requested"));
        QCOMPARE(requested->payload.value(QStringLiteral("reason")).toString(), QStringLiteral("test cancel"));
        const QStringList lines = describe(stored, false);
        const auto indexOf = [&lines](const QString &prefix) {
            for (qsizetype i = 0; i < lines.size(); ++i) {
                if (lines.at(i).startsWith(prefix))
                    return i;
            }
            return qsizetype(-1);
        };
        const qsizetype term = indexOf(QStringLiteral("system/status: Sent SIGTERM"));
        const qsizetype kill = indexOf(QStringLiteral("system/status: Sent SIGKILL"));
        const qsizetype canceled = indexOf(QStringLiteral("system/status: Run canceled."));
        QVERIFY2(indexOf(QStringLiteral("system/status: Cancel requested.")) < term && term < kill && kill < canceled,
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(stored.constLast().payload.value(QStringLiteral("exitCode")).toInt(), -9);
    }

    void timeoutFailsTheRunWithReason()
    {
        RunRequest timed = request(helper() + QStringLiteral(" sleep:60"));
        timed.timeout = 300ms;
        const models::ExecutionRun created = start(timed);
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(status(final), QStringLiteral("failed"));
        QCOMPARE(final.exitCode, std::optional<int>(-15));
        const QList<models::RunEvent> stored = events(created.id);
        QVERIFY(find(stored, QStringLiteral("Run timed out after 0.3 s.")));
        QCOMPARE(stored.constLast().payload.value(QStringLiteral("reason")).toString(), QStringLiteral("timeout"));
        QCOMPARE(final.metadata[QStringLiteral("workbench")][QStringLiteral("outcome")][QStringLiteral("timedOut")].toBool(), true);
    }

    void outputCapIsVisibleAndExact()
    {
        RunRequest capped = request(helper() + QStringLiteral(" flood:1M"));
        capped.outputCapBytes = 10000;
        const models::ExecutionRun created = start(capped);
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(status(final), QStringLiteral("succeeded"));
        const QList<models::RunEvent> stored = events(created.id);
        const QByteArray kept = storedBytes(stored, models::EventStream::Stdout);
        const QByteArray pattern = floodPattern(1 << 20);
        QCOMPARE(kept.size(), 10000);
        QVERIFY(kept.left(5000) == pattern.left(5000));
        QVERIFY(kept.right(5000) == pattern.right(5000));
        const models::RunEvent *truncated = nullptr;
        for (const models::RunEvent &event : stored) {
            if (event.payload.value(QStringLiteral("truncated")).toBool())
                truncated = &event;
        }
        QVERIFY(truncated);
        QCOMPARE(truncated->payload.value(QStringLiteral("droppedBytes")).toInteger(), (1 << 20) - 10000);
        QCOMPARE(final.metadata[QStringLiteral("workbench")][QStringLiteral("outcome")][QStringLiteral("stdout")]
                               [QStringLiteral("droppedBytes")].toInteger(),
                 (1 << 20) - 10000);
    }

    void launchErrorFailsTheRun()
    {
        // The slash command goes through the agent launcher; there is no `claude` on this PATH.
        const QByteArray savedPath = qgetenv("PATH");
        qputenv("PATH", "/nonexistent-bin");
        const models::ExecutionRun created = start(request(QStringLiteral("/dev:execute-phase 1 plan.md")));
        qputenv("PATH", savedPath);
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(status(final), QStringLiteral("failed"));
        QCOMPARE(final.exitCode, std::optional<int>());
        const QList<models::RunEvent> stored = events(created.id);
        const models::RunEvent &last = stored.constLast();
        QCOMPARE(last.eventType, QStringLiteral("error"));
        QCOMPARE(last.payloadText, QStringLiteral("Failed to launch process: [Errno 2] No such file or directory: 'claude'"));
        QCOMPARE(last.payload.value(QStringLiteral("error")).toString(), QStringLiteral("[Errno 2] No such file or directory: 'claude'"));
    }

    void slashCommandRunsThroughTheAgentLauncher()
    {
        QTemporaryDir bin;
        QVERIFY(
            testsupport::writeExecutable(bin.filePath(QStringLiteral("claude")),
                                         "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n"));
        const QByteArray savedPath = qgetenv("PATH");
        qputenv("PATH", bin.path().toLocal8Bit() + ':' + savedPath);
        const models::ExecutionRun created = start(request(QStringLiteral("/dev:execute-phase 1 docs/it's plan.md")));
        const models::ExecutionRun final = waitFinished(created.id);
        qputenv("PATH", savedPath);
        QCOMPARE(created.requiresApproval, true); // agent commands need approval by default
        QCOMPARE(status(final), QStringLiteral("succeeded"));
        // One argument, quoted safely: the slash command arrives whole, quote included.
        QCOMPARE(QString::fromUtf8(storedBytes(events(created.id), models::EventStream::Stdout)),
                 QStringLiteral("[-p]\n[/dev:execute-phase 1 docs/it's plan.md]\n"));
    }

    void approvalFlowMatchesCcdash()
    {
        auto created = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY2(created, qPrintable(created.errorMessage()));
        QCOMPARE(status(*created), QStringLiteral("blocked"));
        QCOMPARE(created->policyVerdict, QStringLiteral("requires_approval"));
        QVERIFY(created->requiresApproval);
        QVERIFY(!m_service->isActive(created->id));
        QVERIFY(QFileInfo::exists(m_workspace + QStringLiteral("/build")));
        auto pending = m_service->repository().pendingApproval(created->id);
        QVERIFY(pending && pending->has_value());
        QCOMPARE((*pending)->requestedBy, currentActor());
        QCOMPARE(describe(events(created->id)),
                 (QStringList{QStringLiteral("system/policy: Policy verdict: requires_approval"),
                              QStringLiteral("system/approval: Approval required before run can start.")}));

        auto approved = m_service->approve(created->id, QStringLiteral("approved in test"));
        QVERIFY2(approved, qPrintable(approved.errorMessage()));
        const models::ExecutionRun final = waitFinished(created->id);
        QCOMPARE(status(final), QStringLiteral("succeeded"));
        QCOMPARE(final.approvedBy, currentActor());
        QVERIFY(!final.approvedAt.isEmpty());
        QVERIFY(!QFileInfo::exists(m_workspace + QStringLiteral("/build")));
        const QList<models::RunEvent> stored = events(created->id);
        QCOMPARE(describe(stored, false),
                 (QStringList{QStringLiteral("system/policy: Policy verdict: requires_approval"),
                              QStringLiteral("system/approval: Approval required before run can start."),
                              QStringLiteral("system/approval: Run approved."),
                              QStringLiteral("system/status: Run started."),
                              QStringLiteral("system/status: Run succeeded.")}));
        const QJsonObject approval = stored.at(2).payload.value(QStringLiteral("approval")).toObject();
        QCOMPARE(approval.value(QStringLiteral("decision")).toString(), QStringLiteral("approved"));
        QCOMPARE(approval.value(QStringLiteral("reason")).toString(), QStringLiteral("approved in test"));
        QCOMPARE(approval.value(QStringLiteral("resolved_by")).toString(), currentActor());
    }

    void deniedApprovalKeepsTheRunBlocked()
    {
        auto created = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(created);
        auto denied = m_service->deny(created->id, QStringLiteral("no"));
        QVERIFY2(denied, qPrintable(denied.errorMessage()));
        QCOMPARE(status(*denied), QStringLiteral("blocked"));
        QCOMPARE(denied->approvedAt, QString());
        QCOMPARE(describe(events(created->id)).constLast(), QStringLiteral("system/approval: Run approval denied."));
        auto again = m_service->approve(created->id, QStringLiteral("changed my mind"));
        QVERIFY(!again);
        QCOMPARE(again.errorMessage(), QStringLiteral("No pending approval for this run"));
        QVERIFY(QFileInfo::exists(m_workspace + QStringLiteral("/build")));
    }

    void deniedCommandIsBlockedAndNeverStarts()
    {
        auto created = m_service->createRun(request(QStringLiteral("rm -rf /")));
        QVERIFY(created);
        QCOMPARE(status(*created), QStringLiteral("blocked"));
        QCOMPARE(created->policyVerdict, QStringLiteral("deny"));
        QCOMPARE(describe(events(created->id)), (QStringList{QStringLiteral("system/policy: Policy verdict: deny"),
                                                            QStringLiteral("system/status: Run blocked by policy.")}));
        auto approved = m_service->approve(created->id, QStringLiteral("please"));
        QVERIFY(!approved);
        QCOMPARE(approved.errorMessage(), QStringLiteral("Run does not require approval"));
    }

    void pendingApprovalExpires()
    {
        ExecutionService::Options options;
        options.approvalExpiry = 300ms;
        openService(options);
        auto created = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(created);
        QTRY_VERIFY_WITH_TIMEOUT(!m_service->repository().pendingApproval(created->id)->has_value(), LongWait);
        auto approvals = m_service->repository().listApprovals(created->id);
        QVERIFY(approvals);
        QCOMPARE(approvals->size(), 1);
        QCOMPARE(models::toString(approvals->constFirst().decision), QStringLiteral("denied"));
        QCOMPARE(approvals->constFirst().reason, QStringLiteral("expired"));
        QVERIFY(!m_service->approve(created->id, QStringLiteral("too late")));
        QCOMPARE(status(*m_service->repository().getRun(created->id)), QStringLiteral("blocked"));
    }

    void approvalIsBoundToTheFingerprint()
    {
        // cwd is a symlink inside the workspace; re-pointing it changes what would run.
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/a/build")));
        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/b/build")));
        QVERIFY(QFile::link(m_workspace + QStringLiteral("/a"), m_workspace + QStringLiteral("/current")));
        RunRequest linked = request(QStringLiteral("rm -rf build"));
        linked.cwd = QStringLiteral("current");
        auto created = m_service->createRun(linked);
        QVERIFY(created);
        QCOMPARE(status(*created), QStringLiteral("blocked"));
        QCOMPARE(created->cwd, m_workspace + QStringLiteral("/a"));

        QVERIFY(QFile::remove(m_workspace + QStringLiteral("/current")));
        QVERIFY(QFile::link(m_workspace + QStringLiteral("/b"), m_workspace + QStringLiteral("/current")));
        auto approved = m_service->approve(created->id, QStringLiteral("ok"));
        QVERIFY(!approved);
        QVERIFY(approved.errorMessage().contains(QStringLiteral("changed since approval was requested")));
        QVERIFY(!m_service->isActive(created->id));
        QCOMPARE(status(*m_service->repository().getRun(created->id)), QStringLiteral("blocked"));
        QVERIFY(QFileInfo::exists(m_workspace + QStringLiteral("/a/build")));
        QVERIFY(QFileInfo::exists(m_workspace + QStringLiteral("/b/build")));
        const QList<models::RunEvent> stored = events(created->id);
        QCOMPARE(stored.constLast().payload.value(QStringLiteral("reason")).toString(), QStringLiteral("fingerprint_mismatch"));
    }

    void cancelWhileWaitingForApproval()
    {
        auto created = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(created);
        auto canceled = m_service->cancel(created->id, QStringLiteral("not now"));
        QVERIFY2(canceled, qPrintable(canceled.errorMessage()));
        QCOMPARE(status(*canceled), QStringLiteral("canceled"));
        auto approvals = m_service->repository().listApprovals(created->id);
        QCOMPARE(models::toString(approvals->constFirst().decision), QStringLiteral("denied"));
        QCOMPARE(approvals->constFirst().reason, QStringLiteral("canceled"));
        QCOMPARE(describe(events(created->id)).mid(2),
                 (QStringList{QStringLiteral("system/approval: Run approval denied."),
                              QStringLiteral("system/status: Cancel requested."),
                              QStringLiteral("system/status: Run canceled.")}));
    }

    void retryCreatesALinkedRunThroughThePolicy()
    {
        const models::ExecutionRun failed = waitFinished(start(request(helper() + QStringLiteral(" exit:3"))).id);
        QCOMPARE(status(failed), QStringLiteral("failed"));
        auto refused = m_service->retry(failed.id, false);
        QVERIFY(!refused);
        QCOMPARE(refused.errorMessage(), QStringLiteral("Retry requires acknowledgeFailure=true for failed runs"));

        auto retried = m_service->retry(failed.id, true, QJsonObject{{QStringLiteral("retriedFrom"), failed.id}});
        QVERIFY2(retried, qPrintable(retried.errorMessage()));
        QVERIFY(retried->id != failed.id);
        QCOMPARE(retried->retryOfRunId, failed.id);
        QCOMPARE(retried->metadata.value(QStringLiteral("retryOfRunId")).toString(), failed.id);
        QCOMPARE(retried->metadata.value(QStringLiteral("retriedFrom")).toString(), failed.id);
        QCOMPARE(retried->sourceCommand, failed.sourceCommand);
        QCOMPARE(retried->featureId, failed.featureId);
        if (retried->status == RunStatus::Blocked) // the policy is asked again, approval included
            QVERIFY(m_service->approve(retried->id, QStringLiteral("again")));
        const models::ExecutionRun final = waitFinished(retried->id);
        QCOMPARE(final.exitCode, std::optional<int>(3));
        QCOMPARE(events(retried->id).constFirst().eventType, QStringLiteral("policy"));

        const models::ExecutionRun succeeded = waitFinished(start(request(QStringLiteral("echo hi"))).id);
        auto notRetryable = m_service->retry(succeeded.id, true);
        QVERIFY(!notRetryable);
        QCOMPARE(notRetryable.errorMessage(), QStringLiteral("Run with status 'succeeded' cannot be retried"));
    }

    void rememberedApprovalsApplyListAndRevoke()
    {
        auto first = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(first);
        QVERIFY(m_service->approve(first->id, QStringLiteral("fine every time"), /*remember=*/true));
        QCOMPARE(status(waitFinished(first->id)), QStringLiteral("succeeded"));
        auto remembered = m_service->rememberedApprovals(m_workspace);
        QVERIFY(remembered);
        QCOMPARE(remembered->size(), 1);
        QCOMPARE(remembered->constFirst().normalizedCommand, QStringLiteral("rm -rf build"));
        QCOMPARE(remembered->constFirst().createdBy, currentActor());

        QVERIFY(QDir().mkpath(m_workspace + QStringLiteral("/build")));
        auto second = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(second);
        QVERIFY(second->status != RunStatus::Blocked); // started without asking
        QCOMPARE(status(waitFinished(second->id)), QStringLiteral("succeeded"));
        const QList<models::RunEvent> stored = events(second->id);
        const models::RunEvent *approvedEvent = find(stored, QStringLiteral("Run approved."));
        QVERIFY(approvedEvent);
        QCOMPARE(approvedEvent->payload[QStringLiteral("rememberedApproval")][QStringLiteral("id")].toInteger(),
                 remembered->constFirst().id);

        // A different command is not covered.
        auto other = m_service->createRun(request(QStringLiteral("rm -rf src")));
        QCOMPARE(status(*other), QStringLiteral("blocked"));

        QVERIFY(m_service->revokeRememberedApproval(remembered->constFirst().id));
        QVERIFY(!m_service->rememberedApprovals(m_workspace)->constFirst().revokedAt.isEmpty());
        auto third = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QCOMPARE(status(*third), QStringLiteral("blocked"));
    }

    void rememberedApprovalsExpire()
    {
        ExecutionService::Options options;
        options.rememberFor = 1ms;
        openService(options);
        auto first = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(m_service->approve(first->id, QStringLiteral("once"), true));
        waitFinished(first->id);
        const auto remembered = m_service->rememberedApprovals();
        QCOMPARE(remembered->size(), 1);
        // The clock, not a fixed sleep: wait until the 1 ms lifetime has passed.
        const QString expiresAt = remembered->constFirst().expiresAt;
        QTRY_VERIFY(models::isoTimestampNow() > expiresAt);
        auto second = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QCOMPARE(status(*second), QStringLiteral("blocked"));
    }

    void inlineCodeAndShellWrappersAreNeverRemembered_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("bash -c") << QStringLiteral("bash -c 'rm -rf build'");
        QTest::newRow("sh -c through env") << QStringLiteral("env sh -c 'rm -rf build'");
        QTest::newRow("python -c") << QStringLiteral("python3 -c 'print(1)'");
        QTest::newRow("node -e") << QStringLiteral("node -e 'console.log(1)'");
    }
    void inlineCodeAndShellWrappersAreNeverRemembered()
    {
        QFETCH(QString, command);
        policy::PolicyRequest policyRequest;
        policyRequest.command = command;
        policyRequest.workspace = m_workspace;
        const policy::PolicyResult result = defaultPolicyEvaluator()(policyRequest);
        QVERIFY(!isRememberable(result));

        auto created = m_service->createRun(request(command));
        QVERIFY(created);
        if (created->status == RunStatus::Blocked && created->requiresApproval)
            QVERIFY(m_service->approve(created->id, QStringLiteral("once"), /*remember=*/true));
        if (created->status != RunStatus::Blocked || created->requiresApproval)
            QVERIFY(models::isFinished(waitFinished(created->id).status));
        QCOMPARE(m_service->rememberedApprovals()->size(), 0);
    }

    void recoveryFailsRunsOfDeadInstancesAndKillsTheirGroup()
    {
        // An orphaned process group, as a crashed instance would leave it.
        QProcess orphan;
        orphan.setProgram(QStringLiteral("setsid"));
        orphan.setArguments({m_workspace + QStringLiteral("/tools/childhelper"), QStringLiteral("grandchild:60"), QStringLiteral("sleep:60")});
        orphan.start();
        QVERIFY(orphan.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(orphan.canReadLine(), LongWait);
        const qint64 grandchild = pidAfter(QStringLiteral("grandchild"), QString::fromUtf8(orphan.readLine()));
        QVERIFY(grandchild > 0);
        // setsid(1) forks when it is a group leader already; the helper's pgid is the grandchild's.
        qint64 groupId = 0;
        {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(grandchild));
            QVERIFY(stat.open(QIODevice::ReadOnly));
            const QByteArray line = stat.readAll();
            groupId = line.mid(line.lastIndexOf(')') + 2).split(' ').at(2).toLongLong();
        }
        QVERIFY(groupId > 0);

        auto dead = m_service->createRun(request(QStringLiteral("rm -rf build")));   // blocked: stands in for a run
        auto live = m_service->createRun(request(QStringLiteral("rm -rf src")));
        QVERIFY(dead && live);
        models::RunUpdate running;
        running.status = RunStatus::Running;
        QVERIFY(m_service->repository().updateRunStatus(dead->id, running));
        QVERIFY(m_service->repository().updateRunStatus(live->id, running));
        // Same boot, an owner that started before the orphan group (start time 0): the group is the run's.
        models::RunOwner deadOwner{dead->id, QSysInfo::machineHostName(), 999999999, currentBootId() + QStringLiteral(":999999999:0"),
                                   groupId, {}};
        QVERIFY(m_service->repository().setRunOwner(deadOwner));
        // The live owner: another running process whose identity matches.
        QProcess liveInstance;
        liveInstance.start(m_workspace + QStringLiteral("/tools/childhelper"), {QStringLiteral("sleep:60")});
        QVERIFY(liveInstance.waitForStarted());
        const qint64 livePid = liveInstance.processId();
        models::RunOwner liveOwner{live->id, QSysInfo::machineHostName(), livePid, instanceIdForProcess(livePid), std::nullopt, {}};
        QVERIFY(!liveOwner.instanceId.isEmpty());
        QVERIFY(m_service->repository().setRunOwner(liveOwner));

        auto report = m_service->recoverInterruptedRuns();
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QCOMPARE(report->interruptedRunIds, QStringList{dead->id});
        QCOMPARE(report->leftAloneRunIds, QStringList{live->id});
        QVERIFY(!runtime::processIsAlive(grandchild));
        QVERIFY(runtime::liveProcessGroupMembers(groupId).isEmpty());

        const models::ExecutionRun recovered = *m_service->repository().getRun(dead->id);
        QCOMPARE(status(recovered), QStringLiteral("failed"));
        QVERIFY(!recovered.endedAt.isEmpty());
        const models::RunEvent last = events(dead->id).constLast();
        QCOMPARE(last.eventType, QStringLiteral("error"));
        QVERIFY(last.payloadText.startsWith(QStringLiteral("Run interrupted: ")));
        QCOMPARE(last.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("interrupted"));
        QCOMPARE(status(*m_service->repository().getRun(live->id)), QStringLiteral("running"));
        liveInstance.kill();
        liveInstance.waitForFinished();
        orphan.waitForFinished();
    }

    // A shared (team) store holds other desktops' runs too: recovery only touches runs of this host, even
    // when another host's owner pid is dead here and its recorded group number is a live group here.
    void recoveryOnlyTouchesThisHostsRuns_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("recovered");
        QTest::newRow("another desktop's run") << QStringLiteral("other-desktop.example") << false;
        QTest::newRow("this host's run") << QSysInfo::machineHostName() << true;
    }
    void recoveryOnlyTouchesThisHostsRuns()
    {
        QFETCH(QString, host);
        QFETCH(bool, recovered);
        QProcess bystander; // stands in for whatever owns that group number on this machine
        bystander.setProgram(m_workspace + QStringLiteral("/tools/childhelper"));
        bystander.setArguments({QStringLiteral("sleep:60")});
        bystander.setChildProcessModifier([] { ::setsid(); });
        bystander.start();
        QVERIFY(bystander.waitForStarted());
        const qint64 groupId = bystander.processId();
        QTRY_COMPARE_WITH_TIMEOUT(runtime::liveProcessGroupMembers(groupId), QList<qint64>{groupId}, LongWait);

        auto run = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(run);
        models::RunUpdate running;
        running.status = RunStatus::Running;
        QVERIFY(m_service->repository().updateRunStatus(run->id, running));
        // Owner recorded in an earlier boot, so even on this host the group is left alone: only the host differs.
        QVERIFY(m_service->repository().setRunOwner(models::RunOwner{
            run->id, host, 999999999, QStringLiteral("00000000-0000-0000-0000-000000000000:999999999:1"), groupId, {}}));

        auto report = m_service->recoverInterruptedRuns();
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QCOMPARE(report->interruptedRunIds.contains(run->id), recovered);
        QCOMPARE(status(*m_service->repository().getRun(run->id)), recovered ? QStringLiteral("failed") : QStringLiteral("running"));
        QCOMPARE(events(run->id).constLast().payload.value(QStringLiteral("reason")).toString() == QLatin1String("interrupted"),
                 recovered);
        QVERIFY(runtime::processIsAlive(groupId));

        runtime::signalProcessGroup(groupId, SIGKILL);
        bystander.waitForFinished();
    }

    // A recorded process group number is only killed while it can still be the run's group: not after a
    // reboot, and not when processes older than the dead owner instance carry it (the number was reused,
    // or the row, which anyone who can write the database could have written, names someone else's group).
    void recoveryLeavesGroupsThatAreNotTheRunsAlone_data()
    {
        QTest::addColumn<bool>("earlierBoot");
        QTest::addColumn<QString>("leftAlone");
        QTest::newRow("recorded in an earlier boot") << true << QStringLiteral("earlier_boot");
        QTest::newRow("group older than its owner") << false << QStringLiteral("group_reused");
    }
    void recoveryLeavesGroupsThatAreNotTheRunsAlone()
    {
        QFETCH(bool, earlierBoot);
        QFETCH(QString, leftAlone);
        QProcess bystander; // a process group of the user's that has nothing to do with the run
        bystander.setProgram(m_workspace + QStringLiteral("/tools/childhelper"));
        bystander.setArguments({QStringLiteral("sleep:60")});
        bystander.setChildProcessModifier([] { ::setsid(); });
        bystander.start();
        QVERIFY(bystander.waitForStarted());
        const qint64 member = bystander.processId();
        const qint64 groupId = member; // setsid() made it the leader of its own group
        QTRY_COMPARE_WITH_TIMEOUT(runtime::liveProcessGroupMembers(groupId), QList<qint64>{member}, LongWait);
        QVERIFY(runtime::processStartTime(member) >= 0);

        auto run = m_service->createRun(request(QStringLiteral("rm -rf build")));
        QVERIFY(run);
        models::RunUpdate running;
        running.status = RunStatus::Running;
        QVERIFY(m_service->repository().updateRunStatus(run->id, running));
        // The dead owner started after the bystander group (or in another boot).
        const QString ownerStart = QString::number(runtime::processStartTime(member) + 100);
        const QString instance = (earlierBoot ? QStringLiteral("00000000-0000-0000-0000-000000000000") : currentBootId())
                                 + QStringLiteral(":999999999:") + ownerStart;
        QVERIFY(m_service->repository().setRunOwner(
            models::RunOwner{run->id, QSysInfo::machineHostName(), 999999999, instance, groupId, {}}));

        auto report = m_service->recoverInterruptedRuns();
        QVERIFY2(report, qPrintable(report.errorMessage()));
        QCOMPARE(report->interruptedRunIds, QStringList{run->id});
        QVERIFY(report->killedProcesses.isEmpty());
        QVERIFY(runtime::processIsAlive(member));
        QCOMPARE(status(*m_service->repository().getRun(run->id)), QStringLiteral("failed"));
        const models::RunEvent last = events(run->id).constLast();
        QCOMPARE(last.payload.value(QStringLiteral("reason")).toString(), QStringLiteral("interrupted"));
        QCOMPARE(last.payload.value(QStringLiteral("processGroupLeftAlone")).toString(), leftAlone);
        QVERIFY(last.payload.value(QStringLiteral("killedProcesses")).toArray().isEmpty());

        runtime::signalProcessGroup(groupId, SIGKILL);
        bystander.waitForFinished();
    }

    void fullDatabaseStopsTheRunFailClosed()
    {
        const models::ExecutionRun created = start(request(helper() + QStringLiteral(" out:started flood:2G")));
        QVERIFY(m_service->isActive(created.id));
        QSignalSpy auditFailures(m_service.get(), &ExecutionService::auditFailure);
        QSignalSpy stopped(m_service.get(), &ExecutionService::runStopped);
        QTRY_VERIFY_WITH_TIMEOUT(events(created.id).size() >= 3, LongWait); // policy, started, output
        // The writer's connection cannot grow the file any more: the disk is "full".
        m_writer->runOnConnection([](models::Database &database) {
            QSqlQuery query(database.connection());
            QVERIFY(query.exec(QStringLiteral("PRAGMA max_page_count = 1")));
        });
        QTRY_VERIFY_WITH_TIMEOUT(auditFailures.size() == 1, LongWait);
        QCOMPARE(auditFailures.at(0).at(0).toString(), created.id);
        QVERIFY(auditFailures.at(0).at(1).toString().contains(QStringLiteral("full"), Qt::CaseInsensitive));
        QTRY_VERIFY_WITH_TIMEOUT(stopped.size() == 1, LongWait); // the process is gone while the store is still full
        QCOMPARE(status(*m_service->repository().getRun(created.id)), QStringLiteral("running"));

        // The store works again: the run is marked failed with the reason.
        m_writer->runOnConnection([](models::Database &database) {
            QSqlQuery query(database.connection());
            QVERIFY(query.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        });
        const models::ExecutionRun final = waitFinished(created.id);
        QCOMPARE(status(final), QStringLiteral("failed"));
        const QList<models::RunEvent> stored = events(created.id);
        QCOMPARE(stored.constLast().payloadText, QStringLiteral("Run failed."));
        QCOMPARE(stored.constLast().payload.value(QStringLiteral("reason")).toString(), QStringLiteral("audit_failure"));
        bool sawError = false;
        for (const models::RunEvent &event : stored)
            sawError = sawError || (event.eventType == QLatin1String("error") && event.payload.value(QStringLiteral("reason")) == QStringLiteral("audit_failure"));
        QVERIFY(sawError);
    }
};

QTEST_GUILESS_MAIN(TestExecutionService)
#include "tst_executionservice.moc"
