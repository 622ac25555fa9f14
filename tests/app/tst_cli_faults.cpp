// The store failing under a running `ccdash-workbench run`, the real executable as a child process:
// the SQLite file deleted, made read-only, or unable to grow (a real file-size limit on the CLI's
// process, so SQLite's writes fail as on a full disk). Each time the rule is the same, fail closed:
// the run is stopped (its process group killed), the user is told why on stderr, the exit status is
// 74 (EX_IOERR), and every event committed before the fault is still there, unchanged.
#include "app/execution/executionservice.h"
#include "app/execution/policyevaluator.h"
#include "app/runtime/processgroup.h"
#include "models/database.h"
#include "models/eventwriter.h"
#include "tests/support/clitestsupport.h"
#include "tests/support/floodpattern.h"

#include <algorithm>
#include <QtTest>

#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace workbench;
using namespace std::chrono_literals;

class TestCliFaults : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
    QString m_database;
    static constexpr int LongWait = 60000;
    static constexpr int ExitIoError = 74;

    // When the tests run as root (CI), a mode that forbids writing changes nothing for the CLI: it then
    // runs as "nobody" (setpriv), from a copy of the executable that account can reach.
    struct Account
    {
        bool switchUser = false;
        uid_t uid = 0;
        gid_t gid = 0;
    };
    Account m_account;

    static QStringList approved() { return {QStringLiteral("--approve"), QStringLiteral("test helper")}; }

    // Creates the test's directories; with `asNobody` (and root) they belong to nobody.
    bool prepare(bool asNobody)
    {
        m_account = {};
        if (asNobody && ::geteuid() == 0) {
            const passwd *nobody = ::getpwnam("nobody");
            if (!nobody || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                return false;
            m_account = {true, nobody->pw_uid, nobody->pw_gid};
        }
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return false;
        const QFileDevice::Permissions shared = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::ExeOther;
        QFile::setPermissions(m_dir->path(), shared);
        m_workspace = m_dir->filePath(QStringLiteral("workspace"));
        const QString home = m_dir->filePath(QStringLiteral("home"));
        const QString store = m_dir->filePath(QStringLiteral("store"));
        if (!QDir().mkpath(m_workspace + QStringLiteral("/tools")) || !QDir().mkpath(home) || !QDir().mkpath(store))
            return false;
        const QString helper = m_workspace + QStringLiteral("/tools/childhelper");
        const QString binary = m_dir->filePath(QStringLiteral("ccdash-workbench"));
        if (!QFile::copy(QStringLiteral(WORKBENCH_CHILDHELPER), helper)
            || !QFile::copy(QStringLiteral(WORKBENCH_TEST_BINARY_DIR "/app/ccdash-workbench"), binary))
            return false;
        for (const QString &path : QStringList{m_workspace, m_workspace + QStringLiteral("/tools"), helper, binary})
            QFile::setPermissions(path, shared);
        if (m_account.switchUser) {
            for (const QString &path : QStringList{home, store}) {
                if (::chown(QFile::encodeName(path).constData(), m_account.uid, m_account.gid) != 0)
                    return false;
            }
        }
        m_workspace = QFileInfo(m_workspace).canonicalFilePath();
        m_database = store + QStringLiteral("/store.db");
        return true;
    }

    void setUpCli(QProcess &process, const QStringList &extra, const QStringList &command) const
    {
        const QString binary = m_dir->filePath(QStringLiteral("ccdash-workbench"));
        const QStringList arguments = QStringList{QStringLiteral("run"), QStringLiteral("--workspace"), m_workspace,
                                                  QStringLiteral("--database"), m_database}
                                      + extra + QStringList{QStringLiteral("--")} + command;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), m_dir->filePath(QStringLiteral("home")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("home/.local/share")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("home/.config")));
        environment.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir->filePath(QStringLiteral("home/.cache")));
        environment.remove(QStringLiteral("CCDASH_WORKBENCH_DATABASE"));
        if (m_account.switchUser)
            environment.remove(QStringLiteral("XDG_RUNTIME_DIR")); // root's, not nobody's
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(m_workspace);
        if (m_account.switchUser) {
            process.setProgram(QStandardPaths::findExecutable(QStringLiteral("setpriv")));
            process.setArguments(QStringList{QStringLiteral("--reuid=%1").arg(m_account.uid),
                                             QStringLiteral("--regid=%1").arg(m_account.gid), QStringLiteral("--clear-groups"),
                                             QStringLiteral("--"), binary}
                                 + arguments);
        } else {
            process.setProgram(binary);
            process.setArguments(arguments);
        }
    }

    using Result = testsupport::CliResult;
    Result runCli(const QStringList &extra, const QStringList &command) const
    {
        QProcess process;
        setUpCli(process, extra, command);
        process.start();
        return testsupport::waitForCli(process, LongWait);
    }

    // The store as the app opens it (the test's own account).
    using Store = testsupport::AppStore;
    std::unique_ptr<Store> openStore(const QString &path = {}) const
    {
        return testsupport::openAppStore(path.isEmpty() ? m_database : path);
    }
    // The run of the command under test (the tests start it with the child helper).
    static QString helperRunId(Store &store)
    {
        models::RunQuery query;
        query.limit = 10;
        const auto all = store.service->repository().listRuns(query);
        for (const models::ExecutionRun &run : all ? *all : QList<models::ExecutionRun>{}) {
            if (run.sourceCommand.contains(QLatin1String("childhelper")))
                return run.id;
        }
        return {};
    }
    static QList<models::RunEvent> events(Store &store, const QString &runId)
    {
        auto page = store.service->repository().listEventsAfterSequence(runId, 0, 1000000);
        return page ? page->items : QList<models::RunEvent>{};
    }
    static qint64 grandchildOf(const QByteArray &firstLine)
    {
        return firstLine.startsWith("grandchild ") ? firstLine.mid(11).trimmed().toLongLong() : 0;
    }

    // Reads what the running CLI has committed until `enough` says so.
    struct Watch
    {
        QString runId;
        QList<models::RunEvent> committed;
        qint64 storedStdout = 0;
    };
    bool watchUntil(Watch &watch, qint64 stdoutBytes)
    {
        auto watcher = openStore();
        if (!watcher)
            return false;
        const auto readMore = [&] {
            if (watch.runId.isEmpty())
                watch.runId = helperRunId(*watcher);
            if (watch.runId.isEmpty())
                return false;
            auto page = watcher->service->repository().listEventsAfterSequence(
                watch.runId, watch.committed.isEmpty() ? 0 : watch.committed.constLast().sequenceNo, 2000);
            if (page) {
                for (const models::RunEvent &event : std::as_const(page->items)) {
                    if (event.stream == models::EventStream::Stdout)
                        watch.storedStdout += event.payloadText.size();
                }
                watch.committed += page->items;
            }
            return watch.storedStdout >= stdoutBytes;
        };
        QDeadlineTimer deadline(LongWait);
        while (!readMore()) {
            if (deadline.hasExpired())
                return false;
            QTest::qWait(20);
        }
        return true;
    }

    // What every fault must leave behind: the events read while the run went on are still there,
    // unchanged, first in the run; sequence numbers without gaps; stdout an exact prefix of the command's.
    void verifyCommittedIntact(const Watch &watch, const QList<models::RunEvent> &stored)
    {
        QVERIFY(stored.size() >= watch.committed.size());
        for (qsizetype i = 0; i < watch.committed.size(); ++i) {
            if (!(stored.at(i) == watch.committed.at(i)))
                QFAIL(qPrintable(QStringLiteral("event %1 changed after the fault").arg(watch.committed.at(i).sequenceNo)));
        }
        QByteArray output;
        for (qsizetype i = 0; i < stored.size(); ++i) {
            QCOMPARE(stored.at(i).sequenceNo, qint64(i + 1));
            if (stored.at(i).stream == models::EventStream::Stdout)
                output += stored.at(i).payloadText.toUtf8();
        }
        const qsizetype firstLineEnd = output.indexOf('\n');
        QVERIFY(firstLineEnd > 0);
        output.remove(0, firstLineEnd + 1); // "grandchild PID"
        QByteArray expected(output.size(), Qt::Uninitialized);
        testsupport::floodBytes(0, expected.data(), std::size_t(expected.size()));
        QVERIFY(output == expected);
    }

    // The run every fault test interrupts: the child helper starts a grandchild (its PID is the first
    // stdout line), floods `flood` bytes and then sleeps; the CLI's stdout goes to `passthrough`.
    // Returns once `committedBytes` of stdout are in the store, as `watch` saw them.
    void startFloodingRun(QProcess &process, QTemporaryFile &passthrough, const QString &flood,
                          qint64 committedBytes, Watch &watch)
    {
        QVERIFY(passthrough.open());
        process.setStandardOutputFile(passthrough.fileName());
        setUpCli(process, approved(),
                 {QStringLiteral("./tools/childhelper"), QStringLiteral("grandchild:120"),
                  QStringLiteral("flood:") + flood, QStringLiteral("sleep:120")});
        process.start();
        QVERIFY(process.waitForStarted());
        QVERIFY2(watchUntil(watch, committedBytes),
                 qPrintable(QString::fromUtf8(process.readAllStandardError())));
    }

    // Failing closed after the fault: the CLI ends by itself with exit status 74, and the run was
    // stopped (the grandchild named on the first line of the CLI's stdout, kept in
    // `passthroughPath`, is gone). *err is what the CLI told the user, for the test to check.
    void verifyFailedClosed(QProcess &process, const QString &passthroughPath, QString *err)
    {
        QVERIFY(process.waitForFinished(LongWait));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        *err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitCode(), ExitIoError);
        QFile stdoutCopy(passthroughPath);
        QVERIFY(stdoutCopy.open(QIODevice::ReadOnly));
        const qint64 grandchild = grandchildOf(stdoutCopy.readLine());
        QVERIFY(grandchild > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!runtime::processIsAlive(grandchild), LongWait);
    }

private Q_SLOTS:
    void cleanup()
    {
        if (m_dir)
            QFile::setPermissions(m_database, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        m_dir.reset();
    }

    // The database file deleted (or replaced) while a run streams into it. Without the check every
    // later event would go to the unlinked inode and vanish when the CLI exits.
    void databaseDeletedWhileRunning_data()
    {
        QTest::addColumn<bool>("replace");
        QTest::newRow("deleted") << false;
        QTest::newRow("replaced by another file") << true;
    }
    void databaseDeletedWhileRunning()
    {
        QFETCH(bool, replace);
        QVERIFY(prepare(false));
        QProcess process;
        QTemporaryFile passthrough;
        Watch watch;
        // A short flood, then silence: the deletion is noticed while the command writes nothing.
        startFloodingRun(process, passthrough, QStringLiteral("1M"), 1024 * 1024, watch);
        if (QTest::currentTestFailed())
            return;
        // The test keeps the deleted file under another name, to show that nothing more reached it.
        const QString kept = m_database + QStringLiteral(".kept");
        QVERIFY(QFile::rename(m_database, kept));
        if (replace)
            QVERIFY(QFile::copy(kept, m_database));

        QString err;
        verifyFailedClosed(process, passthrough.fileName(), &err);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(err.contains(
                     QStringLiteral("the run's events cannot be stored (The database file %1 was deleted or "
                                    "replaced while the workbench was writing to it")
                         .arg(m_database)),
                 qPrintable(err));

        // The file the CLI had open ends with what was committed before: its WAL is gone with the
        // deletion, so read it as it is now, after SQLite's own recovery.
        if (replace)
            QVERIFY(QFile::remove(m_database));
        for (const QString &suffix : QStringList{QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::rename(m_database + suffix, kept + suffix); // the WAL belongs to the kept file
        auto store = openStore(kept);
        QVERIFY(store);
        const QList<models::RunEvent> stored = events(*store, watch.runId);
        verifyCommittedIntact(watch, stored);
        QVERIFY(std::none_of(stored.cbegin(), stored.cend(), [](const models::RunEvent &event) {
            return event.payloadText.startsWith(QStringLiteral("Run stopped"));
        })); // nothing written after the deletion
    }

    // The database file made read-only (its owner revoked write access) while a run streams into it.
    void databaseMadeReadOnlyWhileRunning()
    {
        if (!prepare(true))
            QSKIP("running as root without setpriv or a 'nobody' account: read-only changes nothing for root");
        // The CLI creates the database (as its user), before anyone else can.
        const Result first = runCli({}, {QStringLiteral("true")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QProcess process;
        QTemporaryFile passthrough;
        Watch watch;
        startFloodingRun(process, passthrough, QStringLiteral("1M"), 1024 * 1024, watch);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(QFile::setPermissions(m_database, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));

        QString err;
        verifyFailedClosed(process, passthrough.fileName(), &err);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(err.contains(
                     QStringLiteral("the run's events cannot be stored (The database file %1 is no longer "
                                    "writable (Permission denied)")
                         .arg(m_database)),
                 qPrintable(err));

        {
            auto store = openStore();
            QVERIFY(store);
            verifyCommittedIntact(watch, events(*store, watch.runId));
        }
        // Write access back: the next start marks the run failed, after everything committed.
        QVERIFY(QFile::setPermissions(m_database, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const Result next = runCli({}, {QStringLiteral("true")});
        QVERIFY2(next.exitCode == 0, next.err.constData());
        auto store = openStore();
        QVERIFY(store);
        QCOMPARE(models::toString(store->service->repository().getRun(watch.runId)->status), QStringLiteral("failed"));
        const QList<models::RunEvent> stored = events(*store, watch.runId);
        verifyCommittedIntact(watch, stored);
        QVERIFY(stored.constLast().payloadText.startsWith(QStringLiteral("Run interrupted: ")));
    }

    // The store cannot grow (a real RLIMIT_FSIZE on the CLI, SIGXFSZ ignored as a disk-full process
    // would not get it): SQLite's writes fail mid-flood. Nothing committed is lost, the database opens
    // cleanly afterwards and the run ends failed with the reason recorded.
    void databaseCannotGrowWhileRunning()
    {
        QVERIFY(prepare(false));
        {
            auto created = openStore(); // the schema first, so that the limit only meets the run's events
            QVERIFY(created);
        }
        // Room for the run's first transactions (each rewrites whole pages in the WAL, and pages may
        // be 64 KiB) but far less than the 256 MiB flood: the limit is met mid-flood.
        const qint64 limit = QFileInfo(m_database).size() + 16 * 1024 * 1024;
        QProcess process;
        process.setChildProcessModifier([limit] {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit fileSize{rlim_t(limit), rlim_t(limit)};
            ::setrlimit(RLIMIT_FSIZE, &fileSize);
        });
        QTemporaryFile passthrough;
        Watch watch;
        startFloodingRun(process, passthrough, QStringLiteral("256M"), 256 * 1024, watch);
        if (QTest::currentTestFailed())
            return;

        QString err;
        verifyFailedClosed(process, passthrough.fileName(), &err);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(err.contains(QStringLiteral("the run's events cannot be stored (")) && err.contains(QStringLiteral("stopping the run")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("database or disk is full")) ||
                     err.contains(QStringLiteral("disk I/O error")),
                 qPrintable(err));
        QVERIFY(QFileInfo(passthrough.fileName()).size() < 256 * 1024 * 1024); // stopped mid-flood

        // Usable afterwards: the next start (without the limit) succeeds and reconciles the run.
        const Result next = runCli({}, {QStringLiteral("true")});
        QVERIFY2(next.exitCode == 0, next.err.constData());
        auto store = openStore();
        QVERIFY(store);
        QCOMPARE(models::toString(store->service->repository().getRun(watch.runId)->status), QStringLiteral("failed"));
        const QList<models::RunEvent> stored = events(*store, watch.runId);
        verifyCommittedIntact(watch, stored);
        // The end is recorded with its reason either by the failing CLI itself (the store accepted
        // writes again before it exited: a checkpoint made room in the WAL) or by the next start.
        const models::RunEvent &last = stored.constLast();
        const bool recordedByTheFailingRun =
            last.payloadText == QLatin1String("Run failed.")
            && std::any_of(stored.cbegin(), stored.cend(), [](const models::RunEvent &event) {
                   return event.eventType == QLatin1String("error")
                          && event.payloadText.startsWith(QStringLiteral("Run stopped: its events could not be stored ("));
               });
        const bool reconciledByTheNextStart = last.payloadText.startsWith(QStringLiteral("Run interrupted: "));
        QVERIFY2(recordedByTheFailingRun || reconciledByTheNextStart, qPrintable(last.eventType + QLatin1Char(' ') + last.payloadText));
        QSqlQuery check(store->database->connection());
        QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_cli_faults.moc"
