#!/usr/bin/env bash
# Times `bimi check --profile spec` on every simple-icons logo beside xmllint's RelaxNG validation
# with the same schema, all in one run: all rules, --no-render, xmllint with every file in one
# process, how many logos needed a render, and the start-up time of `check` and `hash` on one file.
# The corpus is installed with npm into bench/node_modules (never committed); BIMI_BENCH_CORPUS
# names another directory of SVG files instead.
# Usage: bash bench/check_bench.sh [path/to/bimi]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bimi=$(readlink -f "${1:-$root/build/cli/bimi}")
schema=$root/svgps/schema/SVG_PS-latest.rng
small=$root/fixtures/visual/proved-content-inside.svg
[ -x "$bimi" ] || { echo "build bimi first (bash scripts/build.sh)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install libxml2-utils" >&2; exit 2; }
if [ -n "${BIMI_BENCH_CORPUS:-}" ]; then
  corpus=$(readlink -f "$BIMI_BENCH_CORPUS")
  label="$corpus"
else
  (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)
  corpus=$here/node_modules/simple-icons/icons
  label="simple-icons $(node -p "require('$here/node_modules/simple-icons/package.json').version")"
fi

files=$(find "$corpus" -maxdepth 1 -name '*.svg' | wc -l)
bytes=$(cat "$corpus"/*.svg | wc -c)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Best of five wall-clock runs, in seconds; runs alternate between the tools being compared, so a
# busy machine slows them alike.
now() { date +%s.%N; }
seconds() {
  local start end
  start=$(now)
  "$@" >"$out/last" 2>&1 || true
  end=$(now)
  echo "$end - $start" | bc
}
declare -A best
keep_best() {  # name command...
  local name=$1
  shift
  local t
  t=$(seconds "$@")
  if [ -z "${best[$name]:-}" ] || [ "$(echo "$t < ${best[$name]}" | bc)" = 1 ]; then best[$name]=$t; fi
}
# Mean milliseconds of one short command over many runs (process start-up included).
per_run_ms() {  # runs command...
  local runs=$1
  shift
  local start end
  start=$(now)
  for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done
  end=$(now)
  echo "scale=2; ($end - $start) * 1000 / $runs" | bc
}

for _ in 1 2 3 4 5; do
  keep_best all "$bimi" check --profile spec "$corpus"
  keep_best xmllint xmllint --noout --relaxng "$schema" "$corpus"/*.svg
  keep_best static "$bimi" check --profile spec --no-render "$corpus"
done
keep_best all1 "$bimi" check -j 1 --profile spec "$corpus"

"$bimi" check --profile spec --format json "$corpus" >"$out/bimi.json" || true
"$bimi" check --profile spec --count-renders "$corpus" >/dev/null 2>"$out/renders" || true
renders=$(grep -o "[0-9]* of [0-9]* files rendered by librsvg, [0-9]* drawn directly" "$out/renders" || echo "not counted by this build")
failed=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(sum(not f['valid'] for f in r['files']))" "$out/bimi.json")
xmllint_failed=$(xmllint --noout --relaxng "$schema" "$corpus"/*.svg 2>&1 | grep -c 'fails to validate' || true)

check_ms=$(per_run_ms 200 "$bimi" check "$small")
hash_ms=$(per_run_ms 200 "$bimi" hash "$small")
true_ms=$(per_run_ms 200 /bin/true)

rate() { echo "scale=0; $files / $1" | bc; }
echo "corpus: $label, $files files, $bytes bytes; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '\n%-56s %8s %10s\n' "tool (best of 5)" "seconds" "files/s"
printf '%-56s %8.3f %10s\n' "bimi check --profile spec (all rules, $(nproc) threads)" "${best[all]}" "$(rate "${best[all]}")"
printf '%-56s %8.3f %10s\n' "bimi check --profile spec -j 1 (best of 1)" "${best[all1]}" "$(rate "${best[all1]}")"
printf '%-56s %8.3f %10s\n' "bimi check --profile spec --no-render" "${best[static]}" "$(rate "${best[static]}")"
printf '%-56s %8.3f %10s\n' "xmllint --relaxng, all files in one process" "${best[xmllint]}" "$(rate "${best[xmllint]}")"
echo
echo "pictures: $renders (the others were settled from the document)"
echo "bimi: $failed of $files fail; xmllint: $xmllint_failed of $files fail to validate"
printf '\none file, mean of 200 runs: bimi check %s ms, bimi hash %s ms (starting /bin/true: %s ms)\n' \
  "$check_ms" "$hash_ms" "$true_ms"
