#pragma once
// Supervises one run: a QProcess in its own process group, with stdin on /dev/null, output read
// from our own pipes (so reading can be paused for back-pressure), bounded coalesced chunks,
// a timeout watchdog, an output cap that keeps head and tail, and a timer-driven
// SIGTERM -> SIGKILL escalation against the whole group. It never blocks the thread it lives in.
#include "app/runtime/runtimetypes.h"

#include <QObject>
#include <QProcess>
#include <QTimer>

#include <array>
#include <memory>

class QSocketNotifier;

namespace workbench::runtime {

class RunSupervisor : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Running, Finished };

    explicit RunSupervisor(QObject *parent = nullptr);
    ~RunSupervisor() override; // a still running group is killed (SIGKILL)

    // Starts the run. Every outcome, launch failures included, arrives through finished()
    // (never synchronously from inside start()).
    void start(const LaunchSpec &spec);

    // SIGTERM to the group now, SIGKILL after the grace period if anything is left. Idempotent.
    void cancel(const QString &reason);

    // Back-pressure: while paused the pipes are not read, so a flooding child blocks in write().
    void pauseReading();
    void resumeReading();
    bool isReadingPaused() const { return m_readingPaused; }

    State state() const { return m_state; }
    qint64 processId() const { return m_pid; }
    qint64 processGroupId() const { return m_pid; } // the child calls setsid(): pgid == pid

Q_SIGNALS:
    void started(qint64 pid);
    void output(const workbench::runtime::OutputChunk &chunk);
    void notice(const workbench::runtime::RuntimeNotice &notice);
    void finished(const workbench::runtime::RunOutcome &outcome);

private:
    struct Channel
    {
        OutputStream stream = OutputStream::Stdout;
        int readFd = -1;
        int writeFd = -1; // the child's end; closed in the parent once the child is forked
        QSocketNotifier *notifier = nullptr;
        bool eof = false;
        QByteArray pending;           // live bytes not yet emitted
        QDateTime pendingSince;
        qint64 headRemaining = -1;    // bytes that may still be emitted live; -1 = no cap
        bool holdingTail = false;     // cap reached: bytes go to `tail`
        QByteArray tail;              // the most recent bytes, trimmed lazily to the tail budget
        qint64 received = 0;
        qint64 kept = 0;
    };

    void failLaunch(const QString &message);
    bool openPipes(QString *error);
    void closeChannel(Channel &channel);
    void readChannel(Channel &channel);
    void ingest(Channel &channel, const char *data, qsizetype size);
    void appendLive(Channel &channel, const char *data, qsizetype size);
    void appendTail(Channel &channel, const char *data, qsizetype size);
    void flushAll(bool final);
    void emitChunks(Channel &channel, bool final, bool onlyFullChunks);
    void emitChunk(Channel &channel, const QByteArray &bytes, const QDateTime &time, bool fromTail);
    void emitTail(Channel &channel);
    void emitNotice(RuntimeNotice::Kind kind, const QString &text, const QJsonObject &payload);

    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void onTimeout();
    void terminateGroup();
    void onKillTimer();
    void maybeFinish();
    void onDrainTimeout();
    void finish();

    LaunchSpec m_spec;
    State m_state = State::NotStarted;
    std::unique_ptr<QProcess> m_process;
    std::array<Channel, 2> m_channels;
    QByteArray m_readBuffer;
    QTimer m_coalesceTimer;
    QTimer m_timeoutTimer;
    QTimer m_killTimer;
    QTimer m_reapTimer;   // polls the group after SIGKILL until it is gone
    QTimer m_drainTimer;
    qint64 m_pid = 0;
    bool m_readingPaused = false;
    bool m_leaderExited = false;
    bool m_terminateSent = false;
    bool m_killSent = false;
    int m_reapPolls = 0;
    RunOutcome m_outcome;
};

} // namespace workbench::runtime
