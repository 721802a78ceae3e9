#!/usr/bin/env bash
# Traces bitmap logos with bimi, with the potrace command line and with imagetracerjs, then prints
# per file set: outputs made, structural similarity of each output against its input bitmap
# (bimi compare, 256 px), bytes, time per file, outputs within 32 KiB and outputs that pass
# `bimi check --profile strict`, beside bimi's goals for tracing.
# File sets, made in a temp dir from the npm corpora (bimi render, 512 px):
#   mono   simple-icons, black on transparent PNG (every 10th logo; TRACE_BENCH_ALL=1 for all)
#   png    super-tiny-icons, colour PNG
#   jpeg   the same renders flattened on white, JPEG quality 90
# Corpora and imagetracerjs are installed with npm into bench/node_modules (never committed);
# potrace and netpbm with apt when missing. Runs niced.
# Usage: bash bench/trace_bench.sh [path/to/bimi]
# shellcheck disable=SC2016  # the sh -c scripts below read their own $0 $1 $2
set -euo pipefail
if [ -z "${TRACE_BENCH_NICED:-}" ]; then
  export TRACE_BENCH_NICED=1
  exec nice -n 10 bash "$0" "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bimi=${1:-$root/build/cli/bimi}
bimi=$(cd "$(dirname "$bimi")" && pwd)/$(basename "$bimi")
[ -x "$bimi" ] || { echo "build bimi first (bash scripts/build.sh)" >&2; exit 2; }
missing=()
for pkg in potrace netpbm; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get" >&2
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
(cd "$here" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
jobs=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One build for the whole run, even if the one given is replaced meanwhile.
cp "$bimi" "$work/bimi"
bimi=$work/bimi
export LC_ALL=C

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

# --- file sets ---------------------------------------------------------------------------------
# Renders every SVG listed on stdin (NUL-separated) to DIR/NAME.png at 512 px.
render_all() {
  mkdir -p "$1"
  xargs -0 -P "$jobs" -I{} sh -c 'n=$(basename "$1" .svg); "$0" render --size 512 "$1" -o "$2/$n.png" >/dev/null 2>&1 || echo "$n" >>"$2.failed"' "$bimi" {} "$1"
}

icons=$here/node_modules/simple-icons/icons
if [ "${TRACE_BENCH_ALL:-}" = 1 ]; then pick='1'; mono_note="all"; else pick='NR % 10 == 1'; mono_note="every 10th in sorted order; TRACE_BENCH_ALL=1 for all"; fi
icons_total=$(find "$icons" -maxdepth 1 -name '*.svg' | wc -l)
find "$icons" -maxdepth 1 -name '*.svg' | sort | awk "$pick" | tr '\n' '\0' | render_all "$work/sets/mono"
find "$here/node_modules/super-tiny-icons/images/svg" -maxdepth 1 -name '*.svg' -print0 | sort -z | render_all "$work/sets/png"
mkdir -p "$work/sets/jpeg"
find "$work/sets/png" -name '*.png' -print0 |
  xargs -0 -P "$jobs" -I{} sh -c 'n=$(basename "$1" .png); pngtopnm -mix -background white "$1" 2>/dev/null | pnmtojpeg -quality 90 >"$2/$n.jpg"' sh {} "$work/sets/jpeg"

# --- tools -------------------------------------------------------------------------------------
# Each writes DIR/NAME.svg per input of SET into $work/runs/SET/TOOL/out and its wall time into .../time.
run_bimi() {
  local set=$1 dir=$2; shift 2
  local s e
  s=$(now)
  "$bimi" convert "$work/sets/$set" --out-dir "$dir/out" -j 1 --format json "$@" >"$dir/convert.json" 2>"$dir/stderr" || true
  e=$(now)
  elapsed "$s" "$e" >"$dir/time"
}

run_potrace() {
  local set=$1 dir=$2 f n s e
  mkdir -p "$dir/out"
  s=$(now)
  for f in "$work/sets/$set"/*; do
    n=$(basename "${f%.*}")
    case $f in
      *.png) pngtopnm -mix -background white "$f" 2>/dev/null | potrace -s -o "$dir/out/$n.svg" 2>>"$dir/stderr" ;;
      *) jpegtopnm "$f" 2>/dev/null | potrace -s -o "$dir/out/$n.svg" 2>>"$dir/stderr" ;;
    esac || { echo "$n: potrace failed" >>"$dir/stderr"; rm -f "$dir/out/$n.svg"; }
  done
  e=$(now)
  elapsed "$s" "$e" >"$dir/time"
}

run_imagetracer() {
  local set=$1 dir=$2 s e
  s=$(now)
  node "$here/trace_imagetracer.js" "$work/sets/$set" "$dir/out" >/dev/null 2>"$dir/stderr" || true
  e=$(now)
  elapsed "$s" "$e" >"$dir/time"
}

# Every output against its input bitmap (DIR/cmp/NAME.json), and bimi's strict lint of all outputs.
measure() {
  local set=$1 dir=$2
  mkdir -p "$dir/cmp"
  find "$work/sets/$set" -type f -print0 |
    xargs -0 -P "$jobs" -I{} sh -c 'n=$(basename "$1"); n=${n%.*}; [ -f "$2/out/$n.svg" ] || exit 0; "$0" compare "$2/out/$n.svg" "$1" --format json >"$2/cmp/$n.json" 2>/dev/null || true' "$bimi" {} "$dir"
  "$bimi" check --profile strict --no-render --format json "$dir/out" >"$dir/check.json" 2>/dev/null || true
}

# --- report ------------------------------------------------------------------------------------
report() {
  node - "$work" "$@" <<'EOF'
const fs = require('fs'), path = require('path');
const [work, set, kind] = process.argv.slice(2);
const tools = ['bimi', 'potrace', 'imagetracerjs'];
const inputs = fs.readdirSync(path.join(work, 'sets', set)).map(f => f.replace(/\.[^.]+$/, ''));
const total = inputs.length, limit = 32 * 1024;
const read = f => { try { return fs.readFileSync(f, 'utf8'); } catch (e) { return null; } };
const stats = {};
for (const tool of tools) {
  const dir = path.join(work, 'runs', set, tool);
  let produced = 0, unrendered = 0, bytes = 0, small = 0, ssim = [];
  for (const n of inputs) {
    const svg = path.join(dir, 'out', n + '.svg');
    if (!fs.existsSync(svg)) continue;
    produced++;
    const size = fs.statSync(svg).size;
    bytes += size;
    if (size <= limit) small++;
    let s = 0;
    try { s = JSON.parse(read(path.join(dir, 'cmp', n + '.json'))).ssim; } catch (e) { unrendered++; }
    ssim.push(s);
  }
  let valid = 0;
  try { valid = JSON.parse(read(path.join(dir, 'check.json'))).files.filter(f => f.valid).length; } catch (e) {}
  const sum = ssim.reduce((a, b) => a + b, 0);
  stats[tool] = {
    produced, unrendered, small, valid,
    mean: produced ? sum / produced : NaN, mean0: sum / total,
    min: produced ? Math.min(...ssim) : NaN,
    bytes: produced ? bytes / produced : NaN,
    perFile: parseFloat(read(path.join(dir, 'time'))) / total,
  };
}
const pad = (s, w) => String(s).padStart(w);
const f4 = x => isNaN(x) ? 'n/a' : x.toFixed(4);
console.log('tool            converted  SSIM mean  SSIM mean0  SSIM min  mean bytes  <=32KiB  strict-valid  ms/file');
for (const tool of tools) {
  const t = stats[tool];
  console.log(tool.padEnd(14) + pad(`${t.produced}/${total}`, 11) + pad(f4(t.mean), 11) + pad(f4(t.mean0), 12) +
    pad(f4(t.min), 10) + pad(isNaN(t.bytes) ? 'n/a' : Math.round(t.bytes), 12) + pad(`${t.small}/${total}`, 9) +
    pad(`${t.valid}/${total}`, 14) + pad((1000 * t.perFile).toFixed(1), 9));
  if (t.unrendered) console.log(`  ${tool}: ${t.unrendered} outputs could not be compared (counted as SSIM 0)`);
}
// Why bimi made no output, from its own JSON report.
try {
  const r = JSON.parse(read(path.join(work, 'runs', set, 'bimi', 'convert.json')));
  const bad = r.files.filter(f => f.status !== 'converted');
  for (const f of bad.slice(0, 10)) {
    const why = ((f.changes || []).find(x => x.severity === 'error') || { message: f.error || '' }).message;
    const fid = f.fidelity ? ` (SSIM ${f4(f.fidelity.ssim)}, differing ${(100 * f.fidelity.differing_share).toFixed(1)}%)` : '';
    console.log(`  bimi ${f.status} ${path.basename(f.input)}${fid}: ${why}`);
  }
  if (bad.length > 10) console.log(`  ... and ${bad.length - 10} more`);
} catch (e) { console.log('  bimi wrote no JSON report'); }
for (const tool of ['potrace', 'imagetracerjs']) {
  const err = (read(path.join(work, 'runs', set, tool, 'stderr')) || '').trim().split('\n').filter(Boolean);
  for (const l of err.slice(0, 5)) console.log(`  ${tool}: ${l}`);
}
const b = stats.bimi, p = stats.potrace;
let goal, pass;
if (kind === 'mono') {
  const ratio = b.bytes / p.bytes;
  pass = b.mean0 >= p.mean0 && ratio <= 1.5;
  goal = `bimi SSIM mean0 >= potrace's (${f4(b.mean0)} vs ${f4(p.mean0)}; over outputs made ${f4(b.mean)} vs ${f4(p.mean)})` +
    ` at <= 1.5x its mean bytes (${ratio.toFixed(2)}x)`;
} else {
  pass = b.mean0 >= 0.97 && b.small === total && b.valid === total;
  goal = `bimi SSIM mean0 >= 0.97 (${f4(b.mean0)}; over outputs made ${f4(b.mean)}), every output <= 32 KiB (${b.small}/${total}) and strict-valid (${b.valid}/${total})`;
}
const line = `goal ${set}: ${goal}: ${pass ? 'PASS' : 'FAIL'}`;
console.log(line);
fs.appendFileSync(path.join(work, 'goals'), line + '\n');
EOF
}

run_set() {
  local set=$1 kind=$2 title=$3; shift 3
  local n
  n=$(find "$work/sets/$set" -type f | wc -l)
  echo "== $set: $n $title"
  [ -f "$work/sets/$set.failed" ] && echo "  (not rendered, left out: $(tr '\n' ' ' <"$work/sets/$set.failed"))"
  for tool in bimi potrace imagetracerjs; do
    local dir=$work/runs/$set/$tool
    mkdir -p "$dir"
    case $tool in
      bimi) run_bimi "$set" "$dir" "$@" ;;
      potrace) run_potrace "$set" "$dir" ;;
      imagetracerjs) run_imagetracer "$set" "$dir" ;;
    esac
    measure "$set" "$dir"
  done
  report "$set" "$kind"
  echo
}

echo "bimi $("$bimi" --version | head -1 | cut -d' ' -f2), potrace $(potrace --version | head -1 | cut -d' ' -f2 | sed 's/\.$//')," \
  "imagetracerjs $(node -p "require('$here/node_modules/imagetracerjs/package.json').version"), $(nproc) cores"
echo "Each tool runs as one process at a time (bimi convert -j 1; potrace once per file after"
echo "pngtopnm/jpegtopnm, flattened on white, time included; imagetracerjs in one node process,"
echo "default options); ms/file = the tool's wall time over the set / files. bimi's time includes"
echo "its own render-back fidelity check. SSIM: bimi compare OUTPUT INPUT, 256 px; 'SSIM mean' is"
echo "over the outputs made, 'SSIM mean0' over all inputs with a missing output counted as 0."
echo "Bytes are the mean over outputs made; strict-valid: bimi check --profile strict --no-render."
echo
run_set mono mono "simple-icons logos of $icons_total ($mono_note), 512 px PNG, black on transparent; bimi --background none" --background none
run_set png colour "super-tiny-icons logos, 512 px colour PNG; bimi --background none" --background none
run_set jpeg colour "super-tiny-icons logos, 512 px, flattened on white, JPEG quality 90; bimi default options" 
echo "goals:"
cat "$work/goals"
