#pragma once
// The shell syntax tree produced by parseShell(). Every node, word and word part keeps the span
// (UTF-16 offset and length) of the source text it came from, so the analyzer can point a reason
// at the exact part of the command it is about.
#include "policy/policytypes.h"

#include <QString>

#include <memory>
#include <vector>

namespace workbench::policy {

struct Node;
using NodePtr = std::shared_ptr<Node>;

enum class PartKind {
    Literal,                // unquoted text without special characters
    Escaped,                // backslash-escaped character (text = the character)
    SingleQuoted,           // '...' (text = content)
    DoubleQuoted,           // "..." (parts = nested parts)
    AnsiC,                  // $'...' (text = decoded value)
    LocaleString,           // $"..." (parts = nested parts)
    Parameter,              // $x ${x} ${x:-word} (text = name, parts = operand parts)
    CommandSubstitution,    // $(...) (command = body)
    Backtick,               // `...` (command = body)
    Arithmetic,             // $((...)) (parts = expression parts)
    ProcessSubstitutionIn,  // <(...) (command = body)
    ProcessSubstitutionOut, // >(...) (command = body)
    Glob,                   // * ? [...] (text = the pattern characters)
    Tilde,                  // ~ or ~user (text = user name, empty for the current user)
    Brace,                  // {a,b} {1..3} (text = raw text including braces)
    ArrayLiteral,           // (a b c) after NAME= (words = elements)
};

struct Word;

struct WordPart
{
    PartKind kind = PartKind::Literal;
    SourceSpan span;
    QString text;
    std::vector<WordPart> parts;
    std::vector<Word> words;
    NodePtr command;
    // Parameter: the expansion has an operator (${x:-y}, ${!x}, ${#x}, ${x/a/b}) beyond the name.
    bool complexParameter = false;
    // AnsiC: hex, octal or unicode escapes were used to spell the value.
    bool encodedEscapes = false;
};

struct Word
{
    SourceSpan span;
    std::vector<WordPart> parts;
};

struct HereDoc
{
    QString delimiter;
    bool quoted = false;      // <<'EOF' or <<"EOF" or <<\EOF: no expansions in the body
    bool stripTabs = false;   // <<-
    bool terminated = false;  // the delimiter line was found (bash accepts end of input with a warning)
    SourceSpan bodySpan;
    QString body;             // the text as the command reads it (leading tabs stripped for <<-)
    Word expansions;          // unquoted bodies: the parsed parts, so substitutions are judged
};

struct Redirect
{
    SourceSpan span;
    int fd = -1;              // explicit descriptor (2>file), -1 when implied
    QString op;               // < > >> >| <> <& >& &> &>> << <<- <<<
    Word target;              // file, descriptor, here-string word or here-doc delimiter
    std::shared_ptr<HereDoc> hereDoc;
};

enum class NodeKind {
    List,         // children separated by `separators` (";" "&" "\n" or "" after the last)
    AndOr,        // children joined by `separators` ("&&" "||") between them
    Pipeline,     // children joined by `separators` ("|" "|&"); negated for `!`, timed for `time`
    Simple,       // assignments, words, redirects
    Subshell,     // ( list )
    Group,        // { list; }
    If,           // children: condition, then-body, [elif-condition, elif-body]..., [else-body]
    While,        // children: condition, body
    Until,        // children: condition, body
    For,          // name, words (the `in` list; empty with noInList), children: body
    ArithFor,     // words: the three expressions as one word, children: body
    Case,         // words[0]: subject, children: CaseItem
    CaseItem,     // words: patterns, children: body (may be empty), separators[0]: ";;" ";&" ";;&"
    Function,     // name, children: body
    Arithmetic,   // (( expr )): words[0]
    Conditional,  // [[ expr ]]: words (operators as literal words)
};

struct Node
{
    NodeKind kind = NodeKind::Simple;
    SourceSpan span;
    std::vector<NodePtr> children;
    std::vector<QString> separators;
    std::vector<Word> assignments;
    std::vector<Word> words;
    std::vector<Redirect> redirects;
    QString name;
    SourceSpan nameSpan;
    bool negated = false;
    bool timed = false;
    bool noInList = false;
};

struct ParseResult
{
    NodePtr root;              // a List; null on error
    bool ok() const { return root != nullptr; }
    QString error;             // translated message when !ok()
    SourceSpan errorSpan;
    bool usesBashSyntax = false;  // [[ ]], (( )), $'..', <(..), arrays, &>, <<<, |&, function, ${x/..} ...
};

} // namespace workbench::policy
