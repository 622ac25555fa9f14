#pragma once
// Headless policy check: `policy-check` judges one command, or a batch of JSON lines from stdin.
#include "app/cli/cliio.h"

#include <QIODevice>
#include <QStringList>

namespace workbench::cli {

// Exit status of a single check: allow 0, requires_approval 3, deny 4; usage errors 64.
enum PolicyExitCode : int {
    ExitPolicyAllow = 0,
    ExitPolicyRequiresApproval = 3,
    ExitPolicyDeny = 4,
};

int runPolicyCheckCommand(const QStringList &arguments, CliIo io);

// The same command reading its --batch input from `input` instead of stdin (used by tests).
int runPolicyCheckCommand(const QStringList &arguments, QIODevice &input, CliIo io);

// Draws `^^^` under the part [offset, offset + length) of `command`, on a copy of the line that holds it.
// Returns the two lines (without a trailing newline), or an empty string for an empty span.
QString underlineSpan(const QString &command, qsizetype offset, qsizetype length, const QString &indent);

} // namespace workbench::cli
