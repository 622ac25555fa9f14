#include "ui/desktopintegration.h"

#include "app/version.h"

#include <QApplication>
#include <QMainWindow>
#include <QWidget>

namespace workbench::ui {

QIcon applicationIcon()
{
    static const int sizes[] = {16, 22, 24, 32, 48, 64, 128, 256};
    QIcon bundled;
    for (const int size : sizes)
        bundled.addFile(QStringLiteral(":/icons/" WORKBENCH_APP_ID "-%1.png").arg(size), QSize(size, size));
    bundled.addFile(QStringLiteral(":/icons/" WORKBENCH_APP_ID ".svg"));
    return QIcon::fromTheme(QStringLiteral(WORKBENCH_APP_ID), bundled);
}

void raiseAndActivate(QWidget *window)
{
    if (!window)
        return;
    window->setWindowState((window->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    window->show();
    window->raise();
    window->activateWindow();
}

QWidget *findMainWindow()
{
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *widget : windows) {
        if (qobject_cast<QMainWindow *>(widget) && widget->isVisible())
            return widget;
    }
    return nullptr;
}

} // namespace workbench::ui
