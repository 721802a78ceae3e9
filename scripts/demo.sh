#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine, builds bimi and runs it on the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
bimi=build/cli/bimi

echo
echo "== bimi check samples/compliant (logos that pass; warnings are advice)"
"$bimi" check samples/compliant
echo
echo "== bimi check samples/needs-work (a typical editor export: every finding names its rule and line)"
"$bimi" check samples/needs-work || echo "(exit $?: the file needs work, as expected)"
echo
echo "== bimi convert samples/needs-work/inkscape-export.svg (rewritten, checked, fidelity measured)"
mkdir -p build/demo
"$bimi" convert samples/needs-work/inkscape-export.svg -o build/demo/inkscape-export.svg
echo
echo "== bimi convert samples/bitmap/logo.jpg (a JPEG traced into shapes, checked, fidelity measured)"
"$bimi" convert samples/bitmap/logo.jpg -o build/demo/bitmap-logo.svg --title "Bitmap logo"
echo
echo "== bimi check build/demo/inkscape-export.svg"
"$bimi" check build/demo/inkscape-export.svg
echo
echo "== bimi hash build/demo/inkscape-export.svg (what a CA asks for)"
"$bimi" hash build/demo/inkscape-export.svg
echo
echo "== bimi preview build/demo/inkscape-export.svg (as inboxes crop it, light and dark; the README's picture)"
mkdir -p docs/images
"$bimi" preview build/demo/inkscape-export.svg -o docs/images/preview-sheet.png --html build/demo/preview.html
