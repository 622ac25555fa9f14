// A real second process for tst_singleinstance: `singleinstance_peer DATABASE [ARGS...]`.
// Primary: prints "primary", then one line per activation request ("activated <JSON arguments>
// <working directory>") and exits 0 after $PEER_ACTIVATIONS of them (default 1).
// Secondary: exits 3 once the primary accepted its arguments. Unreachable: prints why, exits 4.
#include "app/singleinstance.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <cstdio>

using workbench::app::SingleInstance;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (app.arguments().size() < 2) {
        out << "usage: singleinstance_peer DATABASE [ARGS...]\n";
        return 64;
    }
    SingleInstance instance(app.arguments().at(1));
    switch (instance.start(app.arguments())) {
    case SingleInstance::Role::Secondary:
        return 3;
    case SingleInstance::Role::Unreachable:
        out << "unreachable " << instance.errorString() << '\n';
        return 4;
    case SingleInstance::Role::Primary:
        break;
    }

    const int expected = qEnvironmentVariableIsSet("PEER_ACTIVATIONS") ? qEnvironmentVariableIntValue("PEER_ACTIVATIONS") : 1;
    int received = 0;
    QObject::connect(&instance, &SingleInstance::activationRequested, &app,
                     [&](const QStringList &arguments, const QString &workingDirectory) {
                         out << "activated "
                             << QJsonDocument(QJsonArray::fromStringList(arguments)).toJson(QJsonDocument::Compact)
                             << ' ' << workingDirectory << Qt::endl;
                         if (++received == expected)
                             app.quit();
                     });
    out << "primary" << Qt::endl;
    return app.exec();
}
