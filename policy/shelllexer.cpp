#include "policy/shelllexer.h"
#include "policy/shellparser.h"

#include <algorithm>

#include <QCoreApplication>

namespace workbench::policy {

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

SourceSpan spanOf(qsizetype from, qsizetype to)
{
    return SourceSpan{from, to - from};
}

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::policy::ShellLexer", text);
}

} // namespace

ShellLexer::ShellLexer(QStringView source)
    : m_source(source)
    , m_limit(source.size())
{
}

void ShellLexer::fail(const QString &message, SourceSpan span)
{
    if (m_error.isEmpty()) {
        m_error = message;
        const qsizetype size = m_source.size();
        span.offset = qBound<qsizetype>(0, span.offset, size);
        span.length = qBound<qsizetype>(0, span.length, size - span.offset);
        m_errorSpan = span;
    }
    m_pos = m_limit;
}

bool ShellLexer::enterNesting(qsizetype offset)
{
    if (++m_depth > maxDepth) {
        fail(tr("The command is nested too deeply to be checked."), SourceSpan{offset, 1});
        return false;
    }
    return true;
}

bool ShellLexer::isMeta(QChar c) const
{
    switch (c.unicode()) {
    case u' ': case u'\t': case u'\n': case u'|': case u'&': case u';':
    case u'(': case u')': case u'<': case u'>':
        return true;
    default:
        return false;
    }
}

void ShellLexer::skipBlanks()
{
    while (m_pos < m_limit) {
        const QChar c = m_source[m_pos];
        if (c == u' ' || c == u'\t') {
            ++m_pos;
        } else if (c == u'\\' && at(m_pos + 1) == u'\n') {
            m_pos += 2;
        } else {
            break;
        }
    }
}

ShellToken ShellLexer::next()
{
    ShellToken token;
    for (;;) {
        skipBlanks();
        if (failed()) {
            token.kind = TokenKind::Error;
            token.span = m_errorSpan;
            return token;
        }
        if (m_pos >= m_limit) {
            token.kind = TokenKind::End;
            token.span = SourceSpan{m_limit, 0};
            return token;
        }
        if (m_source[m_pos] != u'#')
            break;
        const qsizetype start = m_pos;
        while (m_pos < m_limit && m_source[m_pos] != u'\n')
            ++m_pos;
        if (m_trivia)
            m_trivia->append(ShellToken{TokenKind::Comment, spanOf(start, m_pos), {}, -1, {}});
    }

    const qsizetype start = m_pos;
    const QChar c = m_source[m_pos];
    if (c == u'\n') {
        ++m_pos;
        token.kind = TokenKind::Newline;
        token.span = SourceSpan{start, 1};
        if (!m_pending.empty())
            readHereDocBodies();
        return token;
    }

    // A descriptor number directly before a redirection operator: 2>file, 0<&3.
    qsizetype afterDigits = m_pos;
    while (afterDigits < m_limit && isDigit(m_source[afterDigits]))
        ++afterDigits;
    int fd = -1;
    qsizetype opStart = m_pos;
    if (afterDigits > m_pos && afterDigits - m_pos < 6
        && (at(afterDigits) == u'<' || at(afterDigits) == u'>') && at(afterDigits + 1) != u'(') {
        fd = m_source.mid(m_pos, afterDigits - m_pos).toInt();
        opStart = afterDigits;
    }

    const QChar o = at(opStart);
    const bool procSub = (o == u'<' || o == u'>') && at(opStart + 1) == u'(' && fd < 0;
    if (!procSub && (isMeta(o) && o != u' ' && o != u'\t' && o != u'\n')) {
        // Longest operators first for each prefix. Static texts: a token's op is a copy without allocation.
        struct Operator
        {
            QString text;
            bool bash;
        };
        static const Operator operators[] = {
            {QStringLiteral("&&"), false}, {QStringLiteral("&>>"), true}, {QStringLiteral("&>"), true},
            {QStringLiteral("&"), false}, {QStringLiteral("||"), false}, {QStringLiteral("|&"), true},
            {QStringLiteral("|"), false}, {QStringLiteral(";;&"), true}, {QStringLiteral(";;"), false},
            {QStringLiteral(";&"), true}, {QStringLiteral(";"), false}, {QStringLiteral("(("), true},
            {QStringLiteral("("), false}, {QStringLiteral(")"), false}, {QStringLiteral("<<<"), true},
            {QStringLiteral("<<-"), false}, {QStringLiteral("<<"), false}, {QStringLiteral("<&"), false},
            {QStringLiteral("<>"), false}, {QStringLiteral("<"), false}, {QStringLiteral(">>"), false},
            {QStringLiteral(">&"), false}, {QStringLiteral(">|"), false}, {QStringLiteral(">"), false},
        };
        for (const Operator &op : operators) {
            if (op.text.front() != o)
                continue;
            // at() is QChar() past the limit, which no operator contains: the match stays inside it.
            qsizetype matched = 1;
            while (matched < op.text.size() && at(opStart + matched) == op.text[matched])
                ++matched;
            if (matched < op.text.size())
                continue;
            if (fd >= 0 && !(o == u'<' || o == u'>'))
                break;
            m_pos = opStart + op.text.size();
            token.kind = TokenKind::Operator;
            token.op = op.text;
            token.fd = fd;
            token.span = spanOf(start, m_pos);
            if (op.bash)
                m_bash = true;
            return token;
        }
    }

    token.kind = TokenKind::Word;
    token.word = readWord();
    token.span = token.word.span;
    if (failed()) {
        token.kind = TokenKind::Error;
        token.span = m_errorSpan;
    }
    return token;
}

void ShellLexer::appendLiteral(std::vector<WordPart> &parts, qsizetype from, qsizetype to)
{
    if (to <= from)
        return;
    if (!parts.empty() && parts.back().kind == PartKind::Literal
        && parts.back().span.offset + parts.back().span.length == from) {
        parts.back().text += m_source.mid(from, to - from);
        parts.back().span.length += to - from;
        return;
    }
    WordPart part;
    part.kind = PartKind::Literal;
    part.span = spanOf(from, to);
    part.text = m_source.mid(from, to - from).toString();
    parts.push_back(std::move(part));
}

Word ShellLexer::readWord()
{
    Word word;
    const qsizetype wordStart = m_pos;
    qsizetype literalStart = m_pos;
    auto flush = [&] { appendLiteral(word.parts, literalStart, m_pos); };

    while (m_pos < m_limit && !failed()) {
        const QChar c = m_source[m_pos];
        if ((c == u'<' || c == u'>') && at(m_pos + 1) == u'(') {
            flush();
            if (!readProcessSubstitution(word.parts))
                break;
            literalStart = m_pos;
            continue;
        }
        if (isMeta(c)) {
            if (c == u'(') {
                flush();
                literalStart = m_pos;
                if (word.parts.size() == 1 && word.parts.front().kind == PartKind::Literal) {
                    const QString &text = word.parts.front().text;
                    if (text.size() > 1 && text.endsWith(u'=') && isNameStart(text[0])) {
                        if (!readArrayLiteral(word.parts))
                            break;
                        literalStart = m_pos;
                        continue;
                    }
                }
            }
            break;
        }
        switch (c.unicode()) {
        case u'\\': {
            flush();
            if (at(m_pos + 1) == u'\n') {
                m_pos += 2;
            } else if (m_pos + 1 >= m_limit) {
                // bash keeps a trailing backslash as a literal character.
                appendLiteral(word.parts, m_pos, m_pos + 1);
                ++m_pos;
            } else {
                WordPart part;
                part.kind = PartKind::Escaped;
                part.span = spanOf(m_pos, m_pos + 2);
                part.text = QString(m_source[m_pos + 1]);
                word.parts.push_back(std::move(part));
                m_pos += 2;
            }
            literalStart = m_pos;
            continue;
        }
        case u'\'':
            flush();
            if (!readSingleQuoted(word.parts))
                return word;
            literalStart = m_pos;
            continue;
        case u'"': {
            flush();
            WordPart part;
            if (!readDoubleQuoted(part))
                return word;
            word.parts.push_back(std::move(part));
            literalStart = m_pos;
            continue;
        }
        case u'$':
            flush();
            if (!readDollar(word.parts, false))
                return word;
            literalStart = m_pos;
            continue;
        case u'`':
            flush();
            if (!readBacktick(word.parts))
                return word;
            literalStart = m_pos;
            continue;
        case u'*': case u'?': {
            flush();
            WordPart part;
            part.kind = PartKind::Glob;
            part.span = spanOf(m_pos, m_pos + 1);
            part.text = QString(c);
            word.parts.push_back(std::move(part));
            ++m_pos;
            literalStart = m_pos;
            continue;
        }
        case u'[': {
            qsizetype close = m_pos + 1;
            if (at(close) == u'!' || at(close) == u'^')
                ++close;
            if (at(close) == u']')
                ++close;
            while (close < m_limit && m_source[close] != u']' && !isMeta(m_source[close]))
                ++close;
            if (at(close) == u']' && close > m_pos + 1) {
                flush();
                WordPart part;
                part.kind = PartKind::Glob;
                part.span = spanOf(m_pos, close + 1);
                part.text = m_source.mid(m_pos, close + 1 - m_pos).toString();
                word.parts.push_back(std::move(part));
                m_pos = close + 1;
                literalStart = m_pos;
                continue;
            }
            ++m_pos;
            continue;
        }
        case u'~': {
            const bool atStart = m_pos == wordStart;
            const bool afterAssignRun = m_pos > wordStart && (m_source[m_pos - 1] == u'=' || m_source[m_pos - 1] == u':')
                                        && isNameStart(m_source[wordStart])
                                        && m_source.mid(wordStart, m_pos - wordStart).contains(u'=');
            if (atStart || afterAssignRun) {
                flush();
                qsizetype end = m_pos + 1;
                if (end < m_limit && (m_source[end] == u'+' || m_source[end] == u'-')) {
                    // ~+ is $PWD, ~- is $OLDPWD, ~+N / ~-N are directory-stack entries.
                    ++end;
                    while (end < m_limit && m_source[end].isDigit())
                        ++end;
                } else {
                    while (end < m_limit && (isNameChar(m_source[end]) || m_source[end] == u'.' || m_source[end] == u'-'))
                        ++end;
                }
                const QChar after = at(end);
                if (end >= m_limit || after == u'/' || isMeta(after) || after == u':') {
                    WordPart part;
                    part.kind = PartKind::Tilde;
                    part.span = spanOf(m_pos, end);
                    part.text = m_source.mid(m_pos + 1, end - m_pos - 1).toString();
                    word.parts.push_back(std::move(part));
                    m_pos = end;
                    literalStart = m_pos;
                    continue;
                }
            }
            ++m_pos;
            continue;
        }
        case u'{':
            flush();
            if (tryBraceExpansion(word.parts)) {
                literalStart = m_pos;
                continue;
            }
            literalStart = m_pos;
            ++m_pos;
            continue;
        default:
            ++m_pos;
            continue;
        }
    }
    if (!failed())
        flush();
    word.span = spanOf(wordStart, m_pos);
    return word;
}

bool ShellLexer::tryBraceExpansion(std::vector<WordPart> &parts)
{
    // {a,b} or {1..5} made only of plain characters; anything fancier stays literal text and the
    // characters inside are lexed normally (so substitutions inside are still seen).
    qsizetype i = m_pos + 1;
    int depth = 1;
    bool comma = false;
    bool range = false;
    while (i < m_limit) {
        const QChar c = m_source[i];
        if (isMeta(c) || c == u'\'' || c == u'"' || c == u'$' || c == u'`' || c == u'\\')
            return false;
        if (c == u'{') {
            ++depth;
        } else if (c == u'}') {
            if (--depth == 0)
                break;
        } else if (c == u',' && depth == 1) {
            comma = true;
        } else if (c == u'.' && at(i + 1) == u'.' && depth == 1) {
            range = true;
        }
        ++i;
    }
    if (depth != 0 || !(comma || range))
        return false;
    WordPart part;
    part.kind = PartKind::Brace;
    part.span = spanOf(m_pos, i + 1);
    part.text = m_source.mid(m_pos, i + 1 - m_pos).toString();
    parts.push_back(std::move(part));
    m_pos = i + 1;
    return true;
}

bool ShellLexer::readSingleQuoted(std::vector<WordPart> &parts)
{
    const qsizetype start = m_pos;
    const qsizetype close = m_source.left(m_limit).indexOf(u'\'', m_pos + 1);
    if (close < 0) {
        fail(tr("Unterminated single quote."), spanOf(start, m_limit));
        return false;
    }
    WordPart part;
    part.kind = PartKind::SingleQuoted;
    part.span = spanOf(start, close + 1);
    part.text = m_source.mid(start + 1, close - start - 1).toString();
    parts.push_back(std::move(part));
    m_pos = close + 1;
    return true;
}

bool ShellLexer::readAnsiC(std::vector<WordPart> &parts)
{
    const qsizetype start = m_pos;
    m_bash = true;
    qsizetype i = m_pos + 2;
    QString value;
    bool encoded = false;
    while (i < m_limit && m_source[i] != u'\'') {
        QChar c = m_source[i];
        if (c != u'\\') {
            value += c;
            ++i;
            continue;
        }
        const QChar e = at(i + 1);
        i += 2;
        switch (e.unicode()) {
        case u'n': value += u'\n'; break;
        case u't': value += u'\t'; break;
        case u'r': value += u'\r'; break;
        case u'a': value += QChar(7); break;
        case u'b': value += QChar(8); break;
        case u'e': case u'E': value += QChar(27); break;
        case u'f': value += QChar(12); break;
        case u'v': value += QChar(11); break;
        case u'\\': value += u'\\'; break;
        case u'\'': value += u'\''; break;
        case u'"': value += u'"'; break;
        case u'?': value += u'?'; break;
        case u'c':
            if (i < m_limit) {
                value += QChar(m_source[i].unicode() & 0x1f);
                ++i;
            }
            encoded = true;
            break;
        case u'x': case u'u': case u'U': {
            const int maxDigits = e == u'x' ? 2 : (e == u'u' ? 4 : 8);
            uint code = 0;
            int digits = 0;
            while (digits < maxDigits && i < m_limit && hexValue(m_source[i]) >= 0) {
                code = code * 16 + uint(hexValue(m_source[i]));
                ++i;
                ++digits;
            }
            if (digits == 0) {
                value += u'\\';
                value += e;
            } else {
                value += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
                encoded = true;
            }
            break;
        }
        default:
            if (e >= u'0' && e <= u'7') {
                uint code = uint(e.unicode() - u'0');
                int digits = 1;
                while (digits < 3 && i < m_limit && m_source[i] >= u'0' && m_source[i] <= u'7') {
                    code = code * 8 + uint(m_source[i].unicode() - u'0');
                    ++i;
                    ++digits;
                }
                value += QChar(char16_t(code & 0xff));
                encoded = true;
            } else if (e.isNull()) {
                value += u'\\';
            } else {
                value += u'\\';
                value += e;
            }
            break;
        }
    }
    if (i >= m_limit) {
        fail(tr("Unterminated $'...' string."), spanOf(start, m_limit));
        return false;
    }
    WordPart part;
    part.kind = PartKind::AnsiC;
    part.span = spanOf(start, i + 1);
    part.text = value;
    part.encodedEscapes = encoded;
    parts.push_back(std::move(part));
    m_pos = i + 1;
    return true;
}

bool ShellLexer::readDoubleQuoted(WordPart &part)
{
    // m_pos is at the opening quote.
    const qsizetype start = m_pos;
    part.kind = PartKind::DoubleQuoted;
    ++m_pos;
    qsizetype literalStart = m_pos;
    auto flush = [&] { appendLiteral(part.parts, literalStart, m_pos); };
    while (m_pos < m_limit && !failed()) {
        const QChar c = m_source[m_pos];
        if (c == u'"') {
            flush();
            ++m_pos;
            part.span = spanOf(start, m_pos);
            return true;
        }
        if (c == u'\\') {
            const QChar e = at(m_pos + 1);
            if (e == u'\n') {
                flush();
                m_pos += 2;
                literalStart = m_pos;
            } else if (e == u'$' || e == u'`' || e == u'"' || e == u'\\') {
                flush();
                WordPart escaped;
                escaped.kind = PartKind::Escaped;
                escaped.span = spanOf(m_pos, m_pos + 2);
                escaped.text = QString(e);
                part.parts.push_back(std::move(escaped));
                m_pos += 2;
                literalStart = m_pos;
            } else {
                m_pos += e.isNull() ? 1 : 2;
            }
            continue;
        }
        if (c == u'$') {
            flush();
            if (!readDollar(part.parts, true))
                return false;
            literalStart = m_pos;
            continue;
        }
        if (c == u'`') {
            flush();
            if (!readBacktick(part.parts))
                return false;
            literalStart = m_pos;
            continue;
        }
        ++m_pos;
    }
    if (!failed())
        fail(tr("Unterminated double quote."), spanOf(start, m_limit));
    return false;
}

bool ShellLexer::readDollar(std::vector<WordPart> &parts, bool inDoubleQuotes)
{
    const qsizetype start = m_pos;
    const QChar n = at(m_pos + 1);
    if (n == u'\'' && !inDoubleQuotes)
        return readAnsiC(parts);
    if (n == u'"' && !inDoubleQuotes) {
        m_bash = true;
        ++m_pos;
        WordPart part;
        if (!readDoubleQuoted(part))
            return false;
        part.kind = PartKind::LocaleString;
        part.span = spanOf(start, m_pos);
        parts.push_back(std::move(part));
        return true;
    }
    if (n == u'(') {
        WordPart part;
        if (at(m_pos + 2) == u'(') {
            part.kind = PartKind::Arithmetic;
            m_pos += 3;
            if (!enterNesting(start))
                return false;
            const bool ok = readArithmeticParts(part, m_pos);
            leaveNesting();
            if (!ok)
                return false;
            part.span = spanOf(start, m_pos);
            parts.push_back(std::move(part));
            return true;
        }
        if (!m_nested) {
            fail(tr("Command substitution is not supported here."), spanOf(start, start + 2));
            return false;
        }
        if (!enterNesting(start))
            return false;
        m_pos += 2;
        part.kind = PartKind::CommandSubstitution;
        part.command = m_nested->parseCommandSubstitution(*this);
        leaveNesting();
        if (!part.command)
            return false;
        part.span = spanOf(start, m_pos);
        parts.push_back(std::move(part));
        return true;
    }
    if (n == u'{') {
        WordPart part;
        if (!enterNesting(start))
            return false;
        const bool ok = readBraceParameter(part);
        leaveNesting();
        if (!ok)
            return false;
        part.span = spanOf(start, m_pos);
        parts.push_back(std::move(part));
        return true;
    }
    if (isNameStart(n)) {
        qsizetype end = m_pos + 1;
        while (end < m_limit && isNameChar(m_source[end]))
            ++end;
        WordPart part;
        part.kind = PartKind::Parameter;
        part.span = spanOf(start, end);
        part.text = m_source.mid(start + 1, end - start - 1).toString();
        parts.push_back(std::move(part));
        m_pos = end;
        return true;
    }
    if (isDigit(n) || n == u'@' || n == u'*' || n == u'#' || n == u'?' || n == u'-' || n == u'$' || n == u'!') {
        WordPart part;
        part.kind = PartKind::Parameter;
        part.span = spanOf(start, start + 2);
        part.text = QString(n);
        parts.push_back(std::move(part));
        m_pos += 2;
        return true;
    }
    appendLiteral(parts, m_pos, m_pos + 1);
    ++m_pos;
    return true;
}

bool ShellLexer::readBraceParameter(WordPart &part)
{
    const qsizetype start = m_pos;
    part.kind = PartKind::Parameter;
    m_pos += 2;
    if ((at(m_pos) == u'#' || at(m_pos) == u'!') && at(m_pos + 1) != u'}') {
        part.complexParameter = true;
        if (at(m_pos) == u'!')
            m_bash = true;
        ++m_pos;
    }
    const qsizetype nameStart = m_pos;
    if (isNameStart(at(m_pos))) {
        while (m_pos < m_limit && isNameChar(m_source[m_pos]))
            ++m_pos;
    } else if (isDigit(at(m_pos))) {
        while (m_pos < m_limit && isDigit(m_source[m_pos]))
            ++m_pos;
    } else if (m_pos < m_limit && QStringView(u"@*#?-$!").contains(m_source[m_pos])) {
        ++m_pos;
    }
    part.text = m_source.mid(nameStart, m_pos - nameStart).toString();
    if (part.text.isEmpty()) {
        fail(tr("Bad parameter expansion."), spanOf(start, m_pos + 1));
        return false;
    }
    if (at(m_pos) == u'[') {
        m_bash = true;
        part.complexParameter = true;
    }
    if (at(m_pos) == u'}') {
        ++m_pos;
        return true;
    }
    part.complexParameter = true;
    const QChar op = at(m_pos);
    if (op == u'/' || op == u'^' || op == u',' || op == u'@' || (op == u':' && !QStringView(u"-=?+").contains(at(m_pos + 1))))
        m_bash = true;
    int depth = 1;
    qsizetype literalStart = m_pos;
    auto flush = [&] { appendLiteral(part.parts, literalStart, m_pos); };
    while (m_pos < m_limit && !failed()) {
        const QChar c = m_source[m_pos];
        if (c == u'}') {
            if (--depth == 0) {
                flush();
                ++m_pos;
                return true;
            }
            ++m_pos;
            continue;
        }
        if (c == u'{') {
            ++depth;
            ++m_pos;
            continue;
        }
        if (c == u'\\') {
            flush();
            if (at(m_pos + 1) == u'\n') {
                m_pos += 2;
            } else {
                WordPart escaped;
                escaped.kind = PartKind::Escaped;
                escaped.span = spanOf(m_pos, qMin(m_pos + 2, m_limit));
                escaped.text = QString(at(m_pos + 1));
                part.parts.push_back(std::move(escaped));
                m_pos = qMin(m_pos + 2, m_limit);
            }
            literalStart = m_pos;
            continue;
        }
        if (c == u'\'') {
            flush();
            if (!readSingleQuoted(part.parts))
                return false;
            literalStart = m_pos;
            continue;
        }
        if (c == u'"') {
            flush();
            WordPart quoted;
            if (!readDoubleQuoted(quoted))
                return false;
            part.parts.push_back(std::move(quoted));
            literalStart = m_pos;
            continue;
        }
        if (c == u'$') {
            flush();
            if (!readDollar(part.parts, false))
                return false;
            literalStart = m_pos;
            continue;
        }
        if (c == u'`') {
            flush();
            if (!readBacktick(part.parts))
                return false;
            literalStart = m_pos;
            continue;
        }
        ++m_pos;
    }
    if (!failed())
        fail(tr("Unterminated ${...} expansion."), spanOf(start, m_limit));
    return false;
}

bool ShellLexer::readArithmeticParts(WordPart &part, qsizetype contentStart)
{
    const qsizetype start = contentStart;
    m_pos = contentStart;
    int depth = 0;
    qsizetype literalStart = m_pos;
    auto flush = [&] { appendLiteral(part.parts, literalStart, m_pos); };
    while (m_pos < m_limit && !failed()) {
        const QChar c = m_source[m_pos];
        if (c == u'(') {
            ++depth;
            ++m_pos;
            continue;
        }
        if (c == u')') {
            if (depth == 0) {
                if (at(m_pos + 1) != u')') {
                    fail(tr("Unbalanced parentheses in arithmetic."), spanOf(m_pos, m_pos + 1));
                    return false;
                }
                flush();
                part.text = m_source.mid(start, m_pos - start).toString();
                m_pos += 2;
                return true;
            }
            --depth;
            ++m_pos;
            continue;
        }
        if (c == u'$' || c == u'`' || c == u'"' || c == u'\'' || c == u'\\') {
            flush();
            bool ok = true;
            if (c == u'$') {
                ok = readDollar(part.parts, false);
            } else if (c == u'`') {
                ok = readBacktick(part.parts);
            } else if (c == u'"') {
                WordPart quoted;
                ok = readDoubleQuoted(quoted);
                if (ok)
                    part.parts.push_back(std::move(quoted));
            } else if (c == u'\'') {
                ok = readSingleQuoted(part.parts);
            } else {
                m_pos = qMin(m_pos + 2, m_limit);
            }
            if (!ok)
                return false;
            literalStart = m_pos;
            continue;
        }
        ++m_pos;
    }
    if (!failed())
        fail(tr("Unterminated arithmetic expression."), spanOf(start - 2, m_limit));
    return false;
}

Word ShellLexer::readArithmeticCommand(qsizetype openOffset)
{
    m_bash = true;
    Word word;
    WordPart part;
    part.kind = PartKind::Arithmetic;
    if (!enterNesting(openOffset))
        return word;
    const bool ok = readArithmeticParts(part, m_pos);
    leaveNesting();
    if (!ok)
        return word;
    part.span = spanOf(openOffset, m_pos);
    word.span = part.span;
    word.parts.push_back(std::move(part));
    return word;
}

bool ShellLexer::readBacktick(std::vector<WordPart> &parts)
{
    const qsizetype start = m_pos;
    qsizetype i = m_pos + 1;
    bool escapes = false;
    while (i < m_limit && m_source[i] != u'`') {
        if (m_source[i] == u'\\') {
            escapes = true;
            ++i;
        }
        ++i;
    }
    if (i >= m_limit) {
        fail(tr("Unterminated backtick substitution."), spanOf(start, m_limit));
        return false;
    }
    if (!m_nested) {
        fail(tr("Command substitution is not supported here."), spanOf(start, start + 1));
        return false;
    }
    if (!enterNesting(start))
        return false;
    WordPart part;
    part.kind = PartKind::Backtick;
    part.span = spanOf(start, i + 1);
    if (!escapes) {
        part.command = m_nested->parseRange(*this, start + 1, i);
    } else {
        QString body;
        for (qsizetype k = start + 1; k < i; ++k) {
            const QChar c = m_source[k];
            if (c == u'\\' && k + 1 < i && QStringView(u"\\`$").contains(m_source[k + 1])) {
                body += m_source[k + 1];
                ++k;
            } else {
                body += c;
            }
        }
        part.command = m_nested->parseDetached(body, part.span);
        if (!part.command)
            fail(tr("Invalid command inside backticks."), part.span);
    }
    leaveNesting();
    if (!part.command)
        return false;
    m_pos = i + 1;
    parts.push_back(std::move(part));
    return true;
}

bool ShellLexer::readProcessSubstitution(std::vector<WordPart> &parts)
{
    const qsizetype start = m_pos;
    m_bash = true;
    if (!m_nested) {
        fail(tr("Process substitution is not supported here."), spanOf(start, start + 2));
        return false;
    }
    if (!enterNesting(start))
        return false;
    WordPart part;
    part.kind = m_source[m_pos] == u'<' ? PartKind::ProcessSubstitutionIn : PartKind::ProcessSubstitutionOut;
    m_pos += 2;
    part.command = m_nested->parseCommandSubstitution(*this);
    leaveNesting();
    if (!part.command)
        return false;
    part.span = spanOf(start, m_pos);
    parts.push_back(std::move(part));
    return true;
}

bool ShellLexer::readArrayLiteral(std::vector<WordPart> &parts)
{
    const qsizetype start = m_pos;
    m_bash = true;
    if (!enterNesting(start))
        return false;
    struct Leave { ShellLexer *lexer; ~Leave() { lexer->leaveNesting(); } } leave{this};
    ++m_pos;
    WordPart part;
    part.kind = PartKind::ArrayLiteral;
    for (;;) {
        while (m_pos < m_limit && (m_source[m_pos] == u' ' || m_source[m_pos] == u'\t' || m_source[m_pos] == u'\n'))
            ++m_pos;
        if (m_pos < m_limit && m_source[m_pos] == u'#') {
            while (m_pos < m_limit && m_source[m_pos] != u'\n')
                ++m_pos;
            continue;
        }
        if (m_pos >= m_limit) {
            fail(tr("Unterminated array assignment."), spanOf(start, m_limit));
            return false;
        }
        if (m_source[m_pos] == u')') {
            ++m_pos;
            break;
        }
        if (isMeta(m_source[m_pos])) {
            fail(tr("Unexpected character in array assignment."), spanOf(m_pos, m_pos + 1));
            return false;
        }
        Word element = readWord();
        if (failed())
            return false;
        part.words.push_back(std::move(element));
    }
    part.span = spanOf(start, m_pos);
    parts.push_back(std::move(part));
    return true;
}

void ShellLexer::readHereDocBodies()
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (const auto &doc : pending) {
        const qsizetype bodyStart = m_pos;
        qsizetype bodyEnd = m_limit;
        QString body;
        while (m_pos < m_limit) {
            const qsizetype lineStart = m_pos;
            qsizetype lineEnd = m_source.left(m_limit).indexOf(u'\n', m_pos);
            if (lineEnd < 0)
                lineEnd = m_limit;
            QStringView line = m_source.mid(lineStart, lineEnd - lineStart);
            if (doc->stripTabs) {
                while (line.startsWith(u'\t'))
                    line = line.mid(1);
            }
            m_pos = lineEnd < m_limit ? lineEnd + 1 : m_limit;
            if (line == doc->delimiter) {
                bodyEnd = lineStart;
                doc->terminated = true;
                break;
            }
            body += line;
            if (lineEnd < m_limit)
                body += u'\n';
        }
        doc->bodySpan = spanOf(bodyStart, bodyEnd);
        doc->body = body;
        if (m_trivia)
            m_trivia->append(ShellToken{TokenKind::HereDocBody, doc->bodySpan, {}, -1, {}});
        if (!doc->quoted && bodyEnd > bodyStart) {
            // Unquoted bodies expand $x, $(...) and backticks: parse them so they are judged.
            const qsizetype resume = m_pos;
            const qsizetype savedLimit = m_limit;
            m_pos = bodyStart;
            m_limit = bodyEnd;
            Word &word = doc->expansions;
            qsizetype literalStart = m_pos;
            while (m_pos < m_limit && !failed()) {
                const QChar c = m_source[m_pos];
                if (c == u'\\' && m_pos + 1 < m_limit && QStringView(u"$`\\").contains(m_source[m_pos + 1])) {
                    appendLiteral(word.parts, literalStart, m_pos);
                    m_pos += 2;
                    literalStart = m_pos;
                } else if (c == u'$' || c == u'`') {
                    appendLiteral(word.parts, literalStart, m_pos);
                    const bool ok = c == u'$' ? readDollar(word.parts, true) : readBacktick(word.parts);
                    if (!ok)
                        break;
                    literalStart = m_pos;
                } else {
                    ++m_pos;
                }
            }
            if (!failed())
                appendLiteral(word.parts, literalStart, m_pos);
            word.span = doc->bodySpan;
            m_limit = savedLimit;
            if (!failed())
                m_pos = resume;
        }
    }
}

QList<ShellToken> tokenizeShell(QStringView source)
{
    QList<ShellToken> tokens;
    QList<ShellToken> trivia;
    ShellLexer lexer(source);
    ShellParser parser(lexer);
    lexer.setNestedParser(&parser); // $( ) bodies are parsed in place, as parseShell() does
    lexer.setRecordTrivia(&trivia);
    bool expectHereDocDelimiter = false;
    bool stripTabs = false;
    for (;;) {
        ShellToken token = lexer.next();
        if (token.kind == TokenKind::End)
            break;
        if (token.kind == TokenKind::Error) {
            const qsizetype from = lexer.errorSpan().offset;
            tokens.append(ShellToken{TokenKind::Error, SourceSpan{from, source.size() - from}, {}, -1, {}});
            break;
        }
        if (expectHereDocDelimiter && token.kind == TokenKind::Word) {
            auto doc = std::make_shared<HereDoc>();
            doc->delimiter = hereDocDelimiter(token.word, source, &doc->quoted);
            doc->stripTabs = stripTabs;
            lexer.addPendingHereDoc(doc);
        }
        expectHereDocDelimiter = token.kind == TokenKind::Operator && (token.op == u"<<" || token.op == u"<<-");
        stripTabs = token.op == u"<<-";
        tokens.append(std::move(token));
    }
    tokens.append(trivia);
    std::sort(tokens.begin(), tokens.end(), [](const ShellToken &a, const ShellToken &b) {
        return a.span.offset < b.span.offset;
    });
    return tokens;
}

} // namespace workbench::policy
