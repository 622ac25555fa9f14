#pragma once
// Syntax highlighting for the command editor of the review dialog.
//
// createCommandHighlighter() uses KSyntaxHighlighting's Bash definition when the build found
// KF6SyntaxHighlighting, and CommandHighlighter otherwise (Debian 12 has no KF6). The fallback
// colours the tokens of the policy's own shell lexer, so what is highlighted is exactly what the
// policy parses: command names, keywords, options, quoted strings, expansions, substitutions,
// operators and redirections, comments, here-document bodies, and a syntax error from where it
// starts.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

class QTextDocument;

namespace workbench::ui {

class CommandHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Role {
        Command,      // the program of a simple command
        Keyword,      // if, then, for, do, done, ... in command position
        Option,       // -x, --long
        String,       // '...', "...", $'...', here-document bodies
        Variable,     // $x, ${x}, NAME= of an assignment
        Substitution, // $( ), ` `, <( ), $(( ))
        Glob,         // * ? [..] {a,b}
        Operator,     // | && ; & ( ) and redirections
        Comment,
        Error,        // from a syntax error to the end
        Count
    };

    explicit CommandHighlighter(QTextDocument *document);

    QTextCharFormat format(Role role) const { return m_formats[std::size_t(role)]; }
    // Colours follow the palette (light or dark); call when it changes.
    void setPalette(const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Range
    {
        qsizetype offset;
        qsizetype length;
        Role role;
    };
    void retokenize();

    std::array<QTextCharFormat, std::size_t(Role::Count)> m_formats;
    QList<Range> m_ranges; // over the whole document, sorted by offset
    int m_tokenizedRevision = -1;
    QString m_tokenizedText;
};

// The best highlighter this build has for a shell command (see the file comment).
QSyntaxHighlighter *createCommandHighlighter(QTextDocument *document, const QPalette &palette);

} // namespace workbench::ui
