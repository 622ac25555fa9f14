#pragma once
#include "app/cli/cliio.h"

#include <QStringList>

namespace workbench::cli {

// ccdash-workbench runs [--project ID] [--feature ID] [--status S] [--text T] [--limit N] [--offset N] [--json] [--database URL]
int runRunsCommand(const QStringList &arguments, CliIo io);
// ccdash-workbench events RUN_ID [--after-sequence N] [--limit N] [--json] [--database URL]
int runEventsCommand(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
