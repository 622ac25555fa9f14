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

namespace {

char hexDigit(uint value)
{
    return "0123456789abcdef"[value & 0xf];
}

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    const char escape[] = {'\\', 'u', hexDigit(unit >> 12), hexDigit(unit >> 8), hexDigit(unit >> 4), hexDigit(unit)};
    out.append(escape, sizeof escape);
}

void appendStringList(QByteArray &out, const QStringList &list)
{
    out += '[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, list.at(i));
    }
    out += ']';
}

} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    const char16_t *source = text.utf16();
    const char16_t *const end = source + text.size();
    while (source != end) {
        // Runs of plain ASCII are copied without looking at each byte twice.
        const char16_t *run = source;
        while (run != end && *run < 0x80 && *run >= 0x20 && *run != u'"' && *run != u'\\')
            ++run;
        if (run != source) {
            const qsizetype offset = out.size();
            out.resize(offset + (run - source));
            char *target = out.data() + offset;
            for (const char16_t *c = source; c != run; ++c)
                *target++ = char(*c);
            source = run;
            continue;
        }
        const char16_t unit = *source++;
        if (unit < 0x80) {
            switch (unit) {
            case u'"': out += "\\\""; break;
            case u'\\': out += "\\\\"; break;
            case u'\b': out += "\\b"; break;
            case u'\f': out += "\\f"; break;
            case u'\n': out += "\\n"; break;
            case u'\r': out += "\\r"; break;
            case u'\t': out += "\\t"; break;
            default: appendUnicodeEscape(out, unit); break;
            }
        } else if (unit < 0x800) {
            out += char(0xc0 | (unit >> 6));
            out += char(0x80 | (unit & 0x3f));
        } else if (!QChar::isSurrogate(unit)) {
            out += char(0xe0 | (unit >> 12));
            out += char(0x80 | ((unit >> 6) & 0x3f));
            out += char(0x80 | (unit & 0x3f));
        } else if (QChar::isHighSurrogate(unit) && source != end && QChar::isLowSurrogate(*source)) {
            const char32_t code = QChar::surrogateToUcs4(unit, *source++);
            out += char(0xf0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3f));
            out += char(0x80 | ((code >> 6) & 0x3f));
            out += char(0x80 | (code & 0x3f));
        } else {
            appendUnicodeEscape(out, unit); // a lone surrogate has no UTF-8 form
        }
    }
    out += '"';
}

void PolicyResult::appendCompactJson(QByteArray &out) const
{
    // Keys in QJsonObject's (sorted) order, so the bytes equal QJsonDocument's; tst_policyjson compares them.
    const auto boolean = [](bool value) { return value ? "true" : "false"; };
    out += "{\"commandTokens\":";
    appendStringList(out, commandTokens);
    out += ",\"fingerprint\":";
    appendJsonString(out, fingerprint);
    out += ",\"isAgentCommand\":";
    out += boolean(isAgentCommand);
    out += ",\"launchArguments\":";
    appendStringList(out, launchArguments);
    out += ",\"needsBash\":";
    out += boolean(needsBash);
    out += ",\"needsShell\":";
    out += boolean(needsShell);
    out += ",\"normalizedCommand\":";
    appendJsonString(out, normalizedCommand);
    out += ",\"policyVersion\":";
    appendJsonString(out, policyVersion);
    out += ",\"reasonCodes\":";
    appendStringList(out, reasonCodes);
    out += ",\"reasons\":[";
    for (qsizetype i = 0; i < reasons.size(); ++i) {
        const PolicyReason &reason = reasons.at(i);
        out += i > 0 ? ",{\"code\":" : "{\"code\":";
        appendJsonString(out, reason.code);
        out += ",\"length\":";
        out += QByteArray::number(qint64(reason.span.length));
        out += ",\"message\":";
        appendJsonString(out, reason.message);
        out += ",\"offset\":";
        out += QByteArray::number(qint64(reason.span.offset));
        out += '}';
    }
    out += "],\"requiresApproval\":";
    out += boolean(requiresApproval);
    out += ",\"resolvedCwd\":";
    appendJsonString(out, resolvedCwd);
    out += ",\"riskLevel\":";
    appendJsonString(out, toString(riskLevel));
    out += ",\"verdict\":";
    appendJsonString(out, toString(verdict));
    out += '}';
}

} // namespace workbench::policy
