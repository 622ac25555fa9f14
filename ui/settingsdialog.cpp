#include "ui/settingsdialog.h"

#include "models/databaselocation.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace workbench::ui {

SettingsDialog::SettingsDialog(const app::AppSettings &settings, const QString &tokenOrigin, QWidget *parent)
    : QDialog(parent)
    , m_initial(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);

    auto *ccdash = new QGroupBox(tr("CCDash"), this);
    auto *ccdashForm = new QFormLayout(ccdash);
    m_url = new QLineEdit(settings.ccdashUrl, ccdash);
    m_url->setObjectName(QStringLiteral("ccdashUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8000"));
    m_url->setAccessibleName(tr("CCDash URL"));
    ccdashForm->addRow(tr("&URL:"), m_url);
    auto *tokenRow = new QHBoxLayout;
    m_token = new QLineEdit(ccdash);
    m_token->setObjectName(QStringLiteral("ccdashToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("CCDash API token"));
    m_token->setPlaceholderText(tr("unchanged (current: %1)").arg(tokenOrigin));
    auto *clearToken = new QPushButton(tr("Forget"), ccdash);
    clearToken->setAutoDefault(false);
    clearToken->setAccessibleName(tr("Forget the stored token"));
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(clearToken);
    ccdashForm->addRow(tr("API &token:"), tokenRow);
    auto *tokenNote = new QLabel(tr("Kept in the system keychain, never in the settings file."), ccdash);
    tokenNote->setForegroundRole(QPalette::PlaceholderText);
    ccdashForm->addRow(QString(), tokenNote);
    layout->addWidget(ccdash);

    auto *store = new QGroupBox(tr("Run history database"), this);
    auto *storeForm = new QFormLayout(store);
    m_database = new QLineEdit(settings.database, store);
    m_database->setObjectName(QStringLiteral("database"));
    m_database->setPlaceholderText(tr("default SQLite file, or /path/file.db, or postgresql://user@host/db"));
    m_database->setAccessibleName(tr("Database"));
    storeForm->addRow(tr("&Database:"), m_database);
    m_databaseNote = new QLabel(tr("A change applies the next time the workbench starts."), store);
    m_databaseNote->setForegroundRole(QPalette::PlaceholderText);
    storeForm->addRow(QString(), m_databaseNote);
    layout->addWidget(store);

    auto *runs = new QGroupBox(tr("Runs"), this);
    auto *runsForm = new QFormLayout(runs);
    m_launcher = new QLineEdit(settings.agentLauncher, runs);
    m_launcher->setObjectName(QStringLiteral("agentLauncher"));
    m_launcher->setAccessibleName(tr("Agent launcher"));
    m_launcher->setToolTip(tr("How Claude Code slash commands run; {command} is replaced by the quoted slash command."));
    runsForm->addRow(tr("&Agent launcher:"), m_launcher);
    m_timeout = new QSpinBox(runs);
    m_timeout->setObjectName(QStringLiteral("defaultTimeout"));
    m_timeout->setRange(0, 24 * 60);
    m_timeout->setSuffix(tr(" min"));
    m_timeout->setSpecialValueText(tr("no timeout"));
    m_timeout->setValue(settings.defaultTimeoutMinutes);
    m_timeout->setAccessibleName(tr("Default timeout"));
    runsForm->addRow(tr("Default &timeout:"), m_timeout);
    m_outputCap = new QSpinBox(runs);
    m_outputCap->setObjectName(QStringLiteral("outputCap"));
    m_outputCap->setRange(0, 16 * 1024);
    m_outputCap->setSuffix(tr(" MiB per stream"));
    m_outputCap->setSpecialValueText(tr("no cap"));
    m_outputCap->setValue(settings.outputCapMiB);
    m_outputCap->setAccessibleName(tr("Output cap"));
    runsForm->addRow(tr("&Output cap:"), m_outputCap);
    m_expiry = new QSpinBox(runs);
    m_expiry->setObjectName(QStringLiteral("approvalExpiry"));
    m_expiry->setRange(1, 24 * 365);
    m_expiry->setSuffix(tr(" h"));
    m_expiry->setValue(settings.approvalExpiryHours);
    m_expiry->setAccessibleName(tr("Approval expiry"));
    runsForm->addRow(tr("Pending approvals &expire after:"), m_expiry);
    layout->addWidget(runs);

    auto *notifications = new QGroupBox(tr("Notifications"), this);
    auto *notifyForm = new QFormLayout(notifications);
    m_notify = new QCheckBox(tr("&Notify me when a run ends while the window is in the background"), notifications);
    m_notify->setObjectName(QStringLiteral("notifyWhenDone"));
    m_notify->setChecked(settings.notifyWhenDone);
    notifyForm->addRow(m_notify);
    m_notifyAfter = new QSpinBox(notifications);
    m_notifyAfter->setObjectName(QStringLiteral("notifyAfter"));
    m_notifyAfter->setRange(0, 24 * 3600);
    m_notifyAfter->setSuffix(tr(" s"));
    m_notifyAfter->setValue(settings.notifyAfterSeconds);
    m_notifyAfter->setAccessibleName(tr("Only for runs longer than"));
    notifyForm->addRow(tr("Only for runs longer than:"), m_notifyAfter);
    connect(m_notify, &QCheckBox::toggled, m_notifyAfter, &QWidget::setEnabled);
    m_notifyAfter->setEnabled(settings.notifyWhenDone);
    layout->addWidget(notifications);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_token, &QLineEdit::textEdited, this, [this] {
        m_tokenEdited = true;
        m_tokenCleared = false;
    });
    connect(clearToken, &QPushButton::clicked, this, [this] {
        m_token->clear();
        m_tokenEdited = false;
        m_tokenCleared = true;
        m_token->setPlaceholderText(tr("will be removed from the keychain"));
    });
    connect(m_database, &QLineEdit::textChanged, this, [this] {
        m_databaseNote->setText(databaseChanged() ? tr("<b>Applies on restart</b>: the workbench keeps using the current database until then.")
                                                  : tr("A change applies the next time the workbench starts."));
    });
}

app::AppSettings SettingsDialog::settings() const
{
    app::AppSettings result = m_initial;
    result.ccdashUrl = m_url->text().trimmed();
    result.database = m_database->text().trimmed();
    result.agentLauncher = m_launcher->text().trimmed();
    result.defaultTimeoutMinutes = m_timeout->value();
    result.outputCapMiB = m_outputCap->value();
    result.approvalExpiryHours = m_expiry->value();
    result.notifyWhenDone = m_notify->isChecked();
    result.notifyAfterSeconds = m_notifyAfter->value();
    return result;
}

QString SettingsDialog::token() const
{
    return m_tokenCleared ? QString() : m_token->text().trimmed();
}

bool SettingsDialog::databaseChanged() const
{
    return m_database->text().trimmed() != m_initial.database;
}

QString SettingsDialog::problem() const
{
    const QString url = m_url->text().trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https"))
            || parsed.host().isEmpty())
            return tr("The CCDash URL must be an http:// or https:// address with a host, e.g. http://127.0.0.1:8000.");
    }
    const QString database = m_database->text().trimmed();
    if (!database.isEmpty()) {
        const auto location = models::parseDatabaseLocation(database);
        if (!location)
            return tr("The database setting cannot be used: %1").arg(location.errorMessage());
    }
    return settings().validate();
}

void SettingsDialog::accept()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        return; // nothing is lost: the dialog stays open with what was typed
    }
    QDialog::accept();
}

} // namespace workbench::ui
