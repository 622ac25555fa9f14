// The value types against CCDash's real DTOs (tests/fixtures/ccdash/execution-runs-examples.json).
#include "models/executiontypes.h"

#include <QtTest>

using namespace workbench::models;

namespace {

QJsonObject loadScenarios()
{
    QFile file(QStringLiteral(WORKBENCH_TEST_FIXTURES_DIR "/ccdash/execution-runs-examples.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("scenarios")).toObject();
}

bool looksLikeRun(const QJsonObject &object)
{
    return object.contains(QLatin1String("sourceCommand")) && object.contains(QLatin1String("status"));
}

} // namespace

class TestExecutionTypes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runRoundTripsCcdashDto_data()
    {
        QTest::addColumn<QJsonObject>("dto");
        const QJsonObject scenarios = loadScenarios();
        QVERIFY(!scenarios.isEmpty());
        for (auto it = scenarios.begin(); it != scenarios.end(); ++it) {
            const QJsonObject scenario = it.value().toObject();
            for (auto part = scenario.begin(); part != scenario.end(); ++part) {
                if (looksLikeRun(part.value().toObject()))
                    QTest::addRow("%s/%s", qPrintable(it.key()), qPrintable(part.key())) << part.value().toObject();
            }
        }
    }
    void runRoundTripsCcdashDto()
    {
        QFETCH(QJsonObject, dto);
        const std::optional<ExecutionRun> run = ExecutionRun::fromJson(dto);
        QVERIFY(run);
        QCOMPARE(run->toJson(), dto);
    }

    void eventRoundTripsCcdashDto_data()
    {
        QTest::addColumn<QJsonObject>("dto");
        const QJsonObject scenarios = loadScenarios();
        for (auto it = scenarios.begin(); it != scenarios.end(); ++it) {
            const QJsonObject scenario = it.value().toObject();
            for (const QString &key : {QStringLiteral("events"), QStringLiteral("eventsBeforeApproval")}) {
                const QJsonArray items = scenario.value(key).toObject().value(QLatin1String("items")).toArray();
                for (qsizetype i = 0; i < items.size(); ++i)
                    QTest::addRow("%s/%s/%lld", qPrintable(it.key()), qPrintable(key), qlonglong(i)) << items.at(i).toObject();
            }
        }
    }
    void eventRoundTripsCcdashDto()
    {
        QFETCH(QJsonObject, dto);
        const std::optional<RunEvent> event = RunEvent::fromJson(dto);
        QVERIFY(event);
        QCOMPARE(event->toJson(), dto);
        // Approval rows inside approval events are snake_case rows: they round-trip as rows.
        const QJsonObject row = dto.value(QLatin1String("payload")).toObject().value(QLatin1String("approval")).toObject();
        if (!row.isEmpty()) {
            const std::optional<Approval> approval = Approval::fromJson(row);
            QVERIFY(approval);
            QCOMPARE(approval->toRowJson(), row);
            QCOMPARE(approval->toJson().value(QLatin1String("runId")), row.value(QLatin1String("run_id")));
        }
    }

    void unsetValuesAreEmptyStringsOrNull()
    {
        const QJsonObject json = ExecutionRun{}.toJson();
        QCOMPARE(json.value(QLatin1String("startedAt")), QJsonValue(QString()));
        QVERIFY(json.value(QLatin1String("startedAt")).isString());
        QVERIFY(json.value(QLatin1String("approvedAt")).isString());
        QVERIFY(json.value(QLatin1String("exitCode")).isNull());
        QCOMPARE(json.value(QLatin1String("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(json.size(), 22);
    }

    void badStatusIsRejected()
    {
        QJsonObject json = ExecutionRun{}.toJson();
        json[QLatin1String("id")] = QStringLiteral("abc");
        json[QLatin1String("status")] = QStringLiteral("exploded");
        QVERIFY(!ExecutionRun::fromJson(json));
        json[QLatin1String("status")] = QStringLiteral("blocked");
        QCOMPARE(toString(ExecutionRun::fromJson(json)->status), QStringLiteral("blocked"));
    }

    void statusNames_data()
    {
        QTest::addColumn<RunStatus>("status");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("finished");
        QTest::newRow("queued") << RunStatus::Queued << "queued" << false;
        QTest::newRow("running") << RunStatus::Running << "running" << false;
        QTest::newRow("succeeded") << RunStatus::Succeeded << "succeeded" << true;
        QTest::newRow("failed") << RunStatus::Failed << "failed" << true;
        QTest::newRow("canceled") << RunStatus::Canceled << "canceled" << true;
        QTest::newRow("blocked") << RunStatus::Blocked << "blocked" << false;
    }
    void statusNames()
    {
        QFETCH(RunStatus, status);
        QFETCH(QString, name);
        QFETCH(bool, finished);
        QCOMPARE(toString(status), name);
        QVERIFY(runStatusFromString(name) == status);
        QCOMPARE(isFinished(status), finished);
    }

    void runIdIsUuid4Hex()
    {
        const QString id = newRunId();
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$"));
        QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
        QVERIFY(newRunId() != id);
    }

    void timestampsArePythonIsoformat()
    {
        static const QRegularExpression iso(
            QStringLiteral(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$)"));
        const QString now = isoTimestampNow();
        QVERIFY2(iso.match(now).hasMatch(), qPrintable(now));
        const QDateTime fixed(QDate(2026, 4, 7), QTime(17, 4, 5, 123), QTimeZone(2 * 3600));
        QCOMPARE(isoTimestamp(fixed), QStringLiteral("2026-04-07T15:04:05.123000+00:00"));
        QCOMPARE(isoTimestamp(QDateTime()), QString());
    }

    void timestampsParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime base(QDate(2026, 4, 7), QTime(15, 4, 5, 123), QTimeZone::utc());
        QTest::newRow("microseconds") << "2026-04-07T15:04:05.123456+00:00" << base;
        QTest::newRow("no fraction") << "2026-04-07T15:04:05+00:00" << base.addMSecs(-123);
        QTest::newRow("Z") << "2026-04-07T15:04:05.123Z" << base;
        QTest::newRow("offset") << "2026-04-07T17:04:05.123+02:00" << base;
        QTest::newRow("empty") << "" << QDateTime();
        QTest::newRow("garbage") << "yesterday" << QDateTime();
    }
    void timestampsParse()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = parseIsoTimestamp(text);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(parsed.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(TestExecutionTypes)
#include "tst_executiontypes.moc"
