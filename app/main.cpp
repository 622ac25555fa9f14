// Composition root: decides between the headless CLI and the window. The only file that knows ui/.
#include "app/cli/cli.h"
#include "app/version.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCoreApplication::setOrganizationName(QStringLiteral("ccdash"));
    QCoreApplication::setApplicationName(QStringLiteral(WORKBENCH_APP_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(WORKBENCH_VERSION));

    if (workbench::cli::isHeadlessInvocation(arguments)) {
        QCoreApplication app(argc, argv); // no display needed
        QTextStream out(stdout);
        QTextStream err(stderr);
        const int status = workbench::cli::runHeadless(arguments, {out, err});
        out.flush();
        err.flush();
        return status;
    }

    QApplication app(argc, argv);
    return workbench::ui::runMainWindow(app, arguments);
}
