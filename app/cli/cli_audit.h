#pragma once
#include "app/cli/cliio.h"

#include <QStringList>

namespace workbench::cli {

// ccdash-workbench audit verify [RUN_ID] [--database URL] [--json] [--strict]
// Exit 0: nothing tampered (unchained or unsealed records are warnings unless --strict);
// 1: tampering found (or, with --strict, unchained/unsealed records); 64 usage; 65 unknown run;
// 69 the database cannot be opened; 70 a store error while reading.
int runAuditCommand(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
