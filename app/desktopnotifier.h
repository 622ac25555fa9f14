#pragma once
// Desktop notifications through the freedesktop interface (org.freedesktop.Notifications on the
// session bus). Without QtDBus at build time, or without a session bus at run time, notify()
// does nothing and returns false: a missing notification daemon is never an error for the app.
#include <QObject>
#include <QString>

namespace workbench::app {

class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    // True when a session bus is connected and a notification service is registered on it.
    bool isAvailable() const;
    // Sends a notification; returns false when it could not be handed to the service.
    bool notify(const QString &summary, const QString &body, const QString &iconName = {});
};

} // namespace workbench::app
