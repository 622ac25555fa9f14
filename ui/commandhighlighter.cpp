#include "ui/commandhighlighter.h"

#include "policy/shelllexer.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextDocument>

#ifdef WORKBENCH_HAVE_KSYNTAXHIGHLIGHTING
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#endif

namespace workbench::ui {

using policy::PartKind;
using policy::ShellToken;
using policy::TokenKind;
using policy::WordPart;

namespace {

const QStringList &keywords()
{
    static const QStringList words = {"if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done",
                                      "case", "esac", "in", "function", "select", "time", "!", "{", "}", "[[", "]]"};
    return words;
}

bool isRedirection(const QString &op)
{
    return op.contains(u'<') || op.contains(u'>');
}

// NAME= at the start of a word: an assignment, not a command.
qsizetype assignmentNameLength(QStringView word)
{
    if (word.isEmpty() || !(word[0].isLetter() || word[0] == u'_'))
        return 0;
    for (qsizetype i = 1; i < word.size(); ++i) {
        const QChar ch = word[i];
        if (ch == u'=' || (ch == u'+' && i + 1 < word.size() && word[i + 1] == u'='))
            return i;
        if (!(ch.isLetterOrNumber() || ch == u'_'))
            return 0;
    }
    return 0;
}

} // namespace

CommandHighlighter::CommandHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setObjectName(QStringLiteral("commandHighlighter"));
    setPalette(QGuiApplication::palette());
}

void CommandHighlighter::setPalette(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    auto colour = [dark](QRgb light, QRgb darkColour) { return QColor::fromRgb(dark ? darkColour : light); };
    auto make = [&](Role role, QColor foreground, bool bold = false, bool italic = false) {
        QTextCharFormat format;
        format.setForeground(foreground);
        if (bold)
            format.setFontWeight(QFont::Bold);
        format.setFontItalic(italic);
        m_formats[std::size_t(role)] = format;
    };
    make(Role::Command, colour(0x0b4f9c, 0x7cb8ff), true);
    make(Role::Keyword, colour(0x8a2be2, 0xd0a0ff), true);
    make(Role::Option, colour(0x6b5300, 0xe5c07b));
    make(Role::String, colour(0x1a7f1a, 0x98d982));
    make(Role::Variable, colour(0xa0410d, 0xffa070));
    make(Role::Substitution, colour(0xb35900, 0xffb86c));
    make(Role::Glob, colour(0x9b2fae, 0xe0a3f0));
    make(Role::Operator, colour(0xc01c28, 0xff7b7b), true);
    make(Role::Comment, colour(0x707070, 0x9a9a9a), false, true);
    QTextCharFormat error;
    error.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    error.setUnderlineColor(colour(0xe01b24, 0xff5555));
    m_formats[std::size_t(Role::Error)] = error;
    m_tokenizedText.clear();
    m_tokenizedRevision = -1;
    rehighlight();
}

void CommandHighlighter::retokenize()
{
    const QString text = document()->toPlainText();
    if (m_tokenizedRevision == document()->revision() && text == m_tokenizedText)
        return;
    m_tokenizedRevision = document()->revision();
    m_tokenizedText = text;
    m_ranges.clear();

    const QList<ShellToken> tokens = policy::tokenizeShell(text);
    bool commandPosition = true;
    bool redirectTarget = false;

    // Quoting and expansions inside a word; later ranges win over the word's own role.
    std::function<void(const std::vector<WordPart> &)> addParts = [&](const std::vector<WordPart> &parts) {
        for (const WordPart &part : parts) {
            switch (part.kind) {
            case PartKind::SingleQuoted:
            case PartKind::AnsiC:
                m_ranges.append({part.span.offset, part.span.length, Role::String});
                break;
            case PartKind::DoubleQuoted:
            case PartKind::LocaleString:
                m_ranges.append({part.span.offset, part.span.length, Role::String});
                addParts(part.parts);
                break;
            case PartKind::Parameter:
                m_ranges.append({part.span.offset, part.span.length, Role::Variable});
                break;
            case PartKind::CommandSubstitution:
            case PartKind::Backtick:
            case PartKind::ProcessSubstitutionIn:
            case PartKind::ProcessSubstitutionOut:
            case PartKind::Arithmetic:
                m_ranges.append({part.span.offset, part.span.length, Role::Substitution});
                break;
            case PartKind::Glob:
            case PartKind::Brace:
                m_ranges.append({part.span.offset, part.span.length, Role::Glob});
                break;
            default:
                break;
            }
        }
    };

    for (const ShellToken &token : tokens) {
        switch (token.kind) {
        case TokenKind::Comment:
            m_ranges.append({token.span.offset, token.span.length, Role::Comment});
            break;
        case TokenKind::HereDocBody:
            m_ranges.append({token.span.offset, token.span.length, Role::String});
            break;
        case TokenKind::Error:
            m_ranges.append({token.span.offset, qMax<qsizetype>(1, token.span.length), Role::Error});
            break;
        case TokenKind::Newline:
            commandPosition = true;
            redirectTarget = false;
            break;
        case TokenKind::Operator:
            m_ranges.append({token.span.offset, token.span.length, Role::Operator});
            if (isRedirection(token.op)) {
                redirectTarget = true;
            } else {
                commandPosition = true;
                redirectTarget = false;
            }
            break;
        case TokenKind::Word: {
            const QStringView word = QStringView(text).sliced(token.span.offset, token.span.length);
            if (redirectTarget) {
                redirectTarget = false; // a file name or descriptor, whatever its position
            } else if (commandPosition && keywords().contains(word)) {
                m_ranges.append({token.span.offset, token.span.length, Role::Keyword});
                commandPosition = !(word == u"for" || word == u"case" || word == u"select" || word == u"function"
                                    || word == u"in");
            } else if (commandPosition && assignmentNameLength(word) > 0) {
                m_ranges.append({token.span.offset, assignmentNameLength(word) + 1, Role::Variable});
            } else if (commandPosition) {
                m_ranges.append({token.span.offset, token.span.length, Role::Command});
                commandPosition = false;
            } else if (word.startsWith(u'-') && word.size() > 1) {
                m_ranges.append({token.span.offset, token.span.length, Role::Option});
            }
            addParts(token.word.parts);
            break;
        }
        case TokenKind::End:
            break;
        }
    }
}

void CommandHighlighter::highlightBlock(const QString &text)
{
    retokenize();
    const qsizetype blockStart = currentBlock().position();
    const qsizetype blockEnd = blockStart + text.size();
    size_t state = 0;
    for (const Range &range : std::as_const(m_ranges)) {
        const qsizetype from = qMax(range.offset, blockStart);
        const qsizetype to = qMin(range.offset + range.length, blockEnd);
        if (from >= to)
            continue;
        setFormat(int(from - blockStart), int(to - from), m_formats[std::size_t(range.role)]);
        state = qHashMulti(state, from - blockStart, to - from, int(range.role));
    }
    // A block's state changes when its highlighting does, so Qt re-highlights the next block too
    // (an opened quote or here-document changes the lines after it).
    setCurrentBlockState(int(state & 0x3fffffff));
}

QSyntaxHighlighter *createCommandHighlighter(QTextDocument *document, const QPalette &palette)
{
#ifdef WORKBENCH_HAVE_KSYNTAXHIGHLIGHTING
    static KSyntaxHighlighting::Repository repository;
    const KSyntaxHighlighting::Definition definition = repository.definitionForName(QStringLiteral("Bash"));
    if (definition.isValid()) {
        auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document);
        highlighter->setDefinition(definition);
        highlighter->setTheme(palette.color(QPalette::Base).lightness() < 128
                                  ? repository.defaultTheme(KSyntaxHighlighting::Repository::DarkTheme)
                                  : repository.defaultTheme(KSyntaxHighlighting::Repository::LightTheme));
        return highlighter;
    }
#endif
    auto *highlighter = new CommandHighlighter(document);
    highlighter->setPalette(palette);
    return highlighter;
}

} // namespace workbench::ui
