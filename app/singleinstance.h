#pragma once
#include <QLoggingCategory>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

Q_DECLARE_LOGGING_CATEGORY(lcSingleInstance)

namespace workbench::app {

// One workbench per user and database. The first process to start for a database becomes the
// primary: it holds a lock file for its lifetime and listens on a per-user local socket. A later
// process for the same database hands its arguments to the primary and exits instead of opening a
// second writer on the same store. No widgets here: raising the window is the UI's business.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role {
        Primary,    // this process owns the database; activation requests arrive as signals
        Secondary,  // the running primary accepted our arguments; this process should exit
        Unreachable // another process holds the lock but did not answer; see errorString()
    };
    Q_ENUM(Role)

    explicit SingleInstance(const QString &databaseLocation, QObject *parent = nullptr);
    ~SingleInstance() override;

    // Becomes primary or forwards `arguments` (and the working directory) to the primary.
    // Blocks for at most `timeoutMs`; meant to run once at startup, before the event loop.
    Role start(const QStringList &arguments, int timeoutMs = 5000);

    QString errorString() const { return m_errorString; }
    // Full path of the local socket this database's primary listens on.
    QString serverName() const { return m_serverName; }

    // The same database spelt differently (relative path, "..", sqlite:// URL, a password in a
    // PostgreSQL URL) gives the same key, so those launches find each other.
    static QString canonicalDatabaseKey(const QString &databaseLocation);
    // <runtime dir>/ccdash-workbench-<hash of user and database key>: per user and database.
    static QString serverNameFor(const QString &databaseLocation);

Q_SIGNALS:
    // A second launch for this database asked to be shown; `arguments` include its argv[0].
    void activationRequested(const QStringList &arguments, const QString &workingDirectory);

private:
    bool becomePrimary();
    Role forwardToPrimary(const QStringList &arguments, int timeoutMs);
    void acceptConnections();
    void readRequest(QLocalSocket *socket);

    QString m_serverName;
    QString m_errorString;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace workbench::app
