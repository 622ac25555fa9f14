#pragma once
// Static resolution of shell words: quote removal, escapes, ANSI-C decoding, tilde and known
// variables. What cannot be known before the shell runs (other variables, substitutions, globs
// in command position) is marked dynamic; a best-effort guess is kept so obfuscation can be seen.
#include "policy/shellast.h"

#include <QHash>
#include <QStringList>

namespace workbench::policy {

struct WordValue
{
    QString value;              // the value after quote removal (a best-effort guess when dynamic)
    QStringList alternatives;   // brace expansion results (empty when the word has no braces)
    bool isStatic = true;       // value is exactly what the shell will see
    bool quoted = false;        // some part was quoted or escaped
    bool quoteSplit = false;    // quotes or escapes inside an identifier-like word (r''m, "r"m, r\m)
    bool encoded = false;       // ANSI-C hex/octal/unicode escapes spell the value
    bool invisible = false;     // zero-width or bidi characters were removed from the value
    bool glob = false;
    bool brace = false;
    bool tilde = false;
    bool parameter = false;     // $x that could not be resolved
    bool substitution = false;  // $(...), `...`, $((...))
    bool processSubstitution = false;
    bool ifs = false;           // $IFS / ${IFS} (classic space-free obfuscation)
    bool fromVariable = false;  // a $parameter was resolved through a tracked shell variable
    QString processFd;          // /dev/fd/N stand-in for <(...) words
};

struct ResolveContext
{
    QString home;
    QString cwd;
    const QHash<QString, QString> *variables = nullptr; // statically known shell variables
};

WordValue resolveWord(const Word &word, const ResolveContext &context);

// Zero-width, bidi-control and other invisible characters.
bool isInvisibleChar(char32_t c);
// Maps full-width forms and common Cyrillic/Greek look-alikes to ASCII; *changed tells whether any
// character was replaced.
QString foldLookalikes(QStringView text, bool *changed);
// The same; an ASCII text (nearly every command name) is returned shared, without a copy.
QString foldLookalikes(const QString &text, bool *changed);
QString removeInvisible(QStringView text, bool *changed);

// shlex.quote(): bare when the token only holds [A-Za-z0-9_@%+=:,./-], otherwise single-quoted.
QString shellQuote(const QString &token);

} // namespace workbench::policy
