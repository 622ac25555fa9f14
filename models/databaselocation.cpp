#include "models/databaselocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace workbench::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("workbench::models", text);
}

StoreError invalid(const QString &message)
{
    return StoreError{StoreError::Kind::InvalidArgument, message};
}

} // namespace

QString DatabaseLocation::displayName() const
{
    if (dialect == Dialect::Sqlite)
        return sqlitePath;
    QString name = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        name += user + QLatin1Char('@');
    return name + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + databaseName;
}

QString defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("workbench.db"));
}

StoreResult<DatabaseLocation> parseDatabaseLocation(const QString &setting)
{
    const QString value = setting.trimmed();
    if (value.isEmpty())
        return invalid(tr("The database setting is empty."));

    DatabaseLocation location;
    if (value.startsWith(QLatin1String("postgresql://")) || value.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return invalid(tr("'%1' is not a valid PostgreSQL URL (expected postgresql://user@host:port/dbname).")
                               .arg(value.section(QLatin1Char('@'), -1)));
        location.dialect = Dialect::Postgres;
        location.host = url.host();
        location.port = url.port(5432);
        location.user = url.userName();
        location.password = url.password();
        location.databaseName = url.path().mid(1);
        if (location.databaseName.isEmpty() || location.databaseName.contains(QLatin1Char('/')))
            return invalid(tr("The PostgreSQL URL '%1' names no database (expected postgresql://user@host:port/dbname).")
                               .arg(location.displayName()));
        // libpq options from the query string; a short connect timeout so a dead server fails fast.
        QStringList options;
        bool hasTimeout = false;
        const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto &[key, optionValue] : items) {
            static const QStringList allowed = {QStringLiteral("sslmode"), QStringLiteral("sslrootcert"),
                                                QStringLiteral("sslcert"), QStringLiteral("sslkey"),
                                                QStringLiteral("connect_timeout"), QStringLiteral("application_name")};
            if (!allowed.contains(key))
                return invalid(tr("Unsupported PostgreSQL URL option '%1'.").arg(key));
            if (optionValue.contains(QLatin1Char(';')) || optionValue.contains(QLatin1Char(' ')))
                return invalid(tr("Invalid value for PostgreSQL URL option '%1'.").arg(key));
            hasTimeout = hasTimeout || key == QLatin1String("connect_timeout");
            options << key + QLatin1Char('=') + optionValue;
        }
        if (!hasTimeout)
            options << QStringLiteral("connect_timeout=5");
        location.connectOptions = options.join(QLatin1Char(';'));
        return location;
    }

    QString path = value;
    if (value.startsWith(QLatin1String("sqlite://"))) {
        path = value.mid(int(qstrlen("sqlite://")));
        if (!path.startsWith(QLatin1Char('/')))
            return invalid(tr("'%1' is not a valid SQLite URL (expected sqlite:///absolute/path.db).").arg(value));
    } else if (value.contains(QLatin1String("://"))) {
        return invalid(tr("Unsupported database URL '%1': use a file path, sqlite:///path or postgresql://...")
                           .arg(value.section(QLatin1Char('@'), -1)));
    }
    if (path == QLatin1String(":memory:"))
        return invalid(tr("An in-memory database would lose every run; give a file path."));
    location.dialect = Dialect::Sqlite;
    location.sqlitePath = QFileInfo(path).absoluteFilePath();
    return location;
}

StoreResult<DatabaseLocation> resolveDatabaseLocation(const QString &option, const QProcessEnvironment &environment)
{
    if (!option.isEmpty())
        return parseDatabaseLocation(option);
    const QString fromEnvironment = environment.value(QLatin1String(DatabaseEnvironmentVariable));
    if (!fromEnvironment.isEmpty())
        return parseDatabaseLocation(fromEnvironment);
    DatabaseLocation location;
    location.sqlitePath = defaultDatabasePath();
    location.isDefaultLocation = true;
    return location;
}

} // namespace workbench::models
