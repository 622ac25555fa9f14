#pragma once
// Shell tokenizer. Shell lexing depends on context (keywords, here-documents, nested command
// substitutions), so the parser drives the lexer token by token; tokenizeShell() runs the same
// lexer on its own for syntax highlighting.
#include "policy/shellast.h"

#include <QList>
#include <QStringView>

namespace workbench::policy {

enum class TokenKind { Word, Operator, Newline, Comment, HereDocBody, End, Error };

struct ShellToken
{
    TokenKind kind = TokenKind::End;
    SourceSpan span;
    QString op;       // Operator: the operator text ("&&", ">>", "(" ...)
    int fd = -1;      // Operator: descriptor written before a redirection (2>)
    Word word;        // Word: the parsed word
};

// Highlighting: the flat token stream (words, operators, comments, here-document bodies).
// Stops at the first error with a final Error token covering the rest.
QList<ShellToken> tokenizeShell(QStringView source);

class ShellLexer;

// The parser implements this so the lexer can parse the body of $( ... ) in place.
class NestedCommandParser
{
public:
    virtual ~NestedCommandParser() = default;
    // Parse a command list starting at the lexer's position up to an unmatched ")" (consumed).
    virtual NodePtr parseCommandSubstitution(ShellLexer &lexer) = 0;
    // Parse a whole command list in lexer positions [begin, end) (backticks without escapes).
    virtual NodePtr parseRange(ShellLexer &lexer, qsizetype begin, qsizetype end) = 0;
    // Parse independent text (backtick bodies that contained escapes).
    virtual NodePtr parseDetached(const QString &text, SourceSpan mapTo) = 0;
};

class ShellLexer
{
public:
    static constexpr int maxDepth = 64;

    explicit ShellLexer(QStringView source);

    void setNestedParser(NestedCommandParser *parser) { m_nested = parser; }
    ShellToken next();
    void addPendingHereDoc(std::shared_ptr<HereDoc> hereDoc) { m_pending.push_back(std::move(hereDoc)); }
    bool hasPendingHereDocs() const { return !m_pending.empty(); }

    // Arithmetic body after "((" up to the matching "))" (consumed).
    Word readArithmeticCommand(qsizetype openOffset);

    bool failed() const { return !m_error.isEmpty(); }
    QString errorMessage() const { return m_error; }
    SourceSpan errorSpan() const { return m_errorSpan; }
    void fail(const QString &message, SourceSpan span);

    bool enterNesting(qsizetype offset);
    void leaveNesting() { --m_depth; }

    QStringView source() const { return m_source; }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype pos) { m_pos = pos; }
    qsizetype limit() const { return m_limit; }
    void setLimit(qsizetype limit) { m_limit = limit; }
    bool bashSyntax() const { return m_bash; }
    void markBashSyntax() { m_bash = true; }

    // Highlighting support: record comments and here-document bodies as tokens.
    void setRecordTrivia(QList<ShellToken> *trivia) { m_trivia = trivia; }

private:
    QChar at(qsizetype i) const { return i < m_limit ? m_source[i] : QChar(); }
    bool isMeta(QChar c) const;
    void skipBlanks();
    Word readWord();
    bool readDollar(std::vector<WordPart> &parts, bool inDoubleQuotes);
    bool readBacktick(std::vector<WordPart> &parts);
    bool readDoubleQuoted(WordPart &part);
    bool readSingleQuoted(std::vector<WordPart> &parts);
    bool readAnsiC(std::vector<WordPart> &parts);
    bool readBraceParameter(WordPart &part);
    bool readProcessSubstitution(std::vector<WordPart> &parts);
    bool readArrayLiteral(std::vector<WordPart> &parts);
    bool tryBraceExpansion(std::vector<WordPart> &parts);
    bool readArithmeticParts(WordPart &part, qsizetype contentStart);
    void readHereDocBodies();
    void appendLiteral(std::vector<WordPart> &parts, qsizetype from, qsizetype to);

    QStringView m_source;
    qsizetype m_pos = 0;
    qsizetype m_limit = 0;
    int m_depth = 0;
    bool m_bash = false;
    QString m_error;
    SourceSpan m_errorSpan;
    NestedCommandParser *m_nested = nullptr;
    std::vector<std::shared_ptr<HereDoc>> m_pending;
    QList<ShellToken> *m_trivia = nullptr;
};

} // namespace workbench::policy
