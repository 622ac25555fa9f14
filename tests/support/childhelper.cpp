// A scriptable child process for the runtime tests. Each argument is one action, run in order:
//   out:TEXT  err:TEXT          TEXT plus a newline on stdout / stderr
//   partial:TEXT  errpartial:TEXT   TEXT without a newline
//   flood:SIZE  flood-err:SIZE  SIZE bytes (suffix K, M, G = KiB, MiB, GiB) of the flood pattern
//   lines-err:N                 N lines "stderr line I" on stderr
//   interleave:N                N pairs "out I" on stdout then "err I" on stderr
//   trickle:N                   N lines "progress line I ..." on stdout, 10 ms apart (a build or test log)
//   sleep:SECONDS               (fractions allowed)
//   await:PATH                  wait until PATH exists (a test's go-ahead, no timing involved)
//   ignore-term                 ignore SIGTERM from now on
//   grandchild:SECONDS          fork a child that sleeps (output inherited); print "grandchild PID"
//   grandchild-stubborn:SECONDS the same, but the grandchild ignores SIGTERM
//   grandchild-quiet:SECONDS    the same, but the grandchild closes its output first
//   escape:SECONDS              fork a child that leaves the process group (setsid) and sleeps
//                               holding stdout open; print "escaped PID"
//   exit:K                      exit with status K
//   signal:S                    kill itself with signal S
//   invalid-utf8                bytes that are not UTF-8 on stdout
//   split-utf8                  multi-byte characters written in pieces with pauses between
//   flood-utf8:SIZE             SIZE bytes of "aé€😀" repeated, written in 4093-byte pieces (cut mid-character)
//   drained                     wait until the reader has read everything written to stdout and stderr
//   wait-file:PATH              wait until PATH exists (the test creates it when it saw the output so far)
//   pid                         "pid PID pgid PGID sid SID"
//   env:NAME                    "NAME=VALUE" or "NAME unset"
//   cwd                         the working directory
//   stdin                       "stdin-eof", "stdin-data" or "stdin-error"
// Plain C++ and POSIX only: it must start fast and behave exactly as written.
#include "tests/support/floodpattern.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace {

void writeAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            std::_Exit(120);
        }
        data += written;
        size -= std::size_t(written);
    }
}

void writeText(int fd, const std::string &text)
{
    writeAll(fd, text.data(), text.size());
}

void sleepSeconds(double seconds)
{
    timespec remaining{time_t(seconds), long((seconds - double(time_t(seconds))) * 1e9)};
    while (::nanosleep(&remaining, &remaining) != 0 && errno == EINTR) {
    }
}

unsigned long long parseSize(const std::string &text)
{
    char *end = nullptr;
    unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    switch (end && *end ? *end : ' ') {
    case 'K': value <<= 10; break;
    case 'M': value <<= 20; break;
    case 'G': value <<= 30; break;
    default: break;
    }
    return value;
}

void flood(int fd, unsigned long long total)
{
    std::vector<char> buffer(64 * 1024);
    unsigned long long offset = 0;
    while (offset < total) {
        const std::size_t length = std::size_t(std::min<unsigned long long>(buffer.size(), total - offset));
        workbench::testsupport::floodBytes(offset, buffer.data(), length);
        writeAll(fd, buffer.data(), length);
        offset += length;
    }
}

void floodUtf8(int fd, unsigned long long total)
{
    // 1 + 2 + 3 + 4 bytes: every character width; a piece size that is no multiple of 10 cuts them.
    static const char pattern[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
    constexpr std::size_t patternSize = sizeof pattern - 1;
    std::vector<char> buffer(4093);
    unsigned long long offset = 0;
    while (offset < total) {
        const std::size_t length = std::size_t(std::min<unsigned long long>(buffer.size(), total - offset));
        for (std::size_t i = 0; i < length; ++i)
            buffer[i] = pattern[(offset + i) % patternSize];
        writeAll(fd, buffer.data(), length);
        offset += length;
    }
}

// Bytes written to fd's pipe that the reader has not read yet (FIONREAD works on either end).
int unreadBytes(int fd)
{
    int count = 0;
    return ::ioctl(fd, FIONREAD, &count) == 0 ? count : 0;
}

// Bounded waits, so that a broken test fails instead of leaving the helper behind forever.
constexpr int MaxWaitPolls = 60000; // x 1 ms

void waitUntilDrained()
{
    for (int poll = 0; poll < MaxWaitPolls && (unreadBytes(1) > 0 || unreadBytes(2) > 0); ++poll)
        sleepSeconds(0.001);
}

void waitForFile(const std::string &path)
{
    for (int poll = 0; poll < MaxWaitPolls && ::access(path.c_str(), F_OK) != 0; ++poll)
        sleepSeconds(0.001);
    if (::access(path.c_str(), F_OK) != 0)
        std::_Exit(98);
}

pid_t forkSleeper(double seconds, bool ignoreTerm, bool closeOutput, bool leaveGroup)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (leaveGroup)
            ::setsid();
        if (ignoreTerm)
            ::signal(SIGTERM, SIG_IGN);
        if (closeOutput) {
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        sleepSeconds(seconds);
        std::_Exit(0);
    }
    return pid;
}

} // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string action = argv[i];
        const std::size_t colon = action.find(':');
        const std::string name = action.substr(0, colon);
        const std::string value = colon == std::string::npos ? std::string() : action.substr(colon + 1);

        if (name == "out") {
            writeText(1, value + "\n");
        } else if (name == "err") {
            writeText(2, value + "\n");
        } else if (name == "partial") {
            writeText(1, value);
        } else if (name == "errpartial") {
            writeText(2, value);
        } else if (name == "flood") {
            flood(1, parseSize(value));
        } else if (name == "flood-err") {
            flood(2, parseSize(value));
        } else if (name == "lines-err") {
            for (unsigned long long line = 0, count = parseSize(value); line < count; ++line)
                writeText(2, "stderr line " + std::to_string(line) + "\n");
        } else if (name == "interleave") {
            for (unsigned long long line = 0, count = parseSize(value); line < count; ++line) {
                writeText(1, "out " + std::to_string(line) + "\n");
                writeText(2, "err " + std::to_string(line) + "\n");
            }
        } else if (name == "trickle") {
            for (unsigned long long line = 0, count = parseSize(value); line < count; ++line) {
                writeText(1, "progress line " + std::to_string(line) + ": compiling one more file of the project\n");
                sleepSeconds(0.01);
            }
        } else if (name == "sleep") {
            sleepSeconds(std::atof(value.c_str()));
        } else if (name == "await") {
            while (::access(value.c_str(), F_OK) != 0)
                sleepSeconds(0.01);
        } else if (name == "ignore-term") {
            ::signal(SIGTERM, SIG_IGN);
        } else if (name == "grandchild" || name == "grandchild-stubborn" || name == "grandchild-quiet") {
            const pid_t pid = forkSleeper(std::atof(value.c_str()), name == "grandchild-stubborn",
                                          name == "grandchild-quiet", false);
            writeText(1, "grandchild " + std::to_string(pid) + "\n");
        } else if (name == "escape") {
            const pid_t pid = forkSleeper(std::atof(value.c_str()), false, false, true);
            writeText(1, "escaped " + std::to_string(pid) + "\n");
        } else if (name == "exit") {
            return std::atoi(value.c_str());
        } else if (name == "signal") {
            const int signal = std::atoi(value.c_str());
            ::signal(signal, SIG_DFL);
            ::raise(signal);
            sleepSeconds(5); // not reached for terminating signals
        } else if (name == "invalid-utf8") {
            writeText(1, std::string("bad:\xff\xfe\xc3\x28 end\n"));
        } else if (name == "split-utf8") {
            // "aé😀c\n" in pieces that cut both characters, with pauses so they arrive separately.
            const char *pieces[] = {"a\xc3", "\xa9" "b\xf0\x9f", "\x98", "\x80" "c\n"};
            for (const char *piece : pieces) {
                writeText(1, piece);
                sleepSeconds(0.05);
            }
        } else if (name == "flood-utf8") {
            floodUtf8(1, parseSize(value));
        } else if (name == "drained") {
            waitUntilDrained();
        } else if (name == "wait-file") {
            waitForFile(value);
        } else if (name == "pid") {
            writeText(1, "pid " + std::to_string(::getpid()) + " pgid " + std::to_string(::getpgrp()) + " sid "
                             + std::to_string(::getsid(0)) + "\n");
        } else if (name == "env") {
            const char *content = std::getenv(value.c_str());
            writeText(1, content ? value + "=" + content + "\n" : value + " unset\n");
        } else if (name == "cwd") {
            char buffer[4096];
            writeText(1, std::string(::getcwd(buffer, sizeof buffer) ? buffer : "?") + "\n");
        } else if (name == "stdin") {
            char byte;
            const ssize_t count = ::read(0, &byte, 1);
            writeText(1, count == 0 ? "stdin-eof\n" : count > 0 ? "stdin-data\n" : "stdin-error\n");
        } else {
            writeText(2, "childhelper: unknown action '" + action + "'\n");
            return 99;
        }
    }
    return 0;
}
