// ApprovalRepository (migration 3's workbench_remembered_approvals, and pending approvals) against
// SQLite and the fixture's PostgreSQL: remember, exact-match lookup, expiry, revoke, listing.
#include "models/approvalrepository.h"
#include "models/database.h"
#include "models/executionrepository.h"
#include "tests/models/storetestsupport.h"

#include <QtTest>

using namespace workbench::models;
using namespace workbench::test;

namespace {

RememberedApproval remembered(const QString &workspace, const QString &command, const QString &expiresAt)
{
    RememberedApproval approval;
    approval.workspace = workspace;
    approval.normalizedCommand = command;
    approval.envProfile = QStringLiteral("default");
    approval.policyVersion = QStringLiteral("2026.11");
    approval.reason = QStringLiteral("fine every time");
    approval.createdBy = QStringLiteral("dev@host");
    approval.expiresAt = expiresAt;
    approval.sourceRunId = QStringLiteral("0123456789abcdef0123456789abcdef");
    return approval;
}

const QString now = QStringLiteral("2026-11-24T04:00:00.000000+00:00");
const QString later = QStringLiteral("2026-12-24T04:00:00.000000+00:00");
const QString earlier = QStringLiteral("2026-11-24T03:59:59.999999+00:00");

} // namespace

#define OPEN_STORE(dialect, store, db)                                                              \
    WORKBENCH_FRESH_STORE(dialect, store)                                                           \
    StoreResult<std::unique_ptr<Database>> db##Opened = Database::open(*parseDatabaseLocation(store.url)); \
    QVERIFY2(db##Opened, qPrintable(db##Opened.errorMessage()));                                    \
    Database &db = **db##Opened;

class TestApprovalRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rememberAndFind_data() { addDialectRows(); }
    void rememberAndFind()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ApprovalRepository approvals(db);
        const StoreResult<RememberedApproval> first = approvals.remember(remembered(QStringLiteral("/ws"), QStringLiteral("rm -rf build"), later));
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QVERIFY(first->id > 0);
        QVERIFY(!first->createdAt.isEmpty());
        const StoreResult<RememberedApproval> second = approvals.remember(remembered(QStringLiteral("/ws"), QStringLiteral("make deploy"), later));
        QVERIFY(second);
        QVERIFY(second->id > first->id);

        const auto found = approvals.findActive(QStringLiteral("/ws"), QStringLiteral("rm -rf build"), QStringLiteral("default"), now);
        QVERIFY2(found, qPrintable(found.errorMessage()));
        QVERIFY(found->has_value());
        QCOMPARE(**found, *first); // every column round-trips
        QCOMPARE((*found)->toJson().value(QLatin1String("normalizedCommand")).toString(), QStringLiteral("rm -rf build"));

        // Exact match only: another workspace, command, or environment profile is not covered.
        QVERIFY(!approvals.findActive(QStringLiteral("/ws2"), QStringLiteral("rm -rf build"), QStringLiteral("default"), now)->has_value());
        QVERIFY(!approvals.findActive(QStringLiteral("/ws"), QStringLiteral("rm -rf build "), QStringLiteral("default"), now)->has_value());
        QVERIFY(!approvals.findActive(QStringLiteral("/ws"), QStringLiteral("rm -rf build"), QStringLiteral("ci"), now)->has_value());
    }

    void expiryAndRevocation_data() { addDialectRows(); }
    void expiryAndRevocation()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ApprovalRepository approvals(db);
        const RememberedApproval expiring = *approvals.remember(remembered(QStringLiteral("/ws"), QStringLiteral("make clean"), now));
        // Expires at `now`: active just before, not at or after.
        QVERIFY(approvals.findActive(QStringLiteral("/ws"), QStringLiteral("make clean"), QStringLiteral("default"), earlier)->has_value());
        QVERIFY(!approvals.findActive(QStringLiteral("/ws"), QStringLiteral("make clean"), QStringLiteral("default"), now)->has_value());
        QVERIFY(expiring.isActiveAt(earlier));
        QVERIFY(!expiring.isActiveAt(now));

        const RememberedApproval active = *approvals.remember(remembered(QStringLiteral("/ws"), QStringLiteral("make clean"), later));
        QCOMPARE((*approvals.findActive(QStringLiteral("/ws"), QStringLiteral("make clean"), QStringLiteral("default"), now))->id, active.id);
        QVERIFY(approvals.revoke(active.id, QStringLiteral("admin@host")));
        QVERIFY(!approvals.findActive(QStringLiteral("/ws"), QStringLiteral("make clean"), QStringLiteral("default"), now)->has_value());

        const StoreResult<void> again = approvals.revoke(active.id, QStringLiteral("admin@host"));
        QVERIFY(!again);
        QCOMPARE(int(again.error().kind), int(StoreError::Kind::Conflict));
        QCOMPARE(again.errorMessage(), QStringLiteral("Remembered approval %1 is already revoked").arg(active.id));
        const StoreResult<void> missing = approvals.revoke(active.id + 1000, QStringLiteral("admin@host"));
        QCOMPARE(int(missing.error().kind), int(StoreError::Kind::NotFound));

        // Revoked ones stay listed (newest first), with who revoked them.
        const QList<RememberedApproval> listed = *approvals.listRemembered(QStringLiteral("/ws"));
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(0).id, active.id);
        QVERIFY(!listed.at(0).revokedAt.isEmpty());
        QCOMPARE(listed.at(0).revokedBy, QStringLiteral("admin@host"));
        QCOMPARE(listed.at(1).id, expiring.id);
        QVERIFY(listed.at(1).revokedAt.isEmpty());
    }

    void listingAndBadInput_data() { addDialectRows(); }
    void listingAndBadInput()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ApprovalRepository approvals(db);
        QVERIFY(approvals.remember(remembered(QStringLiteral("/a"), QStringLiteral("x"), later)));
        QVERIFY(approvals.remember(remembered(QStringLiteral("/b"), QStringLiteral("y"), later)));
        QCOMPARE(approvals.listRemembered()->size(), 2);
        QCOMPARE(approvals.listRemembered(QStringLiteral("/b"))->constFirst().normalizedCommand, QStringLiteral("y"));
        QVERIFY(approvals.listRemembered(QStringLiteral("/c"))->isEmpty());

        for (const RememberedApproval &bad : {remembered(QString(), QStringLiteral("x"), later),
                                              remembered(QStringLiteral("/a"), QString(), later),
                                              remembered(QStringLiteral("/a"), QStringLiteral("x"), QString())}) {
            const StoreResult<RememberedApproval> refused = approvals.remember(bad);
            QVERIFY(!refused);
            QCOMPARE(int(refused.error().kind), int(StoreError::Kind::InvalidArgument));
        }
        QCOMPARE(approvals.listRemembered()->size(), 2); // nothing written
    }

    void pendingApprovals_data() { addDialectRows(); }
    void pendingApprovals()
    {
        QFETCH(Dialect, dialect);
        OPEN_STORE(dialect, store, db);
        ExecutionRepository repository(db);
        ExecutionRun run;
        run.projectId = QStringLiteral("ccdash");
        run.sourceCommand = QStringLiteral("rm -rf build");
        run.normalizedCommand = run.sourceCommand;
        run.cwd = QStringLiteral("/ws");
        run.status = RunStatus::Blocked;
        const QString runId = repository.createRun(run)->id;
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            Approval approval;
            approval.runId = runId;
            approval.requestedBy = QStringLiteral("dev@host");
            const StoreResult<Approval> created = repository.createApproval(approval);
            QVERIFY2(created, qPrintable(created.errorMessage()));
            ids << created->id;
        }
        QVERIFY(repository.resolveApproval(ids.at(1), ApprovalDecision::Denied, QStringLiteral("no"), QStringLiteral("dev@host")));
        ApprovalRepository approvals(db);
        const StoreResult<QList<Approval>> pending = approvals.listPending();
        QVERIFY2(pending, qPrintable(pending.errorMessage()));
        QCOMPARE(pending->size(), 2);
        QCOMPARE(pending->at(0).id, ids.at(0)); // oldest first
        QCOMPARE(pending->at(1).id, ids.at(2));
        QCOMPARE(pending->at(0).runId, runId);
        QCOMPARE(pending->at(0).requestedBy, QStringLiteral("dev@host"));
    }
};

QTEST_GUILESS_MAIN(TestApprovalRepository)
#include "tst_approvalrepository.moc"
