#include "policy/policyrules.h"
#include "policy/policylog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace workbench::policy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::policy::RuleSet", text);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    out.reserve(array.size());
    for (const QJsonValue &item : array)
        out << item.toString();
    return out;
}

QSet<QString> stringSet(const QJsonValue &value)
{
    const QStringList list = stringList(value);
    return QSet<QString>(list.begin(), list.end());
}

std::optional<Verdict> verdictFromString(const QString &text)
{
    if (text == u"allow")
        return Verdict::Allow;
    if (text == u"requires_approval")
        return Verdict::RequiresApproval;
    if (text == u"deny")
        return Verdict::Deny;
    return std::nullopt;
}

std::optional<RiskLevel> riskFromString(const QString &text)
{
    if (text == u"low")
        return RiskLevel::Low;
    if (text == u"medium")
        return RiskLevel::Medium;
    if (text == u"high")
        return RiskLevel::High;
    return std::nullopt;
}

std::optional<ProgramClass> classFromKey(const QString &key)
{
    static const QHash<QString, ProgramClass> classes = {
        {QStringLiteral("read"), ProgramClass::Read},
        {QStringLiteral("query"), ProgramClass::Query},
        {QStringLiteral("dev"), ProgramClass::Dev},
        {QStringLiteral("write"), ProgramClass::Write},
        {QStringLiteral("destructive"), ProgramClass::Destructive},
        {QStringLiteral("network"), ProgramClass::Network},
        {QStringLiteral("privileged"), ProgramClass::Privileged},
        {QStringLiteral("blocked"), ProgramClass::Blocked},
        {QStringLiteral("interpreters"), ProgramClass::Interpreter},
        {QStringLiteral("shells"), ProgramClass::Shell},
        {QStringLiteral("processControl"), ProgramClass::ProcessControl},
        {QStringLiteral("background"), ProgramClass::Background},
        {QStringLiteral("packageRunners"), ProgramClass::PackageRunner},
        {QStringLiteral("eval"), ProgramClass::Eval},
        {QStringLiteral("source"), ProgramClass::Source},
        {QStringLiteral("exec"), ProgramClass::Exec},
        {QStringLiteral("unknown"), ProgramClass::Unknown},
    };
    const auto it = classes.constFind(key);
    if (it == classes.constEnd())
        return std::nullopt;
    return it.value();
}

// How strict a class is, for tightening-only layers.
int strictness(ProgramClass cls)
{
    switch (cls) {
    case ProgramClass::Read:
    case ProgramClass::Query:
        return 0;
    case ProgramClass::Dev:
    case ProgramClass::Write:
        return 1;
    case ProgramClass::Unknown:
    case ProgramClass::Interpreter:
    case ProgramClass::Shell:
    case ProgramClass::Source:
    case ProgramClass::Exec:
        return 2;
    case ProgramClass::Network:
    case ProgramClass::Destructive:
    case ProgramClass::Background:
    case ProgramClass::PackageRunner:
    case ProgramClass::ProcessControl:
    case ProgramClass::Eval:
        return 3;
    case ProgramClass::Privileged:
    case ProgramClass::Blocked:
        return 4;
    }
    return 2;
}

OperandRole roleFromString(const QString &text)
{
    static const QHash<QString, OperandRole> roles = {
        {QStringLiteral("path"), OperandRole::Path},       {QStringLiteral("none"), OperandRole::None},
        {QStringLiteral("read"), OperandRole::Read},       {QStringLiteral("write"), OperandRole::Write},
        {QStringLiteral("overwrite"), OperandRole::Overwrite}, {QStringLiteral("delete"), OperandRole::Delete},
        {QStringLiteral("modify"), OperandRole::Modify},   {QStringLiteral("copy"), OperandRole::Copy},
        {QStringLiteral("move"), OperandRole::Move},       {QStringLiteral("link"), OperandRole::Link},
        {QStringLiteral("find"), OperandRole::Find},       {QStringLiteral("tar"), OperandRole::Tar},
        {QStringLiteral("archive"), OperandRole::Archive}, {QStringLiteral("secret"), OperandRole::Secret},
        {QStringLiteral("cwd"), OperandRole::Cwd},
    };
    return roles.value(text, OperandRole::Path);
}

CarrierRule parseCarrierRule(const QJsonObject &object)
{
    CarrierRule carrier;
    carrier.subcommands = stringList(object.value(u"subcommands"));
    const QString form = object.value(u"command").toString();
    carrier.form = form == u"shell" ? CarrierRule::Form::Shell : form == u"none" ? CarrierRule::Form::None : CarrierRule::Form::Vector;
    carrier.operands = object.value(u"operands").toInt(0);
    const QString doubleDash = object.value(u"doubleDash").toString();
    carrier.doubleDash = doubleDash == u"only"     ? CarrierRule::DoubleDash::Only
                         : doubleDash == u"prefer" ? CarrierRule::DoubleDash::Prefer
                                                   : CarrierRule::DoubleDash::Optional;
    carrier.valueOptions = stringSet(object.value(u"valueOptions"));
    carrier.shellOptions = stringSet(object.value(u"shellOptions"));
    carrier.entrypointOptions = stringSet(object.value(u"entrypointOptions"));
    carrier.workdirOptions = stringSet(object.value(u"workdirOptions"));
    return carrier;
}

SubcommandRule parseSubcommandRule(const QJsonObject &object)
{
    SubcommandRule rule;
    rule.globalValueOptions = stringSet(object.value(u"globalValueOptions"));
    rule.valueOptions = stringSet(object.value(u"valueOptions"));
    const QJsonObject map = object.value(u"map").toObject();
    for (auto it = map.begin(); it != map.end(); ++it)
        rule.map.insert(it.key(), it.value().toString());
    if (object.contains(u"default"))
        rule.defaultOutcome = object.value(u"default").toString();
    const QJsonObject flags = object.value(u"flags").toObject();
    for (auto it = flags.begin(); it != flags.end(); ++it) {
        QHash<QString, QString> byFlag;
        const QJsonObject inner = it.value().toObject();
        for (auto flag = inner.begin(); flag != inner.end(); ++flag)
            byFlag.insert(flag.key(), flag.value().toString());
        rule.flags.insert(it.key().trimmed(), byFlag);
    }
    rule.installVerbs = stringSet(object.value(u"installVerbs"));
    rule.bareInstallVerbs = stringSet(object.value(u"bareInstallVerbs"));
    rule.requirementOptions = stringSet(object.value(u"requirementOptions"));
    rule.sqlOptions = stringSet(object.value(u"sqlOptions"));
    rule.sqlFileOptions = stringSet(object.value(u"sqlFileOptions"));
    rule.sqlOperands = object.value(u"sqlOperands").toBool();
    const QJsonObject clientCommands = object.value(u"sqlClientCommands").toObject();
    for (auto it = clientCommands.begin(); it != clientCommands.end(); ++it)
        rule.sqlClientCommands.insert(it.key(), stringList(it.value()));
    rule.hostMountOptions = stringSet(object.value(u"hostMountOptions"));
    rule.execConfigKeys = stringList(object.value(u"execConfigKeys"));
    for (QString &key : rule.execConfigKeys)
        key = key.toLower();
    rule.execConfigKeySuffixes = stringList(object.value(u"execConfigKeySuffixes"));
    for (const QJsonValue &carrier : object.value(u"carriers").toArray())
        rule.carriers << parseCarrierRule(carrier.toObject());
    rule.prefix = object.value(u"prefix").toString();
    rule.destructiveWords = stringList(object.value(u"destructiveWords"));
    rule.flagsOnlyWhenAlone = object.value(u"flagsOnlyWhenAlone").toBool();
    return rule;
}

} // namespace

int lineOfOffset(const QByteArray &data, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, data.size());
    return int(data.left(offset).count('\n')) + 1;
}

RuleSet RuleSet::builtIn()
{
    static const RuleSet cached = [] {
        RuleSet rules;
        QList<RuleDiagnostic> diagnostics;
        QFile file(QStringLiteral(":/policy/default-rules.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            qCCritical(lcPolicy) << "built-in policy rules are missing from the resources";
            rules.m_executionEnabled = false;
            rules.m_version = QStringLiteral("missing");
            return rules;
        }
        if (!rules.loadBuiltIn(file.readAll(), &diagnostics)) {
            for (const auto &diagnostic : std::as_const(diagnostics))
                qCCritical(lcPolicy) << diagnostic.file << diagnostic.line << diagnostic.message;
            rules.m_executionEnabled = false;
        }
        return rules;
    }();
    return cached;
}

bool RuleSet::loadBuiltIn(const QByteArray &json, QList<RuleDiagnostic> *diagnostics)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        if (diagnostics)
            diagnostics->append({QStringLiteral(":/policy/default-rules.json"), lineOfOffset(json, error.offset), error.errorString(), true});
        return false;
    }
    const QJsonObject root = document.object();
    m_version = root.value(u"version").toString();
    m_executionEnabled = root.value(u"executionEnabled").toBool(true);
    maxWrapperDepth = root.value(u"maxWrapperDepth").toInt(8);
    envProfiles = stringSet(root.value(u"envProfiles"));
    standardBinDirs = stringList(root.value(u"standardBinDirs"));

    const QJsonObject outcomes = root.value(u"outcomes").toObject();
    for (auto it = outcomes.begin(); it != outcomes.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        Outcome outcome;
        outcome.verdict = verdictFromString(object.value(u"verdict").toString()).value_or(Verdict::Deny);
        outcome.risk = riskFromString(object.value(u"risk").toString()).value_or(RiskLevel::High);
        outcome.code = object.value(u"code").toString();
        m_outcomes.insert(it.key(), outcome);
    }

    const QJsonObject programs = root.value(u"programs").toObject();
    for (auto it = programs.begin(); it != programs.end(); ++it) {
        if (it.key() == u"blockedPrefixes") {
            m_blockedPrefixes = stringList(it.value());
            continue;
        }
        const auto cls = classFromKey(it.key());
        if (!cls)
            continue;
        for (const QString &name : stringList(it.value()))
            m_classes.insert(name, *cls);
    }

    const QJsonObject wrappers = root.value(u"wrappers").toObject();
    for (auto it = wrappers.begin(); it != wrappers.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        WrapperRule rule;
        rule.valueOptions = stringSet(object.value(u"valueOptions"));
        rule.positionals = object.value(u"positionals").toInt(0);
        rule.outcome = object.value(u"outcome").toString();
        rule.assignments = object.value(u"assignments").toBool();
        rule.dynamicArguments = object.value(u"dynamicArguments").toBool();
        rule.joinAsShell = object.value(u"joinAsShell").toBool();
        rule.noInnerCommand = object.value(u"noInnerCommand").toBool();
        rule.shellOptions = stringSet(object.value(u"shellOption"));
        rule.defaultCommand = object.value(u"defaultCommand").toString();
        m_wrappers.insert(it.key(), rule);
    }

    const QJsonObject options = root.value(u"programOptions").toObject();
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        ProgramOptions rule;
        if (object.contains(u"operands")) {
            rule.operands = roleFromString(object.value(u"operands").toString());
            rule.operandsSet = true;
        }
        rule.skipOperands = object.value(u"skipOperands").toInt(0);
        rule.valueOptions = stringSet(object.value(u"valueOptions"));
        rule.patternOptions = stringSet(object.value(u"patternOptions"));
        rule.execOptions = stringSet(object.value(u"execOptions"));
        rule.overwriteOptions = stringSet(object.value(u"overwriteOptions"));
        rule.uploadOptions = stringSet(object.value(u"uploadOptions"));
        rule.deleteFlags = stringSet(object.value(u"deleteFlags"));
        rule.readOnlyFlags = stringSet(object.value(u"readOnlyFlags"));
        rule.targetOptions = stringSet(object.value(u"targetOptions"));
        rule.lastOperandWrites = object.value(u"lastOperandWrites").toBool();
        rule.outcome = object.value(u"outcome").toString();
        const QJsonObject pathOptions = object.value(u"pathOptions").toObject();
        for (auto option = pathOptions.begin(); option != pathOptions.end(); ++option)
            rule.pathOptions.insert(option.key(), roleFromString(option.value().toString()));
        const QJsonObject arity = object.value(u"valueArity").toObject();
        for (auto option = arity.begin(); option != arity.end(); ++option)
            rule.valueArity.insert(option.key(), option.value().toInt(1));
        m_options.insert(it.key(), rule);
    }

    const QJsonObject subcommands = root.value(u"subcommandPrograms").toObject();
    for (auto it = subcommands.begin(); it != subcommands.end(); ++it) {
        const QJsonObject object = it.value().toObject();
        if (object.contains(u"alias")) {
            m_subcommandAliases.insert(it.key(), object.value(u"alias").toString());
            continue;
        }
        m_subcommands.insert(it.key(), parseSubcommandRule(object));
    }

    secretPaths = stringList(root.value(u"secretPaths"));
    workspaceSecretNames = stringList(root.value(u"workspaceSecretNames"));
    persistencePaths = stringList(root.value(u"persistencePaths"));
    toolCaches = stringList(root.value(u"toolCaches"));
    publicKeyPaths = stringList(root.value(u"publicKeyPaths"));
    harmlessPaths = stringList(root.value(u"harmlessPaths"));
    blockDevices = stringList(root.value(u"blockDevices"));
    systemReadPaths = stringList(root.value(u"systemReadPaths"));
    const QJsonObject hijack = root.value(u"envHijack").toObject();
    envHijackAlways = stringSet(hijack.value(u"always"));
    envHijackPrefixes = stringList(hijack.value(u"prefixes"));
    envProgramValued = stringSet(hijack.value(u"programValued"));
    envBenignPrograms = stringSet(hijack.value(u"benignPrograms"));
    const QJsonObject benignOptions = hijack.value(u"benignProgramOptions").toObject();
    for (auto it = benignOptions.begin(); it != benignOptions.end(); ++it)
        envBenignProgramOptions.insert(it.key(), stringSet(it.value()));
    envPathVariables = stringSet(hijack.value(u"pathVariables"));
    envWorkspacePathLists = stringSet(hijack.value(u"workspacePathLists"));
    const QJsonObject optionLists = hijack.value(u"optionLists").toObject();
    for (auto it = optionLists.begin(); it != optionLists.end(); ++it)
        envOptionLists.insert(it.key(), stringList(it.value()));
    secretVariableMarkers = stringList(root.value(u"secretVariableMarkers"));
    for (const QString &decoder : stringList(root.value(u"decoders")))
        decoders << decoder.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QJsonObject inlineOptions = root.value(u"interpreterInlineOptions").toObject();
    for (auto it = inlineOptions.begin(); it != inlineOptions.end(); ++it)
        interpreterInlineOptions.insert(it.key(), stringSet(it.value()));
    const QJsonObject moduleOptions = root.value(u"interpreterModuleOptions").toObject();
    for (auto it = moduleOptions.begin(); it != moduleOptions.end(); ++it)
        interpreterModuleOptions.insert(it.key(), stringSet(it.value()));
    const QJsonObject modules = root.value(u"pythonModules").toObject();
    for (auto it = modules.begin(); it != modules.end(); ++it)
        pythonModules.insert(it.key(), it.value().toString());
    const QJsonObject databaseTaskRules = root.value(u"databaseTasks").toObject();
    for (const QString &launcher : stringList(databaseTaskRules.value(u"launchers")))
        databaseTaskLaunchers << launcher.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Longest first, so "yarn exec knex" strips "yarn exec", not only "yarn".
    std::stable_sort(databaseTaskLaunchers.begin(), databaseTaskLaunchers.end(),
                     [](const QStringList &a, const QStringList &b) { return a.size() > b.size(); });
    const QJsonObject taskAliases = databaseTaskRules.value(u"aliases").toObject();
    for (auto it = taskAliases.begin(); it != taskAliases.end(); ++it)
        databaseTaskAliases.insert(it.key(), it.value().toString());
    const QJsonObject tools = databaseTaskRules.value(u"tools").toObject();
    for (auto it = tools.begin(); it != tools.end(); ++it) {
        QList<QStringList> tasks;
        for (const QJsonValue &task : it.value().toArray())
            tasks << stringList(task);
        databaseTasks.insert(it.key(), tasks);
    }

    if (m_version.isEmpty() || m_outcomes.isEmpty() || m_classes.isEmpty()) {
        if (diagnostics)
            diagnostics->append({QStringLiteral(":/policy/default-rules.json"), 0, tr("The built-in rules lack a version, outcomes or programs."), true});
        return false;
    }
    m_valid = true;
    m_hash.clear();
    rehash(json);
    return true;
}

void RuleSet::rehash(const QByteArray &layerBytes)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(m_hash.toUtf8());
    hash.addData(layerBytes);
    m_hash = QString::fromLatin1(hash.result().toHex());
}

bool RuleSet::applyLayer(const QByteArray &json, const QString &fileName, LayerTrust trust, QList<RuleDiagnostic> *diagnostics)
{
    auto refuse = [&](int line, const QString &message) {
        if (diagnostics)
            diagnostics->append({fileName, line, message, true});
        qCWarning(lcPolicy) << "refused policy layer" << fileName << "line" << line << message;
        return false;
    };
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return refuse(lineOfOffset(json, error.offset), error.errorString());
    if (!document.isObject())
        return refuse(1, tr("The file must hold a JSON object."));
    const QJsonObject root = document.object();
    static const QSet<QString> known = {
        QStringLiteral("version"), QStringLiteral("description"), QStringLiteral("executionEnabled"), QStringLiteral("rules"),
        QStringLiteral("programs"), QStringLiteral("secretPaths"), QStringLiteral("persistencePaths"),
        QStringLiteral("workspaceSecretNames"), QStringLiteral("envHijack"),
    };
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!known.contains(it.key()))
            return refuse(0, tr("Unknown key \"%1\".").arg(it.key()));
    }
    if (root.contains(u"executionEnabled") && !root.value(u"executionEnabled").isBool())
        return refuse(0, tr("\"executionEnabled\" must be true or false."));

    // Validate everything before changing anything.
    QList<OverlayRule> rules;
    const QJsonArray ruleArray = root.value(u"rules").toArray();
    if (root.contains(u"rules") && !root.value(u"rules").isArray())
        return refuse(0, tr("\"rules\" must be an array."));
    for (qsizetype i = 0; i < ruleArray.size(); ++i) {
        const QJsonObject object = ruleArray.at(i).toObject();
        const QStringList match = object.value(u"match").toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const auto verdict = verdictFromString(object.value(u"verdict").toString());
        if (match.isEmpty() || !verdict)
            return refuse(0, tr("Rule %1 needs a \"match\" and a verdict (allow, requires_approval or deny).").arg(i + 1));
        if (trust == LayerTrust::Tighten && *verdict == Verdict::Allow) {
            if (diagnostics)
                diagnostics->append({fileName, 0, tr("Rule %1 (\"allow\") ignored: this file may only tighten the policy.").arg(i + 1), false});
            continue;
        }
        rules.append({match, *verdict, object.value(u"reason").toString(), fileName});
    }
    QHash<QString, ProgramClass> reclassified;
    const QJsonObject programs = root.value(u"programs").toObject();
    for (auto it = programs.begin(); it != programs.end(); ++it) {
        const auto cls = classFromKey(it.key());
        if (!cls)
            return refuse(0, tr("Unknown program class \"%1\".").arg(it.key()));
        for (const QString &name : stringList(it.value())) {
            if (trust == LayerTrust::Tighten && strictness(*cls) < strictness(programClass(name))) {
                if (diagnostics)
                    diagnostics->append({fileName, 0, tr("\"%1\" not moved to \"%2\": this file may only tighten the policy.").arg(name, it.key()), false});
                continue;
            }
            reclassified.insert(name, *cls);
        }
    }

    if (root.contains(u"executionEnabled")) {
        const bool enabled = root.value(u"executionEnabled").toBool();
        if (!enabled)
            m_executionEnabled = false;
        else if (trust == LayerTrust::Extend && !m_executionEnabled && diagnostics)
            diagnostics->append({fileName, 0, tr("\"executionEnabled\": true cannot switch execution back on."), false});
    }
    overlayRules.append(rules);
    for (auto it = reclassified.begin(); it != reclassified.end(); ++it) {
        m_classes.insert(it.key(), it.value());
        // An explicit class wins over subcommand and wrapper tables.
        if (it.value() == ProgramClass::Blocked || it.value() == ProgramClass::Privileged) {
            m_subcommands.remove(it.key());
            m_wrappers.remove(it.key());
        }
    }
    secretPaths << stringList(root.value(u"secretPaths"));
    persistencePaths << stringList(root.value(u"persistencePaths"));
    workspaceSecretNames << stringList(root.value(u"workspaceSecretNames"));
    const QJsonObject hijack = root.value(u"envHijack").toObject();
    envHijackAlways.unite(stringSet(hijack.value(u"always")));
    rehash(json);
    return true;
}

ProgramClass RuleSet::programClass(const QString &name) const
{
    const auto it = m_classes.constFind(name);
    if (it != m_classes.constEnd())
        return it.value();
    for (const QString &prefix : m_blockedPrefixes) {
        if (name.startsWith(prefix))
            return ProgramClass::Blocked;
    }
    return ProgramClass::Unknown;
}

const ProgramOptions *RuleSet::programOptions(const QString &name) const
{
    const auto it = m_options.constFind(name);
    return it == m_options.constEnd() ? nullptr : &it.value();
}

const WrapperRule *RuleSet::wrapper(const QString &name) const
{
    const auto it = m_wrappers.constFind(name);
    return it == m_wrappers.constEnd() ? nullptr : &it.value();
}

const SubcommandRule *RuleSet::subcommands(const QString &name) const
{
    const QString target = m_subcommandAliases.value(name, name);
    const auto it = m_subcommands.constFind(target);
    return it == m_subcommands.constEnd() ? nullptr : &it.value();
}

Outcome RuleSet::outcome(const QString &name) const
{
    const auto it = m_outcomes.constFind(name);
    if (it != m_outcomes.constEnd())
        return it.value();
    return m_outcomes.value(QStringLiteral("unknown"), Outcome{Verdict::RequiresApproval, RiskLevel::Medium, QStringLiteral("unknown_command")});
}

} // namespace workbench::policy
