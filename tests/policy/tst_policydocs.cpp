// docs/policy.md stays true: every example in its reason-code table produces its code, and every code
// the engine answers for the labelled corpus is documented there.
#include "policy/policyengine.h"
#include "tests/policy/policycorpus.h"

#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace workbench::policy;
using namespace workbench::policytest;

namespace {

struct DocumentedCode
{
    QString code;
    QString example;     // the example cell, Markdown
};

QList<DocumentedCode> documentedCodes(QString *error)
{
    QFile file(QStringLiteral(WORKBENCH_SOURCE_DIR "/docs/policy.md"));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype start = text.indexOf(QStringLiteral("## Reason codes"));
    const qsizetype end = text.indexOf(QStringLiteral("\n## "), start + 1);
    if (start < 0 || end < 0) {
        *error = QStringLiteral("no '## Reason codes' section");
        return {};
    }
    QList<DocumentedCode> codes;
    static const QRegularExpression row(QStringLiteral(R"(^\| `([a-z_]+)` \| .*? \| (.*) \|$)"));
    for (const QString &line : text.mid(start, end - start).split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = row.match(line);
        if (match.hasMatch())
            codes.append({match.captured(1), match.captured(2)});
    }
    return codes;
}

} // namespace

class TestPolicyDocs : public QObject
{
    Q_OBJECT
private:
    QList<DocumentedCode> m_codes;
    std::unique_ptr<PolicyWorkspace> m_workspace;
    PolicyEngine m_engine;

    PolicyRequest request(const QString &command, const QString &cwd = QStringLiteral("."),
                          const QString &envProfile = QStringLiteral("default")) const
    {
        PolicyRequest r;
        r.command = command;
        r.workspace = m_workspace->workspace();
        r.cwd = cwd;
        r.envProfile = envProfile;
        r.home = m_workspace->home();
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_codes = documentedCodes(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_codes.size() >= 15);
        m_workspace = std::make_unique<PolicyWorkspace>();
        QVERIFY2(m_workspace->isValid(), qPrintable(m_workspace->errorString()));
    }

    void examplesProduceTheirCode_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("example");
        for (const DocumentedCode &documented : std::as_const(m_codes))
            QTest::newRow(qPrintable(documented.code)) << documented.code << documented.example;
    }
    void examplesProduceTheirCode()
    {
        QFETCH(QString, code);
        QFETCH(QString, example);
        // "`cmd`", "`cmd` with cwd `dir`", "`cmd` with profile `name`"; other cells are prose.
        static const QRegularExpression form(
            QStringLiteral(R"(^`(.+?)`(?: with cwd `([^`]*)`| with profile `([^`]*)`)?$)"));
        const QRegularExpressionMatch match = form.match(example);
        if (!match.hasMatch())
            QSKIP("the example is prose (kill switch, policy files)");
        QString command = match.captured(1);
        command.replace(QStringLiteral("\\|"), QStringLiteral("|"));
        const QString cwd = match.captured(2).isEmpty() ? QStringLiteral(".") : match.captured(2);
        const QString profile = match.captured(3).isEmpty() ? QStringLiteral("default") : match.captured(3);
        const PolicyResult result = m_engine.evaluate(request(command, cwd, profile));
        QVERIFY2(result.reasonCodes.contains(code),
                 qPrintable(QStringLiteral("%1 gives [%2]").arg(command, result.reasonCodes.join(QLatin1Char(',')))));
    }

    void everyAnsweredCodeIsDocumented()
    {
        QSet<QString> documented;
        for (const DocumentedCode &code : std::as_const(m_codes))
            documented.insert(code.code);
        const CorpusLoad corpus = loadCorpus();
        QVERIFY(corpus.errors.isEmpty());
        for (const CorpusRow &row : corpus.rows) {
            const PolicyResult result = m_engine.evaluate(
                request(m_workspace->substitute(row.command), m_workspace->substitute(row.cwd), row.envProfile));
            for (const QString &code : result.reasonCodes)
                QVERIFY2(documented.contains(code), qPrintable(code + QStringLiteral(" (from ") + row.tag() + QLatin1Char(')')));
        }
    }
};

QTEST_GUILESS_MAIN(TestPolicyDocs)
#include "tst_policydocs.moc"
