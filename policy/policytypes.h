#pragma once
// The policy engine's public contract: what is asked and what is answered.
// Field names follow CCDash's ExecutionPolicyResultDTO (camelCase in JSON) plus our additions.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QList>

namespace workbench::policy {

enum class Verdict { Allow, RequiresApproval, Deny };
enum class RiskLevel { Low, Medium, High };

QString toString(Verdict verdict);     // "allow" | "requires_approval" | "deny"
QString toString(RiskLevel risk);      // "low" | "medium" | "high"

// The part of the command a reason is about: UTF-16 offset and length into PolicyRequest::command.
struct SourceSpan
{
    qsizetype offset = 0;
    qsizetype length = 0;
    friend bool operator==(const SourceSpan &, const SourceSpan &) = default;
};

struct PolicyReason
{
    QString code;    // stable API: never renamed (see docs/policy.md)
    SourceSpan span; // {0, 0} when the reason is about the whole request (cwd, env profile)
    QString message; // human sentence, translated
};

struct PolicyRequest
{
    QString command;
    QString workspace;                      // the project's root; resolved with realpath by the engine
    QString cwd = QStringLiteral(".");      // relative to the workspace, or absolute
    QString envProfile = QStringLiteral("default");
    QString home;                           // the user's HOME for `~`; empty = QDir::homePath()
    // How slash commands (`/dev:execute-phase 1 plan.md`) really run; {command} is replaced by the
    // shell-quoted slash command. The engine judges the resulting launcher invocation.
    QString agentLauncher = QStringLiteral("claude -p {command}");
};

struct PolicyResult
{
    Verdict verdict = Verdict::Deny;
    RiskLevel riskLevel = RiskLevel::High;
    bool requiresApproval = false;          // == (verdict == RequiresApproval)
    QString normalizedCommand;
    QStringList commandTokens;
    QString resolvedCwd;
    QStringList reasonCodes;                // ordered, deduplicated
    QList<PolicyReason> reasons;            // one per finding, with spans
    QString policyVersion;                  // version/hash of the effective rule set
    QString fingerprint;                    // sha256 hex of normalized command, resolved cwd, env profile,
                                            // workspace and policy version: approvals bind to it
    bool isAgentCommand = false;            // a Claude Code slash command run through the agent launcher
    QStringList launchArguments;            // what the runtime will exec (program + args), empty = use a shell
    bool needsShell = false;                // true when the command uses shell syntax
    bool needsBash = false;                 // true when it uses bash-only syntax

    QJsonObject toJson() const;             // CCDash's DTO keys + reasons/policyVersion/fingerprint
    // Appends exactly the bytes of QJsonDocument(toJson()).toJson(QJsonDocument::Compact), written
    // directly: `policy-check --batch` spent more time building QJsonObjects than judging commands.
    void appendCompactJson(QByteArray &out) const;
};

// Appends `text` as a JSON string literal (quotes included), byte for byte as QJsonDocument writes it:
// ", \ and C0 controls escaped (\b \f \n \r \t, else \u00XX), everything else UTF-8, and a UTF-16
// unit that is not part of a valid surrogate pair as a \uXXXX escape (so the output stays valid UTF-8).
void appendJsonString(QByteArray &out, QStringView text);

} // namespace workbench::policy
