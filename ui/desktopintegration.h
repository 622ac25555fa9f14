#pragma once
#include <QIcon>

class QWidget;

namespace workbench::ui {

// The application icon: the installed hicolor theme icon when there is one, else the copies
// compiled into the resources (SVG needs an icon engine plugin, so the PNG sizes come first).
QIcon applicationIcon();

// Brings `window` to the front for a second launch: restores it if minimised, raises it and asks
// the window manager for focus. (Window managers may only flash it; that is their policy.)
void raiseAndActivate(QWidget *window);

// The main window of this process, if one is shown; used to route a second launch's request.
QWidget *findMainWindow();

} // namespace workbench::ui
