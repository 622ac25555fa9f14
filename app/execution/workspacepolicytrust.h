#pragma once
// The user's trust in a workspace's own policy file (<workspace>/.ccdash-workbench/policy.json).
// Untrusted, the file may only tighten the rules; trusting records the sha256 of its exact bytes in
// the same store `policy-check --trust-workspace-policy` writes (PolicyLayers::trustStoreFile()), so
// any edit to the file withdraws the trust. The window asks this service; ui/ never hashes files.
#include <QList>
#include <QString>

namespace workbench::execution {

struct WorkspacePolicyFile
{
    QString workspace;         // as given
    QString path;              // <workspace realpath>/.ccdash-workbench/policy.json
    bool exists = false;
    QString readError;         // set when the file exists but cannot be read
    QString sha256;            // of the bytes read now ("" when unreadable)
    bool trusted = false;      // sha256 is in the trust store
    QString content;           // the text (UTF-8), at most maxShownBytes of it
    bool contentTruncated = false;
    QStringList ignoredUntrusted; // the file's loosening rules, ignored while it is not trusted
    QStringList problems;         // why the file is refused ("line N: message")
    bool refused = false;         // the whole file is refused (broken JSON, unknown key, ...): built-ins apply
};

class WorkspacePolicyTrust
{
public:
    static constexpr qsizetype maxShownBytes = 256 * 1024;

    // The trust store defaults to the one the CLI and the policy evaluator use.
    WorkspacePolicyTrust();
    explicit WorkspacePolicyTrust(const QString &trustStoreFile);

    QString trustStoreFile() const { return m_trustStoreFile; }

    // Reads the file now: existence, hash, trust, text, and what trusting would change.
    WorkspacePolicyFile inspect(const QString &workspace) const;
    // Trusts the file only if its bytes still hash to `expectedSha256` (what the user was shown):
    // a file edited after it was inspected is not trusted by accident. False with *error otherwise.
    bool trust(const QString &workspace, const QString &expectedSha256, QString *error) const;

private:
    QString m_trustStoreFile;
};

} // namespace workbench::execution
