#pragma once
// Approval (modal, opens by itself when a run needs it): risk banner, the command, its working
// directory, every policy reason, a rationale for the audit trail, and Deny / Approve and run.
// The safe choice is the default: Deny is the default button, and Escape closes the dialog
// without approving anything (the run stays blocked, awaiting a decision).
#include "models/executiontypes.h"
#include "policy/policytypes.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace workbench::ui {

class ApprovalDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Decision { Undecided, Approved, Denied };

    // `reasons` come from re-checking the run's command; `rememberable` offers "remember for
    // this workspace" (never for inline code or shell wrappers; the service decides).
    ApprovalDialog(const models::ExecutionRun &run, const QList<policy::PolicyReason> &reasons, bool rememberable,
                   QWidget *parent = nullptr);

    Decision decision() const { return m_decision; }
    QString rationale() const;
    bool rememberForWorkspace() const;

    QPushButton *denyButton() const { return m_denyButton; }
    QPushButton *approveButton() const { return m_approveButton; }
    QPlainTextEdit *rationaleEdit() const { return m_rationale; }
    QCheckBox *rememberBox() const { return m_remember; }
    QLabel *bannerLabel() const { return m_banner; }
    QLabel *reasonsLabel() const { return m_reasons; }

private:
    Decision m_decision = Decision::Undecided;
    QLabel *m_banner;
    QLabel *m_reasons;
    QPlainTextEdit *m_rationale;
    QCheckBox *m_remember;
    QPushButton *m_denyButton;
    QPushButton *m_approveButton;
};

} // namespace workbench::ui
