// RunExporter and the `export` subcommand, on a real temporary SQLite store filled through
// ExecutionRepository the way the runtime fills it (invalid UTF-8 kept as bytesBase64, the output
// cap's truncation notice as a system event).
#include "app/cli/cli.h"
#include "app/export/runexporter.h"
#include "models/database.h"
#include "models/databaselocation.h"
#include "models/executionrepository.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace workbench;
using namespace workbench::models;
using app::ExportError;
using app::ExportFormat;
using app::RunExporter;

namespace {

const QByteArray stdoutBytes = "\x1b[31mred\x1b[0m <tag> & ok\n";
const QByteArray stderrBytes = "bad \xff\xfe bytes\n"; // not UTF-8: the runtime keeps the bytes
const QByteArray tailBytes = "\x1b[1;32mtail\x1b[0m line\n";
constexpr qint64 droppedCount = 1234;
const QByteArray allOutputBytes = stdoutBytes + stderrBytes + tailBytes; // the kept bytes, in sequence order

RunEvent outputEvent(const QString &runId, EventStream stream, const QByteArray &bytes, const QString &time)
{
    RunEvent event;
    event.runId = runId;
    event.stream = stream;
    event.eventType = QString(EventType::Output);
    event.payloadText = QString::fromUtf8(bytes);
    if (event.payloadText.toUtf8() != bytes) // as ExecutionService::onOutput does for invalid UTF-8
        event.payload.insert(QStringLiteral("bytesBase64"), QString::fromLatin1(bytes.toBase64()));
    event.occurredAt = time;
    return event;
}

RunEvent systemEvent(const QString &runId, const QString &text, const QJsonObject &payload, const QString &time)
{
    RunEvent event;
    event.runId = runId;
    event.stream = EventStream::System;
    event.eventType = QString(EventType::Status);
    event.payloadText = text;
    event.payload = payload;
    event.occurredAt = time;
    return event;
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

} // namespace

class TestRunExporter : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_databasePath;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ExecutionRepository> m_repository;
    QString m_runId;

    QByteArray exportBytes(ExportFormat format)
    {
        ExportError error;
        const std::optional<QByteArray> bytes = RunExporter(*m_repository).exportToBytes(m_runId, format, &error);
        if (!bytes)
            qWarning() << error.message;
        return bytes.value_or(QByteArray());
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_databasePath = m_dir->filePath(QStringLiteral("store.db"));
        auto location = parseDatabaseLocation(m_databasePath);
        QVERIFY2(location, qPrintable(location.errorMessage()));
        auto database = Database::open(*location, QStringLiteral("export-test"));
        QVERIFY2(database, qPrintable(database.errorMessage()));
        m_database = std::move(*database);
        m_repository = std::make_unique<ExecutionRepository>(*m_database);

        ExecutionRun run;
        run.sourceCommand = QStringLiteral("make <all>");
        run.cwd = m_dir->path();
        run.status = RunStatus::Succeeded;
        run.exitCode = 0;
        run.startedAt = QStringLiteral("2026-04-07T15:04:05.000000+00:00");
        auto created = m_repository->createRun(run);
        QVERIFY2(created, qPrintable(created.errorMessage()));
        m_runId = created->id;

        const QList<RunEvent> events = {
            systemEvent(m_runId, QStringLiteral("Run started"), {}, QStringLiteral("2026-04-07T15:04:05.000000+00:00")),
            outputEvent(m_runId, EventStream::Stdout, stdoutBytes, QStringLiteral("2026-04-07T15:04:05.250000+00:00")),
            outputEvent(m_runId, EventStream::Stderr, stderrBytes, QStringLiteral("2026-04-07T15:04:05.750000+00:00")),
            systemEvent(m_runId, QStringLiteral("Output truncated"),
                        QJsonObject{{QStringLiteral("truncated"), true},
                                    {QStringLiteral("stream"), QStringLiteral("stdout")},
                                    {QStringLiteral("droppedBytes"), droppedCount}},
                        QStringLiteral("2026-04-07T15:04:06.000000+00:00")),
            outputEvent(m_runId, EventStream::Stdout, tailBytes, QStringLiteral("2026-04-07T15:04:07.500000+00:00")),
            systemEvent(m_runId, QStringLiteral("Exited with code 0"), {}, QStringLiteral("2026-04-07T15:04:08.000000+00:00")),
        };
        auto appended = m_repository->appendRunEvents(events);
        QVERIFY2(appended, qPrintable(appended.errorMessage()));
        QVERIFY(appended->at(2).payload.contains(QStringLiteral("bytesBase64")));

        Approval approval;
        approval.runId = m_runId;
        approval.reason = QStringLiteral("needs a look");
        approval.requestedBy = QStringLiteral("policy");
        auto requested = m_repository->createApproval(approval);
        QVERIFY2(requested, qPrintable(requested.errorMessage()));
        auto resolved = m_repository->resolveApproval(requested->id, ApprovalDecision::Approved, QStringLiteral("fine"),
                                                      QStringLiteral("tester"));
        QVERIFY2(resolved, qPrintable(resolved.errorMessage()));
    }

    void cleanup()
    {
        m_repository.reset();
        m_database.reset();
        m_dir.reset();
    }

    void rawIsTheExactBytes()
    {
        QCOMPARE(exportBytes(ExportFormat::Raw), allOutputBytes);
    }

    void textStripsAnsiAndMarksGaps()
    {
        const QString expected = QStringLiteral("[status] Run started\n") + QStringLiteral("red <tag> & ok\n")
            + QString::fromUtf8(stderrBytes) + QStringLiteral("[... 1234 bytes dropped by the output cap ...]\n")
            + QStringLiteral("tail line\n") + QStringLiteral("[status] Exited with code 0\n");
        QCOMPARE(QString::fromUtf8(exportBytes(ExportFormat::Text)), expected);
    }

    void textKeepsSystemLinesOnTheirOwnLine_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ends with newline") << QByteArray("done\n") << QStringLiteral("done\n[status] bye\n");
        QTest::newRow("partial line") << QByteArray("50%") << QStringLiteral("50%\n[status] bye\n");
        QTest::newRow("escape split off") << QByteArray("\x1b[33mwarn\x1b[0m") << QStringLiteral("warn\n[status] bye\n");
        QTest::newRow("no output") << QByteArray() << QStringLiteral("[status] bye\n");
    }
    void textKeepsSystemLinesOnTheirOwnLine()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, expected);
        app::RunRecord record;
        if (!output.isEmpty())
            record.events << outputEvent(QStringLiteral("r"), EventStream::Stdout, output, {});
        record.events << systemEvent(QStringLiteral("r"), QStringLiteral("bye"), {}, {});
        QCOMPARE(QString::fromUtf8(RunExporter::render(record, ExportFormat::Text)), expected);
    }

    void htmlKeepsColoursAndEscapes()
    {
        const QString html = QString::fromUtf8(exportBytes(ExportFormat::Html));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<style>")));
        QVERIFY2(html.contains(QStringLiteral("<span style=\"color:#cd0000\">red</span>")), qPrintable(html));
        QVERIFY(html.contains(QStringLiteral("<span style=\"color:#00cd00;font-weight:bold\">tail</span>")));
        QVERIFY(html.contains(QStringLiteral(" &lt;tag&gt; &amp; ok")));
        QVERIFY(!html.contains(QStringLiteral("<tag>")));
        QVERIFY(html.contains(QStringLiteral("<title>make &lt;all&gt;</title>")));
        QVERIFY(html.contains(QStringLiteral("<span class=\"stderr\">")));
        QVERIFY(html.contains(QStringLiteral("[... 1234 bytes dropped by the output cap ...]")));
        QVERIFY(!html.contains(QChar(0x1b)));
    }

    void jsonUsesCcdashKeys()
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(exportBytes(ExportFormat::Json), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonObject root = document.object();
        QCOMPARE(keysOf(root), (QSet<QString>{QStringLiteral("run"), QStringLiteral("events"), QStringLiteral("approvals")}));

        // The key sets CCDash itself answers with (recorded fixture).
        QFile fixture(QStringLiteral(WORKBENCH_SOURCE_DIR "/tests/fixtures/ccdash/execution-runs-examples.json"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QJsonObject scenario =
            QJsonDocument::fromJson(fixture.readAll()).object().value(QStringLiteral("scenarios")).toObject().value(QStringLiteral("allow_succeeded")).toObject();
        QCOMPARE(keysOf(root[QStringLiteral("run")].toObject()), keysOf(scenario[QStringLiteral("finalRun")].toObject()));
        const QJsonArray events = root[QStringLiteral("events")].toArray();
        QCOMPARE(events.size(), 6);
        const QJsonObject ccdashEvent = scenario[QStringLiteral("events")][QStringLiteral("items")][0].toObject();
        for (const QJsonValue &event : events)
            QCOMPARE(keysOf(event.toObject()), keysOf(ccdashEvent));
        QCOMPARE(events[3][QStringLiteral("payload")][QStringLiteral("droppedBytes")].toInteger(), droppedCount);
        QCOMPARE(QByteArray::fromBase64(events[2][QStringLiteral("payload")][QStringLiteral("bytesBase64")].toString().toLatin1()),
                 stderrBytes);

        const QJsonArray approvals = root[QStringLiteral("approvals")].toArray();
        QCOMPARE(approvals.size(), 1);
        QCOMPARE(keysOf(approvals[0].toObject()),
                 (QSet<QString>{QStringLiteral("id"), QStringLiteral("runId"), QStringLiteral("decision"), QStringLiteral("reason"),
                                QStringLiteral("requestedAt"), QStringLiteral("resolvedAt"), QStringLiteral("requestedBy"),
                                QStringLiteral("resolvedBy")}));
        QCOMPARE(approvals[0][QStringLiteral("decision")].toString(), QStringLiteral("approved"));
    }

    void castIsAsciinemaV2()
    {
        const QList<QByteArray> lines = exportBytes(ExportFormat::Cast).split('\n');
        QCOMPARE(lines.last(), QByteArray()); // newline-terminated
        QCOMPARE(lines.size(), 1 + 4 + 1);    // header, 3 outputs + the dropped marker
        const QJsonObject header = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(header[QStringLiteral("version")].toInt(), 2);
        QVERIFY(header[QStringLiteral("width")].toInt() > 0);
        QVERIFY(header[QStringLiteral("height")].toInt() > 0);
        QCOMPARE(header[QStringLiteral("title")].toString(), QStringLiteral("make <all>"));
        QCOMPARE(header[QStringLiteral("timestamp")].toInteger(),
                 parseIsoTimestamp(QStringLiteral("2026-04-07T15:04:05.250000+00:00")).toSecsSinceEpoch());
        QString joined;
        double previous = -1;
        QList<double> times;
        for (qsizetype i = 1; i < lines.size() - 1; ++i) {
            QJsonParseError parseError;
            const QJsonArray frame = QJsonDocument::fromJson(lines.at(i), &parseError).array();
            QCOMPARE(parseError.error, QJsonParseError::NoError);
            QCOMPARE(frame.size(), 3);
            QCOMPARE(frame[1].toString(), QStringLiteral("o"));
            QVERIFY(frame[0].toDouble() > previous);
            previous = frame[0].toDouble();
            times << previous;
            joined += frame[2].toString();
        }
        QCOMPARE(times, (QList<double>{0.0, 0.5, 0.75, 2.25}));
        const QString expected = QString::fromUtf8(stdoutBytes) + QString::fromUtf8(stderrBytes)
            + QStringLiteral("\r\n[... 1234 bytes dropped by the output cap ...]\r\n") + QString::fromUtf8(tailBytes);
        QCOMPARE(joined, expected);
    }

    void fileWriteIsAtomicAndNeverOverwrites()
    {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("exports")));
        const QString path = m_dir->filePath(QStringLiteral("exports/out.raw"));
        RunExporter exporter(*m_repository);
        ExportError error;
        QVERIFY2(exporter.exportToFile(m_runId, ExportFormat::Raw, path, false, &error), qPrintable(error.message));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), allOutputBytes);
        file.close();

        // Existing file, no overwrite: refused, untouched.
        QVERIFY(!exporter.exportToFile(m_runId, ExportFormat::Text, path, false, &error));
        QVERIFY(error.kind == ExportError::Kind::FileExists);
        QVERIFY(error.message.contains(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), allOutputBytes);
        file.close();

        QVERIFY(exporter.exportToFile(m_runId, ExportFormat::Text, path, true, &error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("[status] Run started\n"));
        file.close();
        // No temporary file is left next to it.
        QCOMPARE(QDir(m_dir->filePath(QStringLiteral("exports"))).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("out.raw")});
    }

    void writeErrorsLeaveNothing_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::newRow("missing folder") << QStringLiteral("no/such/folder/out.txt");
        QTest::newRow("read-only folder") << QStringLiteral("locked/out.txt");
    }
    void writeErrorsLeaveNothing()
    {
        QFETCH(QString, relativePath);
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("locked")));
        QVERIFY(QFile::setPermissions(m_dir->filePath(QStringLiteral("locked")), QFile::ReadOwner | QFile::ExeOwner));
        if (QFileInfo(m_dir->filePath(QStringLiteral("locked"))).isWritable() && relativePath.startsWith(QLatin1String("locked")))
            QSKIP("running as root: a read-only folder is still writable");
        const QString path = m_dir->filePath(relativePath);
        ExportError error;
        QVERIFY(!RunExporter(*m_repository).exportToFile(m_runId, ExportFormat::Html, path, false, &error));
        QVERIFY(error.kind == ExportError::Kind::Write);
        QVERIFY(error.message.contains(path));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(QDir(QFileInfo(path).path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
        QFile::setPermissions(m_dir->filePath(QStringLiteral("locked")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void unknownRunIsAnError()
    {
        const QString path = m_dir->filePath(QStringLiteral("nothing.json"));
        ExportError error;
        QVERIFY(!RunExporter(*m_repository).exportToFile(QStringLiteral("0123456789abcdef0123456789abcdef"), ExportFormat::Json,
                                                         path, false, &error));
        QVERIFY(error.kind == ExportError::Kind::UnknownRun);
        QVERIFY(error.message.contains(QStringLiteral("0123456789abcdef0123456789abcdef")));
        QVERIFY(!QFileInfo::exists(path));
    }

    void cliArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("unknown run") << QStringList{QStringLiteral("export"), QStringLiteral("feedbeef"), QStringLiteral("--format"),
                                                    QStringLiteral("text")}
                                     << 65 << QStringLiteral("feedbeef");
        QTest::newRow("unknown format") << QStringList{QStringLiteral("export"), QStringLiteral("RUN"), QStringLiteral("--format"),
                                                       QStringLiteral("pdf")}
                                        << 64 << QStringLiteral("pdf");
        QTest::newRow("no run id") << QStringList{QStringLiteral("export")} << 64 << QStringLiteral("Usage: ccdash-workbench export");
        QTest::newRow("existing file") << QStringList{QStringLiteral("export"), QStringLiteral("RUN"), QStringLiteral("--format"),
                                                      QStringLiteral("text"), QStringLiteral("--output"), QStringLiteral("EXISTING")}
                                       << 1 << QStringLiteral("--force");
    }
    void cliArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrContains);
        const QString existing = m_dir->filePath(QStringLiteral("existing.txt"));
        QFile file(existing);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me");
        file.close();
        arguments.replaceInStrings(QStringLiteral("RUN"), m_runId);
        arguments.replaceInStrings(QStringLiteral("EXISTING"), existing);
        arguments << QStringLiteral("--database") << m_databasePath;
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        QCOMPARE(cli::runHeadless(QStringList{QStringLiteral("ccdash-workbench")} + arguments, cli::CliIo{outStream, errStream}),
                 exitCode);
        errStream.flush();
        QVERIFY2(err.contains(stderrContains), qPrintable(err));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("keep me"));
    }

    void binaryWritesRawBytesToStdout()
    {
        QProcess process;
        process.start(QStringLiteral(WORKBENCH_BINARY),
                      {QStringLiteral("export"), m_runId, QStringLiteral("--format"), QStringLiteral("raw"), QStringLiteral("--output"),
                       QStringLiteral("-"), QStringLiteral("--database"), m_databasePath});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(process.readAllStandardOutput(), allOutputBytes);
    }
};

QTEST_GUILESS_MAIN(TestRunExporter)
#include "tst_runexporter.moc"
