#!/usr/bin/env bash
# Packaging check (run by installer/setup.sh test before ctest): builds the .deb and .tar.gz with
# CPack from the already-built tree in $WORKBENCH_BUILD_DIR, installs the .deb (dpkg -x into a
# temporary root; in CI as root also dpkg -i), validates the desktop integration files and runs
# the installed binary: --version, --help, headless policy-check and audit verify, an offscreen --self-test and a second launch that must
# hand over to the first instead of opening its own window. Also checks `cmake --install` into a
# fresh prefix.
set -euo pipefail

build=${WORKBENCH_BUILD_DIR:?WORKBENCH_BUILD_DIR must name the built tree}
build=$(cd "$build" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
app_id=io.github.ccdash.Workbench
work=$(mktemp -d)
installed_with_dpkg=0
first_pid=
cleanup() {
  if [ -n "$first_pid" ]; then kill "$first_pid" 2>/dev/null || true; fi
  if [ "$installed_with_dpkg" = 1 ]; then dpkg -r ccdash-workbench >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
pass() { echo "package: ok   $*"; }
fail() {
  echo "package: FAIL $*" >&2
  failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@" >"$work/last.log" 2>&1; then
    pass "$description"
  else
    fail "$description"
    sed 's/^/    /' "$work/last.log" >&2
  fi
}

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || {
  echo "package: no project version in $build/CMakeCache.txt" >&2
  exit 1
}

# --- the packages -------------------------------------------------------------------------------
if ! (cd "$build" && cpack -G "DEB;TGZ" -B "$work/packages" >"$work/cpack.log" 2>&1); then
  cat "$work/cpack.log" >&2
  echo "package: FAIL cpack builds the .deb and .tar.gz" >&2
  exit 1
fi
deb=$(ls "$work"/packages/ccdash-workbench_"$version"*_*.deb)
tgz=$(ls "$work"/packages/ccdash-workbench-"$version"-*.tar.gz)
pass "cpack built $(basename "$deb") and $(basename "$tgz")"

depends=$(dpkg-deb --field "$deb" Depends)
echo "package: Depends: $depends"
check "dpkg-shlibdeps derived the Qt dependencies" grep -q 'libqt6widgets6' <<<"$depends"
check "Depends names the SQLite driver plugin" grep -q 'libqt6sql6-sqlite' <<<"$depends"
check "Depends has glibc from dpkg-shlibdeps" grep -q 'libc6 (>=' <<<"$depends"

expected_files=(
  usr/bin/ccdash-workbench
  "usr/share/applications/$app_id.desktop"
  "usr/share/metainfo/$app_id.metainfo.xml"
  "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  usr/share/man/man1/ccdash-workbench.1.gz
  usr/share/doc/ccdash-workbench/copyright
)
for size in 16 22 24 32 48 64 128 256; do
  expected_files+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done

# --- install the .deb into a temporary root and look at what landed -----------------------------
debroot="$work/debroot"
dpkg-deb -x "$deb" "$debroot"
for file in "${expected_files[@]}"; do
  [ -f "$debroot/$file" ] || fail ".deb lacks /$file"
done
pass ".deb holds the binary, .desktop, metainfo, icons and man page"
check ".deb binary is stripped" bash -c "file -L '$debroot/usr/bin/ccdash-workbench' | grep -q ', stripped'"
for size in 16 22 24 32 48 64 128 256; do
  png="$debroot/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  file "$png" | grep -q "PNG image data, $size x $size," || fail "icon $png is not $size x $size"
done
pass "hicolor PNG icons have the sizes their directories claim"

desktop="$debroot/usr/share/applications/$app_id.desktop"
metainfo="$debroot/usr/share/metainfo/$app_id.metainfo.xml"
check "desktop-file-validate accepts the .desktop file" desktop-file-validate "$desktop"
check "appstreamcli validate --no-net accepts the metainfo" appstreamcli validate --no-net "$metainfo"
check "appstreamcli validate-tree accepts the installed tree (metainfo, .desktop, icons together)" \
  appstreamcli validate-tree --no-net "$debroot"
check ".desktop Icon= names the installed icon" grep -qx "Icon=$app_id" "$desktop"
check ".desktop Exec= runs the installed binary" grep -qx "Exec=ccdash-workbench" "$desktop"
check "metainfo launches the .desktop file" \
  grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"
check "metainfo declares the MIT project licence" grep -q '<project_license>MIT</project_license>' "$metainfo"
screenshots=$(grep -o '<image>[^<]*</image>' "$metainfo" | sed 's/<[^>]*>//g')
check "metainfo has screenshots" test -n "$screenshots"
for url in $screenshots; do
  # Each screenshot URL is the raw URL of a file in this repository (docs/screenshots/...).
  check "screenshot $url is a PNG in the repository" \
    bash -c "file '$source_dir/docs/${url#*/docs/}' | grep -q 'PNG image data'"
done
copyright="$debroot/usr/share/doc/ccdash-workbench/copyright"
check "Debian copyright is machine-readable and carries the licence" bash -c \
  "grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' '$copyright' &&
   grep -q '^License: Expat' '$copyright' && grep -q '^ Permission is hereby granted' '$copyright'"
newest_release=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | cut -d'"' -f2)
check "metainfo's newest release ($newest_release) is the project version ($version)" \
  test "$newest_release" = "$version"
check "man page is roff with a NAME section" \
  bash -c "zcat '$debroot/usr/share/man/man1/ccdash-workbench.1.gz' | grep -q '^\.SH NAME'"
if command -v groff >/dev/null; then
  check "man page renders without groff warnings" bash -c \
    "zcat '$debroot/usr/share/man/man1/ccdash-workbench.1.gz' | groff -man -Tutf8 -ww -z 2>&1 | (! grep .)"
fi

bin="$debroot/usr/bin/ccdash-workbench"
if [ "$(id -u)" = 0 ] && [ "${CI:-}" = true ]; then
  # On CI's throwaway machine the real package manager also checks that Depends can be met.
  check "dpkg -i installs the package" dpkg -i "$deb"
  if dpkg-query -W -f='${Status}' ccdash-workbench 2>/dev/null | grep -q "install ok installed"; then
    installed_with_dpkg=1
    bin=/usr/bin/ccdash-workbench
  fi
fi
echo "package: running $bin"

# --- run the installed binary -------------------------------------------------------------------
export XDG_RUNTIME_DIR="$work/runtime" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
unset CCDASH_WORKBENCH_DATABASE DISPLAY WAYLAND_DISPLAY LANGUAGE
export LC_ALL=C.UTF-8

check "--version prints the project version" bash -c "[ \"\$('$bin' --version)\" = 'ccdash-workbench $version' ]"
check "--help exits 0 and shows the usage" bash -c "'$bin' --help | grep -q '^Usage: ccdash-workbench'"
check "--help is German under LANG=de_DE.UTF-8" \
  bash -c "env -u LC_ALL LANG=de_DE.UTF-8 '$bin' --help | grep -q '^Aufruf: ccdash-workbench'"

check "policy-check --help is German under LANG=de_DE.UTF-8 (the CLI's own catalogue context)" \
  bash -c "env -u LC_ALL LANG=de_DE.UTF-8 '$bin' policy-check --help | grep -q 'Einen Shell-Befehl mit der Richtlinien-Engine'"

# Headless policy checks with the installed binary: the exit code is the verdict (0 allow,
# 3 requires approval, 4 deny, 64 usage error).
policy_ws="$work/policy workspace"
mkdir -p "$policy_ws"
expect_exit() { # expect_exit CODE COMMAND...: passes only if COMMAND exits with exactly CODE
  local expected=$1 status=0
  shift
  "$@" || status=$?
  echo "exit status $status (expected $expected)"
  [ "$status" = "$expected" ]
}
check "policy-check denies 'rm -rf /' with exit code 4" \
  expect_exit 4 "$bin" policy-check --workspace "$policy_ws" -- rm -rf /
check "policy-check allows 'ls' with exit code 0" \
  expect_exit 0 "$bin" policy-check --workspace "$policy_ws" -- ls
check "policy-check --json reports the deny verdict" \
  bash -c "'$bin' policy-check --json --workspace '$policy_ws' -- rm -rf / | grep -q '\"verdict\": *\"deny\"'"
check "policy-check without --workspace is a usage error (64)" \
  expect_exit 64 "$bin" policy-check -- ls

# The audit trail of an empty scratch database verifies cleanly; an unknown run is a data error.
check "audit verify on an empty scratch database exits 0" \
  expect_exit 0 "$bin" audit verify --database "$work/audit-empty.db"
check "audit verify of an unknown run exits 65" \
  expect_exit 65 "$bin" audit verify no-such-run --database "$work/audit-empty.db"

# The man page should cover every command and option --help lists. Other helpers add commands all
# the time, so a gap is reported as a warning here rather than failing everyone's build.
man_source=$(zcat "$debroot/usr/share/man/man1/ccdash-workbench.1.gz")
undocumented=0
for command in $("$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'); do
  if ! grep -qE "^\.SS \"?$command( |\"|$)" <<<"$man_source"; then
    echo "package: warn man page lacks the command '$command'" >&2
    undocumented=$((undocumented + 1))
    continue
  fi
  for option in $("$bin" "$command" --help 2>/dev/null | grep -oE '^ +(-[a-z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z][a-z-]*'); do
    case $option in --help | --help-all) continue ;; esac
    if ! grep -qF -- "${option//-/\\-}" <<<"$man_source"; then
      echo "package: warn man page lacks '$command $option'" >&2
      undocumented=$((undocumented + 1))
    fi
  done
done
[ "$undocumented" = 0 ] && pass "man page documents every command and option in --help"

check "offscreen --self-test shows the window, opens the database and exits 0" \
  env QT_QPA_PLATFORM=offscreen timeout 60 "$bin" --self-test
check "--self-test created the default database" test -f "$XDG_DATA_HOME/ccdash/ccdash-workbench/workbench.db"
check "an unknown window option exits 64 instead of opening the window" \
  expect_exit 64 env QT_QPA_PLATFORM=offscreen timeout 60 "$bin" --self-test --frobnicate
check "--self-test fails for a database it cannot open" bash -c \
  "! QT_QPA_PLATFORM=offscreen timeout 60 '$bin' --self-test --database /proc/no-such-dir/x.db"

# Two real launches on one database: the second hands over to the first and exits 0.
si_db="$work/single.db"
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='ccdash.workbench.singleinstance=true' \
  "$bin" --database "$si_db" >"$work/first.log" 2>&1 &
first_pid=$!
for _ in $(seq 1 300); do
  grep -q 'primary instance listening' "$work/first.log" && break
  kill -0 "$first_pid" 2>/dev/null || break
  sleep 0.1
done
check "first launch becomes the primary instance" grep -q 'primary instance listening' "$work/first.log"
check "second launch on the same database exits 0" \
  env QT_QPA_PLATFORM=offscreen timeout 60 "$bin" --database "$si_db" --ccdash-url http://127.0.0.1:9/from-second-launch
for _ in $(seq 1 300); do
  grep -q 'second launch brought this window forward' "$work/first.log" && break
  sleep 0.1
done
check "the first window was brought forward with the second launch's arguments" \
  grep -q 'second launch brought this window forward.*from-second-launch' "$work/first.log"
check "the first instance is still running" kill -0 "$first_pid"
kill "$first_pid" 2>/dev/null || true
wait "$first_pid" 2>/dev/null || true
first_pid=

# --- the tarball and `cmake --install` into a fresh prefix --------------------------------------
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
tgz_top=$(ls "$work/tgz")
prefix="$work/prefix with space"
if ! cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
  cat "$work/install.log" >&2
  fail "cmake --install into a fresh prefix"
fi
for file in "${expected_files[@]}"; do
  relative=${file#usr/}
  [ -f "$work/tgz/$tgz_top/$relative" ] || fail ".tar.gz lacks $relative"
  [ -f "$prefix/$relative" ] || fail "cmake --install --prefix lacks $relative"
done
pass ".tar.gz and cmake --install --prefix hold the same layout as the .deb"
check "binary installed into a fresh prefix runs" bash -c "'$prefix/bin/ccdash-workbench' --version | grep -q '$version'"

if [ "$failures" -gt 0 ]; then
  echo "package: $failures check(s) failed" >&2
  exit 1
fi
echo "package: all checks passed"
