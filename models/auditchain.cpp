#include "models/auditchain.h"

#include "models/modelslog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSqlError>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef WORKBENCH_HAVE_OPENSSL
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif

namespace workbench::models {

namespace {

// SHA-256 and HMAC-SHA256. OpenSSL's are several times faster than QCryptographicHash's portable
// code (15 vs 100 us per 8 KiB chunk here), which decides how fast output can be stored.
// Both give the same digests; without OpenSSL at configure time Qt's code is used.
#ifdef WORKBENCH_HAVE_OPENSSL
const EVP_MD *sha256Method()
{
    static EVP_MD *method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return method ? method : EVP_sha256();
}

class Sha256
{
public:
    Sha256()
        : m_context(EVP_MD_CTX_new())
    {
        EVP_DigestInit_ex(m_context, sha256Method(), nullptr);
    }
    ~Sha256() { EVP_MD_CTX_free(m_context); }
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    void addData(QByteArrayView bytes) { EVP_DigestUpdate(m_context, bytes.data(), size_t(bytes.size())); }
    QByteArray result()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_context, digest, &length);
        return QByteArray(reinterpret_cast<const char *>(digest), int(length));
    }

private:
    EVP_MD_CTX *m_context;
};

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(sha256Method(), key.constData(), int(key.size()), reinterpret_cast<const unsigned char *>(message.constData()),
         size_t(message.size()), digest, &length);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}
#else
class Sha256
{
public:
    void addData(QByteArrayView bytes) { m_hash.addData(bytes); }
    QByteArray result() { return m_hash.result(); }

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}
#endif

QString tr(const char *text)
{
    // lupdate files strings used in member functions under the class and the rest under the
    // namespace; look in both so every catalogue entry is found at run time.
    const QString translated = QCoreApplication::translate("workbench::models::AuditChainWriter", text);
    if (translated != QLatin1String(text))
        return translated;
    return QCoreApplication::translate("workbench::models", text);
}

constexpr qsizetype sealKeyBytes = 32;
// PostgreSQL: serialises the database chain (runs' first entries) across connections and desktops.
constexpr qint64 postgresChainLockKey = 0x5742415544; // "WBAUD"
// 11 values per entry keeps one multi-row INSERT far below PostgreSQL's 65535 parameters.
constexpr qsizetype postgresEntriesPerInsert = 1000;

void addField(Sha256 &hash, const QVariant &value)
{
    if (value.isNull()) {
        hash.addData(QByteArrayView("N;"));
        return;
    }
    // UTF-8 text the runtime passes as bytes is hashed as it is; everything else as its UTF-8 text.
    const QByteArray bytes = value.typeId() == QMetaType::QByteArray ? value.toByteArray() : value.toString().toUtf8();
    hash.addData(QByteArray::number(bytes.size()));
    hash.addData(QByteArrayView(":"));
    hash.addData(bytes);
    hash.addData(QByteArrayView(";"));
}

QString keyIdOf(const QByteArray &secret)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(QByteArray("ccdash-workbench audit seal key\n") + secret),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(16));
}

AuditSealKey keyProblem(const QString &path, const QString &problem)
{
    AuditSealKey key;
    key.path = path;
    key.problem = problem;
    qCWarning(lcStore).noquote() << "audit chain entries will not be sealed:" << problem;
    return key;
}

StoreError chainError(const StoreError &error, const QString &what)
{
    return StoreError{error.kind, tr("Recording the audit chain (%1): %2").arg(what, error.message)};
}

} // namespace

QString auditSealKeyPath()
{
    const QString configured = qEnvironmentVariable("CCDASH_WORKBENCH_AUDIT_KEY_FILE");
    if (!configured.isEmpty())
        return configured;
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + QStringLiteral("/ccdash-workbench/audit-seal.key");
}

AuditSealKey loadAuditSealKey(const QString &path)
{
    const QByteArray nativePath = QFile::encodeName(path);
    struct stat status = {};
    if (::stat(nativePath.constData(), &status) != 0) {
        if (errno != ENOENT)
            return keyProblem(path, tr("The audit seal key %1 cannot be read: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        // Create it: write a private temporary file, then link() it into place, which fails when
        // another process created the key first (then that key is read below).
        const QString folder = QFileInfo(path).absolutePath();
        if (!QFileInfo::exists(folder)) {
            if (!QDir().mkpath(folder))
                return keyProblem(path, tr("The folder %1 for the audit seal key cannot be created.").arg(folder));
            ::chmod(QFile::encodeName(folder).constData(), 0700); // ours: private; an existing one is left as it is
        }
        QByteArray secret(sealKeyBytes, Qt::Uninitialized);
        QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(secret.data()),
                                             reinterpret_cast<quint32 *>(secret.data() + secret.size()));
        const QByteArray temporary = nativePath + ".tmp-" + QByteArray::number(::getpid());
        const int fd = ::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0)
            return keyProblem(path, tr("The audit seal key %1 cannot be created: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        const bool written = ::write(fd, secret.constData(), size_t(secret.size())) == secret.size() && ::fsync(fd) == 0;
        ::close(fd);
        const bool linked = written && ::link(temporary.constData(), nativePath.constData()) == 0;
        const int linkErrno = errno;
        ::unlink(temporary.constData());
        if (!written || (!linked && linkErrno != EEXIST))
            return keyProblem(path, tr("The audit seal key %1 cannot be created.").arg(path));
        if (linked) {
            qCInfo(lcStore).noquote() << "created the audit seal key" << path;
            return AuditSealKey{secret, keyIdOf(secret), path, {}};
        }
        if (::stat(nativePath.constData(), &status) != 0)
            return keyProblem(path, tr("The audit seal key %1 cannot be read.").arg(path));
    }
    if (!S_ISREG(status.st_mode) || status.st_size != sealKeyBytes)
        return keyProblem(path, tr("%1 is not an audit seal key (expected a file of exactly %2 bytes); it was left untouched.")
                                    .arg(path)
                                    .arg(sealKeyBytes));
    if ((status.st_mode & 0077) != 0)
        return keyProblem(path, tr("The audit seal key %1 can be read by other users; run 'chmod 600 %1' to use it.").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return keyProblem(path, tr("The audit seal key %1 cannot be read: %2.").arg(path, file.errorString()));
    const QByteArray secret = file.readAll();
    if (secret.size() != sealKeyBytes)
        return keyProblem(path, tr("The audit seal key %1 cannot be read completely.").arg(path));
    return AuditSealKey{secret, keyIdOf(secret), path, {}};
}

const AuditSealKey &auditSealKey()
{
    static const AuditSealKey key = loadAuditSealKey(auditSealKeyPath());
    return key;
}

namespace audit {

QString genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString contentHash(QLatin1StringView kind, const QVariantList &fields)
{
    Sha256 hash;
    addField(hash, QString(kind));
    for (const QVariant &field : fields)
        addField(hash, field);
    return QString::fromLatin1(hash.result().toHex());
}

QString canonicalJson(const QVariant &jsonText)
{
    if (jsonText.isNull())
        return {};
    const QString text = jsonText.toString();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return text;
    return QString::fromUtf8(document.toJson(QJsonDocument::Compact));
}

QString entryHash(const AuditChainEntry &entry)
{
    Sha256 hash;
    addField(hash, QStringLiteral("ccdash-workbench audit chain v1"));
    addField(hash, entry.runId);
    addField(hash, QString::number(entry.position));
    addField(hash, entry.recordKind);
    addField(hash, entry.recordKey);
    addField(hash, entry.contentHash);
    addField(hash, entry.previousHash);
    addField(hash, entry.databasePosition ? QVariant(QString::number(*entry.databasePosition)) : QVariant());
    addField(hash, entry.sealKeyId);
    addField(hash, entry.createdAt);
    return QString::fromLatin1(hash.result().toHex());
}

QString seal(const QByteArray &secret, const QString &entryHash)
{
    return QString::fromLatin1(hmacSha256(secret, entryHash.toLatin1()).toHex());
}

void releaseThreadState()
{
#ifdef WORKBENCH_HAVE_OPENSSL
    OPENSSL_thread_stop();
#endif
}

QString runRecordSql(Dialect dialect)
{
    return QStringLiteral(
               "SELECT id, project_id, feature_id, provider, source_command, normalized_command, cwd, env_profile, "
               "recommendation_rule_id, risk_level, policy_verdict, requires_approval, approved_by, approved_at, status, "
               "exit_code, started_at, ended_at, retry_of_run_id, ")
           + (dialect == Dialect::Postgres ? QStringLiteral("metadata_json::text") : QStringLiteral("metadata_json"))
           + QStringLiteral(", created_at, updated_at FROM execution_runs WHERE id = ?");
}

QString eventRecordsSql(Dialect dialect)
{
    // The text as stored bytes: reading it as a QString is not exact (SQLite's UTF-16 interface
    // turns U+FFFE/U+FFFF into U+FFFD, QPSQL drops a leading BOM), and the writer hashed the bytes.
    return QStringLiteral("SELECT run_id, sequence_no, stream, event_type, ")
           + (dialect == Dialect::Postgres ? QStringLiteral("convert_to(payload_text, 'UTF8'), ")
                                           : QStringLiteral("CAST(payload_text AS BLOB), "))
           + (dialect == Dialect::Postgres ? QStringLiteral("payload_json::text") : QStringLiteral("payload_json"))
           + QStringLiteral(", occurred_at FROM execution_run_events WHERE run_id = ? ORDER BY sequence_no ASC, id ASC");
}

QString approvalRecordSql()
{
    return QStringLiteral("SELECT id, run_id, decision, reason, requested_at, resolved_at, requested_by, resolved_by "
                          "FROM execution_approvals WHERE id = ?");
}

QString approvalRecordsSql()
{
    return QStringLiteral("SELECT id, run_id, decision, reason, requested_at, resolved_at, requested_by, resolved_by "
                          "FROM execution_approvals WHERE run_id = ? ORDER BY id ASC");
}

QVariantList recordFields(const QSqlQuery &query, int columnCount, int jsonColumn)
{
    QVariantList fields;
    fields.reserve(columnCount);
    for (int column = 0; column < columnCount; ++column) {
        if (query.isNull(column))
            fields << QVariant();
        else if (column == jsonColumn)
            fields << canonicalJson(query.value(column));
        else if (const QVariant value = query.value(column); value.typeId() == QMetaType::QByteArray)
            fields << value; // text read as its bytes (eventRecordsSql); hashed as they are
        else
            fields << value.toString();
    }
    return fields;
}

AuditChainEntry entryFromQuery(const QSqlQuery &query)
{
    AuditChainEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.runId = query.value(1).toString();
    entry.position = query.value(2).toLongLong();
    entry.recordKind = query.value(3).toString();
    entry.recordKey = query.value(4).toString();
    entry.contentHash = query.value(5).toString();
    entry.previousHash = query.value(6).toString();
    entry.entryHash = query.value(7).toString();
    if (!query.isNull(8))
        entry.databasePosition = query.value(8).toLongLong();
    entry.sealKeyId = query.value(9).toString();
    entry.seal = query.value(10).toString();
    entry.createdAt = query.value(11).toString();
    return entry;
}

} // namespace audit

AuditChainWriter::AuditChainWriter(Database &database, const AuditSealKey &key)
    : m_database(database)
    , m_key(key)
{
}

StoreResult<AuditChainWriter::Head> AuditChainWriter::runHead(const QString &runId) const
{
    StoreResult<QSqlQuery> query = m_database.exec(
        QStringLiteral("SELECT position, entry_hash FROM workbench_audit_chain WHERE run_id = ? "
                       "ORDER BY position DESC LIMIT 1"),
        {runId});
    if (!query)
        return query.error();
    Head head;
    if (query->next()) {
        head.position = query->value(0).toLongLong();
        head.entryHash = query->value(1).toString();
    }
    return head;
}

void AuditChainWriter::finish(AuditChainEntry &entry) const
{
    if (entry.createdAt.isEmpty())
        entry.createdAt = isoTimestampNow();
    // "" rather than a null QString, which would bind as NULL.
    entry.sealKeyId = m_key.isValid() ? m_key.id : QStringLiteral("");
    entry.entryHash = audit::entryHash(entry);
    entry.seal = m_key.isValid() ? audit::seal(m_key.secret, entry.entryHash) : QStringLiteral("");
}

StoreResult<void> AuditChainWriter::insertEntries(QList<AuditChainEntry> &entries)
{
    static const QString columns = QStringLiteral(
        "INSERT INTO workbench_audit_chain (run_id, position, record_kind, record_key, content_hash, previous_hash, "
        "entry_hash, database_position, seal_key_id, seal, created_at) VALUES ");
    static const QString row = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto bind = [](QVariantList &values, const AuditChainEntry &entry) {
        values << entry.runId << entry.position << entry.recordKind << entry.recordKey << entry.contentHash
               << entry.previousHash << entry.entryHash
               << (entry.databasePosition ? QVariant(*entry.databasePosition) : QVariant(QMetaType::fromType<qint64>()))
               << entry.sealKeyId << entry.seal << entry.createdAt;
    };
    if (m_database.dialect() == Dialect::Sqlite) {
        QSqlQuery insert = m_database.newQuery();
        if (!insert.prepare(columns + row))
            return StoreError{StoreError::Kind::Query, tr("Preparing the audit chain insert failed: %1").arg(insert.lastError().text())};
        for (const AuditChainEntry &entry : std::as_const(entries)) {
            QVariantList values;
            bind(values, entry);
            for (int i = 0; i < values.size(); ++i)
                insert.bindValue(i, values.at(i));
            if (!insert.exec())
                return StoreError{StoreError::Kind::Query, tr("Recording the audit chain of run %1 failed: %2")
                                                               .arg(entry.runId, insert.lastError().text().trimmed())};
        }
        return {};
    }
    for (qsizetype start = 0; start < entries.size(); start += postgresEntriesPerInsert) {
        const qsizetype count = std::min<qsizetype>(postgresEntriesPerInsert, entries.size() - start);
        QString sql = columns;
        QVariantList values;
        values.reserve(count * 11);
        for (qsizetype i = 0; i < count; ++i) {
            sql += i == 0 ? row : QStringLiteral(", ") + row;
            bind(values, entries.at(start + i));
        }
        const StoreResult<QSqlQuery> inserted = m_database.exec(sql, values);
        if (!inserted)
            return chainError(inserted.error(), tr("events"));
    }
    return {};
}

StoreResult<void> AuditChainWriter::chainRun(const QString &runId, bool first)
{
    StoreResult<QSqlQuery> row = m_database.exec(audit::runRecordSql(m_database.dialect()), {runId});
    if (!row)
        return chainError(row.error(), tr("run %1").arg(runId));
    if (!row->next())
        return StoreError{StoreError::Kind::NotFound, tr("Execution run '%1' not found").arg(runId)};
    AuditChainEntry entry;
    entry.runId = runId;
    entry.recordKind = audit::kindRun;
    entry.recordKey = runId;
    entry.contentHash = audit::contentHash(audit::kindRun, audit::recordFields(*row, audit::runColumnCount, audit::runJsonColumn));

    const StoreResult<Head> head = runHead(runId);
    if (!head)
        return chainError(head.error(), tr("run %1").arg(runId));
    if (first && head->position == 0) {
        // Link into the database chain: after the latest run's first entry. PostgreSQL: one
        // creator at a time (transaction-scoped advisory lock); SQLite's writer lock does that.
        if (m_database.dialect() == Dialect::Postgres) {
            const StoreResult<QSqlQuery> locked = m_database.exec(QStringLiteral("SELECT pg_advisory_xact_lock(?)"),
                                                                  {postgresChainLockKey});
            if (!locked)
                return chainError(locked.error(), tr("locking the database chain"));
        }
        StoreResult<QSqlQuery> latest = m_database.exec(
            QStringLiteral("SELECT database_position, entry_hash FROM workbench_audit_chain "
                           "WHERE database_position IS NOT NULL ORDER BY database_position DESC LIMIT 1"));
        if (!latest)
            return chainError(latest.error(), tr("reading the database chain"));
        if (latest->next()) {
            entry.databasePosition = latest->value(0).toLongLong() + 1;
            entry.previousHash = latest->value(1).toString();
        } else {
            entry.databasePosition = 1;
            entry.previousHash = audit::genesisHash();
        }
        entry.position = 1;
    } else {
        entry.position = head->position + 1;
        // A run created by a client that does not chain starts its chain here, outside the
        // database chain; the verifier reports its earlier records as unchained.
        entry.previousHash = head->position == 0 ? audit::genesisHash() : head->entryHash;
    }
    finish(entry);
    QList<AuditChainEntry> entries{entry};
    return insertEntries(entries);
}

StoreResult<void> AuditChainWriter::chainEvents(const QList<RunEvent> &events)
{
    if (events.isEmpty())
        return {};
    QHash<QString, Head> heads;
    QList<AuditChainEntry> entries;
    entries.reserve(events.size());
    const QString now = isoTimestampNow();
    for (const RunEvent &event : events) {
        auto head = heads.find(event.runId);
        if (head == heads.end()) {
            const StoreResult<Head> stored = runHead(event.runId);
            if (!stored)
                return chainError(stored.error(), tr("run %1").arg(event.runId));
            head = heads.insert(event.runId, *stored);
            if (head->position == 0)
                head->entryHash = audit::genesisHash();
        }
        AuditChainEntry entry;
        entry.runId = event.runId;
        entry.position = head->position + 1;
        entry.recordKind = audit::kindEvent;
        entry.recordKey = QString::number(event.sequenceNo);
        // The same fields, in the same form, as audit::eventRecordsSql reads back.
        entry.contentHash = audit::contentHash(
            audit::kindEvent,
            {event.runId, QString::number(event.sequenceNo), toString(event.stream), nonNull(event.eventType),
             event.payloadUtf8.isEmpty() ? QVariant(nonNull(event.payloadText)) : QVariant(event.payloadUtf8),
             QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact)), event.occurredAt});
        entry.previousHash = head->entryHash;
        entry.createdAt = now;
        finish(entry);
        head->position = entry.position;
        head->entryHash = entry.entryHash;
        entries.append(std::move(entry));
    }
    return insertEntries(entries);
}

StoreResult<void> AuditChainWriter::chainApproval(const QString &runId, qint64 approvalId)
{
    StoreResult<QSqlQuery> row = m_database.exec(audit::approvalRecordSql(), {approvalId});
    if (!row)
        return chainError(row.error(), tr("approval %1").arg(approvalId));
    if (!row->next())
        return StoreError{StoreError::Kind::NotFound, tr("Approval %1 not found").arg(approvalId)};
    const StoreResult<Head> head = runHead(runId);
    if (!head)
        return chainError(head.error(), tr("run %1").arg(runId));
    AuditChainEntry entry;
    entry.runId = runId;
    entry.position = head->position + 1;
    entry.recordKind = audit::kindApproval;
    entry.recordKey = QString::number(approvalId);
    entry.contentHash = audit::contentHash(audit::kindApproval,
                                           audit::recordFields(*row, audit::approvalColumnCount, -1));
    entry.previousHash = head->position == 0 ? audit::genesisHash() : head->entryHash;
    finish(entry);
    QList<AuditChainEntry> entries{entry};
    return insertEntries(entries);
}

} // namespace workbench::models
