// WalCheckpointer: SQLite WAL checkpoints on a background thread, with the writer bounding the WAL
// itself when the background falls behind. Real SQLite files in a temporary directory; the WAL
// file's size (SQLite overwrites it from the start after a full checkpoint) shows how far it grew.
#include "models/walcheckpointer.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using workbench::models::WalCheckpointer;

namespace {

constexpr int BlobBytes = 64 * 1024;
constexpr int RowsPerTransaction = 4; // ~70 frames of 4 KiB pages, ~280 KiB of WAL

class Connection
{
public:
    Connection(const QString &path, const QString &journalMode, int pageSize = 4096)
        : m_name(QStringLiteral("tst_walcheckpointer_%1").arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        if (!m_db.open())
            qFatal("cannot open %s", qPrintable(path));
        exec(QStringLiteral("PRAGMA page_size=%1").arg(pageSize));
        exec(QStringLiteral("PRAGMA journal_mode=%1").arg(journalMode));
        exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        exec(QStringLiteral("CREATE TABLE IF NOT EXISTS output(id INTEGER PRIMARY KEY, payload BLOB)"));
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    QSqlDatabase &db() { return m_db; }

    bool exec(const QString &sql)
    {
        QSqlQuery query(m_db);
        const bool ok = query.exec(sql);
        if (!ok)
            qWarning().noquote() << sql << query.lastError().text();
        return ok;
    }

    // One transaction of RowsPerTransaction random 64 KiB blobs.
    bool writeTransaction()
    {
        if (!m_db.transaction())
            return false;
        for (int row = 0; row < RowsPerTransaction; ++row) {
            if (!exec(QStringLiteral("INSERT INTO output(payload) VALUES (randomblob(%1))").arg(BlobBytes))) {
                m_db.rollback();
                return false;
            }
        }
        return m_db.commit();
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};

WalCheckpointer::Options checkpointerOptions(int thresholdFrames, int backstopBytes)
{
    WalCheckpointer::Options options;
    options.thresholdFrames = thresholdFrames;
    options.backstopBytes = backstopBytes;
    return options;
}

qint64 walBytes(const QString &path)
{
    return QFileInfo(path + QStringLiteral("-wal")).size();
}

} // namespace

class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backgroundCheckpointsLetTheWalStartOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Connection writer(path, QStringLiteral("WAL"));
        const WalCheckpointer::Options options = checkpointerOptions(50, 512 * 1024 * 1024); // the backstop is never reached here
        auto checkpointer = WalCheckpointer::attach(writer.db(), path, options);
        QVERIFY(checkpointer);

        // Each commit passes the threshold; once the background has copied it back, the next
        // commit starts the WAL over. Ten commits are 2.8 MiB, under SQLite's own 1000-page
        // autocheckpoint: without the background the WAL file would hold all of them.
        for (int transaction = 1; transaction <= 10; ++transaction) {
            QVERIFY(writer.writeTransaction());
            QTRY_COMPARE(checkpointer->counters().background, transaction);
        }
        QCOMPARE(checkpointer->counters().foreground, 0);
        QVERIFY2(walBytes(path) < 1024 * 1024, qPrintable(QString::number(walBytes(path))));
    }

    void writerBoundsTheWalWhenTheBackgroundFallsBehind_data()
    {
        QTest::addColumn<int>("pageSize");
        QTest::newRow("4 KiB pages") << 4096;
        QTest::newRow("16 KiB pages") << 16384;
    }

    void writerBoundsTheWalWhenTheBackgroundFallsBehind()
    {
        QFETCH(int, pageSize);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Connection writer(path, QStringLiteral("WAL"), pageSize);
        const WalCheckpointer::Options options = checkpointerOptions(1000000, 1024 * 1024); // the background is never asked: only the backstop acts
        auto checkpointer = WalCheckpointer::attach(writer.db(), path, options);
        QVERIFY(checkpointer);

        qint64 largestWal = 0;
        for (int transaction = 0; transaction < 40; ++transaction) { // 10 MiB
            QVERIFY(writer.writeTransaction());
            largestWal = std::max(largestWal, walBytes(path));
        }
        // The backstop (1 MiB) plus the transaction that crossed it; SQLite's default would be ~4 MiB.
        QVERIFY2(largestWal < 1600 * 1024, qPrintable(QString::number(largestWal)));
        QVERIFY(checkpointer->counters().foreground >= 5);
        QCOMPARE(checkpointer->counters().background, 0);
    }

    void detachingGivesSqliteItsAutocheckpointBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Connection writer(path, QStringLiteral("WAL"));
        const WalCheckpointer::Options options = checkpointerOptions(1000000, 512 * 1024 * 1024);
        {
            auto checkpointer = WalCheckpointer::attach(writer.db(), path, options);
            QVERIFY(checkpointer);
            QVERIFY(writer.writeTransaction());
        }
        // The hook is gone (a dangling one would be called now) and 1000-page checkpoints are back:
        // 40 transactions (10 MiB) leave a WAL of about 4 MiB, not 10.
        for (int transaction = 0; transaction < 40; ++transaction)
            QVERIFY(writer.writeTransaction());
        QVERIFY2(walBytes(path) < 5 * 1024 * 1024, qPrintable(QString::number(walBytes(path))));
    }

    void everyCommittedRowIsStored()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        constexpr int Transactions = 30;
        {
            Connection writer(path, QStringLiteral("WAL"));
            const WalCheckpointer::Options options = checkpointerOptions(50, 1024 * 1024); // both paths run: background and backstop
            auto checkpointer = WalCheckpointer::attach(writer.db(), path, options);
            QVERIFY(checkpointer);
            for (int transaction = 0; transaction < Transactions; ++transaction)
                QVERIFY(writer.writeTransaction());
            QVERIFY(checkpointer->counters().foreground + checkpointer->counters().background > 0);
        }
        Connection reader(path, QStringLiteral("WAL"));
        QSqlQuery query(reader.db());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), SUM(LENGTH(payload)) FROM output")) && query.next());
        QCOMPARE(query.value(0).toInt(), Transactions * RowsPerTransaction);
        QCOMPARE(query.value(1).toLongLong(), qint64(Transactions) * RowsPerTransaction * BlobBytes);
        query.finish();
        QVERIFY(query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("ok"));
    }

    void rollbackJournalsAreLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        Connection writer(path, QStringLiteral("DELETE"));
        QVERIFY(!WalCheckpointer::attach(writer.db(), path));
    }
};

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
