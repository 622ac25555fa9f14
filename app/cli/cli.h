#pragma once
#include "app/cli/cliio.h"

#include <QStringList>
#include <optional>

namespace workbench::cli {

// True when argv names a headless subcommand (or --help/--version), or its first argument is not an
// option (an unknown command, reported by runHeadless): no display is needed.
bool isHeadlessInvocation(const QStringList &arguments);

// Runs a headless invocation and returns its exit status. `arguments` includes argv[0].
int runHeadless(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
