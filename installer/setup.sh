#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine:
#   installer/setup.sh run   [app options]  install dependencies, build, start the workbench window
#   installer/setup.sh test                 install dependencies, build, run the whole test suite
#   installer/setup.sh build                install dependencies and build only
# Works as root without a terminal, or as a normal user with sudo for the package step.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build_dir=${WORKBENCH_BUILD_DIR:-$root/build}
mode=${1:-run}
[ $# -gt 0 ] && shift

bash "$here/install-deps.sh"

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --parallel "$jobs"

case "$mode" in
  build)
    ;;
  run)
    exec "$build_dir/app/ccdash-workbench" "$@"
    ;;
  test)
    # Extra checks that are not QtTest suites run first, so ctest's summary stays the last output.
    for check in "$root"/tests/checks/*.sh; do
      [ -e "$check" ] || continue
      echo "== $(basename "$check")"
      WORKBENCH_BUILD_DIR="$build_dir" bash "$check"
    done
    cd "$build_dir"
    exec ctest --output-on-failure --parallel "$jobs" --timeout 600
    ;;
  *)
    echo "usage: $0 [run|test|build] [app options]" >&2
    exit 64
    ;;
esac
