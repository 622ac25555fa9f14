#pragma once
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace workbench::app {

// The database the window works on: `--database URL` (or `--database=URL`) on the command line,
// else $CCDASH_WORKBENCH_DATABASE, else workbench.db in the per-user data directory.
// `arguments` include argv[0].
QString resolveDatabaseLocation(const QStringList &arguments,
                                const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

// Opens the database once and runs a trivial query, through the same Qt SQL drivers the store uses.
// Returns an empty string on success, else a message that says what failed. Used by --self-test to
// prove an installed copy can reach its database (driver plugin present, file or server reachable).
QString probeDatabase(const QString &location);

} // namespace workbench::app
