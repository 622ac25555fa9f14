#pragma once
// "Trust Workspace Policy…" (modal): a workspace's own policy file, its sha256, whether it is trusted,
// what trusting it would change (the loosening rules ignored while it may only tighten) and its text,
// read-only. Accepting means "trust these exact bytes"; the window then asks the app service to record
// the hash (ui/ reads and hashes no files itself).
#include "app/execution/workspacepolicytrust.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace workbench::ui {

class WorkspacePolicyDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WorkspacePolicyDialog(const execution::WorkspacePolicyFile &file, QWidget *parent = nullptr);

    // The hash the user saw: what accepting trusts.
    QString shownSha256() const { return m_sha256; }
    // Why the file cannot be trusted from here ("" when it can).
    QString trustBlockedReason() const { return m_blockedReason; }

    QLabel *pathLabel() const { return m_pathLabel; }
    QLabel *hashLabel() const { return m_hashLabel; }
    QLabel *statusLabel() const { return m_statusLabel; }
    QLabel *changesLabel() const { return m_changesLabel; }
    QPlainTextEdit *contentView() const { return m_contentView; }
    QPushButton *trustButton() const { return m_trustButton; }

private:
    QString m_sha256;
    QString m_blockedReason;
    QLabel *m_pathLabel;
    QLabel *m_hashLabel;
    QLabel *m_statusLabel;
    QLabel *m_changesLabel;
    QPlainTextEdit *m_contentView;
    QPushButton *m_trustButton;
};

} // namespace workbench::ui
