#pragma once
// Review before running (modal): the command (editable, highlighted), the working directory
// (inside the workspace), the environment profile and the timeout, with the policy verdict
// recomputed as the user types (debounced). The parts of the command a reason is about are
// underlined, with the reason as their tooltip. Launch is disabled on deny, and says why.
#include "policy/policytypes.h"

#include <QDialog>
#include <functional>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTextEdit;
class QTimer;
class QHBoxLayout;

namespace workbench::ui {

class StatusChip;

// What the user reviewed and wants to launch.
struct ReviewChoice
{
    QString command;
    QString workspace;             // the root the cwd is limited to
    QString cwd = QStringLiteral("."); // relative to the workspace
    QString envProfile = QStringLiteral("default");
    int timeoutMinutes = 120;      // 0 = no timeout
    QString ruleId;                // CCDash's rule id, "" for a manual command
    QString featureId;
};

class ReviewDialog : public QDialog
{
    Q_OBJECT
public:
    using PolicyCheck = std::function<policy::PolicyResult(const policy::PolicyRequest &)>;
    static constexpr int DebounceMs = 150;

    ReviewDialog(PolicyCheck check, const ReviewChoice &initial, QWidget *parent = nullptr);

    ReviewChoice choice() const;
    // The verdict for what the dialog shows now (nullopt while a check is pending).
    std::optional<policy::PolicyResult> currentResult() const { return m_result; }
    // Why Launch is disabled ("" when it is enabled).
    QString launchBlockedReason() const;
    // The agent launcher the policy judges slash commands with (from settings).
    void setAgentLauncher(const QString &launcher) { m_agentLauncher = launcher; scheduleCheck(); }

    QTextEdit *commandEdit() const { return m_commandEdit; }
    QLineEdit *cwdEdit() const { return m_cwdEdit; }
    QComboBox *envProfileBox() const { return m_envProfile; }
    QSpinBox *timeoutBox() const { return m_timeout; }
    QPushButton *launchButton() const { return m_launchButton; }
    QLabel *blockedLabel() const { return m_blockedLabel; }
    // Reason messages for the command text at this position (the underline's tooltip).
    QStringList reasonsAt(int position) const;

Q_SIGNALS:
    void verdictChanged(const workbench::policy::PolicyResult &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleCheck();
    void runCheck();
    void showResult();
    void updateLaunchButton();
    void browseForDirectory();

    PolicyCheck m_check;
    ReviewChoice m_initial;
    QString m_agentLauncher;
    std::optional<policy::PolicyResult> m_result;
    QString m_checkedCommand; // the text m_result's spans refer to

    QTextEdit *m_commandEdit;
    QLineEdit *m_cwdEdit;
    QComboBox *m_envProfile;
    QSpinBox *m_timeout;
    StatusChip *m_verdictChip;
    StatusChip *m_riskChip;
    QWidget *m_reasonChipBox;
    QHBoxLayout *m_reasonChips;
    QLabel *m_reasonList;
    QLabel *m_blockedLabel;
    QLabel *m_ruleLabel;
    QPushButton *m_launchButton;
    QTimer *m_debounce;
};

} // namespace workbench::ui
