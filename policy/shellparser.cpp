#include "policy/shellparser.h"

#include <QCoreApplication>

namespace workbench::policy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::policy::ShellParser", text);
}

bool isValidName(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool alpha = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        if (!alpha && !(i > 0 && c >= u'0' && c <= u'9'))
            return false;
    }
    return true;
}

// NAME=, NAME+=, NAME[sub]= at the start of a word's first literal part.
bool isAssignmentWord(const Word &word)
{
    if (word.parts.empty() || word.parts.front().kind != PartKind::Literal)
        return false;
    const QString &text = word.parts.front().text;
    const qsizetype eq = text.indexOf(u'=');
    if (eq <= 0)
        return false;
    QStringView name = QStringView(text).left(eq);
    if (name.endsWith(u'+'))
        name.chop(1);
    const qsizetype bracket = name.indexOf(u'[');
    if (bracket > 0 && name.endsWith(u']'))
        name = name.left(bracket);
    return isValidName(name);
}

void remapSpans(Node &node, SourceSpan span);

void remapSpans(Word &word, SourceSpan span);

void remapSpans(WordPart &part, SourceSpan span)
{
    part.span = span;
    for (auto &sub : part.parts)
        remapSpans(sub, span);
    for (auto &word : part.words)
        remapSpans(word, span);
    if (part.command)
        remapSpans(*part.command, span);
}

void remapSpans(Word &word, SourceSpan span)
{
    word.span = span;
    for (auto &part : word.parts)
        remapSpans(part, span);
}

void remapSpans(Node &node, SourceSpan span)
{
    node.span = span;
    node.nameSpan = span;
    for (auto &child : node.children)
        remapSpans(*child, span);
    for (auto &word : node.assignments)
        remapSpans(word, span);
    for (auto &word : node.words)
        remapSpans(word, span);
    for (auto &redirect : node.redirects) {
        redirect.span = span;
        remapSpans(redirect.target, span);
        if (redirect.hereDoc) {
            redirect.hereDoc->bodySpan = span;
            remapSpans(redirect.hereDoc->expansions, span);
        }
    }
}

// Keeps the lexer's nesting counter balanced on every return path.
class NestingGuard
{
public:
    NestingGuard(ShellLexer &lexer, qsizetype offset)
        : m_lexer(lexer)
        , m_entered(lexer.enterNesting(offset))
    {
    }
    ~NestingGuard() { m_lexer.leaveNesting(); }
    bool entered() const { return m_entered; }

private:
    ShellLexer &m_lexer;
    bool m_entered;
};

} // namespace

QString hereDocDelimiter(const Word &word, QStringView source, bool *quoted)
{
    QString delimiter;
    bool anyQuoted = false;
    for (const auto &part : word.parts) {
        switch (part.kind) {
        case PartKind::Literal:
            delimiter += part.text;
            break;
        case PartKind::Escaped:
        case PartKind::SingleQuoted:
            delimiter += part.text;
            anyQuoted = true;
            break;
        case PartKind::DoubleQuoted:
            anyQuoted = true;
            for (const auto &sub : part.parts)
                delimiter += sub.kind == PartKind::Literal || sub.kind == PartKind::Escaped
                                 ? sub.text
                                 : source.mid(sub.span.offset, sub.span.length).toString();
            break;
        default:
            delimiter += source.mid(part.span.offset, part.span.length);
            break;
        }
    }
    if (quoted)
        *quoted = anyQuoted;
    return delimiter;
}

ShellParser::ShellParser(ShellLexer &lexer)
    : m_lexer(lexer)
{
    m_lastEnd = lexer.position();
}

const ShellToken &ShellParser::peek()
{
    if (!m_peeked)
        m_peeked = m_lexer.next();
    return *m_peeked;
}

ShellToken ShellParser::take()
{
    ShellToken token = m_peeked ? std::move(*m_peeked) : m_lexer.next();
    m_peeked.reset();
    if (token.kind != TokenKind::End && token.kind != TokenKind::Error)
        m_lastEnd = token.span.offset + token.span.length;
    return token;
}

bool ShellParser::isWord(const ShellToken &token, QStringView text) const
{
    return token.kind == TokenKind::Word && token.word.parts.size() == 1
           && token.word.parts.front().kind == PartKind::Literal && token.word.parts.front().text == text;
}

bool ShellParser::peekIsOperator(QStringView op)
{
    const ShellToken &token = peek();
    return token.kind == TokenKind::Operator && token.op == op;
}

bool ShellParser::isRedirection(const ShellToken &token) const
{
    if (token.kind != TokenKind::Operator)
        return false;
    const QString &op = token.op;
    return op.startsWith(u'<') || op.startsWith(u'>') || op == u"&>" || op == u"&>>";
}

bool ShellParser::isListTerminator(const ShellToken &token) const
{
    if (token.kind == TokenKind::End || token.kind == TokenKind::Error)
        return true;
    if (token.kind == TokenKind::Operator)
        return token.op == u")" || token.op == u";;" || token.op == u";&" || token.op == u";;&";
    static const QStringView keywords[] = {u"then", u"else", u"elif", u"fi", u"do", u"done", u"esac", u"}"};
    for (QStringView keyword : keywords) {
        if (isWord(token, keyword))
            return true;
    }
    return false;
}

void ShellParser::skipNewlines()
{
    while (peek().kind == TokenKind::Newline)
        take();
}

void ShellParser::error(const QString &message, SourceSpan span)
{
    m_lexer.fail(message, span);
}

void ShellParser::errorUnexpected(const ShellToken &token)
{
    if (token.kind == TokenKind::Error)
        return; // the lexer already said why
    if (token.kind == TokenKind::End) {
        error(tr("The command ends where more was expected (unbalanced or dangling syntax)."),
              SourceSpan{token.span.offset, 0});
        return;
    }
    const QString text = m_lexer.source().mid(token.span.offset, token.span.length).toString();
    error(tr("Unexpected \"%1\".").arg(token.kind == TokenKind::Newline ? tr("newline") : text), token.span);
}

bool ShellParser::expectWord(QStringView keyword)
{
    if (peekIsWord(keyword)) {
        take();
        return true;
    }
    if (!m_lexer.failed()) {
        const ShellToken &token = peek();
        if (token.kind == TokenKind::End || token.kind == TokenKind::Error)
            error(tr("Missing \"%1\".").arg(keyword.toString()), SourceSpan{token.span.offset, 0});
        else
            errorUnexpected(token);
    }
    return false;
}

bool ShellParser::expectOperator(QStringView op)
{
    if (peekIsOperator(op)) {
        take();
        return true;
    }
    if (!m_lexer.failed()) {
        const ShellToken &token = peek();
        if (token.kind == TokenKind::End || token.kind == TokenKind::Error)
            error(tr("Missing \"%1\".").arg(op.toString()), SourceSpan{token.span.offset, 0});
        else
            errorUnexpected(token);
    }
    return false;
}

void ShellParser::finish(Node &node, qsizetype start)
{
    node.span = SourceSpan{start, qMax<qsizetype>(0, m_lastEnd - start)};
}

NodePtr ShellParser::parseScript()
{
    NodePtr list = parseList(true);
    if (!list)
        return nullptr;
    const ShellToken &token = peek();
    if (token.kind != TokenKind::End) {
        errorUnexpected(token);
        return nullptr;
    }
    return m_lexer.failed() ? nullptr : list;
}

NodePtr ShellParser::parseCommandSubstitution(ShellLexer &lexer)
{
    ShellParser inner(lexer);
    NodePtr list = inner.parseList(true);
    if (!list || !inner.expectOperator(u")"))
        return nullptr;
    return list;
}

NodePtr ShellParser::parseRange(ShellLexer &lexer, qsizetype begin, qsizetype end)
{
    const qsizetype savedLimit = lexer.limit();
    lexer.setPosition(begin);
    lexer.setLimit(end);
    ShellParser inner(lexer);
    NodePtr list = inner.parseScript();
    lexer.setLimit(savedLimit);
    if (!list)
        return nullptr;
    lexer.setPosition(end);
    return list;
}

NodePtr ShellParser::parseDetached(const QString &text, SourceSpan mapTo)
{
    ShellLexer lexer(text);
    ShellParser inner(lexer);
    lexer.setNestedParser(&inner);
    NodePtr list = inner.parseScript();
    if (!list)
        return nullptr;
    if (lexer.bashSyntax())
        m_lexer.markBashSyntax();
    remapSpans(*list, mapTo);
    return list;
}

NodePtr ShellParser::parseList(bool allowEmpty)
{
    auto list = std::make_shared<Node>();
    list->kind = NodeKind::List;
    skipNewlines();
    const qsizetype start = peek().span.offset;
    for (;;) {
        const ShellToken &token = peek();
        if (isListTerminator(token))
            break;
        NodePtr item = parseAndOr();
        if (!item)
            return nullptr;
        list->children.push_back(std::move(item));
        const ShellToken &separator = peek();
        if (separator.kind == TokenKind::Operator && (separator.op == u";" || separator.op == u"&")) {
            list->separators.push_back(separator.op);
            take();
            skipNewlines();
        } else if (separator.kind == TokenKind::Newline) {
            list->separators.push_back(QStringLiteral("\n"));
            skipNewlines();
        } else {
            list->separators.push_back(QString());
            break;
        }
    }
    if (m_lexer.failed())
        return nullptr;
    if (list->children.empty() && !allowEmpty) {
        errorUnexpected(peek());
        return nullptr;
    }
    finish(*list, list->children.empty() ? start : list->children.front()->span.offset);
    return list;
}

NodePtr ShellParser::parseAndOr()
{
    NodePtr first = parsePipeline();
    if (!first)
        return nullptr;
    if (!peekIsOperator(u"&&") && !peekIsOperator(u"||"))
        return first;
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::AndOr;
    const qsizetype start = first->span.offset;
    node->children.push_back(std::move(first));
    while (peekIsOperator(u"&&") || peekIsOperator(u"||")) {
        node->separators.push_back(take().op);
        skipNewlines();
        NodePtr next = parsePipeline();
        if (!next)
            return nullptr;
        node->children.push_back(std::move(next));
    }
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parsePipeline()
{
    const qsizetype start = peek().span.offset;
    bool timed = false;
    bool negated = false;
    if (peekIsWord(u"time")) {
        take();
        timed = true;
        if (peekIsWord(u"-p"))
            take();
    }
    while (peekIsWord(u"!")) {
        take();
        negated = !negated;
    }
    NodePtr first = parseCommand();
    if (!first)
        return nullptr;
    if (!timed && !negated && !peekIsOperator(u"|") && !peekIsOperator(u"|&"))
        return first;
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::Pipeline;
    node->timed = timed;
    node->negated = negated;
    node->children.push_back(std::move(first));
    while (peekIsOperator(u"|") || peekIsOperator(u"|&")) {
        node->separators.push_back(take().op);
        skipNewlines();
        NodePtr next = parseCommand();
        if (!next)
            return nullptr;
        node->children.push_back(std::move(next));
    }
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parseCommand()
{
    const ShellToken &token = peek();
    NestingGuard guard(m_lexer, token.span.offset);
    if (!guard.entered())
        return nullptr;
    NodePtr compound = parseCompound();
    if (m_lexer.failed())
        return nullptr;
    if (!compound)
        return parseSimple();
    while (isRedirection(peek())) {
        if (!parseRedirection(compound->redirects))
            return nullptr;
    }
    finish(*compound, compound->span.offset);
    return compound;
}

NodePtr ShellParser::parseCompound()
{
    const ShellToken &token = peek();
    const qsizetype start = token.span.offset;
    if (token.kind == TokenKind::Operator && (token.op == u"(" || token.op == u"((")) {
        const bool arithmetic = token.op == u"((";
        take();
        auto node = std::make_shared<Node>();
        if (arithmetic) {
            node->kind = NodeKind::Arithmetic;
            Word expression = m_lexer.readArithmeticCommand(start);
            if (m_lexer.failed())
                return nullptr;
            m_lastEnd = m_lexer.position();
            node->words.push_back(std::move(expression));
        } else {
            node->kind = NodeKind::Subshell;
            NodePtr body = parseList(false);
            if (!body || !expectOperator(u")"))
                return nullptr;
            node->children.push_back(std::move(body));
        }
        finish(*node, start);
        return node;
    }
    if (token.kind != TokenKind::Word)
        return nullptr;
    if (isWord(token, u"{")) {
        take();
        auto node = std::make_shared<Node>();
        node->kind = NodeKind::Group;
        NodePtr body = parseList(false);
        if (!body || !expectWord(u"}"))
            return nullptr;
        node->children.push_back(std::move(body));
        finish(*node, start);
        return node;
    }
    if (isWord(token, u"if"))
        return parseIf();
    if (isWord(token, u"while"))
        return parseLoop(NodeKind::While);
    if (isWord(token, u"until"))
        return parseLoop(NodeKind::Until);
    if (isWord(token, u"for") || isWord(token, u"select"))
        return parseFor();
    if (isWord(token, u"case"))
        return parseCase();
    if (isWord(token, u"function"))
        return parseFunctionKeyword();
    if (isWord(token, u"[["))
        return parseConditional();
    if (isWord(token, u"coproc"))
        return parseCoproc();
    // "!" only negates at the start of a pipeline; bash rejects it after "|".
    static const QStringView reserved[] = {u"then", u"else", u"elif", u"fi", u"do", u"done", u"esac", u"}", u"in", u"!"};
    for (QStringView word : reserved) {
        if (isWord(token, word)) {
            errorUnexpected(token);
            return nullptr;
        }
    }
    return nullptr;
}

NodePtr ShellParser::parseCoproc()
{
    // coproc [NAME] compound-command | coproc simple-command: runs in the background.
    const qsizetype start = take().span.offset;
    m_lexer.markBashSyntax();
    NodePtr command;
    const ShellToken &next = peek();
    if (next.kind == TokenKind::Word && next.word.parts.size() == 1 && next.word.parts.front().kind == PartKind::Literal
        && isValidName(next.word.parts.front().text) && !isListTerminator(next)) {
        ShellToken name = take();
        const ShellToken &after = peek();
        const bool compoundFollows = (after.kind == TokenKind::Operator && (after.op == u"(" || after.op == u"(("))
                                     || isWord(after, u"{") || isWord(after, u"if") || isWord(after, u"while")
                                     || isWord(after, u"until") || isWord(after, u"for") || isWord(after, u"case")
                                     || isWord(after, u"[[");
        if (compoundFollows) {
            command = parseCommand();
        } else {
            command = parseSimple(&name.word);
        }
    } else {
        command = parseCommand();
    }
    if (!command)
        return nullptr;
    auto list = std::make_shared<Node>();
    list->kind = NodeKind::List;
    list->children.push_back(std::move(command));
    list->separators.push_back(QStringLiteral("&"));
    finish(*list, start);
    return list;
}

NodePtr ShellParser::parseIf()
{
    const qsizetype start = take().span.offset;
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::If;
    NodePtr condition = parseList(false);
    if (!condition || !expectWord(u"then"))
        return nullptr;
    NodePtr body = parseList(false);
    if (!body)
        return nullptr;
    node->children.push_back(std::move(condition));
    node->children.push_back(std::move(body));
    while (peekIsWord(u"elif")) {
        take();
        NodePtr elifCondition = parseList(false);
        if (!elifCondition || !expectWord(u"then"))
            return nullptr;
        NodePtr elifBody = parseList(false);
        if (!elifBody)
            return nullptr;
        node->children.push_back(std::move(elifCondition));
        node->children.push_back(std::move(elifBody));
    }
    if (peekIsWord(u"else")) {
        take();
        NodePtr elseBody = parseList(false);
        if (!elseBody)
            return nullptr;
        node->children.push_back(std::move(elseBody));
    }
    if (!expectWord(u"fi"))
        return nullptr;
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parseLoop(NodeKind kind)
{
    const qsizetype start = take().span.offset;
    auto node = std::make_shared<Node>();
    node->kind = kind;
    NodePtr condition = parseList(false);
    if (!condition || !expectWord(u"do"))
        return nullptr;
    NodePtr body = parseList(false);
    if (!body || !expectWord(u"done"))
        return nullptr;
    node->children.push_back(std::move(condition));
    node->children.push_back(std::move(body));
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parseFor()
{
    const qsizetype start = take().span.offset;
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::For;
    if (peekIsOperator(u"((")) {
        const ShellToken open = take();
        node->kind = NodeKind::ArithFor;
        Word expressions = m_lexer.readArithmeticCommand(open.span.offset);
        if (m_lexer.failed())
            return nullptr;
        m_lastEnd = m_lexer.position();
        node->words.push_back(std::move(expressions));
        if (peekIsOperator(u";"))
            take();
    } else {
        const ShellToken name = take();
        if (name.kind != TokenKind::Word || name.word.parts.size() != 1
            || name.word.parts.front().kind != PartKind::Literal || !isValidName(name.word.parts.front().text)) {
            if (!m_lexer.failed())
                error(tr("A loop needs a variable name."), name.span);
            return nullptr;
        }
        node->name = name.word.parts.front().text;
        node->nameSpan = name.span;
        skipNewlines();
        if (peekIsWord(u"in")) {
            take();
            while (peek().kind == TokenKind::Word)
                node->words.push_back(take().word);
            if (peekIsOperator(u";"))
                take();
            else if (peek().kind != TokenKind::Newline) {
                errorUnexpected(peek());
                return nullptr;
            }
        } else {
            node->noInList = true;
            if (peekIsOperator(u";"))
                take();
        }
    }
    skipNewlines();
    if (peekIsWord(u"{")) {
        NodePtr group = parseCompound();
        if (!group)
            return nullptr;
        node->children.push_back(std::move(group));
        finish(*node, start);
        return node;
    }
    if (!expectWord(u"do"))
        return nullptr;
    NodePtr body = parseList(false);
    if (!body || !expectWord(u"done"))
        return nullptr;
    node->children.push_back(std::move(body));
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parseCase()
{
    const qsizetype start = take().span.offset;
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::Case;
    const ShellToken subject = take();
    if (subject.kind != TokenKind::Word) {
        errorUnexpected(subject);
        return nullptr;
    }
    node->words.push_back(subject.word);
    skipNewlines();
    if (!expectWord(u"in"))
        return nullptr;
    skipNewlines();
    for (;;) {
        if (peekIsWord(u"esac")) {
            take();
            break;
        }
        auto item = std::make_shared<Node>();
        item->kind = NodeKind::CaseItem;
        const qsizetype itemStart = peek().span.offset;
        if (peekIsOperator(u"("))
            take();
        for (;;) {
            const ShellToken pattern = take();
            if (pattern.kind != TokenKind::Word) {
                errorUnexpected(pattern);
                return nullptr;
            }
            item->words.push_back(pattern.word);
            if (!peekIsOperator(u"|"))
                break;
            take();
        }
        if (!expectOperator(u")"))
            return nullptr;
        NodePtr body = parseList(true);
        if (!body)
            return nullptr;
        item->children.push_back(std::move(body));
        const ShellToken &terminator = peek();
        if (terminator.kind == TokenKind::Operator
            && (terminator.op == u";;" || terminator.op == u";&" || terminator.op == u";;&")) {
            item->separators.push_back(take().op);
            finish(*item, itemStart);
            node->children.push_back(std::move(item));
            skipNewlines();
            continue;
        }
        finish(*item, itemStart);
        node->children.push_back(std::move(item));
        if (!expectWord(u"esac"))
            return nullptr;
        break;
    }
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parseFunctionKeyword()
{
    const qsizetype start = take().span.offset;
    m_lexer.markBashSyntax();
    const ShellToken name = take();
    if (name.kind != TokenKind::Word) {
        errorUnexpected(name);
        return nullptr;
    }
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::Function;
    node->name = m_lexer.source().mid(name.span.offset, name.span.length).toString();
    node->nameSpan = name.span;
    if (peekIsOperator(u"(")) {
        take();
        if (!expectOperator(u")"))
            return nullptr;
    }
    skipNewlines();
    NodePtr body = parseCompound();
    if (!body) {
        if (!m_lexer.failed())
            errorUnexpected(peek());
        return nullptr;
    }
    while (isRedirection(peek())) {
        if (!parseRedirection(body->redirects))
            return nullptr;
    }
    node->children.push_back(std::move(body));
    finish(*node, start);
    return node;
}

NodePtr ShellParser::parseConditional()
{
    const qsizetype start = take().span.offset;
    m_lexer.markBashSyntax();
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::Conditional;
    for (;;) {
        ShellToken token = take();
        if (token.kind == TokenKind::End || token.kind == TokenKind::Error) {
            if (!m_lexer.failed())
                error(tr("Missing \"]]\"."), SourceSpan{token.span.offset, 0});
            return nullptr;
        }
        if (isWord(token, u"]]"))
            break;
        if (token.kind == TokenKind::Newline)
            continue;
        if (token.kind == TokenKind::Operator) {
            Word word;
            word.span = token.span;
            WordPart part;
            part.kind = PartKind::Literal;
            part.span = token.span;
            part.text = token.op;
            word.parts.push_back(std::move(part));
            node->words.push_back(std::move(word));
            continue;
        }
        node->words.push_back(std::move(token.word));
    }
    finish(*node, start);
    return node;
}

bool ShellParser::parseRedirection(std::vector<Redirect> &redirects)
{
    const ShellToken op = take();
    Redirect redirect;
    redirect.op = op.op;
    redirect.fd = op.fd;
    const ShellToken target = take();
    if (target.kind != TokenKind::Word) {
        if (!m_lexer.failed()) {
            if (target.kind == TokenKind::End || target.kind == TokenKind::Newline)
                error(tr("A redirection needs a target."), op.span);
            else
                errorUnexpected(target);
        }
        return false;
    }
    redirect.target = target.word;
    redirect.span = SourceSpan{op.span.offset, target.span.offset + target.span.length - op.span.offset};
    if (redirect.op == u"<<" || redirect.op == u"<<-") {
        auto doc = std::make_shared<HereDoc>();
        doc->delimiter = hereDocDelimiter(target.word, m_lexer.source(), &doc->quoted);
        doc->stripTabs = redirect.op == u"<<-";
        redirect.hereDoc = doc;
        m_lexer.addPendingHereDoc(doc);
    }
    redirects.push_back(std::move(redirect));
    return true;
}

NodePtr ShellParser::parseSimple(const Word *firstWord)
{
    auto node = std::make_shared<Node>();
    node->kind = NodeKind::Simple;
    node->words.reserve(4); // one allocation for most commands instead of growing 1, 2, 4
    const qsizetype start = firstWord ? firstWord->span.offset : peek().span.offset;
    if (firstWord)
        node->words.push_back(*firstWord);
    for (;;) {
        const ShellToken &token = peek();
        if (isRedirection(token)) {
            if (!parseRedirection(node->redirects))
                return nullptr;
            continue;
        }
        if (token.kind != TokenKind::Word)
            break;
        ShellToken word = take();
        if (node->words.empty() && isAssignmentWord(word.word)) {
            node->assignments.push_back(std::move(word.word));
            continue;
        }
        node->words.push_back(std::move(word.word));
        if (!firstWord && node->words.size() == 1 && node->assignments.empty() && node->redirects.empty()
            && peekIsOperator(u"(")) {
            // name () compound-command
            take();
            if (!expectOperator(u")"))
                return nullptr;
            skipNewlines();
            NodePtr body = parseCompound();
            if (!body) {
                if (!m_lexer.failed())
                    errorUnexpected(peek());
                return nullptr;
            }
            while (isRedirection(peek())) {
                if (!parseRedirection(body->redirects))
                    return nullptr;
            }
            auto function = std::make_shared<Node>();
            function->kind = NodeKind::Function;
            function->nameSpan = node->words.front().span;
            function->name = m_lexer.source().mid(function->nameSpan.offset, function->nameSpan.length).toString();
            function->children.push_back(std::move(body));
            finish(*function, start);
            return function;
        }
    }
    if (m_lexer.failed())
        return nullptr;
    if (node->words.empty() && node->assignments.empty() && node->redirects.empty()) {
        errorUnexpected(peek());
        return nullptr;
    }
    finish(*node, start);
    return node;
}

ParseResult parseShell(QStringView source)
{
    ParseResult result;
    ShellLexer lexer(source);
    ShellParser parser(lexer);
    lexer.setNestedParser(&parser);
    NodePtr root = parser.parseScript();
    if (!root || lexer.failed()) {
        result.error = lexer.failed() ? lexer.errorMessage() : QCoreApplication::translate("workbench::policy::ShellParser", "Invalid shell syntax.");
        result.errorSpan = lexer.errorSpan();
        return result;
    }
    result.root = std::move(root);
    result.usesBashSyntax = lexer.bashSyntax();
    return result;
}

} // namespace workbench::policy
