#pragma once
// Preferences: CCDash URL and token (the token goes to the system keychain through the client's
// token source, never to QSettings), the database (applies on restart), the agent launcher,
// run defaults (timeout, output cap, approval expiry) and desktop notifications.
#include "app/appsettings.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace workbench::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `tokenOrigin` describes where the current token comes from ("keychain", "CCDASH_API_TOKEN",
    // "none"); the token itself is never shown.
    SettingsDialog(const app::AppSettings &settings, const QString &tokenOrigin, QWidget *parent = nullptr);

    app::AppSettings settings() const;
    // True when the user typed a new token or asked to remove it (then token() is "").
    bool tokenChanged() const { return m_tokenEdited || m_tokenCleared; }
    QString token() const;
    bool databaseChanged() const;

    QLineEdit *urlEdit() const { return m_url; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *databaseEdit() const { return m_database; }
    QLineEdit *launcherEdit() const { return m_launcher; }
    QSpinBox *timeoutBox() const { return m_timeout; }
    QSpinBox *outputCapBox() const { return m_outputCap; }
    QSpinBox *expiryBox() const { return m_expiry; }
    QCheckBox *notifyBox() const { return m_notify; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    QString problem() const;

    app::AppSettings m_initial;
    bool m_tokenEdited = false;
    bool m_tokenCleared = false;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLineEdit *m_database;
    QLabel *m_databaseNote;
    QLineEdit *m_launcher;
    QSpinBox *m_timeout;
    QSpinBox *m_outputCap;
    QSpinBox *m_expiry;
    QCheckBox *m_notify;
    QSpinBox *m_notifyAfter;
    QLabel *m_error;
};

} // namespace workbench::ui
