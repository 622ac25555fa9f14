#pragma once
// The labelled policy corpus (tests/policy/corpus/*.jsonl) and the scratch workspace it is judged in.
// Shared by the verdict test, the CCDash case test, the CLI test and the benchmark, so every consumer
// reads the same rows and resolves the same placeholders.
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

namespace workbench::policytest {

// One acceptable location of a reason: some reason with `code` whose span covers one of `texts`.
struct SpanExpectation
{
    QString code;
    QStringList texts;
};

struct CorpusRow
{
    QString file;                // e.g. "secrets.jsonl"
    int line = 0;                // 1-based line in that file
    QString category;            // file name without extension
    QString command;             // with placeholders (@WORKSPACE@, @TMP@, @WS2@, @OUTSIDE@, @HOME@)
    QString cwd = QStringLiteral(".");
    QString envProfile = QStringLiteral("default");
    QString verdict;             // allow | requires_approval | deny | gated (= not allow)
    QString risk;                // empty = the rubric does not fix it
    QStringList codes;           // required reason codes (subset check)
    QList<SpanExpectation> spans;
    QString xfail;               // bug id in /work/notes/policy-bugs.md while the engine disagrees
    QString note;

    QString tag() const;         // unique, readable QtTest data tag
};

struct CorpusLoad
{
    QList<CorpusRow> rows;
    QStringList errors;          // "file:line: message" for every malformed line
};

// The corpus directory in the source tree.
QString corpusDirectory();
CorpusLoad loadCorpus(const QString &directory = corpusDirectory());

// A real directory tree in a temporary directory:
//   <tmp>/ws        the workspace (sources, build/, docs/, scripts/, .env, link-out -> <tmp>/outside)
//   <tmp>/ws2       sibling whose path shares the workspace's prefix
//   <tmp>/outside   target of the symlink
//   <tmp>/home      fake HOME with ~/.ssh, ~/.aws, rc files
class PolicyWorkspace
{
public:
    PolicyWorkspace();
    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }

    QString tmp() const { return m_tmp; }             // canonical paths
    QString workspace() const { return m_tmp + QStringLiteral("/ws"); }
    QString home() const { return m_tmp + QStringLiteral("/home"); }

    // Replaces @WORKSPACE@ @TMP@ @WS2@ @OUTSIDE@ @HOME@ (corpus) and <WORKSPACE> <TMP> (CCDash fixture).
    QString substitute(QString text) const;

private:
    bool build();
    bool writeFile(const QString &relative, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_tmp;
    QString m_error;
    bool m_valid = false;
};

} // namespace workbench::policytest
