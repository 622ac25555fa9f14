#pragma once
// The window's view of the application: one object that owns the services a window needs (the
// event writer and execution service over the opened store, the CCDash client with its offline
// cache and token, the output feed's repository, desktop notifications) and the preferences.
// ui/ gets references from here and never builds services itself.
#include "app/appsettings.h"
#include "app/ccdash/ccdashclient.h"
#include "app/ccdash/ccdashpathmapping.h"
#include "app/ccdash/ccdashstorecache.h"
#include "app/ccdash/ccdashtoken.h"
#include "app/desktopnotifier.h"
#include "app/execution/executionservice.h"
#include "app/teamstore/runchangewatcher.h"
#include "app/execution/workspacepolicytrust.h"
#include "app/workbenchcontext.h"
#include "models/eventwriter.h"
#include "policy/policytypes.h"

#include <QObject>
#include <memory>

namespace workbench::app {

class WorkbenchSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        AppSettings settings;
        QString ccdashUrlOverride;       // --ccdash-url
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        bool loadToken = true;           // ask CCDASH_API_TOKEN / the keychain
        execution::ExecutionService::PolicyEvaluator evaluator; // empty = the installed rule set
    };

    // `context` must outlive the session. Recovers runs an earlier instance left behind.
    static models::StoreResult<std::unique_ptr<WorkbenchSession>> create(WorkbenchContext &context, Options options,
                                                                         QObject *parent = nullptr);
    ~WorkbenchSession() override;

    WorkbenchContext &context() { return m_context; }
    models::ExecutionRepository &executions() { return m_context.executions(); }
    execution::ExecutionService &execution() { return *m_execution; }
    ccdash::CcdashClient &ccdash() { return *m_client; }
    ccdash::TokenSource &token() { return *m_token; }
    ccdash::PathMapping &pathMapping() { return *m_pathMapping; }
    DesktopNotifier &notifier() { return *m_notifier; }
    // Runs written by others sharing the store (other desktops, the CLI, CCDash), live.
    RunChangeWatcher &runChanges() { return *m_runChanges; }
    // The store writer's state (holding events while PostgreSQL is unreachable, failed).
    models::EventWriter &writer() { return *m_writer; }
    // Trust in a workspace's own policy file (the store the CLI's --trust-workspace-policy writes).
    const execution::WorkspacePolicyTrust &policyTrust() const { return m_policyTrust; }
    const execution::RecoveryReport &recovery() const { return m_recovery; }

    const AppSettings &settings() const { return m_settings; }
    // Saves to QSettings and applies what can change at run time (CCDash URL, launcher, defaults).
    void applySettings(const AppSettings &settings);
    // The token goes to the keychain (never to QSettings) and is used from now on.
    void storeToken(const QString &token);
    QString tokenOriginText() const;

    policy::PolicyResult checkPolicy(const policy::PolicyRequest &request) const;
    // The policy request a stored run was judged with (for the approval dialog's reasons).
    policy::PolicyRequest policyRequestFor(const models::ExecutionRun &run) const;
    // True when "remember this approval" may be offered for this result.
    static bool isRememberable(const policy::PolicyResult &result);

    // A run request with the preferences' defaults filled in.
    execution::RunRequest runRequest(const QString &command, const QString &workspace, const QString &cwd,
                                     const QString &envProfile, int timeoutMinutes) const;

    // Runs can be exported (app/export/RunExporter over this session's store).
    bool exportAvailable() const { return true; }

private:
    WorkbenchSession(WorkbenchContext &context, QObject *parent);

    WorkbenchContext &m_context;
    AppSettings m_settings;
    execution::ExecutionService::PolicyEvaluator m_evaluator;
    std::unique_ptr<models::EventWriter> m_writer;
    std::unique_ptr<execution::ExecutionService> m_execution;
    std::unique_ptr<ccdash::StoreResponseCache> m_cache;
    std::unique_ptr<ccdash::CcdashClient> m_client;
    std::unique_ptr<ccdash::TokenSource> m_token;
    std::unique_ptr<ccdash::PathMapping> m_pathMapping;
    std::unique_ptr<DesktopNotifier> m_notifier;
    std::unique_ptr<RunChangeWatcher> m_runChanges;
    execution::WorkspacePolicyTrust m_policyTrust;
    execution::RecoveryReport m_recovery;
};

} // namespace workbench::app
