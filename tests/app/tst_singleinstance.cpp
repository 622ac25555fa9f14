// Single instance per user and database, with real processes: a second launch hands its arguments
// to the first and exits; other databases run side by side; a crashed primary is replaced; a
// stranger on the socket is dropped without harming the primary.
#include "app/singleinstance.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using workbench::app::SingleInstance;

class TestSingleInstance : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_runtimeDir; // stands in for XDG_RUNTIME_DIR: 0700, private to this run
    QTemporaryDir m_dataDir;
    std::vector<std::unique_ptr<QProcess>> m_peers;

    QString database(const QString &name) const { return m_dataDir.filePath(name); }

    QProcess *startPeer(const QStringList &arguments, const QString &workingDirectory = QString(),
                        int activations = 1)
    {
        auto peer = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_runtimeDir.path());
        environment.insert(QStringLiteral("PEER_ACTIVATIONS"), QString::number(activations));
        peer->setProcessEnvironment(environment);
        peer->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        if (!workingDirectory.isEmpty())
            peer->setWorkingDirectory(workingDirectory);
        peer->start(QStringLiteral(SINGLEINSTANCE_PEER), arguments);
        m_peers.push_back(std::move(peer));
        return m_peers.back().get();
    }

    // Waits for the next line the peer prints; an empty string if it exited first.
    static QString nextLine(QProcess *peer)
    {
        while (!peer->canReadLine()) {
            if (peer->state() == QProcess::NotRunning || !peer->waitForReadyRead(60000))
                return peer->canReadLine() ? QString::fromUtf8(peer->readLine()).trimmed() : QString();
        }
        return QString::fromUtf8(peer->readLine()).trimmed();
    }

    static int exitCodeOf(QProcess *peer)
    {
        // waitForFinished() is false for a process that has already finished.
        if (peer->state() != QProcess::NotRunning && !peer->waitForFinished(60000))
            return -1;
        return peer->exitStatus() == QProcess::NormalExit ? peer->exitCode() : -2;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_runtimeDir.isValid());
        QVERIFY(m_dataDir.isValid());
        qputenv("XDG_RUNTIME_DIR", m_runtimeDir.path().toLocal8Bit());
    }

    void cleanup()
    {
        for (auto &peer : m_peers) {
            if (peer->state() != QProcess::NotRunning) {
                peer->kill();
                peer->waitForFinished();
            }
        }
        m_peers.clear();
    }

    void secondLaunchHandsOverArguments_data()
    {
        QTest::addColumn<QStringList>("extraArguments");
        QTest::newRow("no arguments") << QStringList{};
        QTest::newRow("options") << QStringList{QStringLiteral("--ccdash-url"), QStringLiteral("http://127.0.0.1:9")};
        QTest::newRow("spaces and non-ASCII") << QStringList{QStringLiteral("a b  c"), QStringLiteral("Größe ✓")};
        QTest::newRow("empty argument") << QStringList{QString()};
    }
    void secondLaunchHandsOverArguments()
    {
        QFETCH(QStringList, extraArguments);
        const QString db = database(QStringLiteral("handover.db"));
        QProcess *primary = startPeer({db});
        QCOMPARE(nextLine(primary), QStringLiteral("primary"));

        QTemporaryDir elsewhere;
        QProcess *secondary = startPeer(QStringList{db} + extraArguments, elsewhere.path());
        QCOMPARE(exitCodeOf(secondary), 3);

        const QString line = nextLine(primary);
        QVERIFY2(line.startsWith(QLatin1String("activated ")), qPrintable(line));
        const qsizetype jsonEnd = line.indexOf(QLatin1String("] "));
        QVERIFY(jsonEnd > 0);
        QStringList received;
        const QJsonArray array = QJsonDocument::fromJson(line.mid(10, jsonEnd - 9).toUtf8()).array();
        for (const QJsonValue &argument : array)
            received << argument.toString();
        QCOMPARE(received.mid(1), QStringList{db} + extraArguments);
        QCOMPARE(line.mid(jsonEnd + 2), QDir(elsewhere.path()).canonicalPath());
        QCOMPARE(exitCodeOf(primary), 0);
    }

    void otherDatabasesRunSideBySide()
    {
        QProcess *first = startPeer({database(QStringLiteral("one.db"))});
        QCOMPARE(nextLine(first), QStringLiteral("primary"));
        QProcess *second = startPeer({database(QStringLiteral("two.db"))});
        QCOMPARE(nextLine(second), QStringLiteral("primary"));
    }

    void crashedPrimaryIsReplaced()
    {
        const QString db = database(QStringLiteral("crash.db"));
        QProcess *crashed = startPeer({db});
        QCOMPARE(nextLine(crashed), QStringLiteral("primary"));
        crashed->kill(); // SIGKILL: no destructor runs, the lock file and socket stay behind
        QVERIFY(crashed->waitForFinished());
        const QString serverName = SingleInstance::serverNameFor(db);
        QVERIFY(QFile::exists(serverName + QStringLiteral(".lock")));
        QVERIFY(QFile::exists(serverName));

        QProcess *successor = startPeer({db});
        QCOMPARE(nextLine(successor), QStringLiteral("primary"));
        QProcess *secondary = startPeer({db, QStringLiteral("--after-crash")});
        QCOMPARE(exitCodeOf(secondary), 3);
        QVERIFY(nextLine(successor).contains(QLatin1String("--after-crash")));
    }

    void strangerIsDroppedAndPrimaryKeepsWorking_data()
    {
        QTest::addColumn<QByteArray>("junk");
        QTest::newRow("http request") << QByteArrayLiteral("GET / HTTP/1.0\r\n\r\n");
        QTest::newRow("binary") << QByteArray("\xff\xff\xff\xff\x00\x01", 6);
        QTest::newRow("almost the magic") << QByteArrayLiteral("ccdash-workbench-activate/2");
    }
    void strangerIsDroppedAndPrimaryKeepsWorking()
    {
        QFETCH(QByteArray, junk);
        const QString db = database(QStringLiteral("stranger.db"));
        SingleInstance primary(db);
        QCOMPARE(primary.start({QStringLiteral("tst")}), SingleInstance::Role::Primary);
        QSignalSpy activations(&primary, &SingleInstance::activationRequested);

        QLocalSocket stranger;
        stranger.connectToServer(primary.serverName());
        QVERIFY(stranger.waitForConnected());
        stranger.write(junk);
        QTRY_COMPARE(stranger.state(), QLocalSocket::UnconnectedState);
        QCOMPARE(activations.count(), 0);

        QProcess *secondary = startPeer({db, QStringLiteral("--still-works")});
        QTRY_COMPARE(activations.count(), 1);
        QCOMPARE(activations.at(0).at(0).toStringList().value(2), QStringLiteral("--still-works"));
        QCOMPARE(exitCodeOf(secondary), 3);
    }

    void equivalentSpellingsShareOneServer_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("same");
        const QString db = database(QStringLiteral("spelling.db"));
        const QString dir = m_dataDir.path();
        QTest::newRow("identical") << db << db << true;
        QTest::newRow("dot-dot") << db << (dir + QStringLiteral("/sub/../spelling.db")) << true;
        QTest::newRow("sqlite URL") << db << (QStringLiteral("sqlite://") + db) << true;
        QTest::newRow("other file") << db << database(QStringLiteral("other.db")) << false;
        QTest::newRow("password is not identity")
            << QStringLiteral("postgresql://ann:secret@db.example:5432/audit")
            << QStringLiteral("postgresql://ann@db.example:5432/audit") << true;
        QTest::newRow("other server database")
            << QStringLiteral("postgresql://ann@db.example:5432/audit")
            << QStringLiteral("postgresql://ann@db.example:5432/other") << false;
    }
    void equivalentSpellingsShareOneServer()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, same);
        QCOMPARE(SingleInstance::serverNameFor(first) == SingleInstance::serverNameFor(second), same);
        QVERIFY(SingleInstance::serverNameFor(first).startsWith(m_runtimeDir.path() + QLatin1Char('/')));
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
