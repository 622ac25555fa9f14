#pragma once
// The flood pattern the child helper writes and the tests verify byte for byte: line i (from 0)
// is i as 15 zero-padded decimal digits plus '\n' (16 bytes); a flood of N bytes is the first N
// bytes of that infinite sequence. Plain C++ so the helper needs no Qt.
#include <cstdint>
#include <algorithm>
#include <cstddef>
#include <cstring>

namespace workbench::testsupport {

constexpr int FloodLineLength = 16;

inline void floodLine(std::uint64_t index, char *out)
{
    for (int digit = 14; digit >= 0; --digit) {
        out[digit] = char('0' + index % 10);
        index /= 10;
    }
    out[15] = '\n';
}

// Fills `out` with `length` bytes of the pattern starting at byte `offset`.
inline void floodBytes(std::uint64_t offset, char *out, std::size_t length)
{
    char line[FloodLineLength];
    std::uint64_t index = offset / FloodLineLength;
    std::size_t skip = std::size_t(offset % FloodLineLength);
    std::size_t written = 0;
    while (written < length) {
        floodLine(index++, line);
        const std::size_t take = std::min<std::size_t>(FloodLineLength - skip, length - written);
        std::memcpy(out + written, line + skip, take);
        written += take;
        skip = 0;
    }
}

} // namespace workbench::testsupport
