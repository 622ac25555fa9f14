#include "app/execution/workspacepolicytrust.h"

#include "app/execution/executionlog.h"
#include "policy/policyengine.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace workbench::execution {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::execution::WorkspacePolicyTrust", text);
}

QString realWorkspace(const QString &workspace)
{
    const QString real = QFileInfo(workspace).canonicalFilePath();
    return real.isEmpty() ? workspace : real;
}

} // namespace

WorkspacePolicyTrust::WorkspacePolicyTrust()
    : WorkspacePolicyTrust(policy::PolicyLayers::trustStoreFile())
{
}

WorkspacePolicyTrust::WorkspacePolicyTrust(const QString &trustStoreFile)
    : m_trustStoreFile(trustStoreFile)
{
}

WorkspacePolicyFile WorkspacePolicyTrust::inspect(const QString &workspace) const
{
    WorkspacePolicyFile file;
    file.workspace = workspace;
    const QString real = realWorkspace(workspace);
    file.path = policy::PolicyEngine::workspacePolicyFile(real);
    QFile reader(file.path);
    file.exists = reader.exists();
    if (!file.exists)
        return file;
    if (!reader.open(QIODevice::ReadOnly)) {
        file.readError = reader.errorString();
        return file;
    }
    const QByteArray data = reader.readAll();
    reader.close();
    // Hash what was read, not the file again: the hash shown is the hash of the text shown.
    file.sha256 = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    file.trusted = policy::PolicyLayers::readTrustStore(m_trustStoreFile).contains(file.sha256);
    file.contentTruncated = data.size() > maxShownBytes;
    file.content = QString::fromUtf8(data.left(maxShownBytes));

    // What trusting changes: the rules the file holds that are ignored while it may only tighten,
    // judged on top of the installed system and user layers (the rules a run is judged with). An
    // untrusted layer reports nothing else that is not a refusal (see RuleSet::applyLayer).
    policy::PolicyLayers layers = policy::PolicyLayers::standard();
    layers.trustedWorkspaceFileHashes.clear();
    const policy::PolicyEngine untrusted(layers);
    for (const policy::RuleDiagnostic &diagnostic : untrusted.workspaceDiagnostics(real)) {
        if (diagnostic.refused) {
            file.refused = true;
            file.problems << (diagnostic.line > 0 ? tr("line %1: %2").arg(diagnostic.line).arg(diagnostic.message)
                                                  : diagnostic.message);
        } else {
            file.ignoredUntrusted << diagnostic.message;
        }
    }
    return file;
}

bool WorkspacePolicyTrust::trust(const QString &workspace, const QString &expectedSha256, QString *error) const
{
    const WorkspacePolicyFile now = inspect(workspace);
    if (!now.exists) {
        *error = tr("There is no workspace policy file %1.").arg(now.path);
        return false;
    }
    if (!now.readError.isEmpty()) {
        *error = tr("Cannot read %1: %2").arg(now.path, now.readError);
        return false;
    }
    if (now.sha256 != expectedSha256.toLower()) {
        *error = tr("%1 changed since it was shown (sha256 is now %2); review it again.").arg(now.path, now.sha256);
        return false;
    }
    if (!policy::PolicyLayers::addToTrustStore(m_trustStoreFile, now.sha256, error))
        return false;
    qCInfo(lcExecution) << "trusted workspace policy file" << now.path << "sha256" << now.sha256;
    return true;
}

} // namespace workbench::execution
