#pragma once
#include "app/cli/cliio.h"

#include <QStringList>

namespace workbench::cli {

// export RUN_ID --format FORMAT [--output FILE|-] [--force] [--database URL]
int runExportCommand(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
