#!/usr/bin/env bash
# The whole ctest suite again, built with AddressSanitizer + UndefinedBehaviorSanitizer (preset `asan`,
# build dir build-asan, -O1, every report fatal) and LeakSanitizer on, with its own PostgreSQL fixture.
# Any sanitizer report fails the check, also one from a child process a test started (the CLI binary,
# the child helper): reports go to files under a fresh directory, which must stay empty.
# Leak reports that come from Qt's or the system's own caches are suppressed narrowly in
# tests/checks/lsan.supp (each entry says why); nothing of ours is suppressed.
# WORKBENCH_SANITIZERS=0 skips the check (for a quick local `setup.sh test`; CI always runs it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ "${WORKBENCH_SANITIZERS:-1}" = 0 ] && [ -z "${CI:-}" ]; then
  echo "sanitizers: skipped (WORKBENCH_SANITIZERS=0)"
  exit 0
fi
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2

cd "$root"
started=$(date +%s)
cmake --preset asan >/dev/null
cmake --build build-asan --parallel "$jobs"
built=$(date +%s)

reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
# halt_on_error + -fno-sanitize-recover=all: the first report ends the process with a failure.
export ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1:halt_on_error=1:abort_on_error=0:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$root/tests/checks/lsan.supp:print_suppressions=0"

status=0
ctest --test-dir build-asan --output-on-failure --parallel "$jobs" --timeout 900 || status=$?
finished=$(date +%s)

found=$(find "$reports" -type f | sort)
if [ -n "$found" ]; then
  for report in $found; do
    echo "== sanitizer report $(basename "$report")"
    head -n 60 "$report"
  done
  echo "sanitizers: FAILED ($(echo "$found" | wc -l) sanitizer report(s))" >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  echo "sanitizers: FAILED (ctest exit $status under ASan+UBSan)" >&2
  exit 1
fi
echo "sanitizers: OK (build $((built - started)) s, tests $((finished - built)) s, no reports)"
