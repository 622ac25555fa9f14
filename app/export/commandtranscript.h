#pragma once
// "Copy with command and cwd": the output as it would look in a terminal session, preceded by the
// `cd` and the command that produced it, so a pasted transcript says where it came from.
#include <QString>

namespace workbench::app {

// Quotes `word` for a POSIX shell only when it needs it ('...' with embedded quotes escaped).
QString shellQuoted(const QString &word);

// "$ cd <cwd>\n$ <command>\n<output>" with a final newline; the cd line is left out when cwd is empty.
QString commandTranscript(const QString &cwd, const QString &command, const QString &output);

} // namespace workbench::app
