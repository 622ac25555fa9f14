#!/usr/bin/env bash
# Installs exactly the Debian 12 packages CCDash Workbench needs to build, run and test.
# Idempotent; works as root without a terminal, or through sudo otherwise.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6.4 (Debian 12)
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev
  qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev libgl-dev
  # OpenSSL's SHA-256 for the audit chain (optional at configure time, much faster than Qt's)
  libssl-dev
  # platform plugins for offscreen and X11 runs
  qt6-qpa-plugins libxkbcommon-x11-0
  # PostgreSQL 15 server used by the repository tests
  postgresql-15 postgresql-client-15
  # test tooling: parser oracle, X11 screenshots, fuzzing runtime, compiler cache (preset asan)
  bash shfmt xvfb xauth x11-apps imagemagick clang-14 libclang-rt-14-dev ccache
  # packaging checks, icon rendering (installer/render-icons.sh), Qt's own translations
  dpkg-dev file desktop-file-utils appstream groff-base librsvg2-bin qt6-translations-l10n
)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
    --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present" >&2
fi
