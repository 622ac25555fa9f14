#pragma once
#include "app/cli/cliio.h"

#include <QStringList>
#include <optional>

namespace workbench::cli {

// True when argv names a headless subcommand (or --help/--version), or its first argument is not an
// option (an unknown command, reported by runHeadless): no display is needed.
bool isHeadlessInvocation(const QStringList &arguments);

// Checks the window's own options once Qt has taken its options (-platform, -style, ...) out of
// `arguments` (QCoreApplication::arguments() after the QApplication exists). Returns ExitOk, or
// ExitUsage after explaining an unknown option or a stray argument on `err`.
int checkWindowArguments(const QStringList &arguments, QTextStream &err);

// Runs a headless invocation and returns its exit status. `arguments` includes argv[0].
int runHeadless(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
