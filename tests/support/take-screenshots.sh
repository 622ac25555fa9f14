#!/usr/bin/env bash
# Reproduces docs/screenshots/*.png: runs the screenshot demo (fake CCDash, scratch store) under
# Xvfb for each stage and captures the real X11 screen with ImageMagick's `import`.
#   tests/support/take-screenshots.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$here/build}"
demo="$build/tests/ui/workbench-screenshot-demo"
out="$here/docs/screenshots"
mkdir -p "$out"
[ -x "$demo" ] || { echo "build the demo first: cmake --build $build --target workbench-screenshot-demo" >&2; exit 1; }

shoot() { # stage file [demo options...]
  local stage="$1" file="$2" scratch
  shift 2
  scratch="$(mktemp -d)"
  XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  xvfb-run -a -s '-screen 0 1440x900x24' bash -c '
    "$0" --stage "$1" --dir "$2" "${@:4}" > "$2/demo.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do grep -q READY "$2/demo.log" 2>/dev/null && break; sleep 0.1; done
    grep -q READY "$2/demo.log" || { cat "$2/demo.log" >&2; touch "$2/quit"; wait $pid; exit 1; }
    import -window root "$3"
    touch "$2/quit"; wait $pid 2>/dev/null || true
  ' "$demo" "$stage" "$scratch" "$out/$file" "$@"
  rm -rf "$scratch"
  echo "wrote $out/$file"
}

shoot finished main-window-finished-run.png
shoot running main-window-running-run.png
shoot approval approval-dialog.png
shoot finished main-window-dark.png --dark
