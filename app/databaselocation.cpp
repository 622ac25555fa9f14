#include "app/databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUuid>

namespace workbench::app {

QString resolveDatabaseLocation(const QStringList &arguments, const QProcessEnvironment &environment)
{
    const QString option = QStringLiteral("--database");
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == option && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (argument.startsWith(option + QLatin1Char('=')))
            return argument.mid(option.size() + 1);
    }
    const QString fromEnvironment = environment.value(QStringLiteral("CCDASH_WORKBENCH_DATABASE"));
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workbench.db");
}

QString probeDatabase(const QString &location)
{
    const QUrl url(location);
    const bool isServer = location.contains(QLatin1String("://")) && !url.scheme().startsWith(QLatin1String("sqlite"));
    const QString driver = isServer ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return QCoreApplication::translate("DatabaseProbe", "The Qt SQL driver %1 is not installed.").arg(driver);

    // Never show a password from the URL in a message.
    const QString shownLocation = isServer ? url.adjusted(QUrl::RemovePassword).toString() : location;
    const QString connectionName = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::Id128);
    QString error;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(driver, connectionName);
        if (isServer) {
            database.setHostName(url.host());
            if (url.port() > 0)
                database.setPort(url.port());
            database.setUserName(url.userName());
            database.setPassword(url.password()); // empty: libpq falls back to PGPASSWORD / ~/.pgpass
            database.setDatabaseName(url.path().mid(1));
        } else {
            const QString path = url.scheme().startsWith(QLatin1String("sqlite")) ? url.path() : location;
            const QString directory = QFileInfo(path).absolutePath();
            if (!QDir().mkpath(directory))
                error = QCoreApplication::translate("DatabaseProbe", "Cannot create the directory %1.").arg(directory);
            database.setDatabaseName(path);
        }
        if (error.isEmpty()) {
            if (!database.open()) {
                error = QCoreApplication::translate("DatabaseProbe", "Cannot open the database %1: %2")
                            .arg(shownLocation, database.lastError().text());
            } else {
                QSqlQuery query(database);
                if (!query.exec(QStringLiteral("SELECT 1")) || !query.next() || query.value(0).toInt() != 1)
                    error = QCoreApplication::translate("DatabaseProbe", "The database %1 does not answer queries: %2")
                                .arg(shownLocation, query.lastError().text());
            }
        }
        database.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return error;
}

} // namespace workbench::app
