#include "app/runtime/processgroup.h"

#include <QByteArray>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <sys/types.h>

namespace workbench::runtime {

namespace {

struct ProcStat
{
    char state = '?';
    qint64 processGroup = -1;
    qint64 startTime = -1; // clock ticks after boot
};

// /proc/PID/stat is "pid (comm) S ppid pgrp ..."; comm may itself contain spaces and parentheses.
bool readProcStat(const QString &pidDirectory, ProcStat &stat)
{
    QFile file(pidDirectory + QLatin1String("/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = file.read(4096);
    const qsizetype commandEnd = line.lastIndexOf(')');
    if (commandEnd < 0)
        return false;
    const QList<QByteArray> fields = line.mid(commandEnd + 2).split(' ');
    if (fields.size() < 3 || fields.at(0).isEmpty())
        return false;
    stat.state = fields.at(0).at(0);
    bool ok = false;
    stat.processGroup = fields.at(2).toLongLong(&ok);
    // Fields after "(comm)" start at stat field 3 (state); starttime is field 22.
    if (fields.size() > 19)
        stat.startTime = fields.at(19).toLongLong();
    return ok;
}

bool isGone(char state)
{
    return state == 'Z' || state == 'X' || state == 'x';
}

} // namespace

QList<qint64> liveProcessGroupMembers(qint64 pgid)
{
    QList<qint64> members;
    if (pgid <= 0)
        return members;
    const QDir proc(QStringLiteral("/proc"));
    if (!proc.exists()) {
        // No procfs: kill(-pgid, 0) cannot tell zombies apart, but it is the best we have.
        if (::kill(pid_t(-pgid), 0) == 0 || errno == EPERM)
            members << pgid;
        return members;
    }
    const QStringList entries = proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        ProcStat stat;
        if (readProcStat(proc.filePath(entry), stat) && stat.processGroup == pgid && !isGone(stat.state))
            members << pid;
    }
    return members;
}

qint64 processStartTime(qint64 pid)
{
    ProcStat stat;
    if (pid <= 0 || !readProcStat(QStringLiteral("/proc/%1").arg(pid), stat) || isGone(stat.state))
        return -1;
    return stat.startTime;
}

bool processGroupHasLiveMembers(qint64 pgid)
{
    return !liveProcessGroupMembers(pgid).isEmpty();
}

bool processIsAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    ProcStat stat;
    if (readProcStat(QStringLiteral("/proc/%1").arg(pid), stat))
        return !isGone(stat.state);
    if (QDir(QStringLiteral("/proc")).exists())
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

bool signalProcessGroup(qint64 pgid, int signal)
{
    if (pgid <= 0)
        return false;
    if (::kill(pid_t(-pgid), signal) == 0)
        return true;
    if (errno == ESRCH)
        return ::kill(pid_t(pgid), signal) == 0;
    return false;
}

} // namespace workbench::runtime
