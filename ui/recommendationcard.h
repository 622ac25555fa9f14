#pragma once
// CCDash's recommendation for the picked feature: the primary command and its alternatives
// (each with Run and Copy), rule id, confidence, explanation, evidence (document paths open the
// file inside the workspace), warnings, and the gate / dependency state.
#include "app/ccdash/ccdashtypes.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace workbench::ui {

class StatusChip;

class RecommendationCard : public QWidget
{
    Q_OBJECT
public:
    explicit RecommendationCard(QWidget *parent = nullptr);

    void setContext(const ccdash::ExecutionContext &context);
    // Replaces the card with a message ("Loading…", an error, "Select a feature…").
    void showMessage(const QString &message);
    // Relative document paths are resolved against this directory.
    void setWorkspace(const QString &workspace) { m_workspace = workspace; }
    QString workspace() const { return m_workspace; }
    std::optional<ccdash::ExecutionContext> context() const { return m_context; }

    // An evidence path resolved inside the workspace, or "" when it would leave it.
    QString resolveDocumentPath(const QString &path) const;

    QPushButton *runPrimaryButton() const { return m_runPrimary; }
    QPushButton *copyPrimaryButton() const { return m_copyPrimary; }
    QPushButton *openDocButton() const { return m_openDoc; }
    QLabel *primaryCommandLabel() const { return m_primaryCommand; }
    QLabel *gateLabel() const { return m_gate; }
    QLabel *warningsLabel() const { return m_warnings; }
    QLabel *evidenceLabel() const { return m_evidence; }
    QLabel *messageLabel() const { return m_message; }
    QString headingText() const;

Q_SIGNALS:
    void runRequested(const QString &command, const QString &ruleId);
    // The command is on the clipboard (the window sends CCDash's execution_command_copied).
    void commandCopied(const QString &command, const QString &ruleId);
    void openDocumentRequested(const QString &absolutePath);
    // A document path that resolves outside the workspace or does not exist.
    void documentUnavailable(const QString &path, const QString &reason);

private:
    void copyCommand(const QString &command, const QString &ruleId, QPushButton *button);
    void openEvidence(const QString &link);
    void clearAlternatives();

    std::optional<ccdash::ExecutionContext> m_context;
    QString m_workspace;

    QLabel *m_message;
    QWidget *m_body;
    QLabel *m_title;
    QLabel *m_heading;
    StatusChip *m_ruleChip;
    StatusChip *m_confidenceChip;
    QLabel *m_gate;
    QLabel *m_notice;
    QLabel *m_primaryCommand;
    QPushButton *m_runPrimary;
    QPushButton *m_copyPrimary;
    QPushButton *m_openDoc;
    QLabel *m_explanation;
    QLabel *m_alternativesTitle;
    QVBoxLayout *m_alternatives;
    QLabel *m_evidence;
    QLabel *m_warnings;
};

} // namespace workbench::ui
