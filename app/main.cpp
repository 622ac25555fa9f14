// Composition root: decides between the headless CLI and the window. The only file that knows ui/.
#include "app/cli/cli.h"
#include "app/singleinstance.h"
#include "app/translations.h"
#include "app/version.h"
#include "app/workbenchcontext.h"
#include "models/databaselocation.h"
#include "ui/desktopintegration.h"
#include "ui/mainwindow.h"
#include "ui/selftest.h"

#include <QApplication>
#include <QCoreApplication>
#include <cstdio>
#include <memory>

namespace {

// The value of `--name VALUE` or `--name=VALUE` in argv, or an empty string.
QString optionValue(const QStringList &arguments, const QString &name)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == name && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (arguments.at(i).startsWith(name + QLatin1Char('=')))
            return arguments.at(i).mid(name.size() + 1);
    }
    return QString();
}

// What identifies the database for the single-instance check: the SQLite file, or the server
// database without its password. An unparsable setting is its own key; the store reports it.
QString singleInstanceKey(const QString &databaseOption)
{
    const auto location = workbench::models::resolveDatabaseLocation(databaseOption);
    if (!location)
        return databaseOption;
    return location->dialect == workbench::models::Dialect::Sqlite ? location->sqlitePath : location->displayName();
}

} // namespace

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
    {
        // Qt has removed its own options from QCoreApplication::arguments() by now; anything left
        // that the window does not know is a typo the user should hear about, not a silent window.
        QTextStream err(stderr);
        if (const int status = workbench::cli::checkWindowArguments(QCoreApplication::arguments(), err))
            return status;
    }
    // Lets Wayland compositors and task bars match the window to the installed .desktop file.
    QGuiApplication::setDesktopFileName(QStringLiteral(WORKBENCH_APP_ID));
    QApplication::setWindowIcon(workbench::ui::applicationIcon());

    const QString databaseOption = optionValue(arguments, QStringLiteral("--database"));
    if (arguments.contains(QStringLiteral("--self-test"))) {
        // A smoke test opens the store and closes it again, so it may run beside a live window.
        workbench::ui::scheduleSelfTest(app, [databaseOption] {
            return workbench::app::WorkbenchContext::open(databaseOption).errorMessage();
        });
        return workbench::ui::runMainWindow(app, arguments);
    }

    // One window per user and database: a second launch hands its arguments to the first and exits.
    workbench::app::SingleInstance instance(singleInstanceKey(databaseOption));
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
