#pragma once
// Access to the PostgreSQL server that tests/support/pg-fixture.sh starts for the ctest fixture
// "postgres": each test gets a scratch database of its own, dropped again afterwards.
#include <QString>
#include <QtTest>
#include <memory>

namespace workbench::test {

struct PostgresServer
{
    QString url;               // postgresql://postgres@127.0.0.1:PORT/workbench_test, empty if none
    QString unavailableReason; // why there is no server
};

// Reads the URL file the fixture wrote (path in WORKBENCH_PG_URL_FILE).
PostgresServer postgresServer();

class ScratchPostgresDatabase
{
public:
    // Creates a fresh, empty database on the fixture server. Null with *error set on failure.
    static std::unique_ptr<ScratchPostgresDatabase> create(const QString &serverUrl, QString *error);
    ~ScratchPostgresDatabase(); // drops the database (WITH (FORCE))
    QString url() const { return m_url; }

private:
    ScratchPostgresDatabase() = default;
    QString m_adminUrl;
    QString m_name;
    QString m_url;
};

// True when the CI environment variable is set: then a missing server is a failure, not a skip.
bool postgresRequired();

} // namespace workbench::test

// Skips the current test row when there is no PostgreSQL server, or fails it under CI.
#define WORKBENCH_REQUIRE_POSTGRES(server)                                                          \
    do {                                                                                            \
        if ((server).url.isEmpty()) {                                                               \
            const QByteArray why = "PostgreSQL fixture unavailable: " + (server).unavailableReason.toUtf8(); \
            if (workbench::test::postgresRequired())                                                \
                QFAIL(why.constData());                                                             \
            QSKIP(why.constData());                                                                 \
        }                                                                                           \
    } while (false)
