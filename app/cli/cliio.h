#pragma once
#include <QString>
#include <QStringView>
#include <QTextStream>

class QCommandLineParser;

namespace workbench::cli {

// Exit codes shared by every subcommand (sysexits-style where one exists).
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 64,       // EX_USAGE: bad arguments
    ExitDataError = 65,   // EX_DATAERR: malformed input data
    ExitUnavailable = 69, // EX_UNAVAILABLE: a server or the database cannot be reached
    ExitSoftware = 70,    // EX_SOFTWARE: internal error
};

// Where a subcommand writes. Tests pass their own buffers; main passes stdout/stderr.
struct CliIo
{
    QTextStream &out;
    QTextStream &err;
};

// Text that came from the store or from CCDash, made safe to print on a terminal in a table: control
// characters (C0, DEL, C1) and bidirectional overrides become visible escapes ("\\n", "\\e", "\\x07",
// "\\u202e"), so a stored or served value can neither move the cursor, retitle the window or write the
// clipboard with an escape sequence, nor hide part of a command, and one value stays on one line.
QString printable(QStringView text);

// parser.helpText() with the usage line naming the command as typed ("ccdash-workbench runs
// [options]") instead of the binary's path. `command` is the subcommand's name.
QString commandHelpText(const QCommandLineParser &parser, const QString &command);

} // namespace workbench::cli
