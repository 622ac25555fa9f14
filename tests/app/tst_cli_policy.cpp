// `ccdash-workbench policy-check`: the real binary through QProcess (exit status, readable and JSON
// output, --batch over a pipe) and the same entry point in-process (bad batch lines, underlining).
#include "app/cli/cli.h"
#include "app/cli/cli_policy.h"
#include "policy/policyengine.h"
#include "tests/policy/policycorpus.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace workbench::cli;
using namespace workbench::policy;
using namespace workbench::policytest;

class TestCliPolicy : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<PolicyWorkspace> m_workspace;
    PolicyEngine m_engine;

    struct Run
    {
        int status = -1;
        QByteArray out;
        QByteArray err;
    };

    Run runBinary(const QStringList &arguments, const QByteArray &input = {}) const
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), m_workspace->home());
        // The user's rule file and trust store live under the scratch home, never the real one.
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_workspace->home() + QStringLiteral("/.config"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(WORKBENCH_CLI_BINARY), QStringList{QStringLiteral("policy-check")} + arguments);
        if (!process.waitForStarted())
            return {};
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
            return {};
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

    Run runInProcess(const QStringList &arguments, const QByteArray &input = {}) const
    {
        QByteArray inputCopy = input;
        QBuffer buffer(&inputCopy);
        buffer.open(QIODevice::ReadOnly);
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", m_workspace->home().toUtf8());
        const int status = runPolicyCheckCommand(QStringList{QStringLiteral("policy-check")} + arguments, buffer, {out, err});
        qputenv("HOME", oldHome);
        out.flush();
        err.flush();
        return {status, outText.toUtf8(), errText.toUtf8()};
    }

    QStringList workspaceArgs() const { return {QStringLiteral("--workspace"), m_workspace->workspace()}; }

    QJsonObject engineJson(const QString &command, const QString &cwd = QStringLiteral("."),
                           const QString &envProfile = QStringLiteral("default")) const
    {
        PolicyRequest request;
        request.command = command;
        request.workspace = m_workspace->workspace();
        request.cwd = cwd;
        request.envProfile = envProfile;
        request.home = m_workspace->home();
        return m_engine.evaluate(request).toJson();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = std::make_unique<PolicyWorkspace>();
        QVERIFY2(m_workspace->isValid(), qPrintable(m_workspace->errorString()));
        QVERIFY(QFileInfo(QStringLiteral(WORKBENCH_CLI_BINARY)).isExecutable());
    }

    void isHeadless()
    {
        QVERIFY(isHeadlessInvocation({QStringLiteral("ccdash-workbench"), QStringLiteral("policy-check")}));
    }

    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("verdict"); // empty for usage errors
        const QString ws = QStringLiteral("WS");
        QTest::newRow("allow") << QStringList{ws, QStringLiteral("git status")} << 0 << QStringLiteral("allow");
        QTest::newRow("allow after --") << QStringList{ws, QStringLiteral("--"), QStringLiteral("ls"), QStringLiteral("-la")} << 0
                                        << QStringLiteral("allow");
        QTest::newRow("requires approval") << QStringList{ws, QStringLiteral("rm -rf build")} << 3
                                           << QStringLiteral("requires_approval");
        QTest::newRow("deny") << QStringList{ws, QStringLiteral("rm -rf ~")} << 4 << QStringLiteral("deny");
        QTest::newRow("option-like command after -- is an unknown program")
            << QStringList{ws, QStringLiteral("--"), QStringLiteral("--frobnicate")} << 3 << QStringLiteral("requires_approval");
        QTest::newRow("deny: bad env profile")
            << QStringList{ws, QStringLiteral("--env-profile"), QStringLiteral("host"), QStringLiteral("ls")} << 4
            << QStringLiteral("deny");
        QTest::newRow("deny: cwd outside")
            << QStringList{ws, QStringLiteral("--cwd"), QStringLiteral("../ws2"), QStringLiteral("ls")} << 4 << QStringLiteral("deny");
        QTest::newRow("json allow") << QStringList{ws, QStringLiteral("--json"), QStringLiteral("pwd")} << 0 << QStringLiteral("allow");
        QTest::newRow("usage: no workspace") << QStringList{QStringLiteral("ls")} << 64 << QString();
        QTest::newRow("usage: workspace missing")
            << QStringList{QStringLiteral("--workspace"), QStringLiteral("/nonexistent/ws"), QStringLiteral("ls")} << 64 << QString();
        QTest::newRow("usage: no command") << QStringList{ws} << 64 << QString();
        QTest::newRow("usage: unknown option") << QStringList{ws, QStringLiteral("--frobnicate"), QStringLiteral("ls")} << 64
                                               << QString();
        QTest::newRow("usage: batch with command") << QStringList{ws, QStringLiteral("--batch"), QStringLiteral("ls")} << 64
                                                   << QString();
    }
    void exitStatus()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QFETCH(QString, verdict);
        arguments.replaceInStrings(QRegularExpression(QStringLiteral("^WS$")), QStringLiteral("--workspace\n") + m_workspace->workspace());
        QStringList expanded;
        for (const QString &argument : std::as_const(arguments))
            expanded << argument.split(QLatin1Char('\n'));
        for (const bool inProcess : {false, true}) {
            const Run run = inProcess ? runInProcess(expanded) : runBinary(expanded);
            QVERIFY2(run.status == status, QByteArray(run.out + run.err).constData());
            if (verdict.isEmpty()) {
                QVERIFY(run.out.isEmpty());
                QVERIFY(!run.err.isEmpty()); // a clear message, never silence
            } else if (expanded.contains(QStringLiteral("--json"))) {
                QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QStringLiteral("verdict")).toString(), verdict);
            } else {
                QVERIFY2(run.out.startsWith(QByteArray("verdict: " + verdict.toUtf8() + " (risk ")), run.out.constData());
            }
        }
    }

    // --json prints exactly what the engine answers for the same request.
    void jsonIsTheEngineResult_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("cwd");
        QTest::newRow("read") << QStringLiteral("git log --oneline | head -20") << QStringLiteral(".");
        QTest::newRow("secret") << QStringLiteral("cat ~/.ssh/id_rsa") << QStringLiteral(".");
        QTest::newRow("subdir") << QStringLiteral("make test") << QStringLiteral("src");
        QTest::newRow("unicode") << QStringLiteral("echo \u00e9t\u00e9 \u2014 \u200b") << QStringLiteral(".");
    }
    void jsonIsTheEngineResult()
    {
        QFETCH(QString, command);
        QFETCH(QString, cwd);
        const Run run = runBinary(workspaceArgs() + QStringList{QStringLiteral("--json"), QStringLiteral("--cwd"), cwd,
                                                                QStringLiteral("--"), command});
        QVERIFY2(run.status == 0 || run.status == 3 || run.status == 4, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object(), engineJson(command, cwd));
    }

    // The readable form names every reason with its code and message and underlines its span.
    void readableUnderlinesEveryReason_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("secret") << QStringLiteral("cat ~/.ssh/id_rsa");
        QTest::newRow("list") << QStringLiteral("npm test && sudo id");
        QTest::newRow("outside") << QStringLiteral("ls -la /etc");
        QTest::newRow("multi-line") << QStringLiteral("echo ok\nrm -rf ~");
        QTest::newRow("background") << QStringLiteral("npm run dev &");
    }
    void readableUnderlinesEveryReason()
    {
        QFETCH(QString, command);
        const QJsonObject json = engineJson(command);
        const Run run = runBinary(workspaceArgs() + QStringList{QStringLiteral("--"), command});
        const QString out = QString::fromUtf8(run.out);
        QVERIFY2(out.startsWith(QStringLiteral("verdict: %1 (risk %2)\n")
                                    .arg(json.value(QStringLiteral("verdict")).toString(),
                                         json.value(QStringLiteral("riskLevel")).toString())),
                 run.out);
        const QJsonArray reasons = json.value(QStringLiteral("reasons")).toArray();
        QVERIFY(!reasons.isEmpty());
        for (const QJsonValue &value : reasons) {
            const QJsonObject reason = value.toObject();
            QVERIFY2(out.contains(QStringLiteral("  %1: %2\n").arg(reason.value(QStringLiteral("code")).toString(),
                                                                   reason.value(QStringLiteral("message")).toString())),
                     run.out);
            const int offset = reason.value(QStringLiteral("offset")).toInt();
            const int length = reason.value(QStringLiteral("length")).toInt();
            if (length > 0)
                QVERIFY2(out.contains(underlineSpan(command, offset, length, QStringLiteral("      "))), run.out.constData());
        }
    }

    void underline_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("expected");
        QTest::newRow("word") << QStringLiteral("rm -rf ~") << 7 << 1 << QStringLiteral("rm -rf ~\n       ^");
        QTest::newRow("start") << QStringLiteral("sudo id") << 0 << 4 << QStringLiteral("sudo id\n^^^^");
        QTest::newRow("second line") << QStringLiteral("ls\ncat ~/.ssh/id_rsa") << 7 << 13
                                     << QStringLiteral("cat ~/.ssh/id_rsa\n    ^^^^^^^^^^^^^");
        QTest::newRow("clipped at line end") << QStringLiteral("echo a\necho b") << 5 << 8 << QStringLiteral("echo a\n     ^");
        QTest::newRow("tab keeps columns") << QStringLiteral("ls\t~") << 3 << 1 << QStringLiteral("ls ~\n   ^");
        QTest::newRow("empty span") << QStringLiteral("ls") << 0 << 0 << QString();
        QTest::newRow("out of range") << QStringLiteral("ls") << 5 << 1 << QString();
    }
    void underline()
    {
        QFETCH(QString, command);
        QFETCH(int, offset);
        QFETCH(int, length);
        QFETCH(QString, expected);
        QCOMPARE(underlineSpan(command, offset, length, QString()), expected);
    }

    // --batch: one output line per input line, in order; bad lines get an error object and the batch goes on.
    void batchKeepsOrderAndReportsBadLines()
    {
        const QByteArray input = "{\"command\": \"git status\"}\n"
                                 "not json\n"
                                 "{\"command\": \"rm -rf ~\", \"cwd\": \"src\"}\n"
                                 "[\"an\", \"array\"]\n"
                                 "{\"cwd\": \".\"}\n"
                                 "{\"command\": 42}\n"
                                 "\n"
                                 "{\"command\": \"ls\", \"cwd\": \"~\"}\n"
                                 "{\"command\": \"make\", \"cwd\": \"src\", \"envProfile\": \"ci\"}\n"
                                 "{\"command\": \"ls\", \"envProfile\": 3}\n"
                                 "{\"command\": \"npm test\"}"; // no final newline
        for (const bool inProcess : {false, true}) {
            const Run run = inProcess ? runInProcess(workspaceArgs() << QStringLiteral("--batch"), input)
                                      : runBinary(workspaceArgs() << QStringLiteral("--batch"), input);
            QCOMPARE(run.status, 0);
            const QList<QByteArray> lines = run.out.split('\n');
            QCOMPARE(lines.size(), 12); // 11 answers and the empty rest after the last newline
            QVERIFY(lines.last().isEmpty());
            QList<QJsonObject> answers;
            for (qsizetype i = 0; i < 11; ++i) {
                const QJsonDocument document = QJsonDocument::fromJson(lines.at(i));
                QVERIFY2(document.isObject(), lines.at(i));
                answers << document.object();
            }
            QCOMPARE(answers.at(0), engineJson(QStringLiteral("git status")));
            QCOMPARE(answers.at(2), engineJson(QStringLiteral("rm -rf ~"), QStringLiteral("src")));
            QCOMPARE(answers.at(7), engineJson(QStringLiteral("ls"), m_workspace->home()));
            QCOMPARE(answers.at(7).value(QStringLiteral("verdict")).toString(), QStringLiteral("deny"));
            QCOMPARE(answers.at(8), engineJson(QStringLiteral("make"), QStringLiteral("src"), QStringLiteral("ci")));
            QCOMPARE(answers.at(10), engineJson(QStringLiteral("npm test")));
            for (const int bad : {1, 3, 4, 5, 6, 9}) {
                QCOMPARE(answers.at(bad).value(QStringLiteral("line")).toInt(), bad + 1);
                QVERIFY(!answers.at(bad).value(QStringLiteral("error")).toString().isEmpty());
                QCOMPARE(answers.at(bad).size(), 2);
            }
        }
    }

    // A co-process writes one line and waits for its answer before writing the next: the batch must
    // answer each line as soon as it is complete, without waiting for more input or the end of it.
    void batchAnswersEachLineAsItArrives()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), m_workspace->home());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_workspace->home() + QStringLiteral("/.config"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(WORKBENCH_CLI_BINARY),
                      QStringList{QStringLiteral("policy-check")} + workspaceArgs() << QStringLiteral("--batch"));
        QVERIFY(process.waitForStarted());
        const QStringList commands{QStringLiteral("git status"), QStringLiteral("rm -rf ~"), QStringLiteral("npm test")};
        for (const QString &command : commands) {
            process.write(QJsonDocument(QJsonObject{{QStringLiteral("command"), command}}).toJson(QJsonDocument::Compact) + '\n');
            // No timeout of our own: a batch that waits for more input hangs here until the test's.
            while (!process.canReadLine())
                QVERIFY2(process.waitForReadyRead(-1), qPrintable(process.errorString()));
            const QByteArray answer = process.readLine();
            QCOMPARE(QJsonDocument::fromJson(answer).object(), engineJson(command));
        }
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(-1));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }

    // Lines longer than the reader's 64 KiB chunks, lines split across chunks, CRLF endings and empty
    // lines: every line gets its own answer, in order.
    void batchReadsLinesAcrossChunks()
    {
        QStringList commands;
        QByteArray input;
        for (int i = 0; i < 3000; ++i) {
            QString command = QStringLiteral("echo %1 && ls src").arg(i);
            if (i == 1234) // one line of about 150 KB
                command = QStringLiteral("echo ") + QString(150000, u'y');
            commands << command;
            input += QJsonDocument(QJsonObject{{QStringLiteral("command"), command}}).toJson(QJsonDocument::Compact);
            input += i % 7 == 0 ? "\r\n" : "\n";
            if (i == 2000) {
                commands << QString(); // an empty line: an error object with its line number
                input += '\n';
            }
        }
        const Run run = runBinary(workspaceArgs() << QStringLiteral("--batch"), input);
        QCOMPARE(run.status, 0);
        const QList<QByteArray> lines = run.out.split('\n');
        QCOMPARE(lines.size(), commands.size() + 1);
        for (qsizetype i = 0; i < commands.size(); ++i) {
            const QJsonObject answer = QJsonDocument::fromJson(lines.at(i)).object();
            if (commands.at(i).isEmpty()) {
                QCOMPARE(answer.value(QStringLiteral("line")).toInteger(), i + 1);
                continue;
            }
            // The command is echoed back in its tokens: proof the answer belongs to this line.
            QCOMPARE(answer.value(QStringLiteral("commandTokens")).toArray().at(1).toString(), commands.at(i).section(u' ', 1, 1));
        }
        QCOMPARE(QJsonDocument::fromJson(lines.at(1234)).object(), engineJson(commands.at(1234)));
    }

    // The whole labelled corpus through one pipe: the CLI answers every line as the engine does.
    void batchAnswersTheCorpus()
    {
        const CorpusLoad corpus = loadCorpus();
        QVERIFY(corpus.errors.isEmpty());
        QByteArray input;
        for (const CorpusRow &row : corpus.rows) {
            input += QJsonDocument(QJsonObject{{QStringLiteral("command"), m_workspace->substitute(row.command)},
                                               {QStringLiteral("cwd"), m_workspace->substitute(row.cwd)},
                                               {QStringLiteral("envProfile"), row.envProfile}})
                         .toJson(QJsonDocument::Compact)
                     + '\n';
        }
        const Run run = runBinary(workspaceArgs() << QStringLiteral("--batch"), input);
        QCOMPARE(run.status, 0);
        const QList<QByteArray> lines = run.out.split('\n');
        QCOMPARE(lines.size(), corpus.rows.size() + 1);
        for (qsizetype i = 0; i < corpus.rows.size(); ++i) {
            const CorpusRow &row = corpus.rows.at(i);
            QCOMPARE(QJsonDocument::fromJson(lines.at(i)).object(),
                     engineJson(m_workspace->substitute(row.command), m_workspace->substitute(row.cwd), row.envProfile));
        }
    }

    // A repository's own policy file is applied as a run would apply it: it tightens (make is denied)
    // and cannot loosen (its allow rule for curl is ignored, and the CLI says so on stderr).
    void workspacePolicyFileApplies()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString workspace = QFileInfo(root.path()).canonicalFilePath();
        QVERIFY(QDir().mkpath(workspace + QStringLiteral("/.ccdash-workbench")));
        QFile file(PolicyEngine::workspacePolicyFile(workspace));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"rules": [{"match": "make", "verdict": "deny"}, {"match": "curl", "verdict": "allow"}]})");
        file.close();
        const QStringList base{QStringLiteral("--workspace"), workspace};
        for (const bool inProcess : {false, true}) {
            const Run make = inProcess ? runInProcess(base + QStringList{QStringLiteral("make")})
                                       : runBinary(base + QStringList{QStringLiteral("make")});
            QVERIFY2(make.status == 4, QByteArray(make.out + make.err).constData());
            QVERIFY2(make.out.contains("custom_rule"), make.out.constData());
            QVERIFY2(make.err.contains("policy.json"), make.err.constData());
            const Run curl = inProcess ? runInProcess(base + QStringList{QStringLiteral("curl https://example.com")})
                                       : runBinary(base + QStringList{QStringLiteral("curl https://example.com")});
            QVERIFY2(curl.status == 3, QByteArray(curl.out + curl.err).constData());
            // The batch mode uses the same engine.
            const Run batch = inProcess ? runInProcess(base + QStringList{QStringLiteral("--batch")}, "{\"command\": \"make\"}\n")
                                        : runBinary(base + QStringList{QStringLiteral("--batch")}, "{\"command\": \"make\"}\n");
            QCOMPARE(QJsonDocument::fromJson(batch.out).object().value(QStringLiteral("verdict")).toString(), QStringLiteral("deny"));
        }
    }

    // Trusting the file by hash lets its allow rule loosen the policy; editing the file withdraws it.
    void trustedWorkspacePolicyFileLoosens()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString workspace = QFileInfo(root.path()).canonicalFilePath();
        QVERIFY(QDir().mkpath(workspace + QStringLiteral("/.ccdash-workbench")));
        const QString path = PolicyEngine::workspacePolicyFile(workspace);
        const auto writePolicy = [&](const QByteArray &content) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(content);
        };
        writePolicy(R"({"rules": [{"match": "curl", "verdict": "allow"}]})");
        const QStringList base{QStringLiteral("--workspace"), workspace};
        const QStringList curl = base + QStringList{QStringLiteral("curl https://example.com")};
        QCOMPARE(runBinary(curl).status, 3);
        const Run trust = runBinary(base + QStringList{QStringLiteral("--trust-workspace-policy")});
        QVERIFY2(trust.status == 0, trust.err.constData());
        QVERIFY2(trust.out.contains(PolicyEngine::fileSha256(path).toLatin1()), trust.out.constData());
        QCOMPARE(runBinary(curl).status, 0);
        writePolicy(R"({"rules": [{"match": "curl", "verdict": "allow"}], "version": "edited"})");
        QCOMPARE(runBinary(curl).status, 3);
        // Nothing to trust, or trusting while judging: usage errors with a message.
        QTemporaryDir empty;
        const Run missing = runBinary({QStringLiteral("--workspace"), empty.path(), QStringLiteral("--trust-workspace-policy")});
        QCOMPARE(missing.status, 64);
        QVERIFY(!missing.err.isEmpty());
        QCOMPARE(runBinary(base + QStringList{QStringLiteral("--trust-workspace-policy"), QStringLiteral("ls")}).status, 64);
    }

    void helpListsOptions()
    {
        const Run run = runBinary({QStringLiteral("--help")});
        QCOMPARE(run.status, 0);
        for (const char *option : {"--workspace", "--cwd", "--env-profile", "--json", "--batch"})
            QVERIFY2(run.out.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestCliPolicy)
#include "tst_cli_policy.moc"
