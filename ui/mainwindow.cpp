#include "ui/mainwindow.h"

#include <QApplication>
#include <QLabel>

namespace workbench::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CCDash Workbench"));
    auto *placeholder = new QLabel(tr("CCDash Workbench"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1200, 800);
}

int runMainWindow(QApplication &app, const QStringList &arguments)
{
    Q_UNUSED(arguments)
    MainWindow window;
    window.show();
    return app.exec();
}

} // namespace workbench::ui
