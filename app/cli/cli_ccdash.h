#pragma once
// Headless CCDash commands: projects, features, context.
#include "app/cli/cliio.h"

#include <QStringList>

namespace workbench::cli {

int runProjectsCommand(const QStringList &arguments, CliIo io);
int runFeaturesCommand(const QStringList &arguments, CliIo io);
int runContextCommand(const QStringList &arguments, CliIo io);

} // namespace workbench::cli
