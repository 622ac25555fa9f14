#pragma once
// How a judged command is really started: which program, which arguments, which environment.
#include "app/runtime/runtimetypes.h"
#include "policy/policytypes.h"

#include <QProcessEnvironment>

namespace workbench::runtime {

// The variables copied from the app's environment into every run (CCDash's allow-list).
const QStringList &environmentAllowList();

// Builds a run's environment from scratch: only the allow-listed variables of `source`, plus
// CI=1 for the `ci` profile and CCDASH_PROJECT_ROOT=<workspace> for `project` and `ci`.
// `default` and `minimal` are identical, as in CCDash.
QProcessEnvironment environmentForProfile(const QString &profile, const QString &workspaceRoot,
                                          const QProcessEnvironment &source
                                          = QProcessEnvironment::systemEnvironment());

// Program and arguments for a command the policy allowed. A plain simple command is executed
// directly (PolicyResult::launchArguments); anything with shell syntax runs under `/bin/sh -c`,
// or `/bin/bash -c` when it uses bash-only syntax. `shellCommand` is the text given to the shell
// (the source command, or the launcher invocation for agent commands).
struct CommandLine
{
    QString program;
    QStringList arguments;
};
CommandLine commandLineFor(const policy::PolicyResult &result, const QString &shellCommand);

// The whole LaunchSpec for a run; limits are filled in by the caller.
LaunchSpec launchSpecFor(const policy::PolicyResult &result, const QString &shellCommand,
                         const QString &envProfile, const QString &workspaceRoot);

} // namespace workbench::runtime
