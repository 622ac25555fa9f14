#pragma once
// Small POSIX helpers around process groups, used by the supervisor and by startup recovery.
#include <QList>

namespace workbench::runtime {

// Processes (not zombies) whose process group is `pgid`, found through /proc.
QList<qint64> liveProcessGroupMembers(qint64 pgid);
bool processGroupHasLiveMembers(qint64 pgid);

// When a live process started, in clock ticks after boot (/proc/PID/stat field 22); -1 if unknown.
qint64 processStartTime(qint64 pid);

// True when `pid` exists and is not a zombie.
bool processIsAlive(qint64 pid);

// kill(-pgid, signal); falls back to the leader alone when the group does not exist yet (the child
// may not have called setsid() when a cancel arrives right after start). Returns true if delivered.
bool signalProcessGroup(qint64 pgid, int signal);

} // namespace workbench::runtime
