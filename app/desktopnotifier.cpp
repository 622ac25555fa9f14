#include "app/desktopnotifier.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QVariantMap>

#ifdef WORKBENCH_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusError>
#include <QDBusMessage>
#endif

Q_LOGGING_CATEGORY(lcNotifier, "ccdash.app.notifier")

namespace workbench::app {

namespace {
#ifdef WORKBENCH_HAVE_DBUS
const QString Service = QStringLiteral("org.freedesktop.Notifications");
const QString Path = QStringLiteral("/org/freedesktop/Notifications");
#endif
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
}

bool DesktopNotifier::isAvailable() const
{
#ifdef WORKBENCH_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    return bus.interface()->isServiceRegistered(Service).value();
#else
    return false;
#endif
}

bool DesktopNotifier::notify(const QString &summary, const QString &body, const QString &iconName)
{
#ifdef WORKBENCH_HAVE_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        qCDebug(lcNotifier) << "no session bus; notification not sent:" << summary;
        return false;
    }
    QDBusMessage message = QDBusMessage::createMethodCall(Service, Path, Service, QStringLiteral("Notify"));
    message << QCoreApplication::applicationName() // app_name
            << quint32(0)                           // replaces_id
            << iconName                              // app_icon
            << summary << body
            << QStringList()                         // actions
            << QVariantMap{{QStringLiteral("desktop-entry"), QStringLiteral("io.github.ccdash.Workbench")}}
            << qint32(-1);                           // expire_timeout: the server's default
    // Asynchronous: a slow or absent notification daemon never blocks the window.
    if (!bus.send(message)) {
        qCDebug(lcNotifier) << "notification not sent:" << bus.lastError().message();
        return false;
    }
    return true;
#else
    Q_UNUSED(summary)
    Q_UNUSED(body)
    Q_UNUSED(iconName)
    return false;
#endif
}

} // namespace workbench::app
