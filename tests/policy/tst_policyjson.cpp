// The direct JSON writer (PolicyResult::appendCompactJson, appendJsonString) must write exactly the
// bytes QJsonDocument writes, so `policy-check --batch` output is unchanged by the faster path:
// strings with every escape class, non-BMP text and broken UTF-16, and whole results for the corpus.
#include "policy/policyengine.h"
#include "policy/policytypes.h"
#include "tests/policy/policycorpus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace workbench::policy;
using namespace workbench::policytest;

Q_DECLARE_METATYPE(workbench::policy::PolicyResult)

namespace {

QByteArray qtCompact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString fromUnits(std::initializer_list<char16_t> units)
{
    return QString(reinterpret_cast<const QChar *>(std::data(units)), qsizetype(units.size()));
}

} // namespace

class TestPolicyJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stringMatchesQJsonDocument_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("plain ascii") << QStringLiteral("git status --porcelain");
        QTest::newRow("quote and backslash") << QStringLiteral("echo \"a\\b\" 'c'");
        QTest::newRow("short escapes") << QStringLiteral("\b\f\n\r\t");
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls += QChar(c);
        QTest::newRow("all C0 controls") << controls;
        QTest::newRow("NUL inside") << fromUnits({u'a', 0, u'b'});
        QTest::newRow("DEL and C1") << fromUnits({0x7f, 0x80, 0x9b, 0x9f});
        QTest::newRow("two-byte UTF-8") << QStringLiteral("caf\u00e9 \u00ff \u07ff");
        QTest::newRow("three-byte UTF-8") << QStringLiteral("\u0800 \u20ac \ufeff \uffff \u2028\u2029");
        QTest::newRow("bidi override") << QStringLiteral("ls \u202egnp.exe");
        QTest::newRow("non-BMP") << QString::fromUtf8("\xf0\x9f\x98\x80 \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf");
        QTest::newRow("lone high surrogate at end") << fromUnits({u'a', 0xd83d});
        QTest::newRow("lone high surrogate inside") << fromUnits({0xd83d, u'x'});
        QTest::newRow("lone low surrogate") << fromUnits({u'x', 0xde00, u'y'});
        QTest::newRow("two high surrogates then low") << fromUnits({0xd83d, 0xd83d, 0xde00});
        QTest::newRow("reversed pair") << fromUnits({0xde00, 0xd83d});
        QTest::newRow("only a high surrogate") << fromUnits({0xdbff});
        QTest::newRow("escape between pairs") << fromUnits({0xd83d, 0xde00, u'\n', 0xd83d, 0xde01});
        QString longText;
        for (int i = 0; i < 500; ++i)
            longText += QStringLiteral("x\"\u00e9\t");
        QTest::newRow("long mixed") << longText;
    }

    void stringMatchesQJsonDocument()
    {
        QFETCH(QString, text);
        QByteArray ours;
        appendJsonString(ours, text);
        // Inside an object under a key, as the writer uses it.
        const QByteArray expected = qtCompact(QJsonObject{{QStringLiteral("k"), text}});
        QCOMPARE(QByteArray("{\"k\":" + ours + "}"), expected);
        // Whatever we write must parse back as JSON.
        QJsonParseError error;
        QJsonDocument::fromJson(QByteArray("[" + ours + "]"), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void appendsToExistingBytes()
    {
        QByteArray out("prefix:");
        appendJsonString(out, QStringLiteral("a\"b"));
        QCOMPARE(out, QByteArray("prefix:\"a\\\"b\""));
    }

    void resultMatchesQJsonDocument_data()
    {
        QTest::addColumn<PolicyResult>("result");
        QTest::newRow("default") << PolicyResult();
        PolicyResult full;
        full.verdict = Verdict::RequiresApproval;
        full.riskLevel = RiskLevel::Medium;
        full.requiresApproval = true;
        full.normalizedCommand = fromUnits({u'r', u'm', u' ', 0xd800, u'\n', 0x01});
        full.commandTokens = {QStringLiteral("rm"), QStringLiteral("-rf"), QString(), QString::fromUtf8("\xf0\x9f\x98\x80")};
        full.resolvedCwd = QStringLiteral("/tmp/w s/\"q\"");
        full.reasonCodes = {QStringLiteral("a"), QStringLiteral("b")};
        full.reasons = {PolicyReason{QStringLiteral("a"), SourceSpan{0, 0}, QStringLiteral("m\u00e9ssage\t1")},
                        PolicyReason{QStringLiteral("b"), SourceSpan{123456789012, 7}, QString()}};
        full.policyVersion = QStringLiteral("builtin-1+abcdef");
        full.fingerprint = QStringLiteral("0123");
        full.isAgentCommand = true;
        full.launchArguments = {QStringLiteral("claude"), QStringLiteral("-p")};
        full.needsShell = true;
        full.needsBash = true;
        QTest::newRow("every field set") << full;
        PolicyResult deny;
        deny.verdict = Verdict::Deny;
        deny.riskLevel = RiskLevel::High;
        deny.reasons = {PolicyReason{QStringLiteral("x"), SourceSpan{-1, -2}, QStringLiteral("neg")}};
        QTest::newRow("negative span") << deny;
    }

    void resultMatchesQJsonDocument()
    {
        QFETCH(PolicyResult, result);
        QByteArray ours;
        result.appendCompactJson(ours);
        QCOMPARE(ours, qtCompact(result.toJson()));
    }

    // Every real result of the labelled corpus (all verdicts, reasons, spans, agent commands).
    void corpusResultsMatchQJsonDocument()
    {
        PolicyWorkspace workspace;
        QVERIFY2(workspace.isValid(), qPrintable(workspace.errorString()));
        const CorpusLoad corpus = loadCorpus();
        QVERIFY(corpus.errors.isEmpty());
        QVERIFY(corpus.rows.size() > 500);
        const PolicyEngine engine;
        for (const CorpusRow &row : corpus.rows) {
            PolicyRequest request;
            request.command = workspace.substitute(row.command);
            request.workspace = workspace.workspace();
            request.cwd = workspace.substitute(row.cwd);
            request.envProfile = row.envProfile;
            request.home = workspace.home();
            const PolicyResult result = engine.evaluate(request);
            QByteArray ours;
            result.appendCompactJson(ours);
            QCOMPARE(ours, qtCompact(result.toJson()));
        }
    }
};

QTEST_GUILESS_MAIN(TestPolicyJson)
#include "tst_policyjson.moc"
