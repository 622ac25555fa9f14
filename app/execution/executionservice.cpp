#include "app/execution/executionservice.h"

#include "app/execution/executionlog.h"
#include "app/runtime/launchplan.h"
#include "app/runtime/processgroup.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <pwd.h>
#include <unistd.h>

namespace workbench::execution {

using models::Approval;
using models::ApprovalDecision;
using models::EventStream;
using models::ExecutionRun;
using models::RunStatus;
using models::RunUpdate;
using models::StoreError;
using models::StoreResult;
namespace EventType = models::EventType;

namespace {

const QString WorkbenchKey = QStringLiteral("workbench");

QJsonObject workbenchMetadata(const ExecutionRun &run)
{
    return run.metadata.value(WorkbenchKey).toObject();
}

QString baseName(const QString &token)
{
    return token.section(QLatin1Char('/'), -1);
}

bool isShell(const QString &program)
{
    static const QStringList shells = {
        QStringLiteral("sh"),  QStringLiteral("bash"), QStringLiteral("zsh"),  QStringLiteral("dash"),
        QStringLiteral("ksh"), QStringLiteral("fish"), QStringLiteral("csh"),  QStringLiteral("tcsh"),
        QStringLiteral("ash"), QStringLiteral("mksh"), QStringLiteral("busybox"),
    };
    return shells.contains(program);
}

bool isInterpreter(const QString &program)
{
    static const QStringList interpreters = {
        QStringLiteral("python"), QStringLiteral("node"),    QStringLiteral("nodejs"), QStringLiteral("perl"),
        QStringLiteral("ruby"),   QStringLiteral("php"),     QStringLiteral("deno"),   QStringLiteral("bun"),
        QStringLiteral("lua"),    QStringLiteral("Rscript"), QStringLiteral("awk"),    QStringLiteral("gawk"),
        QStringLiteral("osascript"), QStringLiteral("pwsh"), QStringLiteral("tclsh"),
    };
    // python3, python3.11, perl5.36 ...
    for (const QString &interpreter : interpreters) {
        if (program == interpreter || (program.startsWith(interpreter) && program.size() > interpreter.size()
                                       && (program.at(interpreter.size()).isDigit() || program.at(interpreter.size()) == QLatin1Char('.'))))
            return true;
    }
    return false;
}

QJsonObject approvalPayload(const Approval &approval, const QJsonObject &extra = {})
{
    QJsonObject payload{{QStringLiteral("approval"), approval.toRowJson()}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        payload.insert(it.key(), it.value());
    return payload;
}

QJsonObject accountingJson(const runtime::StreamAccounting &accounting)
{
    return QJsonObject{{QStringLiteral("receivedBytes"), accounting.receivedBytes},
                       {QStringLiteral("keptBytes"), accounting.keptBytes},
                       {QStringLiteral("droppedBytes"), accounting.droppedBytes}};
}

QString readBootId()
{
    QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("no-boot-id");
    return QString::fromLatin1(file.readAll().trimmed());
}

} // namespace

bool isRememberable(const policy::PolicyResult &result)
{
    if (result.verdict == policy::Verdict::Deny)
        return false;
    for (const QString &code : result.reasonCodes) {
        // Codes of the policy engine for code that is not visible in the command's words.
        if (code.contains(QLatin1String("inline")) || code.contains(QLatin1String("eval"))
            || code.contains(QLatin1String("obfusc")) || code.contains(QLatin1String("fetch"))
            || code.contains(QLatin1String("dynamic")) || code.contains(QLatin1String("shell_wrapper"))
            || code.contains(QLatin1String("nested_shell")) || code.contains(QLatin1String("substitution")))
            return false;
    }
    if (result.commandTokens.isEmpty())
        return false;
    static const QStringList inlineFlags = {
        QStringLiteral("-c"), QStringLiteral("-e"), QStringLiteral("-E"), QStringLiteral("-r"),
        QStringLiteral("--eval"), QStringLiteral("--command"), QStringLiteral("-p"), QStringLiteral("--print"),
    };
    bool interpreterSeen = false;
    for (const QString &token : result.commandTokens) {
        const QString name = baseName(token);
        if (isShell(name) || name == QLatin1String("eval") || name == QLatin1String("source")
            || name == QLatin1String("."))
            return false; // a shell (or shell builtin that runs code) anywhere in the words
        if (isInterpreter(name))
            interpreterSeen = true;
        else if (interpreterSeen && (inlineFlags.contains(token) || token.startsWith(QLatin1String("-c"))
                                     || token.startsWith(QLatin1String("-e"))))
            return false; // python -c '...', node -e '...', perl -e ...
    }
    return true;
}

QString currentActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        if (const passwd *entry = ::getpwuid(::geteuid()))
            user = QString::fromLocal8Bit(entry->pw_name);
    }
    if (user.isEmpty())
        user = QStringLiteral("uid%1").arg(::geteuid());
    return user + QLatin1Char('@') + QSysInfo::machineHostName();
}

QString instanceIdForProcess(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = file.read(4096);
    const qsizetype commandEnd = line.lastIndexOf(')');
    if (commandEnd < 0)
        return {};
    const QList<QByteArray> fields = line.mid(commandEnd + 2).split(' ');
    // Fields after "(comm)" start at stat field 3 (state); starttime is field 22.
    if (fields.size() < 20 || fields.at(0) == "Z")
        return {};
    return readBootId() + QLatin1Char(':') + QString::number(pid) + QLatin1Char(':') + QString::fromLatin1(fields.at(19));
}

struct ExecutionService::ActiveRun
{
    ExecutionRun run;
    RunRequest request;
    std::unique_ptr<runtime::RunSupervisor> supervisor;
    bool cancelRequested = false;
    bool auditFailed = false;
    QString auditError;
    qint64 unrecordedOutputBytes = 0;
};

ExecutionService::ExecutionService(models::Database &database, models::EventWriter &writer, PolicyEvaluator evaluator,
                                   QObject *parent)
    : ExecutionService(database, writer, std::move(evaluator), Options(), parent)
{
}

ExecutionService::ExecutionService(models::Database &database, models::EventWriter &writer, PolicyEvaluator evaluator,
                                   const Options &options, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_writer(writer)
    , m_repository(database)
    , m_approvals(database)
    , m_evaluator(std::move(evaluator))
    , m_options(options)
{
    if (m_options.actor.isEmpty())
        m_options.actor = currentActor();
    if (m_options.host.isEmpty())
        m_options.host = QSysInfo::machineHostName();
    if (m_options.instanceId.isEmpty())
        m_options.instanceId = instanceIdForProcess(QCoreApplication::applicationPid());

    connect(&m_writer, &models::EventWriter::writeFailed, this, &ExecutionService::onWriteFailed);
    connect(&m_writer, &models::EventWriter::committed, this, &ExecutionService::onCommitted);
    connect(&m_writer, &models::EventWriter::runUpdated, this, &ExecutionService::onRunUpdated);
    // A run whose row another client deleted cannot be recorded any more: fail closed for that run.
    connect(&m_writer, &models::EventWriter::deadLettered, this, [this](const QString &runId, const QString &filePath) {
        if (const std::shared_ptr<ActiveRun> active = m_active.value(runId))
            failClosed(*active, tr("the run no longer exists in the store (deleted by another client); its "
                                   "events are kept in %1")
                                    .arg(filePath));
        // Its final state went to the dead-letter file too: nobody may wait for the store to confirm it.
        if (const std::shared_ptr<ActiveRun> finishing = m_finishing.take(runId)) {
            ExecutionRun run = finishing->run;
            run.status = RunStatus::Failed;
            Q_EMIT runFinished(run);
        }
    });
    connect(&m_writer, &models::EventWriter::recovered, this, [] {
        qCInfo(lcExecution) << "the audit store accepts writes again";
    });

    // Pending approvals expire: check at a fraction of the expiry time (at least every minute).
    const auto interval = std::clamp<std::chrono::milliseconds>(m_options.approvalExpiry / 4, std::chrono::milliseconds(20),
                                                                std::chrono::minutes(1));
    m_expiryTimer.setInterval(interval);
    connect(&m_expiryTimer, &QTimer::timeout, this, [this] {
        if (StoreResult<int> expired = expirePendingApprovals(); !expired)
            qCWarning(lcExecution).noquote() << "expiring approvals failed:" << expired.errorMessage();
    });
    m_expiryTimer.start();
}

ExecutionService::~ExecutionService()
{
    m_expiryTimer.stop();
    // The app is going away while runs are active: stop them and say so; nothing is left running.
    const auto active = m_active;
    for (const std::shared_ptr<ActiveRun> &run : active) {
        run->supervisor->disconnect(this);
        run->supervisor.reset(); // kills the process group
        appendQueued(*run, EventStream::System, QString(EventType::Error),
                     tr("Run interrupted: the app was closed while the run was active."),
                     QJsonObject{{QStringLiteral("reason"), QStringLiteral("interrupted")}});
        RunUpdate update;
        update.status = RunStatus::Failed;
        update.endedAt = models::isoTimestampNow();
        update.exitCode = std::optional<int>();
        update.onlyFromStatuses = {RunStatus::Queued, RunStatus::Running};
        m_writer.updateRun(run->run.id, update);
        m_writer.clearRunOwner(run->run.id);
    }
    m_active.clear();
}

policy::PolicyRequest ExecutionService::policyRequestFor(const RunRequest &request) const
{
    policy::PolicyRequest policyRequest;
    policyRequest.command = request.command;
    policyRequest.workspace = request.workspace;
    policyRequest.cwd = request.cwd.isEmpty() ? QStringLiteral(".") : request.cwd;
    policyRequest.envProfile = request.envProfile;
    if (!request.agentLauncher.isEmpty())
        policyRequest.agentLauncher = request.agentLauncher;
    return policyRequest;
}

RunRequest ExecutionService::requestFromRun(const ExecutionRun &run) const
{
    const QJsonObject workbench = workbenchMetadata(run);
    RunRequest request;
    request.command = run.sourceCommand;
    request.workspace = workbench.value(QStringLiteral("workspace")).toString(run.cwd);
    request.cwd = workbench.value(QStringLiteral("requestedCwd")).toString(run.cwd);
    request.envProfile = run.envProfile;
    request.projectId = run.projectId;
    request.featureId = run.featureId;
    request.ruleId = run.recommendationRuleId;
    if (workbench.contains(QStringLiteral("timeoutMs")))
        request.timeout = std::chrono::milliseconds(workbench.value(QStringLiteral("timeoutMs")).toInteger());
    if (workbench.contains(QStringLiteral("outputCapBytes")))
        request.outputCapBytes = workbench.value(QStringLiteral("outputCapBytes")).toInteger();
    request.agentLauncher = workbench.value(QStringLiteral("agentLauncher")).toString();
    request.metadata = run.metadata;
    request.metadata.remove(WorkbenchKey);
    request.retryOfRunId = run.retryOfRunId;
    return request;
}

StoreResult<void> ExecutionService::appendNow(const QString &runId, EventStream stream, const QString &type,
                                              const QString &text, const QJsonObject &payload)
{
    models::RunEvent event;
    event.runId = runId;
    event.stream = stream;
    event.eventType = type;
    event.payloadText = text;
    event.payload = payload;
    StoreResult<QList<models::RunEvent>> stored = m_repository.appendRunEvents({event});
    if (!stored)
        return stored.error();
    Q_EMIT eventsCommitted(runId, stored->constLast().sequenceNo);
    return {};
}

void ExecutionService::appendQueued(ActiveRun &active, EventStream stream, const QString &type, const QString &text,
                                    const QJsonObject &payload, const QDateTime &time)
{
    models::RunEvent event;
    event.runId = active.run.id;
    event.stream = stream;
    event.eventType = type;
    event.payloadText = text;
    event.payload = payload;
    event.occurredAt = time.isValid() ? models::isoTimestamp(time) : models::isoTimestampNow();
    m_writer.append(event);
}

StoreResult<ExecutionRun> ExecutionService::createRun(const RunRequest &request)
{
    if (request.workspace.trimmed().isEmpty())
        return StoreError{StoreError::Kind::InvalidArgument, tr("A run needs a workspace directory.")};
    const policy::PolicyResult result = m_evaluator(policyRequestFor(request));

    const qint64 timeoutMs = request.timeout.value_or(m_options.defaultTimeout).count();
    const qint64 outputCap = request.outputCapBytes.value_or(m_options.defaultOutputCapBytes);
    QJsonObject workbench{
        {QStringLiteral("workspace"), request.workspace},
        {QStringLiteral("requestedCwd"), request.cwd},
        {QStringLiteral("fingerprint"), result.fingerprint},
        {QStringLiteral("policyVersion"), result.policyVersion},
        {QStringLiteral("timeoutMs"), timeoutMs},
        {QStringLiteral("outputCapBytes"), outputCap},
        {QStringLiteral("isAgentCommand"), result.isAgentCommand},
        {QStringLiteral("host"), m_options.host},
    };
    if (!request.agentLauncher.isEmpty())
        workbench.insert(QStringLiteral("agentLauncher"), request.agentLauncher);

    ExecutionRun run;
    run.id = models::newRunId();
    run.projectId = request.projectId;
    run.featureId = request.featureId;
    run.sourceCommand = request.command;
    run.normalizedCommand = result.normalizedCommand;
    run.cwd = result.resolvedCwd.isEmpty() ? request.cwd : result.resolvedCwd;
    run.envProfile = request.envProfile.isEmpty() ? QStringLiteral("default") : request.envProfile;
    run.recommendationRuleId = request.ruleId;
    run.riskLevel = policy::toString(result.riskLevel);
    run.policyVerdict = policy::toString(result.verdict);
    run.requiresApproval = result.verdict == policy::Verdict::RequiresApproval;
    run.status = result.verdict == policy::Verdict::Allow ? RunStatus::Queued : RunStatus::Blocked;
    run.retryOfRunId = request.retryOfRunId;
    run.metadata = request.metadata;
    if (!request.retryOfRunId.isEmpty())
        run.metadata.insert(QStringLiteral("retryOfRunId"), request.retryOfRunId);
    if (result.verdict == policy::Verdict::RequiresApproval) {
        const QDateTime expires = QDateTime::currentDateTimeUtc().addMSecs(m_options.approvalExpiry.count());
        workbench.insert(QStringLiteral("approvalExpiresAt"), models::isoTimestamp(expires));
    }
    run.metadata.insert(WorkbenchKey, workbench);

    StoreResult<ExecutionRun> created = m_repository.createRun(run);
    if (!created)
        return created.error();
    run = *created;

    QJsonArray reasons;
    for (const policy::PolicyReason &reason : result.reasons) {
        reasons.append(QJsonObject{{QStringLiteral("code"), reason.code},
                                   {QStringLiteral("message"), reason.message},
                                   {QStringLiteral("offset"), reason.span.offset},
                                   {QStringLiteral("length"), reason.span.length}});
    }
    const QJsonObject policyPayload{
        {QStringLiteral("verdict"), run.policyVerdict},
        {QStringLiteral("riskLevel"), run.riskLevel},
        {QStringLiteral("requiresApproval"), run.requiresApproval},
        {QStringLiteral("reasonCodes"), QJsonArray::fromStringList(result.reasonCodes)},
        {QStringLiteral("reasons"), reasons},
        {QStringLiteral("policyVersion"), result.policyVersion},
        {QStringLiteral("fingerprint"), result.fingerprint},
    };
    if (StoreResult<void> stored = appendNow(run.id, EventStream::System, QString(EventType::Policy),
                                             tr("Policy verdict: %1").arg(run.policyVerdict), policyPayload);
        !stored)
        return stored.error();

    switch (result.verdict) {
    case policy::Verdict::Deny: {
        if (StoreResult<void> stored = appendNow(run.id, EventStream::System, QString(EventType::Status),
                                                 tr("Run blocked by policy."),
                                                 QJsonObject{{QStringLiteral("status"), QStringLiteral("blocked")}});
            !stored)
            return stored.error();
        qCInfo(lcExecution) << "run" << run.id << "blocked by policy:" << result.reasonCodes;
        Q_EMIT runChanged(run);
        return run;
    }
    case policy::Verdict::RequiresApproval: {
        Approval approval;
        approval.runId = run.id;
        approval.decision = ApprovalDecision::Pending;
        approval.requestedBy = m_options.actor;
        StoreResult<Approval> pending = m_repository.createApproval(approval);
        if (!pending)
            return pending.error();
        if (StoreResult<void> stored = appendNow(
                run.id, EventStream::System, QString(EventType::Approval), tr("Approval required before run can start."),
                approvalPayload(*pending, {{QStringLiteral("expiresAt"), workbench.value(QStringLiteral("approvalExpiresAt"))}}));
            !stored)
            return stored.error();
        if (isRememberable(result)) {
            if (std::optional<models::RememberedApproval> remembered = matchingRememberedApproval(request, result)) {
                qCInfo(lcExecution) << "run" << run.id << "approved by remembered approval" << remembered->id;
                return approveAndStart(run, *pending,
                                       tr("Remembered approval #%1 by %2.").arg(remembered->id).arg(remembered->createdBy),
                                       m_options.actor, result, request,
                                       QJsonObject{{QStringLiteral("rememberedApproval"), remembered->toJson()}});
            }
        }
        Q_EMIT runChanged(run);
        return run;
    }
    case policy::Verdict::Allow:
        break;
    }
    return startRun(run, result, request);
}

std::optional<models::RememberedApproval> ExecutionService::matchingRememberedApproval(const RunRequest &request,
                                                                                     const policy::PolicyResult &result)
{
    StoreResult<std::optional<models::RememberedApproval>> found =
        m_approvals.findActive(request.workspace, result.normalizedCommand, request.envProfile, models::isoTimestampNow());
    if (!found) {
        qCWarning(lcExecution).noquote() << "looking up remembered approvals failed:" << found.errorMessage();
        return std::nullopt;
    }
    return *found;
}

StoreResult<ExecutionRun> ExecutionService::approveAndStart(ExecutionRun run, Approval pending, const QString &reason,
                                                            const QString &actor, const policy::PolicyResult &result,
                                                            const RunRequest &request, const QJsonObject &extra)
{
    StoreResult<Approval> resolved = m_repository.resolveApproval(pending.id, ApprovalDecision::Approved, reason, actor);
    if (!resolved)
        return resolved.error();
    if (StoreResult<void> stored = appendNow(run.id, EventStream::System, QString(EventType::Approval), tr("Run approved."),
                                             approvalPayload(*resolved, extra));
        !stored)
        return stored.error();
    RunUpdate update;
    update.status = RunStatus::Queued;
    update.approvedBy = actor;
    update.approvedAt = resolved->resolvedAt;
    update.onlyFromStatuses = {RunStatus::Blocked};
    StoreResult<ExecutionRun> queued = m_repository.updateRunStatus(run.id, update);
    if (!queued)
        return queued.error();
    return startRun(*queued, result, request);
}

StoreResult<ExecutionRun> ExecutionService::startRun(ExecutionRun run, const policy::PolicyResult &result,
                                                     const RunRequest &request)
{
    if (m_writer.isFailing()) {
        // Fail closed: a run whose events cannot be stored does not start.
        const QString message = tr("Run not started: the audit store is failing (%1).").arg(m_writer.lastError());
        (void)appendNow(run.id, EventStream::System, QString(EventType::Error), message,
                        QJsonObject{{QStringLiteral("reason"), QStringLiteral("audit_failure")}});
        RunUpdate update;
        update.status = RunStatus::Failed;
        update.endedAt = models::isoTimestampNow();
        (void)m_repository.updateRunStatus(run.id, update);
        return StoreError{StoreError::Kind::Unavailable, message};
    }

    // Ownership first and synchronously: if this process dies from here on, startup recovery finds the run.
    models::RunOwner owner;
    owner.runId = run.id;
    owner.host = m_options.host;
    owner.pid = QCoreApplication::applicationPid();
    owner.instanceId = m_options.instanceId;
    owner.startedAt = models::isoTimestampNow();
    if (StoreResult<void> owned = m_repository.setRunOwner(owner); !owned)
        return owned.error();

    const QString shellCommand = result.isAgentCommand ? result.normalizedCommand : request.command;
    runtime::LaunchSpec spec = runtime::launchSpecFor(result, shellCommand, request.envProfile, request.workspace);
    if (spec.workingDirectory.isEmpty())
        spec.workingDirectory = run.cwd;
    spec.timeout = request.timeout.value_or(m_options.defaultTimeout);
    spec.outputCapBytes = request.outputCapBytes.value_or(m_options.defaultOutputCapBytes);
    spec.killGrace = m_options.killGrace;
    spec.maxChunkBytes = m_options.maxChunkBytes;

    auto active = std::make_shared<ActiveRun>();
    active->request = request;
    active->supervisor = std::make_unique<runtime::RunSupervisor>();
    runtime::RunSupervisor *supervisor = active->supervisor.get();
    const QString runId = run.id;
    connect(supervisor, &runtime::RunSupervisor::output, this,
            [this, runId](const runtime::OutputChunk &chunk) { onOutput(runId, chunk); });
    connect(supervisor, &runtime::RunSupervisor::notice, this,
            [this, runId](const runtime::RuntimeNotice &notice) { onNotice(runId, notice); });
    connect(supervisor, &runtime::RunSupervisor::finished, this,
            [this, runId](const runtime::RunOutcome &outcome) { onFinished(runId, outcome); });

    const QString startedAt = models::isoTimestampNow();
    run.status = RunStatus::Running;
    run.startedAt = startedAt;
    active->run = run;
    m_active.insert(runId, active);

    RunUpdate update;
    update.status = RunStatus::Running;
    update.startedAt = startedAt;
    update.onlyFromStatuses = {RunStatus::Queued};
    m_writer.updateRun(runId, update);
    appendQueued(*active, EventStream::System, QString(EventType::Status), tr("Run started."),
                 QJsonObject{{QStringLiteral("status"), QStringLiteral("running")}});

    supervisor->start(spec);
    if (supervisor->processGroupId() > 0) {
        owner.processGroup = supervisor->processGroupId();
        m_writer.setRunOwner(owner);
        QJsonObject metadata = run.metadata;
        QJsonObject workbench = metadata.value(WorkbenchKey).toObject();
        workbench.insert(QStringLiteral("pid"), supervisor->processId());
        workbench.insert(QStringLiteral("launch"), QJsonArray::fromStringList(QStringList{spec.program} + spec.arguments));
        metadata.insert(WorkbenchKey, workbench);
        active->run.metadata = metadata;
    }
    if (m_readingPaused)
        supervisor->pauseReading();
    qCInfo(lcExecution) << "run" << runId << "started:" << spec.program << spec.arguments;
    Q_EMIT runChanged(active->run);
    return active->run;
}

void ExecutionService::onOutput(const QString &runId, const runtime::OutputChunk &chunk)
{
    const std::shared_ptr<ActiveRun> active = m_active.value(runId);
    if (!active)
        return;
    Q_EMIT output(runId, chunk);
    if (active->auditFailed) {
        active->unrecordedOutputBytes += chunk.bytes.size();
        return;
    }
    QJsonObject payload;
    if (!chunk.validUtf8) // payload_text has U+FFFD; the exact bytes are kept for export
        payload.insert(QStringLiteral("bytesBase64"), QString::fromLatin1(chunk.bytes.toBase64()));
    if (chunk.fromTail)
        payload.insert(QStringLiteral("tail"), true);
    appendQueued(*active, chunk.stream == runtime::OutputStream::Stdout ? EventStream::Stdout : EventStream::Stderr,
                 QString(EventType::Output), chunk.text, payload, chunk.time);
    updateBackPressure();
}

void ExecutionService::onNotice(const QString &runId, const runtime::RuntimeNotice &notice)
{
    const std::shared_ptr<ActiveRun> active = m_active.value(runId);
    if (!active)
        return;
    appendQueued(*active, EventStream::System, QString(EventType::Status), notice.text, notice.payload, notice.time);
}

void ExecutionService::onFinished(const QString &runId, const runtime::RunOutcome &outcome)
{
    const std::shared_ptr<ActiveRun> active = m_active.take(runId);
    if (!active)
        return;
    ExecutionRun &run = active->run;
    RunUpdate update;
    update.endedAt = models::isoTimestamp(outcome.endedAt);
    update.onlyFromStatuses = {RunStatus::Queued, RunStatus::Running};

    QJsonObject result{{QStringLiteral("stdout"), accountingJson(outcome.stdoutBytes)},
                       {QStringLiteral("stderr"), accountingJson(outcome.stderrBytes)}};
    if (outcome.kind == runtime::RunOutcome::Kind::LaunchFailed) {
        appendQueued(*active, EventStream::System, QString(EventType::Error),
                     tr("Failed to launch process: %1").arg(outcome.errorMessage),
                     QJsonObject{{QStringLiteral("error"), outcome.errorMessage}});
        update.status = RunStatus::Failed;
        update.exitCode = std::optional<int>();
        result.insert(QStringLiteral("launchError"), outcome.errorMessage);
    } else {
        RunStatus status = RunStatus::Failed;
        if (active->auditFailed)
            status = RunStatus::Failed;
        else if (outcome.canceled)
            status = RunStatus::Canceled;
        else if (outcome.succeeded())
            status = RunStatus::Succeeded;
        QJsonObject payload{{QStringLiteral("status"), models::toString(status)},
                            {QStringLiteral("exitCode"), outcome.exitCode}};
        if (outcome.kind == runtime::RunOutcome::Kind::Signaled)
            payload.insert(QStringLiteral("signal"), outcome.signal);
        if (outcome.timedOut && !outcome.canceled)
            payload.insert(QStringLiteral("reason"), QStringLiteral("timeout"));
        if (active->auditFailed) {
            payload.insert(QStringLiteral("reason"), QStringLiteral("audit_failure"));
            appendQueued(*active, EventStream::System, QString(EventType::Error),
                         tr("Run stopped: its events could not be stored (%1).").arg(active->auditError),
                         QJsonObject{{QStringLiteral("reason"), QStringLiteral("audit_failure")},
                                     {QStringLiteral("error"), active->auditError},
                                     {QStringLiteral("unrecordedOutputBytes"), active->unrecordedOutputBytes}});
            result.insert(QStringLiteral("auditFailure"), active->auditError);
            result.insert(QStringLiteral("unrecordedOutputBytes"), active->unrecordedOutputBytes);
        }
        const QString text = status == RunStatus::Succeeded ? tr("Run succeeded.")
                             : status == RunStatus::Canceled ? tr("Run canceled.")
                                                             : tr("Run failed.");
        appendQueued(*active, EventStream::System, QString(EventType::Status), text, payload);
        update.status = status;
        update.exitCode = std::optional<int>(outcome.exitCode);
        if (outcome.kind == runtime::RunOutcome::Kind::Signaled)
            result.insert(QStringLiteral("signal"), outcome.signal);
        result.insert(QStringLiteral("timedOut"), outcome.timedOut);
        result.insert(QStringLiteral("canceled"), outcome.canceled);
        if (!outcome.cancelReason.isEmpty())
            result.insert(QStringLiteral("cancelReason"), outcome.cancelReason);
    }
    QJsonObject workbench = run.metadata.value(WorkbenchKey).toObject();
    workbench.insert(QStringLiteral("outcome"), result);
    run.metadata.insert(WorkbenchKey, workbench);
    update.metadata = run.metadata;
    m_writer.updateRun(runId, update);
    m_writer.clearRunOwner(runId);
    m_finishing.insert(runId, active);
    // Finished is emitted from inside the supervisor: delete it once we are out of its signal.
    active->supervisor.release()->deleteLater();
    qCInfo(lcExecution) << "run" << runId << "finished; exit" << outcome.exitCode << "canceled" << outcome.canceled;
    updateBackPressure();
    Q_EMIT runStopped(runId);
}

void ExecutionService::onRunUpdated(const ExecutionRun &run)
{
    updateBackPressure();
    if (m_finishing.contains(run.id) && models::isFinished(run.status)) {
        m_finishing.remove(run.id);
        Q_EMIT runFinished(run);
        return;
    }
    Q_EMIT runChanged(run);
}

void ExecutionService::onCommitted(const QString &runId, qint64 sequence)
{
    Q_EMIT eventsCommitted(runId, sequence);
    updateBackPressure();
}

void ExecutionService::updateBackPressure()
{
    const qint64 pending = m_writer.pendingBytes();
    if (!m_readingPaused && pending > m_options.backPressureHighBytes && !m_writer.isFailing()) {
        m_readingPaused = true;
        for (const std::shared_ptr<ActiveRun> &active : std::as_const(m_active)) {
            if (!active->auditFailed)
                active->supervisor->pauseReading();
        }
    } else if (m_readingPaused && (pending < m_options.backPressureLowBytes || m_writer.isFailing())) {
        m_readingPaused = false;
        for (const std::shared_ptr<ActiveRun> &active : std::as_const(m_active))
            active->supervisor->resumeReading();
    }
}

void ExecutionService::onWriteFailed(const QString &message)
{
    // Fail closed: no run keeps going unrecorded. Its remaining output is counted, not kept,
    // and its final state is written as soon as the store accepts writes again.
    const auto active = m_active;
    for (const std::shared_ptr<ActiveRun> &run : active)
        failClosed(*run, message);
    m_readingPaused = false;
}

void ExecutionService::failClosed(ActiveRun &run, const QString &message)
{
    if (run.auditFailed)
        return;
    run.auditFailed = true;
    run.auditError = message;
    qCCritical(lcExecution).noquote() << "run" << run.run.id << "stopped: events cannot be stored:" << message;
    Q_EMIT auditFailure(run.run.id, message);
    run.supervisor->resumeReading();
    run.supervisor->cancel(tr("audit failure: %1").arg(message));
}

StoreResult<ExecutionRun> ExecutionService::resolveAsDenied(const ExecutionRun &run, const Approval &pending,
                                                            const QString &reason, const QString &actor)
{
    StoreResult<Approval> resolved = m_repository.resolveApproval(pending.id, ApprovalDecision::Denied, reason, actor);
    if (!resolved)
        return resolved.error();
    if (StoreResult<void> stored = appendNow(run.id, EventStream::System, QString(EventType::Approval),
                                             tr("Run approval denied."), approvalPayload(*resolved));
        !stored)
        return stored.error();
    return m_repository.getRun(run.id);
}

StoreResult<ExecutionRun> ExecutionService::approve(const QString &runId, const QString &reason, bool remember)
{
    StoreResult<ExecutionRun> run = m_repository.getRun(runId);
    if (!run)
        return run.error();
    if (!run->requiresApproval)
        return StoreError{StoreError::Kind::InvalidArgument, tr("Run does not require approval")};
    StoreResult<std::optional<Approval>> pending = m_repository.pendingApproval(runId);
    if (!pending)
        return pending.error();
    if (!pending->has_value() || run->status != RunStatus::Blocked)
        return StoreError{StoreError::Kind::Conflict, tr("No pending approval for this run")};
    const Approval approval = **pending;

    const QDateTime requested = models::parseIsoTimestamp(approval.requestedAt);
    if (requested.isValid() && requested.addMSecs(m_options.approvalExpiry.count()) <= QDateTime::currentDateTimeUtc()) {
        StoreResult<ExecutionRun> expired = resolveAsDenied(*run, approval, QStringLiteral("expired"), QStringLiteral("system"));
        if (!expired)
            return expired.error();
        return StoreError{StoreError::Kind::Conflict,
                          tr("The approval request of run %1 expired; retry the run to ask again.").arg(runId)};
    }

    const RunRequest request = requestFromRun(*run);
    const policy::PolicyResult result = m_evaluator(policyRequestFor(request));
    const QString actor = m_options.actor;

    if (result.verdict == policy::Verdict::Deny) {
        // As CCDash: the human approved, but the policy now refuses; the run stays blocked.
        StoreResult<Approval> resolved = m_repository.resolveApproval(approval.id, ApprovalDecision::Approved, reason, actor);
        if (!resolved)
            return resolved.error();
        if (StoreResult<void> stored = appendNow(runId, EventStream::System, QString(EventType::Policy),
                                                 tr("Approval accepted, but policy now denies execution."),
                                                 QJsonObject{{QStringLiteral("reasonCodes"),
                                                              QJsonArray::fromStringList(result.reasonCodes)}});
            !stored)
            return stored.error();
        RunUpdate update;
        update.policyVerdict = policy::toString(result.verdict);
        update.riskLevel = policy::toString(result.riskLevel);
        StoreResult<ExecutionRun> updated = m_repository.updateRunStatus(runId, update);
        if (updated)
            Q_EMIT runChanged(*updated);
        return updated;
    }

    const QString approvedFingerprint = workbenchMetadata(*run).value(QStringLiteral("fingerprint")).toString();
    if (result.fingerprint != approvedFingerprint) {
        // What would run now is not what the approval was asked for (cwd re-pointed, rules changed...).
        StoreResult<Approval> resolved = m_repository.resolveApproval(
            approval.id, ApprovalDecision::Denied, tr("The policy result changed since approval was requested."), actor);
        if (!resolved)
            return resolved.error();
        const QJsonObject payload = approvalPayload(*resolved, {{QStringLiteral("reason"), QStringLiteral("fingerprint_mismatch")},
                                                               {QStringLiteral("approvedFingerprint"), approvedFingerprint},
                                                               {QStringLiteral("currentFingerprint"), result.fingerprint},
                                                               {QStringLiteral("reasonCodes"), QJsonArray::fromStringList(result.reasonCodes)}});
        if (StoreResult<void> stored = appendNow(runId, EventStream::System, QString(EventType::Policy),
                                                 tr("Approval not applied: the command's policy result changed since "
                                                    "approval was requested."),
                                                 payload);
            !stored)
            return stored.error();
        return StoreError{StoreError::Kind::Conflict,
                          tr("The policy result of run %1 changed since approval was requested; it was not started. "
                             "Retry the run to review it again.").arg(runId)};
    }

    StoreResult<ExecutionRun> started = approveAndStart(*run, approval, reason, actor, result, request, {});
    if (started && remember && isRememberable(result)) {
        models::RememberedApproval remembered;
        remembered.workspace = request.workspace;
        remembered.normalizedCommand = result.normalizedCommand;
        remembered.envProfile = request.envProfile;
        remembered.policyVersion = result.policyVersion;
        remembered.reason = reason;
        remembered.createdBy = actor;
        remembered.sourceRunId = runId;
        remembered.expiresAt = models::isoTimestamp(QDateTime::currentDateTimeUtc().addMSecs(m_options.rememberFor.count()));
        if (StoreResult<models::RememberedApproval> stored = m_approvals.remember(remembered); !stored)
            qCWarning(lcExecution).noquote() << "remembering the approval failed:" << stored.errorMessage();
    }
    return started;
}

StoreResult<ExecutionRun> ExecutionService::deny(const QString &runId, const QString &reason)
{
    StoreResult<ExecutionRun> run = m_repository.getRun(runId);
    if (!run)
        return run.error();
    if (!run->requiresApproval)
        return StoreError{StoreError::Kind::InvalidArgument, tr("Run does not require approval")};
    StoreResult<std::optional<Approval>> pending = m_repository.pendingApproval(runId);
    if (!pending)
        return pending.error();
    if (!pending->has_value())
        return StoreError{StoreError::Kind::Conflict, tr("No pending approval for this run")};
    StoreResult<ExecutionRun> denied = resolveAsDenied(*run, **pending, reason, m_options.actor);
    if (denied)
        Q_EMIT runChanged(*denied);
    return denied;
}

StoreResult<ExecutionRun> ExecutionService::cancel(const QString &runId, const QString &reason)
{
    if (const std::shared_ptr<ActiveRun> active = m_active.value(runId)) {
        if (!active->cancelRequested) {
            active->cancelRequested = true;
            appendQueued(*active, EventStream::System, QString(EventType::Status), tr("Cancel requested."),
                         QJsonObject{{QStringLiteral("status"), QStringLiteral("cancel_requested")},
                                     {QStringLiteral("reason"), reason}});
            active->supervisor->cancel(reason);
        }
        return active->run;
    }
    StoreResult<ExecutionRun> run = m_repository.getRun(runId);
    if (!run)
        return run.error();
    if (run->status == RunStatus::Queued || run->status == RunStatus::Running) {
        return StoreError{StoreError::Kind::Conflict,
                          tr("Run %1 is being run by another app instance; cancel it there.").arg(runId)};
    }
    if (run->status != RunStatus::Blocked)
        return run; // finished runs are returned unchanged, as CCDash does
    StoreResult<std::optional<Approval>> pending = m_repository.pendingApproval(runId);
    if (!pending)
        return pending.error();
    if (!pending->has_value())
        return run; // blocked by policy or by a denied approval: nothing to cancel
    // Waiting for approval: the approval is resolved (denied, "canceled") and the run ends canceled.
    StoreResult<ExecutionRun> denied = resolveAsDenied(*run, **pending, QStringLiteral("canceled"), m_options.actor);
    if (!denied)
        return denied.error();
    if (StoreResult<void> stored = appendNow(runId, EventStream::System, QString(EventType::Status), tr("Cancel requested."),
                                             QJsonObject{{QStringLiteral("status"), QStringLiteral("cancel_requested")},
                                                         {QStringLiteral("reason"), reason}});
        !stored)
        return stored.error();
    if (StoreResult<void> stored = appendNow(runId, EventStream::System, QString(EventType::Status), tr("Run canceled."),
                                             QJsonObject{{QStringLiteral("status"), QStringLiteral("canceled")},
                                                         {QStringLiteral("exitCode"), QJsonValue::Null}});
        !stored)
        return stored.error();
    RunUpdate update;
    update.status = RunStatus::Canceled;
    update.endedAt = models::isoTimestampNow();
    update.onlyFromStatuses = {RunStatus::Blocked};
    StoreResult<ExecutionRun> canceled = m_repository.updateRunStatus(runId, update);
    if (canceled)
        Q_EMIT runChanged(*canceled);
    return canceled;
}

StoreResult<ExecutionRun> ExecutionService::retry(const QString &runId, bool acknowledgeFailure, const QJsonObject &metadata)
{
    StoreResult<ExecutionRun> run = m_repository.getRun(runId);
    if (!run)
        return run.error();
    if (run->status != RunStatus::Failed && run->status != RunStatus::Canceled && run->status != RunStatus::Blocked)
        return StoreError{StoreError::Kind::InvalidArgument,
                          tr("Run with status '%1' cannot be retried").arg(models::toString(run->status))};
    if (run->status == RunStatus::Failed && !acknowledgeFailure)
        return StoreError{StoreError::Kind::InvalidArgument, tr("Retry requires acknowledgeFailure=true for failed runs")};
    RunRequest request = requestFromRun(*run);
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        request.metadata.insert(it.key(), it.value());
    request.metadata.remove(QStringLiteral("retryOfRunId"));
    request.retryOfRunId = run->id;
    return createRun(request); // the whole policy again
}

StoreResult<int> ExecutionService::expirePendingApprovals()
{
    StoreResult<QList<Approval>> pending = m_approvals.listPending();
    if (!pending)
        return pending.error();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int expired = 0;
    for (const Approval &approval : std::as_const(*pending)) {
        const QDateTime requested = models::parseIsoTimestamp(approval.requestedAt);
        if (!requested.isValid() || requested.addMSecs(m_options.approvalExpiry.count()) > now)
            continue;
        StoreResult<ExecutionRun> run = m_repository.getRun(approval.runId);
        if (!run)
            continue;
        StoreResult<ExecutionRun> denied = resolveAsDenied(*run, approval, QStringLiteral("expired"), QStringLiteral("system"));
        if (!denied) {
            if (denied.error().kind == StoreError::Kind::Conflict)
                continue; // resolved meanwhile by someone else
            return denied.error();
        }
        ++expired;
        qCInfo(lcExecution) << "approval" << approval.id << "of run" << approval.runId << "expired";
        Q_EMIT runChanged(*denied);
    }
    return expired;
}

StoreResult<QList<models::RememberedApproval>> ExecutionService::rememberedApprovals(const QString &workspace)
{
    return m_approvals.listRemembered(workspace);
}

StoreResult<void> ExecutionService::revokeRememberedApproval(qint64 id)
{
    return m_approvals.revoke(id, m_options.actor);
}

StoreResult<RecoveryReport> ExecutionService::recoverInterruptedRuns()
{
    StoreResult<QList<models::OwnedRun>> owned = m_repository.runsOwnedByHost(m_options.host);
    if (!owned)
        return owned.error();
    RecoveryReport report;
    for (const models::OwnedRun &entry : std::as_const(*owned)) {
        const models::RunOwner &owner = entry.owner;
        if (m_active.contains(owner.runId)) {
            report.leftAloneRunIds << owner.runId;
            continue;
        }
        const QString liveInstance = instanceIdForProcess(owner.pid);
        if (!liveInstance.isEmpty() && liveInstance == owner.instanceId) {
            report.leftAloneRunIds << owner.runId; // its app is still running it
            continue;
        }
        // The owning instance is gone. Its process group must not outlive it, but the recorded number is
        // only that group while it can be: not after a reboot, and not once processes older than the owner
        // instance carry it (the group died and its number went to someone else, or the row is wrong).
        QList<qint64> killed;
        QString notKilledBecause;
        if (owner.processGroup && *owner.processGroup > 0) {
            const QStringList identity = owner.instanceId.split(QLatin1Char(':'));
            const QList<qint64> members = runtime::liveProcessGroupMembers(*owner.processGroup);
            const qint64 ownerStart = identity.size() == 3 ? identity.at(2).toLongLong() : -1;
            if (identity.size() != 3 || identity.at(0) != readBootId()) {
                if (!members.isEmpty())
                    notKilledBecause = QStringLiteral("earlier_boot");
            } else if (std::any_of(members.cbegin(), members.cend(), [ownerStart](qint64 pid) {
                           const qint64 started = runtime::processStartTime(pid); // -1: exited meanwhile
                           return started >= 0 && started < ownerStart;
                       })) {
                notKilledBecause = QStringLiteral("group_reused");
            } else {
                killed = members;
            }
            if (!notKilledBecause.isEmpty())
                qCWarning(lcExecution).noquote() << "not killing process group" << *owner.processGroup << "of run"
                                                 << owner.runId << "(" << notKilledBecause << ")";
            if (!killed.isEmpty()) {
                runtime::signalProcessGroup(*owner.processGroup, SIGKILL);
                QDeadlineTimer deadline(2000);
                while (runtime::processGroupHasLiveMembers(*owner.processGroup) && !deadline.hasExpired())
                    QThread::msleep(10);
            }
        }
        report.killedProcesses += killed;
        QJsonArray killedJson;
        for (qint64 pid : std::as_const(killed))
            killedJson.append(pid);
        const QString message = liveInstance.isEmpty()
            ? tr("Run interrupted: the app instance that ran it (pid %1 on %2) is gone.").arg(owner.pid).arg(owner.host)
            : tr("Run interrupted: the app instance that ran it (pid %1 on %2) is gone; the pid now belongs to another process.")
                  .arg(owner.pid).arg(owner.host);
        QJsonObject payload{{QStringLiteral("reason"), QStringLiteral("interrupted")},
                            {QStringLiteral("ownerPid"), owner.pid},
                            {QStringLiteral("instanceId"), owner.instanceId},
                            {QStringLiteral("processGroup"), owner.processGroup ? QJsonValue(*owner.processGroup) : QJsonValue()},
                            {QStringLiteral("killedProcesses"), killedJson}};
        if (!notKilledBecause.isEmpty())
            payload.insert(QStringLiteral("processGroupLeftAlone"), notKilledBecause);
        if (StoreResult<void> stored = appendNow(owner.runId, EventStream::System, QString(EventType::Error), message, payload);
            !stored)
            return stored.error();
        QJsonObject metadata = entry.run.metadata;
        QJsonObject workbench = metadata.value(WorkbenchKey).toObject();
        workbench.insert(QStringLiteral("interrupted"), true);
        metadata.insert(WorkbenchKey, workbench);
        RunUpdate update;
        update.status = RunStatus::Failed;
        update.endedAt = models::isoTimestampNow();
        update.exitCode = std::optional<int>();
        update.metadata = metadata;
        update.onlyFromStatuses = {RunStatus::Queued, RunStatus::Running};
        StoreResult<ExecutionRun> failed = m_repository.updateRunStatus(owner.runId, update);
        if (!failed && failed.error().kind != StoreError::Kind::Conflict)
            return failed.error();
        if (StoreResult<void> cleared = m_repository.clearRunOwner(owner.runId); !cleared)
            return cleared.error();
        report.interruptedRunIds << owner.runId;
        qCWarning(lcExecution).noquote() << "recovered interrupted run" << owner.runId << "of pid" << owner.pid;
        if (failed)
            Q_EMIT runChanged(*failed);
    }
    return report;
}

} // namespace workbench::execution
