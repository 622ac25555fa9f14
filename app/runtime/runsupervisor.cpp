#include "app/runtime/runsupervisor.h"

#include "app/runtime/processgroup.h"
#include "app/runtime/runtimelog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace workbench::runtime {

QString toString(OutputStream stream)
{
    return stream == OutputStream::Stdout ? QStringLiteral("stdout") : QStringLiteral("stderr");
}

namespace {

constexpr qsizetype ReadBufferSize = 256 * 1024;
constexpr int ReadsPerActivation = 8;      // then give the event loop (and the other stream) a turn
constexpr int PipeSize = 1024 * 1024;      // fewer wake-ups under a flood; best effort
constexpr int GroupPollIntervalMs = 25;
constexpr int GroupPollsAfterKill = 200;   // 5 s after SIGKILL we stop waiting and report

// The largest n <= size such that data[0, n) does not end inside an incomplete UTF-8 sequence.
// Invalid bytes are not held back: they are passed on (and preserved exactly by the chunk).
qsizetype utf8BoundaryBefore(const char *data, qsizetype size)
{
    for (qsizetype back = 1; back <= 3 && back <= size; ++back) {
        const auto byte = static_cast<unsigned char>(data[size - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // continuation byte: keep looking for the lead byte
        if (byte < 0xC0)
            return size; // ASCII (or stray byte): nothing is incomplete
        const qsizetype needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
        return needed > back ? size - back : size;
    }
    return size;
}

// Number of continuation bytes at the start of `data` (at most 3): a tail cut in the middle of
// a character starts with them; they are dropped so the kept tail starts on a character.
qsizetype leadingContinuationBytes(const QByteArray &data)
{
    qsizetype count = 0;
    while (count < 3 && count < data.size() && (static_cast<unsigned char>(data.at(count)) & 0xC0) == 0x80)
        ++count;
    return count;
}

void redirectInChild(int fd, int target)
{
    // Runs between fork() and exec(): async-signal-safe calls only.
    if (fd == target)
        ::fcntl(fd, F_SETFD, 0); // keep it across exec
    else
        ::dup2(fd, target);      // the duplicate does not inherit FD_CLOEXEC
}

QString launchErrorForProgram(const LaunchSpec &spec, QString *resolved)
{
    const QString &program = spec.program;
    if (program.isEmpty())
        return RunSupervisor::tr("Empty command token list.");
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(QDir(spec.workingDirectory), program);
        if (!info.exists())
            return RunSupervisor::tr("[Errno 2] No such file or directory: '%1'").arg(program);
        if (info.isDir() || !info.isExecutable())
            return RunSupervisor::tr("[Errno 13] Permission denied: '%1'").arg(program);
        *resolved = info.absoluteFilePath();
        return {};
    }
    // Search the run's PATH, not ours: the child sees only its allow-listed environment.
    const QStringList path = spec.environment.value(QStringLiteral("PATH")).split(QLatin1Char(':'), Qt::SkipEmptyParts);
    const QString found = path.isEmpty() ? QString() : QStandardPaths::findExecutable(program, path);
    if (found.isEmpty())
        return RunSupervisor::tr("[Errno 2] No such file or directory: '%1'").arg(program);
    *resolved = found;
    return {};
}

} // namespace

RunSupervisor::RunSupervisor(QObject *parent)
    : QObject(parent)
{
    m_channels[0].stream = OutputStream::Stdout;
    m_channels[1].stream = OutputStream::Stderr;
    m_coalesceTimer.setSingleShot(true);
    m_timeoutTimer.setSingleShot(true);
    m_killTimer.setSingleShot(true);
    m_drainTimer.setSingleShot(true);
    m_reapTimer.setInterval(GroupPollIntervalMs);
    connect(&m_coalesceTimer, &QTimer::timeout, this, [this] { flushAll(false); });
    connect(&m_timeoutTimer, &QTimer::timeout, this, &RunSupervisor::onTimeout);
    connect(&m_killTimer, &QTimer::timeout, this, &RunSupervisor::onKillTimer);
    connect(&m_drainTimer, &QTimer::timeout, this, &RunSupervisor::onDrainTimeout);
    connect(&m_reapTimer, &QTimer::timeout, this, [this] {
        if (m_killSent)
            ++m_reapPolls;
        maybeFinish();
    });
}

RunSupervisor::~RunSupervisor()
{
    if (m_process)
        m_process->disconnect(this);
    if (m_state == State::Running && m_pid > 0 && (!m_leaderExited || processGroupHasLiveMembers(m_pid))) {
        qCWarning(lcRuntime) << "supervisor destroyed while run" << m_pid << "was running; killing its group";
        signalProcessGroup(m_pid, SIGKILL);
    }
    for (Channel &channel : m_channels)
        closeChannel(channel);
    // ~QProcess reaps the (killed) leader.
}

void RunSupervisor::start(const LaunchSpec &spec)
{
    Q_ASSERT(m_state == State::NotStarted);
    m_spec = spec;
    if (m_spec.maxChunkBytes < 4)
        m_spec.maxChunkBytes = 4; // room for any UTF-8 character
    m_state = State::Running;

    const QFileInfo workingDirectory(spec.workingDirectory);
    if (!workingDirectory.exists()) {
        failLaunch(tr("[Errno 2] Working directory not found: '%1'").arg(spec.workingDirectory));
        return;
    }
    if (!workingDirectory.isDir()) {
        failLaunch(tr("[Errno 20] Working directory is not a directory: '%1'").arg(spec.workingDirectory));
        return;
    }
    QString program;
    if (const QString error = launchErrorForProgram(spec, &program); !error.isEmpty()) {
        failLaunch(error);
        return;
    }
    QString pipeError;
    if (!openPipes(&pipeError)) {
        failLaunch(pipeError);
        return;
    }

    for (Channel &channel : m_channels) {
        if (spec.outputCapBytes > 0)
            channel.headRemaining = spec.outputCapBytes / 2;
    }
    m_readBuffer.resize(ReadBufferSize);

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(spec.arguments);
    m_process->setWorkingDirectory(spec.workingDirectory);
    m_process->setProcessEnvironment(spec.environment);
    // QProcess wires the three standard streams to /dev/null; the modifier then puts our pipes on
    // 1 and 2 and makes the child the leader of a new session and process group.
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setStandardErrorFile(QProcess::nullDevice());
    const int stdoutFd = m_channels[0].writeFd;
    const int stderrFd = m_channels[1].writeFd;
    m_process->setChildProcessModifier([stdoutFd, stderrFd] {
        ::setsid();
        redirectInChild(stdoutFd, STDOUT_FILENO);
        redirectInChild(stderrFd, STDERR_FILENO);
    });
    connect(m_process.get(), &QProcess::started, this, [this] {
        qCDebug(lcRuntime) << "started" << m_process->program() << "pid" << m_pid;
        Q_EMIT started(m_pid);
    });
    connect(m_process.get(), &QProcess::finished, this, &RunSupervisor::onProcessFinished);
    connect(m_process.get(), &QProcess::errorOccurred, this, &RunSupervisor::onProcessError);

    m_process->start(QIODevice::ReadOnly);
    // The child has its copies now (or never will); ours must go so EOF can arrive.
    for (Channel &channel : m_channels) {
        if (channel.writeFd >= 0) {
            ::close(channel.writeFd);
            channel.writeFd = -1;
        }
    }
    if (m_state != State::Running)
        return; // start() failed synchronously and failLaunch() already ran
    m_pid = m_process->processId();

    for (Channel &channel : m_channels) {
        channel.notifier = new QSocketNotifier(qintptr(channel.readFd), QSocketNotifier::Read, this);
        Channel *channelPointer = &channel;
        connect(channel.notifier, &QSocketNotifier::activated, this,
                [this, channelPointer] { readChannel(*channelPointer); });
        channel.notifier->setEnabled(!m_readingPaused);
    }
    if (spec.timeout.count() > 0)
        m_timeoutTimer.start(spec.timeout);
}

bool RunSupervisor::openPipes(QString *error)
{
    for (Channel &channel : m_channels) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            *error = tr("Could not create an output pipe: %1").arg(QString::fromLocal8Bit(::strerror(errno)));
            for (Channel &opened : m_channels)
                closeChannel(opened);
            return false;
        }
        ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
#ifdef F_SETPIPE_SZ
        ::fcntl(fds[0], F_SETPIPE_SZ, PipeSize);
#endif
        channel.readFd = fds[0];
        channel.writeFd = fds[1];
    }
    return true;
}

void RunSupervisor::closeChannel(Channel &channel)
{
    if (channel.notifier) {
        channel.notifier->setEnabled(false);
        channel.notifier->deleteLater();
        channel.notifier = nullptr;
    }
    if (channel.readFd >= 0) {
        ::close(channel.readFd);
        channel.readFd = -1;
    }
    if (channel.writeFd >= 0) {
        ::close(channel.writeFd);
        channel.writeFd = -1;
    }
}

void RunSupervisor::failLaunch(const QString &message)
{
    qCInfo(lcRuntime) << "launch failed:" << message;
    m_outcome.kind = RunOutcome::Kind::LaunchFailed;
    m_outcome.exitCode = 0;
    m_outcome.errorMessage = message;
    m_leaderExited = true;
    for (Channel &channel : m_channels) {
        closeChannel(channel);
        channel.eof = true;
    }
    // Never from inside start(): the caller may still be wiring things up.
    QMetaObject::invokeMethod(this, &RunSupervisor::finish, Qt::QueuedConnection);
}

void RunSupervisor::pauseReading()
{
    m_readingPaused = true;
    for (Channel &channel : m_channels) {
        if (channel.notifier)
            channel.notifier->setEnabled(false);
    }
}

void RunSupervisor::resumeReading()
{
    if (!m_readingPaused)
        return;
    m_readingPaused = false;
    for (Channel &channel : m_channels) {
        if (channel.notifier)
            channel.notifier->setEnabled(true);
    }
    maybeFinish();
}

void RunSupervisor::readChannel(Channel &channel)
{
    for (int i = 0; i < ReadsPerActivation && channel.readFd >= 0 && !m_readingPaused; ++i) {
        const ssize_t count = ::read(channel.readFd, m_readBuffer.data(), size_t(m_readBuffer.size()));
        if (count > 0) {
            ingest(channel, m_readBuffer.constData(), qsizetype(count));
            if (count < m_readBuffer.size())
                break; // the pipe is drained
            continue;
        }
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (count < 0)
            qCWarning(lcRuntime) << "reading" << toString(channel.stream) << "failed:" << ::strerror(errno);
        closeChannel(channel);
        channel.eof = true;
        maybeFinish();
        return;
    }
}

void RunSupervisor::ingest(Channel &channel, const char *data, qsizetype size)
{
    channel.received += size;
    m_outcome.lastOutputAt = QDateTime::currentDateTimeUtc();
    if (channel.holdingTail) {
        appendTail(channel, data, size);
        return;
    }
    if (channel.headRemaining < 0 || size <= channel.headRemaining) {
        appendLive(channel, data, size);
        return;
    }
    // The head budget ends inside this read: cut on a character boundary, the rest is tail.
    const qsizetype cut = utf8BoundaryBefore(data, channel.headRemaining);
    appendLive(channel, data, cut);
    emitChunks(channel, /*final=*/true, /*onlyFullChunks=*/false);
    channel.holdingTail = true;
    const qint64 cap = m_spec.outputCapBytes;
    emitNotice(RuntimeNotice::Kind::OutputHeldBack,
               tr("%1 reached the output cap: its first %2 bytes are recorded live; of the rest, the last "
                  "%3 bytes are kept and recorded when the run ends.")
                   .arg(toString(channel.stream))
                   .arg(channel.kept)
                   .arg(cap - cap / 2),
               QJsonObject{{QStringLiteral("stream"), toString(channel.stream)},
                           {QStringLiteral("capBytes"), cap},
                           {QStringLiteral("headBytes"), channel.kept},
                           {QStringLiteral("tailBytes"), cap - cap / 2}});
    appendTail(channel, data + cut, size - cut);
}

void RunSupervisor::appendLive(Channel &channel, const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    // Keep the streams in the order they were read: whatever the other stream holds was read
    // before this, so it goes out first (all of it but an unfinished character). Only one stream
    // at a time holds coalesced output, so merging never reorders stdout and stderr.
    Channel &other = &channel == &m_channels[0] ? m_channels[1] : m_channels[0];
    if (!other.pending.isEmpty())
        emitChunks(other, /*final=*/false, /*onlyFullChunks=*/false);
    if (channel.pending.isEmpty()) {
        channel.pendingSince = QDateTime::currentDateTimeUtc();
        if (!m_coalesceTimer.isActive())
            m_coalesceTimer.start(m_spec.coalesceInterval);
    }
    channel.pending.append(data, size);
    if (channel.headRemaining >= 0)
        channel.headRemaining -= size;
    if (channel.pending.size() >= m_spec.maxChunkBytes)
        emitChunks(channel, false, true);
}

void RunSupervisor::appendTail(Channel &channel, const char *data, qsizetype size)
{
    const qint64 tailBudget = m_spec.outputCapBytes - m_spec.outputCapBytes / 2;
    channel.tail.append(data, size);
    // Trim lazily (amortised): the exact cut happens once, when the run ends.
    if (channel.tail.size() > 2 * tailBudget + ReadBufferSize)
        channel.tail.remove(0, channel.tail.size() - tailBudget);
}

void RunSupervisor::flushAll(bool final)
{
    Channel &first = m_channels[0].pendingSince <= m_channels[1].pendingSince ? m_channels[0] : m_channels[1];
    Channel &second = &first == &m_channels[0] ? m_channels[1] : m_channels[0];
    if (!first.pending.isEmpty())
        emitChunks(first, final, false);
    if (!second.pending.isEmpty())
        emitChunks(second, final, false);
}

void RunSupervisor::emitChunks(Channel &channel, bool final, bool onlyFullChunks)
{
    const QDateTime time = channel.pendingSince;
    const qsizetype size = channel.pending.size();
    qsizetype position = 0;
    while (position < size) {
        const qsizetype remaining = size - position;
        if (onlyFullChunks && remaining < m_spec.maxChunkBytes)
            break;
        qsizetype take = qMin(remaining, m_spec.maxChunkBytes);
        if (!final || take < remaining) {
            const qsizetype boundary = utf8BoundaryBefore(channel.pending.constData() + position, take);
            if (boundary > 0)
                take = boundary;
            else if (!final)
                break; // only an incomplete character is left: wait for the rest of it
        }
        emitChunk(channel, channel.pending.mid(position, take), time, false);
        position += take;
    }
    channel.pending.remove(0, position);
    if (!channel.pending.isEmpty()) {
        channel.pendingSince = QDateTime::currentDateTimeUtc();
        if (!m_coalesceTimer.isActive() && m_state == State::Running)
            m_coalesceTimer.start(m_spec.coalesceInterval);
    }
}

void RunSupervisor::emitChunk(Channel &channel, const QByteArray &bytes, const QDateTime &time, bool fromTail)
{
    OutputChunk chunk;
    chunk.stream = channel.stream;
    chunk.time = time;
    chunk.bytes = bytes;
    // Chunks end on character boundaries, so each decodes on its own; the reset only clears the
    // error flag of a previous chunk with invalid bytes.
    channel.decoder.resetState();
    chunk.text = channel.decoder.decode(bytes);
    chunk.validUtf8 = !channel.decoder.hasError();
    chunk.fromTail = fromTail;
    channel.kept += bytes.size();
    Q_EMIT output(chunk);
}

void RunSupervisor::emitTail(Channel &channel)
{
    if (!channel.holdingTail)
        return;
    const qint64 tailBudget = m_spec.outputCapBytes - m_spec.outputCapBytes / 2;
    if (channel.tail.size() > tailBudget)
        channel.tail.remove(0, channel.tail.size() - tailBudget);
    channel.tail.remove(0, leadingContinuationBytes(channel.tail));
    const qint64 headBytes = channel.kept;
    const qint64 dropped = channel.received - channel.kept - channel.tail.size();
    if (dropped > 0) {
        emitNotice(RuntimeNotice::Kind::OutputTruncated,
                   tr("Output truncated: %1 bytes of %2 were dropped (kept the first %3 and the last %4 bytes).")
                       .arg(dropped)
                       .arg(toString(channel.stream))
                       .arg(headBytes)
                       .arg(channel.tail.size()),
                   QJsonObject{{QStringLiteral("truncated"), true},
                               {QStringLiteral("stream"), toString(channel.stream)},
                               {QStringLiteral("droppedBytes"), dropped},
                               {QStringLiteral("keptHeadBytes"), headBytes},
                               {QStringLiteral("keptTailBytes"), qint64(channel.tail.size())}});
    }
    const QDateTime time = QDateTime::currentDateTimeUtc();
    qsizetype position = 0;
    while (position < channel.tail.size()) {
        qsizetype take = qMin(channel.tail.size() - position, m_spec.maxChunkBytes);
        if (position + take < channel.tail.size()) {
            const qsizetype boundary = utf8BoundaryBefore(channel.tail.constData() + position, take);
            if (boundary > 0)
                take = boundary;
        }
        emitChunk(channel, channel.tail.mid(position, take), time, true);
        position += take;
    }
    channel.tail.clear();
    channel.holdingTail = false;
}

void RunSupervisor::emitNotice(RuntimeNotice::Kind kind, const QString &text, const QJsonObject &payload)
{
    RuntimeNotice notice;
    notice.kind = kind;
    notice.time = QDateTime::currentDateTimeUtc();
    notice.text = text;
    notice.payload = payload;
    qCDebug(lcRuntime) << "notice:" << text;
    Q_EMIT this->notice(notice);
}

void RunSupervisor::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_state != State::Running || m_leaderExited)
        return;
    m_leaderExited = true;
    m_timeoutTimer.stop();
    if (status == QProcess::CrashExit) {
        // On Unix QProcess reports the terminating signal as the exit code of a crash.
        m_outcome.kind = RunOutcome::Kind::Signaled;
        m_outcome.signal = exitCode;
        m_outcome.exitCode = -exitCode;
    } else {
        m_outcome.kind = RunOutcome::Kind::Exited;
        m_outcome.exitCode = exitCode;
    }
    qCDebug(lcRuntime) << "leader" << m_pid << "exited" << exitCode << status;
    const QList<qint64> survivors = liveProcessGroupMembers(m_pid);
    if (!survivors.isEmpty() && !m_terminateSent) {
        QJsonArray pids;
        for (qint64 pid : survivors)
            pids.append(pid);
        emitNotice(RuntimeNotice::Kind::GroupOutlivedLeader,
                   tr("The command exited but %n process(es) of its group were still running; stopping them.",
                      nullptr, int(survivors.size())),
                   QJsonObject{{QStringLiteral("processGroup"), m_pid}, {QStringLiteral("pids"), pids}});
        terminateGroup();
    }
    maybeFinish();
}

void RunSupervisor::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || m_state != State::Running || m_leaderExited)
        return;
    failLaunch(m_process->errorString());
}

void RunSupervisor::cancel(const QString &reason)
{
    if (m_state != State::Running || m_outcome.canceled)
        return;
    if (m_outcome.kind == RunOutcome::Kind::LaunchFailed)
        return;
    m_outcome.canceled = true;
    m_outcome.cancelReason = reason;
    terminateGroup();
    maybeFinish();
}

void RunSupervisor::onTimeout()
{
    if (m_state != State::Running || m_leaderExited)
        return;
    m_outcome.timedOut = true;
    const double seconds = double(m_spec.timeout.count()) / 1000.0;
    emitNotice(RuntimeNotice::Kind::TimeoutReached, tr("Run timed out after %1 s.").arg(seconds),
               QJsonObject{{QStringLiteral("reason"), QStringLiteral("timeout")},
                           {QStringLiteral("timeoutSeconds"), seconds}});
    terminateGroup();
}

void RunSupervisor::terminateGroup()
{
    if (m_terminateSent || m_pid <= 0)
        return;
    m_terminateSent = true;
    const bool delivered = signalProcessGroup(m_pid, SIGTERM);
    emitNotice(RuntimeNotice::Kind::TerminateSent, tr("Sent SIGTERM to process group %1.").arg(m_pid),
               QJsonObject{{QStringLiteral("status"), QStringLiteral("terminating")},
                           {QStringLiteral("signal"), SIGTERM},
                           {QStringLiteral("processGroup"), m_pid},
                           {QStringLiteral("delivered"), delivered}});
    m_killTimer.start(m_spec.killGrace);
}

void RunSupervisor::onKillTimer()
{
    if (m_state != State::Running)
        return;
    if (m_leaderExited && !processGroupHasLiveMembers(m_pid)) {
        maybeFinish();
        return;
    }
    m_killSent = true;
    const bool delivered = signalProcessGroup(m_pid, SIGKILL);
    const double grace = double(m_spec.killGrace.count()) / 1000.0;
    emitNotice(RuntimeNotice::Kind::KillSent,
               tr("Sent SIGKILL to process group %1 after a %2 s grace period.").arg(m_pid).arg(grace),
               QJsonObject{{QStringLiteral("status"), QStringLiteral("killing")},
                           {QStringLiteral("signal"), SIGKILL},
                           {QStringLiteral("processGroup"), m_pid},
                           {QStringLiteral("graceSeconds"), grace},
                           {QStringLiteral("delivered"), delivered}});
    if (!m_reapTimer.isActive())
        m_reapTimer.start();
}

void RunSupervisor::maybeFinish()
{
    if (m_state != State::Running || !m_leaderExited)
        return;
    if (m_outcome.kind == RunOutcome::Kind::LaunchFailed)
        return; // finish() is already queued
    const bool outputClosed = m_channels[0].eof && m_channels[1].eof;
    const bool groupAlive = m_pid > 0 && processGroupHasLiveMembers(m_pid);
    if (groupAlive) {
        // Wait for the group to go (SIGTERM is out; SIGKILL follows after the grace period).
        if (!m_terminateSent)
            terminateGroup();
        if (m_killSent && m_reapPolls >= GroupPollsAfterKill) {
            qCWarning(lcRuntime) << "process group" << m_pid << "survived SIGKILL";
        } else {
            if (!m_reapTimer.isActive())
                m_reapTimer.start();
            return;
        }
    }
    m_reapTimer.stop();
    if (!outputClosed) {
        // Only processes outside the group can still hold the pipes; give them a moment.
        if (!m_readingPaused && !m_drainTimer.isActive())
            m_drainTimer.start(m_spec.drainTimeout);
        return;
    }
    finish();
}

void RunSupervisor::onDrainTimeout()
{
    if (m_state != State::Running)
        return;
    for (Channel &channel : m_channels) {
        if (channel.eof)
            continue;
        readChannel(channel);
        if (channel.eof)
            continue;
        emitNotice(RuntimeNotice::Kind::PipeHeldOpen,
                   tr("A process outside the run's process group kept %1 open; stopped reading it.")
                       .arg(toString(channel.stream)),
                   QJsonObject{{QStringLiteral("stream"), toString(channel.stream)}});
        closeChannel(channel);
        channel.eof = true;
    }
    maybeFinish();
}

void RunSupervisor::finish()
{
    if (m_state != State::Running)
        return;
    m_coalesceTimer.stop();
    m_timeoutTimer.stop();
    m_killTimer.stop();
    m_reapTimer.stop();
    m_drainTimer.stop();
    flushAll(true);
    for (Channel &channel : m_channels)
        emitTail(channel);
    for (Channel &channel : m_channels) {
        StreamAccounting &accounting = channel.stream == OutputStream::Stdout ? m_outcome.stdoutBytes
                                                                                : m_outcome.stderrBytes;
        accounting.receivedBytes = channel.received;
        accounting.keptBytes = channel.kept;
        accounting.droppedBytes = channel.received - channel.kept;
        closeChannel(channel);
    }
    m_outcome.endedAt = QDateTime::currentDateTimeUtc();
    m_state = State::Finished;
    qCDebug(lcRuntime) << "run" << m_pid << "finished: exit" << m_outcome.exitCode << "signal" << m_outcome.signal
                       << "canceled" << m_outcome.canceled << "timed out" << m_outcome.timedOut;
    Q_EMIT finished(m_outcome);
}

} // namespace workbench::runtime
