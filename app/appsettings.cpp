#include "app/appsettings.h"

#include <QCoreApplication>
#include <QSettings>

namespace workbench::app {

namespace {
// "ccdash/url" is the key the CCDash client reads too (ccdash::SettingsUrlKey).
constexpr char UrlKey[] = "ccdash/url";
constexpr char DatabaseKey[] = "store/database";
constexpr char LauncherKey[] = "runs/agentLauncher";
constexpr char TimeoutKey[] = "runs/defaultTimeoutMinutes";
constexpr char OutputCapKey[] = "runs/outputCapMiB";
constexpr char ExpiryKey[] = "runs/approvalExpiryHours";
constexpr char NotifyKey[] = "notifications/whenDone";
constexpr char NotifyAfterKey[] = "notifications/afterSeconds";
constexpr char WorkspaceKey[] = "runs/adHocWorkspace";

int boundedInt(const QSettings &settings, const char *key, int fallback, int minimum, int maximum)
{
    bool ok = false;
    const int value = settings.value(QLatin1String(key), fallback).toInt(&ok);
    return ok && value >= minimum && value <= maximum ? value : fallback;
}
} // namespace

AppSettings AppSettings::load(const QSettings &settings)
{
    AppSettings defaults;
    AppSettings loaded;
    loaded.ccdashUrl = settings.value(QLatin1String(UrlKey)).toString();
    loaded.database = settings.value(QLatin1String(DatabaseKey)).toString();
    loaded.agentLauncher = settings.value(QLatin1String(LauncherKey), defaults.agentLauncher).toString();
    if (!loaded.agentLauncher.contains(QLatin1String("{command}")))
        loaded.agentLauncher = defaults.agentLauncher;
    loaded.defaultTimeoutMinutes = boundedInt(settings, TimeoutKey, defaults.defaultTimeoutMinutes, 0, 24 * 60);
    loaded.outputCapMiB = boundedInt(settings, OutputCapKey, defaults.outputCapMiB, 0, 16 * 1024);
    loaded.approvalExpiryHours = boundedInt(settings, ExpiryKey, defaults.approvalExpiryHours, 1, 24 * 365);
    loaded.notifyWhenDone = settings.value(QLatin1String(NotifyKey), defaults.notifyWhenDone).toBool();
    loaded.notifyAfterSeconds = boundedInt(settings, NotifyAfterKey, defaults.notifyAfterSeconds, 0, 24 * 3600);
    loaded.adHocWorkspace = settings.value(QLatin1String(WorkspaceKey)).toString();
    return loaded;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(UrlKey), ccdashUrl);
    settings.setValue(QLatin1String(DatabaseKey), database);
    settings.setValue(QLatin1String(LauncherKey), agentLauncher);
    settings.setValue(QLatin1String(TimeoutKey), defaultTimeoutMinutes);
    settings.setValue(QLatin1String(OutputCapKey), outputCapMiB);
    settings.setValue(QLatin1String(ExpiryKey), approvalExpiryHours);
    settings.setValue(QLatin1String(NotifyKey), notifyWhenDone);
    settings.setValue(QLatin1String(NotifyAfterKey), notifyAfterSeconds);
    settings.setValue(QLatin1String(WorkspaceKey), adHocWorkspace);
}

QString AppSettings::validate() const
{
    if (!agentLauncher.contains(QLatin1String("{command}")))
        return QCoreApplication::translate("AppSettings", "The agent launcher must contain {command}, where the slash command goes.");
    return {};
}

} // namespace workbench::app
