#include "models/ansiparser.h"

#include <QVarLengthArray>

namespace workbench::models {

namespace {

constexpr char16_t Esc = 0x1b;
constexpr char16_t Bel = 0x07;
constexpr char16_t Can = 0x18;
constexpr char16_t Sub = 0x1a;
// 8-bit (C1) forms, rare in UTF-8 output but cheap to honour.
constexpr char16_t C1Dcs = 0x90;
constexpr char16_t C1Sos = 0x98;
constexpr char16_t C1Csi = 0x9b;
constexpr char16_t C1St = 0x9c;
constexpr char16_t C1Osc = 0x9d;
constexpr char16_t C1Pm = 0x9e;
constexpr char16_t C1Apc = 0x9f;

// Long enough for any real SGR or hyperlink; longer sequences are consumed but not interpreted.
constexpr qsizetype MaxCsiLength = 256;
constexpr qsizetype MaxOscLength = 8192;

inline bool isPrintable(char16_t c)
{
    return c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f);
}

// Control characters that carry line structure; everything else below 0x20 is dropped.
inline bool isLayoutControl(char16_t c)
{
    return c == u'\n' || c == u'\r' || c == u'\b' || c == u'\t';
}

using SubParameters = QVarLengthArray<int, 6>; // -1 stands for an empty parameter

// "1;38:2::255:0:0;4" -> [[1], [38, 2, -1, 255, 0, 0], [4]]
QVarLengthArray<SubParameters, 16> splitParameters(QStringView parameters)
{
    QVarLengthArray<SubParameters, 16> groups;
    groups.append(SubParameters{});
    int value = -1;
    for (const QChar ch : parameters) {
        const char16_t c = ch.unicode();
        if (c >= u'0' && c <= u'9') {
            value = (value < 0 ? 0 : value) * 10 + (c - u'0');
            if (value > 100000) // absurd values stay absurd without overflowing
                value = 100000;
        } else if (c == u':') {
            groups.last().append(value);
            value = -1;
        } else if (c == u';') {
            groups.last().append(value);
            value = -1;
            groups.append(SubParameters{});
        }
    }
    groups.last().append(value);
    return groups;
}

inline bool isByte(int value) { return value >= 0 && value <= 255; }

} // namespace

void AnsiParser::reset()
{
    m_state = State::Ground;
    m_sequence.clear();
    m_sequenceOverflow = false;
    m_style = {};
    m_hyperlink.clear();
}

void AnsiParser::append(QStringView text, Segments &out)
{
    if (text.isEmpty())
        return;
    if (!out.isEmpty()) {
        Segment &last = out.last();
        if (last.style == m_style && last.hyperlink == m_hyperlink) {
            last.text.append(text);
            return;
        }
    }
    out.append(Segment{text.toString(), m_style, m_hyperlink});
}

void AnsiParser::collect(QChar ch, qsizetype limit)
{
    if (m_sequence.size() < limit)
        m_sequence.append(ch);
    else
        m_sequenceOverflow = true;
}

void AnsiParser::parse(QStringView chunk, Segments &out)
{
    const qsizetype size = chunk.size();
    const QChar *data = chunk.data();
    qsizetype i = 0;
    while (i < size) {
        if (m_state == State::Ground) {
            // Fast path: the longest run of printable text.
            qsizetype end = i;
            while (end < size && isPrintable(data[end].unicode()))
                ++end;
            append(chunk.sliced(i, end - i), out);
            if (end == size)
                return;
            i = end;
            const char16_t c = data[i].unicode();
            ++i;
            if (isLayoutControl(c)) {
                append(QStringView(data + i - 1, 1), out);
            } else if (c == Esc) {
                m_state = State::Escape;
            } else if (c == C1Csi) {
                m_state = State::Csi;
                m_sequence.clear();
                m_sequenceOverflow = false;
            } else if (c == C1Osc) {
                m_state = State::Osc;
                m_sequence.clear();
                m_sequenceOverflow = false;
            } else if (c == C1Dcs || c == C1Sos || c == C1Pm || c == C1Apc) {
                m_state = State::ControlString;
            }
            // Any other C0/C1 control (BEL, NUL, DEL, ...) is dropped.
            continue;
        }

        const QChar ch = data[i++];
        const char16_t c = ch.unicode();
        switch (m_state) {
        case State::Ground:
            break; // handled above
        case State::Escape:
            handleEscapeByte(ch);
            break;
        case State::EscapeIntermediate:
            if (c >= 0x20 && c <= 0x2f)
                break;
            if (c == Esc)
                m_state = State::Escape;
            else
                m_state = State::Ground; // final byte (or garbage): the sequence is over
            break;
        case State::Csi:
            if (c >= 0x40 && c <= 0x7e) {
                dispatchCsi(ch);
                m_state = State::Ground;
            } else if (c >= 0x20 && c <= 0x3f) {
                collect(ch, MaxCsiLength);
            } else if (c == Esc) {
                m_state = State::Escape; // an aborted sequence, a new one starts
            } else if (c == Can || c == Sub) {
                m_state = State::Ground;
            } else if (isLayoutControl(c)) {
                append(QStringView(data + i - 1, 1), out); // terminals execute C0 inside CSI
            } else if (c >= 0x20) {
                m_state = State::Ground; // malformed: drop it, never show it
            }
            break;
        case State::Osc:
            if (c == Bel || c == C1St) {
                dispatchOsc();
                m_state = State::Ground;
            } else if (c == Esc) {
                m_state = State::OscEscape;
            } else if (c == Can || c == Sub) {
                m_state = State::Ground;
            } else if (c >= 0x20) {
                collect(ch, MaxOscLength);
            }
            break;
        case State::OscEscape:
            if (c == u'\\') {
                dispatchOsc();
                m_state = State::Ground;
            } else {
                // Not a string terminator: the OSC is abandoned and this ESC starts a new sequence.
                m_state = State::Escape;
                handleEscapeByte(ch);
            }
            break;
        case State::ControlString:
            if (c == Esc)
                m_state = State::ControlStringEscape;
            else if (c == C1St || c == Bel || c == Can || c == Sub)
                m_state = State::Ground;
            break;
        case State::ControlStringEscape:
            if (c == u'\\') {
                m_state = State::Ground;
            } else {
                m_state = State::Escape;
                handleEscapeByte(ch);
            }
            break;
        }
    }
}

void AnsiParser::handleEscapeByte(QChar ch)
{
    const char16_t c = ch.unicode();
    m_sequence.clear();
    m_sequenceOverflow = false;
    if (c == u'[') {
        m_state = State::Csi;
    } else if (c == u']') {
        m_state = State::Osc;
    } else if (c == u'P' || c == u'X' || c == u'^' || c == u'_') {
        m_state = State::ControlString;
    } else if (c >= 0x20 && c <= 0x2f) {
        m_state = State::EscapeIntermediate;
    } else if (c == Esc) {
        m_state = State::Escape;
    } else {
        if (c == u'c') // RIS, full reset
            m_style = {};
        // ESC 7, ESC 8, ESC =, ESC M ... and garbage: consumed, nothing to show.
        m_state = State::Ground;
    }
}

void AnsiParser::dispatchCsi(QChar finalByte)
{
    if (finalByte != u'm' || m_sequenceOverflow)
        return; // cursor movement, erase, modes...: not shown
    // Private (ESC[?...m, ESC[>...m) and intermediate forms are not SGR.
    for (const QChar ch : std::as_const(m_sequence)) {
        const char16_t c = ch.unicode();
        if (!((c >= u'0' && c <= u'9') || c == u';' || c == u':'))
            return;
    }
    applySgr(m_sequence);
}

void AnsiParser::dispatchOsc()
{
    if (m_sequenceOverflow)
        return;
    // OSC 8 ; params ; URI  -- an empty URI closes the link. Other OSCs (titles, colours,
    // clipboard) are consumed silently.
    const QStringView payload(m_sequence);
    if (!payload.startsWith(u"8;"))
        return;
    const qsizetype uriStart = payload.indexOf(u';', 2);
    if (uriStart < 0)
        return;
    m_hyperlink = payload.sliced(uriStart + 1).toString();
}

void AnsiParser::applySgr(QStringView parameters)
{
    const auto groups = splitParameters(parameters);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const SubParameters &group = groups[i];
        const int code = group[0] < 0 ? 0 : group[0];

        // Extended colours: 38/48/58 with either ';' (following parameters) or ':' (sub-parameters).
        auto readExtendedColor = [&](bool *ok) -> TerminalColor {
            *ok = false;
            if (group.size() > 1) {
                const int mode = group[1];
                if (mode == 5 && group.size() > 2 && isByte(group[2])) {
                    *ok = true;
                    return TerminalColor::indexed(group[2]);
                }
                if (mode == 2 && group.size() >= 5) {
                    // 38:2:r:g:b or 38:2:colourspace:r:g:b
                    const qsizetype first = group.size() >= 6 ? 3 : 2;
                    const int r = group[first], g = group[first + 1], b = group[first + 2];
                    if (isByte(r) && isByte(g) && isByte(b)) {
                        *ok = true;
                        return TerminalColor::rgb(r, g, b);
                    }
                }
                return {};
            }
            if (i + 1 >= groups.size())
                return {};
            const int mode = groups[i + 1][0];
            if (mode == 5) {
                if (i + 2 >= groups.size())
                    return {};
                const int index = groups[i + 2][0];
                i += 2;
                if (isByte(index)) {
                    *ok = true;
                    return TerminalColor::indexed(index);
                }
                return {};
            }
            if (mode == 2) {
                if (i + 4 >= groups.size()) {
                    i = groups.size();
                    return {};
                }
                const int r = groups[i + 2][0], g = groups[i + 3][0], b = groups[i + 4][0];
                i += 4;
                if (isByte(r) && isByte(g) && isByte(b)) {
                    *ok = true;
                    return TerminalColor::rgb(r, g, b);
                }
                return {};
            }
            ++i; // unknown mode: skip it
            return {};
        };

        switch (code) {
        case 0:
            m_style = {};
            break;
        case 1:
            m_style.set(TextStyle::Bold, true);
            break;
        case 2:
            m_style.set(TextStyle::Dim, true);
            break;
        case 3:
            m_style.set(TextStyle::Italic, true);
            break;
        case 4:
            // 4:0 switches underline off, 4:1..4:5 are underline styles.
            m_style.set(TextStyle::Underline, !(group.size() > 1 && group[1] == 0));
            break;
        case 7:
            m_style.set(TextStyle::Inverse, true);
            break;
        case 9:
            m_style.set(TextStyle::Strikeout, true);
            break;
        case 21:
            m_style.set(TextStyle::Underline, true); // double underline
            break;
        case 22:
            m_style.set(TextStyle::Bold, false);
            m_style.set(TextStyle::Dim, false);
            break;
        case 23:
            m_style.set(TextStyle::Italic, false);
            break;
        case 24:
            m_style.set(TextStyle::Underline, false);
            break;
        case 27:
            m_style.set(TextStyle::Inverse, false);
            break;
        case 29:
            m_style.set(TextStyle::Strikeout, false);
            break;
        case 38: {
            bool ok = false;
            const TerminalColor color = readExtendedColor(&ok);
            if (ok)
                m_style.foreground = color;
            break;
        }
        case 39:
            m_style.foreground = {};
            break;
        case 48: {
            bool ok = false;
            const TerminalColor color = readExtendedColor(&ok);
            if (ok)
                m_style.background = color;
            break;
        }
        case 49:
            m_style.background = {};
            break;
        case 58: {
            bool ok = false;
            readExtendedColor(&ok); // underline colour: consumed, not rendered
            break;
        }
        default:
            if (code >= 30 && code <= 37)
                m_style.foreground = TerminalColor::indexed(code - 30);
            else if (code >= 40 && code <= 47)
                m_style.background = TerminalColor::indexed(code - 40);
            else if (code >= 90 && code <= 97)
                m_style.foreground = TerminalColor::indexed(code - 90 + 8);
            else if (code >= 100 && code <= 107)
                m_style.background = TerminalColor::indexed(code - 100 + 8);
            // blink, conceal, fonts, frames...: ignored
            break;
        }
    }
}

} // namespace workbench::models
