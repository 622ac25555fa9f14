#pragma once
// Colours of the output view, derived from the widget palette so light and dark themes both read
// well (Qt 6.4 has no QStyleHints::colorScheme(): the Base colour's lightness decides).

#include "models/ansiparser.h"

#include <QColor>
#include <QPalette>

#include <array>

namespace workbench::ui {

struct OutputColors
{
    bool dark = false;
    QColor background;
    QColor text;
    QColor stderrText;
    QColor stderrMarker;
    QColor systemText;
    QColor systemErrorText;
    QColor gutterText;
    QColor gutterBackground;
    QColor selectionBackground;
    QColor selectionText;
    QColor matchBackground;
    QColor currentMatchBackground;
    QColor link;
    QColor bannerText;
    std::array<QColor, 16> ansi;

    static OutputColors fromPalette(const QPalette &palette);

    // The colour an SGR colour stands for (indexed 0-15 from the theme table, 16-255 the xterm
    // cube and grey ramp, RGB as is). `fallback` for the default colour.
    QColor resolve(models::TerminalColor color, const QColor &fallback) const;

    // Foreground moved away from the background when the two are too close to read
    // (e.g. black text on a dark theme, bright yellow on white).
    static QColor readableOn(const QColor &foreground, const QColor &background);
};

} // namespace workbench::ui
