#include "policy/policyengine.h"
#include "policy/analyzer.h"
#include "policy/pathguard.h"
#include "policy/policylog.h"
#include "policy/policyreasons.h"
#include "policy/shellparser.h"
#include "policy/shellword.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <cctype>

namespace workbench::policy {

namespace {

int verdictRank(Verdict verdict)
{
    return verdict == Verdict::Allow ? 0 : (verdict == Verdict::RequiresApproval ? 1 : 2);
}

bool readFile(const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    *data = file.readAll();
    return true;
}

// /dev:execute-phase, /plan:plan-feature, /review — a Claude Code slash command, not a path.
bool isSlashCommand(const QString &command)
{
    // The text is trimmed, so the first word ends at the first space (no split of a long command).
    const qsizetype space = command.indexOf(u' ');
    const QString first = space < 0 ? command : command.left(space);
    if (first.size() < 2 || !first.startsWith(u'/') || first.indexOf(u'/', 1) >= 0)
        return false;
    if (!(first[1].isLetter()))
        return false;
    for (qsizetype i = 1; i < first.size(); ++i) {
        const QChar c = first[i];
        if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u':' || c == u'.'))
            return false;
    }
    return !QFileInfo::exists(first);
}

bool isPlainWord(const Word &word)
{
    for (const auto &part : word.parts) {
        switch (part.kind) {
        case PartKind::Literal:
        case PartKind::Escaped:
        case PartKind::SingleQuoted:
            break;
        case PartKind::DoubleQuoted:
            for (const auto &sub : part.parts) {
                if (sub.kind != PartKind::Literal && sub.kind != PartKind::Escaped)
                    return false;
            }
            break;
        default:
            return false;
        }
    }
    return true;
}

// The argv of a command that is one simple command without shell syntax, else empty.
QStringList plainArguments(const Node &root, const QString &home)
{
    if (root.kind != NodeKind::List || root.children.size() != 1)
        return {};
    if (!root.separators.empty() && !root.separators.front().isEmpty() && root.separators.front() != u";")
        return {};
    const Node &command = *root.children.front();
    if (command.kind != NodeKind::Simple || !command.redirects.empty() || !command.assignments.empty() || command.words.empty())
        return {};
    QStringList argv;
    for (const Word &word : command.words) {
        if (!isPlainWord(word))
            return {};
        argv << resolveWord(word, ResolveContext{home, QString(), nullptr}).value;
    }
    return argv;
}

// shlex-like tokens of a command with shell syntax, from the tree (no second lexing pass).
void tokensOf(const Node &node, QStringView text, const QString &home, QStringList &tokens)
{
    auto word = [&](const Word &w) {
        const WordValue value = resolveWord(w, ResolveContext{home, QString(), nullptr});
        tokens << (value.isStatic ? value.value : text.mid(w.span.offset, w.span.length).toString());
    };
    switch (node.kind) {
    case NodeKind::List:
    case NodeKind::AndOr:
    case NodeKind::Pipeline:
        if (node.negated)
            tokens << QStringLiteral("!");
        for (size_t i = 0; i < node.children.size(); ++i) {
            tokensOf(*node.children[i], text, home, tokens);
            if (i < node.separators.size() && !node.separators[i].isEmpty())
                tokens << (node.separators[i] == u"\n" ? QStringLiteral(";") : node.separators[i]);
        }
        return;
    case NodeKind::Simple:
        for (const Word &w : node.assignments)
            word(w);
        for (const Word &w : node.words)
            word(w);
        for (const Redirect &redirect : node.redirects) {
            tokens << (redirect.fd >= 0 ? QString::number(redirect.fd) : QString()) + redirect.op;
            word(redirect.target);
        }
        return;
    default:
        tokens << text.mid(node.span.offset, node.span.length).toString();
        return;
    }
}

QString fingerprintOf(const QStringList &fields)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &field : fields) {
        const QByteArray bytes = field.toUtf8();
        hash.addData(QByteArray(QByteArray::number(bytes.size()) + ':'));
        hash.addData(bytes);
        hash.addData(QByteArrayView(";"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

struct PolicyEvaluationCache::Private
{
    struct Status
    {
        bool exists = false;
        bool isDir = false;
    };
    QHash<QString, QString> canonicalPaths;
    QHash<QString, Status> statuses;
    const void *engine = nullptr; // the rule layers below belong to this engine's rule set
    QHash<QString, std::shared_ptr<const RuleSet>> workspaceRules;

    // Without a cache (nullptr) each call asks the filesystem, as an evaluation always did.
    static QString canonical(Private *cache, const QString &path)
    {
        if (!cache)
            return QFileInfo(path).canonicalFilePath();
        auto it = cache->canonicalPaths.constFind(path);
        if (it == cache->canonicalPaths.constEnd())
            it = cache->canonicalPaths.insert(path, QFileInfo(path).canonicalFilePath());
        return it.value();
    }
    static Status status(Private *cache, const QString &path)
    {
        const auto ask = [&path] {
            const QFileInfo info(path);
            return Status{info.exists(), info.isDir()};
        };
        if (!cache)
            return ask();
        auto it = cache->statuses.constFind(path);
        if (it == cache->statuses.constEnd())
            it = cache->statuses.insert(path, ask());
        return it.value();
    }
};

PolicyEvaluationCache::PolicyEvaluationCache()
    : d(std::make_unique<Private>())
{
}

PolicyEvaluationCache::~PolicyEvaluationCache() = default;

PolicyLayers PolicyLayers::standard()
{
    PolicyLayers layers;
    layers.systemFile = QStringLiteral("/etc/ccdash-workbench/policy.json");
    const QString config = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    if (!config.isEmpty())
        layers.userFile = config + QStringLiteral("/policy.json");
    layers.trustedWorkspaceFileHashes = readTrustStore(trustStoreFile());
    return layers;
}

QString PolicyLayers::trustStoreFile()
{
    const QString config = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return config.isEmpty() ? QString() : config + QStringLiteral("/trusted-workspace-policies");
}

QSet<QString> PolicyLayers::readTrustStore(const QString &path)
{
    QSet<QString> hashes;
    QByteArray data;
    QString error;
    if (path.isEmpty() || !QFileInfo::exists(path) || !readFile(path, &data, &error))
        return hashes;
    for (const QByteArray &line : data.split('\n')) {
        const qsizetype comment = line.indexOf('#');
        const QByteArray hash = (comment < 0 ? line : line.left(comment)).trimmed().toLower();
        // Only well-formed sha256 values count: a stray word cannot trust anything.
        if (hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) { return std::isxdigit(uchar(c)); }))
            hashes.insert(QString::fromLatin1(hash));
    }
    return hashes;
}

bool PolicyLayers::addToTrustStore(const QString &path, const QString &sha256, QString *error)
{
    if (path.isEmpty()) {
        *error = QCoreApplication::translate("workbench::policy::PolicyEngine", "No configuration directory to keep the trust in.");
        return false;
    }
    if (readTrustStore(path).contains(sha256.toLower()))
        return true;
    QByteArray data;
    if (QFileInfo::exists(path) && !readFile(path, &data, error))
        return false;
    if (!data.isEmpty() && !data.endsWith('\n'))
        data += '\n';
    data += sha256.toLower().toLatin1() + '\n';
    if (!QDir().mkpath(QFileInfo(path).path())) {
        *error = QCoreApplication::translate("workbench::policy::PolicyEngine", "Cannot create %1.").arg(QFileInfo(path).path());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

struct PolicyEngine::Private
{
    struct CachedWorkspace
    {
        QDateTime modified;
        qint64 size = -1;
        std::shared_ptr<const RuleSet> rules;
        QList<RuleDiagnostic> diagnostics;
    };

    std::shared_ptr<const RuleSet> base;
    QList<RuleDiagnostic> diagnostics;
    PolicyLayers layers;
    bool useLayers = false;
    mutable QMutex mutex;
    mutable QHash<QString, CachedWorkspace> workspaces;

    std::shared_ptr<const RuleSet> rulesFor(const QString &workspaceReal, QList<RuleDiagnostic> *diagnosticsOut) const
    {
        if (!useLayers || !layers.workspaceFiles || workspaceReal.isEmpty())
            return base;
        const QString path = PolicyEngine::workspacePolicyFile(workspaceReal);
        const QFileInfo info(path);
        if (!info.exists())
            return base;
        QMutexLocker lock(&mutex);
        auto it = workspaces.find(path);
        if (it != workspaces.end() && it->modified == info.lastModified() && it->size == info.size()) {
            if (diagnosticsOut)
                *diagnosticsOut = it->diagnostics;
            return it->rules;
        }
        CachedWorkspace cached;
        cached.modified = info.lastModified();
        cached.size = info.size();
        QByteArray data;
        QString error;
        if (!readFile(path, &data, &error)) {
            cached.diagnostics.append({path, 0, error, true});
            cached.rules = base;
        } else {
            const QString hash = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
            const LayerTrust trust = layers.trustedWorkspaceFileHashes.contains(hash) ? LayerTrust::Extend : LayerTrust::Tighten;
            auto rules = std::make_shared<RuleSet>(*base);
            if (rules->applyLayer(data, path, trust, &cached.diagnostics))
                cached.rules = rules;
            else
                cached.rules = base;
        }
        if (diagnosticsOut)
            *diagnosticsOut = cached.diagnostics;
        workspaces.insert(path, cached);
        return cached.rules;
    }
};

PolicyEngine::PolicyEngine()
    : d(std::make_shared<Private>())
{
    d->base = std::make_shared<RuleSet>(RuleSet::builtIn());
}

PolicyEngine::PolicyEngine(const PolicyLayers &layers)
    : d(std::make_shared<Private>())
{
    d->layers = layers;
    d->useLayers = true;
    auto rules = std::make_shared<RuleSet>(RuleSet::builtIn());
    // The user file first, the system file on top: the system's tightening always wins.
    const std::pair<QString, LayerTrust> files[] = {{layers.userFile, LayerTrust::Extend}, {layers.systemFile, LayerTrust::Tighten}};
    for (const auto &[path, trust] : files) {
        if (path.isEmpty() || !QFileInfo::exists(path))
            continue;
        QByteArray data;
        QString error;
        if (!readFile(path, &data, &error)) {
            d->diagnostics.append({path, 0, error, true});
            continue;
        }
        rules->applyLayer(data, path, trust, &d->diagnostics);
    }
    d->base = rules;
}

PolicyEngine::~PolicyEngine() = default;
PolicyEngine::PolicyEngine(const PolicyEngine &) = default;
PolicyEngine &PolicyEngine::operator=(const PolicyEngine &) = default;

QString PolicyEngine::policyVersion() const
{
    return d->base->effectiveVersion();
}

bool PolicyEngine::executionEnabled() const
{
    return d->base->executionEnabled();
}

QList<RuleDiagnostic> PolicyEngine::diagnostics() const
{
    return d->diagnostics;
}

QList<RuleDiagnostic> PolicyEngine::workspaceDiagnostics(const QString &workspace) const
{
    QList<RuleDiagnostic> out;
    const QString real = QFileInfo(workspace).canonicalFilePath();
    d->rulesFor(real.isEmpty() ? workspace : real, &out);
    return out;
}

QString PolicyEngine::workspacePolicyFile(const QString &workspace)
{
    return workspace + QStringLiteral("/.ccdash-workbench/policy.json");
}

QString PolicyEngine::fileSha256(const QString &path)
{
    QByteArray data;
    QString error;
    if (!readFile(path, &data, &error))
        return QString();
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

PolicyResult PolicyEngine::evaluate(const PolicyRequest &request) const
{
    return evaluate(request, nullptr);
}

PolicyResult PolicyEngine::evaluate(const PolicyRequest &request, PolicyEvaluationCache *evaluationCache) const
{
    using Cache = PolicyEvaluationCache::Private;
    Cache *cache = evaluationCache ? evaluationCache->d.get() : nullptr;
    if (cache && cache->engine != d.get()) {
        cache->workspaceRules.clear();
        cache->engine = d.get();
    }
    PolicyResult result;
    QList<Finding> findings;
    auto addFinding = [&](const QString &code, Verdict verdict, RiskLevel risk, SourceSpan span, const QString &detail = QString()) {
        findings.append(Finding{code, verdict, risk, span, detail});
    };
    const QString home = QDir::cleanPath(request.home.isEmpty() ? QDir::homePath() : request.home);

    // Workspace and working directory, as CCDash resolves them.
    QString workspace = Cache::canonical(cache, request.workspace);
    const bool workspaceExists = !request.workspace.trimmed().isEmpty() && !workspace.isEmpty() && Cache::status(cache, workspace).isDir;
    if (!workspaceExists)
        workspace = request.workspace.trimmed().isEmpty() ? QString() : QDir::cleanPath(QDir(request.workspace).absolutePath());
    std::shared_ptr<const RuleSet> rules = cache ? cache->workspaceRules.value(workspace) : nullptr;
    if (!rules) {
        rules = d->rulesFor(workspaceExists ? workspace : QString(), nullptr);
        if (cache)
            cache->workspaceRules.insert(workspace, rules);
    }
    result.policyVersion = rules->effectiveVersion();

    if (!rules->executionEnabled())
        addFinding(QStringLiteral("execution_disabled"), Verdict::Deny, RiskLevel::High, SourceSpan{});
    if (!workspaceExists)
        addFinding(QStringLiteral("workspace_not_found"), Verdict::Deny, RiskLevel::High, SourceSpan{}, request.workspace);

    const QString homeReal = Cache::canonical(cache, home);
    PathGuard guard(*rules, workspace, home, homeReal);
    QString cwd = request.cwd.trimmed();
    if (cwd.isEmpty())
        cwd = workspace;
    else if (cwd == u"~" || cwd.startsWith(u"~/"))
        cwd = home + cwd.mid(1);
    if (!QDir::isAbsolutePath(cwd))
        cwd = workspace + u'/' + cwd;
    cwd = QDir::cleanPath(cwd);
    // The usual cwd is the workspace itself, already a realpath: no second walk through the filesystem.
    const QString canonicalCwd = workspaceExists && cwd == workspace ? workspace : Cache::canonical(cache, cwd);
    const QString resolvedCwd = canonicalCwd.isEmpty() ? guard.resolveSymlinks(cwd) : canonicalCwd;
    result.resolvedCwd = resolvedCwd;
    bool cwdUsable = workspaceExists;
    if (workspaceExists) {
        const Cache::Status cwdInfo = Cache::status(cache, resolvedCwd);
        if (!cwdInfo.exists) {
            addFinding(QStringLiteral("cwd_not_found"), Verdict::Deny, RiskLevel::High, SourceSpan{});
            cwdUsable = false;
        } else if (!cwdInfo.isDir) {
            addFinding(QStringLiteral("cwd_not_directory"), Verdict::Deny, RiskLevel::High, SourceSpan{});
            cwdUsable = false;
        } else if (!guard.isInsideWorkspace(resolvedCwd)) {
            addFinding(QStringLiteral("workspace_boundary_violation"), Verdict::Deny, RiskLevel::High, SourceSpan{}, resolvedCwd);
            cwdUsable = false;
        }
    }
    QString profile = request.envProfile.trimmed().toLower();
    if (profile.isEmpty())
        profile = QStringLiteral("default");
    if (!rules->envProfiles.contains(profile))
        addFinding(QStringLiteral("unsupported_env_profile"), Verdict::Deny, RiskLevel::High, SourceSpan{}, request.envProfile.trimmed());

    const QString original = request.command;
    QString commandText = original;
    bool agent = false;
    if (original.trimmed().isEmpty()) {
        addFinding(QStringLiteral("empty_command"), Verdict::Deny, RiskLevel::High, SourceSpan{0, original.size()});
    } else {
        qsizetype lead = 0;
        while (lead < original.size() && original[lead].isSpace())
            ++lead;
        if (isSlashCommand(original.trimmed())) {
            agent = true;
            QString launcher = request.agentLauncher.trimmed().isEmpty() ? QStringLiteral("claude -p {command}") : request.agentLauncher;
            QString quoted = original.trimmed();
            quoted.replace(QLatin1Char('\''), QStringLiteral("'\"'\"'"));
            quoted = QLatin1Char('\'') + quoted + QLatin1Char('\'');
            if (!launcher.contains(QLatin1String("{command}")))
                launcher += QStringLiteral(" {command}");
            commandText = launcher.replace(QLatin1String("{command}"), quoted);
            addFinding(QStringLiteral("agent_command"), Verdict::RequiresApproval, RiskLevel::Medium, SourceSpan{lead, original.trimmed().size()},
                       original.trimmed().section(u' ', 0, 0));
        }
        const ParseResult parsed = parseShell(commandText);
        if (!parsed.ok()) {
            addFinding(QStringLiteral("invalid_command_syntax"), Verdict::Deny, RiskLevel::High,
                       agent ? SourceSpan{0, original.size()} : parsed.errorSpan, parsed.error);
        } else if (parsed.root->children.empty()) {
            addFinding(QStringLiteral("empty_command"), Verdict::Deny, RiskLevel::High, SourceSpan{0, original.size()});
        } else {
            Analyzer analyzer(*rules, guard, home);
            AnalysisContext context;
            context.cwd = cwdUsable ? resolvedCwd : workspace;
            context.text = commandText;
            if (agent) {
                context.overrideSpans = true;
                context.overrideSpan = SourceSpan{0, original.size()};
            }
            analyzer.visit(*parsed.root, context);
            const Node &root = *parsed.root;
            if (root.children.size() > 1 || root.children.front()->kind == NodeKind::AndOr
                || root.children.front()->kind == NodeKind::Pipeline)
                addFinding(QStringLiteral("compound_shell_command"), Verdict::Allow, RiskLevel::Low, SourceSpan{0, original.size()});
            findings.append(analyzer.findings());

            const QStringList argv = plainArguments(root, home);
            result.needsBash = parsed.usesBashSyntax;
            if (!argv.isEmpty()) {
                result.needsShell = false;
                result.launchArguments = argv;
                QStringList quoted;
                for (const QString &token : argv)
                    quoted << shellQuote(token);
                result.normalizedCommand = quoted.join(u' ');
                result.commandTokens = argv;
            } else {
                result.needsShell = true;
                result.normalizedCommand = commandText.trimmed();
                tokensOf(root, commandText, home, result.commandTokens);
            }
            result.isAgentCommand = agent;
        }
    }

    // Fold: the strictest finding decides, risk is the maximum; deny is high, allow never high.
    Verdict verdict = Verdict::Allow;
    RiskLevel risk = RiskLevel::Low;
    QSet<QString> seenCodes;
    QSet<quint64> seenReasons;
    for (const Finding &finding : std::as_const(findings)) {
        if (verdictRank(finding.verdict) > verdictRank(verdict))
            verdict = finding.verdict;
        risk = qMax(risk, finding.risk);
        if (!seenCodes.contains(finding.code)) {
            seenCodes.insert(finding.code);
            result.reasonCodes << finding.code;
        }
        const quint64 key = (quint64(qHash(finding.code)) << 40) ^ (quint64(finding.span.offset) << 20) ^ quint64(finding.span.length);
        if (!seenReasons.contains(key)) {
            seenReasons.insert(key);
            result.reasons.append(PolicyReason{finding.code, finding.span, reasonMessage(finding.code, finding.detail)});
        }
    }
    if (result.reasonCodes.isEmpty()) {
        result.reasonCodes << QStringLiteral("safe_read_only_command");
        result.reasons.append(PolicyReason{QStringLiteral("safe_read_only_command"), SourceSpan{0, original.size()},
                                           reasonMessage(QStringLiteral("safe_read_only_command"), original.trimmed())});
    }
    if (verdict == Verdict::Deny)
        risk = RiskLevel::High;
    else if (verdict == Verdict::Allow && risk == RiskLevel::High)
        risk = RiskLevel::Medium;
    result.verdict = verdict;
    result.riskLevel = risk;
    result.requiresApproval = verdict == Verdict::RequiresApproval;
    if (verdict == Verdict::Deny && result.normalizedCommand.isEmpty())
        result.commandTokens.clear();
    result.fingerprint = fingerprintOf({result.normalizedCommand, result.resolvedCwd, profile, workspace, result.policyVersion});
    return result;
}

} // namespace workbench::policy
