#include "models/executiontypes.h"

#include <QStringDecoder>

#include <QJsonValue>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUuid>
#include <array>
#include <chrono>

namespace workbench::models {

namespace {

template<typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, QLatin1StringView>, N> &table, QStringView text)
{
    for (const auto &[value, name] : table) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t N>
QString name(const std::array<std::pair<Enum, QLatin1StringView>, N> &table, Enum value)
{
    for (const auto &[candidate, text] : table) {
        if (candidate == value)
            return QString(text);
    }
    return {};
}

constexpr std::array<std::pair<RunStatus, QLatin1StringView>, 6> runStatusNames{{
    {RunStatus::Queued, QLatin1StringView("queued")},
    {RunStatus::Running, QLatin1StringView("running")},
    {RunStatus::Succeeded, QLatin1StringView("succeeded")},
    {RunStatus::Failed, QLatin1StringView("failed")},
    {RunStatus::Canceled, QLatin1StringView("canceled")},
    {RunStatus::Blocked, QLatin1StringView("blocked")},
}};

constexpr std::array<std::pair<EventStream, QLatin1StringView>, 3> streamNames{{
    {EventStream::Stdout, QLatin1StringView("stdout")},
    {EventStream::Stderr, QLatin1StringView("stderr")},
    {EventStream::System, QLatin1StringView("system")},
}};

constexpr std::array<std::pair<ApprovalDecision, QLatin1StringView>, 3> decisionNames{{
    {ApprovalDecision::Pending, QLatin1StringView("pending")},
    {ApprovalDecision::Approved, QLatin1StringView("approved")},
    {ApprovalDecision::Denied, QLatin1StringView("denied")},
}};

QString formatUtc(qint64 secondsSinceEpoch, int microseconds)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, QTimeZone::utc());
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QLatin1Char('.')
           + QStringLiteral("%1").arg(microseconds, 6, 10, QLatin1Char('0')) + QStringLiteral("+00:00");
}

// Reads a string field; CCDash never sends null for strings, but be lenient about it.
QString text(const QJsonObject &json, QLatin1StringView key)
{
    return json.value(key).toString();
}

// First present key wins: approvals appear both as DTOs (camelCase) and as rows (snake_case).
QJsonValue either(const QJsonObject &json, QLatin1StringView camel, QLatin1StringView snake)
{
    const QJsonValue value = json.value(camel);
    return value.isUndefined() ? json.value(snake) : value;
}

} // namespace

QString toString(RunStatus status) { return name(runStatusNames, status); }
QString toString(EventStream stream) { return name(streamNames, stream); }
QString toString(ApprovalDecision decision) { return name(decisionNames, decision); }

std::optional<RunStatus> runStatusFromString(QStringView text) { return lookup(runStatusNames, text); }
std::optional<EventStream> eventStreamFromString(QStringView text) { return lookup(streamNames, text); }
std::optional<ApprovalDecision> approvalDecisionFromString(QStringView text) { return lookup(decisionNames, text); }

bool isFinished(RunStatus status)
{
    return status == RunStatus::Succeeded || status == RunStatus::Failed || status == RunStatus::Canceled;
}

QString newRunId()
{
    // QUuid::createUuid() is a random (version 4) uuid; Id128 is the 32 hex digits without braces or dashes.
    return QUuid::createUuid().toString(QUuid::Id128);
}

QString isoTimestampNow()
{
    const auto sinceEpoch = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    const qint64 micros = sinceEpoch.count();
    return formatUtc(micros / 1'000'000, int(micros % 1'000'000));
}

QString isoTimestamp(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const qint64 millis = dateTime.toMSecsSinceEpoch();
    const qint64 seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000;
    return formatUtc(seconds, int(millis - seconds * 1000) * 1000);
}

QDateTime parseIsoTimestamp(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    const QDate date = QDate::fromString(match.captured(1), Qt::ISODate);
    const QString fraction = match.captured(5);
    const int millis = fraction.isEmpty() ? 0 : QString(fraction + QStringLiteral("00")).left(3).toInt();
    const QTime time(match.captured(2).toInt(), match.captured(3).toInt(), match.captured(4).toInt(), millis);
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    const QString zone = match.captured(6);
    if (!zone.isEmpty() && zone != QLatin1String("Z")) {
        const QString digits = QString(zone).remove(QLatin1Char(':'));
        offsetSeconds = (digits.mid(1, 2).toInt() * 3600 + digits.mid(3, 2).toInt() * 60)
                        * (digits.startsWith(QLatin1Char('-')) ? -1 : 1);
    }
    QDateTime result(date, time, QTimeZone(offsetSeconds));
    return result.toUTC();
}

QJsonObject ExecutionRun::toJson() const
{
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("projectId"), projectId},
        {QLatin1String("featureId"), featureId},
        {QLatin1String("provider"), provider},
        {QLatin1String("sourceCommand"), sourceCommand},
        {QLatin1String("normalizedCommand"), normalizedCommand},
        {QLatin1String("cwd"), cwd},
        {QLatin1String("envProfile"), envProfile},
        {QLatin1String("recommendationRuleId"), recommendationRuleId},
        {QLatin1String("riskLevel"), riskLevel},
        {QLatin1String("policyVerdict"), policyVerdict},
        {QLatin1String("requiresApproval"), requiresApproval},
        {QLatin1String("approvedBy"), approvedBy},
        {QLatin1String("approvedAt"), approvedAt},
        {QLatin1String("status"), toString(status)},
        {QLatin1String("exitCode"), exitCode ? QJsonValue(*exitCode) : QJsonValue(QJsonValue::Null)},
        {QLatin1String("startedAt"), startedAt},
        {QLatin1String("endedAt"), endedAt},
        {QLatin1String("retryOfRunId"), retryOfRunId},
        {QLatin1String("metadata"), metadata},
        {QLatin1String("createdAt"), createdAt},
        {QLatin1String("updatedAt"), updatedAt},
    };
}

std::optional<ExecutionRun> ExecutionRun::fromJson(const QJsonObject &json)
{
    const std::optional<RunStatus> parsedStatus = runStatusFromString(text(json, QLatin1StringView("status")));
    ExecutionRun run;
    run.id = text(json, QLatin1StringView("id"));
    if (!parsedStatus || run.id.isEmpty())
        return std::nullopt;
    run.status = *parsedStatus;
    run.projectId = text(json, QLatin1StringView("projectId"));
    run.featureId = text(json, QLatin1StringView("featureId"));
    run.provider = json.value(QLatin1StringView("provider")).toString(QStringLiteral("local"));
    run.sourceCommand = text(json, QLatin1StringView("sourceCommand"));
    run.normalizedCommand = text(json, QLatin1StringView("normalizedCommand"));
    run.cwd = text(json, QLatin1StringView("cwd"));
    run.envProfile = json.value(QLatin1StringView("envProfile")).toString(QStringLiteral("default"));
    run.recommendationRuleId = text(json, QLatin1StringView("recommendationRuleId"));
    run.riskLevel = json.value(QLatin1StringView("riskLevel")).toString(QStringLiteral("medium"));
    run.policyVerdict = json.value(QLatin1StringView("policyVerdict")).toString(QStringLiteral("allow"));
    run.requiresApproval = json.value(QLatin1StringView("requiresApproval")).toBool();
    run.approvedBy = text(json, QLatin1StringView("approvedBy"));
    run.approvedAt = text(json, QLatin1StringView("approvedAt"));
    const QJsonValue exit = json.value(QLatin1StringView("exitCode"));
    if (exit.isDouble())
        run.exitCode = exit.toInt();
    run.startedAt = text(json, QLatin1StringView("startedAt"));
    run.endedAt = text(json, QLatin1StringView("endedAt"));
    run.retryOfRunId = text(json, QLatin1StringView("retryOfRunId"));
    run.metadata = json.value(QLatin1StringView("metadata")).toObject();
    run.createdAt = text(json, QLatin1StringView("createdAt"));
    run.updatedAt = text(json, QLatin1StringView("updatedAt"));
    return run;
}

QString RunEvent::storedText() const
{
    if (payloadUtf8.isEmpty())
        return payloadText;
    // As the store reads it back (a BOM at the start is kept).
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom | QStringDecoder::Flag::Stateless);
    return decoder.decode(payloadUtf8);
}

QJsonObject RunEvent::toJson() const
{
    return QJsonObject{
        {QLatin1String("id"), id ? QJsonValue(*id) : QJsonValue(QJsonValue::Null)},
        {QLatin1String("runId"), runId},
        {QLatin1String("sequenceNo"), sequenceNo},
        {QLatin1String("stream"), toString(stream)},
        {QLatin1String("eventType"), eventType},
        {QLatin1String("payloadText"), storedText()},
        {QLatin1String("payload"), payload},
        {QLatin1String("occurredAt"), occurredAt},
    };
}

std::optional<RunEvent> RunEvent::fromJson(const QJsonObject &json)
{
    const std::optional<EventStream> parsedStream =
        eventStreamFromString(json.value(QLatin1StringView("stream")).toString(QStringLiteral("system")));
    if (!parsedStream)
        return std::nullopt;
    RunEvent event;
    const QJsonValue idValue = json.value(QLatin1StringView("id"));
    if (idValue.isDouble())
        event.id = idValue.toInteger();
    event.runId = text(json, QLatin1StringView("runId"));
    event.sequenceNo = json.value(QLatin1StringView("sequenceNo")).toInteger();
    event.stream = *parsedStream;
    event.eventType = json.value(QLatin1StringView("eventType")).toString(QString(EventType::Status));
    event.payloadText = text(json, QLatin1StringView("payloadText"));
    event.payload = json.value(QLatin1StringView("payload")).toObject();
    event.occurredAt = text(json, QLatin1StringView("occurredAt"));
    return event;
}

QJsonObject Approval::toJson() const
{
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("runId"), runId},
        {QLatin1String("decision"), toString(decision)},
        {QLatin1String("reason"), reason},
        {QLatin1String("requestedAt"), requestedAt},
        {QLatin1String("resolvedAt"), resolvedAt},
        {QLatin1String("requestedBy"), requestedBy},
        {QLatin1String("resolvedBy"), resolvedBy},
    };
}

QJsonObject Approval::toRowJson() const
{
    return QJsonObject{
        {QLatin1String("id"), id},
        {QLatin1String("run_id"), runId},
        {QLatin1String("decision"), toString(decision)},
        {QLatin1String("reason"), reason},
        {QLatin1String("requested_at"), requestedAt},
        {QLatin1String("resolved_at"), resolvedAt},
        {QLatin1String("requested_by"), requestedBy},
        {QLatin1String("resolved_by"), resolvedBy},
    };
}

std::optional<Approval> Approval::fromJson(const QJsonObject &json)
{
    const std::optional<ApprovalDecision> parsedDecision =
        approvalDecisionFromString(json.value(QLatin1StringView("decision")).toString(QStringLiteral("pending")));
    if (!parsedDecision)
        return std::nullopt;
    Approval approval;
    approval.id = json.value(QLatin1StringView("id")).toInteger();
    approval.runId = either(json, QLatin1StringView("runId"), QLatin1StringView("run_id")).toString();
    approval.decision = *parsedDecision;
    approval.reason = text(json, QLatin1StringView("reason"));
    approval.requestedAt = either(json, QLatin1StringView("requestedAt"), QLatin1StringView("requested_at")).toString();
    approval.resolvedAt = either(json, QLatin1StringView("resolvedAt"), QLatin1StringView("resolved_at")).toString();
    approval.requestedBy = either(json, QLatin1StringView("requestedBy"), QLatin1StringView("requested_by")).toString();
    approval.resolvedBy = either(json, QLatin1StringView("resolvedBy"), QLatin1StringView("resolved_by")).toString();
    return approval;
}

} // namespace workbench::models
