#include "models/linesplitter.h"

namespace workbench::models {

int terminalCharWidth(char32_t cp)
{
    if (cp < 0x300)
        return 1;
    const QChar::Category category = QChar::category(cp);
    if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing
        || category == QChar::Other_Format || cp == 0x200b)
        return 0;
    // East Asian Wide/Fullwidth blocks and the emoji planes (the common cases of wcwidth() == 2).
    if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e)
        || (cp >= 0x3041 && cp <= 0x33ff) || (cp >= 0x3400 && cp <= 0x4dbf)
        || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf)
        || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff)
        || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f)
        || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
        return 2;
    return 1;
}

int terminalColumnWidth(QStringView text)
{
    int columns = 0;
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = text[i].unicode();
        if (c < 0x300 && c != u'\t') {
            ++columns;
        } else if (c == u'\t') {
            columns = (columns / 8 + 1) * 8;
        } else if (QChar::isHighSurrogate(c) && i + 1 < size && QChar::isLowSurrogate(text[i + 1].unicode())) {
            columns += terminalCharWidth(QChar::surrogateToUcs4(c, text[i + 1].unicode()));
            ++i;
        } else {
            columns += terminalCharWidth(c);
        }
    }
    return columns;
}

LineSplitter::LineSplitter(int maxLineLength)
    : m_maxLineLength(qMax(16, maxLineLength))
{}

void LineSplitter::reset()
{
    clearLine();
    m_carriageReturnPending = false;
}

void LineSplitter::clearLine()
{
    m_line.text.clear();
    m_line.spans.clear();
    m_line.hyperlinks.clear();
}

StyledLine LineSplitter::takePartialLine()
{
    StyledLine line = std::move(m_line);
    m_line = {};
    m_carriageReturnPending = false;
    return line;
}

void LineSplitter::completeLine(QList<StyledLine> &completed)
{
    completed.append(std::move(m_line));
    m_line = {};
}

void LineSplitter::removeLastCharacter()
{
    qsizetype size = m_line.text.size();
    if (size == 0)
        return;
    qsizetype remove = 1;
    if (size >= 2 && m_line.text.at(size - 1).isLowSurrogate() && m_line.text.at(size - 2).isHighSurrogate())
        remove = 2;
    m_line.text.chop(remove);
    size -= remove;
    while (!m_line.spans.isEmpty()) {
        StyledSpan &last = m_line.spans.last();
        if (last.start >= size) {
            m_line.spans.removeLast();
            continue;
        }
        last.length = qMin<qint32>(last.length, qint32(size - last.start));
        break;
    }
    // Links whose last span went away stay in the list; harmless and keeps indexes stable.
}

void LineSplitter::appendText(QStringView text, const TextStyle &style, const QString &hyperlink)
{
    if (text.isEmpty())
        return;
    const qint32 start = qint32(m_line.text.size());
    m_line.text.append(text);
    if (style.isDefault() && hyperlink.isEmpty())
        return;
    qint32 linkIndex = -1;
    if (!hyperlink.isEmpty()) {
        linkIndex = qint32(m_line.hyperlinks.indexOf(hyperlink));
        if (linkIndex < 0) {
            linkIndex = qint32(m_line.hyperlinks.size());
            m_line.hyperlinks.append(hyperlink);
        }
    }
    if (!m_line.spans.isEmpty()) {
        StyledSpan &last = m_line.spans.last();
        if (last.start + last.length == start && last.style == style && last.hyperlink == linkIndex) {
            last.length += qint32(text.size());
            return;
        }
    }
    m_line.spans.append(StyledSpan{start, qint32(text.size()), style, linkIndex});
}

void LineSplitter::feed(const AnsiParser::Segments &segments, QList<StyledLine> &completed)
{
    for (const AnsiParser::Segment &segment : segments) {
        const QStringView text(segment.text);
        const qsizetype size = text.size();
        qsizetype i = 0;
        while (i < size) {
            const char16_t c = text[i].unicode();
            if (c == u'\n') {
                m_carriageReturnPending = false;
                completeLine(completed);
                ++i;
                continue;
            }
            if (c == u'\r') {
                m_carriageReturnPending = true;
                ++i;
                continue;
            }
            if (m_carriageReturnPending) {
                // "\r" followed by anything but "\n": the line is being redrawn from the start.
                m_carriageReturnPending = false;
                clearLine();
            }
            if (c == u'\b') {
                removeLastCharacter();
                ++i;
                continue;
            }
            // A run of ordinary characters, cut where the line reaches its maximum length.
            qsizetype end = i;
            while (end < size) {
                const char16_t d = text[end].unicode();
                if (d == u'\n' || d == u'\r' || d == u'\b')
                    break;
                ++end;
            }
            while (i < end) {
                const qsizetype room = m_maxLineLength - m_line.text.size();
                // A line may exceed the maximum by one character to keep a surrogate pair whole,
                // whether or not the pair arrived in one chunk.
                const bool completesPair = !m_line.text.isEmpty() && m_line.text.back().isHighSurrogate()
                                           && text[i].isLowSurrogate();
                if (room <= 0 && !completesPair) {
                    completeLine(completed);
                    continue;
                }
                qsizetype take = room <= 0 ? 1 : qMin(room, end - i);
                if (i + take < end && text[i + take - 1].isHighSurrogate() && text[i + take].isLowSurrogate())
                    ++take;
                appendText(text.sliced(i, take), segment.style, segment.hyperlink);
                i += take;
            }
        }
    }
}

} // namespace workbench::models
