#include "ui/workspacepolicydialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace workbench::ui {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    // The path, hash and rule texts come from a file in a repository: never rich text.
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

WorkspacePolicyDialog::WorkspacePolicyDialog(const execution::WorkspacePolicyFile &file, QWidget *parent)
    : QDialog(parent)
    , m_sha256(file.sha256)
{
    setObjectName(QStringLiteral("workspacePolicyDialog"));
    setWindowTitle(tr("Trust Workspace Policy"));
    setModal(true);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("This workspace carries its own policy file. A repository can come from anyone, so "
                                "the file may only make the policy stricter, unless you trust this exact file. "
                                "Trust is bound to its SHA-256: any edit to the file withdraws it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_pathLabel = plainLabel(QDir::toNativeSeparators(file.path), this);
    m_pathLabel->setAccessibleName(tr("Policy file"));
    form->addRow(tr("File:"), m_pathLabel);
    m_hashLabel = plainLabel(file.sha256.isEmpty() ? tr("(unreadable)") : file.sha256, this);
    m_hashLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_hashLabel->setAccessibleName(tr("SHA-256"));
    form->addRow(tr("SHA-256:"), m_hashLabel);

    if (!file.exists)
        m_blockedReason = tr("The workspace has no policy file.");
    else if (!file.readError.isEmpty())
        m_blockedReason = tr("The file cannot be read: %1").arg(file.readError);
    else if (file.refused)
        m_blockedReason = tr("The file is refused, the built-in rules apply: %1").arg(file.problems.join(QStringLiteral("; ")));
    else if (file.trusted)
        m_blockedReason = tr("This file is already trusted: its rules may also loosen the policy.");
    const QString status = !m_blockedReason.isEmpty()
                               ? m_blockedReason
                               : tr("Not trusted: its rules may only make the policy stricter.");
    m_statusLabel = plainLabel(status, this);
    m_statusLabel->setObjectName(QStringLiteral("trustStatus"));
    form->addRow(tr("Status:"), m_statusLabel);

    QString changes;
    if (file.ignoredUntrusted.isEmpty()) {
        changes = tr("Nothing: every rule in this file already applies, because it only makes the policy stricter.");
    } else {
        QStringList lines;
        for (const QString &ignored : file.ignoredUntrusted)
            lines << QStringLiteral("• ") + ignored;
        changes = (file.trusted ? tr("These rules loosen the policy (they apply because the file is trusted):")
                                : tr("Trusting would also apply these rules, which loosen the policy:"))
                  + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
    }
    m_changesLabel = plainLabel(changes, this);
    m_changesLabel->setObjectName(QStringLiteral("trustChanges"));
    form->addRow(tr("What trust changes:"), m_changesLabel);
    layout->addLayout(form);

    m_contentView = new QPlainTextEdit(this);
    m_contentView->setObjectName(QStringLiteral("policyContent"));
    m_contentView->setReadOnly(true);
    m_contentView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_contentView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_contentView->setPlainText(file.content);
    m_contentView->setAccessibleName(tr("Contents of the policy file"));
    layout->addWidget(m_contentView, 1);
    if (file.contentTruncated)
        layout->addWidget(new QLabel(tr("Only the first %1 KiB of the file are shown.")
                                         .arg(execution::WorkspacePolicyTrust::maxShownBytes / 1024),
                                     this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_trustButton = buttons->addButton(tr("&Trust This File"), QDialogButtonBox::AcceptRole);
    m_trustButton->setObjectName(QStringLiteral("trustButton"));
    m_trustButton->setAutoDefault(false);
    m_trustButton->setEnabled(m_blockedReason.isEmpty());
    m_trustButton->setToolTip(m_blockedReason);
    // Close is the default: Return never trusts a file by accident.
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 520);
}

} // namespace workbench::ui
