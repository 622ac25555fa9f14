#include "tests/support/postgrestestserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace workbench::test {

namespace {

QString readFirstLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

// Runs one statement on the server's maintenance database through a short-lived connection.
bool execOnServer(const QString &url, const QString &statement, QString *error)
{
    const QUrl parsed(url);
    const QString name = QStringLiteral("pg-admin-%1").arg(QRandomGenerator::global()->generate64(), 0, 16);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(parsed.host());
        db.setPort(parsed.port(5432));
        db.setUserName(parsed.userName());
        db.setDatabaseName(parsed.path().mid(1));
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(statement);
            if (!ok)
                *error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

PostgresServer postgresServer()
{
    const QString urlFile = qEnvironmentVariable("WORKBENCH_PG_URL_FILE");
    if (urlFile.isEmpty())
        return {{}, QStringLiteral("WORKBENCH_PG_URL_FILE is not set (run the test through ctest)")};
    const QString url = readFirstLine(urlFile);
    if (!url.isEmpty())
        return {url, {}};
    // The fixture writes why it could not start next to where the URL would be.
    const QString reason = readFirstLine(QFileInfo(urlFile).dir().filePath(QStringLiteral("unavailable")));
    return {{}, reason.isEmpty() ? QStringLiteral("the fixture wrote no URL to %1").arg(urlFile) : reason};
}

bool postgresRequired()
{
    return qEnvironmentVariableIsSet("CI");
}

std::unique_ptr<ScratchPostgresDatabase> ScratchPostgresDatabase::create(const QString &serverUrl, QString *error)
{
    std::unique_ptr<ScratchPostgresDatabase> scratch(new ScratchPostgresDatabase);
    scratch->m_adminUrl = serverUrl;
    scratch->m_name = QStringLiteral("wb_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    if (!execOnServer(serverUrl, QStringLiteral("CREATE DATABASE ") + scratch->m_name, error))
        return nullptr;
    QUrl url(serverUrl);
    url.setPath(QLatin1Char('/') + scratch->m_name);
    scratch->m_url = url.toString();
    return scratch;
}

ScratchPostgresDatabase::~ScratchPostgresDatabase()
{
    QString error;
    if (!execOnServer(m_adminUrl, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name), &error))
        qWarning("could not drop scratch database %s: %s", qPrintable(m_name), qPrintable(error));
}

} // namespace workbench::test
