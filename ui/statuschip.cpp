#include "ui/statuschip.h"

#include <QFontMetrics>
#include <QPainter>

namespace workbench::ui {

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

ChipColors ChipColors::forTone(ChipTone tone, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    QColor base;
    switch (tone) {
    case ChipTone::Neutral:
        base = palette.color(QPalette::WindowText);
        break;
    case ChipTone::Good:
        base = dark ? QColor(0x6c, 0xd6, 0x8a) : QColor(0x1b, 0x6e, 0x32);
        break;
    case ChipTone::Warning:
        base = dark ? QColor(0xf0, 0xc0, 0x5a) : QColor(0x8a, 0x56, 0x00);
        break;
    case ChipTone::Bad:
        base = dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x1e, 0x1e);
        break;
    case ChipTone::Info:
        base = dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa8);
        break;
    }
    // A faint wash of the tone over the window colour keeps the text readable on both themes.
    const QColor window = palette.color(QPalette::Window);
    const auto mix = [](const QColor &a, const QColor &b, qreal t) {
        return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                                a.blueF() * (1 - t) + b.blueF() * t);
    };
    return ChipColors{base, mix(window, base, dark ? 0.22 : 0.12), mix(window, base, 0.45)};
}

ChipTone toneForStatus(models::RunStatus status)
{
    switch (status) {
    case models::RunStatus::Succeeded:
        return ChipTone::Good;
    case models::RunStatus::Failed:
        return ChipTone::Bad;
    case models::RunStatus::Blocked:
        return ChipTone::Warning;
    case models::RunStatus::Running:
    case models::RunStatus::Queued:
        return ChipTone::Info;
    case models::RunStatus::Canceled:
        return ChipTone::Neutral;
    }
    return ChipTone::Neutral;
}

ChipTone toneForVerdict(const QString &verdict)
{
    if (verdict == QLatin1String("allow"))
        return ChipTone::Good;
    if (verdict == QLatin1String("requires_approval"))
        return ChipTone::Warning;
    return ChipTone::Bad;
}

ChipTone toneForRisk(const QString &risk)
{
    if (risk == QLatin1String("low"))
        return ChipTone::Good;
    if (risk == QLatin1String("medium"))
        return ChipTone::Warning;
    return ChipTone::Bad;
}

QString statusLabel(models::RunStatus status)
{
    switch (status) {
    case models::RunStatus::Queued:
        return StatusChip::tr("queued");
    case models::RunStatus::Running:
        return StatusChip::tr("running");
    case models::RunStatus::Succeeded:
        return StatusChip::tr("succeeded");
    case models::RunStatus::Failed:
        return StatusChip::tr("failed");
    case models::RunStatus::Canceled:
        return StatusChip::tr("canceled");
    case models::RunStatus::Blocked:
        return StatusChip::tr("blocked");
    }
    return {};
}

QString verdictLabel(const QString &verdict)
{
    if (verdict == QLatin1String("allow"))
        return StatusChip::tr("allowed");
    if (verdict == QLatin1String("requires_approval"))
        return StatusChip::tr("needs approval");
    if (verdict == QLatin1String("deny"))
        return StatusChip::tr("denied");
    return verdict;
}

QString riskLabel(const QString &risk)
{
    if (risk == QLatin1String("low"))
        return StatusChip::tr("low risk");
    if (risk == QLatin1String("medium"))
        return StatusChip::tr("medium risk");
    if (risk == QLatin1String("high"))
        return StatusChip::tr("high risk");
    return risk;
}

StatusChip::StatusChip(QWidget *parent)
    : QLabel(parent)
{
    QFont chipFont = font();
    chipFont.setBold(true);
    setFont(chipFont);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    hide();
}

void StatusChip::setChip(const QString &text, ChipTone tone)
{
    setText(text);
    setAccessibleName(text);
    m_tone = tone;
    setVisible(!text.isEmpty());
    updateGeometry();
    update();
}

QSize StatusChip::sizeHint() const
{
    const QFontMetrics metrics(font());
    return QSize(metrics.horizontalAdvance(text()) + 18, metrics.height() + 6);
}

void StatusChip::paintEvent(QPaintEvent *)
{
    const ChipColors colors = ChipColors::forTone(m_tone, palette());
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(colors.border);
    painter.setBrush(colors.background);
    painter.drawRoundedRect(box, box.height() / 2, box.height() / 2);
    painter.setPen(colors.text);
    painter.drawText(rect(), Qt::AlignCenter, text());
}

} // namespace workbench::ui
