#pragma once
// Recursive-descent parser for POSIX sh plus the bash syntax people type at a prompt.
// parseShell() never throws and never recurses without bound: nesting deeper than
// ShellLexer::maxDepth is a syntax error, like unbalanced quotes or dangling operators.
#include "policy/shellast.h"
#include "policy/shelllexer.h"

#include <optional>

namespace workbench::policy {

ParseResult parseShell(QStringView source);

// The delimiter a here-document ends with, after quote removal; *quoted is set when any part of
// the delimiter was quoted (the body is then taken literally).
QString hereDocDelimiter(const Word &word, QStringView source, bool *quoted);

class ShellParser : public NestedCommandParser
{
public:
    // The first parser created on a lexer handles its nested command substitutions.
    explicit ShellParser(ShellLexer &lexer);

    NodePtr parseScript();

    NodePtr parseCommandSubstitution(ShellLexer &lexer) override;
    NodePtr parseRange(ShellLexer &lexer, qsizetype begin, qsizetype end) override;
    NodePtr parseDetached(const QString &text, SourceSpan mapTo) override;

private:
    const ShellToken &peek();
    ShellToken take();
    bool isWord(const ShellToken &token, QStringView text) const;
    bool peekIsWord(QStringView text) { return isWord(peek(), text); }
    bool peekIsOperator(QStringView op);
    bool isRedirection(const ShellToken &token) const;
    bool isListTerminator(const ShellToken &token) const;
    void skipNewlines();
    bool expectWord(QStringView keyword);
    bool expectOperator(QStringView op);
    void error(const QString &message, SourceSpan span);
    void errorUnexpected(const ShellToken &token);

    NodePtr parseList(bool allowEmpty);
    NodePtr parseAndOr();
    NodePtr parsePipeline();
    NodePtr parseCommand();
    NodePtr parseSimple(const Word *firstWord = nullptr);
    NodePtr parseCoproc();
    NodePtr parseCompound();
    NodePtr parseIf();
    NodePtr parseLoop(NodeKind kind);
    NodePtr parseFor();
    NodePtr parseCase();
    NodePtr parseFunctionKeyword();
    NodePtr parseConditional();
    bool parseRedirection(std::vector<Redirect> &redirects);
    void finish(Node &node, qsizetype start);

    ShellLexer &m_lexer;
    std::optional<ShellToken> m_peeked;
    qsizetype m_lastEnd = 0;
};

} // namespace workbench::policy
