#include "policy/shellword.h"

namespace workbench::policy {

namespace {

constexpr int maxAlternatives = 64;

// Expands the first top-level {a,b} or {x..y} in text, recursively; capped.
QStringList expandBraces(const QString &text, int budget = maxAlternatives)
{
    qsizetype open = -1;
    int depth = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'{') {
            if (depth++ == 0)
                open = i;
        } else if (text[i] == u'}' && depth > 0) {
            if (--depth == 0) {
                const QString inner = text.mid(open + 1, i - open - 1);
                const QString prefix = text.left(open);
                const QString suffix = text.mid(i + 1);
                QStringList items;
                int innerDepth = 0;
                qsizetype start = 0;
                for (qsizetype k = 0; k < inner.size(); ++k) {
                    if (inner[k] == u'{')
                        ++innerDepth;
                    else if (inner[k] == u'}')
                        --innerDepth;
                    else if (inner[k] == u',' && innerDepth == 0) {
                        items << inner.mid(start, k - start);
                        start = k + 1;
                    }
                }
                if (!items.isEmpty()) {
                    items << inner.mid(start);
                } else {
                    const qsizetype dots = inner.indexOf(QStringLiteral(".."));
                    if (dots < 0)
                        continue;
                    const QString from = inner.left(dots);
                    QString to = inner.mid(dots + 2);
                    const qsizetype step = to.indexOf(QStringLiteral(".."));
                    if (step >= 0)
                        to = to.left(step);
                    bool okFrom = false;
                    bool okTo = false;
                    const int a = from.toInt(&okFrom);
                    const int b = to.toInt(&okTo);
                    if (okFrom && okTo) {
                        for (int v = a; items.size() < budget; v += (a <= b ? 1 : -1)) {
                            items << QString::number(v);
                            if (v == b)
                                break;
                        }
                    } else if (from.size() == 1 && to.size() == 1) {
                        const char16_t x = from[0].unicode();
                        const char16_t y = to[0].unicode();
                        for (char16_t v = x; items.size() < budget; v = char16_t(x <= y ? v + 1 : v - 1)) {
                            items << QString(QChar(v));
                            if (v == y)
                                break;
                        }
                    } else {
                        continue;
                    }
                }
                QStringList result;
                for (const QString &item : std::as_const(items)) {
                    for (const QString &expanded : expandBraces(prefix + item + suffix, budget - int(result.size()))) {
                        if (result.size() >= budget)
                            return result;
                        result << expanded;
                    }
                }
                return result;
            }
        }
    }
    return {text};
}

bool isIdentifierLike(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (QChar c : text) {
        if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.' || c == u'/'))
            return false;
    }
    return true;
}

struct Resolver
{
    const ResolveContext &context;
    WordValue &out;

    void parameter(const WordPart &part, QString &value)
    {
        const QString &name = part.text;
        if (name == u"IFS") {
            out.ifs = true;
            out.isStatic = false;
            value += u' ';
            return;
        }
        if (!part.complexParameter) {
            if (context.variables) {
                const auto it = context.variables->constFind(name);
                if (it != context.variables->constEnd()) {
                    value += it.value();
                    out.fromVariable = true;
                    return;
                }
            }
            if (name == u"HOME" && !context.home.isEmpty()) {
                value += context.home;
                return;
            }
            if (name == u"PWD" && !context.cwd.isEmpty()) {
                value += context.cwd;
                return;
            }
        } else if (context.variables && name != u"IFS") {
            // ${x:-default}: when x is unknown, the default is the best guess.
            const auto it = context.variables->constFind(name);
            if (it != context.variables->constEnd() && !part.parts.empty()) {
                value += it.value();
                out.isStatic = false;
                out.parameter = true;
                return;
            }
        }
        out.isStatic = false;
        out.parameter = true;
        for (const auto &sub : part.parts) {
            if (sub.kind == PartKind::Parameter && sub.text == u"IFS")
                out.ifs = true;
        }
        // Best-effort guess for ${x:-default}: the default text after the operator.
        if (part.complexParameter && !part.parts.empty()) {
            QString operand;
            for (const auto &sub : part.parts)
                append(sub, operand, true);
            static const QStringView operators[] = {u":-", u":=", u"-", u"="};
            for (QStringView op : operators) {
                if (operand.startsWith(op)) {
                    value += operand.mid(op.size());
                    break;
                }
            }
        }
    }

    void append(const WordPart &part, QString &value, bool inQuotes)
    {
        switch (part.kind) {
        case PartKind::Literal:
            value += part.text;
            break;
        case PartKind::Escaped:
            out.quoted = true;
            value += part.text;
            break;
        case PartKind::SingleQuoted:
            out.quoted = true;
            value += part.text;
            break;
        case PartKind::DoubleQuoted:
        case PartKind::LocaleString:
            out.quoted = true;
            for (const auto &sub : part.parts)
                append(sub, value, true);
            break;
        case PartKind::AnsiC:
            out.quoted = true;
            if (part.encodedEscapes)
                out.encoded = true;
            value += part.text;
            break;
        case PartKind::Parameter:
            parameter(part, value);
            break;
        case PartKind::CommandSubstitution:
        case PartKind::Backtick:
        case PartKind::Arithmetic:
            out.isStatic = false;
            out.substitution = true;
            break;
        case PartKind::ProcessSubstitutionIn:
        case PartKind::ProcessSubstitutionOut:
            out.processSubstitution = true;
            out.processFd = QStringLiteral("/dev/fd/63");
            value += out.processFd;
            break;
        case PartKind::Glob:
            out.glob = !inQuotes;
            value += part.text;
            break;
        case PartKind::Tilde:
            out.tilde = true;
            if (part.text.isEmpty())
                value += context.home;
            else if (part.text == u"root")
                value += QStringLiteral("/root");
            else if (part.text == u"+" && !context.cwd.isEmpty())
                value += context.cwd;
            else if (part.text.startsWith(u'+') || part.text.startsWith(u'-'))
                out.isStatic = false; // $OLDPWD, the directory stack, or a $PWD a `cd` made unknown
            else
                value += QStringLiteral("/home/") + part.text;
            break;
        case PartKind::Brace:
            out.brace = true;
            value += part.text;
            break;
        case PartKind::ArrayLiteral:
            out.isStatic = false;
            for (const auto &element : part.words) {
                WordValue inner = resolveWord(element, context);
                if (!value.isEmpty() && !value.endsWith(u'='))
                    value += u' ';
                value += inner.value;
            }
            break;
        }
    }
};

} // namespace

bool isInvisibleChar(char32_t c)
{
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064)
           || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x00AD || c == 0x180E || c == 0x034F
           || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || (c >= 0xE0000 && c <= 0xE007F);
}

QString removeInvisible(QStringView text, bool *changed)
{
    // Nearly every word is plain: only copy character by character when there is something to drop.
    qsizetype first = 0;
    while (first < text.size() && text[first].unicode() < 0x00AD)
        ++first;
    if (first == text.size()) {
        if (changed)
            *changed = false;
        return text.toString();
    }
    QString out;
    out.reserve(text.size());
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            const char32_t full = QChar::surrogateToUcs4(text[i], text[i + 1]);
            if (isInvisibleChar(full)) {
                any = true;
                ++i;
                continue;
            }
            out += text[i];
            out += text[i + 1];
            ++i;
            continue;
        }
        if (isInvisibleChar(c)) {
            any = true;
            continue;
        }
        out += text[i];
    }
    if (changed)
        *changed = any;
    return out;
}

QString foldLookalikes(const QString &text, bool *changed)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return foldLookalikes(QStringView(text), changed);
    }
    if (changed)
        *changed = false;
    return text;
}

QString foldLookalikes(QStringView text, bool *changed)
{
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii) {
        if (changed)
            *changed = false;
        return text.toString();
    }
    // Compatibility forms first (full-width letters, roman numerals, ligatures), then look-alikes.
    const QString compatible = text.toString().normalized(QString::NormalizationForm_KC);
    if (compatible != text) {
        bool more = false;
        const QString folded = foldLookalikes(compatible, &more);
        if (changed)
            *changed = true;
        return folded;
    }
    // Cyrillic and Greek letters that render like Latin ones in common fonts.
    static const struct { char16_t from; char16_t to; } table[] = {
        {u'а', u'a'}, {u'в', u'b'}, {u'с', u'c'}, {u'ԁ', u'd'}, {u'е', u'e'}, {u'һ', u'h'}, {u'і', u'i'}, {u'ј', u'j'},
        {u'к', u'k'}, {u'м', u'm'}, {u'п', u'n'}, {u'о', u'o'}, {u'р', u'p'}, {u'ԛ', u'q'}, {u'г', u'r'}, {u'ѕ', u's'},
        {u'т', u't'}, {u'и', u'u'}, {u'ѵ', u'v'}, {u'ԝ', u'w'}, {u'х', u'x'}, {u'у', u'y'}, {u'ᴢ', u'z'}, {u'ɡ', u'g'},
        {u'А', u'A'}, {u'В', u'B'}, {u'С', u'C'}, {u'Е', u'E'}, {u'Н', u'H'}, {u'І', u'I'}, {u'Ј', u'J'}, {u'К', u'K'},
        {u'М', u'M'}, {u'О', u'O'}, {u'Р', u'P'}, {u'Ѕ', u'S'}, {u'Т', u'T'}, {u'Х', u'X'}, {u'У', u'Y'},
        {u'α', u'a'}, {u'ο', u'o'}, {u'ρ', u'p'}, {u'ε', u'e'}, {u'ι', u'i'}, {u'κ', u'k'}, {u'ν', u'v'}, {u'τ', u't'},
        {u'υ', u'u'}, {u'χ', u'x'}, {u'Α', u'A'}, {u'Β', u'B'}, {u'Ε', u'E'}, {u'Ζ', u'Z'}, {u'Η', u'H'}, {u'Ι', u'I'},
        {u'Κ', u'K'}, {u'Μ', u'M'}, {u'Ν', u'N'}, {u'Ο', u'O'}, {u'Ρ', u'P'}, {u'Τ', u'T'}, {u'Υ', u'Y'}, {u'Χ', u'X'},
        {u'ℓ', u'l'}, {u'ı', u'i'}, {u'ǀ', u'l'}, {u'‐', u'-'}, {u'‑', u'-'}, {u'‒', u'-'}, {u'–', u'-'}, {u'—', u'-'},
        {u'−', u'-'}, {u'⁄', u'/'}, {u'∕', u'/'}, {u'／', u'/'},
    };
    QString out;
    out.reserve(text.size());
    bool any = false;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80) {
            out += c;
            continue;
        }
        if (u >= 0xFF01 && u <= 0xFF5E) { // full-width ASCII
            out += QChar(char16_t(u - 0xFEE0));
            any = true;
            continue;
        }
        bool mapped = false;
        for (const auto &entry : table) {
            if (entry.from == u) {
                out += QChar(entry.to);
                mapped = true;
                any = true;
                break;
            }
        }
        if (!mapped)
            out += c;
    }
    if (changed)
        *changed = any;
    return out;
}

WordValue resolveWord(const Word &word, const ResolveContext &context)
{
    WordValue out;
    Resolver resolver{context, out};
    QString value;
    for (const auto &part : word.parts)
        resolver.append(part, value, false);

    // Quotes or escapes in the middle of a plain identifier only make sense to dodge matching.
    if (word.parts.size() > 1) {
        bool hasQuotePart = false;
        bool escapeAfterStart = false;
        for (size_t i = 0; i < word.parts.size(); ++i) {
            const PartKind kind = word.parts[i].kind;
            if (kind == PartKind::SingleQuoted || kind == PartKind::DoubleQuoted || kind == PartKind::AnsiC
                || kind == PartKind::LocaleString)
                hasQuotePart = true;
            if (kind == PartKind::Escaped && i > 0)
                escapeAfterStart = true;
        }
        if ((hasQuotePart || escapeAfterStart) && isIdentifierLike(value))
            out.quoteSplit = true;
    }

    bool invisible = false;
    bool plain = true; // every invisible character is at or above U+00AD
    for (const QChar c : std::as_const(value)) {
        if (c.unicode() >= 0x00AD) {
            plain = false;
            break;
        }
    }
    if (plain) {
        out.value = value;
    } else {
        const QString cleaned = removeInvisible(value, &invisible);
        out.value = invisible ? cleaned : value;
    }
    out.invisible = invisible;

    if (out.brace) {
        // Expand only the brace parts (quoted braces are literal): build per-part alternatives.
        QStringList products{QString()};
        for (const auto &part : word.parts) {
            QStringList options;
            if (part.kind == PartKind::Brace) {
                options = expandBraces(part.text);
            } else {
                WordValue single;
                Resolver partResolver{context, single};
                QString text;
                partResolver.append(part, text, false);
                options << text;
            }
            if (options.size() == 1 || products.size() >= maxAlternatives) {
                // Append in place: keeps long words with many braces linear.
                for (QString &product : products)
                    product += options.front();
                continue;
            }
            QStringList next;
            for (const QString &prefix : std::as_const(products)) {
                for (const QString &option : std::as_const(options)) {
                    if (next.size() >= maxAlternatives)
                        break;
                    next << prefix + option;
                }
            }
            products = next;
        }
        out.alternatives = products;
    }
    return out;
}

QString shellQuote(const QString &token)
{
    if (token.isEmpty())
        return QStringLiteral("''");
    bool safe = true;
    for (QChar c : token) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_'
                        || u == u'@' || u == u'%' || u == u'+' || u == u'=' || u == u':' || u == u',' || u == u'.'
                        || u == u'/' || u == u'-';
        if (!ok) {
            safe = false;
            break;
        }
    }
    if (safe)
        return token;
    QString quoted = token;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\"'\"'"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace workbench::policy
