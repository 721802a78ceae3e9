#!/usr/bin/env bash
# Times `bimi check --profile spec` on every simple-icons logo beside xmllint's RelaxNG validation
# with the same schema. Installs the corpus with npm into bench/node_modules (never committed).
# Usage: bash bench/check_bench.sh [path/to/bimi]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bimi=${1:-$root/build/cli/bimi}
schema=$root/svgps/schema/SVG_PS-latest.rng
[ -x "$bimi" ] || { echo "build bimi first (bash scripts/build.sh)" >&2; exit 2; }
command -v xmllint >/dev/null || { echo "xmllint missing: apt-get install libxml2-utils" >&2; exit 2; }
(cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)

corpus=$here/node_modules/simple-icons/icons
files=$(find "$corpus" -name '*.svg' | wc -l)
bytes=$(cat "$corpus"/*.svg | wc -c)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Best of three wall-clock runs, in seconds.
best_of_three() {
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" >"$out/last" 2>&1 || true
    end=$(date +%s.%N)
    local t
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  printf '%.3f' "$best"
}

per_file_xmllint() {
  find "$corpus" -name '*.svg' | sort | head -n 300 | while read -r f; do
    xmllint --noout --relaxng "$schema" "$f" >/dev/null 2>&1 || true
  done
}

echo "corpus: simple-icons $(node -p "require('$here/node_modules/simple-icons/package.json').version"), $files files, $bytes bytes; $(nproc) cores"
t_all=$(best_of_three "$bimi" check --profile spec "$corpus")
"$bimi" check --profile spec --format json "$corpus" >"$out/bimi.json" || true
t_all1=$(best_of_three "$bimi" check -j 1 --profile spec "$corpus")
t_static=$(best_of_three "$bimi" check --profile spec --no-render "$corpus")
t_xmllint=$(best_of_three xmllint --noout --relaxng "$schema" "$corpus"/*.svg)
t_xmllint_300=$(best_of_three per_file_xmllint)

failed=$(node -e "const r=require('$out/bimi.json'); console.log(r.files.filter(f=>!f.valid).length)")
named=$(node -e "const r=require('$out/bimi.json'); console.log(r.files.filter(f=>f.findings.some(x=>x.rule==='version')&&f.findings.some(x=>x.rule==='base-profile')).length)")
xmllint_failed=$(xmllint --noout --relaxng "$schema" "$corpus"/*.svg 2>&1 | grep -c 'fails to validate' || true)

rate() { echo "scale=0; $files / $1" | bc; }
printf '\n%-52s %8s %10s\n' "tool" "seconds" "files/s"
printf '%-52s %8s %10s\n' "bimi check --profile spec (all rules, $(nproc) threads)" "$t_all" "$(rate "$t_all")"
printf '%-52s %8s %10s\n' "bimi check --profile spec -j 1" "$t_all1" "$(rate "$t_all1")"
printf '%-52s %8s %10s\n' "bimi check --profile spec --no-render" "$t_static" "$(rate "$t_static")"
printf '%-52s %8s %10s\n' "xmllint --relaxng, all files in one process" "$t_xmllint" "$(rate "$t_xmllint")"
per_file_total=$(echo "$t_xmllint_300 * $files / 300" | bc -l)
printf '%-52s %8.3f %10s\n' "xmllint --relaxng, one process per file (est.)" "$per_file_total" "$(echo "scale=0; 300 / $t_xmllint_300" | bc)"
echo
echo "bimi: $failed of $files fail; $named name both version and baseProfile on the root"
echo "xmllint: $xmllint_failed of $files fail to validate"
