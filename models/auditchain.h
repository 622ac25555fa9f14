#pragma once
// The tamper-evident audit chain over CCDash's execution tables. CCDash's tables stay exactly as
// CCDash defines them; the chain lives in workbench_audit_chain (migration 4): one entry per run
// row change, event and approval write, each carrying the hash of the record's content and the
// hash of the run's previous entry. A run's first entry also links to the previous run's first
// entry (the database chain). Each entry is sealed with an HMAC under a per-user key kept outside
// the database, so that recomputing the hashes after an edit needs that key. What this does and
// does not protect against: docs/architecture.md, "Audit chain".
//
// AuditChainWriter runs inside the repository's write transaction, so a record and its entry are
// committed together or not at all.
#include "models/database.h"
#include "models/executiontypes.h"
#include "models/storeresult.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>
#include <optional>

namespace workbench::models {

// The key that seals chain entries. Empty secret = none could be loaded or created (the chain is
// still written, unsealed; `problem` says why).
struct AuditSealKey
{
    QByteArray secret;
    QString id;      // 16 hex digits derived from the secret; stored with each seal
    QString path;
    QString problem;
    bool isValid() const { return !secret.isEmpty(); }
};

// $CCDASH_WORKBENCH_AUDIT_KEY_FILE, else <config>/ccdash-workbench/audit-seal.key
// (XDG_CONFIG_HOME or ~/.config).
QString auditSealKeyPath();
// Reads the key file, creating it (32 random bytes, mode 0600, folder 0700) when it is missing.
// A file that is not exactly a key, or readable by others, is refused (never overwritten).
AuditSealKey loadAuditSealKey(const QString &path);
// The process's key, loaded once from auditSealKeyPath().
const AuditSealKey &auditSealKey();

struct AuditChainEntry
{
    qint64 id = 0;
    QString runId;
    qint64 position = 0;                 // 1-based within the run
    QString recordKind;                  // "run", "event" or "approval"
    QString recordKey;                   // run id, event sequence number, approval id
    QString contentHash;
    QString previousHash;
    QString entryHash;
    std::optional<qint64> databasePosition; // set on a run's first entry only
    QString sealKeyId;
    QString seal;
    QString createdAt;
};

namespace audit {

inline constexpr QLatin1StringView kindRun{"run"};
inline constexpr QLatin1StringView kindEvent{"event"};
inline constexpr QLatin1StringView kindApproval{"approval"};
// previousHash of the very first run of a database.
QString genesisHash();

// SHA-256 (hex) over the kind and the fields, each length-prefixed; a null QVariant hashes
// differently from an empty string. JSON columns must be passed through canonicalJson first.
QString contentHash(QLatin1StringView kind, const QVariantList &fields);
// JSON text as Qt writes it compactly (sorted keys), so SQLite's text and PostgreSQL's JSONB
// rendering of the same object hash the same. Text that is not a JSON object is kept as is.
QString canonicalJson(const QVariant &jsonText);
// Hash over every field of the entry except id, entryHash and the seal.
QString entryHash(const AuditChainEntry &entry);
// HMAC-SHA256 (hex) of the entry hash under the key.
QString seal(const QByteArray &secret, const QString &entryHash);
// Frees the calling thread's hashing state (OpenSSL's per-thread error queue). OpenSSL frees it
// in a thread-exit destructor, but a thread that ends while the process exits can lose that race
// with OPENSSL_cleanup() and leak it; threads that hash call this just before they end.
void releaseThreadState();

// The canonical fields of each record kind, read with these SELECTs (one bound value: the run id,
// or for approvalRecordSql the approval id). The writer and the verifier use the same ones.
QString runRecordSql(Dialect dialect);
QString eventRecordsSql(Dialect dialect);   // all events of a run, by sequence
QString approvalRecordSql();                // one approval by id
QString approvalRecordsSql();               // all approvals of a run, by id
QVariantList recordFields(const QSqlQuery &query, int columnCount, int jsonColumn);
inline constexpr int runColumnCount = 22;
inline constexpr int runJsonColumn = 19;
inline constexpr int eventColumnCount = 7;  // run_id, sequence_no, stream, event_type, payload_text, payload_json, occurred_at
inline constexpr int eventJsonColumn = 5;
inline constexpr int approvalColumnCount = 8;

// One chain entry from a row selected as "id, run_id, position, record_kind, record_key,
// content_hash, previous_hash, entry_hash, database_position, seal_key_id, seal, created_at"
// (the verifier and the tests that rewrite the chain read entries the same way).
AuditChainEntry entryFromQuery(const QSqlQuery &query);

} // namespace audit

class AuditChainWriter
{
public:
    explicit AuditChainWriter(Database &database, const AuditSealKey &key = auditSealKey());

    // Each call must run inside the caller's write transaction, after the record was written.
    // The run row as stored now; `first` = the run was just created (links into the database chain).
    StoreResult<void> chainRun(const QString &runId, bool first);
    // Events exactly as inserted (sequence numbers set, payloads as bound); several runs allowed.
    StoreResult<void> chainEvents(const QList<RunEvent> &events);
    // The approval row as stored now.
    StoreResult<void> chainApproval(const QString &runId, qint64 approvalId);

private:
    struct Head
    {
        qint64 position = 0;
        QString entryHash;
    };
    StoreResult<Head> runHead(const QString &runId) const;
    StoreResult<void> insertEntries(QList<AuditChainEntry> &entries);
    void finish(AuditChainEntry &entry) const;

    Database &m_database;
    const AuditSealKey &m_key;
};

} // namespace workbench::models
