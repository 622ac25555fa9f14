#include "policy/policytypes.h"

#include <QJsonArray>

namespace workbench::policy {

QString toString(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allow:
        return QStringLiteral("allow");
    case Verdict::RequiresApproval:
        return QStringLiteral("requires_approval");
    case Verdict::Deny:
        break;
    }
    return QStringLiteral("deny");
}

QString toString(RiskLevel risk)
{
    switch (risk) {
    case RiskLevel::Low:
        return QStringLiteral("low");
    case RiskLevel::Medium:
        return QStringLiteral("medium");
    case RiskLevel::High:
        break;
    }
    return QStringLiteral("high");
}

QJsonObject PolicyResult::toJson() const
{
    QJsonArray reasonArray;
    for (const PolicyReason &reason : reasons) {
        reasonArray.append(QJsonObject{
            {QStringLiteral("code"), reason.code},
            {QStringLiteral("offset"), qint64(reason.span.offset)},
            {QStringLiteral("length"), qint64(reason.span.length)},
            {QStringLiteral("message"), reason.message},
        });
    }
    return QJsonObject{
        {QStringLiteral("verdict"), toString(verdict)},
        {QStringLiteral("riskLevel"), toString(riskLevel)},
        {QStringLiteral("requiresApproval"), requiresApproval},
        {QStringLiteral("normalizedCommand"), normalizedCommand},
        {QStringLiteral("commandTokens"), QJsonArray::fromStringList(commandTokens)},
        {QStringLiteral("resolvedCwd"), resolvedCwd},
        {QStringLiteral("reasonCodes"), QJsonArray::fromStringList(reasonCodes)},
        {QStringLiteral("reasons"), reasonArray},
        {QStringLiteral("policyVersion"), policyVersion},
        {QStringLiteral("fingerprint"), fingerprint},
        {QStringLiteral("isAgentCommand"), isAgentCommand},
        {QStringLiteral("launchArguments"), QJsonArray::fromStringList(launchArguments)},
        {QStringLiteral("needsShell"), needsShell},
        {QStringLiteral("needsBash"), needsBash},
    };
}

} // namespace workbench::policy
