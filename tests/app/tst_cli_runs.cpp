// `runs` and `events` end to end: a store filled through the repository, read back by the CLI,
// against SQLite and the fixture's PostgreSQL (rows skip without it, fail under CI).
#include "app/cli/cli.h"
#include "models/executionrepository.h"
#include "tests/models/storetestsupport.h"

#include <QtTest>

using namespace workbench::cli;
using namespace workbench::models;
using namespace workbench::test;

namespace {

struct Result
{
    int status;
    QString out;
    QString err;
};

Result run(const QStringList &args)
{
    QString outText, errText;
    QTextStream out(&outText), err(&errText);
    const int status = runHeadless(QStringList{QStringLiteral("ccdash-workbench")} + args, {out, err});
    out.flush();
    err.flush();
    return {status, outText, errText};
}

// Three runs (two of feat-a, one failed) and 5 events on the newest.
QList<ExecutionRun> fill(Database &database)
{
    ExecutionRepository repository(database);
    QList<ExecutionRun> runs;
    for (int i = 0; i < 3; ++i) {
        ExecutionRun run;
        run.projectId = QStringLiteral("ccdash");
        run.featureId = i < 2 ? QStringLiteral("feat-a") : QStringLiteral("feat-b");
        run.sourceCommand = QStringLiteral("echo run-%1").arg(i);
        run.normalizedCommand = run.sourceCommand;
        run.cwd = QStringLiteral("/w");
        run.status = i == 1 ? RunStatus::Failed : RunStatus::Succeeded;
        run.exitCode = i == 1 ? 2 : 0;
        run.createdAt = QStringLiteral("2026-11-23T10:00:0%1.000000+00:00").arg(i);
        runs.prepend(*repository.createRun(run));
    }
    QList<RunEvent> events;
    for (int i = 0; i < 5; ++i) {
        RunEvent event;
        event.runId = runs.constFirst().id;
        event.stream = EventStream::Stdout;
        event.eventType = QStringLiteral("output");
        event.payloadText = QStringLiteral("line %1\n").arg(i);
        events << event;
    }
    [[maybe_unused]] const auto stored = repository.appendRunEvents(events);
    return runs;
}

} // namespace

#define OPEN_FILLED_STORE(dialect, store, runs)                                                     \
    WORKBENCH_FRESH_STORE(dialect, store)                                                           \
    QList<ExecutionRun> runs;                                                                       \
    {                                                                                               \
        StoreResult<std::unique_ptr<Database>> database = Database::open(*parseDatabaseLocation(store.url)); \
        QVERIFY2(database, qPrintable(database.errorMessage()));                                    \
        runs = fill(**database);                                                                    \
    }

class TestCliRuns : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsJsonIsCcdashDtoArray_data() { addDialectRows(); }
    void runsJsonIsCcdashDtoArray()
    {
        QFETCH(Dialect, dialect);
        OPEN_FILLED_STORE(dialect, store, runs);
        const Result result = run({QStringLiteral("runs"), QStringLiteral("--json"), QStringLiteral("--database"), store.url});
        QCOMPARE(result.status, int(ExitOk));
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
        QJsonArray expected;
        for (const ExecutionRun &entry : runs)
            expected.append(entry.toJson());
        QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).array(), expected);
    }

    void runsFilters_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("commands");
        for (Dialect dialect : {Dialect::Sqlite, Dialect::Postgres}) {
            const char *name = dialect == Dialect::Sqlite ? "sqlite" : "postgresql";
            QTest::addRow("%s feature", name) << dialect << QStringList{QStringLiteral("--feature"), QStringLiteral("feat-a")}
                                              << QStringList{QStringLiteral("echo run-1"), QStringLiteral("echo run-0")};
            QTest::addRow("%s status", name) << dialect << QStringList{QStringLiteral("--status"), QStringLiteral("failed")}
                                             << QStringList{QStringLiteral("echo run-1")};
            QTest::addRow("%s statuses", name) << dialect << QStringList{QStringLiteral("--status"), QStringLiteral("failed,succeeded"),
                                                                         QStringLiteral("--limit"), QStringLiteral("2")}
                                               << QStringList{QStringLiteral("echo run-2"), QStringLiteral("echo run-1")};
            QTest::addRow("%s project", name) << dialect << QStringList{QStringLiteral("--project"), QStringLiteral("other")}
                                              << QStringList{};
        }
    }
    void runsFilters()
    {
        QFETCH(Dialect, dialect);
        QFETCH(QStringList, args);
        QFETCH(QStringList, commands);
        OPEN_FILLED_STORE(dialect, store, runs);
        const Result result = run(QStringList{QStringLiteral("runs"), QStringLiteral("--json"), QStringLiteral("--database"), store.url} + args);
        QCOMPARE(result.status, int(ExitOk));
        QStringList actual;
        for (const QJsonValue &value : QJsonDocument::fromJson(result.out.toUtf8()).array())
            actual << value.toObject().value(QLatin1String("sourceCommand")).toString();
        QCOMPARE(actual, commands);
    }

    void runsTable()
    {
        WORKBENCH_FRESH_STORE(Dialect::Sqlite, store);
        const Result empty = run({QStringLiteral("runs"), QStringLiteral("--database"), store.url});
        QCOMPARE(empty.status, int(ExitOk));
        QCOMPARE(empty.out, QStringLiteral("No runs.\n"));
        QList<ExecutionRun> runs;
        {
            StoreResult<std::unique_ptr<Database>> database = Database::open(*parseDatabaseLocation(store.url));
            runs = fill(**database);
        }
        const Result table = run({QStringLiteral("runs"), QStringLiteral("--database"), store.url});
        QCOMPARE(table.status, int(ExitOk));
        const QStringList lines = table.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(0).startsWith(QStringLiteral("ID")));
        QVERIFY(lines.at(1).startsWith(runs.at(0).id));
        QVERIFY(lines.at(2).contains(QStringLiteral("failed")));
        QVERIFY(lines.at(2).endsWith(QStringLiteral("echo run-1")));
    }

    void eventsJsonIsCcdashPage_data() { addDialectRows(); }
    void eventsJsonIsCcdashPage()
    {
        QFETCH(Dialect, dialect);
        OPEN_FILLED_STORE(dialect, store, runs);
        const QString runId = runs.constFirst().id;
        const Result result = run({QStringLiteral("events"), runId, QStringLiteral("--after-sequence"), QStringLiteral("1"),
                                   QStringLiteral("--limit"), QStringLiteral("3"), QStringLiteral("--json"),
                                   QStringLiteral("--database"), store.url});
        QCOMPARE(result.status, int(ExitOk));
        const QJsonObject page = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(page.value(QLatin1String("runId")).toString(), runId);
        QCOMPARE(page.value(QLatin1String("nextSequence")).toInt(), 4);
        const QJsonArray items = page.value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("sequenceNo")).toInt(), 2);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("payloadText")).toString(), QStringLiteral("line 1\n"));
        QCOMPARE(items.at(0).toObject().keys().size(), 8);

        const Result table = run({QStringLiteral("events"), runId, QStringLiteral("--database"), store.url});
        QCOMPARE(table.status, int(ExitOk));
        QVERIFY(table.out.contains(QStringLiteral("line 4\\n")));
        QVERIFY(table.out.endsWith(QStringLiteral("Next sequence: 5\n")));
    }

    // What the store holds is shown, never obeyed: the command's own escape sequences (or anything a
    // writer to a shared database put there) reach the terminal as visible text, one row per record.
    void storedControlCharactersAreShownEscaped_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("shown");
        QTest::newRow("colour") << QStringLiteral("\x1b[31mred\x1b[0m") << QStringLiteral("\\e[31mred\\e[0m");
        QTest::newRow("clipboard write") << QStringLiteral("\x1b]52;c;cm0gLXJmIH4=\x07") << QStringLiteral("\\e]52;c;cm0gLXJmIH4=\\x07");
        QTest::newRow("carriage return hides text") << QStringLiteral("rm -rf ~\rls") << QStringLiteral("rm -rf ~\\rls");
        QTest::newRow("C1 CSI") << QStringLiteral("a\u009b2Jb") << QStringLiteral("a\\x9b2Jb");
        QTest::newRow("bidi override") << QStringLiteral("ls \u202Etxt.sh") << QStringLiteral("ls \\u202etxt.sh");
        QTest::newRow("tab and newline") << QStringLiteral("a\tb\n") << QStringLiteral("a\\tb\\n");
    }
    void storedControlCharactersAreShownEscaped()
    {
        QFETCH(QString, stored);
        QFETCH(QString, shown);
        WORKBENCH_FRESH_STORE(Dialect::Sqlite, store);
        QString runId;
        {
            StoreResult<std::unique_ptr<Database>> database = Database::open(*parseDatabaseLocation(store.url));
            QVERIFY2(database, qPrintable(database.errorMessage()));
            ExecutionRepository repository(**database);
            ExecutionRun run;
            run.sourceCommand = stored;
            run.normalizedCommand = stored;
            run.featureId = stored;
            run.cwd = QStringLiteral("/w");
            StoreResult<ExecutionRun> created = repository.createRun(run);
            QVERIFY2(created, qPrintable(created.errorMessage()));
            runId = created->id;
            RunEvent event;
            event.runId = runId;
            event.stream = EventStream::Stdout;
            event.eventType = stored;
            event.payloadText = stored;
            QVERIFY(repository.appendRunEvents({event}));
        }
        const Result runs = run({QStringLiteral("runs"), QStringLiteral("--database"), store.url});
        const Result events = run({QStringLiteral("events"), runId, QStringLiteral("--database"), store.url});
        QCOMPARE(runs.out.count(QLatin1Char('\n')), 2);   // header, one row
        QCOMPARE(events.out.count(QLatin1Char('\n')), 3); // header, one row, next sequence
        for (const Result &result : {runs, events}) {
            QCOMPARE(result.status, int(ExitOk));
            QVERIFY2(result.out.contains(shown), qPrintable(result.out));
            for (const QChar ch : result.out)
                QVERIFY2(ch == u'\n' || (ch.unicode() >= 0x20 && ch.unicode() != 0x7f && !(ch.unicode() >= 0x80 && ch.unicode() <= 0x9f)
                                          && ch.unicode() != 0x202e),
                         qPrintable(QStringLiteral("U+%1 reached the terminal").arg(ch.unicode(), 4, 16, QLatin1Char('0'))));
        }
    }

    void unknownRunIsAnError()
    {
        WORKBENCH_FRESH_STORE(Dialect::Sqlite, store);
        const Result result = run({QStringLiteral("events"), QStringLiteral("feedfacefeedfacefeedfacefeedface"),
                                   QStringLiteral("--database"), store.url});
        QCOMPARE(result.status, int(ExitDataError));
        QCOMPARE(result.err, QStringLiteral("Execution run 'feedfacefeedfacefeedfacefeedface' not found\n"));
        QVERIFY(result.out.isEmpty());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad status") << QStringList{QStringLiteral("runs"), QStringLiteral("--status"), QStringLiteral("done")}
                                    << int(ExitUsage) << QStringLiteral("Unknown status 'done'");
        QTest::newRow("bad limit") << QStringList{QStringLiteral("runs"), QStringLiteral("--limit"), QStringLiteral("0")}
                                   << int(ExitUsage) << QStringLiteral("--limit must be a whole number");
        QTest::newRow("events without id") << QStringList{QStringLiteral("events")} << int(ExitUsage)
                                           << QStringLiteral("Usage: ccdash-workbench events RUN_ID");
        QTest::newRow("not a database") << QStringList{QStringLiteral("runs"), QStringLiteral("--database"), QStringLiteral("%1/notes.txt")}
                                        << int(ExitUnavailable) << QStringLiteral("is not a CCDash Workbench database");
        QTest::newRow("uncreatable") << QStringList{QStringLiteral("runs"), QStringLiteral("--database"), QStringLiteral("%1/notes.txt/x.db")}
                                     << int(ExitUnavailable) << QStringLiteral("Cannot create the database file");
        QTest::newRow("refused postgres") << QStringList{QStringLiteral("runs"), QStringLiteral("--database"),
                                                         QStringLiteral("postgresql://postgres@127.0.0.1:1/none")}
                                          << int(ExitUnavailable) << QStringLiteral("Cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/none");
        QTest::newRow("bad url") << QStringList{QStringLiteral("runs"), QStringLiteral("--database"), QStringLiteral("mysql://x/y")}
                                 << int(ExitUsage) << QStringLiteral("Unsupported database URL");
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile notes(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("not a database\n");
        notes.close();
        for (QString &arg : args)
            arg.replace(QStringLiteral("%1"), dir.path());
        const Result result = run(args);
        QCOMPARE(result.status, status);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1); // one clear message
        QVERIFY(result.out.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("notes.txt")});
    }

    void databaseFromEnvironment()
    {
        WORKBENCH_FRESH_STORE(Dialect::Sqlite, store);
        qputenv("CCDASH_WORKBENCH_DATABASE", store.url.toUtf8());
        const Result result = run({QStringLiteral("runs"), QStringLiteral("--json")});
        qunsetenv("CCDASH_WORKBENCH_DATABASE");
        QCOMPARE(result.status, int(ExitOk));
        QVERIFY(QFile::exists(store.url)); // created (and migrated) there, not in the default place
        QCOMPARE(result.out.trimmed(), QStringLiteral("[\n]"));
    }
};

QTEST_GUILESS_MAIN(TestCliRuns)
#include "tst_cli_runs.moc"
