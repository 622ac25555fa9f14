// libFuzzer target: process output through the ANSI parser and the line splitter (OutputStreamDecoder).
// Besides crashes, hangs and sanitizer reports it checks the decoder's promises, abort()ing when one breaks:
//  * the result does not depend on where the output was cut into chunks (the input is decoded whole and
//    cut at two offsets chosen by the first bytes, UTF-16 surrogate pairs included);
//  * no line shows a control character other than tab (escape sequences never reach the view);
//  * every styled span and hyperlink index lies inside its line, and no line is longer than the
//    maximum plus the one character that keeps a surrogate pair whole.
#include "models/ansiparser.h"
#include "models/linesplitter.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A broken promise names itself, then aborts (libFuzzer keeps the input).
#define require(condition)                                                                          \
    do {                                                                                            \
        if (!(condition)) {                                                                         \
            std::fprintf(stderr, "broken promise at %s:%d: %s\n", __FILE__, __LINE__, #condition);   \
            std::abort();                                                                           \
        }                                                                                           \
    } while (false)

using namespace workbench::models;

namespace {

struct Decoded
{
    QList<StyledLine> lines;
    StyledLine partial;
    bool operator==(const Decoded &) const = default;
};

Decoded decode(const QList<QStringView> &chunks, int maxLineLength)
{
    OutputStreamDecoder decoder(maxLineLength);
    Decoded result;
    for (QStringView chunk : chunks)
        decoder.feed(chunk, result.lines);
    result.partial = decoder.partialLine();
    return result;
}

bool isShownCharacter(QChar ch)
{
    const char16_t code = ch.unicode();
    return code == u'\t' || (code >= 0x20 && code != 0x7f && !(code >= 0x80 && code <= 0x9f));
}

void checkLine(const StyledLine &line, int maxLineLength)
{
    if (line.text.size() > maxLineLength + 1)
        std::fprintf(stderr, "line of %lld characters, limit %d: %s\n", qlonglong(line.text.size()), maxLineLength,
                     qPrintable(line.text.left(200)));
    require(line.text.size() <= maxLineLength + 1);
    for (QChar ch : line.text)
        require(isShownCharacter(ch));
    for (const StyledSpan &span : line.spans) {
        require(span.start >= 0 && span.length >= 0);
        require(qsizetype(span.start) + span.length <= line.text.size());
        require(span.hyperlink >= -1 && span.hyperlink < line.hyperlinks.size());
    }
    require(terminalColumnWidth(line.text) >= 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return -1;
    if (size > 64 * 1024)
        return -1; // the property is per chunk boundary; longer inputs only slow the search down
    // Byte 0: line length limit (mostly the real one, sometimes short to exercise cutting);
    // bytes 1 and 2: where the two cuts go, as fractions of the text.
    // (LineSplitter's minimum is 16.)
    const int maxLineLength = data[0] & 0x80 ? 16 + (data[0] & 0x3f) : LineSplitter::DefaultMaxLineLength;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 3), qsizetype(size - 3));
    const qsizetype first = text.size() * data[1] / 255;
    const qsizetype second = first + (text.size() - first) * data[2] / 255;

    const Decoded whole = decode({QStringView(text)}, maxLineLength);
    const QStringView view(text);
    const Decoded split = decode({view.first(first), view.sliced(first, second - first), view.sliced(second)},
                                 maxLineLength);
    require(split == whole);

    for (const StyledLine &line : whole.lines)
        checkLine(line, maxLineLength);
    checkLine(whole.partial, maxLineLength);

    // The parser on its own: segments carry no escape character, whatever state it is left in.
    AnsiParser parser;
    AnsiParser::Segments segments;
    parser.parse(view.first(first), segments);
    parser.parse(view.sliced(first), segments);
    for (const AnsiParser::Segment &segment : segments)
        require(!segment.text.contains(QChar(0x1b)));
    return 0;
}
