#!/usr/bin/env bash
# A year of aggregate reports for a busy domain (20,000 report files, one million records, mixed
# formats: XML, gzip, zip, email; three schemas), read by `bimi dmarc report` and by the npm
# package dmarc-report-parser on the same files: reports per second and peak memory. A run on half
# the files shows whether memory stays flat as the input grows.
#   bash bench/dmarc_report_bench.sh [BUILD_DIR] [FILES]   (default: build 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-${BIMI_BUILD_DIR:-build}}"
files="${2:-20000}"
cmake --build "$build" --target bimi -j "$(nproc)" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 fixtures/dmarc-reports/generate.py year "$work/year" "$files"
python3 fixtures/dmarc-reports/generate.py year "$work/half" $((files / 2))
echo "corpus: $files files, $(du -sh "$work/year" | cut -f1) (and $((files / 2)) files for the memory check)"

run_bimi() {  # DIR -> "seconds peak_kib reports records"
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/cli/bimi" dmarc report "$1" --format json >"$work/out.json" || true
  python3 - "$work/out.json" "$(cat "$work/time")" <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
seconds, kib = sys.argv[2].split()
print(seconds, kib, len(out["reports"]), sum(r["would_fail"] for r in out["readiness"]), len(out["errors"]))
PY
}

printf '%-26s %8s %8s %10s %12s %10s\n' tool files reports seconds reports/s "peak MiB"
for dir in half year; do
  read -r seconds kib reports would_fail errors < <(run_bimi "$work/$dir")
  n=$(find "$work/$dir" -type f | wc -l)
  awk -v t="bimi ($dir)" -v n="$n" -v r="$reports" -v s="$seconds" -v k="$kib" \
    'BEGIN { printf "%-26s %8d %8d %10.2f %12.0f %10.1f\n", t, n, r, s, r / (s > 0 ? s : 0.01), k / 1024 }'
  [ "$errors" = 0 ] || echo "  bimi: $errors errors"
  echo "  messages failing DMARC (aligned SPF and aligned DKIM both fail): $would_fail"
done

# The peer, installed into the scratch directory (never committed).
if npm install --prefix "$work/npm" --no-audit --no-fund --silent dmarc-report-parser@0.1.5 >/dev/null 2>&1; then
  for dir in half year; do
    read -r n reports records failures seconds kib either both < <(NODE_PATH="$work/npm/node_modules" node bench/dmarc_report_parser.js "$work/$dir")
    awk -v t="dmarc-report-parser ($dir)" -v n="$n" -v r="$reports" -v s="$seconds" -v k="$kib" \
      'BEGIN { printf "%-26s %8d %8d %10.2f %12.0f %10.1f\n", t, n, r, s, r / (s > 0 ? s : 0.01), k / 1024 }'
    [ "$failures" = 0 ] || echo "  dmarc-report-parser: $failures files refused"
    echo "  messages in its dkimFailures or spfFailures (either fails): $either; of them both failed: $both"
  done
else
  echo "dmarc-report-parser: npm could not install it; skipped"
fi
