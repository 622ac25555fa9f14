// Program-specific judgement: wrappers, subcommand tools (git, npm, docker ...), shells,
// interpreters, network tools and the operand/path checks shared by all of them.
#include "policy/analyzer.h"
#include "policy/policyreasons.h"
#include "policy/shellparser.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace workbench::policy {

namespace {

bool isOption(const QString &value)
{
    return value.size() > 1 && value.startsWith(u'-');
}

QString optionName(const QString &value)
{
    if (value.startsWith(u"--")) {
        const qsizetype eq = value.indexOf(u'=');
        return eq > 0 ? value.left(eq) : value;
    }
    return value;
}

bool looksLikePath(const QString &value)
{
    if (value.isEmpty() || value.contains(QLatin1String("://")))
        return false;
    return value.startsWith(u'/') || value.startsWith(u'~') || value == u"." || value == u".." || value.startsWith(u"./")
           || value.startsWith(u"../") || value.contains(u'/');
}

bool isLocalPackageSpec(const QString &value)
{
    return value.startsWith(u'.') || value.startsWith(u'/') || value.startsWith(u'~') || value.startsWith(QLatin1String("file:"));
}

bool isRemoteSpec(const QString &value)
{
    const qsizetype colon = value.indexOf(u':');
    if (colon <= 0)
        return false;
    const qsizetype slash = value.indexOf(u'/');
    return slash < 0 || colon < slash;
}

QString globStandIn(const QString &value)
{
    QString out = value;
    out.replace(u'*', u'x').replace(u'?', u'x');
    static thread_local const QRegularExpression brackets(QStringLiteral("\\[[^\\]]*\\]"));
    out.replace(brackets, QStringLiteral("x"));
    return out;
}

SourceSpan coverArgs(const QList<Arg> &args, SourceSpan fallback)
{
    if (args.isEmpty())
        return fallback;
    const qsizetype start = args.front().span.offset;
    const qsizetype end = args.back().span.offset + args.back().span.length;
    return end >= start ? SourceSpan{start, end - start} : fallback;
}

Arg syntheticArg(const Arg &like, const QString &value)
{
    Arg arg = like;
    arg.value = value;
    arg.alternatives.clear();
    arg.info = WordValue{};
    arg.info.value = value;
    return arg;
}

bool hasSecretMarker(const QStringList &markers, const QStringList &names)
{
    for (const QString &name : names) {
        const QString upper = name.toUpper();
        for (const QString &marker : markers) {
            if (upper.contains(marker))
                return true;
        }
    }
    return false;
}

int outcomeStrictness(const RuleSet &rules, const QString &name)
{
    const Outcome outcome = rules.outcome(name);
    const int verdict = outcome.verdict == Verdict::Allow ? 0 : (outcome.verdict == Verdict::RequiresApproval ? 1 : 2);
    return verdict * 10 + int(outcome.risk);
}

} // namespace

bool Analyzer::isDecoder(const QString &name, const QList<Arg> &args) const
{
    for (const QStringList &decoder : m_rules.decoders) {
        if (decoder.isEmpty() || decoder.front() != name)
            continue;
        bool all = true;
        for (qsizetype k = 1; k < decoder.size() && all; ++k) {
            bool found = false;
            for (qsizetype i = 1; i < args.size() && !found; ++i) {
                const QString &value = args[i].value;
                found = value == decoder[k]
                        || (decoder[k].size() == 2 && decoder[k].startsWith(u'-') && !value.startsWith(u"--") && value.startsWith(u'-')
                            && value.contains(decoder[k][1]));
            }
            all = found;
        }
        if (all)
            return true;
    }
    return false;
}

void Analyzer::checkPath(const Arg &arg, const QString &value, OperandRole role, AnalysisContext &context, Taint &taint,
                         bool redirection, bool recursive)
{
    if (role == OperandRole::None || role == OperandRole::Secret)
        return;
    const QString outsideCode = redirection ? QStringLiteral("redirection_outside_workspace") : QStringLiteral("path_outside_workspace");
    const bool writes = role == OperandRole::Write || role == OperandRole::Overwrite || role == OperandRole::Delete
                        || role == OperandRole::Modify;
    const bool relative = !value.startsWith(u'/') && !value.startsWith(u'~');
    bool dynamic = arg.isDynamic() || (relative && context.cwd.isEmpty());
    QString checked = value;
    if (arg.fromXargs) {
        // xargs appends words read from stdin: inside when they come from an inside listing.
        const bool insideListing = context.input.kind == StdinKind::Pipe && context.input.taint.listing && !context.input.taint.outside
                                   && !context.input.taint.network;
        dynamic = !insideListing || context.cwd.isEmpty();
        checked = QStringLiteral("x");
        if (!dynamic && writes && context.input.taint.diskListing) {
            // B9, `find . -name "*.py" | xargs black`: the rubric judges dynamic write targets as if they
            // could point anywhere. A listing of what is on disk names untracked, ignored and generated
            // files and links out of the workspace, and xargs splits names at blanks, so the repository's
            // file names choose the targets: ask. Files git tracks (git ls-files) stay recoverable writes.
            add(QStringLiteral("dynamic_argument"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span,
                arg.raw.isEmpty() ? value : arg.raw, context);
        }
    }
    if (dynamic) {
        if (!writes) {
            // cat ~/.ssh/$f, cat $(ls ~/.ssh), ls ~/.ssh | xargs cat: whatever the word becomes, it names
            // credential material (the literal directory before the unknown part is a secret one).
            const bool secretNames = arg.taint.secretNames || (arg.fromXargs && context.input.taint.secretNames);
            const QString literalDirectory = arg.fromXargs ? QString() : value.left(value.lastIndexOf(u'/'));
            if (!m_listingNamesOnly
                && (secretNames || (literalDirectory.startsWith(u'/') && m_guard.classify(literalDirectory, context.cwd).secret)
                    || dynamicPathMayBeSecret(arg, context))) {
                taint.secret = true;
                add(QStringLiteral("credential_access"), Verdict::Deny, RiskLevel::High, arg.span, arg.raw.isEmpty() ? value : arg.raw, context);
            }
            return;
        }
        const bool destructive = role == OperandRole::Delete || role == OperandRole::Overwrite || (role == OperandRole::Modify && recursive);
        add(QStringLiteral("dynamic_argument"), destructive ? Verdict::Deny : Verdict::RequiresApproval,
            destructive ? RiskLevel::High : RiskLevel::Medium, arg.span, arg.raw.isEmpty() ? value : arg.raw, context);
        return;
    }
    QStringList values;
    if (!arg.alternatives.isEmpty() && value == arg.value)
        values = arg.alternatives;
    else
        values << checked;
    for (const QString &candidate : std::as_const(values)) {
        const QString located = arg.info.glob ? globStandIn(candidate) : candidate;
        const PathInfo info = role == OperandRole::Delete ? m_guard.classifyLink(located, context.cwd) : m_guard.classify(located, context.cwd);
        const QString shown = candidate;
        switch (info.zone) {
        case PathZone::Harmless:
            continue;
        case PathZone::Network:
            taint.network = true;
            add(QStringLiteral("network_command"), Verdict::RequiresApproval, RiskLevel::High, arg.span, shown, context);
            continue;
        case PathZone::BlockDevice:
            if (writes)
                add(QStringLiteral("block_device_write"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            else
                add(QStringLiteral("credential_access"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            continue;
        default:
            break;
        }
        const bool inside = info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot;
        // cat ~/.ssh/*: the stand-in name need not be secret, what the glob expands to may be.
        const bool secret = info.secret || (arg.info.glob && m_guard.globMayMatchSecret(candidate, context.cwd))
                            || throughSecretLink(info.lexical);
        if (!writes && secret && m_listingNamesOnly) {
            // ls ~/.ssh: a read outside the workspace whose output names credential files.
            taint.outside = true;
            taint.secretNames = true;
            add(outsideCode, Verdict::RequiresApproval, RiskLevel::Low, arg.span, shown, context);
            continue;
        }
        if (!writes) {
            if (inside && secret) {
                taint.secret = true;
                add(QStringLiteral("credential_access"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            } else if (inside) {
                // ls -l .env, stat .env: names and metadata, not the secret's content.
                if (info.workspaceSecret && !m_listingNamesOnly) {
                    taint.secret = true;
                    add(QStringLiteral("secret_file_read"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, shown, context);
                }
            } else if (secret) {
                taint.secret = true;
                add(QStringLiteral("credential_access"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            } else if (info.zone == PathZone::Outside && !info.systemRead) {
                taint.outside = true;
                add(outsideCode, Verdict::RequiresApproval, RiskLevel::Low, arg.span, shown, context);
            }
            continue;
        }
        // Writes, overwrites, deletes, mode changes.
        if (role == OperandRole::Delete || (role == OperandRole::Modify && recursive)) {
            if (info.zone == PathZone::WorkspaceRoot || info.home || info.filesystemRoot) {
                add(QStringLiteral("workspace_root_target"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
                if (info.filesystemRoot && role == OperandRole::Delete)
                    add(QStringLiteral("blocked_command_pattern"), Verdict::Deny, RiskLevel::High, arg.span, QStringLiteral("rm -rf /"), context);
                taint.outside = !inside;
                continue;
            }
            if (inside)
                continue;
            if (info.zone == PathZone::ToolCache) {
                add(QStringLiteral("destructive_command"), Verdict::RequiresApproval, RiskLevel::High, arg.span, shown, context);
                continue;
            }
            taint.outside = true;
            if (info.persistence)
                add(QStringLiteral("persistence"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            add(outsideCode, Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            continue;
        }
        if (inside && (info.persistence || info.secret)) {
            add(QStringLiteral("persistence"), Verdict::Deny, RiskLevel::High, arg.span, shown, context);
            continue;
        }
        if (inside) {
            if (info.gitInternals)
                add(QStringLiteral("workspace_hook_write"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, shown, context);
            else
                add(QStringLiteral("workspace_write"), Verdict::Allow, RiskLevel::Medium, arg.span, shown, context);
            continue;
        }
        if (info.zone == PathZone::ToolCache)
            continue;
        taint.outside = true;
        if (info.persistence || info.secret) {
            add(QStringLiteral("persistence"), role == OperandRole::Modify ? Verdict::RequiresApproval : Verdict::Deny,
                role == OperandRole::Modify ? RiskLevel::Medium : RiskLevel::High, arg.span, shown, context);
            continue;
        }
        const bool overwritesExisting = (role == OperandRole::Overwrite || role == OperandRole::Write) && info.exists && !info.isDir;
        if (role == OperandRole::Overwrite && overwritesExisting)
            add(outsideCode, Verdict::Deny, RiskLevel::High, arg.span, shown, context);
        else if (role == OperandRole::Write && overwritesExisting && !redirection)
            add(outsideCode, Verdict::Deny, RiskLevel::High, arg.span, shown, context);
        else
            add(outsideCode, Verdict::RequiresApproval, RiskLevel::Medium, arg.span, shown, context);
    }
}

void Analyzer::judgeOperands(const QString &name, const ProgramOptions *options, OperandRole role, const QList<Arg> &args,
                             AnalysisContext &context, SourceSpan span, Taint &taint)
{
    Q_UNUSED(span)
    QList<Arg> operands;
    QList<Arg> targets;
    bool patternGiven = false;
    bool endOfOptions = false;
    bool readOnly = false;
    bool deleting = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const Arg &arg = args[i];
        const QString &value = arg.value;
        if (endOfOptions || arg.fromXargs || !isOption(value) || arg.isDynamic()) {
            operands << arg;
            continue;
        }
        if (value == u"--") {
            endOfOptions = true;
            continue;
        }
        QString option = optionName(value);
        QString attached;
        bool hasAttached = false;
        if (value.startsWith(u"--")) {
            const qsizetype eq = value.indexOf(u'=');
            if (eq > 0) {
                attached = value.mid(eq + 1);
                hasAttached = true;
            }
        } else if (options && value.size() > 2) {
            const QString shortOption = value.left(2);
            if (options->valueOptions.contains(shortOption) || options->pathOptions.contains(shortOption)
                || options->patternOptions.contains(shortOption) || options->targetOptions.contains(shortOption)) {
                option = shortOption;
                attached = value.mid(2);
                hasAttached = true;
            }
        }
        auto takeValue = [&](Arg *out) -> bool {
            if (hasAttached) {
                *out = syntheticArg(arg, attached);
                out->info = arg.info;
                out->info.value = attached;
                return true;
            }
            if (i + 1 < args.size()) {
                *out = args[++i];
                return true;
            }
            return false;
        };
        if (!options) {
            // Unknown options: only --opt=/some/path values are placed.
            if (hasAttached && looksLikePath(attached))
                checkPath(syntheticArg(arg, attached), attached, OperandRole::Read, context, taint, false);
            continue;
        }
        if (options->readOnlyFlags.contains(option) || (!value.startsWith(u"--") && [&] {
                for (const QString &flag : options->readOnlyFlags) {
                    if (flag.size() == 2 && value.contains(flag[1]))
                        return true;
                }
                return false;
            }()))
            readOnly = true;
        if (options->deleteFlags.contains(option))
            deleting = true;
        if (options->execOptions.contains(option)) {
            Arg command;
            const bool hasValue = (options->valueOptions.contains(option) || name == u"gdb") && takeValue(&command);
            if (name == u"gdb" && hasValue && judgeDebuggerCommand(command, context))
                continue;
            add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, option, context);
            continue;
        }
        if (options->pathOptions.contains(option)) {
            Arg target;
            if (takeValue(&target)) {
                const OperandRole optionRole = options->pathOptions.value(option);
                if (optionRole == OperandRole::Cwd)
                    checkPath(target, target.value, OperandRole::Read, context, taint, false);
                else
                    checkPath(target, target.value, optionRole, context, taint, false);
            }
            continue;
        }
        if (options->patternOptions.contains(option)) {
            patternGiven = true;
            Arg pattern;
            if (takeValue(&pattern)) {
                if (name == u"sed" && (option == u"-e" || option == u"--expression"))
                    judgeSedScript(pattern.value, pattern.span, context);
                else if ((name == u"awk" || name == u"gawk") && (option == u"-e" || option == u"--source"))
                    judgeAwkProgram(pattern.value, pattern.span, context);
                else if (option == u"-f" || option == u"--file" || option == u"--from-file")
                    checkPath(pattern, pattern.value, OperandRole::Read, context, taint, false);
            }
            continue;
        }
        if (options->targetOptions.contains(option)) {
            Arg target;
            if (takeValue(&target))
                targets << target;
            continue;
        }
        if (options->valueOptions.contains(option) && !hasAttached) {
            const int arity = options->valueArity.value(option, 1);
            i += arity;
            continue;
        }
        if (hasAttached && looksLikePath(attached) && !options->valueOptions.contains(option))
            checkPath(syntheticArg(arg, attached), attached, OperandRole::Read, context, taint, false);
    }

    int skip = options && !patternGiven ? options->skipOperands : 0;
    if (name == u"chmod" || name == u"chown" || name == u"chgrp" || name == u"chattr")
        skip = options ? options->skipOperands : 1; // the mode/owner is never a pattern option
    for (int k = 0; k < skip && !operands.isEmpty(); ++k) {
        const Arg pattern = operands.takeFirst();
        if (name == u"sed")
            judgeSedScript(pattern.value, pattern.span, context);
        else if (name == u"awk" || name == u"gawk" || name == u"mawk" || name == u"nawk")
            judgeAwkProgram(pattern.value, pattern.span, context);
    }
    if (readOnly && role != OperandRole::None)
        role = OperandRole::Read;

    switch (role) {
    case OperandRole::None:
    case OperandRole::Secret:
        return;
    case OperandRole::Path:
        for (const Arg &operand : std::as_const(operands)) {
            if (!operand.isDynamic() && looksLikePath(operand.value))
                checkPath(operand, operand.value, OperandRole::Read, context, taint, false);
        }
        return;
    case OperandRole::Copy:
    case OperandRole::Move: {
        const OperandRole sourceRole = OperandRole::Read;
        QList<Arg> sources = operands;
        if (targets.isEmpty() && sources.size() >= 2)
            targets << sources.takeLast();
        for (const Arg &source : std::as_const(sources)) {
            if (!isRemoteSpec(source.value) || source.value.startsWith(u'/'))
                checkPath(source, source.value, sourceRole, context, taint, false);
            if (role == OperandRole::Move && !source.isDynamic()) {
                const PathInfo info = m_guard.classify(source.value, context.cwd);
                if (info.zone != PathZone::Inside && info.zone != PathZone::ToolCache && info.zone != PathZone::Harmless)
                    checkPath(source, source.value, OperandRole::Delete, context, taint, false);
            }
        }
        for (const Arg &target : std::as_const(targets)) {
            if (!isRemoteSpec(target.value) || target.value.startsWith(u'/'))
                checkPath(target, target.value, deleting ? OperandRole::Delete : OperandRole::Write, context, taint, false);
        }
        carryFetchedFiles(sources, targets, context);
        return;
    }
    case OperandRole::Archive:
        for (qsizetype k = 0; k < operands.size(); ++k)
            checkPath(operands[k], operands[k].value, k == 0 ? OperandRole::Overwrite : OperandRole::Read, context, taint, false);
        return;
    default:
        break;
    }
    const bool lastWrites = options && options->lastOperandWrites && operands.size() >= 2;
    for (qsizetype k = 0; k < operands.size(); ++k) {
        const OperandRole operandRole = lastWrites ? (k == operands.size() - 1 ? OperandRole::Overwrite : OperandRole::Read) : role;
        checkPath(operands[k], operands[k].value, operandRole, context, taint, false);
    }
}

Taint Analyzer::judgeWrapper(const QString &name, const WrapperRule &rule, const QList<Arg> &args, AnalysisContext &context,
                             SourceSpan span)
{
    Taint taint;
    if (name == u"command" || name == u"type") {
        for (qsizetype i = 1; i < args.size(); ++i) {
            if (args[i].value == u"-v" || args[i].value == u"-V") {
                addOutcome(QStringLiteral("query"), span, name, context);
                return taint;
            }
        }
    }
    if (!rule.outcome.isEmpty())
        addOutcome(rule.outcome, span, name, context);
    if (rule.outcome == u"background")
        m_background = true;

    AnalysisContext inner = context;
    qsizetype i = 1;
    int positionals = rule.positionals;
    bool handledString = false;
    while (i < args.size()) {
        const Arg &arg = args[i];
        const QString &value = arg.value;
        if (rule.assignments && !isOption(value) && value.indexOf(u'=') > 0) {
            const QString variable = value.left(value.indexOf(u'='));
            static thread_local const QRegularExpression namePattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
            if (namePattern.match(variable).hasMatch()) {
                WordValue assigned = arg.info;
                assigned.value = value.mid(value.indexOf(u'=') + 1);
                checkEnvAssignment(variable, Word{}, assigned, arg.span, context);
                ++i;
                continue;
            }
        }
        if (value == u"--") {
            ++i;
            break;
        }
        const bool shellOptionHere = isOption(value)
                                     && (rule.shellOptions.contains(optionName(value))
                                         || (!value.startsWith(u"--") && rule.shellOptions.contains(QStringLiteral("-c")) && value.endsWith(u'c')));
        if (isOption(value) && (positionals == rule.positionals || shellOptionHere)) {
            const QString option = optionName(value);
            const bool attached = value.startsWith(u"--") ? value.contains(u'=') : false;
            const bool shellOption = shellOptionHere;
            if (shellOption || ((name == u"env") && (option == u"-S" || option == u"--split-string"))) {
                QString text;
                SourceSpan where = arg.span;
                bool dynamicText = false;
                Taint textTaint;
                if (attached) {
                    text = value.mid(value.indexOf(u'=') + 1);
                } else if (i + 1 < args.size()) {
                    text = args[i + 1].value;
                    where = args[i + 1].span;
                    dynamicText = args[i + 1].isDynamic();
                    textTaint = args[i + 1].taint;
                    ++i;
                }
                ++i;
                if (textTaint.network || textTaint.decoded) {
                    add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, where, name, context);
                } else if (dynamicText) {
                    add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, where, name, context);
                } else if (name == u"env") {
                    // env -S splits the string into words and runs them: same as a command line.
                    taint |= judgeShellText(text + QStringLiteral(" ") + [&] {
                        QStringList rest;
                        for (qsizetype k = i; k < args.size(); ++k)
                            rest << shellQuote(args[k].value);
                        return rest.join(u' ');
                    }(), where, inner, name);
                    return taint;
                } else {
                    taint |= judgeShellText(text, where, inner, name);
                }
                handledString = true;
                continue;
            }
            if (name == u"env" && (option == u"-C" || option == u"--chdir")) {
                const QString dir = attached ? value.mid(value.indexOf(u'=') + 1) : (i + 1 < args.size() ? args[i + 1].value : QString());
                if (!attached)
                    ++i;
                ++i;
                const PathInfo info = m_guard.classify(dir, context.cwd);
                inner.cwd = info.resolved;
                if (info.zone == PathZone::Outside)
                    add(QStringLiteral("path_outside_workspace"), Verdict::RequiresApproval, RiskLevel::Low, span, dir, context);
                continue;
            }
            if ((name == u"xargs" || name == u"parallel") && (option == u"-a" || option == u"--arg-file")) {
                // xargs -a FILE reads its arguments from FILE: a read of FILE (xargs -a /proc/self/environ).
                const Arg file = attached ? syntheticArg(arg, value.section(u'=', 1)) : (i + 1 < args.size() ? args[i + 1] : arg);
                if (file.value != value) {
                    inner.input.taint |= [&] {
                        Taint read;
                        checkPath(file, file.value, OperandRole::Read, context, read, false);
                        return read;
                    }();
                }
            }
            if (rule.valueOptions.contains(option) && !attached)
                ++i;
            ++i;
            continue;
        }
        if (positionals > 0) {
            --positionals;
            ++i;
            continue;
        }
        break;
    }
    // A value option at the very end (`xargs -L`) steps past the last argument.
    i = std::min(i, args.size());
    if (rule.noInnerCommand || handledString)
        return taint;
    QList<Arg> innerArgs = args.mid(i);
    if (innerArgs.isEmpty()) {
        if (name == u"env") {
            addOutcome(QStringLiteral("env_dump"), span, name, context);
            taint.envDump = true;
            return taint;
        }
        if (rule.defaultCommand.isEmpty()) {
            if (rule.outcome.isEmpty())
                addOutcome(QStringLiteral("query"), span, name, context);
            return taint;
        }
        innerArgs << syntheticArg(args.front(), rule.defaultCommand);
    }
    if (rule.joinAsShell) {
        QStringList words;
        bool allStatic = true;
        for (const Arg &arg : std::as_const(innerArgs)) {
            words << arg.value;
            allStatic = allStatic && arg.info.isStatic;
        }
        if (!allStatic) {
            add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, coverArgs(innerArgs, span), name, context);
            return taint;
        }
        return taint | judgeShellText(words.join(u' '), coverArgs(innerArgs, span), inner, name);
    }
    bool staticSources = false; // parallel CMD ::: a b: the arguments are on the command line, not read from stdin
    for (const Arg &arg : std::as_const(innerArgs))
        staticSources = staticSources || (name == u"parallel" && (arg.value == u":::" || arg.value == u"::::" || arg.value == u":::+"));
    if (rule.dynamicArguments && !staticSources) {
        // xargs: the inner command also receives words read from stdin.
        QString replace;
        for (qsizetype k = 1; k < i; ++k) {
            const QString &value = args[k].value;
            if (value == u"-I" && k + 1 < i)
                replace = args[k + 1].value;
            else if (value.startsWith(u"-I") && value.size() > 2)
                replace = value.mid(2);
            else if (value == u"-i" || value.startsWith(u"--replace"))
                replace = QStringLiteral("{}");
        }
        Arg fromStdin = syntheticArg(innerArgs.back(), QString());
        fromStdin.fromXargs = true;
        fromStdin.info.isStatic = false;
        fromStdin.raw = QStringLiteral("xargs input");
        fromStdin.taint = context.input.taint;
        fromStdin.taint.listing = false;
        // echo / | xargs rm: the words are known.
        QStringList knownWords;
        if (context.input.kind == StdinKind::Pipe && context.input.textStatic)
            knownWords = context.input.text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (!replace.isEmpty()) {
            for (Arg &arg : innerArgs) {
                if (arg.value.contains(replace)) {
                    if (!knownWords.isEmpty()) {
                        arg.value.replace(replace, knownWords.front());
                        arg.info.value = arg.value;
                        continue;
                    }
                    arg.fromXargs = true;
                    arg.info.isStatic = false;
                    arg.taint |= fromStdin.taint;
                }
            }
        } else if (!knownWords.isEmpty()) {
            for (const QString &word : std::as_const(knownWords).mid(0, 64))
                innerArgs << syntheticArg(innerArgs.back(), word);
        } else if (innerArgs.size() > 0) {
            innerArgs << fromStdin;
        }
        inner.input = StdinSource{};
        // Keep what fed xargs, so its words can be placed.
        inner.input.kind = context.input.kind;
        inner.input.taint = context.input.taint;
        if (!innerArgs.isEmpty() && innerArgs.front().fromXargs) {
            add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, span, name, context);
            return taint;
        }
    }
    inner.depth = context.depth + 1;
    taint |= judgeCommand(std::move(innerArgs), inner, span);
    if (name == u"exec" || name == u"command" || name == u"builtin" || name == u"time" || name == u"nice")
        context.cwd = inner.cwd;
    return taint;
}

namespace {

// A git configuration key (lower case) whose value is a program git runs (core.pager, *.command, ...).
bool namesProgramToRun(const SubcommandRule &rule, const QString &key)
{
    for (const QString &execKey : rule.execConfigKeys) {
        if (key == execKey || key.startsWith(execKey + u'.'))
            return true;
    }
    for (const QString &suffix : rule.execConfigKeySuffixes) {
        if (key.endsWith(suffix))
            return true;
    }
    return false;
}

// kubectl get secret NAME -o yaml|json|jsonpath=...: prints the secret's data (base64 is no protection);
// the plain listing (names, types, ages) and describe (sizes only) do not.
bool printsSecretData(const QStringList &words, const QList<Arg> &args)
{
    if (words.size() < 2 || words[0] != u"get" || !(words[1] == u"secret" || words[1] == u"secrets" || words[1].startsWith(QLatin1String("secret/"))))
        return false;
    for (qsizetype k = 1; k < args.size(); ++k) {
        QString format = args[k].value;
        if (format.startsWith(QLatin1String("--output=")))
            format = format.mid(9);
        else if (format.startsWith(QLatin1String("-o=")))
            format = format.mid(3);
        else if (format.startsWith(QLatin1String("-o")) && format.size() > 2)
            format = format.mid(2);
        else if ((format == u"-o" || format == u"--output") && k + 1 < args.size())
            format = args[++k].value;
        else
            continue;
        if (format == u"yaml" || format == u"json" || format.startsWith(QLatin1String("jsonpath")) || format.startsWith(QLatin1String("go-template"))
            || format.startsWith(QLatin1String("template")))
            return true;
    }
    return false;
}

// git config --global --get user.email, git config --list: reads settings, writes none, so --global
// (a write flag otherwise) does not make it a global configuration write.
bool isGitConfigQuery(const QList<Arg> &args, const QStringList &words)
{
    static const QSet<QString> queries = {QStringLiteral("--get"), QStringLiteral("--get-all"), QStringLiteral("--get-regexp"),
                                          QStringLiteral("--get-urlmatch"), QStringLiteral("--get-color"), QStringLiteral("--get-colorbool"),
                                          QStringLiteral("--list"), QStringLiteral("-l")};
    static const QSet<QString> writes = {QStringLiteral("--unset"), QStringLiteral("--unset-all"), QStringLiteral("--add"),
                                         QStringLiteral("--replace-all"), QStringLiteral("--rename-section"), QStringLiteral("--remove-section"),
                                         QStringLiteral("-e"), QStringLiteral("--edit")};
    bool query = words.size() >= 2 && words[0] == u"config" && (words[1] == u"get" || words[1] == u"list");
    for (const Arg &arg : args) {
        if (writes.contains(arg.value))
            return false;
        query = query || queries.contains(arg.value);
    }
    return query;
}

// git push -n / --dry-run only asks the remote what would change: nothing is published, rewritten or
// deleted. The last of --dry-run / --no-dry-run wins, as in git's option parser; the values of
// -o/--push-option, --repo, --receive-pack and --exec are not flags (`git push -o -n -f` still pushes).
bool isGitPushDryRun(const QList<Arg> &args)
{
    static const QSet<QString> valueOptions = {QStringLiteral("-o"), QStringLiteral("--push-option"), QStringLiteral("--repo"),
                                               QStringLiteral("--receive-pack"), QStringLiteral("--exec")};
    bool afterPush = false;
    bool dryRun = false;
    for (qsizetype k = 1; k < args.size(); ++k) {
        const QString &value = args[k].value;
        if (!afterPush) {
            afterPush = value == u"push";
            continue;
        }
        if (value == u"--")
            break;
        if (!args[k].info.isStatic)
            continue;
        if (valueOptions.contains(value)) {
            ++k;
        } else if (value == u"--dry-run") {
            dryRun = true;
        } else if (value == u"--no-dry-run") {
            dryRun = false;
        } else if (value.size() > 1 && value.startsWith(u'-') && !value.startsWith(u"--")) {
            for (qsizetype c = 1; c < value.size() && value[c] != u'o'; ++c) // -o takes the rest as its value
                dryRun = dryRun || value[c] == u'n';
        }
    }
    return dryRun;
}

// Keys whose value is a pager or editor command line (core.pager, pager.log, core.editor,
// sequence.editor): a benign one (less -R, cat, code --wait) runs nothing else.
bool namesPagerOrEditor(const QString &key)
{
    return key == u"core.pager" || key.startsWith(QLatin1String("pager.")) || key == u"core.editor" || key == u"sequence.editor";
}

} // namespace

bool Analyzer::judgeDebuggerCommand(const Arg &command, const AnalysisContext &context)
{
    // gdb -ex 'shell rm -rf ~' / -ex '!cmd': the rest is a shell command line; judge it.
    const QString text = command.value.trimmed();
    if (command.info.isStatic && (text.startsWith(QLatin1String("shell ")) || text.startsWith(u'!'))) {
        judgeShellText(text.mid(text.startsWith(u'!') ? 1 : 6), command.span, context, QStringLiteral("gdb"));
        return false; // still a command the debugger runs: approval at least
    }
    // Commands that only inspect or run the program being debugged: no approval for a backtrace.
    static thread_local const QRegularExpression inspection(QStringLiteral(
        "^(bt|backtrace|where|bt full|backtrace full|thread apply all (bt|backtrace)( full)?|info [a-z -]+|run|r|quit|q|kill)$"));
    return command.info.isStatic && inspection.match(text).hasMatch();
}

bool Analyzer::isWorkspaceHooksPath(const Arg &value, const AnalysisContext &context) const
{
    // git resolves a relative core.hooksPath against the top of the work tree, not the cwd: both must
    // land inside for the hooks to be the project's own scripts.
    if (!value.info.isStatic || value.value.isEmpty() || value.info.glob)
        return false;
    const auto inside = [](const PathInfo &info) { return info.zone == PathZone::Inside; };
    const QString cwd = context.cwd.isEmpty() ? m_guard.workspace() : context.cwd;
    return inside(m_guard.classify(value.value, cwd)) && inside(m_guard.classify(value.value, m_guard.workspace()));
}

Taint Analyzer::judgeSubcommands(const QString &name, const SubcommandRule &rule, const QList<Arg> &args, AnalysisContext &context,
                                 SourceSpan span)
{
    Taint taint;
    if (!rule.prefix.isEmpty()) {
        QList<Arg> rewritten;
        for (const QString &word : rule.prefix.split(u' '))
            rewritten << syntheticArg(args.front(), word);
        rewritten << args.mid(1);
        AnalysisContext inner = context;
        inner.depth = context.depth + 1;
        return judgeCommand(std::move(rewritten), inner, span);
    }
    // Leading global options, then up to three subcommand words.
    QStringList words;
    QList<qsizetype> wordIndex;
    QStringList optionArgs;
    QList<Arg> gitRepositoryArgs; // git -C DIR / --git-dir / --work-tree: where the command acts
    // git -c KEY=VALUE / --config-env=KEY=ENVVAR: a key that names a program to run (core.pager, ...).
    // With --config-env the value is an environment variable's, unknown here: only -c's literal value can be benign.
    const auto judgeGitConfigAssignment = [&](const QString &assignment, SourceSpan where, bool literalValue) {
        const QString key = assignment.section(u'=', 0, 0).toLower();
        if (!namesProgramToRun(rule, key))
            return;
        const QString value = assignment.section(u'=', 1);
        if (literalValue && namesPagerOrEditor(key) && assignment.contains(u'=') && isBenignProgramLine(value))
            return;
        if (literalValue && key == u"core.hookspath" && isWorkspaceHooksPath(syntheticArg(args.front(), value), context)) {
            add(QStringLiteral("workspace_hook_write"), Verdict::RequiresApproval, RiskLevel::Medium, where, value, context);
            return;
        }
        addOutcome(QStringLiteral("git_config_exec"), where, key, context);
    };
    qsizetype i = 1;
    bool sawSubcommand = false;
    for (; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (value == u"--")
            break;
        if (isOption(value)) {
            optionArgs << value;
            const QString option = optionName(value);
            const bool attached = value.startsWith(u"--") ? value.contains(u'=') : false;
            const bool takesValue = (!sawSubcommand && rule.globalValueOptions.contains(option)) || rule.valueOptions.contains(option);
            if (takesValue && !attached && i + 1 < args.size()) {
                if (name == u"git" && !sawSubcommand) {
                    const Arg &valueArg = args[i + 1];
                    if (option == u"-c" || option == u"--config-env") {
                        // --config-env=<key>=<envvar> sets the key from the environment: same keys, same danger.
                        judgeGitConfigAssignment(valueArg.value, valueArg.span, option == u"-c" && valueArg.info.isStatic);
                    } else if (option == u"-C" || option == u"--git-dir" || option == u"--work-tree") {
                        checkPath(valueArg, valueArg.value, OperandRole::Read, context, taint, false);
                        gitRepositoryArgs << valueArg;
                    } else if (option == u"--exec-path") {
                        add(QStringLiteral("environment_hijack"), Verdict::Deny, RiskLevel::High, valueArg.span, option, context);
                    }
                }
                optionArgs << args[i + 1].value;
                ++i;
            } else if (name == u"git" && !sawSubcommand && attached) {
                const QString attachedValue = value.mid(value.indexOf(u'=') + 1);
                if (option == u"--exec-path")
                    add(QStringLiteral("environment_hijack"), Verdict::Deny, RiskLevel::High, args[i].span, option, context);
                else if (option == u"--git-dir" || option == u"--work-tree") {
                    checkPath(syntheticArg(args[i], attachedValue), attachedValue, OperandRole::Read, context, taint, false);
                    gitRepositoryArgs << syntheticArg(args[i], attachedValue);
                } else if (option == u"--config-env") {
                    judgeGitConfigAssignment(attachedValue, args[i].span, false);
                }
            }
            continue;
        }
        sawSubcommand = true;
        if (words.size() < 3) {
            words << value.toLower();
            wordIndex << i;
        }
    }
    // git clone -c KEY=VALUE / --config KEY=VALUE: the new repository's settings, in force for its checkout.
    if (name == u"git" && !words.isEmpty() && words.front() == u"clone") {
        for (qsizetype k = wordIndex.front() + 1; k < args.size(); ++k) {
            const Arg &arg = args[k];
            if ((arg.value == u"-c" || arg.value == u"--config") && k + 1 < args.size()) {
                judgeGitConfigAssignment(args[k + 1].value, args[k + 1].span, args[k + 1].info.isStatic);
                ++k;
            } else if (arg.value.startsWith(QLatin1String("--config="))) {
                judgeGitConfigAssignment(arg.value.mid(9), arg.span, arg.info.isStatic);
            } else if (arg.value.startsWith(QLatin1String("-c")) && arg.value.size() > 2 && arg.value.contains(u'=')) {
                judgeGitConfigAssignment(arg.value.mid(2), arg.span, arg.info.isStatic);
            }
        }
    }
    QString matched;
    QString outcome;
    // bun -e, deno eval ...: runtimes with inline-code options.
    const QSet<QString> inlineOptions = m_rules.interpreterInlineOptions.value(name);
    for (qsizetype k = 1; k < args.size() && !inlineOptions.isEmpty(); ++k) {
        if (inlineOptions.contains(optionName(args[k].value))) {
            const Arg *code = k + 1 < args.size() ? &args[k + 1] : nullptr;
            if (code && (code->taint.network || code->taint.decoded))
                add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, code->span, code->raw, context);
            else
                add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, args[k].span, name + u' ' + args[k].value, context);
            return taint;
        }
    }
    if (words.isEmpty() && args.size() > 1) {
        bool onlyInfo = true;
        for (qsizetype k = 1; k < args.size(); ++k) {
            const QString &value = args[k].value;
            onlyInfo = onlyInfo && (value == u"--version" || value == u"-V" || value == u"--help" || value == u"-h" || value == u"-v");
        }
        if (onlyInfo) {
            addOutcome(QStringLiteral("query"), span, name + u' ' + args[1].value, context);
            return taint;
        }
    }
    for (int n = qMin<int>(3, int(words.size())); n >= 1 && matched.isEmpty(); --n) {
        const QString key = QStringList(words.mid(0, n)).join(u' ');
        if (rule.map.contains(key)) {
            matched = key;
            outcome = rule.map.value(key);
        }
    }
    if (matched.isEmpty() && args.size() > 1 && rule.map.contains(args[1].value)) {
        matched = args[1].value;
        outcome = rule.map.value(matched);
    }
    if (outcome.isEmpty())
        outcome = rule.defaultOutcome;

    // Flags (and flag-like words) that change the outcome: the strictest matched one wins.
    QList<const QHash<QString, QString> *> flagMaps;
    auto addFlags = [&](const QString &key) {
        const auto it = rule.flags.constFind(key);
        if (it != rule.flags.constEnd())
            flagMaps << &it.value();
    };
    addFlags(QStringLiteral("*"));
    if (!matched.isEmpty())
        addFlags(matched);
    if (!words.isEmpty() && words.front() != matched)
        addFlags(words.front());
    QString flagOutcome;
    auto consider = [&](const QString &candidate) {
        if (flagOutcome.isEmpty() || outcomeStrictness(m_rules, candidate) > outcomeStrictness(m_rules, flagOutcome))
            flagOutcome = candidate;
    };
    for (qsizetype k = 1; k < args.size(); ++k) {
        const QString &value = args[k].value;
        for (const auto *flags : std::as_const(flagMaps)) {
            if (flags->contains(value)) {
                consider(flags->value(value));
                continue;
            }
            if (value.startsWith(u"--") && value.contains(u'=') && flags->contains(optionName(value))) {
                consider(flags->value(optionName(value)));
                continue;
            }
            if (value.size() > 2 && value.startsWith(u'-') && !value.startsWith(u"--")) {
                for (qsizetype c = 1; c < value.size(); ++c) {
                    const QString single = QStringLiteral("-") + value[c];
                    if (flags->contains(single))
                        consider(flags->value(single));
                }
            }
        }
    }
    if (!flagOutcome.isEmpty())
        outcome = flagOutcome;
    if (name == u"kubectl" && printsSecretData(words, args))
        outcome = QStringLiteral("credential");
    if (name == u"git" && matched == u"config" && isGitConfigQuery(args, words))
        outcome = QStringLiteral("read");
    if (name == u"git" && matched == u"push" && isGitPushDryRun(args))
        outcome = QStringLiteral("network_read"); // -f/--delete/+ref of a dry run change nothing remote
    // Cloud CLIs: any delete/destroy verb destroys infrastructure.
    if (!rule.destructiveWords.isEmpty()) {
        for (qsizetype k = 1; k < args.size(); ++k) {
            const QString word = args[k].value.toLower();
            for (const QString &verb : rule.destructiveWords) {
                if (word == verb || (verb.endsWith(u'*') && word.startsWith(verb.chopped(1))))
                    outcome = QStringLiteral("destructive_infra");
            }
        }
    }

    // Installing: with package names it adds dependencies; without, it installs the lockfile.
    if (!matched.isEmpty() && rule.installVerbs.contains(matched) && flagOutcome.isEmpty()) {
        QStringList packages;
        const qsizetype start = wordIndex.isEmpty() ? args.size() : wordIndex.front() + qsizetype(matched.count(u' ')) + 1;
        for (qsizetype k = start; k < args.size(); ++k) {
            const QString &value = args[k].value;
            if (isOption(value)) {
                const QString option = optionName(value);
                if ((rule.requirementOptions.contains(option) || rule.valueOptions.contains(option)) && !value.contains(u'=')
                    && (value.startsWith(u"--") || value.size() == 2)) {
                    // -e git+https://...: a requirement fetched from the network is a new dependency.
                    if (k + 1 < args.size() && (args[k + 1].value.contains(QLatin1String("://")) || args[k + 1].value.startsWith(QLatin1String("git+"))))
                        packages << args[k + 1].value;
                    ++k;
                }
                continue;
            }
            if (!isLocalPackageSpec(value))
                packages << value;
        }
        outcome = packages.isEmpty() ? QStringLiteral("dev") : QStringLiteral("install");
    } else if (name == u"yarn" && words.isEmpty()) {
        outcome = QStringLiteral("dev"); // bare `yarn` installs the lockfile
    }

    if (name == u"git") {
        if (!words.isEmpty() && (words.front() == u"ls-files" || words.front() == u"diff" || words.front() == u"status")) {
            for (const Arg &arg : args) {
                if (words.front() == u"ls-files" || arg.value == u"--name-only" || arg.value == u"--porcelain" || arg.value == u"-z")
                    taint.listing = true;
            }
        }
        if (!words.isEmpty() && words.front() == u"restore") {
            // Unstaging only touches the index: recoverable.
            bool staged = false;
            bool worktree = false;
            for (const Arg &arg : args) {
                staged = staged || arg.value == u"--staged" || arg.value == u"-S";
                worktree = worktree || arg.value == u"--worktree" || arg.value == u"-W";
            }
            if (staged && !worktree)
                outcome = QStringLiteral("write");
        }
        judgeGit(rule, args, words, context, span);
        // git -C ../other reset --hard, git --work-tree=/ clean -fdx: the discarded files are where the
        // repository or work tree is, so judge that place as the deleted target.
        const QString code = m_rules.outcome(outcome).code;
        if (code == u"destructive_command" || code == u"history_rewrite") {
            for (const Arg &where : std::as_const(gitRepositoryArgs)) {
                const QString below = where.value.endsWith(u'/') ? QString(where.value + u'x') : QString(where.value + QStringLiteral("/x"));
                checkPath(where, below, OperandRole::Delete, context, taint, false);
            }
        }
    }

    // docker run IMAGE CMD, kubectl exec POD -- CMD, gcloud compute ssh --command TEXT: the carried command
    // is judged as itself; its words are not this program's path arguments.
    qsizetype carriedFrom = args.size();
    const auto carrier = matchCarrier(rule, words, wordIndex);
    if (carrier)
        taint |= judgeCarrier(name, rule, *carrier->first, args, carrier->second, context, span, &carriedFrom);
    // Values that name places inside the container (-w /app, --entrypoint /bin/sh, the DST of -v SRC:DST).
    auto containerSide = [&](qsizetype k) {
        const QString previous = optionName(args[k - 1].value);
        return !args[k - 1].value.contains(u'=')
               && (rule.hostMountOptions.contains(previous)
                   || (carrier && (carrier->first->workdirOptions.contains(previous) || carrier->first->entrypointOptions.contains(previous))));
    };

    if (!rule.sqlOptions.isEmpty() || rule.sqlOperands)
        judgeSqlClient(name, rule, args, context, span);
    // Host mounts into containers.
    for (qsizetype k = 1; k + 1 < args.size(); ++k) {
        const QString option = optionName(args[k].value);
        if (!rule.hostMountOptions.contains(option))
            continue;
        QString spec = args[k].value.contains(u'=') && args[k].value.startsWith(u"--") ? args[k].value.section(u'=', 1) : args[k + 1].value;
        if (option == u"--mount") {
            static thread_local const QRegularExpression source(QStringLiteral("(?:^|,)(?:source|src)=([^,]+)"));
            const auto match = source.match(spec);
            spec = match.hasMatch() ? match.captured(1) : QString();
        } else {
            spec = spec.section(u':', 0, 0);
        }
        if (!looksLikePath(spec))
            continue;
        const PathInfo info = m_guard.classify(spec, context.cwd);
        if (info.filesystemRoot || info.resolved.endsWith(QLatin1String("docker.sock")) || info.lexical.endsWith(QLatin1String("docker.sock"))) {
            add(QStringLiteral("privilege_escalation"), Verdict::Deny, RiskLevel::High, args[k + 1].span, spec, context);
        } else {
            Arg mount = syntheticArg(args[k + 1], spec);
            checkPath(mount, spec, OperandRole::Read, context, taint, false);
        }
    }

    const Outcome resolved = m_rules.outcome(outcome);
    if (resolved.code == u"background_process")
        m_background = true;
    if (resolved.code == u"network_command" || outcome == u"publish")
        taint.network = true;
    QString detail = name;
    if (!words.isEmpty())
        detail += u' ' + QStringList(words.mid(0, matched.isEmpty() ? 1 : qsizetype(matched.count(u' ')) + 1)).join(u' ');
    addOutcome(outcome, span, detail, context);
    if (outcome == u"privileged")
        add(QStringLiteral("privileged_command"), Verdict::Deny, RiskLevel::High, span, detail, context);
    // Path-looking arguments of build tools (--manifest-path=/x, -f /etc/y ...). Mount specs were placed above.
    for (qsizetype k = 1; k < carriedFrom && outcome != u"agent"; ++k) {
        const Arg &arg = args[k];
        if (k > 1 && containerSide(k))
            continue;
        if (arg.isDynamic() || arg.value.contains(u' '))
            continue;
        // openssl req -subj /CN=localhost/O=dev: a distinguished name, not a path.
        static thread_local const QRegularExpression distinguishedName(QStringLiteral("^/[A-Za-z]{1,20}="));
        if (name == u"openssl" && arg.value.contains(distinguishedName))
            continue;
        if (!isOption(arg.value) && looksLikePath(arg.value) && (arg.value.startsWith(u'/') || arg.value.startsWith(u'~') || arg.value.startsWith(u"..")))
            checkPath(arg, arg.value, OperandRole::Read, context, taint, false);
    }
    return taint;
}

void Analyzer::judgeGit(const SubcommandRule &rule, const QList<Arg> &args, const QStringList &words, AnalysisContext &context,
                        SourceSpan span)
{
    if (words.isEmpty())
        return;
    const QString &sub = words.front();
    // Non-option operands after the subcommand word.
    QList<Arg> operands;
    bool afterSub = false;
    bool doubleDash = false;
    for (qsizetype k = 1; k < args.size(); ++k) {
        const QString &value = args[k].value;
        if (!afterSub) {
            if (!isOption(value) && value.toLower() == sub)
                afterSub = true;
            else if (isOption(value) && rule.globalValueOptions.contains(value))
                ++k;
            continue;
        }
        if (value == u"--") {
            doubleDash = true;
            continue;
        }
        if (isOption(value)) {
            if (rule.valueOptions.contains(optionName(value)) && !value.contains(u'=') && (value.startsWith(u"--") || value.size() == 2))
                ++k;
            continue;
        }
        operands << args[k];
    }
    // Commands git runs through the shell are judged too.
    if (sub == u"submodule" && words.size() > 1 && words[1] == u"foreach" && operands.size() > 1) {
        QStringList pieces;
        bool known = true;
        for (qsizetype k = 1; k < operands.size(); ++k) {
            pieces << operands[k].value;
            known = known && operands[k].info.isStatic;
        }
        if (known)
            judgeShellText(pieces.join(u' '), coverArgs(operands.mid(1), span), context, QStringLiteral("git submodule foreach"));
    }
    for (qsizetype k = 1; k + 1 < args.size(); ++k) {
        if ((sub == u"rebase" && (args[k].value == u"-x" || args[k].value == u"--exec")) && args[k + 1].info.isStatic)
            judgeShellText(args[k + 1].value, args[k + 1].span, context, QStringLiteral("git rebase --exec"));
    }
    if (sub == u"show" || sub == u"diff" || sub == u"log" || sub == u"blame" || sub == u"annotate" || sub == u"cat-file"
        || sub == u"grep" || sub == u"whatchanged") {
        // git show HEAD:.env and git diff .env print a secret-bearing file like cat .env does.
        Taint ignored;
        for (const Arg &operand : std::as_const(operands)) {
            if (operand.isDynamic())
                continue;
            const qsizetype colon = operand.value.indexOf(u':');
            QString path = colon >= 0 ? operand.value.mid(colon + 1) : operand.value;
            if (path.isEmpty() || path.startsWith(u'/') || path.startsWith(u'~'))
                continue;
            if (colon >= 0 && !path.startsWith(QLatin1String("./")) && !path.startsWith(QLatin1String("../")))
                path = m_guard.workspace() + u'/' + path; // REV:path names a path from the repository root
            const PathInfo info = m_guard.classify(path, context.cwd);
            if (info.workspaceSecret && info.zone == PathZone::Inside)
                checkPath(syntheticArg(operand, path), path, OperandRole::Read, context, ignored, false);
        }
    }
    if (sub == u"init" || sub == u"clone") {
        // git init --template=DIR copies DIR's hooks into .git/hooks: they run on the next commit or checkout.
        for (qsizetype k = 1; k < args.size(); ++k) {
            const QString &value = args[k].value;
            const bool attached = value.startsWith(QLatin1String("--template="));
            if (!attached && (value != u"--template" || k + 1 >= args.size()))
                continue;
            const Arg &directory = attached ? args[k] : args[k + 1];
            const QString path = attached ? value.mid(11) : directory.value;
            const PathInfo info = m_guard.classify(path, context.cwd);
            if (!directory.isDynamic() && (info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot))
                add(QStringLiteral("workspace_hook_write"), Verdict::RequiresApproval, RiskLevel::Medium, directory.span, path, context);
            else
                addOutcome(QStringLiteral("git_config_exec"), directory.span, QStringLiteral("--template"), context);
        }
    }
    if (sub == u"add" || sub == u"stage") {
        // git add -f .env && git commit && git push: remembered, so the push is judged as sending the secret.
        for (const Arg &operand : std::as_const(operands)) {
            if (!operand.isDynamic() && holdsSecret(operand, context))
                m_stagedSecret = operand.value;
        }
    } else if (sub == u"push" && !isGitPushDryRun(args) && !m_stagedSecret.isEmpty()) {
        add(QStringLiteral("secret_exfiltration"), Verdict::Deny, RiskLevel::High, span, m_stagedSecret, context);
    }
    if (sub == u"clean") {
        bool dryRun = false;
        for (const Arg &arg : args)
            dryRun = dryRun || arg.value == u"-n" || arg.value == u"--dry-run" || (arg.value.startsWith(u'-') && !arg.value.startsWith(u"--") && arg.value.contains(u'n'));
        Taint ignored;
        for (const Arg &operand : std::as_const(operands)) {
            const QString below = operand.value.endsWith(u'/') ? QString(operand.value + u'x') : QString(operand.value + QStringLiteral("/x"));
            if (!dryRun)
                checkPath(operand, below, OperandRole::Delete, context, ignored, false);
        }
    } else if (sub == u"push" && !isGitPushDryRun(args)) {
        for (const Arg &operand : std::as_const(operands)) {
            if (operand.value.startsWith(u'+') || (operand.value.startsWith(u':') && operand.value.size() > 1))
                addOutcome(QStringLiteral("force_push"), operand.span, QStringLiteral("git push ") + operand.value, context);
        }
    } else if (sub == u"checkout") {
        bool createsBranch = false;
        for (const Arg &arg : args) {
            if (arg.value == u"-b" || arg.value == u"--orphan")
                createsBranch = true;
        }
        if (!createsBranch && !doubleDash) {
            for (const Arg &operand : std::as_const(operands)) {
                if (operand.isDynamic())
                    continue;
                const QString base = context.cwd.isEmpty() ? m_guard.workspace() : context.cwd;
                if (operand.value == u"." || operand.info.glob || QFileInfo(base + u'/' + operand.value).isFile()
                    || (operand.value.contains(u'/') && QFileInfo::exists(base + u'/' + operand.value))) {
                    addOutcome(QStringLiteral("destructive"), span, QStringLiteral("git checkout ") + operand.value, context);
                    break;
                }
            }
        }
    } else if ((sub == u"branch" || sub == u"tag") && !operands.isEmpty()) {
        addOutcome(QStringLiteral("write"), span, QStringLiteral("git ") + sub, context);
    } else if (sub == u"config" && !isGitConfigQuery(args, words)) {
        QStringList plain;
        for (const Arg &operand : std::as_const(operands))
            plain << operand.value;
        bool global = false;
        for (const Arg &arg : args)
            global = global || arg.value == u"--global" || arg.value == u"--system";
        if (plain.size() >= 2) {
            const QString key = plain.front().toLower();
            const Arg &setting = operands[1];
            const QString write = global ? QStringLiteral("config_write") : QStringLiteral("write");
            if (namesPagerOrEditor(key) && setting.info.isStatic && isBenignProgramLine(setting.value))
                addOutcome(write, span, QStringLiteral("git config ") + key, context);
            else if (key == u"core.hookspath" && !global && isWorkspaceHooksPath(setting, context))
                add(QStringLiteral("workspace_hook_write"), Verdict::RequiresApproval, RiskLevel::Medium, setting.span, setting.value, context);
            else if (key.startsWith(QLatin1String("alias.")) && setting.info.isStatic && !setting.value.trimmed().startsWith(u'!')) {
                // A plain alias runs git itself (a '!' one runs the shell). A later `git co` is judged without
                // knowing the expansion, so the expansion is judged now, as the git command it will be:
                // alias.co checkout is a write, alias.pf 'push --force' a force push.
                addOutcome(write, span, QStringLiteral("git config ") + key, context);
                judgeShellText(QStringLiteral("git ") + setting.value, setting.span, context, QStringLiteral("git ") + key);
            } else if (key == u"core.fsmonitor" && setting.info.isStatic
                       && (setting.value.compare(u"true", Qt::CaseInsensitive) == 0 || setting.value.compare(u"false", Qt::CaseInsensitive) == 0))
                addOutcome(write, span, QStringLiteral("git config ") + key, context); // git's built-in monitor, no hook program
            else if (namesProgramToRun(rule, key))
                addOutcome(QStringLiteral("git_config_exec"), span, key, context);
            else
                addOutcome(write, span, QStringLiteral("git config ") + key, context);
        }
    } else if (sub == u"clone" && operands.size() >= 2) {
        Taint ignored;
        checkPath(operands.back(), operands.back().value, OperandRole::Write, context, ignored, false);
        // git clone URL ~/.config/nvim: the checkout is configuration that runs later.
        if (!operands.back().isDynamic() && holdsPersistence(operands.back().value, context))
            add(QStringLiteral("persistence"), Verdict::Deny, RiskLevel::High, operands.back().span, operands.back().value, context);
    } else if (sub == u"archive" || sub == u"format-patch" || sub == u"bundle") {
        for (qsizetype k = 1; k + 1 < args.size(); ++k) {
            if (args[k].value == u"-o" || args[k].value == u"--output") {
                Taint ignored;
                checkPath(args[k + 1], args[k + 1].value, OperandRole::Overwrite, context, ignored, false);
            }
        }
    }
}

namespace {

// The file name curl -O and wget save a URL under: its last path segment.
QString remoteFileName(const QString &url, bool wget)
{
    QString path = url;
    const qsizetype scheme = path.indexOf(QLatin1String("://"));
    if (scheme >= 0)
        path = path.mid(scheme + 3);
    path = path.section(u'?', 0, 0).section(u'#', 0, 0);
    const qsizetype slash = path.indexOf(u'/');
    const QString last = slash < 0 ? QString() : path.mid(path.lastIndexOf(u'/') + 1);
    if (last.isEmpty() || last == u"." || last == u"..")
        return wget ? QStringLiteral("index.html") : QString();
    return last;
}

bool isStdinPath(const QString &value)
{
    return value == u"/dev/stdin" || value == u"/dev/fd/0" || value == u"/proc/self/fd/0";
}

// Inline code that both decodes a payload (base64, hex, rot13, pack) and runs code or commands.
bool decodesAndRuns(const QString &code)
{
    static thread_local const QRegularExpression decoder(QStringLiteral(
        "b64decode|b32decode|a2b_base64|a2b_hex|unhexlify|fromhex|decode64|unpack1?\\s*\\(?\\s*['\"]m|pack\\s*\\(\\s*['\"]H"
        "|atob\\s*\\(|Buffer\\.from\\s*\\([^)]*(base64|hex)|rot_?13|MIME::Base64|decode_base64|FromBase64String"));
    static thread_local const QRegularExpression runner(QStringLiteral(
        "\\b(eval|exec|execSync|execFileSync|spawn|spawnSync|system|popen|Popen|subprocess|call|check_output|run|Function|qx)\\b|`"));
    return decoder.match(code).hasMatch() && runner.match(code).hasMatch();
}

// Inline code that opens a network socket and runs a shell or commands over it (reverse shells).
bool opensSocketAndRuns(const QString &code)
{
    static thread_local const QRegularExpression socket(QStringLiteral(
        "fsockopen|socket\\.socket|socket\\.create_connection|TCPSocket|Socket\\.new|IO::Socket|net\\.connect|net\\.Socket|new Socket|/dev/tcp/"));
    static thread_local const QRegularExpression shell(QStringLiteral(
        "\\b(exec|system|popen|Popen|subprocess|spawn|pty|dup2|proc_open|shell_exec|passthru)\\b|/bin/(ba)?sh|cmd\\.exe"));
    return socket.match(code).hasMatch() && shell.match(code).hasMatch();
}

// Inline interpreter code that can run text as code or commands (eval, exec, system, ...). Fed
// downloaded data on stdin, such code may run it; without these it only processes the data.
bool evaluatesInput(const QString &code)
{
    static thread_local const QRegularExpression pattern(QStringLiteral(
        "\\b(eval|exec|execSync|execFileSync|spawn|spawnSync|system|popen|Popen|subprocess|Function"
        "|instance_eval|class_eval|module_eval|runInThisContext|runInNewContext|qx)\\b|`"));
    return pattern.match(code).hasMatch();
}

} // namespace

void Analyzer::recordFetchedFiles(const QString &name, const QList<Arg> &args, const AnalysisContext &context)
{
    const bool wget = name == u"wget";
    // aria2c and axel name their output like wget (the URL's last segment) unless -o says otherwise;
    // aria2c -o is relative to its -d directory, like curl's --output-dir.
    const bool aria2c = name == u"aria2c";
    const bool namesLikeWget = aria2c || name == u"axel";
    if (!wget && !namesLikeWget && name != u"curl")
        return;
    const ProgramOptions *options = m_rules.programOptions(name);
    // Short options that take a value, from the rules: in a cluster (-fsSLo FILE) the first one ends it.
    auto takesValue = [&](const QString &option) {
        return options && (options->valueOptions.contains(option) || options->pathOptions.contains(option));
    };
    const QString outputShort = wget ? QStringLiteral("-O") : QStringLiteral("-o");
    const QString outputLong = wget ? QStringLiteral("--output-document") : aria2c ? QStringLiteral("--out") : QStringLiteral("--output");
    QStringList outputs;
    QStringList urls;
    QString prefix;
    bool remoteName = wget || namesLikeWget;
    bool unknown = false;   // a dynamic output name: nothing to remember
    for (qsizetype i = 1; i < args.size(); ++i) {
        const Arg &arg = args[i];
        const QString &value = arg.value;
        bool takenDynamic = false;
        auto next = [&]() -> QString {
            if (i + 1 >= args.size())
                return QString();
            ++i;
            takenDynamic = args[i].isDynamic();
            return args[i].value;
        };
        // An output file or directory prefix taken from the words (a dynamic one: nothing to remember).
        auto keepDestination = [&](const QString &taken, bool isOutput, bool isPrefix) {
            if ((isOutput || isPrefix) && takenDynamic)
                unknown = true;
            if (isOutput)
                outputs << taken;
            else if (isPrefix)
                prefix = taken;
        };
        if (arg.isDynamic()) {
            continue;
        }
        if (value.startsWith(u"--")) {
            const qsizetype eq = value.indexOf(u'=');
            const QString option = eq > 0 ? value.left(eq) : value;
            const QString attached = eq > 0 ? value.mid(eq + 1) : QString();
            QString taken;
            const bool isOutput = option == outputLong;
            const bool isPrefix = (wget && option == u"--directory-prefix") || (aria2c && option == u"--dir")
                                  || (name == u"curl" && option == u"--output-dir");
            if ((isOutput || isPrefix || takesValue(option)) && eq < 0)
                taken = next();
            else
                taken = attached;
            keepDestination(taken, isOutput, isPrefix);
            if (!isOutput && !isPrefix && !wget && (option == u"--remote-name" || option == u"--remote-name-all"))
                remoteName = true;
            continue;
        }
        if (value.startsWith(u'-') && value.size() > 1) {
            for (qsizetype k = 1; k < value.size(); ++k) {
                const QString option = QStringLiteral("-") + value.at(k);
                const bool isOutput = option == outputShort;
                const bool isPrefix = (wget && option == u"-P") || (aria2c && option == u"-d");
                if (name == u"curl" && option == u"-O") {
                    remoteName = true;
                    continue;
                }
                if (isOutput || isPrefix || takesValue(option)) {
                    keepDestination(k + 1 < value.size() ? value.mid(k + 1) : next(), isOutput, isPrefix);
                    break;
                }
            }
            continue;
        }
        urls << value;
    }
    if (unknown)
        return;
    // curl --output-dir applies to -o and -O; wget -P only to the names it picks itself.
    QStringList files;
    for (const QString &output : std::as_const(outputs)) {
        if (!output.isEmpty() && output != u"-")
            files << (wget || prefix.isEmpty() || output.startsWith(u'/') ? output : prefix + u'/' + output);
    }
    if (outputs.isEmpty() && remoteName) {
        for (const QString &url : std::as_const(urls)) {
            const QString file = remoteFileName(url, wget);
            if (!file.isEmpty())
                files << (prefix.isEmpty() ? file : prefix + u'/' + file);
        }
    }
    for (const QString &file : std::as_const(files))
        m_fetchedFiles.insert(m_guard.absolute(file, context.cwd));
}

void Analyzer::carryFetchedFiles(const QList<Arg> &sources, const QList<Arg> &targets, const AnalysisContext &context)
{
    // cp/mv/install/ln a.sh b.sh: the copy holds the download as much as the original. Whether the target is a
    // directory is not looked up: both TARGET and TARGET/NAME are remembered, which is the stricter reading.
    if (m_fetchedFiles.isEmpty() || targets.isEmpty())
        return;
    QSet<QString> carried;
    for (const Arg &source : sources) {
        if (source.isDynamic() || source.value.isEmpty())
            continue;
        const QString from = m_guard.absolute(source.value, context.cwd);
        const QString name = from.mid(from.lastIndexOf(u'/') + 1);
        for (const Arg &target : targets) {
            if (target.isDynamic() || target.value.isEmpty())
                continue;
            const QString to = m_guard.absolute(target.value, context.cwd);
            for (const QString &fetched : std::as_const(m_fetchedFiles)) {
                // The file itself, or a download inside a copied directory (cp -r dl tools).
                QString below;
                if (fetched == from)
                    below = QString();
                else if (fetched.startsWith(from + u'/'))
                    below = fetched.mid(from.size());
                else
                    continue;
                carried << to + below << to + u'/' + name + below;
            }
        }
    }
    m_fetchedFiles.unite(carried);
}

bool Analyzer::readsFetchedFile(const QList<Arg> &args, const AnalysisContext &context) const
{
    if (m_fetchedFiles.isEmpty())
        return false;
    if (context.input.kind == StdinKind::File && m_fetchedFiles.contains(m_guard.absolute(context.input.filePath, context.cwd)))
        return true;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (!isOption(args[i].value) && isFetchedFile(args[i], context))
            return true;
    }
    return false;
}

bool Analyzer::holdsPersistence(const QString &directory, const AnalysisContext &context) const
{
    // A directory whose new contents the command chooses (tar -x -C DIR, unzip -d DIR, git clone URL DIR) is
    // persistence when it is /, ~, a persistence path, inside one, or holds one (~/.config holds autostart/).
    const PathInfo info = m_guard.classify(directory, context.cwd);
    if (info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot)
        return false;
    if (info.filesystemRoot || info.home || info.persistence || m_guard.classify(info.resolved + QStringLiteral("/x"), context.cwd).persistence)
        return true;
    const QString prefix = info.resolved + u'/';
    for (const QString &pattern : m_rules.persistencePaths) {
        const bool homePattern = pattern.startsWith(QLatin1String("~/"));
        if (homePattern && !prefix.startsWith(m_home + u'/'))
            continue; // a directory above the home (not / itself) places names relative to itself, not to ~
        const QString expanded = homePattern ? m_home + pattern.mid(1) : pattern;
        if (expanded.startsWith(prefix))
            return true;
    }
    return false;
}

bool Analyzer::throughSecretLink(const QString &path) const
{
    for (const QString &link : m_secretLinks) {
        if (path == link || path.startsWith(link + u'/'))
            return true;
    }
    return false;
}

void Analyzer::judgeServedDirectory(const QList<Arg> &args, const AnalysisContext &context, SourceSpan span)
{
    // python3 -m http.server -d ~ (or run from ~ or /): every file below is served, ~/.ssh and ~/.aws included.
    QString directory = context.cwd;
    const Arg *where = nullptr;
    for (qsizetype k = 0; k < args.size(); ++k) {
        const QString &value = args[k].value;
        if ((value == u"-d" || value == u"--directory") && k + 1 < args.size()) {
            where = &args[k + 1];
            if (where->isDynamic())
                return;
            directory = m_guard.absolute(where->value, context.cwd);
        } else if (value.startsWith(QLatin1String("--directory="))) {
            where = &args[k];
            directory = m_guard.absolute(value.mid(12), context.cwd);
        }
    }
    if (directory.isEmpty())
        return;
    const PathInfo info = m_guard.classify(directory, context.cwd);
    if (info.home || info.filesystemRoot)
        add(QStringLiteral("credential_access"), Verdict::Deny, RiskLevel::High, where ? where->span : span, directory, context);
}

bool Analyzer::dynamicPathMayBeSecret(const Arg &arg, const AnalysisContext &context) const
{
    // cat /proc/$$/environ, cat /proc/$PID/environ: with each expansion standing for one name, the path is a
    // secret one (/proc/*/environ) whatever the expansion becomes.
    static thread_local const QRegularExpression expansion(
        QStringLiteral("\\$\\{[^}]*\\}|\\$\\([^)]*\\)|\\$[A-Za-z_][A-Za-z0-9_]*|\\$[0-9$#?!@*-]|`[^`]*`"));
    QString standIn = arg.raw;
    standIn.replace(expansion, QStringLiteral("x"));
    standIn.remove(u'"').remove(u'\'');
    if (!standIn.startsWith(u'/') || standIn.contains(u'$') || standIn == arg.raw)
        return false;
    return m_guard.classify(standIn, context.cwd).secret;
}

bool Analyzer::holdsSecret(const Arg &arg, const AnalysisContext &context) const
{
    if (arg.isDynamic() || arg.value.isEmpty())
        return false;
    const PathInfo info = m_guard.classify(arg.value, context.cwd);
    return info.secret || info.workspaceSecret || m_secretFiles.contains(m_guard.absolute(arg.value, context.cwd));
}

void Analyzer::judgeSecretUpload(const QString &name, const QList<Arg> &args, const AnalysisContext &context, SourceSpan span)
{
    // scp .env host:, rsync .env host:, gsutil cp .env gs://b/, gh gist create .env: the file's content leaves
    // the machine, as with curl -T .env. Copy tools send every operand but the last to a remote last one.
    static const QSet<QString> copyTools = {QStringLiteral("scp"), QStringLiteral("rsync"), QStringLiteral("rclone"),
                                            QStringLiteral("gsutil"), QStringLiteral("s3cmd"), QStringLiteral("aws")};
    const bool gist = (name == u"gh" || name == u"glab") && args.size() > 2 && args[1].value == u"gist" && args[2].value == u"create";
    if (!gist && !copyTools.contains(name))
        return;
    const ProgramOptions *options = m_rules.programOptions(name);
    QList<const Arg *> operands;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (isOption(value)) {
            if (options && (options->valueOptions.contains(value) || options->pathOptions.contains(value)))
                ++i;
            continue;
        }
        operands << &args[i];
    }
    if (gist && (context.input.kind == StdinKind::Pipe || context.input.kind == StdinKind::File)
        && (context.input.taint.secret || context.input.taint.envDump)) {
        add(QStringLiteral("secret_exfiltration"), Verdict::Deny, RiskLevel::High, span, name, context);
        return;
    }
    if (!gist) {
        if (operands.size() < 2)
            return;
        const QString &destination = operands.back()->value;
        const bool remote = destination.contains(u':') && !destination.startsWith(u'/') && !destination.startsWith(u'.')
                            && !destination.startsWith(u'~');
        if (!remote)
            return;
        operands.removeLast();
    }
    for (const Arg *operand : std::as_const(operands)) {
        if (holdsSecret(*operand, context)) {
            add(QStringLiteral("secret_exfiltration"), Verdict::Deny, RiskLevel::High, operand->span, operand->value, context);
            return;
        }
    }
}

bool Analyzer::isFetchedFile(const Arg &arg, const AnalysisContext &context) const
{
    if (m_fetchedFiles.isEmpty() || arg.isDynamic() || arg.value.isEmpty())
        return false;
    return m_fetchedFiles.contains(m_guard.absolute(arg.value, context.cwd));
}

bool Analyzer::stdinIsFetched(const AnalysisContext &context) const
{
    return context.input.kind != StdinKind::Inherited && context.input.kind != StdinKind::File
           && (context.input.taint.network || context.input.taint.decoded);
}

Taint Analyzer::judgeScriptOperand(const QString &name, const Arg &script, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    if (script.taint.network || script.taint.decoded) {
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, script.span, script.raw, context);
        return taint;
    }
    const bool shell = m_rules.programClass(name) == ProgramClass::Shell;
    if (script.info.processSubstitution) {
        add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, script.span, name, context);
        QString text;
        if (shell && processSubstitutionText(script, context, &text))
            taint |= judgeShellText(text, script.span, context, name);
        return taint;
    }
    if (script.isDynamic()) {
        add(QStringLiteral("dynamic_argument"), Verdict::RequiresApproval, RiskLevel::Medium, script.span, script.raw, context);
        return taint;
    }
    if (shell) {
        // echo 'rm -rf ~' > build/x.sh && sh build/x.sh: the script this command wrote is known text.
        const auto written = m_writtenScripts.constFind(m_guard.absolute(script.value, context.cwd));
        if (written != m_writtenScripts.constEnd())
            taint |= judgeShellText(written.value(), script.span, context, name);
        judgeGeneratedScript(script.value, script.span, context);
    }
    if (script.value.startsWith(QLatin1String("http://")) || script.value.startsWith(QLatin1String("https://"))) {
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, script.span, script.value, context);
        return taint;
    }
    // curl -o build/i.sh URL && sh build/i.sh: the file holds what was just downloaded.
    if (isFetchedFile(script, context)) {
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, script.span, script.value, context);
        return taint;
    }
    const PathInfo info = m_guard.classify(script.value, context.cwd);
    if (info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot) {
        add(QStringLiteral("project_script"), Verdict::Allow, RiskLevel::Medium, span, script.value, context);
    } else if (info.zone == PathZone::ToolCache) {
        add(QStringLiteral("standard_dev_command"), Verdict::Allow, RiskLevel::Medium, span, name, context);
    } else {
        checkPath(script, script.value, OperandRole::Read, context, taint, false);
        add(QStringLiteral("path_outside_workspace"), Verdict::RequiresApproval, RiskLevel::Medium, script.span, script.value, context);
    }
    return taint;
}

Taint Analyzer::judgeStdinCode(const QString &name, bool isShell, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    const StdinSource &input = context.input;
    switch (input.kind) {
    case StdinKind::Pipe:
        if (input.taint.network || input.taint.decoded) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, span, name, context);
            return taint;
        }
        add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, span, name, context);
        if (isShell && input.textStatic && !input.text.isEmpty()) {
            AnalysisContext inner = context;
            inner.input = StdinSource{};
            taint |= judgeShellText(input.text, input.span, inner, name);
        }
        return taint;
    case StdinKind::HereDoc:
    case StdinKind::HereString:
        if (input.taint.network || input.taint.decoded) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, input.span, name, context);
            return taint;
        }
        if (isShell && input.textStatic) {
            AnalysisContext inner = context;
            inner.input = StdinSource{};
            return judgeShellText(input.text, input.span, inner, name);
        }
        if (isShell) {
            add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, input.span, name, context);
            AnalysisContext inner = context;
            inner.input = StdinSource{};
            return judgeShellText(input.text, input.span, inner, name);
        }
        add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, input.span, name, context);
        return taint;
    case StdinKind::File: {
        Arg script;
        script.value = input.filePath;
        script.info.value = input.filePath;
        script.span = input.span;
        script.raw = input.filePath;
        script.taint = input.taint;
        return judgeScriptOperand(name, script, context, span);
    }
    case StdinKind::Inherited:
        break;
    }
    // No input: the runtime closes stdin, so an interactive shell or REPL just exits.
    add(QStringLiteral("standard_dev_command"), Verdict::Allow, RiskLevel::Medium, span, name, context);
    return taint;
}

Taint Analyzer::judgeShell(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    if (name == u"busybox" || name == u"toybox") {
        if (args.size() < 2) {
            addOutcome(QStringLiteral("query"), span, name, context);
            return taint;
        }
        AnalysisContext inner = context;
        inner.depth = context.depth + 1;
        return judgeCommand(args.mid(1), inner, span);
    }
    qsizetype i = 1;
    bool commandFlag = false;
    bool readsStdin = false;
    while (i < args.size()) {
        const QString &value = args[i].value;
        if (value == u"--") {
            ++i;
            break;
        }
        if (value == u"-") {
            readsStdin = true;
            ++i;
            break;
        }
        if (isOption(value) || (value.startsWith(u'+') && value.size() > 1)) {
            if (value.startsWith(u"--")) {
                if (value == u"--rcfile" || value == u"--init-file") {
                    if (i + 1 < args.size()) {
                        add(QStringLiteral("eval_command"), Verdict::RequiresApproval, RiskLevel::Medium, args[i + 1].span, value, context);
                        ++i;
                    }
                }
                ++i;
                continue;
            }
            const QString letters = value.mid(1);
            if (letters.contains(u'c'))
                commandFlag = true;
            if (letters.contains(u's'))
                readsStdin = true;
            if (letters.contains(u'o') || letters.contains(u'O'))
                ++i;
            ++i;
            continue;
        }
        break;
    }
    if (commandFlag) {
        if (i >= args.size()) {
            add(QStringLiteral("invalid_command_syntax"), Verdict::Deny, RiskLevel::High, span, name + QStringLiteral(" -c"), context);
            return taint;
        }
        const Arg &text = args[i];
        if (text.taint.network || text.taint.decoded) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, text.span, text.raw, context);
            return taint;
        }
        if (!text.info.isStatic) {
            QList<Arg> dynamicName{text};
            return judgeDynamicName(dynamicName, context, span);
        }
        AnalysisContext inner = context;
        // sh -c 'eval "$1"' _ 'rm -rf ~': the words after the text are $0, $1, ... inside it.
        QHash<QString, std::optional<QString>> saved;
        for (qsizetype k = i + 1; k < args.size() && k - i - 1 < 10; ++k) {
            const QString position = QString::number(k - i - 1);
            saved.insert(position, m_variables.contains(position) ? std::optional<QString>(m_variables.value(position)) : std::nullopt);
            if (args[k].info.isStatic)
                m_variables.insert(position, args[k].value);
            else
                m_variables.remove(position);
        }
        const std::optional<QStringList> savedAt = m_arrays.contains(QStringLiteral("@"))
                                                       ? std::optional<QStringList>(m_arrays.value(QStringLiteral("@")))
                                                       : std::nullopt;
        QStringList positional;
        bool positionalStatic = true;
        for (qsizetype k = i + 2; k < args.size(); ++k) {
            positionalStatic = positionalStatic && args[k].info.isStatic;
            positional << args[k].value;
        }
        if (positionalStatic && !positional.isEmpty())
            m_arrays.insert(QStringLiteral("@"), positional);
        else
            m_arrays.remove(QStringLiteral("@"));
        taint |= judgeShellText(text.value, text.span, inner, name);
        if (savedAt)
            m_arrays.insert(QStringLiteral("@"), *savedAt);
        else
            m_arrays.remove(QStringLiteral("@"));
        for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
            if (it.value())
                m_variables.insert(it.key(), *it.value());
            else
                m_variables.remove(it.key());
        }
        return taint;
    }
    if (i < args.size() && !readsStdin) {
        // bash /dev/stdin runs what the pipe carries, like a bare `bash`.
        if (isStdinPath(args[i].value) && context.input.kind != StdinKind::Inherited)
            return judgeStdinCode(name, true, context, span);
        taint |= judgeScriptOperand(name, args[i], context, span);
        return taint;
    }
    return judgeStdinCode(name, true, context, span);
}

Taint Analyzer::judgeInterpreter(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    const QSet<QString> inlineOptions = m_rules.interpreterInlineOptions.value(name);
    const QSet<QString> moduleOptions = m_rules.interpreterModuleOptions.value(name);
    qsizetype preloadIndex = -1;
    qsizetype i = 1;
    for (; i < args.size(); ++i) {
        const Arg &arg = args[i];
        const QString &value = arg.value;
        if (value == u"-")
            return judgeStdinCode(name, false, context, span);
        if (value == u"--") {
            ++i;
            break;
        }
        if (!isOption(value))
            break;
        const QString option = optionName(value);
        const QString shortOption = value.left(2);
        // perl -MIO::Handle -e CODE, ruby -rjson -e CODE: the preloaded module is not the code; keep looking
        // for the code, so that what it does with its input is judged.
        const bool preload = ((name.startsWith(QLatin1String("perl")) && (shortOption == u"-M" || shortOption == u"-m"))
                              || (name == u"ruby" && shortOption == u"-r") || ((name == u"lua" || name == u"luajit") && shortOption == u"-l"))
                             && !value.startsWith(u"--");
        if (preload) {
            if (preloadIndex < 0)
                preloadIndex = i;
            if (value.size() == 2 && !name.startsWith(QLatin1String("perl")))
                ++i; // ruby -r json: the module is the next word (perl only takes -MModule)
            continue;
        }
        bool isInline = inlineOptions.contains(option) || inlineOptions.contains(shortOption);
        // Clusters such as python -uc "code".
        if (!isInline && !value.startsWith(u"--") && inlineOptions.contains(QStringLiteral("-") + value.back()))
            isInline = true;
        if (isInline) {
            const Arg *code = i + 1 < args.size() ? &args[i + 1] : nullptr;
            if (code && (code->taint.network || code->taint.decoded))
                add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, code->span, code->raw, context);
            else if (code && stdinIsFetched(context) && evaluatesInput(code->value))
                // curl URL | perl -e 'eval join "", <STDIN>': inline code that runs what it reads.
                add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, code->span, name + u' ' + option, context);
            else
                add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, name + u' ' + option, context);
            // python -c "os.system(base64.b64decode('...'))": code that decodes a payload and runs it hides what runs.
            if (code && code->info.isStatic && decodesAndRuns(code->value))
                add(QStringLiteral("obfuscated_command"), Verdict::Deny, RiskLevel::High, code->span, name + u' ' + option, context);
            // php -r '$s=fsockopen(...);exec("/bin/sh -i <&3 ...")': a socket wired to a shell is a reverse shell.
            if (code && code->info.isStatic && opensSocketAndRuns(code->value))
                add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, code->span, name + u' ' + option, context);
            // pwsh -EncodedCommand BASE64: the code is hidden on purpose.
            if ((name == u"pwsh" || name == u"powershell") && option.startsWith(QLatin1String("-e"), Qt::CaseInsensitive))
                add(QStringLiteral("obfuscated_command"), Verdict::Deny, RiskLevel::High, arg.span, name + u' ' + option, context);
            // osascript -e 'do shell script "rm -rf ~"': the literal is shell text.
            if (code && name == u"osascript") {
                static thread_local const QRegularExpression shellScript(QStringLiteral("do shell script \"((?:[^\"\\\\]|\\\\.)*)\""));
                for (auto it = shellScript.globalMatch(code->value); it.hasNext();)
                    judgeExecutedText(it.next().captured(1), code->span, context, name);
            }
            // perl -pi -e 's/x/y/' ~/.bashrc, ruby -ne '...' ~/.netrc: the words after the code are files it reads
            // (and with -i rewrites).
            if (code && (name.startsWith(QLatin1String("perl")) || name == u"ruby")) {
                bool inPlace = false;
                for (qsizetype k = 1; k <= i; ++k) {
                    const QString &flag = args[k].value;
                    inPlace = inPlace || (flag.startsWith(u'-') && !flag.startsWith(u"--") && flag.mid(1).contains(u'i'));
                }
                for (qsizetype k = i + 2; k < args.size(); ++k) {
                    if (!isOption(args[k].value))
                        checkPath(args[k], args[k].value, inPlace ? OperandRole::Overwrite : OperandRole::Read, context, taint, false);
                }
            }
            return taint;
        }
        if (moduleOptions.contains(option) || moduleOptions.contains(shortOption)) {
            QString module;
            qsizetype next = i + 1;
            if (value.size() > 2 && !value.startsWith(u"--")) {
                module = value.mid(2);
            } else if (i + 1 < args.size()) {
                module = args[i + 1].value;
                next = i + 2;
            }
            const QString outcome = m_rules.pythonModules.value(module, m_rules.pythonModules.value(module.section(u'.', 0, 0), QStringLiteral("dev")));
            if (outcome == u"pip") {
                QList<Arg> pipArgs{syntheticArg(args.front(), QStringLiteral("pip"))};
                pipArgs << args.mid(next);
                AnalysisContext inner = context;
                inner.depth = context.depth + 1;
                return judgeCommand(std::move(pipArgs), inner, span);
            }
            addOutcome(outcome, span, name + QStringLiteral(" -m ") + module, context);
            if (outcome == u"background")
                m_background = true;
            if (module == u"http.server" || module == u"SimpleHTTPServer")
                judgeServedDirectory(args.mid(next), context, span);
            judgeOperands(name, nullptr, OperandRole::Path, args.mid(next - 1), context, span, taint);
            return taint;
        }
    }
    // A preloaded module without inline code still runs its import code: approval, as any inline code.
    if (preloadIndex >= 0)
        add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, args[preloadIndex].span,
            name + u' ' + args[preloadIndex].value.left(2), context);
    i = std::min(i, args.size());
    if (i < args.size()) {
        if (isStdinPath(args[i].value) && context.input.kind != StdinKind::Inherited)
            return judgeStdinCode(name, false, context, span);
        taint |= judgeScriptOperand(name, args[i], context, span);
        judgeOperands(name, nullptr, OperandRole::Path, args.mid(i), context, span, taint);
        return taint;
    }
    return judgeStdinCode(name, false, context, span);
}

Taint Analyzer::judgeNetwork(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    // ssh -V, curl --version: no destination, nothing reaches the network.
    bool onlyInfo = args.size() > 1;
    for (qsizetype k = 1; k < args.size() && onlyInfo; ++k) {
        const QString &value = args[k].value;
        onlyInfo = value == u"--version" || value == u"-V" || value == u"--help" || value == u"-h";
    }
    if (onlyInfo && context.input.kind == StdinKind::Inherited) {
        addOutcome(QStringLiteral("query"), span, name + u' ' + args[1].value, context);
        return taint;
    }
    taint.network = true;
    const ProgramOptions *options = m_rules.programOptions(name);
    QString outcome = options && !options->outcome.isEmpty() ? options->outcome : QStringLiteral("network");
    bool exfiltration = false;
    QString exfiltrationDetail;
    // `| nc host` and `nc host < .env` alike send what the command reads to the network.
    if ((context.input.kind == StdinKind::Pipe || context.input.kind == StdinKind::File)
        && (context.input.taint.secret || context.input.taint.envDump)) {
        exfiltration = true;
        exfiltrationDetail = name;
    }
    for (qsizetype i = 1; i < args.size(); ++i) {
        const Arg &arg = args[i];
        if (arg.taint.secret || arg.taint.envDump) {
            exfiltration = true;
            exfiltrationDetail = arg.raw;
        }
        const QString option = optionName(arg.value);
        const bool upload = options && options->uploadOptions.contains(option);
        const bool headerOption = option == u"-H" || option == u"--header";
        const bool attachedUpload = upload && arg.value.startsWith(u"--") && arg.value.contains(u'=');
        if (upload && (attachedUpload || (i + 1 < args.size() && !arg.value.contains(u'=')))) {
            const Arg payload = attachedUpload ? syntheticArg(arg, arg.value.section(u'=', 1)) : args[i + 1];
            QString file = payload.value;
            if (option == u"-F" || option == u"--form")
                file = file.section(u'=', 1);
            if (file.startsWith(u'@') || file.startsWith(u'<'))
                file = file.mid(1);
            const bool isFileOption = option == u"-T" || option == u"--upload-file" || option == u"--post-file" || option == u"--body-file";
            if ((file != payload.value || isFileOption) && !file.isEmpty() && file != u"-" && !payload.isDynamic()) {
                Taint fileTaint;
                checkPath(payload, file, OperandRole::Read, context, fileTaint, false);
                const PathInfo info = m_guard.classify(file, context.cwd);
                if (info.secret || info.workspaceSecret || m_secretFiles.contains(m_guard.absolute(file, context.cwd))) {
                    exfiltration = true;
                    exfiltrationDetail = file;
                }
            }
            if (hasSecretMarker(m_rules.secretVariableMarkers, payload.parameters)) {
                exfiltration = true;
                exfiltrationDetail = payload.raw;
            }
        } else if (!headerOption && !isOption(arg.value) && hasSecretMarker(m_rules.secretVariableMarkers, arg.parameters)) {
            exfiltration = true;
            exfiltrationDetail = arg.raw;
        }
        if ((name == u"nc" || name == u"ncat" || name == u"netcat")
            && (arg.value == u"-e" || arg.value == u"-c" || arg.value == u"--exec" || arg.value == u"--sh-exec" || arg.value == u"--lua-exec")) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, arg.span, name + u' ' + arg.value, context);
        }
        if (name == u"socat" && (arg.value.contains(QLatin1String("exec:"), Qt::CaseInsensitive) || arg.value.contains(QLatin1String("system:"), Qt::CaseInsensitive)))
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, arg.span, arg.value, context);
        if ((name == u"ssh" || name == u"scp" || name == u"sftp") && arg.value.startsWith(QLatin1String("-o"))) {
            const bool attached = arg.value.size() > 2;
            if (attached || i + 1 < args.size())
                judgeSshCommandOption(attached ? syntheticArg(arg, arg.value.mid(2)) : args[i + 1], context);
        }
    }
    if (exfiltration)
        add(QStringLiteral("secret_exfiltration"), Verdict::Deny, RiskLevel::High, span, exfiltrationDetail, context);
    recordFetchedFiles(name, args, context);
    addOutcome(outcome, span, name, context);
    if (name == u"ssh" || name == u"scp" || name == u"sftp" || name == u"mosh") {
        // ssh root@localhost: a root login on this machine is privilege escalation, as sudo is.
        static thread_local const QRegularExpression localRoot(QStringLiteral("^root@(localhost|127\\.0\\.0\\.1|::1|\\[::1\\]|0\\.0\\.0\\.0)(:|$)"));
        for (qsizetype k = 1; k < args.size(); ++k) {
            if (args[k].info.isStatic && args[k].value.contains(localRoot)) {
                add(QStringLiteral("privilege_escalation"), Verdict::Deny, RiskLevel::High, args[k].span, args[k].value, context);
                break;
            }
        }
    }
    if (name == u"ssh")
        taint |= judgeSshCommand(args, context, span);
    const OperandRole role = options && options->operandsSet ? options->operands : OperandRole::None;
    judgeOperands(name, options, role, args, context, span, taint);
    return taint;
}

bool Analyzer::findMayReachCredentials(const QList<Arg> &args, const QString &start, const AnalysisContext &context) const
{
    // The search covers the home directory (find ~, find /home, find /) and its -name/-iname filters, if any,
    // can match a credential file's name (*.pem, id_*, credentials ...).
    const PathInfo info = m_guard.classify(start, context.cwd);
    const QString root = info.resolved.endsWith(u'/') ? info.resolved : info.resolved + u'/';
    if (!info.home && !info.filesystemRoot && !QString(m_home + u'/').startsWith(root))
        return false;
    QStringList names;
    for (qsizetype k = 1; k + 1 < args.size(); ++k) {
        if (args[k].value == u"-name" || args[k].value == u"-iname")
            names << args[k + 1].value;
    }
    if (names.isEmpty())
        return true;
    for (const QString &name : std::as_const(names)) {
        const QRegularExpression filter(QRegularExpression::wildcardToRegularExpression(name), QRegularExpression::CaseInsensitiveOption);
        for (const QString &pattern : m_rules.secretPaths) {
            const QString last = pattern.section(u'/', -1);
            if (!pattern.contains(u'/') || last.isEmpty() || last == u"*")
                continue; // whole-directory patterns (~/.gnupg/*) say nothing about file names
            const QRegularExpression secret(QRegularExpression::wildcardToRegularExpression(last));
            QString sample = last;
            sample.replace(u'*', u'x');
            QString probe = name;
            probe.replace(u'*', u'x').replace(u'?', u'x');
            if (filter.match(sample).hasMatch() || secret.match(probe).hasMatch())
                return true;
        }
    }
    return false;
}

void Analyzer::judgeFind(const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint)
{
    static const QSet<QString> valuePrimaries = {
        QStringLiteral("-name"), QStringLiteral("-iname"), QStringLiteral("-path"), QStringLiteral("-ipath"), QStringLiteral("-regex"),
        QStringLiteral("-iregex"), QStringLiteral("-type"), QStringLiteral("-xtype"), QStringLiteral("-perm"), QStringLiteral("-user"),
        QStringLiteral("-group"), QStringLiteral("-size"), QStringLiteral("-mtime"), QStringLiteral("-mmin"), QStringLiteral("-atime"),
        QStringLiteral("-amin"), QStringLiteral("-ctime"), QStringLiteral("-cmin"), QStringLiteral("-maxdepth"), QStringLiteral("-mindepth"),
        QStringLiteral("-printf"), QStringLiteral("-wholename"), QStringLiteral("-iwholename"), QStringLiteral("-links"), QStringLiteral("-inum"),
        QStringLiteral("-fstype"), QStringLiteral("-used"), QStringLiteral("-uid"), QStringLiteral("-gid"), QStringLiteral("-context"),
        QStringLiteral("-lname"), QStringLiteral("-ilname"), QStringLiteral("-newer"), QStringLiteral("-anewer"), QStringLiteral("-cnewer"),
        QStringLiteral("-samefile"), QStringLiteral("-regextype"), QStringLiteral("-newermt"), QStringLiteral("-newerct"), QStringLiteral("-newerat"),
        QStringLiteral("-files0-from"),
    };
    qsizetype i = 1;
    while (i < args.size() && (args[i].value == u"-H" || args[i].value == u"-L" || args[i].value == u"-P"))
        ++i;
    QList<Arg> starts;
    while (i < args.size() && !args[i].value.startsWith(u'-') && args[i].value != u"(" && args[i].value != u"!"
           && args[i].value != u")" && args[i].value != u",") {
        starts << args[i];
        ++i;
    }
    const Arg here = syntheticArg(args.front(), QStringLiteral("."));
    if (starts.isEmpty())
        starts << here;
    bool deletes = false;
    for (; i < args.size(); ++i) {
        const QString &primary = args[i].value;
        if (primary == u"-exec" || primary == u"-execdir" || primary == u"-ok" || primary == u"-okdir") {
            QList<Arg> inner;
            qsizetype k = i + 1;
            for (; k < args.size(); ++k) {
                if (args[k].value == u";" || (args[k].value == u"+" && !inner.isEmpty() && inner.back().value.contains(QLatin1String("{}"))))
                    break;
                Arg piece = args[k];
                if (piece.value.contains(QLatin1String("{}"))) {
                    // {} stands for each found path: place it under the first starting point.
                    const QString base = starts.front().isDynamic() ? QString() : starts.front().value;
                    if (!base.isEmpty() && findMayReachCredentials(args, base, context)) {
                        // find ~ -name '*.pem' -exec cat {} +: what is found may be credential material.
                        piece.value = m_home + QStringLiteral("/.ssh/id_rsa");
                        piece.info.value = piece.value;
                        inner << piece;
                        continue;
                    }
                    if (base.isEmpty()) {
                        piece.info.isStatic = false;
                    } else {
                        piece.value.replace(QLatin1String("{}"), base + QStringLiteral("/x"));
                        piece.info.value = piece.value;
                        piece.info.glob = starts.front().info.glob;
                    }
                }
                inner << piece;
            }
            if (inner.isEmpty()) {
                add(QStringLiteral("invalid_command_syntax"), Verdict::Deny, RiskLevel::High, args[i].span, primary, context);
            } else {
                AnalysisContext innerContext = context;
                innerContext.depth = context.depth + 1;
                innerContext.input = StdinSource{};
                const SourceSpan innerSpan = coverArgs(inner, span);
                taint |= judgeCommand(std::move(inner), innerContext, innerSpan);
            }
            i = k;
            continue;
        }
        if (primary == u"-delete") {
            deletes = true;
            continue;
        }
        if (primary == u"-fprint" || primary == u"-fprint0" || primary == u"-fls" || primary == u"-fprintf") {
            if (i + 1 < args.size())
                checkPath(args[i + 1], args[i + 1].value, OperandRole::Overwrite, context, taint, false);
            i += primary == u"-fprintf" ? 2 : 1;
            continue;
        }
        if (valuePrimaries.contains(primary))
            ++i;
    }
    for (const Arg &start : std::as_const(starts))
        checkPath(start, start.value, OperandRole::Read, context, taint, false);
    if (deletes) {
        addOutcome(QStringLiteral("destructive"), span, QStringLiteral("find -delete"), context);
        for (const Arg &start : std::as_const(starts)) {
            if (start.isDynamic()) {
                checkPath(start, start.value, OperandRole::Delete, context, taint, false);
                continue;
            }
            const QString below = start.value.endsWith(u'/') ? QString(start.value + u'x') : QString(start.value + QStringLiteral("/x"));
            Arg target = start;
            target.alternatives.clear();
            checkPath(target, below, OperandRole::Delete, context, taint, false);
        }
    }
}

void Analyzer::judgeTar(const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint)
{
    enum class Mode { Unknown, Create, Extract, List, Append } mode = Mode::Unknown;
    Arg archive;
    bool haveArchive = false;
    Arg directory;
    bool haveDirectory = false;
    QList<Arg> operands;
    QList<QChar> pendingValues;
    static const QString valueLetters = QStringLiteral("fCTXbNgKLHV");
    auto letter = [&](QChar c) {
        switch (c.unicode()) {
        case u'c': mode = Mode::Create; break;
        case u'x': mode = Mode::Extract; break;
        case u't': mode = Mode::List; break;
        case u'r': case u'u': case u'A': mode = Mode::Append; break;
        case u'I': case u'F':
            add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, args.front().span, QStringLiteral("tar -") + c, context);
            break;
        default: break;
        }
        if (valueLetters.contains(c) || c == u'I' || c == u'F')
            pendingValues << c;
    };
    for (qsizetype i = 1; i < args.size(); ++i) {
        const Arg &arg = args[i];
        const QString &value = arg.value;
        if (!pendingValues.isEmpty() && !(value.startsWith(u'-') && value.size() > 1)) {
            const QChar which = pendingValues.takeFirst();
            if (which == u'f') {
                archive = arg;
                haveArchive = true;
            } else if (which == u'C') {
                directory = arg;
                haveDirectory = true;
            }
            continue;
        }
        if (value.startsWith(u"--")) {
            const QString option = optionName(value);
            const QString attached = value.contains(u'=') ? value.section(u'=', 1) : QString();
            if (option == u"--create") mode = Mode::Create;
            else if (option == u"--extract" || option == u"--get") mode = Mode::Extract;
            else if (option == u"--list") mode = Mode::List;
            else if (option == u"--append" || option == u"--update") mode = Mode::Append;
            else if (option == u"--file" || option == u"--directory") {
                Arg target = arg;
                if (!attached.isEmpty()) {
                    target = syntheticArg(arg, attached);
                } else if (i + 1 < args.size()) {
                    target = args[++i];
                }
                if (option == u"--file") {
                    archive = target;
                    haveArchive = true;
                } else {
                    directory = target;
                    haveDirectory = true;
                }
            } else if (option == u"--to-command" || option == u"--use-compress-program" || option == u"--info-script"
                       || option == u"--new-volume-script" || option == u"--rsh-command" || option == u"--rmt-command"
                       || (option == u"--checkpoint-action" && value.contains(QLatin1String("exec")))) {
                add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, option, context);
            }
            continue;
        }
        if ((i == 1 && !value.startsWith(u'-')) || (value.startsWith(u'-') && value.size() > 1)) {
            const QString letters = value.startsWith(u'-') ? value.mid(1) : value;
            for (qsizetype c = 0; c < letters.size(); ++c) {
                letter(letters[c]);
                // -fname: the rest of the cluster is the value.
                if ((letters[c] == u'f' || letters[c] == u'C') && c + 1 < letters.size() && value.startsWith(u'-')) {
                    pendingValues.removeLast();
                    Arg attachedArg = syntheticArg(arg, letters.mid(c + 1));
                    if (letters[c] == u'f') {
                        archive = attachedArg;
                        haveArchive = true;
                    } else {
                        directory = attachedArg;
                        haveDirectory = true;
                    }
                    break;
                }
            }
            continue;
        }
        operands << arg;
    }
    addOutcome(mode == Mode::List ? QStringLiteral("read") : QStringLiteral("dev"), span, QStringLiteral("tar"), context);
    if (haveArchive && archive.value != u"-")
        checkPath(archive, archive.value, mode == Mode::Create ? OperandRole::Overwrite : (mode == Mode::Append ? OperandRole::Write : OperandRole::Read),
                  context, taint, false);
    if (mode == Mode::Extract) {
        if (haveDirectory) {
            checkPath(directory, directory.value, OperandRole::Write, context, taint, false);
            // tar -xpf x.tar -C / (or ~): the archive's names choose which system or startup files are replaced.
            if (!directory.isDynamic()) {
                if (holdsPersistence(directory.value, context))
                    add(QStringLiteral("persistence"), Verdict::Deny, RiskLevel::High, directory.span, directory.value, context);
            }
        }
    } else {
        if (haveDirectory)
            checkPath(directory, directory.value, OperandRole::Read, context, taint, false);
        if (mode == Mode::Create || mode == Mode::Append) {
            for (const Arg &operand : std::as_const(operands)) {
                if (haveDirectory && !operand.value.startsWith(u'/')) {
                    // tar czf - -C ~ .ssh: the operand is read relative to the -C directory.
                    if (!directory.isDynamic() && !operand.isDynamic())
                        checkPath(operand, m_guard.absolute(directory.value, context.cwd) + u'/' + operand.value, OperandRole::Read,
                                  context, taint, false);
                    continue;
                }
                checkPath(operand, operand.value, OperandRole::Read, context, taint, false);
            }
        }
    }
}

// A chmod/install mode that sets the setuid or setgid bit: u+s, g=rxs, 4755, 02755, and GNU's
// operator-prefixed octal forms (=4755, +4000; "-4000" clears the bits).
bool setsIdBits(const QString &mode)
{
    static thread_local const QRegularExpression symbolicSetuid(QStringLiteral("[+=][rwxXt]*s"));
    static thread_local const QRegularExpression numericSetuid(QStringLiteral("^[+=]?0*([1-7])[0-7]{3}$"));
    if (symbolicSetuid.match(mode).hasMatch())
        return true;
    const QRegularExpressionMatch numeric = numericSetuid.match(mode);
    return numeric.hasMatch() && (numeric.captured(1).toInt() & 6);
}

void Analyzer::judgeChmod(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint)
{
    bool recursive = false;
    QList<Arg> operands;
    bool reference = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (value.startsWith(u"--")) {
            if (value == u"--recursive")
                recursive = true;
            if (value.startsWith(u"--reference"))
                reference = true;
            continue;
        }
        static thread_local const QRegularExpression negativeMode(QStringLiteral("^-[rwxXst]+$"));
        if (isOption(value) && !(name == u"chmod" && negativeMode.match(value).hasMatch() && operands.isEmpty()
                                  && !value.contains(u'R'))) {
            if (value.contains(u'R'))
                recursive = true;
            continue;
        }
        operands << args[i];
    }
    if (!reference && !operands.isEmpty()) {
        const Arg mode = operands.takeFirst();
        if (name == u"chmod") {
            if (setsIdBits(mode.value))
                add(QStringLiteral("privilege_escalation"), Verdict::Deny, RiskLevel::High, mode.span, QStringLiteral("chmod ") + mode.value, context);
            // chmod 777 /etc/passwd, chmod o+w ~/.bashrc: any user may then rewrite a file that runs or grants access.
            static thread_local const QRegularExpression numeric(QStringLiteral("^[0-7]{3,4}$"));
            // Others' write bit only: group write is the norm with user-private groups (umask 002).
            const bool numericWrite = numeric.match(mode.value).hasMatch() && (mode.value.right(1).at(0).digitValue() & 2);
            static thread_local const QRegularExpression symbolicWrite(QStringLiteral("(^|,)[ug]*[oa][ugoa]*[+=][rwxXst]*w|(^|,)[+=][rwxXst]*w"));
            if (numericWrite || symbolicWrite.match(mode.value).hasMatch()) {
                for (const Arg &operand : std::as_const(operands)) {
                    if (operand.isDynamic())
                        continue;
                    const PathInfo info = m_guard.classify(operand.value, context.cwd);
                    if (info.zone != PathZone::Inside && info.zone != PathZone::WorkspaceRoot && (info.persistence || info.secret)) {
                        add(QStringLiteral("privilege_escalation"), Verdict::Deny, RiskLevel::High, operand.span,
                            QStringLiteral("chmod ") + mode.value + u' ' + operand.value, context);
                        break;
                    }
                }
            }
        }
    }
    addOutcome(recursive ? QStringLiteral("destructive") : QStringLiteral("write"), span, name, context);
    for (const Arg &operand : std::as_const(operands))
        checkPath(operand, operand.value, OperandRole::Modify, context, taint, false, recursive);
}

void Analyzer::judgeDd(const QList<Arg> &args, AnalysisContext &context, SourceSpan span, Taint &taint)
{
    Q_UNUSED(span)
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (value.startsWith(QLatin1String("if="))) {
            const QString path = value.mid(3);
            checkPath(syntheticArg(args[i], path), path, OperandRole::Read, context, taint, false);
        } else if (value.startsWith(QLatin1String("of="))) {
            const QString path = value.mid(3);
            Arg target = syntheticArg(args[i], path);
            target.info.isStatic = args[i].info.isStatic;
            if (args[i].info.isStatic && m_guard.classify(path, context.cwd).zone == PathZone::BlockDevice)
                add(QStringLiteral("blocked_command_pattern"), Verdict::Deny, RiskLevel::High, args[i].span, QStringLiteral("dd of=/dev/"), context);
            checkPath(target, path, OperandRole::Overwrite, context, taint, false);
        }
    }
    // dd if=a.sh of=b.sh copies a download like cp does.
    QList<Arg> sources;
    QList<Arg> targets;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (value.startsWith(QLatin1String("if=")) || value.startsWith(QLatin1String("of="))) {
            Arg operand = syntheticArg(args[i], value.mid(3));
            operand.info.isStatic = args[i].info.isStatic;
            (value.startsWith(u'i') ? sources : targets) << operand;
        }
    }
    carryFetchedFiles(sources, targets, context);
}

void Analyzer::judgeCd(const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    const QString &name = args.front().value;
    if (name == u"popd") {
        context.cwd.clear();
        return;
    }
    const Arg *target = nullptr;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i].value == u"-L" || args[i].value == u"-P" || args[i].value == u"-e" || args[i].value == u"--")
            continue;
        target = &args[i];
        break;
    }
    if (!target) {
        context.cwd = m_guard.home();
    } else if (target->isDynamic() || target->value == u"-") {
        context.cwd.clear();
        return;
    } else {
        // cd is logical (cd -L, bash's default): "link/.." goes back where it came from.
        const PathInfo info = m_guard.classify(m_guard.absolute(target->value, context.cwd), context.cwd);
        context.cwd = info.resolved;
    }
    const PathInfo where = m_guard.classify(context.cwd, context.cwd);
    if (where.zone == PathZone::Outside)
        add(QStringLiteral("path_outside_workspace"), Verdict::RequiresApproval, RiskLevel::Low, target ? target->span : span,
            context.cwd, context);
}

void Analyzer::judgeSedScript(const QString &script, SourceSpan span, const AnalysisContext &context)
{
    // Walk the commands; e executes, w writes, r reads. s///e and s///w likewise.
    qsizetype i = 0;
    const qsizetype n = script.size();
    auto skipAddress = [&] {
        for (;;) {
            while (i < n && (script[i].isSpace() || script[i] == u';'))
                ++i;
            if (i < n && (script[i].isDigit() || script[i] == u'$' || script[i] == u',' || script[i] == u'!' || script[i] == u'~' || script[i] == u'+')) {
                ++i;
                continue;
            }
            if (i < n && (script[i] == u'/' || (script[i] == u'\\' && i + 1 < n))) {
                const QChar delimiter = script[i] == u'/' ? u'/' : script[i + 1];
                i += script[i] == u'/' ? 1 : 2;
                while (i < n && script[i] != delimiter) {
                    if (script[i] == u'\\')
                        ++i;
                    ++i;
                }
                ++i;
                continue;
            }
            return;
        }
    };
    while (i < n) {
        skipAddress();
        if (i >= n)
            break;
        const QChar command = script[i];
        if (command == u'{' || command == u'}') {
            ++i;
            continue;
        }
        if (command == u's' || command == u'y') {
            if (i + 1 >= n)
                break;
            const QChar delimiter = script[i + 1];
            i += 2;
            int seen = 0;
            qsizetype replacementStart = -1;
            qsizetype replacementEnd = -1;
            while (i < n && seen < 2) {
                if (script[i] == u'\\') {
                    i += 2;
                    continue;
                }
                if (script[i] == delimiter) {
                    ++seen;
                    if (seen == 1)
                        replacementStart = i + 1;
                    else
                        replacementEnd = i;
                }
                ++i;
            }
            while (i < n && script[i] != u';' && script[i] != u'\n' && script[i] != u'}') {
                if (command == u's' && script[i] == u'e') {
                    add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, span, QStringLiteral("sed s///e"), context);
                    // s/.*/rm -rf ~/e runs the replacement: a literal one is judged as the command it is.
                    if (replacementStart >= 0 && replacementEnd > replacementStart)
                        judgeExecutedText(script.mid(replacementStart, replacementEnd - replacementStart), span, context, QStringLiteral("sed"));
                }
                if (command == u's' && script[i] == u'w') {
                    add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, span, QStringLiteral("sed s///w"), context);
                    while (i < n && script[i] != u'\n')
                        ++i;
                    break;
                }
                ++i;
            }
            continue;
        }
        if (command == u'e') {
            add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, span, QStringLiteral("sed e"), context);
            const qsizetype end = script.indexOf(u'\n', i + 1);
            judgeExecutedText(script.mid(i + 1, end < 0 ? -1 : end - i - 1), span, context, QStringLiteral("sed"));
        } else if (command == u'w' || command == u'W') {
            add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, span, QStringLiteral("sed w"), context);
        }
        // Commands with text arguments run to the end of the line.
        if (QStringView(u"aicrRwWebtT:").contains(command)) {
            while (i < n && script[i] != u'\n')
                ++i;
        } else {
            ++i;
        }
    }
}

void Analyzer::judgeExecutedText(const QString &text, SourceSpan span, const AnalysisContext &context, const QString &origin)
{
    // Text a tool hands to sh -c (sed e, awk system()): judged when it parses; otherwise the tool's own
    // execute_option / inline_code approval stands.
    const QString command = text.trimmed();
    if (command.isEmpty() || !parseShell(command).ok())
        return;
    AnalysisContext inner = context;
    inner.input = StdinSource{};
    judgeShellText(command, span, inner, origin);
}

void Analyzer::judgeAwkProgram(const QString &program, SourceSpan span, const AnalysisContext &context)
{
    static thread_local const QRegularExpression execution(QStringLiteral("system\\s*\\(|\\|\\s*getline|\\|&|print[^;}]*\\|\\s*\""));
    if (!execution.match(program).hasMatch())
        return;
    // gawk's /inet/tcp/... special files are sockets: commands read from one and run are a reverse shell.
    if (program.contains(QLatin1String("/inet/")) || program.contains(QLatin1String("/inet4/")) || program.contains(QLatin1String("/inet6/"))) {
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, span, QStringLiteral("awk /inet"), context);
        return;
    }
    // awk 'BEGIN{system("rm -rf ~")}': a literal command line is judged as the command it is.
    static thread_local const QRegularExpression literalSystem(QStringLiteral("system\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)"));
    for (auto it = literalSystem.globalMatch(program); it.hasNext();)
        judgeExecutedText(it.next().captured(1), span, context, QStringLiteral("awk"));
    // curl URL | awk '{system($0)}': the program hands downloaded text to a shell.
    if (stdinIsFetched(context))
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, span, QStringLiteral("awk"), context);
    else
        add(QStringLiteral("inline_code"), Verdict::RequiresApproval, RiskLevel::Medium, span, QStringLiteral("awk"), context);
}

void Analyzer::judgeSqlText(const SubcommandRule &client, const QString &sql, SourceSpan span, AnalysisContext &context)
{
    static thread_local const QRegularExpression destructive(
        QStringLiteral("\\b(drop\\s+(table|database|schema|index|view|user|role)|truncate\\s+|delete\\s+from\\s+\\w+\\s*(;|$)|alter\\s+table\\s+\\S+\\s+drop|flushall|flushdb|dropDatabase\\s*\\()"),
        QRegularExpression::CaseInsensitiveOption);
    if (destructive.match(sql).hasMatch())
        add(QStringLiteral("destructive_infrastructure"), Verdict::Deny, RiskLevel::High, span, sql.left(60), context);
    judgeSqlClientCommands(client, sql, span, context);
}

void Analyzer::judgeSqlClientCommands(const SubcommandRule &client, const QString &sql, SourceSpan span, AnalysisContext &context)
{
    // COPY ... FROM PROGRAM 'cmd' (the server runs it) and psql's \copy ... program 'cmd' (the client does).
    static thread_local const QRegularExpression program(QStringLiteral("\\bprogram\\s+'([^']*)'"),
                                                         QRegularExpression::CaseInsensitiveOption);
    // What the client runs does not read the client's stdin.
    AnalysisContext escaped = context;
    escaped.input = StdinSource{};
    for (auto it = program.globalMatch(sql); it.hasNext();)
        judgeShellText(it.next().captured(1), span, escaped, QStringLiteral("COPY PROGRAM"));
    if (client.sqlClientCommands.isEmpty())
        return;
    const QStringList shell = client.sqlClientCommands.value(QStringLiteral("shell"));
    const QStringList unseen = client.sqlClientCommands.value(QStringLiteral("unseen"));
    const QStringList pipe = client.sqlClientCommands.value(QStringLiteral("pipe"));
    // The client reads its own commands at the start of a line (psql also after other text, rarely used).
    for (const QString &rawLine : sql.split(QRegularExpression(QStringLiteral("[\\r\\n]+")), Qt::SkipEmptyParts)) {
        const QString line = rawLine.trimmed();
        // "\!ls" and "\! ls" are the same command; words are otherwise separated by blanks.
        auto argumentOf = [&](const QString &command) -> std::optional<QString> {
            if (!line.startsWith(command, Qt::CaseInsensitive))
                return std::nullopt;
            const QString rest = line.mid(command.size());
            if (!rest.isEmpty() && !rest.front().isSpace() && !command.endsWith(u'!'))
                return std::nullopt;
            return rest.trimmed();
        };
        for (const QString &command : shell) {
            if (const auto text = argumentOf(command); text && !text->isEmpty())
                judgeClientShellCommand(command, *text, span, escaped);
        }
        for (const QString &command : pipe) {
            const auto argument = argumentOf(command);
            if (!argument)
                continue;
            QString target = *argument;
            if (target.size() > 1 && (target.front() == u'\'' || target.front() == u'"') && target.back() == target.front())
                target = target.mid(1, target.size() - 2);
            if (target.startsWith(u'|'))
                judgeClientShellCommand(command, target.mid(1).trimmed(), span, escaped);
        }
        for (const QString &command : unseen) {
            if (argumentOf(command))
                addOutcome(QStringLiteral("unseen_sql"), span, command, context);
        }
    }
}

void Analyzer::judgeClientShellCommand(const QString &command, QString text, SourceSpan span, AnalysisContext &context)
{
    // mysql's long-form commands (system, pager) end at a semicolon; psql's \! and sqlite3's .shell take the line.
    if (command.front().isLetter())
        text = text.section(u';', 0, 0).trimmed();
    // Text the shell grammar rejects may still be what the client hands to sh: it runs something unknown.
    if (text.isEmpty() || !parseShell(text).ok()) {
        add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, span, command, context);
        return;
    }
    judgeShellText(text, span, context, command);
}

void Analyzer::judgeSqlClient(const QString &name, const SubcommandRule &rule, const QList<Arg> &args, AnalysisContext &context,
                              SourceSpan span)
{
    // Statements fed on stdin as static text (echo "DROP TABLE x;" | psql, here-documents) are judged;
    // a file or another program's output is not read here, so its SQL is unseen: approval, whatever it holds.
    const StdinSource &input = context.input;
    if ((input.kind == StdinKind::HereDoc || input.kind == StdinKind::HereString || (input.kind == StdinKind::Pipe && input.textStatic))
        && !input.text.isEmpty()) {
        judgeSqlText(rule, input.text, input.span, context);
    } else if (input.kind == StdinKind::File || input.kind == StdinKind::Pipe) {
        addOutcome(QStringLiteral("unseen_sql"), input.span.length > 0 ? input.span : span,
                   input.kind == StdinKind::File ? input.filePath : name, context);
    }
    QStringList operands;
    QList<Arg> operandArgs;
    for (qsizetype k = 1; k < args.size(); ++k) {
        const Arg &arg = args[k];
        const QString option = optionName(arg.value);
        const bool attached = arg.value.startsWith(u"--") && arg.value.contains(u'=');
        const bool sqlOption = rule.sqlOptions.contains(option);
        const bool fileOption = rule.sqlFileOptions.contains(option);
        if (isOption(arg.value) && (sqlOption || fileOption)) {
            const Arg value = attached ? syntheticArg(arg, arg.value.section(u'=', 1)) : (k + 1 < args.size() ? args[k + 1] : Arg{});
            if (!attached)
                ++k;
            if (sqlOption)
                judgeSqlText(rule, value.value, value.span.length > 0 ? value.span : arg.span, context);
            else
                addOutcome(QStringLiteral("unseen_sql"), arg.span, value.value, context);
            continue;
        }
        if (!isOption(arg.value)) {
            operands << arg.value;
            operandArgs << arg;
        }
    }
    // sqlite3 DB 'SQL' '.cmd': each operand after the database is one statement or dot-command.
    if (rule.sqlOperands && operands.size() >= 2)
        judgeSqlText(rule, operands.mid(1).join(u'\n'), coverArgs(operandArgs.mid(1), span), context);
}

Taint Analyzer::judgeCarriedCommand(const QString &carrier, const QList<Arg> &words, CarriedForm form, bool passesStdin,
                                    AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    if (words.isEmpty())
        return taint;
    const SourceSpan where = coverArgs(words, span);
    bool allStatic = true;
    for (const Arg &word : words) {
        if (word.taint.network || word.taint.decoded) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, word.span, word.raw, context);
            return taint;
        }
        allStatic = allStatic && word.info.isStatic;
    }
    if (!allStatic) {
        add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, where, carrier, context);
        return taint;
    }
    AnalysisContext inner = context;
    if (!passesStdin)
        inner.input = StdinSource{};
    if (form == CarriedForm::ArgumentVector) {
        if (context.depth + 1 > m_rules.maxWrapperDepth) {
            add(QStringLiteral("wrapper_depth_exceeded"), Verdict::RequiresApproval, RiskLevel::High, where, carrier, context);
            return taint;
        }
        inner.depth = context.depth + 1;
        return judgeCommand(words, inner, span);
    }
    QStringList pieces;
    for (const Arg &word : words)
        pieces << word.value;
    const QString text = pieces.join(u' ');
    // Keys typed into a terminal may be half a line: what does not parse is left to the carrier's own approval.
    if (form == CarriedForm::TypedText && !parseShell(text).ok())
        return taint;
    return judgeShellText(text, where, inner, carrier);
}

void Analyzer::judgeKillTargets(const QList<Arg> &args, AnalysisContext &context)
{
    // kill -9 -1 / kill -s KILL -1 / kill -- -1: pid -1 is every process the user may signal, the session
    // included; as catastrophic as killall5, which is blocked. A lone leading -1 is a signal number (SIGHUP).
    bool targets = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (!targets && (value == u"-s" || value == u"-n")) {
            ++i;
            targets = true;
            continue;
        }
        if (!targets && (value == u"--" || (value.startsWith(u'-') && i == 1))) {
            targets = true;
            continue;
        }
        targets = true;
        if (value == u"-1" && args[i].info.isStatic) {
            add(QStringLiteral("blocked_command_pattern"), Verdict::Deny, RiskLevel::High, args[i].span, QStringLiteral("kill -1"), context);
            return;
        }
    }
}

void Analyzer::judgeMakeAssignments(const QList<Arg> &args, AnalysisContext &context)
{
    // make SHELL='sh -c "..."' VAR=...: make runs every recipe line with SHELL and .SHELLFLAGS, so the value is
    // a command line. A plain shell (SHELL=/bin/bash) judges as harmless.
    for (qsizetype i = 1; i < args.size(); ++i) {
        const Arg &arg = args[i];
        const QString variable = arg.value.section(u'=', 0, 0).trimmed();
        if (!arg.value.contains(u'=') || (variable != u"SHELL" && variable != u".SHELLFLAGS"))
            continue;
        if (arg.isDynamic()) {
            add(QStringLiteral("dynamic_argument"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, arg.raw, context);
            continue;
        }
        const QString value = arg.value.section(u'=', 1);
        if (variable == u".SHELLFLAGS") {
            add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, arg.span, variable, context);
            continue;
        }
        AnalysisContext recipe = context;
        recipe.input = StdinSource{};
        judgeShellText(value, arg.span, recipe, QStringLiteral("make SHELL"));
    }
}

void Analyzer::judgeSshCommandOption(const Arg &option, AnalysisContext &context)
{
    // -o ProxyCommand=CMD, -o LocalCommand=CMD (KEY CMD and KEY=CMD alike): ssh runs CMD locally with sh -c.
    static thread_local const QRegularExpression commandOption(
        QStringLiteral("^\\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\\s*(?:=|\\s)\\s*(.*)$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const auto match = commandOption.match(option.value);
    if (!match.hasMatch())
        return;
    const QString command = match.captured(2).trimmed();
    if (option.isDynamic()) {
        add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::High, option.span, option.value, context);
        return;
    }
    add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::High, option.span, match.captured(1), context);
    if (command.isEmpty() || command.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return;
    // %h, %p and the like are ssh's own tokens, words to the shell.
    AnalysisContext local = context;
    local.input = StdinSource{};
    judgeShellText(command, option.span, local, match.captured(1));
}

Taint Analyzer::judgeSshCommand(const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    // ssh [options] destination [command ...]: the remote shell runs the words after the destination, joined
    // by spaces. Its paths are the remote host's; judged as if local, which is the stricter reading.
    // OpenSSH also reads options between the destination and the command (ssh host -t CMD).
    const ProgramOptions *options = m_rules.programOptions(QStringLiteral("ssh"));
    bool sawDestination = false;
    qsizetype i = 1;
    for (; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (value == u"--") {
            // ssh -- host CMD or ssh host -- CMD: the command follows the destination.
            i += sawDestination ? 1 : 2;
            sawDestination = true;
            break;
        }
        if (!isOption(value)) {
            if (sawDestination)
                break;
            sawDestination = true;
            continue;
        }
        // Clusters such as -tt, -p2222 or -vp 2222: the first letter that takes a value ends the cluster.
        for (qsizetype k = 1; k < value.size(); ++k) {
            const QString option = QStringLiteral("-") + value.at(k);
            if (options && (options->valueOptions.contains(option) || options->pathOptions.contains(option))) {
                if (k + 1 == value.size())
                    ++i;
                break;
            }
        }
    }
    if (!sawDestination || i >= args.size())
        return Taint{};
    return judgeCarriedCommand(QStringLiteral("ssh"), args.mid(i), CarriedForm::ShellText, true, context, span);
}

std::optional<std::pair<const CarrierRule *, qsizetype>> Analyzer::matchCarrier(const SubcommandRule &rule, const QStringList &words,
                                                                                 const QList<qsizetype> &wordIndex) const
{
    // The longest subcommand that the leading words spell; the carried part starts after its last word.
    std::optional<std::pair<const CarrierRule *, qsizetype>> best;
    qsizetype bestLength = 0;
    for (const CarrierRule &carrier : rule.carriers) {
        for (const QString &subcommand : carrier.subcommands) {
            const QStringList spelled = subcommand.split(u' ');
            if (spelled.size() > words.size() || spelled.size() <= bestLength || words.mid(0, spelled.size()) != spelled)
                continue;
            best = std::make_pair(&carrier, wordIndex[spelled.size() - 1] + 1);
            bestLength = spelled.size();
        }
    }
    return best;
}

QList<std::pair<QString, QString>> Analyzer::workspaceMounts(const SubcommandRule &rule, const QList<Arg> &options,
                                                            const AnalysisContext &context) const
{
    // -v SRC:DST, --volume=SRC:DST, --mount type=bind,source=SRC,target=DST whose SRC is in the workspace:
    // inside the container DST is that workspace directory.
    QList<std::pair<QString, QString>> mounts;
    static thread_local const QRegularExpression source(QStringLiteral("(?:^|,)(?:source|src)=([^,]+)"));
    static thread_local const QRegularExpression target(QStringLiteral("(?:^|,)(?:target|destination|dst)=([^,]+)"));
    for (qsizetype k = 0; k < options.size(); ++k) {
        const QString option = optionName(options[k].value);
        if (!rule.hostMountOptions.contains(option))
            continue;
        const bool attached = options[k].value.startsWith(u"--") && options[k].value.contains(u'=');
        if (!attached && k + 1 >= options.size())
            continue;
        const Arg &valueArg = attached ? options[k] : options[k + 1];
        if (valueArg.isDynamic())
            continue;
        const QString spec = attached ? options[k].value.section(u'=', 1) : valueArg.value;
        QString from;
        QString to;
        if (option == u"--mount") {
            from = source.match(spec).captured(1);
            to = target.match(spec).captured(1);
        } else {
            from = spec.section(u':', 0, 0);
            to = spec.section(u':', 1, 1);
        }
        if (from.isEmpty() || !to.startsWith(u'/') || !looksLikePath(from))
            continue;
        const PathInfo info = m_guard.classify(from, context.cwd);
        if (info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot)
            mounts.append({QDir::cleanPath(to), info.resolved});
    }
    return mounts;
}

Taint Analyzer::judgeCarrier(const QString &name, const SubcommandRule &rule, const CarrierRule &carrier, const QList<Arg> &args,
                             qsizetype start, AnalysisContext &context, SourceSpan span, qsizetype *carriedFrom)
{
    Taint taint;
    const QString label = name + u' ' + args[start - 1].value;
    qsizetype i = start;
    if (carrier.doubleDash != CarrierRule::DoubleDash::Optional) {
        qsizetype dash = start;
        while (dash < args.size() && args[dash].value != u"--")
            ++dash;
        if (dash < args.size()) {
            *carriedFrom = dash + 1;
            return judgeCarriedCommand(label, args.mid(dash + 1), CarriedForm::ArgumentVector, true, context, span);
        }
        if (carrier.doubleDash == CarrierRule::DoubleDash::Only)
            return taint;
    }
    QString entrypoint;
    const Arg *entrypointArg = nullptr;
    QString workdir;
    QList<Arg> optionArgs;
    for (; i < args.size(); ++i) {
        const Arg &arg = args[i];
        const QString &value = arg.value;
        if (value == u"--") {
            ++i;
            break;
        }
        if (!isOption(value) || arg.isDynamic())
            break;
        // The option's value: attached (--opt=V, -wV) or the next word. In a cluster (-itw DIR) the first
        // letter that takes a value ends it.
        QString option = optionName(value);
        std::optional<QString> attached;
        if (value.startsWith(u"--")) {
            if (value.contains(u'='))
                attached = value.section(u'=', 1);
        } else {
            for (qsizetype c = 1; c < value.size(); ++c) {
                const QString letter = QStringLiteral("-") + value.at(c);
                if (carrier.valueOptions.contains(letter) || carrier.shellOptions.contains(letter)) {
                    option = letter;
                    if (c + 1 < value.size())
                        attached = value.mid(c + 1);
                    break;
                }
            }
        }
        const bool takesValue = carrier.valueOptions.contains(option) || carrier.shellOptions.contains(option)
                                || carrier.entrypointOptions.contains(option) || carrier.workdirOptions.contains(option);
        optionArgs << arg;
        if (!takesValue)
            continue;
        const Arg *valueArg = &arg;
        if (!attached) {
            if (i + 1 >= args.size())
                break;
            valueArg = &args[++i];
            optionArgs << *valueArg;
        }
        const QString optionValue = attached ? *attached : valueArg->value;
        if (carrier.shellOptions.contains(option)) {
            const Arg text = attached ? syntheticArg(arg, optionValue) : *valueArg;
            taint |= judgeCarriedCommand(label, {text}, CarriedForm::ShellText, true, context, span);
        } else if (carrier.entrypointOptions.contains(option)) {
            entrypoint = optionValue;
            entrypointArg = valueArg;
        } else if (carrier.workdirOptions.contains(option) && valueArg->info.isStatic) {
            workdir = optionValue;
        }
    }
    if (carrier.form == CarrierRule::Form::None) {
        // gcloud compute ssh VM --command TEXT: later words are the tool's own; look for the option there too.
        for (qsizetype k = i; k < args.size(); ++k) {
            const QString option = optionName(args[k].value);
            if (!isOption(args[k].value) || !carrier.shellOptions.contains(option))
                continue;
            if (args[k].value.contains(u'='))
                taint |= judgeCarriedCommand(label, {syntheticArg(args[k], args[k].value.section(u'=', 1))}, CarriedForm::ShellText,
                                             true, context, span);
            else if (k + 1 < args.size())
                taint |= judgeCarriedCommand(label, {args[++k]}, CarriedForm::ShellText, true, context, span);
        }
        return taint;
    }
    i += carrier.operands;
    if (i < args.size() && args[i].value == u"--")
        ++i;
    if (i > args.size())
        return taint;
    *carriedFrom = i;
    QList<Arg> words = args.mid(i);
    if (!entrypoint.isEmpty() && entrypointArg)
        words.prepend(syntheticArg(*entrypointArg, entrypoint));
    if (words.isEmpty())
        return taint; // the image's own command: not known here
    // A path under a workspace mount is that workspace path; other container paths are judged as if local,
    // the stricter reading. The working directory follows the same rule.
    const QList<std::pair<QString, QString>> mounts = workspaceMounts(rule, optionArgs, context);
    auto hostPath = [&](const QString &path) -> QString {
        for (const auto &[inContainer, onHost] : mounts) {
            if (path == inContainer || path.startsWith(inContainer + u'/'))
                return onHost + path.mid(inContainer.size());
        }
        return path;
    };
    for (Arg &word : words) {
        if (word.info.isStatic && word.value.startsWith(u'/')) {
            const QString mapped = hostPath(word.value);
            if (mapped != word.value)
                word = syntheticArg(word, mapped);
        }
    }
    AnalysisContext carried = context;
    if (workdir.startsWith(u'/'))
        carried.cwd = hostPath(QDir::cleanPath(workdir));
    taint |= judgeCarriedCommand(label, words, CarriedForm::ArgumentVector, true, carried, span);
    return taint;
}

Taint Analyzer::judgeDetachedCommand(const QString &name, const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    if (name == u"tmux" || name == u"byobu") { // byobu passes its arguments to tmux
        // tmux [-L socket] [-S path] [-f file] [-c shell-command] COMMAND [flags] [shell-command | keys] [; COMMAND ...]
        qsizetype i = 1;
        for (; i < args.size() && isOption(args[i].value); ++i) {
            const QString &value = args[i].value;
            if (value == u"-c" && i + 1 < args.size()) {
                taint |= judgeCarriedCommand(name, args.mid(i + 1, 1), CarriedForm::ShellText, false, context, span);
                ++i;
            } else if (value == u"-L" || value == u"-S" || value == u"-f" || value == u"-T") {
                ++i;
            }
        }
        static const QSet<QString> runsShellCommand = {
            QStringLiteral("new-session"), QStringLiteral("new"), QStringLiteral("new-window"), QStringLiteral("neww"),
            QStringLiteral("split-window"), QStringLiteral("splitw"), QStringLiteral("respawn-pane"), QStringLiteral("respawnp"),
            QStringLiteral("respawn-window"), QStringLiteral("respawnw"), QStringLiteral("run-shell"), QStringLiteral("run"),
            QStringLiteral("display-popup"), QStringLiteral("popup"),
        };
        static const QSet<QString> typesKeys = {QStringLiteral("send-keys"), QStringLiteral("send")};
        // Options of those commands that take a value (-f is new-session's flags file, a flag elsewhere; -d detaches).
        static const QString valueLetters = QStringLiteral("ceFlnpstwxyNTf");
        while (i < args.size()) {
            qsizetype end = i;
            while (end < args.size() && args[end].value != u";")
                ++end;
            const QString command = args[i].value;
            if (runsShellCommand.contains(command) || typesKeys.contains(command)) {
                qsizetype k = i + 1;
                bool literal = false;
                for (; k < end && isOption(args[k].value); ++k) {
                    const QString &value = args[k].value;
                    for (qsizetype c = 1; c < value.size(); ++c) {
                        if (value.at(c) == u'l' && typesKeys.contains(command)) {
                            literal = true;
                            continue;
                        }
                        const bool flagOnly = value.at(c) == u'f' && command != u"new-session" && command != u"new";
                        if (valueLetters.contains(value.at(c)) && !flagOnly) {
                            if (c + 1 == value.size())
                                ++k;
                            break;
                        }
                    }
                }
                const QList<Arg> rest = args.mid(k, std::max<qsizetype>(0, end - k));
                if (typesKeys.contains(command)) {
                    taint |= judgeTypedKeys(name, rest, literal, context, span);
                } else {
                    // One argument is handed to sh -c; several are run as they are.
                    const CarriedForm form = rest.size() == 1 ? CarriedForm::ShellText : CarriedForm::ArgumentVector;
                    taint |= judgeCarriedCommand(name + u' ' + command, rest, form, false, context, span);
                }
            }
            i = end + 1;
        }
        return taint;
    }
    if (name == u"screen") {
        // screen [-dmS name ...] [cmd [args]]; screen -S name -X stuff TEXT types TEXT into the session.
        // -r, -R and -x name the session to resume: not a command.
        static const QString valueLetters = QStringLiteral("SteHhpTscXrRx");
        qsizetype i = 1;
        for (; i < args.size() && isOption(args[i].value); ++i) {
            const QString &value = args[i].value;
            if (value == u"-ls" || value == u"-list" || value == u"-wipe" || value == u"-v" || value == u"-version")
                return taint;
            if (value == u"-Logfile") {
                ++i;
                continue;
            }
            if (value == u"-X") {
                if (i + 2 < args.size() && args[i + 1].value == u"stuff") {
                    QList<Arg> typed;
                    for (qsizetype k = i + 2; k < args.size(); ++k) {
                        QString text = args[k].value;
                        text.replace(QLatin1String("\\n"), QLatin1String("\n")).replace(QLatin1String("\\r"), QLatin1String("\n"))
                            .replace(QLatin1String("^M"), QLatin1String("\n"));
                        typed << (text == args[k].value ? args[k] : syntheticArg(args[k], text));
                    }
                    return judgeCarriedCommand(QStringLiteral("screen -X stuff"), typed, CarriedForm::TypedText, false, context, span);
                }
                return taint;
            }
            for (qsizetype c = 1; c < value.size(); ++c) {
                if (valueLetters.contains(value.at(c))) {
                    if (c + 1 == value.size())
                        ++i;
                    break;
                }
            }
        }
        return judgeCarriedCommand(name, args.mid(i), CarriedForm::ArgumentVector, false, context, span);
    }
    if (name == u"at" || name == u"batch") {
        // at [-q queue] [-f file] [-t time] TIMESPEC: the job is the file or stdin, run later by sh.
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString &value = args[i].value;
            if (value == u"-l" || value == u"-r" || value == u"-d" || value == u"-c")
                return taint; // lists, removes or prints queued jobs
            if (value == u"-f" && i + 1 < args.size())
                return judgeScriptOperand(name, args[i + 1], context, span);
        }
        if (context.input.kind != StdinKind::Inherited)
            return judgeStdinCode(name, true, context, span);
        return taint;
    }
    return taint;
}

Taint Analyzer::judgeTypedKeys(const QString &name, const QList<Arg> &keys, bool literal, AnalysisContext &context, SourceSpan span)
{
    // tmux send-keys concatenates its arguments; key names such as Enter or C-m end a line, Space is a blank.
    static thread_local const QRegularExpression keyName(
        QStringLiteral("^(Enter|KPEnter|Escape|Tab|BTab|BSpace|Space|Up|Down|Left|Right|Home|End|PageUp|PageDown|PPage|NPage|"
                       "DC|IC|F[0-9]{1,2}|[CMS]-.+)$"));
    QString text;
    bool allStatic = true;
    for (const Arg &key : keys) {
        allStatic = allStatic && key.info.isStatic;
        if (!literal && keyName.match(key.value).hasMatch()) {
            text += key.value == u"Space" ? QStringLiteral(" ") : QStringLiteral("\n");
            continue;
        }
        text += key.value;
    }
    if (!allStatic || keys.isEmpty())
        return judgeCarriedCommand(name + QStringLiteral(" send-keys"), keys, CarriedForm::TypedText, false, context, span);
    Arg typed = syntheticArg(keys.front(), text);
    typed.span = coverArgs(keys, span);
    return judgeCarriedCommand(name + QStringLiteral(" send-keys"), {typed}, CarriedForm::TypedText, false, context, span);
}

void Analyzer::judgeDatabaseTask(const QList<Arg> &args, SourceSpan span, const AnalysisContext &context)
{
    if (m_rules.databaseTasks.isEmpty() || args.isEmpty() || !args.front().info.isStatic)
        return;
    {
        // This runs for every command, and nearly none is a task runner or a launcher: decide that
        // before copying any words.
        const QString &path = args.front().value;
        const QString first = path.mid(path.lastIndexOf(u'/') + 1);
        bool launcher = m_rules.databaseTasks.contains(m_rules.databaseTaskAliases.value(first, first))
                        || m_rules.programClass(first) == ProgramClass::Interpreter;
        for (const QStringList &candidate : m_rules.databaseTaskLaunchers) {
            bool matches = !candidate.isEmpty() && candidate.size() <= args.size() && candidate.front() == first;
            for (qsizetype k = 1; matches && k < candidate.size(); ++k)
                matches = args[k].info.isStatic && args[k].value == candidate[k];
            launcher = launcher || matches;
        }
        if (!launcher)
            return;
    }
    // The words a task runner sees. A word only known at run time ("$DATABASE_URL") names no task, but does
    // not hide the static words around it.
    QStringList words;
    for (const Arg &arg : args)
        words << (arg.info.isStatic ? arg.value : QString());
    auto base = [](const QString &path) { return path.mid(path.lastIndexOf(u'/') + 1); };
    auto skipOptions = [&](qsizetype from) {
        while (from < words.size() && words[from].startsWith(u'-'))
            ++from;
        return from;
    };
    auto toolName = [&](const QString &word) {
        const QString name = base(word);
        return m_rules.databaseTaskAliases.value(name, name);
    };
    // Launchers (npx, bundle exec, poetry run; python -m or php SCRIPT) only find the tool.
    for (int hops = 0; hops < 3 && !words.isEmpty() && !m_rules.databaseTasks.contains(toolName(words.front())); ++hops) {
        qsizetype strip = 0;
        for (const QStringList &launcher : m_rules.databaseTaskLaunchers) {
            if (launcher.size() <= words.size() && base(words.front()) == launcher.front()
                && words.mid(1, launcher.size() - 1) == launcher.mid(1)) {
                strip = launcher.size();
                break;
            }
        }
        if (strip == 0 && m_rules.programClass(base(words.front())) == ProgramClass::Interpreter)
            strip = 1;
        if (strip == 0)
            return;
        words = words.mid(skipOptions(strip));
    }
    if (words.size() < 2)
        return;
    const QString tool = toolName(words.front());
    const auto tasks = m_rules.databaseTasks.constFind(tool);
    if (tasks == m_rules.databaseTasks.constEnd())
        return;
    const QStringList rest = words.mid(1);
    for (const QStringList &task : *tasks) {
        const bool matches = std::all_of(task.cbegin(), task.cend(), [&](const QString &word) { return rest.contains(word); });
        if (matches && !task.isEmpty()) {
            add(QStringLiteral("destructive_infrastructure"), Verdict::Deny, RiskLevel::High, span, tool + u' ' + task.join(u' '), context);
            return;
        }
    }
}

} // namespace workbench::policy
