#include "app/execution/policyevaluator.h"

#include "policy/policyengine.h"

#include <QDateTime>
#include <QFileInfo>
#include <QMutex>

namespace workbench::execution {

namespace {

// The installed layers, rebuilt when the trust store changes: a workspace policy file trusted in the
// window (or with `policy-check --trust-workspace-policy`) counts from the next evaluation on, with no
// restart. One stat() of the store per evaluation.
class InstalledPolicy
{
public:
    std::shared_ptr<const policy::PolicyEngine> engine()
    {
        const QString store = policy::PolicyLayers::trustStoreFile();
        const QFileInfo info(store);
        const bool exists = info.exists();
        const qint64 size = exists ? info.size() : -1;
        const QDateTime modified = exists ? info.lastModified() : QDateTime();
        QMutexLocker lock(&m_mutex);
        if (!m_engine || store != m_store || size != m_size || modified != m_modified) {
            m_engine = std::make_shared<const policy::PolicyEngine>(policy::PolicyLayers::standard());
            m_store = store;
            m_size = size;
            m_modified = modified;
        }
        return m_engine;
    }

private:
    QMutex m_mutex;
    std::shared_ptr<const policy::PolicyEngine> m_engine;
    QString m_store;
    qint64 m_size = -1;
    QDateTime m_modified;
};

} // namespace

ExecutionService::PolicyEvaluator defaultPolicyEvaluator()
{
    // System and user rule files as installed; evaluate() is const and thread-safe, so one engine
    // is shared by every service in the process.
    static InstalledPolicy installed;
    return [](const policy::PolicyRequest &request) { return installed.engine()->evaluate(request); };
}

} // namespace workbench::execution
