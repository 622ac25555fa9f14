#pragma once
// The rule set in data: resources/policy/default-rules.json (compiled in as
// :/policy/default-rules.json) plus optional layers:
//   * system file (/etc/ccdash-workbench/policy.json): may only tighten; "executionEnabled": false
//     is the kill switch (every command is denied with execution_disabled);
//   * user file (AppConfigLocation/policy.json): may extend and loosen;
//   * workspace file (<workspace>/.ccdash-workbench/policy.json): untrusted, may only tighten
//     unless the user trusts that exact file by its sha256.
// A layer that cannot be read or parsed is refused as a whole with file, line and reason; the
// layers below it stay in force.
//
// Layer files hold any of:
//   {"version": "...", "executionEnabled": false,
//    "rules": [{"match": "docker run", "verdict": "deny|requires_approval|allow", "reason": "text"}],
//    "programs": {"blocked": ["tool"], "dev": ["mytool"], ...},
//    "secretPaths": [...], "persistencePaths": [...], "workspaceSecretNames": [...],
//    "envHijack": {"always": [...]}}
// In a tightening layer "allow" rules are ignored and programs may only move to a stricter class.
#include "policy/policytypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace workbench::policy {

struct Outcome
{
    Verdict verdict = Verdict::RequiresApproval;
    RiskLevel risk = RiskLevel::Medium;
    QString code;
};

enum class ProgramClass {
    Unknown, Read, Query, Dev, Write, Destructive, Network, Privileged, Blocked, Interpreter, Shell,
    ProcessControl, Background, PackageRunner, Eval, Source, Exec
};

enum class OperandRole { Path, None, Read, Write, Overwrite, Delete, Modify, Copy, Move, Link, Find, Tar, Archive, Secret, Cwd };

struct ProgramOptions
{
    OperandRole operands = OperandRole::Path;
    bool operandsSet = false;
    int skipOperands = 0;
    QSet<QString> valueOptions;
    QSet<QString> patternOptions;
    QSet<QString> execOptions;
    QSet<QString> overwriteOptions;
    QSet<QString> uploadOptions;
    QSet<QString> deleteFlags;
    QSet<QString> readOnlyFlags;
    QSet<QString> targetOptions;
    QHash<QString, OperandRole> pathOptions;
    QHash<QString, int> valueArity;
    bool lastOperandWrites = false;
    QString outcome;
};

struct WrapperRule
{
    QSet<QString> valueOptions;
    int positionals = 0;
    QString outcome;
    bool assignments = false;
    bool dynamicArguments = false;
    bool joinAsShell = false;
    bool noInnerCommand = false;
    QSet<QString> shellOptions;
    QString defaultCommand;
};

// A subcommand that runs a command elsewhere or later (docker run IMAGE CMD, kubectl exec POD -- CMD,
// gcloud compute ssh VM --command TEXT, vagrant ssh -c TEXT): the carried command is judged as itself.
struct CarrierRule
{
    QStringList subcommands;                 // "run", "container run", "compute ssh" ...
    enum class Form { Vector, Shell, None } form = Form::Vector;   // what the words after the operands are
    int operands = 0;                        // operands before the command (the image, container, pod)
    enum class DoubleDash { Optional, Prefer, Only } doubleDash = DoubleDash::Optional;
    QSet<QString> valueOptions;              // options before the command that take a value
    QSet<QString> shellOptions;              // options whose value is shell text (--command)
    QSet<QString> entrypointOptions;         // an option naming the program the words are given to
    QSet<QString> workdirOptions;            // the carried command's working directory
};

struct SubcommandRule
{
    QSet<QString> globalValueOptions;
    QSet<QString> valueOptions;
    QHash<QString, QString> map;                       // "sub" or "sub sub2" -> outcome name
    QString defaultOutcome = QStringLiteral("unknown");
    QHash<QString, QHash<QString, QString>> flags;     // sub key or "*" -> flag -> outcome name
    QSet<QString> installVerbs;
    QSet<QString> bareInstallVerbs;
    QSet<QString> requirementOptions;
    QSet<QString> sqlOptions;                         // psql -c TEXT: the option's value is SQL
    QSet<QString> sqlFileOptions;                     // psql -f FILE: SQL read from a file, unseen when judged
    bool sqlOperands = false;                         // sqlite3 DB SQL...: operands after the first are statements
    // The client's own commands inside SQL text, by kind: "shell" runs the rest of the line as a shell
    // command (psql \!, sqlite3 .shell), "unseen" reads SQL from elsewhere (\i FILE, .read FILE), "pipe"
    // runs an argument that starts with | (\o |CMD, .once |CMD).
    QHash<QString, QStringList> sqlClientCommands;
    QSet<QString> hostMountOptions;
    QStringList execConfigKeys;
    QStringList execConfigKeySuffixes;
    QStringList destructiveWords;                      // cloud CLIs: any of these verbs destroys
    QList<CarrierRule> carriers;
    QString prefix;                                    // docker-compose -> "docker compose"
    bool flagsOnlyWhenAlone = false;
};

struct OverlayRule
{
    QStringList match;       // program followed by leading non-option words
    Verdict verdict = Verdict::Deny;
    QString reason;
    QString source;          // file it came from
};

struct RuleDiagnostic
{
    QString file;
    int line = 0;            // 1-based; 0 when not about a position
    QString message;
    bool refused = false;    // the whole layer was refused
    friend bool operator==(const RuleDiagnostic &, const RuleDiagnostic &) = default;
};

enum class LayerTrust { BuiltIn, Tighten, Extend };

class RuleSet
{
public:
    // The built-in rules from the resource; never fails (a broken resource is a build bug and is
    // reported as a diagnostic with an empty, deny-everything rule set).
    static RuleSet builtIn();

    // Applies a layer file's JSON on top. Returns false (and changes nothing) when the file is refused.
    bool applyLayer(const QByteArray &json, const QString &fileName, LayerTrust trust, QList<RuleDiagnostic> *diagnostics);

    QString version() const { return m_version; }
    QString hash() const { return m_hash; }
    QString effectiveVersion() const { return m_version + QLatin1Char('+') + m_hash.left(12); }
    bool executionEnabled() const { return m_executionEnabled; }
    bool isValid() const { return m_valid; }

    ProgramClass programClass(const QString &name) const;
    const ProgramOptions *programOptions(const QString &name) const;
    const WrapperRule *wrapper(const QString &name) const;
    const SubcommandRule *subcommands(const QString &name) const;
    Outcome outcome(const QString &name) const;
    bool hasOutcome(const QString &name) const { return m_outcomes.contains(name); }

    QStringList standardBinDirs;
    QStringList secretPaths;
    QStringList workspaceSecretNames;
    QStringList persistencePaths;
    QStringList toolCaches;
    QStringList publicKeyPaths;     // below a secret path but public (~/.ssh/*.pub): built-in layer only
    QStringList harmlessPaths;
    QStringList blockDevices;
    QStringList systemReadPaths;
    QSet<QString> envHijackAlways;
    QStringList envHijackPrefixes;
    QSet<QString> envProgramValued;
    QSet<QString> envBenignPrograms;
    // Options a benign pager/editor may carry in a program-valued variable or git setting (less -R,
    // code --wait): whole words, and single letters that may also come clustered (-FRX).
    QHash<QString, QSet<QString>> envBenignProgramOptions;
    QSet<QString> envPathVariables;
    QSet<QString> envWorkspacePathLists;
    QHash<QString, QStringList> envOptionLists;
    QStringList secretVariableMarkers;
    QList<QStringList> decoders;
    QSet<QString> envProfiles;
    QHash<QString, QSet<QString>> interpreterInlineOptions;
    QHash<QString, QSet<QString>> interpreterModuleOptions;
    QHash<QString, QString> pythonModules;
    // Framework tasks that drop or wipe a database (rails db:drop, knex migrate:rollback): tool -> the word
    // sets that name such a task; launchers that only find the tool (npx, bundle exec); tool name aliases.
    QHash<QString, QList<QStringList>> databaseTasks;
    QList<QStringList> databaseTaskLaunchers;
    QHash<QString, QString> databaseTaskAliases;
    QList<OverlayRule> overlayRules;
    int maxWrapperDepth = 8;

private:
    bool loadBuiltIn(const QByteArray &json, QList<RuleDiagnostic> *diagnostics);
    void rehash(const QByteArray &layerBytes);

    QString m_version;
    QString m_hash;
    bool m_valid = false;
    bool m_executionEnabled = true;
    QHash<QString, ProgramClass> m_classes;
    QStringList m_blockedPrefixes;
    QHash<QString, ProgramOptions> m_options;
    QHash<QString, WrapperRule> m_wrappers;
    QHash<QString, SubcommandRule> m_subcommands;
    QHash<QString, QString> m_subcommandAliases;
    QHash<QString, Outcome> m_outcomes;
};

// 1-based line of a byte offset (for QJsonParseError::offset).
int lineOfOffset(const QByteArray &data, qsizetype offset);

} // namespace workbench::policy
