#pragma once
// Streaming ANSI/VT escape-sequence parser for process output.
//
// Process output arrives in chunks cut at arbitrary offsets, so the parser is a state machine
// that keeps an unfinished escape sequence and the current graphic rendition (SGR) between
// calls. It yields styled text only: SGR sets the style, every other control sequence (cursor
// movement, erase, OSC window titles, DCS/APC strings...) is consumed and never shown. OSC 8
// hyperlink targets are kept on the text they cover. Line structure (\n, \r, \b) is passed
// through as text for the LineSplitter.

#include <QList>
#include <QString>
#include <QStringView>

namespace workbench::models {

// A terminal colour packed in 32 bits: default, one of the 256 indexed colours, or 24-bit RGB.
class TerminalColor
{
public:
    enum class Kind : quint8 { Default, Indexed, Rgb };

    constexpr TerminalColor() = default;
    static constexpr TerminalColor indexed(int index)
    {
        return TerminalColor((quint32(1) << 24) | quint32(index & 0xff));
    }
    static constexpr TerminalColor rgb(int red, int green, int blue)
    {
        return TerminalColor((quint32(2) << 24) | (quint32(red & 0xff) << 16)
                             | (quint32(green & 0xff) << 8) | quint32(blue & 0xff));
    }

    constexpr Kind kind() const { return Kind(m_value >> 24); }
    constexpr bool isDefault() const { return m_value == 0; }
    constexpr int index() const { return int(m_value & 0xff); }   // Indexed only
    constexpr quint32 rgbValue() const { return m_value & 0xffffff; } // Rgb only: 0xRRGGBB
    constexpr quint32 rawValue() const { return m_value; }

    friend constexpr bool operator==(TerminalColor, TerminalColor) = default;

private:
    constexpr explicit TerminalColor(quint32 value) : m_value(value) {}
    quint32 m_value = 0;
};

struct TextStyle
{
    enum Flag : quint8 {
        Bold = 0x01,
        Dim = 0x02,
        Italic = 0x04,
        Underline = 0x08,
        Inverse = 0x10,
        Strikeout = 0x20,
    };

    TerminalColor foreground;
    TerminalColor background;
    quint8 flags = 0;

    bool has(Flag flag) const { return flags & flag; }
    void set(Flag flag, bool on) { flags = on ? quint8(flags | flag) : quint8(flags & ~flag); }
    bool isDefault() const { return foreground.isDefault() && background.isDefault() && flags == 0; }

    friend bool operator==(const TextStyle &, const TextStyle &) = default;
};

class AnsiParser
{
public:
    // A run of text in one style. Text may contain '\n', '\r', '\b' and '\t'; nothing else below
    // U+0020 and no escape sequence ever reaches it.
    struct Segment
    {
        QString text;
        TextStyle style;
        QString hyperlink; // OSC 8 target, empty when the text is not a link

        friend bool operator==(const Segment &, const Segment &) = default;
    };
    using Segments = QList<Segment>;

    // Parses one chunk and appends what it yields to `out`, extending out's last segment when
    // the style and link have not changed (so output does not depend on how input was chunked,
    // as long as the same `out` is used).
    void parse(QStringView chunk, Segments &out);

    // Back to the initial state: default style, no partial sequence.
    void reset();

    const TextStyle &currentStyle() const { return m_style; }
    const QString &currentHyperlink() const { return m_hyperlink; }
    // True while a sequence is unfinished (its end has not arrived yet).
    bool inEscapeSequence() const { return m_state != State::Ground; }

private:
    enum class State : quint8 {
        Ground,
        Escape,             // after ESC
        EscapeIntermediate, // ESC followed by 0x20..0x2F (charset designation and similar)
        Csi,                // ESC [ ... final byte
        Osc,                // ESC ] ... BEL or ST
        OscEscape,          // ESC inside OSC: ST if followed by '\'
        ControlString,      // DCS, SOS, PM, APC: ignored up to ST
        ControlStringEscape,
    };

    void append(QStringView text, Segments &out);
    void handleEscapeByte(QChar ch);
    void dispatchCsi(QChar finalByte);
    void dispatchOsc();
    void applySgr(QStringView parameters);
    void collect(QChar ch, qsizetype limit);

    State m_state = State::Ground;
    QString m_sequence;       // parameters of the CSI or payload of the OSC being read
    bool m_sequenceOverflow = false;
    TextStyle m_style;
    QString m_hyperlink;
};

} // namespace workbench::models
