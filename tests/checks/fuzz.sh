#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang++-14, ASan+UBSan, build dir build-fuzz) and fuzzes each
# one for a bounded time from its committed seeds in tests/fuzz/corpus/<target>:
#   fuzz_policy  shell parser + policy engine          60 s
#   fuzz_ansi    ANSI parser + line splitter           30 s
#   fuzz_ccdash  every CCDash response parser          30 s
#   fuzz_events  stored events -> output model/exports 30 s
# Fails on any crash, hang (5 s per input), out-of-memory (2 GiB), broken invariant (the targets abort())
# or sanitizer report; the offending input is printed and kept in build-fuzz/.
# WORKBENCH_FUZZ_SECONDS overrides every target's time; WORKBENCH_FUZZ_TARGETS picks targets;
# WORKBENCH_FUZZ_KEEP=1 merges new coverage into the committed corpora (for a developer's longer runs).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2
declare -A default_seconds=([fuzz_policy]=60 [fuzz_ansi]=30 [fuzz_ccdash]=30 [fuzz_events]=30)
targets=${WORKBENCH_FUZZ_TARGETS:-fuzz_policy fuzz_ansi fuzz_ccdash fuzz_events}

cd "$root"
cmake --preset fuzz >/dev/null
# shellcheck disable=SC2086
cmake --build build-fuzz --target $targets --parallel "$jobs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
for target in $targets; do
  name=${target#fuzz_}
  seconds=${WORKBENCH_FUZZ_SECONDS:-${default_seconds[$target]:-30}}
  corpus="$root/tests/fuzz/corpus/$name"
  dict=()
  [ -f "$root/tests/fuzz/$name.dict" ] && dict=(-dict="$root/tests/fuzz/$name.dict")
  mkdir -p "$work/$name/new" "$work/$name/artifacts"

  # New inputs go to $work/<name>/new; the committed seeds are only read.
  status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "./build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix="$work/$name/artifacts/" -print_final_stats=1 "${dict[@]}" \
    "$work/$name/new" "$corpus" >"$work/$name/log" 2>&1 || status=$?

  artifacts=$(find "$work/$name/artifacts" -type f | head -n 5)
  if [ "$status" -ne 0 ] || [ -n "$artifacts" ]; then
    grep -E -A20 "broken promise|ERROR: |runtime error:|deadly signal|timeout after" "$work/$name/log" | head -n 40 \
      || tail -n 20 "$work/$name/log"
    echo "fuzz: $target FAILED (status $status)" >&2
    for artifact in $artifacts; do
      kept="$root/build-fuzz/$name-$(basename "$artifact")"
      cp "$artifact" "$kept"
      echo "fuzz: input kept in $kept; base64:" >&2
      base64 "$artifact" >&2
    done
    failed=1
    continue
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$work/$name/log" | grep -oE '[0-9]+$' || echo "?")
  echo "fuzz: $target OK ($seconds s, $runs inputs, $(find "$work/$name/new" -type f | wc -l) new not kept)"
  if [ "${WORKBENCH_FUZZ_KEEP:-0}" = 1 ]; then
    "./build-fuzz/tests/fuzz/$target" -merge=1 "$corpus" "$work/$name/new" >/dev/null 2>&1
    echo "fuzz: merged new coverage into $corpus"
  fi
done
exit "$failed"
