// Composition root: decides between the headless CLI and the window. The only file that knows ui/.
#include "app/cli/cli.h"
#include "app/databaselocation.h"
#include "app/singleinstance.h"
#include "app/translations.h"
#include "app/version.h"
#include "ui/desktopintegration.h"
#include "ui/mainwindow.h"
#include "ui/selftest.h"

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
        workbench::app::installTranslators(app);
        QTextStream out(stdout);
        QTextStream err(stderr);
        const int status = workbench::cli::runHeadless(arguments, {out, err});
        out.flush();
        err.flush();
        return status;
    }

    QApplication app(argc, argv);
    workbench::app::installTranslators(app);
    // Lets Wayland compositors and task bars match the window to the installed .desktop file.
    QGuiApplication::setDesktopFileName(QStringLiteral(WORKBENCH_APP_ID));
    QApplication::setWindowIcon(workbench::ui::applicationIcon());

    const QString database = workbench::app::resolveDatabaseLocation(arguments);
    const bool selfTest = arguments.contains(QStringLiteral("--self-test"));
    if (selfTest) {
        // A smoke test opens and closes the database only, so it may run beside a live window.
        workbench::ui::scheduleSelfTest(app, [database] { return workbench::app::probeDatabase(database); });
        return workbench::ui::runMainWindow(app, arguments);
    }

    // One window per user and database: a second launch hands its arguments to the first and exits.
    workbench::app::SingleInstance instance(database);
    switch (instance.start(arguments)) {
    case workbench::app::SingleInstance::Role::Secondary:
        return 0;
    case workbench::app::SingleInstance::Role::Unreachable:
        std::fprintf(stderr, "%s\n", qPrintable(instance.errorString()));
        return 1;
    case workbench::app::SingleInstance::Role::Primary:
        break;
    }
    QObject::connect(&instance, &workbench::app::SingleInstance::activationRequested, &app,
                     [](const QStringList &secondArguments, const QString &) {
                         qCInfo(lcSingleInstance) << "second launch brought this window forward:" << secondArguments;
                         workbench::ui::raiseAndActivate(workbench::ui::findMainWindow());
                     });
    return workbench::ui::runMainWindow(app, arguments);
}
