#!/usr/bin/env bash
# Builds the libFuzzer target (preset `fuzz`: clang++-14, ASan+UBSan, build dir build-fuzz) and fuzzes the
# policy parser and engine for 60 seconds from the committed seeds. Fails on any crash, hang (5 s per
# input), out-of-memory (2 GiB) or sanitizer report; the offending input is printed and kept.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${WORKBENCH_FUZZ_SECONDS:-60}
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2

cd "$root"
cmake --preset fuzz >/dev/null
cmake --build build-fuzz --target fuzz_policy --parallel "$jobs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/new" "$work/artifacts"

# New inputs go to $work/new; the committed seeds are only read.
status=0
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  ./build-fuzz/tests/fuzz/fuzz_policy -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
  "$work/new" "$root/tests/fuzz/corpus/policy" >"$work/log" 2>&1 || status=$?

grep -A20 -E "ERROR: |runtime error:|deadly signal|timeout after" "$work/log" | head -n 40 || true
tail -n 8 "$work/log"
artifacts=$(find "$work/artifacts" -type f | head -n 5)
if [ "$status" -ne 0 ] || [ -n "$artifacts" ]; then
  echo "fuzz-policy: FAILED (status $status)" >&2
  for artifact in $artifacts; do
    kept="$root/build-fuzz/$(basename "$artifact")"
    cp "$artifact" "$kept"
    echo "fuzz-policy: input kept in $kept; base64:" >&2
    base64 "$artifact" >&2
  done
  exit 1
fi
echo "fuzz-policy: OK ($seconds s, $(find "$work/new" -type f | wc -l) new inputs not kept)"
