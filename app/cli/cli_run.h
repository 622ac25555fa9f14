#pragma once
#include "app/cli/cliio.h"

#include <QStringList>

namespace workbench::cli {

// `run --workspace DIR [options] [--] COMMAND`: judge, record, run and stream one command.
// Exits with the command's status; 3 = needs approval (recorded as blocked), 4 = denied.
int runRunCommand(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
