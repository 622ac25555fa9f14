#pragma once
#include <QMainWindow>

class QApplication;

namespace workbench::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

// Builds the window from the command line and runs the event loop.
int runMainWindow(QApplication &app, const QStringList &arguments);

} // namespace workbench::ui
