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

# ---- HTML pages: bimi check --format html and bimi convert --report (begin) ----
# The pages go to build/demo; their screenshots in docs/images are the README's pictures, generated
# here (commit them again when the pages change).
echo
echo "== bimi check --format html and bimi convert --report (pages in build/demo, pictures in docs/images)"
"$bimi" check samples/compliant samples/needs-work --format html >build/demo/check.html || true
"$bimi" convert samples/needs-work/inkscape-export.svg samples/bitmap/logo.jpg --out-dir build/demo/converted \
  --report build/demo/convert.html
if command -v chromium >/dev/null; then
  mkdir -p docs/images
  for page in check:check-page convert:convert-report; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir=build/demo/chromium \
      --window-size=1200,1500 --screenshot="docs/images/${page#*:}.png" "file://$PWD/build/demo/${page%%:*}.html" 2>/dev/null
  done
  echo "pictures: docs/images/check-page.png docs/images/convert-report.png"
fi
# ---- HTML pages (end) ----
