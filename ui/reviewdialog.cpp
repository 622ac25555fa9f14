#include "ui/reviewdialog.h"

#include "ui/commandhighlighter.h"
#include "ui/statuschip.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTextEdit>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace workbench::ui {

namespace {

QColor underlineColor(const policy::PolicyResult &result, const QPalette &palette)
{
    const ChipTone tone = result.verdict == policy::Verdict::Deny ? ChipTone::Bad : ChipTone::Warning;
    return ChipColors::forTone(tone, palette).text;
}

} // namespace

ReviewDialog::ReviewDialog(PolicyCheck check, const ReviewChoice &initial, QWidget *parent)
    : QDialog(parent)
    , m_check(std::move(check))
    , m_initial(initial)
{
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(tr("Review and Launch Run"));
    setModal(true);

    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Check the command before it runs. The policy verdict updates as you edit."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_commandEdit = new QTextEdit(this);
    m_commandEdit->setObjectName(QStringLiteral("commandEdit"));
    m_commandEdit->setAcceptRichText(false);
    m_commandEdit->setTabChangesFocus(true);
    m_commandEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Highlighted with the policy's own lexer (or KSyntaxHighlighting when built with KF6).
    createCommandHighlighter(m_commandEdit->document(), palette());
    m_commandEdit->setPlainText(initial.command);
    m_commandEdit->setMinimumHeight(m_commandEdit->fontMetrics().lineSpacing() * 4);
    m_commandEdit->setAccessibleName(tr("Command"));
    m_commandEdit->viewport()->installEventFilter(this);
    form->addRow(tr("&Command:"), m_commandEdit);

    auto *cwdRow = new QHBoxLayout;
    m_cwdEdit = new QLineEdit(initial.cwd.isEmpty() ? QStringLiteral(".") : initial.cwd, this);
    m_cwdEdit->setObjectName(QStringLiteral("cwdEdit"));
    m_cwdEdit->setAccessibleName(tr("Working directory"));
    m_cwdEdit->setToolTip(tr("Relative to the workspace %1").arg(QDir::toNativeSeparators(initial.workspace)));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setAccessibleName(tr("Choose the working directory"));
    browse->setAutoDefault(false);
    cwdRow->addWidget(m_cwdEdit, 1);
    cwdRow->addWidget(browse);
    form->addRow(tr("&Working directory:"), cwdRow);
    auto *workspaceLabel = new QLabel(tr("Workspace: %1").arg(QDir::toNativeSeparators(initial.workspace)), this);
    workspaceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    workspaceLabel->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), workspaceLabel);

    m_envProfile = new QComboBox(this);
    m_envProfile->setObjectName(QStringLiteral("envProfile"));
    m_envProfile->setAccessibleName(tr("Environment profile"));
    m_envProfile->addItem(tr("default — the usual developer environment"), QStringLiteral("default"));
    m_envProfile->addItem(tr("minimal — PATH, HOME, locale only"), QStringLiteral("minimal"));
    m_envProfile->addItem(tr("project — default plus project variables"), QStringLiteral("project"));
    m_envProfile->addItem(tr("ci — as a CI job would see it"), QStringLiteral("ci"));
    m_envProfile->setCurrentIndex(std::max(0, m_envProfile->findData(initial.envProfile)));
    form->addRow(tr("&Env profile:"), m_envProfile);

    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setAccessibleName(tr("Timeout in minutes"));
    m_timeout->setRange(0, 24 * 60);
    m_timeout->setSuffix(tr(" min"));
    m_timeout->setSpecialValueText(tr("no timeout"));
    m_timeout->setValue(initial.timeoutMinutes);
    form->addRow(tr("&Timeout:"), m_timeout);
    layout->addLayout(form);

    // Policy evaluation box.
    auto *verdictRow = new QHBoxLayout;
    auto *verdictTitle = new QLabel(tr("<b>Policy:</b>"), this);
    m_verdictChip = new StatusChip(this);
    m_verdictChip->setObjectName(QStringLiteral("verdictChip"));
    m_riskChip = new StatusChip(this);
    m_riskChip->setObjectName(QStringLiteral("riskChip"));
    verdictRow->addWidget(verdictTitle);
    verdictRow->addWidget(m_verdictChip);
    verdictRow->addWidget(m_riskChip);
    m_reasonChipBox = new QWidget(this);
    m_reasonChips = new QHBoxLayout(m_reasonChipBox);
    m_reasonChips->setContentsMargins(0, 0, 0, 0);
    verdictRow->addWidget(m_reasonChipBox);
    verdictRow->addStretch(1);
    layout->addLayout(verdictRow);

    m_reasonList = new QLabel(this);
    m_reasonList->setObjectName(QStringLiteral("reasonList"));
    m_reasonList->setWordWrap(true);
    m_reasonList->setTextFormat(Qt::RichText);
    m_reasonList->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_reasonList);

    m_blockedLabel = new QLabel(this);
    m_blockedLabel->setObjectName(QStringLiteral("blockedLabel"));
    m_blockedLabel->setTextFormat(Qt::PlainText); // policy messages quote parts of the command
    m_blockedLabel->setWordWrap(true);
    layout->addWidget(m_blockedLabel);

    auto *footer = new QHBoxLayout;
    m_ruleLabel = new QLabel(tr("Rule: %1").arg(initial.ruleId.isEmpty() ? tr("manual") : initial.ruleId), this);
    m_ruleLabel->setForegroundRole(QPalette::PlaceholderText);
    footer->addWidget(m_ruleLabel);
    auto *buttons = new QDialogButtonBox(this);
    m_launchButton = buttons->addButton(tr("&Launch Run"), QDialogButtonBox::AcceptRole);
    m_launchButton->setObjectName(QStringLiteral("launchButton"));
    m_launchButton->setAccessibleName(tr("Launch run"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setAutoDefault(false);
    footer->addWidget(buttons, 1);
    layout->addLayout(footer);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);

    connect(m_debounce, &QTimer::timeout, this, &ReviewDialog::runCheck);
    connect(m_commandEdit, &QTextEdit::textChanged, this, [this] {
        // Spans from the previous check no longer match the text: drop the underline at once.
        if (m_commandEdit->toPlainText() != m_checkedCommand)
            m_commandEdit->setExtraSelections({});
        scheduleCheck();
    });
    connect(m_cwdEdit, &QLineEdit::textChanged, this, &ReviewDialog::scheduleCheck);
    connect(m_envProfile, &QComboBox::currentIndexChanged, this, &ReviewDialog::scheduleCheck);
    connect(browse, &QPushButton::clicked, this, &ReviewDialog::browseForDirectory);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (launchBlockedReason().isEmpty())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    resize(720, 460);
    runCheck(); // the first verdict is there when the dialog opens
    m_commandEdit->setFocus();
}

ReviewChoice ReviewDialog::choice() const
{
    ReviewChoice choice = m_initial;
    choice.command = m_commandEdit->toPlainText().trimmed();
    choice.cwd = m_cwdEdit->text().trimmed().isEmpty() ? QStringLiteral(".") : m_cwdEdit->text().trimmed();
    choice.envProfile = m_envProfile->currentData().toString();
    choice.timeoutMinutes = m_timeout->value();
    return choice;
}

QString ReviewDialog::launchBlockedReason() const
{
    if (m_commandEdit->toPlainText().trimmed().isEmpty())
        return tr("Enter a command to run.");
    if (m_debounce->isActive() || !m_result)
        return tr("Checking the command against the policy…");
    if (m_result->verdict == policy::Verdict::Deny) {
        const QString first = m_result->reasons.isEmpty() ? QString() : m_result->reasons.first().message;
        return first.isEmpty()
                   ? tr("Command is blocked by policy. Adjust the command, working directory or env profile.")
                   : tr("Command is blocked by policy: %1 Adjust the command, working directory or env profile.").arg(first);
    }
    return {};
}

QStringList ReviewDialog::reasonsAt(int position) const
{
    QStringList messages;
    if (!m_result || m_commandEdit->toPlainText() != m_checkedCommand)
        return messages;
    for (const policy::PolicyReason &reason : m_result->reasons) {
        if (reason.span.length > 0 && position >= reason.span.offset && position < reason.span.offset + reason.span.length)
            messages << reason.message;
    }
    return messages;
}

bool ReviewDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_commandEdit->viewport() && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int position = m_commandEdit->cursorForPosition(help->pos()).position();
        const QStringList messages = reasonsAt(position);
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(QLatin1Char('\n')), m_commandEdit->viewport());
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

void ReviewDialog::scheduleCheck()
{
    m_debounce->start();
    updateLaunchButton();
}

void ReviewDialog::runCheck()
{
    m_debounce->stop();
    const ReviewChoice current = choice();
    if (current.command.isEmpty()) {
        m_result.reset();
        m_checkedCommand.clear();
        showResult();
        return;
    }
    policy::PolicyRequest request;
    request.command = m_commandEdit->toPlainText();
    request.workspace = current.workspace;
    request.cwd = current.cwd;
    request.envProfile = current.envProfile;
    if (!m_agentLauncher.isEmpty())
        request.agentLauncher = m_agentLauncher;
    m_result = m_check(request);
    m_checkedCommand = request.command;
    showResult();
    Q_EMIT verdictChanged(*m_result);
}

void ReviewDialog::showResult()
{
    while (QLayoutItem *item = m_reasonChips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    QList<QTextEdit::ExtraSelection> underlines;
    if (!m_result) {
        m_verdictChip->setChip(QString(), ChipTone::Neutral);
        m_riskChip->setChip(QString(), ChipTone::Neutral);
        m_reasonList->clear();
        m_commandEdit->setExtraSelections(underlines);
        updateLaunchButton();
        return;
    }
    const policy::PolicyResult &result = *m_result;
    const QString verdict = policy::toString(result.verdict);
    const QString risk = policy::toString(result.riskLevel);
    m_verdictChip->setChip(verdictLabel(verdict), toneForVerdict(verdict));
    m_riskChip->setChip(riskLabel(risk), toneForRisk(risk));

    QStringList lines;
    const QColor color = underlineColor(result, palette());
    for (const QString &code : result.reasonCodes) {
        auto *chip = new StatusChip(m_reasonChipBox);
        chip->setChip(code, result.verdict == policy::Verdict::Deny ? ChipTone::Bad : ChipTone::Neutral);
        QStringList messages;
        for (const policy::PolicyReason &reason : result.reasons) {
            if (reason.code == code)
                messages << reason.message;
        }
        chip->setToolTip(messages.join(QLatin1Char('\n')));
        m_reasonChips->addWidget(chip);
    }
    for (const policy::PolicyReason &reason : result.reasons) {
        const QString part = reason.span.length > 0 ? m_checkedCommand.mid(reason.span.offset, reason.span.length) : QString();
        lines << (part.isEmpty() ? QStringLiteral("<b>%1</b>: %2").arg(reason.code.toHtmlEscaped(), reason.message.toHtmlEscaped())
                                 : QStringLiteral("<b>%1</b> <code>%2</code>: %3")
                                       .arg(reason.code.toHtmlEscaped(), part.toHtmlEscaped(), reason.message.toHtmlEscaped()));
        if (reason.span.length <= 0 || reason.span.offset + reason.span.length > m_checkedCommand.size())
            continue;
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_commandEdit->document());
        selection.cursor.setPosition(int(reason.span.offset));
        selection.cursor.setPosition(int(reason.span.offset + reason.span.length), QTextCursor::KeepAnchor);
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(color);
        selection.format.setToolTip(reason.message);
        underlines << selection;
    }
    if (result.requiresApproval)
        lines.prepend(tr("Approval required: you will be asked to approve this run before it starts."));
    m_reasonList->setText(lines.join(QStringLiteral("<br>")));
    m_commandEdit->setExtraSelections(underlines);
    updateLaunchButton();
}

void ReviewDialog::updateLaunchButton()
{
    const QString reason = launchBlockedReason();
    m_launchButton->setEnabled(reason.isEmpty());
    const bool denied = m_result && m_result->verdict == policy::Verdict::Deny && !m_debounce->isActive();
    m_blockedLabel->setText(denied || m_commandEdit->toPlainText().trimmed().isEmpty() ? reason : QString());
    QPalette blockedPalette = palette();
    blockedPalette.setColor(QPalette::WindowText, ChipColors::forTone(ChipTone::Bad, palette()).text);
    m_blockedLabel->setPalette(blockedPalette);
    m_launchButton->setToolTip(reason);
}

void ReviewDialog::browseForDirectory()
{
    const QString workspace = QDir(m_initial.workspace).absolutePath();
    const QString start = QDir(workspace).absoluteFilePath(choice().cwd);
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Working directory (inside the workspace)"), start);
    if (chosen.isEmpty())
        return;
    const QString canonicalWorkspace = QFileInfo(workspace).canonicalFilePath();
    const QString canonicalChosen = QFileInfo(chosen).canonicalFilePath();
    const QString relative = QDir(canonicalWorkspace).relativeFilePath(canonicalChosen);
    if (canonicalWorkspace.isEmpty() || relative.startsWith(QLatin1String("..")) || QDir::isAbsolutePath(relative)) {
        m_blockedLabel->setText(tr("%1 is outside the workspace %2; the run's working directory must be inside it.")
                                    .arg(QDir::toNativeSeparators(chosen), QDir::toNativeSeparators(workspace)));
        return;
    }
    m_cwdEdit->setText(relative.isEmpty() ? QStringLiteral(".") : relative);
}

} // namespace workbench::ui
