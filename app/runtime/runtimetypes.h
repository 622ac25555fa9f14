#pragma once
// Value types the RunSupervisor reports: output chunks, lifecycle notices and the final outcome.
// They know nothing about the store; the execution service turns them into CCDash events.
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>

namespace workbench::runtime {

enum class OutputStream { Stdout, Stderr };
QString toString(OutputStream stream); // "stdout" | "stderr" (CCDash's event stream names)

inline constexpr qsizetype DefaultMaxChunkBytes = 64 * 1024;

// What to execute and under which limits. Built by launchSpecFor() from a policy result.
struct LaunchSpec
{
    QString program;                       // name or path; resolved against the run's PATH
    QStringList arguments;
    QString workingDirectory;              // absolute
    QProcessEnvironment environment;       // the complete environment of the child
    std::chrono::milliseconds timeout{0};  // 0 = no watchdog
    qint64 outputCapBytes = 0;             // per stream; 0 = keep everything
    std::chrono::milliseconds killGrace{3000};     // SIGTERM -> SIGKILL
    std::chrono::milliseconds coalesceInterval{30}; // how long output may wait to be grouped
    std::chrono::milliseconds drainTimeout{2000};  // pipe held open by an escaped process
    // Bytes of output per chunk (= per stored event). Output is grouped up to this size while it
    // keeps coming within coalesceInterval: a flood becomes few large events (each event costs a
    // row and an audit chain entry), a trickle still arrives every coalesceInterval.
    qsizetype maxChunkBytes = DefaultMaxChunkBytes;
};

// A piece of one stream's output. `bytes` is exactly what the process wrote; `text` is its UTF-8
// decoding (with U+FFFD for invalid sequences, in which case validUtf8 is false and only `bytes` is
// faithful). Chunks always end on a character boundary, so no character is split between two.
struct OutputChunk
{
    OutputStream stream = OutputStream::Stdout;
    QDateTime time;       // when the first byte of the chunk was read
    QByteArray bytes;
    QString text;
    bool validUtf8 = true;
    bool fromTail = false; // part of the kept tail of a truncated stream
};

// One step of the run's life worth an audit event (signals sent, timeout, truncation...).
struct RuntimeNotice
{
    enum class Kind {
        TimeoutReached,
        TerminateSent,        // SIGTERM to the process group
        KillSent,             // SIGKILL to the process group
        GroupOutlivedLeader,  // members of the group were still running when the command exited
        OutputHeldBack,       // the head budget of a stream is used up; the tail is kept in memory
        OutputTruncated,      // bytes were dropped from the middle of a stream
        PipeHeldOpen,         // a process outside the group kept the output open; stopped reading
    };
    Kind kind = Kind::TerminateSent;
    QDateTime time;
    QString text;         // human sentence, translated
    QJsonObject payload;  // machine-readable detail
};

struct StreamAccounting
{
    qint64 receivedBytes = 0; // everything the process wrote
    qint64 keptBytes = 0;     // emitted as chunks
    qint64 droppedBytes = 0;  // == received - kept
};

struct RunOutcome
{
    enum class Kind {
        Exited,       // exitCode is the program's status
        Signaled,     // killed by signal `signal`; exitCode = -signal (as CCDash)
        LaunchFailed, // nothing ran; errorMessage says why
    };
    Kind kind = Kind::Exited;
    int exitCode = 0;
    int signal = 0;
    bool canceled = false;  // cancel() was called before the process ended
    bool timedOut = false;  // the watchdog fired
    QString cancelReason;
    QString errorMessage;   // launch failures
    StreamAccounting stdoutBytes;
    StreamAccounting stderrBytes;
    QDateTime lastOutputAt; // when the last byte was read (invalid if none)
    QDateTime endedAt;

    bool succeeded() const { return kind == Kind::Exited && exitCode == 0 && !canceled && !timedOut; }
};

} // namespace workbench::runtime

Q_DECLARE_METATYPE(workbench::runtime::OutputChunk)
Q_DECLARE_METATYPE(workbench::runtime::RuntimeNotice)
Q_DECLARE_METATYPE(workbench::runtime::RunOutcome)
