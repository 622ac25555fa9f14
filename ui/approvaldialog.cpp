#include "ui/approvaldialog.h"

#include "ui/statuschip.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace workbench::ui {

ApprovalDialog::ApprovalDialog(const models::ExecutionRun &run, const QList<policy::PolicyReason> &reasons,
                               bool rememberable, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("approvalDialog"));
    setWindowTitle(tr("Execution Approval Required"));
    setModal(true);

    auto *layout = new QVBoxLayout(this);

    const ChipTone tone = toneForRisk(run.riskLevel);
    const ChipColors colors = ChipColors::forTone(tone, palette());
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("riskBanner"));
    m_banner->setWordWrap(true);
    m_banner->setText(tr("This command was classified as <b>%1</b> risk and is blocked pending approval.")
                          .arg(run.riskLevel.toHtmlEscaped()));
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, colors.background);
    bannerPalette.setColor(QPalette::WindowText, colors.text);
    m_banner->setPalette(bannerPalette);
    m_banner->setContentsMargins(10, 8, 10, 8);
    m_banner->setFrameShape(QFrame::StyledPanel);
    layout->addWidget(m_banner);

    auto *form = new QFormLayout;
    auto *command = new QLabel(run.sourceCommand.toHtmlEscaped(), this);
    command->setTextFormat(Qt::PlainText);
    command->setText(run.sourceCommand);
    command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    command->setWordWrap(true);
    command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    command->setAccessibleName(tr("Command"));
    form->addRow(tr("Command:"), command);
    auto *cwd = new QLabel(QDir::toNativeSeparators(run.cwd), this);
    cwd->setTextFormat(Qt::PlainText);
    cwd->setWordWrap(true);
    cwd->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cwd->setAccessibleName(tr("Working directory"));
    form->addRow(tr("Working directory:"), cwd);
    auto *profile = new QLabel(run.envProfile, this);
    profile->setTextFormat(Qt::PlainText); // read from the store
    form->addRow(tr("Env profile:"), profile);

    QStringList lines;
    for (const policy::PolicyReason &reason : reasons) {
        const QString part = reason.span.length > 0 ? run.sourceCommand.mid(reason.span.offset, reason.span.length) : QString();
        lines << (part.isEmpty() ? QStringLiteral("• <b>%1</b>: %2").arg(reason.code.toHtmlEscaped(), reason.message.toHtmlEscaped())
                                 : QStringLiteral("• <b>%1</b> <code>%2</code>: %3")
                                       .arg(reason.code.toHtmlEscaped(), part.toHtmlEscaped(), reason.message.toHtmlEscaped()));
    }
    if (lines.isEmpty())
        lines << tr("The policy gave no further reasons.");
    m_reasons = new QLabel(lines.join(QStringLiteral("<br>")), this);
    m_reasons->setObjectName(QStringLiteral("reasons"));
    m_reasons->setTextFormat(Qt::RichText);
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Why:"), m_reasons);
    layout->addLayout(form);

    auto *rationaleLabel = new QLabel(tr("&Reason (recorded in the audit trail):"), this);
    m_rationale = new QPlainTextEdit(this);
    m_rationale->setObjectName(QStringLiteral("rationale"));
    m_rationale->setPlaceholderText(tr("Add rationale for audit trail"));
    m_rationale->setAccessibleName(tr("Reason for the decision"));
    m_rationale->setTabChangesFocus(true);
    m_rationale->setMaximumHeight(m_rationale->fontMetrics().lineSpacing() * 5);
    rationaleLabel->setBuddy(m_rationale);
    layout->addWidget(rationaleLabel);
    layout->addWidget(m_rationale);

    m_remember = new QCheckBox(tr("Re&member this approval for this exact command in this workspace"), this);
    m_remember->setObjectName(QStringLiteral("remember"));
    m_remember->setVisible(rememberable);
    m_remember->setEnabled(rememberable);
    layout->addWidget(m_remember);

    auto *buttons = new QDialogButtonBox(this);
    m_approveButton = buttons->addButton(tr("&Approve and Run"), QDialogButtonBox::AcceptRole);
    m_approveButton->setObjectName(QStringLiteral("approveButton"));
    m_approveButton->setAutoDefault(false);
    m_denyButton = buttons->addButton(tr("&Deny"), QDialogButtonBox::RejectRole);
    m_denyButton->setObjectName(QStringLiteral("denyButton"));
    // The safe choice is what Enter does.
    m_denyButton->setDefault(true);
    m_denyButton->setAutoDefault(true);
    layout->addWidget(buttons);

    connect(m_approveButton, &QPushButton::clicked, this, [this] {
        m_decision = Decision::Approved;
        accept();
    });
    connect(m_denyButton, &QPushButton::clicked, this, [this] {
        m_decision = Decision::Denied;
        reject();
    });

    resize(640, sizeHint().height());
    m_denyButton->setFocus();
}

QString ApprovalDialog::rationale() const
{
    return m_rationale->toPlainText().trimmed();
}

bool ApprovalDialog::rememberForWorkspace() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

} // namespace workbench::ui
