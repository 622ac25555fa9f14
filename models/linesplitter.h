#pragma once
// Turns styled segments into complete lines plus one pending partial line.
//
// Terminal semantics that matter for build and test output:
//  * "\n" ends a line, "\r\n" too;
//  * a "\r" not followed by "\n" restarts the line (progress bars redraw themselves this way);
//  * "\b" removes the previous character of the line;
//  * a line longer than maxLineLength is cut into several lines so one huge line cannot
//    stall the view or hold unbounded memory.
// The result never depends on where the input was cut into chunks.

#include "models/ansiparser.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace workbench::models {

// A styled range of a line. Characters outside every span have the default style.
struct StyledSpan
{
    qint32 start = 0;
    qint32 length = 0;
    TextStyle style;
    qint32 hyperlink = -1; // index into StyledLine::hyperlinks, -1 for none

    friend bool operator==(const StyledSpan &, const StyledSpan &) = default;
};

struct StyledLine
{
    QString text;
    QList<StyledSpan> spans;
    QStringList hyperlinks;

    friend bool operator==(const StyledLine &, const StyledLine &) = default;
};

// Width of text in terminal columns: tabs advance to the next multiple of 8, East Asian wide
// characters and emoji take two columns, combining marks none.
int terminalColumnWidth(QStringView text);
int terminalCharWidth(char32_t codePoint);

class LineSplitter
{
public:
    static constexpr int DefaultMaxLineLength = 16384;

    explicit LineSplitter(int maxLineLength = DefaultMaxLineLength);

    // Consumes segments; appends every line they complete to `completed`.
    void feed(const AnsiParser::Segments &segments, QList<StyledLine> &completed);

    // The line being built (not ended by "\n" yet). Empty when nothing is pending.
    const StyledLine &partialLine() const { return m_line; }
    bool hasPartialLine() const { return !m_line.text.isEmpty(); }
    // Ends the pending line (end of stream) and returns it; the splitter is empty afterwards.
    StyledLine takePartialLine();
    void reset();

private:
    void appendText(QStringView text, const TextStyle &style, const QString &hyperlink);
    void completeLine(QList<StyledLine> &completed);
    void removeLastCharacter();
    void clearLine();

    int m_maxLineLength;
    StyledLine m_line;
    bool m_carriageReturnPending = false;
};

// ANSI parser + line splitter for one stream (stdout or stderr).
class OutputStreamDecoder
{
public:
    explicit OutputStreamDecoder(int maxLineLength = LineSplitter::DefaultMaxLineLength)
        : m_splitter(maxLineLength)
    {}

    void feed(QStringView text, QList<StyledLine> &completed)
    {
        m_segments.clear();
        m_parser.parse(text, m_segments);
        m_splitter.feed(m_segments, completed);
    }
    const StyledLine &partialLine() const { return m_splitter.partialLine(); }
    bool hasPartialLine() const { return m_splitter.hasPartialLine(); }
    StyledLine takePartialLine() { return m_splitter.takePartialLine(); }
    void reset()
    {
        m_parser.reset();
        m_splitter.reset();
    }

private:
    AnsiParser m_parser;
    LineSplitter m_splitter;
    AnsiParser::Segments m_segments;
};

} // namespace workbench::models
