// ANSI parser + line splitter: expected styles for each feature, and chunking invariance
// (every input cut at every offset, and at every pair of offsets, decodes like the whole).

#include "models/ansiparser.h"
#include "models/linesplitter.h"

#include <QRandomGenerator>
#include <QTest>

using namespace workbench::models;

namespace {

// Test inputs write ESC as "\\e" so they stay readable and avoid "\x1b" + hex-digit pitfalls.
QString notation(const char *text)
{
    QString result = QString::fromUtf8(text);
    result.replace(QStringLiteral("\\e"), QStringLiteral("\x1b"));
    return result;
}

struct Decoded
{
    QList<StyledLine> lines;
    StyledLine partial;
    bool operator==(const Decoded &) const = default;
};

Decoded decode(const QList<QStringView> &chunks, int maxLineLength = LineSplitter::DefaultMaxLineLength)
{
    OutputStreamDecoder decoder(maxLineLength);
    Decoded result;
    for (QStringView chunk : chunks)
        decoder.feed(chunk, result.lines);
    result.partial = decoder.partialLine();
    return result;
}

Decoded decodeWhole(const QString &text, int maxLineLength = LineSplitter::DefaultMaxLineLength)
{
    return decode({QStringView(text)}, maxLineLength);
}

QString describe(const Decoded &decoded)
{
    QStringList parts;
    for (const StyledLine &line : decoded.lines)
        parts << u'[' + line.text + u']' + QString::number(line.spans.size());
    parts << u"partial[" + decoded.partial.text + u']';
    return parts.join(u' ');
}

StyledSpan span(int start, int length, TextStyle style, int link = -1)
{
    return StyledSpan{start, length, style, link};
}

TextStyle fg(TerminalColor color, quint8 flags = 0)
{
    TextStyle style;
    style.foreground = color;
    style.flags = flags;
    return style;
}

TextStyle flagsOnly(quint8 flags)
{
    TextStyle style;
    style.flags = flags;
    return style;
}

const char *const ChunkingSamples[] = {
    "plain line\nsecond line\n",
    "\\e[31mred\\e[0m \\e[1;32mbold green\\e[22m normal\\e[m\n",
    "\\e[38;5;208morange\\e[39m \\e[48;2;10;20;30mtruecolor bg\\e[49m\n",
    "\\e[38:2::255:128:0mcolon form\\e[0m\n",
    "progress 10%\rprogress 50%\rprogress 100%\r\ndone\n",
    "typo\b\b\bext\n",
    "\\e]0;window title\ashown\\e]2;other\\e\\ too\n",
    "\\e]8;;https://example.com/x\\e\\link\\e]8;;\\e\\ after\n",
    "\\e[2K\\e[1G\\e[?25lcursor games\\e[?25h\\e[3A\n",
    "\\ePq#0;2;0;0;0\\e\\after dcs\\e(Bcharset\n",
    "no newline at end \\e[7minverse",
    "emoji \xf0\x9f\x98\x80 and \xe4\xb8\xad\xe6\x96\x87\n",
    "a\\e[1mb\\e[2mc\\e[3md\\e[4me\\e[9mf\\e[27;29mg\\e[0mh\r\n\r\n",
};

} // namespace

class TestAnsiParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void styles_data();
    void styles();
    void stripsControlSequences_data();
    void stripsControlSequences();
    void lineStructure_data();
    void lineStructure();
    void hyperlinkTargetIsKept();
    void longLinesAreCut();
    void everySingleSplitMatchesWhole_data();
    void everySingleSplitMatchesWhole();
    void everyPairOfSplitsMatchesWhole_data();
    void everyPairOfSplitsMatchesWhole();
    void randomInputNeverShowsControls();
    void columnWidth_data();
    void columnWidth();
};

void TestAnsiParser::styles_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<StyledSpan>>("spans");

    const TextStyle red = fg(TerminalColor::indexed(1));
    QTest::newRow("16-colour foreground and reset")
        << notation("\\e[31mred\\e[0m plain\n") << "red plain" << QList<StyledSpan>{span(0, 3, red)};
    QTest::newRow("empty SGR resets")
        << notation("\\e[31mred\\e[m plain\n") << "red plain" << QList<StyledSpan>{span(0, 3, red)};
    QTest::newRow("bright foreground")
        << notation("\\e[91mx\n") << "x" << QList<StyledSpan>{span(0, 1, fg(TerminalColor::indexed(9)))};
    TextStyle brightBackground;
    brightBackground.background = TerminalColor::indexed(12);
    QTest::newRow("bright background")
        << notation("\\e[104mx\n") << "x" << QList<StyledSpan>{span(0, 1, brightBackground)};
    QTest::newRow("256 colours")
        << notation("\\e[38;5;208mx\n") << "x" << QList<StyledSpan>{span(0, 1, fg(TerminalColor::indexed(208)))};
    QTest::newRow("256 colours, colon form")
        << notation("\\e[38:5:33mx\n") << "x" << QList<StyledSpan>{span(0, 1, fg(TerminalColor::indexed(33)))};
    QTest::newRow("truecolor")
        << notation("\\e[38;2;10;20;30mx\n") << "x" << QList<StyledSpan>{span(0, 1, fg(TerminalColor::rgb(10, 20, 30)))};
    QTest::newRow("truecolor, colon form with colour space")
        << notation("\\e[38:2::10:20:30mx\n") << "x" << QList<StyledSpan>{span(0, 1, fg(TerminalColor::rgb(10, 20, 30)))};
    TextStyle rgbBackground;
    rgbBackground.background = TerminalColor::rgb(1, 2, 3);
    QTest::newRow("truecolor background")
        << notation("\\e[48;2;1;2;3mx\\e[49my\n") << "xy" << QList<StyledSpan>{span(0, 1, rgbBackground)};
    QTest::newRow("default foreground keeps other attributes")
        << notation("\\e[1;31mx\\e[39my\n") << "xy"
        << QList<StyledSpan>{span(0, 1, fg(TerminalColor::indexed(1), TextStyle::Bold)),
                             span(1, 1, flagsOnly(TextStyle::Bold))};
    QTest::newRow("attributes on and off")
        << notation("\\e[1ma\\e[2mb\\e[22mc\\e[3md\\e[23m\\e[4me\\e[24m\\e[7mf\\e[27m\\e[9mg\\e[29mh\n")
        << "abcdefgh"
        << QList<StyledSpan>{span(0, 1, flagsOnly(TextStyle::Bold)),
                             span(1, 1, flagsOnly(TextStyle::Bold | TextStyle::Dim)),
                             span(3, 1, flagsOnly(TextStyle::Italic)),
                             span(4, 1, flagsOnly(TextStyle::Underline)),
                             span(5, 1, flagsOnly(TextStyle::Inverse)),
                             span(6, 1, flagsOnly(TextStyle::Strikeout))};
    QTest::newRow("underline off via 4:0")
        << notation("\\e[4ma\\e[4:0mb\n") << "ab" << QList<StyledSpan>{span(0, 1, flagsOnly(TextStyle::Underline))};
    QTest::newRow("style carries across lines")
        << notation("\\e[32mone\ntwo\\e[0m\n") << "one" << QList<StyledSpan>{span(0, 3, fg(TerminalColor::indexed(2)))};
    QTest::newRow("out-of-range colour ignored")
        << notation("\\e[38;5;300mx\\e[38;2;1;2mok\n") << "xok" << QList<StyledSpan>{};
    QTest::newRow("underline colour consumed")
        << notation("\\e[58;2;255;0;0;1mx\n") << "x" << QList<StyledSpan>{span(0, 1, flagsOnly(TextStyle::Bold))};
}

void TestAnsiParser::styles()
{
    QFETCH(QString, input);
    QFETCH(QString, text);
    QFETCH(QList<StyledSpan>, spans);
    const Decoded decoded = decodeWhole(input);
    QVERIFY2(!decoded.lines.isEmpty(), qPrintable(describe(decoded)));
    QCOMPARE(decoded.lines.first().text, text);
    QCOMPARE(decoded.lines.first().spans, spans);
}

void TestAnsiParser::stripsControlSequences_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("text");

    QTest::newRow("cursor movement and erase") << notation("a\\e[2K\\e[1Gb\\e[3;4Hc\\e[J\n") << "abc";
    QTest::newRow("private modes") << notation("\\e[?25lhidden cursor\\e[?25h\n") << "hidden cursor";
    QTest::newRow("private SGR-like is not SGR") << notation("\\e[>4;2mx\n") << "x";
    QTest::newRow("window title with BEL") << notation("\\e]0;title\ashown\n") << "shown";
    QTest::newRow("window title with ST") << notation("\\e]2;t\\e\\x\n") << "x";
    QTest::newRow("DCS string") << notation("\\ePq#0;2;0\\e\\ok\n") << "ok";
    QTest::newRow("APC string") << notation("\\e_Gf=100;AAAA\\e\\ok\n") << "ok";
    QTest::newRow("charset designation") << notation("\\e(Bok\\e)0\n") << "ok";
    QTest::newRow("keypad and save cursor") << notation("\\e=\\e7a\\e8\\e>b\n") << "ab";
    QTest::newRow("C0 noise dropped, tab kept") << QStringLiteral("a\x07" "b\x01" "c\td\x7f\n") << "abc\td";
    QTest::newRow("C1 CSI") << QString::fromUtf16(u"a\u009b31mb\n") << "ab";
    QTest::newRow("C1 OSC with C1 ST") << QString::fromUtf16(u"a\u009d0;t\u009cb\n") << "ab";
    QTest::newRow("malformed CSI dropped") << notation("a\\e[12;\xc3\xa9" "b\n") << "ab";
    QTest::newRow("CAN aborts a sequence") << notation("a\\e[12\x18" "b\n") << "ab";
    QTest::newRow("ESC restarts a sequence") << notation("a\\e[12\\e[31mb\n") << "ab";
    QTest::newRow("unterminated OSC swallowed until ESC") << notation("a\\e]0;title\\e[0mb\n") << "ab";
    QTest::newRow("overlong CSI consumed") << notation("a\\e[") + QString(1000, u'1') + notation("mb\n") << "ab";
    QTest::newRow("newline inside CSI still ends the line") << notation("a\\e[3\n1mb\n") << "a";
}

void TestAnsiParser::stripsControlSequences()
{
    QFETCH(QString, input);
    QFETCH(QString, text);
    const Decoded decoded = decodeWhole(input);
    QVERIFY2(!decoded.lines.isEmpty(), qPrintable(describe(decoded)));
    QCOMPARE(decoded.lines.first().text, text);
    for (const StyledLine &line : decoded.lines)
        QVERIFY2(!line.text.contains(QChar(0x1b)), qPrintable(line.text));
}

void TestAnsiParser::lineStructure_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QString>("partial");

    QTest::newRow("lines and partial") << QStringLiteral("a\nb\nc") << QStringList{"a", "b"} << "c";
    QTest::newRow("CRLF") << QStringLiteral("a\r\nb\r\n") << QStringList{"a", "b"} << "";
    QTest::newRow("carriage-return progress") << QStringLiteral("10%\r50%\r100%\n") << QStringList{"100%"} << "";
    QTest::newRow("progress still running") << QStringLiteral("10%\r50%") << QStringList{} << "50%";
    QTest::newRow("pending CR keeps text until more comes") << QStringLiteral("10%\r") << QStringList{} << "10%";
    QTest::newRow("backspace") << QStringLiteral("abc\b\bd\n") << QStringList{"ad"} << "";
    QTest::newRow("backspace at line start") << QStringLiteral("\b\bx\n") << QStringList{"x"} << "";
    QTest::newRow("backspace removes a surrogate pair") << QString::fromUtf16(u"a\U0001F600\bb\n") << QStringList{"ab"} << "";
    QTest::newRow("empty lines") << QStringLiteral("\n\n") << QStringList{"", ""} << "";
    QTest::newRow("spinner") << QStringLiteral("| \r/ \r- \r\\ \rdone\n") << QStringList{"done"} << "";
}

void TestAnsiParser::lineStructure()
{
    QFETCH(QString, input);
    QFETCH(QStringList, lines);
    QFETCH(QString, partial);
    const Decoded decoded = decodeWhole(input);
    QStringList texts;
    for (const StyledLine &line : decoded.lines)
        texts << line.text;
    QCOMPARE(texts, lines);
    QCOMPARE(decoded.partial.text, partial);
}

void TestAnsiParser::hyperlinkTargetIsKept()
{
    const Decoded decoded = decodeWhole(notation("see \\e]8;id=1;https://example.com/a\\e\\docs\\e]8;;\\e\\ now\n"));
    QCOMPARE(decoded.lines.size(), 1);
    const StyledLine &line = decoded.lines.first();
    QCOMPARE(line.text, QStringLiteral("see docs now"));
    QCOMPARE(line.hyperlinks, QStringList{QStringLiteral("https://example.com/a")});
    QCOMPARE(line.spans, QList<StyledSpan>{span(4, 4, TextStyle{}, 0)});
}

void TestAnsiParser::longLinesAreCut()
{
    const Decoded decoded = decodeWhole(QString(40, u'x'), 16);
    QCOMPARE(decoded.lines.size(), 2);
    QCOMPARE(decoded.lines[0].text.size(), 16);
    QCOMPARE(decoded.lines[1].text.size(), 16);
    QCOMPARE(decoded.partial.text.size(), 8);

    // A surrogate pair at the cut stays whole (the line is one longer) however it is chunked.
    const QString pairAtCut = QString(15, u'a') + QString::fromUtf16(u"\U0001F600") + QStringLiteral("b\n");
    const Decoded whole = decodeWhole(pairAtCut, 16);
    QCOMPARE(whole.lines.first().text.size(), 17);
    for (qsizetype cut = 1; cut < pairAtCut.size(); ++cut) {
        const QStringView view(pairAtCut);
        QCOMPARE(decode({view.first(cut), view.sliced(cut)}, 16), whole);
    }
}

void TestAnsiParser::everySingleSplitMatchesWhole_data()
{
    QTest::addColumn<QString>("input");
    for (const char *sample : ChunkingSamples)
        QTest::newRow(sample) << notation(sample);
}

void TestAnsiParser::everySingleSplitMatchesWhole()
{
    QFETCH(QString, input);
    const Decoded whole = decodeWhole(input);
    const QStringView view(input);
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        const Decoded split = decode({view.first(cut), view.sliced(cut)});
        QVERIFY2(split == whole, qPrintable(QStringLiteral("cut at %1: %2 vs %3")
                                                .arg(cut).arg(describe(split), describe(whole))));
    }
    // One character at a time: every boundary at once.
    QList<QStringView> characters;
    for (qsizetype i = 0; i < input.size(); ++i)
        characters.append(view.sliced(i, 1));
    QCOMPARE(decode(characters), whole);
}

void TestAnsiParser::everyPairOfSplitsMatchesWhole_data()
{
    everySingleSplitMatchesWhole_data();
}

void TestAnsiParser::everyPairOfSplitsMatchesWhole()
{
    QFETCH(QString, input);
    const Decoded whole = decodeWhole(input);
    const QStringView view(input);
    for (qsizetype first = 0; first <= input.size(); ++first) {
        for (qsizetype second = first; second <= input.size(); ++second) {
            const Decoded split = decode({view.first(first), view.sliced(first, second - first), view.sliced(second)});
            if (!(split == whole))
                QFAIL(qPrintable(QStringLiteral("cuts at %1 and %2: %3 vs %4")
                                     .arg(first).arg(second).arg(describe(split), describe(whole))));
        }
    }
}

void TestAnsiParser::randomInputNeverShowsControls()
{
    // Random mixes of escape fragments, controls and text: output never contains a control
    // character other than tab, and random chunking never changes the result.
    const QStringList pieces = {notation("\\e"), "[", "]", "31", ";", "m", "8;;", "\x07", "\\", "P", "\r",
                                "\n", "\b", "\t", "x", "yz", "\x18", QString(QChar(0x9b)), "2;", "?", "K"};
    QRandomGenerator random(20261124);
    for (int round = 0; round < 400; ++round) {
        QString input;
        const int count = random.bounded(1, 60);
        for (int i = 0; i < count; ++i)
            input += pieces[random.bounded(pieces.size())];
        const Decoded whole = decodeWhole(input);
        QList<StyledLine> all = whole.lines;
        all.append(whole.partial);
        for (const StyledLine &line : all) {
            for (const QChar ch : line.text)
                QVERIFY2(ch == u'\t' || (ch.unicode() >= 0x20 && ch.unicode() != 0x7f && !(ch.unicode() >= 0x80 && ch.unicode() <= 0x9f)),
                         qPrintable(QStringLiteral("round %1 shows U+%2").arg(round).arg(ch.unicode(), 4, 16)));
        }
        const QStringView view(input);
        QList<QStringView> chunks;
        qsizetype at = 0;
        while (at < input.size()) {
            const qsizetype length = qMin<qsizetype>(random.bounded(1, 8), input.size() - at);
            chunks.append(view.sliced(at, length));
            at += length;
        }
        QCOMPARE(decode(chunks), whole);
    }
}

void TestAnsiParser::columnWidth_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("columns");
    QTest::newRow("ascii") << QStringLiteral("hello") << 5;
    QTest::newRow("tab stops") << QStringLiteral("ab\tc") << 9;
    QTest::newRow("wide CJK") << QString::fromUtf16(u"\u4e2d\u6587") << 4;
    QTest::newRow("emoji") << QString::fromUtf16(u"\U0001F600x") << 3;
    QTest::newRow("combining mark") << QString::fromUtf16(u"e\u0301") << 1;
}

void TestAnsiParser::columnWidth()
{
    QFETCH(QString, text);
    QFETCH(int, columns);
    QCOMPARE(terminalColumnWidth(text), columns);
}

QTEST_APPLESS_MAIN(TestAnsiParser)
#include "tst_ansiparser.moc"
