// libFuzzer entry point for the CCDash response parsers (WORKBENCH_FUZZ=ON with clang):
//   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DWORKBENCH_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_ccdashparser
//   ./build-fuzz/tests/app/fuzz_ccdashparser -max_total_time=60 tests/fixtures/ccdash
// Every input must end in a value or a ParseError with a message; sanitizers catch the rest.
#include "app/ccdash/ccdashparser.h"

#include <cstdint>
#include <cstdlib>

using namespace workbench::ccdash;

template<typename T>
static void check(const Parsed<T> &parsed)
{
    if (!parsed.ok() && parsed.error().message.isEmpty())
        std::abort(); // an error must always say what is wrong
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(parseHealth(body));
    check(parseProjects(body));
    check(parseProject(body));
    check(parseProjectPaths(body));
    check(parseFeaturePage(body));
    check(parseExecutionContext(body));
    (void)errorDetailText(body);
    return 0;
}
