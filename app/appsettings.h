#pragma once
// The window's preferences, kept in QSettings. Secrets are not here: the CCDash token goes to the
// system keychain (app/ccdash/ccdashtoken.h), a database password comes from PGPASSWORD/~/.pgpass.
#include <QString>

class QSettings;

namespace workbench::app {

struct AppSettings
{
    QString ccdashUrl;                 // "" = CCDASH_URL or the client's default
    QString database;                  // SQLite file or postgresql:// URL; "" = default. Applies on restart.
    QString agentLauncher = QStringLiteral("claude -p {command}");
    int defaultTimeoutMinutes = 120;   // 0 = none
    int outputCapMiB = 64;             // per stream; 0 = none
    int approvalExpiryHours = 24;
    bool notifyWhenDone = true;        // desktop notification when a long run ends unfocused
    int notifyAfterSeconds = 10;       // "long"
    QString adHocWorkspace;            // workspace for ad-hoc runs when CCDash is not reachable

    static AppSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // Returns "" or why the values cannot be used (e.g. an agent launcher without {command}).
    QString validate() const;

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

} // namespace workbench::app
