#include "app/singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcSingleInstance, "ccdash.workbench.singleinstance", QtWarningMsg)

namespace workbench::app {

namespace {

// First field of every request: rejects strangers and lets a later version change the format.
const QByteArray requestMagic = QByteArrayLiteral("ccdash-workbench-activate/1");
constexpr char acceptedReply = 'A';
// Arguments are a few hundred bytes; anything far larger is not one of ours.
constexpr qint64 maximumRequestBytes = 1 << 20;
// A peer that connects but never finishes its request is dropped after this.
constexpr int requestTimeoutMs = 5000;
constexpr int connectRetryMs = 50;

QString runtimeDirectory()
{
    // XDG_RUNTIME_DIR is per user and 0700; QStandardPaths falls back to a private temp dir.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? QDir::tempPath() : runtime;
}

} // namespace

SingleInstance::SingleInstance(const QString &databaseLocation, QObject *parent)
    : QObject(parent)
    , m_serverName(serverNameFor(databaseLocation))
{
}

SingleInstance::~SingleInstance()
{
    // Stop listening before the lock goes, so a successor never finds our socket without our lock.
    if (m_server)
        m_server->close();
}

QString SingleInstance::canonicalDatabaseKey(const QString &databaseLocation)
{
    QString location = databaseLocation.trimmed();
    if (location.startsWith(QLatin1String("sqlite:"), Qt::CaseInsensitive)) {
        location = QUrl(location).path();
    } else if (location.contains(QLatin1String("://"))) {
        // A server database: the password is not part of its identity.
        QUrl url(location);
        url.setPassword(QString());
        return QStringLiteral("url:") + url.adjusted(QUrl::NormalizePathSegments | QUrl::StripTrailingSlash).toString();
    }

    const QFileInfo file(location);
    if (file.exists())
        return QStringLiteral("file:") + file.canonicalFilePath();
    // Not created yet: resolve what exists of the directory so symlinked parents still agree.
    const QString directory = QFileInfo(file.absolutePath()).canonicalFilePath();
    return QStringLiteral("file:")
           + QDir::cleanPath((directory.isEmpty() ? file.absolutePath() : directory) + QLatin1Char('/') + file.fileName());
}

QString SingleInstance::serverNameFor(const QString &databaseLocation)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::number(::getuid()));
    hash.addData(QByteArrayView("\n"));
    hash.addData(canonicalDatabaseKey(databaseLocation).toUtf8());
    // 16 hex digits keep the path well under the 108 bytes a Unix socket name may have.
    return runtimeDirectory() + QStringLiteral("/ccdash-workbench-")
           + QString::fromLatin1(hash.result().toHex().left(16));
}

SingleInstance::Role SingleInstance::start(const QStringList &arguments, int timeoutMs)
{
    if (becomePrimary())
        return Role::Primary;
    if (m_lock->error() != QLockFile::LockFailedError) {
        // The lock itself is broken (permissions, full disk): run alone rather than not at all.
        m_errorString = tr("Cannot create the single-instance lock %1; running without it.").arg(m_lock->fileName());
        qCWarning(lcSingleInstance).noquote() << m_errorString;
        m_lock.reset();
        return Role::Primary;
    }
    return forwardToPrimary(arguments, timeoutMs);
}

bool SingleInstance::becomePrimary()
{
    if (!m_lock) {
        m_lock = std::make_unique<QLockFile>(m_serverName + QStringLiteral(".lock"));
        // Never stale by age: only a lock whose process is gone is taken over.
        m_lock->setStaleLockTime(0);
    }
    if (!m_lock->tryLock(0))
        return false;

    // We hold the lock, so a socket file left here belongs to a primary that died.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    if (!m_server->listen(m_serverName)) {
        // Still the only writer; later launches will report this primary as unreachable.
        m_errorString = tr("Cannot listen on %1: %2").arg(m_serverName, m_server->errorString());
        qCWarning(lcSingleInstance).noquote() << m_errorString;
    } else {
        qCDebug(lcSingleInstance) << "primary instance listening on" << m_serverName;
    }
    return true;
}

SingleInstance::Role SingleInstance::forwardToPrimary(const QStringList &arguments, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    // The primary may hold the lock but not listen yet, or may just have exited: retry until
    // it answers, or take over if its lock became free.
    for (;;) {
        socket.connectToServer(m_serverName);
        if (socket.waitForConnected(int(qMax<qint64>(0, deadline.remainingTime()))))
            break;
        if (becomePrimary())
            return Role::Primary;
        if (deadline.hasExpired()) {
            m_errorString = tr("Another CCDash Workbench is running for this database but does not answer (%1).")
                                .arg(socket.errorString());
            return Role::Unreachable;
        }
        QThread::msleep(connectRetryMs);
    }

    QByteArray request = requestMagic;
    QDataStream stream(&request, QIODevice::WriteOnly | QIODevice::Append);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << arguments << QDir::currentPath();
    socket.write(request);

    char reply = 0;
    while (socket.bytesAvailable() < 1 && socket.state() == QLocalSocket::ConnectedState
           && !deadline.hasExpired()) {
        socket.waitForReadyRead(int(qMax<qint64>(0, deadline.remainingTime())));
    }
    if (socket.read(&reply, 1) == 1 && reply == acceptedReply) {
        qCDebug(lcSingleInstance) << "handed over to the primary instance at" << m_serverName;
        return Role::Secondary;
    }
    m_errorString = tr("Another CCDash Workbench is running for this database but did not accept the request (%1).")
                        .arg(socket.errorString());
    return Role::Unreachable;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        QTimer::singleShot(requestTimeoutMs, socket, [socket] {
            qCWarning(lcSingleInstance) << "dropping a local connection that sent no complete request";
            socket->abort();
        });
        if (socket->bytesAvailable() > 0)
            readRequest(socket);
    }
}

void SingleInstance::readRequest(QLocalSocket *socket)
{
    if (socket->bytesAvailable() > maximumRequestBytes) {
        qCWarning(lcSingleInstance) << "dropping an oversized activation request";
        socket->abort();
        return;
    }
    // The request opens with the magic in plain bytes, so a stranger is told apart at once.
    const bool magicSeen = socket->property("magicSeen").toBool();
    if (!magicSeen) {
        const QByteArray head = socket->peek(requestMagic.size());
        if (!requestMagic.startsWith(head)) {
            qCWarning(lcSingleInstance) << "dropping a local connection that is not a workbench activation request";
            socket->abort();
            return;
        }
        if (head.size() < requestMagic.size())
            return; // wait for the rest of the magic
        socket->skip(requestMagic.size());
        socket->setProperty("magicSeen", true);
    }

    QDataStream stream(socket);
    stream.setVersion(QDataStream::Qt_6_4);
    stream.startTransaction();
    QStringList arguments;
    QString workingDirectory;
    stream >> arguments >> workingDirectory;
    if (!stream.commitTransaction()) {
        if (stream.status() == QDataStream::ReadCorruptData) {
            qCWarning(lcSingleInstance) << "dropping a malformed activation request";
            socket->abort();
        }
        return; // incomplete: wait for the rest
    }

    socket->write(&acceptedReply, 1);
    // Written now, not from the event loop: the slot may quit or block right after the signal.
    socket->flush();
    socket->disconnectFromServer();
    qCDebug(lcSingleInstance) << "activation requested with" << arguments;
    Q_EMIT activationRequested(arguments, workingDirectory);
}

} // namespace workbench::app
