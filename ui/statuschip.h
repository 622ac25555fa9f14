#pragma once
// Small coloured labels ("chips") for run status, policy verdict and risk. Colours are derived
// from the widget palette (Qt 6.4 has no colorScheme(): the Window colour's lightness decides),
// so they read on light and dark themes alike.
#include "models/executiontypes.h"

#include <QColor>
#include <QLabel>
#include <QPalette>

namespace workbench::ui {

enum class ChipTone { Neutral, Good, Warning, Bad, Info };

// Text and background for a tone on this palette (text contrast >= ~4.5:1 against background).
struct ChipColors
{
    QColor text;
    QColor background;
    QColor border;
    static ChipColors forTone(ChipTone tone, const QPalette &palette);
};

bool isDarkPalette(const QPalette &palette);

ChipTone toneForStatus(models::RunStatus status);
ChipTone toneForVerdict(const QString &verdict); // "allow" | "requires_approval" | "deny"
ChipTone toneForRisk(const QString &risk);       // "low" | "medium" | "high"

// Translated, human labels.
QString statusLabel(models::RunStatus status);
QString verdictLabel(const QString &verdict);
QString riskLabel(const QString &risk);

// Painted by hand (rounded, tinted) rather than with a style sheet, so it follows palette
// changes without re-polishing.
class StatusChip : public QLabel
{
    Q_OBJECT
public:
    explicit StatusChip(QWidget *parent = nullptr);
    void setChip(const QString &text, ChipTone tone);
    ChipTone tone() const { return m_tone; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ChipTone m_tone = ChipTone::Neutral;
};

} // namespace workbench::ui
