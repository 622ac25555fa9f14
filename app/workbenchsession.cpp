#include "app/workbenchsession.h"

#include "app/ccdash/ccdashconfig.h"
#include "app/execution/policyevaluator.h"

#include <QLoggingCategory>
#include <QSettings>

Q_LOGGING_CATEGORY(lcSession, "ccdash.app.session")

namespace workbench::app {

WorkbenchSession::WorkbenchSession(WorkbenchContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
}

WorkbenchSession::~WorkbenchSession()
{
    m_runChanges.reset();
    // The service records still-running runs as interrupted through the writer: it goes first.
    m_execution.reset();
    m_writer.reset();
}

models::StoreResult<std::unique_ptr<WorkbenchSession>> WorkbenchSession::create(WorkbenchContext &context, Options options,
                                                                                QObject *parent)
{
    std::unique_ptr<WorkbenchSession> session(new WorkbenchSession(context, parent));
    session->m_settings = options.settings;
    session->m_evaluator = options.evaluator ? options.evaluator : execution::defaultPolicyEvaluator();
    session->m_writer = std::make_unique<models::EventWriter>(context.database().location(),
                                                              models::EventWriter::Options::fromEnvironment());
    if (models::StoreResult<void> started = session->m_writer->start(); !started)
        return started.error();

    execution::ExecutionService::Options serviceOptions;
    serviceOptions.defaultTimeout = std::chrono::minutes(options.settings.defaultTimeoutMinutes);
    serviceOptions.defaultOutputCapBytes = qint64(options.settings.outputCapMiB) * 1024 * 1024;
    serviceOptions.approvalExpiry = std::chrono::hours(options.settings.approvalExpiryHours);
    session->m_execution = std::make_unique<execution::ExecutionService>(context.database(), *session->m_writer,
                                                                         session->m_evaluator, serviceOptions);
    models::StoreResult<execution::RecoveryReport> recovered = session->m_execution->recoverInterruptedRuns();
    if (!recovered)
        return recovered.error();
    session->m_recovery = *recovered;

    QSettings settings;
    session->m_cache = std::make_unique<ccdash::StoreResponseCache>(context.ccdashCache());
    session->m_client = std::make_unique<ccdash::CcdashClient>(ccdash::loadClientConfig(settings));
    session->m_client->setCache(session->m_cache.get());
    const ccdash::ResolvedBaseUrl url = ccdash::resolveBaseUrl(options.ccdashUrlOverride, options.environment, settings);
    if (url.error.isEmpty())
        session->m_client->setBaseUrl(url.url);
    else
        qCWarning(lcSession).noquote() << "CCDash URL not used:" << url.error;
    session->m_token = std::make_unique<ccdash::TokenSource>();
    connect(session->m_token.get(), &ccdash::TokenSource::loaded, session.get(), [raw = session.get()] {
        raw->m_client->setToken(raw->m_token->token());
    });
    if (options.loadToken)
        session->m_token->load(options.environment);
    session->m_pathMapping = std::make_unique<ccdash::PathMapping>();
    session->m_notifier = std::make_unique<DesktopNotifier>();
    session->m_runChanges = std::make_unique<RunChangeWatcher>(context.database().location());
    // Every project until the window picks one (RunChangeWatcher::setProjectId).
    session->m_runChanges->start(session->m_client->projectId());
    return session;
}

void WorkbenchSession::applySettings(const AppSettings &settings)
{
    m_settings = settings;
    QSettings store;
    settings.save(store);
    QString error;
    if (!settings.ccdashUrl.isEmpty()) {
        const QUrl url = ccdash::normalizeBaseUrl(settings.ccdashUrl, &error);
        if (url.isValid())
            m_client->setBaseUrl(url);
    } else {
        m_client->setBaseUrl(ccdash::ClientConfig::defaultBaseUrl());
    }
}

void WorkbenchSession::storeToken(const QString &token)
{
    m_token->storeInKeychain(token);
    m_client->setToken(token);
}

QString WorkbenchSession::tokenOriginText() const
{
    switch (m_token->origin()) {
    case ccdash::TokenSource::Origin::Environment:
        return QStringLiteral("CCDASH_API_TOKEN");
    case ccdash::TokenSource::Origin::Keychain:
        return tr("system keychain");
    case ccdash::TokenSource::Origin::None:
        break;
    }
    return m_client->hasToken() ? tr("set for this session") : tr("none");
}

policy::PolicyResult WorkbenchSession::checkPolicy(const policy::PolicyRequest &request) const
{
    return m_evaluator(request);
}

policy::PolicyRequest WorkbenchSession::policyRequestFor(const models::ExecutionRun &run) const
{
    const QJsonObject workbench = run.metadata.value(QStringLiteral("workbench")).toObject();
    policy::PolicyRequest request;
    request.command = run.sourceCommand;
    request.workspace = workbench.value(QStringLiteral("workspace")).toString();
    request.cwd = workbench.value(QStringLiteral("requestedCwd")).toString(run.cwd);
    request.envProfile = run.envProfile;
    const QString launcher = workbench.value(QStringLiteral("agentLauncher")).toString();
    if (!launcher.isEmpty())
        request.agentLauncher = launcher;
    return request;
}

bool WorkbenchSession::isRememberable(const policy::PolicyResult &result)
{
    return execution::isRememberable(result);
}

execution::RunRequest WorkbenchSession::runRequest(const QString &command, const QString &workspace, const QString &cwd,
                                                   const QString &envProfile, int timeoutMinutes) const
{
    execution::RunRequest request;
    request.command = command;
    request.workspace = workspace;
    request.cwd = cwd;
    request.envProfile = envProfile;
    request.timeout = std::chrono::minutes(timeoutMinutes);
    request.outputCapBytes = qint64(m_settings.outputCapMiB) * 1024 * 1024;
    request.agentLauncher = m_settings.agentLauncher;
    request.projectId = m_client->projectId();
    request.metadata.insert(QStringLiteral("launchedFrom"), QStringLiteral("execution-workbench"));
    return request;
}

} // namespace workbench::app
