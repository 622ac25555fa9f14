#include "ui/recommendationcard.h"

#include "ui/statuschip.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace workbench::ui {

namespace {

QLabel *commandLabel(const QString &command, QWidget *parent)
{
    auto *label = new QLabel(command, parent);
    label->setTextFormat(Qt::PlainText);
    label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    label->setAccessibleName(RecommendationCard::tr("Command"));
    return label;
}

QLabel *tintedBanner(ChipTone tone, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setAutoFillBackground(true);
    label->setContentsMargins(8, 6, 8, 6);
    const ChipColors colors = ChipColors::forTone(tone, parent->palette());
    QPalette palette = label->palette();
    palette.setColor(QPalette::Window, colors.background);
    palette.setColor(QPalette::WindowText, colors.text);
    label->setPalette(palette);
    label->hide();
    return label;
}

QString gateDescription(const ccdash::ExecutionContext &context)
{
    QStringList parts;
    if (context.executionGate) {
        const ccdash::ExecutionGate &gate = *context.executionGate;
        parts << RecommendationCard::tr("<b>Gate:</b> %1").arg(gate.state.toHtmlEscaped());
        if (!gate.reason.isEmpty())
            parts.last() += QStringLiteral(" — ") + gate.reason.toHtmlEscaped();
    }
    if (context.dependencyState) {
        const ccdash::DependencyState &deps = *context.dependencyState;
        QString text = RecommendationCard::tr("<b>Dependencies:</b> %1 (%2 of %3 resolved)")
                           .arg(deps.state.toHtmlEscaped())
                           .arg(deps.resolvedDependencyCount)
                           .arg(deps.dependencyCount);
        if (!deps.blockingFeatureIds.isEmpty())
            text += RecommendationCard::tr("; blocked by %1").arg(deps.blockingFeatureIds.join(QStringLiteral(", ")).toHtmlEscaped());
        parts << text;
    }
    if (context.familyPosition && !context.familyPosition->display.isEmpty()) {
        QString text = RecommendationCard::tr("<b>Family:</b> %1 %2")
                           .arg(context.familyPosition->familyKey.toHtmlEscaped(), context.familyPosition->display.toHtmlEscaped());
        if (!context.familyPosition->nextItemLabel.isEmpty())
            text += RecommendationCard::tr(", next: %1").arg(context.familyPosition->nextItemLabel.toHtmlEscaped());
        parts << text;
    }
    return parts.join(QStringLiteral("<br>"));
}

bool gateBlocks(const ccdash::ExecutionContext &context)
{
    return context.executionGate && !context.executionGate->isReady
           && (context.executionGate->state.startsWith(QLatin1String("blocked"))
               || context.executionGate->waitingOnFamilyPredecessor
               || context.executionGate->state.startsWith(QLatin1String("waiting")));
}

} // namespace

RecommendationCard::RecommendationCard(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("recommendationCard"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_message = new QLabel(tr("Select a feature to load execution guidance."), this);
    m_message->setObjectName(QStringLiteral("recommendationMessage"));
    m_message->setTextFormat(Qt::PlainText); // may quote a server's error text
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_message);

    m_body = new QWidget(this);
    auto *body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);

    m_title = new QLabel(m_body);
    m_title->setObjectName(QStringLiteral("featureTitle"));
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    body->addWidget(m_title);

    m_warnings = tintedBanner(ChipTone::Warning, m_body);
    m_warnings->setObjectName(QStringLiteral("contextWarnings"));
    body->addWidget(m_warnings);

    m_gate = new QLabel(m_body);
    m_gate->setObjectName(QStringLiteral("gateState"));
    m_gate->setWordWrap(true);
    m_gate->setTextFormat(Qt::RichText);
    body->addWidget(m_gate);

    auto *headingRow = new QHBoxLayout;
    m_heading = new QLabel(m_body);
    m_heading->setObjectName(QStringLiteral("recommendationHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    m_heading->setFont(headingFont);
    m_ruleChip = new StatusChip(m_body);
    m_ruleChip->setObjectName(QStringLiteral("ruleChip"));
    m_confidenceChip = new StatusChip(m_body);
    m_confidenceChip->setObjectName(QStringLiteral("confidenceChip"));
    headingRow->addWidget(m_heading);
    headingRow->addStretch(1);
    headingRow->addWidget(m_ruleChip);
    headingRow->addWidget(m_confidenceChip);
    body->addLayout(headingRow);

    m_notice = tintedBanner(ChipTone::Warning, m_body);
    m_notice->setObjectName(QStringLiteral("gateNotice"));
    body->addWidget(m_notice);

    auto *commandFrame = new QFrame(m_body);
    commandFrame->setFrameShape(QFrame::StyledPanel);
    commandFrame->setBackgroundRole(QPalette::Base);
    commandFrame->setAutoFillBackground(true);
    auto *commandLayout = new QVBoxLayout(commandFrame);
    m_primaryCommand = commandLabel(QString(), commandFrame);
    m_primaryCommand->setObjectName(QStringLiteral("primaryCommand"));
    commandLayout->addWidget(m_primaryCommand);
    auto *buttons = new QHBoxLayout;
    m_runPrimary = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run in Workbench…"), commandFrame);
    m_runPrimary->setObjectName(QStringLiteral("runPrimary"));
    m_runPrimary->setToolTip(tr("Review the command, then run it (Ctrl+Return)"));
    m_copyPrimary = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Cop&y Command"), commandFrame);
    m_copyPrimary->setObjectName(QStringLiteral("copyPrimary"));
    m_openDoc = new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("Open Source &Doc"), commandFrame);
    m_openDoc->setObjectName(QStringLiteral("openSourceDoc"));
    buttons->addWidget(m_runPrimary);
    buttons->addWidget(m_copyPrimary);
    buttons->addWidget(m_openDoc);
    buttons->addStretch(1);
    commandLayout->addLayout(buttons);
    body->addWidget(commandFrame);

    m_explanation = new QLabel(m_body);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_explanation->setTextFormat(Qt::PlainText); // CCDash's text: shown, never rendered as markup
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    body->addWidget(m_explanation);

    m_alternativesTitle = new QLabel(tr("<b>Alternatives</b>"), m_body);
    body->addWidget(m_alternativesTitle);
    m_alternatives = new QVBoxLayout;
    body->addLayout(m_alternatives);

    auto *evidenceTitle = new QLabel(tr("<b>Evidence</b>"), m_body);
    body->addWidget(evidenceTitle);
    m_evidence = new QLabel(m_body);
    m_evidence->setObjectName(QStringLiteral("evidence"));
    m_evidence->setWordWrap(true);
    m_evidence->setTextFormat(Qt::RichText);
    m_evidence->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_evidence->setOpenExternalLinks(false);
    body->addWidget(m_evidence);
    body->addStretch(1);
    layout->addWidget(m_body);
    m_body->hide();

    connect(m_runPrimary, &QPushButton::clicked, this, [this] {
        if (m_context)
            Q_EMIT runRequested(m_context->recommendations.primary.command, m_context->recommendations.primary.ruleId);
    });
    connect(m_copyPrimary, &QPushButton::clicked, this, [this] {
        if (m_context)
            copyCommand(m_context->recommendations.primary.command, m_context->recommendations.primary.ruleId, m_copyPrimary);
    });
    connect(m_openDoc, &QPushButton::clicked, this, [this] {
        if (!m_context)
            return;
        for (const ccdash::Evidence &evidence : m_context->recommendations.evidence) {
            if (!evidence.sourcePath.isEmpty()) {
                openEvidence(QStringLiteral("doc:") + evidence.sourcePath);
                return;
            }
        }
    });
    connect(m_evidence, &QLabel::linkActivated, this, &RecommendationCard::openEvidence);
}

QString RecommendationCard::headingText() const
{
    return m_heading->text();
}

void RecommendationCard::showMessage(const QString &message)
{
    m_context.reset();
    m_message->setText(message);
    m_message->show();
    m_body->hide();
}

void RecommendationCard::setContext(const ccdash::ExecutionContext &context)
{
    m_context = context;
    m_message->hide();
    m_body->show();

    const ccdash::Feature &feature = context.feature;
    QString title = QStringLiteral("<span style='font-size:large'><b>%1</b></span> <code>%2</code>")
                        .arg(feature.name.toHtmlEscaped(), feature.id.toHtmlEscaped());
    QStringList facts;
    if (!feature.status.isEmpty())
        facts << feature.status.toHtmlEscaped();
    if (!feature.category.isEmpty())
        facts << feature.category.toHtmlEscaped();
    if (feature.totalTasks > 0)
        facts << tr("%1/%2 tasks").arg(feature.completedTasks).arg(feature.totalTasks);
    if (!facts.isEmpty())
        title += QStringLiteral("<br>") + facts.join(QStringLiteral(" · "));
    m_title->setText(title);

    QStringList warnings;
    for (const ccdash::ContextWarning &warning : context.warnings)
        warnings << QStringLiteral("<b>%1</b> %2").arg(warning.section.toHtmlEscaped(), warning.message.toHtmlEscaped());
    m_warnings->setText(warnings.join(QStringLiteral("<br>")));
    m_warnings->setVisible(!warnings.isEmpty());

    m_gate->setText(gateDescription(context));
    m_gate->setVisible(!m_gate->text().isEmpty());

    const bool blocked = gateBlocks(context);
    m_heading->setText(blocked ? tr("Suggested Command") : tr("Recommendation"));
    m_notice->setText(tr("The gate is %1: this command is not the first executable path.")
                          .arg(context.executionGate ? context.executionGate->state.toHtmlEscaped() : QString()));
    m_notice->setVisible(blocked);

    const ccdash::Recommendation &primary = context.recommendations.primary;
    m_ruleChip->setChip(primary.ruleId, ChipTone::Info);
    m_ruleChip->setToolTip(tr("CCDash rule that produced this recommendation"));
    m_confidenceChip->setChip(tr("confidence %1%").arg(qRound(primary.confidence * 100)),
                              primary.confidence >= 0.75 ? ChipTone::Good : primary.confidence >= 0.5 ? ChipTone::Neutral : ChipTone::Warning);
    m_primaryCommand->setText(primary.command.isEmpty() ? tr("(CCDash recommended no command)") : primary.command);
    m_runPrimary->setEnabled(!primary.command.isEmpty());
    m_copyPrimary->setEnabled(!primary.command.isEmpty());
    m_explanation->setText(primary.explanation);
    m_explanation->setVisible(!primary.explanation.isEmpty());

    clearAlternatives();
    for (const ccdash::Recommendation &alternative : context.recommendations.alternatives) {
        auto *row = new QHBoxLayout;
        auto *command = commandLabel(alternative.command, m_body);
        command->setToolTip(alternative.explanation);
        auto *rule = new StatusChip(m_body);
        rule->setChip(alternative.ruleId, ChipTone::Neutral);
        auto *run = new QPushButton(tr("Run…"), m_body);
        run->setAccessibleName(tr("Run %1").arg(alternative.command));
        auto *copy = new QPushButton(tr("Copy"), m_body);
        copy->setAccessibleName(tr("Copy %1").arg(alternative.command));
        row->addWidget(command, 1);
        row->addWidget(rule);
        row->addWidget(run);
        row->addWidget(copy);
        m_alternatives->addLayout(row);
        connect(run, &QPushButton::clicked, this, [this, alternative] { Q_EMIT runRequested(alternative.command, alternative.ruleId); });
        connect(copy, &QPushButton::clicked, this,
                [this, alternative, copy] { copyCommand(alternative.command, alternative.ruleId, copy); });
    }
    m_alternativesTitle->setVisible(!context.recommendations.alternatives.isEmpty());

    QStringList evidenceLines;
    bool hasDocument = false;
    for (const ccdash::Evidence &evidence : context.recommendations.evidence) {
        QString value = evidence.value.toHtmlEscaped();
        if (!evidence.sourcePath.isEmpty()) {
            hasDocument = true;
            value = QStringLiteral("<a href=\"doc:%1\">%2</a>")
                        .arg(QString::fromUtf8(QUrl::toPercentEncoding(evidence.sourcePath, "/")), evidence.sourcePath.toHtmlEscaped());
            if (evidence.value != evidence.sourcePath && !evidence.value.isEmpty())
                value = evidence.value.toHtmlEscaped() + QStringLiteral(" — ") + value;
        }
        evidenceLines << QStringLiteral("• <b>%1</b>: %2 <i>(%3)</i>")
                             .arg(evidence.label.toHtmlEscaped(), value, evidence.sourceType.toHtmlEscaped());
    }
    m_evidence->setText(evidenceLines.isEmpty() ? tr("No evidence given.") : evidenceLines.join(QStringLiteral("<br>")));
    m_openDoc->setEnabled(hasDocument);
}

void RecommendationCard::clearAlternatives()
{
    while (QLayoutItem *rowItem = m_alternatives->takeAt(0)) {
        if (QLayout *row = rowItem->layout()) {
            while (QLayoutItem *item = row->takeAt(0)) {
                delete item->widget();
                delete item;
            }
        }
        delete rowItem;
    }
}

void RecommendationCard::copyCommand(const QString &command, const QString &ruleId, QPushButton *button)
{
    QApplication::clipboard()->setText(command);
    Q_EMIT commandCopied(command, ruleId);
    // "Copied" for a moment, as the web UI does.
    const QString text = button->text();
    button->setText(tr("Copied"));
    QTimer::singleShot(1200, button, [button, text] { button->setText(text); });
}

QString RecommendationCard::resolveDocumentPath(const QString &path) const
{
    if (m_workspace.isEmpty() || path.isEmpty())
        return {};
    const QDir workspace(m_workspace);
    const QString absolute = QDir::cleanPath(workspace.absoluteFilePath(path));
    const QString root = QDir::cleanPath(workspace.absolutePath());
    if (absolute != root && !absolute.startsWith(root + QLatin1Char('/')))
        return {};
    // Symlinks may still lead out of the workspace.
    const QString canonical = QFileInfo(absolute).canonicalFilePath();
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    if (!canonical.isEmpty() && !canonicalRoot.isEmpty() && canonical != canonicalRoot
        && !canonical.startsWith(canonicalRoot + QLatin1Char('/')))
        return {};
    return absolute;
}

void RecommendationCard::openEvidence(const QString &link)
{
    if (!link.startsWith(QLatin1String("doc:")))
        return;
    const QString path = QUrl::fromPercentEncoding(link.mid(4).toUtf8());
    const QString resolved = resolveDocumentPath(path);
    if (resolved.isEmpty()) {
        Q_EMIT documentUnavailable(path, m_workspace.isEmpty() ? tr("no workspace is chosen")
                                                               : tr("it is outside the workspace %1").arg(m_workspace));
        return;
    }
    if (!QFileInfo::exists(resolved)) {
        Q_EMIT documentUnavailable(path, tr("%1 does not exist").arg(resolved));
        return;
    }
    Q_EMIT openDocumentRequested(resolved);
}

} // namespace workbench::ui
