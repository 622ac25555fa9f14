#!/usr/bin/env bash
# Renders the hicolor PNG sizes of the application icon from its SVG (resources/icons/).
# The PNGs are committed so a build needs no SVG renderer; re-run this after editing the SVG.
# Needs rsvg-convert (Debian package librsvg2-bin, listed in installer/install-deps.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
icons="$here/../resources/icons"
id=io.github.ccdash.Workbench

for size in 16 22 24 32 48 64 128 256; do
  rsvg-convert --width "$size" --height "$size" --format png \
    --output "$icons/$id-$size.png" "$icons/$id.svg"
done
echo "render-icons: wrote $(ls "$icons"/$id-*.png | wc -l) PNGs into resources/icons/" >&2
