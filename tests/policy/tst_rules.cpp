// Rule layering: built-in rules, a tighten-only system file with the kill switch, the user's file,
// untrusted and trusted workspace files, refused broken files, versions and fingerprints.
#include "policy/policyengine.h"
#include "policy/policyrules.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace workbench::policy;

class TestRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void builtInRulesLoad();
    void brokenFileIsRefusedWithLine_data();
    void brokenFileIsRefusedWithLine();
    void killSwitchDeniesEverything();
    void userCannotSwitchExecutionBackOn();
    void systemFileOnlyTightens();
    void userFileLoosens();
    void systemTighteningBeatsUserLoosening();
    void workspaceFileUntrustedOnlyTightens();
    void workspaceFileTrustedByHash();
    void trustStoreKeepsOnlyHashes();
    void brokenWorkspaceFileKeepsRules();
    void policyVersionFollowsLayers();
    void fingerprintBindsRequest();
    void lineOfOffset();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    PolicyResult run(const PolicyEngine &engine, const QString &command) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_workspace;
};

void TestRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_workspace = QFileInfo(m_dir->path()).canonicalFilePath() + QStringLiteral("/ws");
    QVERIFY(QDir().mkpath(m_workspace));
}

QString TestRules::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = name.startsWith(u'/') ? name : m_dir->path() + u'/' + name;
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    file.write(content);
    return path;
}

PolicyResult TestRules::run(const PolicyEngine &engine, const QString &command) const
{
    PolicyRequest request;
    request.command = command;
    request.workspace = m_workspace;
    request.home = m_dir->path() + QStringLiteral("/home");
    return engine.evaluate(request);
}

void TestRules::builtInRulesLoad()
{
    const RuleSet rules = RuleSet::builtIn();
    QVERIFY(rules.isValid());
    QVERIFY(rules.executionEnabled());
    QVERIFY(!rules.version().isEmpty());
    QCOMPARE(rules.hash().size(), 64);
    QVERIFY(rules.programClass(QStringLiteral("rm")) == ProgramClass::Destructive);
    QVERIFY(rules.programClass(QStringLiteral("mkfs.xfs")) == ProgramClass::Blocked);
    QVERIFY(rules.wrapper(QStringLiteral("timeout")));
    QVERIFY(rules.subcommands(QStringLiteral("git")));
    QVERIFY(rules.subcommands(QStringLiteral("podman"))); // alias of docker
    const PolicyEngine engine;
    QVERIFY(engine.diagnostics().isEmpty());
    QCOMPARE(run(engine, QStringLiteral("git status")).policyVersion, engine.policyVersion());
}

void TestRules::brokenFileIsRefusedWithLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::newRow("syntax error on line 3") << QByteArray("{\n  \"rules\": [\n    {\"match\": \"x\" \"verdict\": \"deny\"}\n  ]\n}\n") << 3;
    QTest::newRow("not an object") << QByteArray("[1, 2]") << 1;
    QTest::newRow("unknown key") << QByteArray("{\"rulez\": []}") << 0;
    QTest::newRow("bad verdict") << QByteArray("{\"rules\": [{\"match\": \"ls\", \"verdict\": \"maybe\"}]}") << 0;
    QTest::newRow("bad kill switch type") << QByteArray("{\"executionEnabled\": \"no\"}") << 0;
}

void TestRules::brokenFileIsRefusedWithLine()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    PolicyLayers layers;
    layers.systemFile = writeFile(QStringLiteral("system.json"), content);
    const PolicyEngine engine(layers);
    const QList<RuleDiagnostic> diagnostics = engine.diagnostics();
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.front().file, layers.systemFile);
    QCOMPARE(diagnostics.front().line, line);
    QVERIFY(diagnostics.front().refused);
    QVERIFY(!diagnostics.front().message.isEmpty());
    // The built-in rules stay in force, unchanged.
    QCOMPARE(engine.policyVersion(), PolicyEngine().policyVersion());
    const PolicyResult result = run(engine, QStringLiteral("git status"));
    QCOMPARE(toString(result.verdict), toString(Verdict::Allow));
    QCOMPARE(run(engine, QStringLiteral("ls")).reasonCodes, QStringList{QStringLiteral("safe_read_only_command")});
}

void TestRules::killSwitchDeniesEverything()
{
    PolicyLayers layers;
    layers.systemFile = writeFile(QStringLiteral("system.json"), "{\"executionEnabled\": false}");
    const PolicyEngine engine(layers);
    QVERIFY(!engine.executionEnabled());
    for (const QString &command : {QStringLiteral("git status"), QStringLiteral("ls"), QStringLiteral("/dev:execute-phase 1 plan.md")}) {
        const PolicyResult result = run(engine, command);
        QCOMPARE(toString(result.verdict), toString(Verdict::Deny));
        QCOMPARE(toString(result.riskLevel), toString(RiskLevel::High));
        QCOMPARE(result.reasonCodes.first(), QStringLiteral("execution_disabled"));
    }
}

void TestRules::userCannotSwitchExecutionBackOn()
{
    PolicyLayers layers;
    layers.systemFile = writeFile(QStringLiteral("system.json"), "{\"executionEnabled\": false}");
    layers.userFile = writeFile(QStringLiteral("user.json"), "{\"executionEnabled\": true}");
    const PolicyEngine engine(layers);
    QVERIFY(!engine.executionEnabled());
    QCOMPARE(toString(run(engine, QStringLiteral("ls")).verdict), toString(Verdict::Deny));
}

void TestRules::systemFileOnlyTightens()
{
    PolicyLayers layers;
    layers.systemFile = writeFile(QStringLiteral("system.json"), R"({
        "rules": [{"match": "git push", "verdict": "deny", "reason": "pushes go through CI"},
                  {"match": "curl", "verdict": "allow"}],
        "programs": {"blocked": ["terraform"], "read": ["rm"]},
        "secretPaths": ["/srv/secrets/*"]
    })");
    const PolicyEngine engine(layers);
    // Two ignored loosenings, reported but not refusing the file.
    QCOMPARE(engine.diagnostics().size(), 2);
    for (const RuleDiagnostic &diagnostic : engine.diagnostics())
        QVERIFY(!diagnostic.refused);
    const PolicyResult push = run(engine, QStringLiteral("git push origin main"));
    QCOMPARE(toString(push.verdict), toString(Verdict::Deny));
    QVERIFY(push.reasonCodes.contains(QStringLiteral("custom_rule")));
    QCOMPARE(toString(run(engine, QStringLiteral("curl https://example.com")).verdict), toString(Verdict::RequiresApproval));
    QCOMPARE(toString(run(engine, QStringLiteral("terraform plan")).verdict), toString(Verdict::Deny));
    QCOMPARE(toString(run(engine, QStringLiteral("rm -rf build")).verdict), toString(Verdict::RequiresApproval));
    QCOMPARE(toString(run(engine, QStringLiteral("cat /srv/secrets/token")).verdict), toString(Verdict::Deny));
}

void TestRules::userFileLoosens()
{
    PolicyLayers layers;
    layers.userFile = writeFile(QStringLiteral("user.json"), R"({
        "rules": [{"match": "docker run", "verdict": "allow"}, {"match": "make deploy", "verdict": "requires_approval"}],
        "programs": {"dev": ["mytool"]}
    })");
    const PolicyEngine engine(layers);
    QVERIFY(engine.diagnostics().isEmpty());
    QCOMPARE(toString(run(engine, QStringLiteral("docker run --rm alpine true")).verdict), toString(Verdict::Allow));
    QCOMPARE(toString(run(engine, QStringLiteral("mytool --check")).verdict), toString(Verdict::Allow));
    QCOMPARE(toString(run(engine, QStringLiteral("make deploy")).verdict), toString(Verdict::RequiresApproval));
    // An allow rule never lifts a denial.
    QCOMPARE(toString(run(engine, QStringLiteral("docker run -v /:/host alpine")).verdict), toString(Verdict::Deny));
    QCOMPARE(PolicyEngine().policyVersion() == engine.policyVersion(), false);
}

void TestRules::systemTighteningBeatsUserLoosening()
{
    PolicyLayers layers;
    layers.userFile = writeFile(QStringLiteral("user.json"), R"({"rules": [{"match": "npm publish", "verdict": "allow"}]})");
    layers.systemFile = writeFile(QStringLiteral("system.json"), R"({"rules": [{"match": "npm publish", "verdict": "requires_approval"}]})");
    const PolicyEngine engine(layers);
    QCOMPARE(toString(run(engine, QStringLiteral("npm publish")).verdict), toString(Verdict::RequiresApproval));
}

void TestRules::workspaceFileUntrustedOnlyTightens()
{
    writeFile(PolicyEngine::workspacePolicyFile(m_workspace), R"({
        "rules": [{"match": "make", "verdict": "deny"}, {"match": "curl", "verdict": "allow"}]
    })");
    PolicyLayers layers;
    const PolicyEngine engine(layers);
    QCOMPARE(toString(run(engine, QStringLiteral("make build")).verdict), toString(Verdict::Deny));
    QCOMPARE(toString(run(engine, QStringLiteral("curl https://example.com")).verdict), toString(Verdict::RequiresApproval));
    const QList<RuleDiagnostic> diagnostics = engine.workspaceDiagnostics(m_workspace);
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(!diagnostics.front().refused);
    // The plain engine (built-ins only) ignores workspace files.
    QCOMPARE(toString(run(PolicyEngine(), QStringLiteral("make build")).verdict), toString(Verdict::Allow));
}

void TestRules::workspaceFileTrustedByHash()
{
    const QString file = writeFile(PolicyEngine::workspacePolicyFile(m_workspace), R"({"rules": [{"match": "curl", "verdict": "allow"}]})");
    PolicyLayers layers;
    layers.trustedWorkspaceFileHashes.insert(PolicyEngine::fileSha256(file));
    const PolicyEngine engine(layers);
    QCOMPARE(toString(run(engine, QStringLiteral("curl https://example.com")).verdict), toString(Verdict::Allow));
    // Editing the file breaks the trust: the same rule is ignored again.
    writeFile(file, R"({"rules": [{"match": "curl", "verdict": "allow"}], "description": "changed"})");
    QFile touched(file);
    QVERIFY(touched.open(QIODevice::ReadWrite));
    QVERIFY(touched.setFileTime(QDateTime::currentDateTime().addSecs(5), QFileDevice::FileModificationTime));
    touched.close();
    QCOMPARE(toString(run(engine, QStringLiteral("curl https://example.com")).verdict), toString(Verdict::RequiresApproval));
}

void TestRules::trustStoreKeepsOnlyHashes()
{
    const QString good = QString(64, u'a');
    const QString store = writeFile(QStringLiteral("trust/store"), "# trusted workspace policies\n" + good.toLatin1()
                                    + "  # team rules\nnot-a-hash\n" + QByteArray(63, 'b') + "\n" + QByteArray(64, 'z') + "\n");
    QCOMPARE(PolicyLayers::readTrustStore(store), QSet<QString>{good});
    QString error;
    const QString second = QString(64, u'c');
    QVERIFY2(PolicyLayers::addToTrustStore(store, second.toUpper(), &error), qPrintable(error));
    QVERIFY2(PolicyLayers::addToTrustStore(store, second, &error), qPrintable(error)); // already there: kept once
    QCOMPARE(PolicyLayers::readTrustStore(store), (QSet<QString>{good, second}));
    QFile file(store);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count(second.toLatin1()), 1);
    // A new store in a directory that does not exist yet.
    const QString fresh = m_dir->path() + QStringLiteral("/new/dir/store");
    QVERIFY2(PolicyLayers::addToTrustStore(fresh, good, &error), qPrintable(error));
    QCOMPARE(PolicyLayers::readTrustStore(fresh), QSet<QString>{good});
    QVERIFY(PolicyLayers::readTrustStore(m_dir->path() + QStringLiteral("/missing")).isEmpty());
}

void TestRules::brokenWorkspaceFileKeepsRules()
{
    writeFile(PolicyEngine::workspacePolicyFile(m_workspace), "{ \"rules\": [ ");
    const PolicyEngine engine{PolicyLayers{}};
    const PolicyResult result = run(engine, QStringLiteral("git status"));
    QCOMPARE(toString(result.verdict), toString(Verdict::Allow));
    QCOMPARE(result.policyVersion, engine.policyVersion());
    const QList<RuleDiagnostic> diagnostics = engine.workspaceDiagnostics(m_workspace);
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(diagnostics.front().refused);
    QCOMPARE(diagnostics.front().line, 1);
}

void TestRules::policyVersionFollowsLayers()
{
    const PolicyEngine builtIn;
    QVERIFY(builtIn.policyVersion().startsWith(RuleSet::builtIn().version() + u'+'));
    writeFile(PolicyEngine::workspacePolicyFile(m_workspace), R"({"rules": [{"match": "make", "verdict": "deny"}]})");
    const PolicyEngine layered{PolicyLayers{}};
    const PolicyResult result = run(layered, QStringLiteral("ls"));
    QVERIFY(result.policyVersion != builtIn.policyVersion());
    QCOMPARE(run(layered, QStringLiteral("ls")).policyVersion, result.policyVersion);
}

void TestRules::fingerprintBindsRequest()
{
    const PolicyEngine engine;
    QDir().mkpath(m_workspace + QStringLiteral("/src"));
    PolicyRequest request;
    request.command = QStringLiteral("npm test");
    request.workspace = m_workspace;
    const QString base = engine.evaluate(request).fingerprint;
    QCOMPARE(base.size(), 64);
    QCOMPARE(engine.evaluate(request).fingerprint, base);
    PolicyRequest other = request;
    other.command = QStringLiteral("npm  test"); // same normalized command
    QCOMPARE(engine.evaluate(other).fingerprint, base);
    other.command = QStringLiteral("npm run test");
    QVERIFY(engine.evaluate(other).fingerprint != base);
    other = request;
    other.cwd = QStringLiteral("src");
    QVERIFY(engine.evaluate(other).fingerprint != base);
    other = request;
    other.envProfile = QStringLiteral("ci");
    QVERIFY(engine.evaluate(other).fingerprint != base);
}

void TestRules::lineOfOffset()
{
    const QByteArray data("a\nb\nc");
    QCOMPARE(workbench::policy::lineOfOffset(data, 0), 1);
    QCOMPARE(workbench::policy::lineOfOffset(data, 2), 2);
    QCOMPARE(workbench::policy::lineOfOffset(data, 4), 3);
    QCOMPARE(workbench::policy::lineOfOffset(data, 100), 3);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
