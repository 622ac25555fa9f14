#pragma once
// Value types for CCDash's execution records: a run, one of its events, an approval.
// Field names and JSON keys mirror CCDash's DTOs (ExecutionRunDTO, ExecutionRunEventDTO,
// ExecutionApprovalDTO). Timestamps are ISO-8601 UTC text as Python's isoformat() writes them
// ("2026-04-07T15:04:05.123456+00:00"); an unset timestamp is "" and never null.
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringView>
#include <optional>

namespace workbench::models {
Q_NAMESPACE

enum class RunStatus { Queued, Running, Succeeded, Failed, Canceled, Blocked };
Q_ENUM_NS(RunStatus)
enum class EventStream { Stdout, Stderr, System };
Q_ENUM_NS(EventStream)
enum class ApprovalDecision { Pending, Approved, Denied };
Q_ENUM_NS(ApprovalDecision)

// Note: these toString() overloads return QString, so QCOMPARE on the enums themselves does not
// compile (QTest's ADL lookup finds them); compare toString(a) with toString(b) in tests instead.
QString toString(RunStatus status);         // "queued" | "running" | ... | "blocked"
QString toString(EventStream stream);       // "stdout" | "stderr" | "system"
QString toString(ApprovalDecision decision); // "pending" | "approved" | "denied"
std::optional<RunStatus> runStatusFromString(QStringView text);
std::optional<EventStream> eventStreamFromString(QStringView text);
std::optional<ApprovalDecision> approvalDecisionFromString(QStringView text);

// succeeded, failed and canceled never change again (blocked can still be approved).
bool isFinished(RunStatus status);

// A fresh run id: uuid4 as 32 lowercase hex digits, as CCDash's uuid.uuid4().hex.
QString newRunId();
// Now, in UTC, with microseconds: "2026-04-07T15:04:05.123456+00:00".
QString isoTimestampNow();
// Formats a QDateTime (converted to UTC) the same way; millisecond precision, so "...123000+00:00".
QString isoTimestamp(const QDateTime &dateTime);
// Parses what isoTimestamp()/Python's isoformat() write (fraction optional, any UTC offset).
// Returns an invalid QDateTime for "" or malformed text.
QDateTime parseIsoTimestamp(const QString &text);

// Event types CCDash writes (section 2.3 of the CCDash reference).
namespace EventType {
inline constexpr QLatin1StringView Policy{"policy"};
inline constexpr QLatin1StringView Status{"status"};
inline constexpr QLatin1StringView Approval{"approval"};
inline constexpr QLatin1StringView Output{"output"};
inline constexpr QLatin1StringView Error{"error"};
} // namespace EventType

struct ExecutionRun
{
    QString id;
    QString projectId;
    QString featureId;
    QString provider = QStringLiteral("local");
    QString sourceCommand;
    QString normalizedCommand;
    QString cwd;
    QString envProfile = QStringLiteral("default");
    QString recommendationRuleId;
    QString riskLevel = QStringLiteral("medium");    // "low" | "medium" | "high"
    QString policyVerdict = QStringLiteral("allow"); // "allow" | "requires_approval" | "deny"
    bool requiresApproval = false;
    QString approvedBy;
    QString approvedAt;
    RunStatus status = RunStatus::Queued;
    std::optional<int> exitCode;
    QString startedAt;
    QString endedAt;
    QString retryOfRunId;
    QJsonObject metadata;
    QString createdAt;
    QString updatedAt;

    QJsonObject toJson() const; // ExecutionRunDTO, camelCase keys
    static std::optional<ExecutionRun> fromJson(const QJsonObject &json); // nullopt: bad status or no id

    friend bool operator==(const ExecutionRun &, const ExecutionRun &) = default;
};

struct RunEvent
{
    std::optional<qint64> id;  // assigned by the store
    QString runId;
    qint64 sequenceNo = 0;     // 1-based per run, assigned by the store
    EventStream stream = EventStream::System;
    QString eventType = QString(EventType::Status);
    QString payloadText;
    QJsonObject payload;
    QString occurredAt;
    // Output the runtime already has as well-formed UTF-8: when not empty it *is* the payload
    // text (payloadText stays empty) and the store writes these bytes as they are, so a flood is
    // never converted to UTF-16 and back. Events read from the store always use payloadText.
    QByteArray payloadUtf8;

    QString storedText() const; // payloadText, or payloadUtf8 decoded
    QJsonObject toJson() const; // ExecutionRunEventDTO, camelCase keys
    static std::optional<RunEvent> fromJson(const QJsonObject &json);

    friend bool operator==(const RunEvent &, const RunEvent &) = default;
};

struct Approval
{
    qint64 id = 0;             // assigned by the store
    QString runId;
    ApprovalDecision decision = ApprovalDecision::Pending;
    QString reason;
    QString requestedAt;
    QString resolvedAt;
    QString requestedBy;
    QString resolvedBy;

    QJsonObject toJson() const;    // ExecutionApprovalDTO, camelCase keys
    QJsonObject toRowJson() const; // snake_case row, as CCDash puts it in "approval" event payloads
    static std::optional<Approval> fromJson(const QJsonObject &json); // accepts camelCase or snake_case

    friend bool operator==(const Approval &, const Approval &) = default;
};

} // namespace workbench::models

Q_DECLARE_METATYPE(workbench::models::ExecutionRun)
Q_DECLARE_METATYPE(workbench::models::RunEvent)
Q_DECLARE_METATYPE(workbench::models::Approval)
