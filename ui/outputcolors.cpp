#include "ui/outputcolors.h"

#include <cmath>

namespace workbench::ui {

namespace {

// Tuned for contrast on each background (Breeze-like on dark, darker hues on light so yellow
// and cyan stay readable on white). Black and white keep their meaning for explicit
// backgrounds; readableOn() lifts them off a default background that matches them.
constexpr std::array<QRgb, 16> DarkAnsi = {
    0x000000, 0xf0555a, 0x4ec94e, 0xe5b84a, 0x5aa7f0, 0xc678dd, 0x3fc1c9, 0xd0d0d0,
    0x808080, 0xff7b7b, 0x7ce87c, 0xffd866, 0x82c4ff, 0xe0a3f0, 0x6fe0e6, 0xffffff,
};
constexpr std::array<QRgb, 16> LightAnsi = {
    0x000000, 0xc01c28, 0x1a7f1a, 0x8a6a00, 0x1c4fc0, 0x9b2fae, 0x007f8c, 0xd0d0d0,
    0x707070, 0xe01b24, 0x26a269, 0xa67c00, 0x3584e4, 0xc061cb, 0x0b8a99, 0xffffff,
};

double relativeLuminance(const QColor &color)
{
    auto channel = [](double value) {
        value /= 255.0;
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor mix(const QColor &a, const QColor &b, double amountOfB)
{
    // 8-bit channels, so colours compare equal however they were derived.
    return QColor(qRound(a.red() * (1 - amountOfB) + b.red() * amountOfB),
                  qRound(a.green() * (1 - amountOfB) + b.green() * amountOfB),
                  qRound(a.blue() * (1 - amountOfB) + b.blue() * amountOfB));
}

} // namespace

OutputColors OutputColors::fromPalette(const QPalette &palette)
{
    OutputColors colors;
    colors.background = QColor(palette.color(QPalette::Base).rgb());
    colors.text = QColor(palette.color(QPalette::Text).rgb());
    colors.dark = colors.background.lightness() < 128;
    const bool dark = colors.dark;

    const QColor red = dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x00, 0x20);
    colors.stderrText = readableOn(mix(colors.text, red, 0.8), colors.background);
    colors.stderrMarker = dark ? QColor(0xe0, 0x50, 0x50) : QColor(0xd0, 0x30, 0x30);
    colors.systemText = readableOn(dark ? QColor(0x8c, 0xb4, 0xe0) : QColor(0x2a, 0x5a, 0x8c), colors.background);
    colors.systemErrorText = readableOn(dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c), colors.background);
    colors.gutterText = mix(colors.text, colors.background, 0.45);
    colors.gutterBackground = mix(colors.background, colors.text, dark ? 0.06 : 0.035);
    colors.selectionBackground = QColor(palette.color(QPalette::Active, QPalette::Highlight).rgb());
    colors.selectionText = QColor(palette.color(QPalette::Active, QPalette::HighlightedText).rgb());
    colors.matchBackground = dark ? QColor(0x6b, 0x5b, 0x12) : QColor(0xff, 0xf1, 0x76);
    colors.currentMatchBackground = dark ? QColor(0xc0, 0x6a, 0x00) : QColor(0xff, 0xa7, 0x26);
    colors.link = readableOn(dark ? QColor(0x7c, 0xb8, 0xff) : palette.color(QPalette::Link), colors.background);
    colors.bannerText = colors.gutterText;
    const auto &table = dark ? DarkAnsi : LightAnsi;
    for (std::size_t i = 0; i < table.size(); ++i)
        colors.ansi[i] = QColor::fromRgb(table[i]);
    return colors;
}

QColor OutputColors::resolve(models::TerminalColor color, const QColor &fallback) const
{
    using Kind = models::TerminalColor::Kind;
    switch (color.kind()) {
    case Kind::Default:
        return fallback;
    case Kind::Rgb:
        return QColor::fromRgb(QRgb(color.rgbValue()));
    case Kind::Indexed: {
        const int index = color.index();
        if (index < 16)
            return ansi[std::size_t(index)];
        if (index < 232) {
            static constexpr int Levels[6] = {0, 95, 135, 175, 215, 255};
            const int cube = index - 16;
            return QColor(Levels[cube / 36], Levels[(cube / 6) % 6], Levels[cube % 6]);
        }
        const int grey = 8 + (index - 232) * 10;
        return QColor(grey, grey, grey);
    }
    }
    return fallback;
}

QColor OutputColors::readableOn(const QColor &foreground, const QColor &background)
{
    if (contrastRatio(foreground, background) >= 3.0)
        return foreground;
    const bool darkBackground = background.lightness() < 128;
    const QColor target = darkBackground ? QColor(Qt::white) : QColor(Qt::black);
    QColor adjusted = foreground;
    for (double amount = 0.2; amount <= 1.0 && contrastRatio(adjusted, background) < 3.0; amount += 0.2)
        adjusted = mix(foreground, target, amount);
    return adjusted;
}

} // namespace workbench::ui
