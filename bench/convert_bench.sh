#!/usr/bin/env bash
# Converts every logo of simple-icons, super-tiny-icons, gilbarbara/logos, devicon and
# vscode-icons, and the resvg test suite's filters, masking, painting and text areas, with bimi,
# and optimizes the same files with svgo (default preset). The text area is converted and
# compared with `--fonts` set to the suite's fonts: the Noto Sans, Noto Serif, Noto Sans Arabic and
# Devanagari and Amiri families from Debian's fonts-noto-core and fonts-hosny-amiri, downloaded
# once with apt-get into bench/.cache (never installed); the suite's Arial resolves to
# fontconfig's Liberation Sans.
# Prints per corpus: converted/refused/unreadable counts, refusals by rule, output bytes and the
# median output/input ratio, how many outputs pass the official schema and `bimi check --profile
# strict`, the fidelity distribution (every output rendered beside its input) and time.
# simple-icons, super-tiny-icons, @iconify-json/logos, devicon and vscode-icons, and svgo are
# installed with npm into bench/node_modules (never committed); the resvg areas are committed
# under bench/corpora/.
# Usage: bash bench/convert_bench.sh [path/to/bimi]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bimi=${1:-$root/build/cli/bimi}
schema=$root/svgps/schema/SVG_PS-latest.rng
[ -x "$bimi" ] || { echo "build bimi first (bash scripts/build.sh)" >&2; exit 2; }
(cd "$here" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
svgo=$here/node_modules/.bin/svgo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }

# Share of files in DIR that the schema accepts, and that bimi's strict profile accepts.
validity() {
  local dir=$1 total schema_ok strict_ok
  total=$(find "$dir" -name '*.svg' | wc -l)
  schema_ok=$(find "$dir" -name '*.svg' -print0 | xargs -0 -n 200 xmllint --noout --relaxng "$schema" 2>&1 | grep -c ' validates$' || true)
  "$bimi" check --profile strict --no-render --format json "$dir" >"$work/strict.json" 2>/dev/null || true
  strict_ok=$(node -e "const r=require('$work/strict.json');console.log(r.files.filter(f=>f.valid).length)")
  echo "$schema_ok $strict_ok $total"
}

# Fidelity of every output against its input: "min p1 p5 median faithful" over SSIM. Further
# arguments go to bimi compare (--fonts).
fidelity() {
  local inputs=$1 outputs=$2 list=$work/ssim.txt
  shift 2
  : >"$list"
  for out in "$outputs"/*.svg; do
    "$bimi" compare --format json "$@" "$inputs/$(basename "$out")" "$out" 2>/dev/null |
      node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{try{const j=JSON.parse(s);console.log(j.ssim, j.alike?1:0)}catch(e){console.log('0 0')}})" >>"$list"
  done
  sort -g "$list" | awk '{ s[NR]=$1; ok+=$2 } END {
    if (NR==0) { print "n/a"; exit }
    printf "min %.4f  p1 %.4f  p5 %.4f  median %.4f  alike %d/%d", s[1], s[int(NR*0.01)+1], s[int(NR*0.05)+1], s[int(NR/2)+1], ok, NR }'
}

# The resvg suite's fonts, from Debian packages unpacked (not installed) into bench/.cache.
suite_fonts() {
  local fonts=$here/.cache/resvg-fonts
  if [ ! -f "$fonts/NotoSans-Regular.ttf" ]; then
    local unpack=$work/fonts
    mkdir -p "$unpack" "$fonts"
    (cd "$unpack" && apt-get download fonts-noto-core fonts-hosny-amiri >/dev/null 2>&1) ||
      { echo "apt-get download of the suite's fonts failed" >&2; exit 2; }
    for deb in "$unpack"/*.deb; do dpkg-deb -x "$deb" "$unpack/root"; done
    find "$unpack/root" \( -name 'NotoSans-*.ttf' -o -name 'NotoSerif-*.ttf' -o -name 'NotoSansArabic-*.ttf' \
      -o -name 'NotoSansDevanagari-*.ttf' -o -name 'Amiri-*.ttf' \) -exec cp {} "$fonts/" \;
  fi
  echo "$fonts"
}

# run_corpus NAME DIR [bimi convert and compare options]
run_corpus() {
  local name=$1 dir=$2
  shift 2
  local files bytes_in
  files=$(find "$dir" -maxdepth 1 -name '*.svg' | wc -l)
  bytes_in=$(cat "$dir"/*.svg | wc -c)
  echo "== $name: $files files, $bytes_in bytes"

  local bimi_out=$work/$name-bimi svgo_out=$work/$name-svgo
  local t_bimi t_svgo
  # Background none: both tools are measured on the same drawing (bimi's default adds one).
  local s e
  s=$(date +%s.%N)
  "$bimi" convert "$dir" --out-dir "$bimi_out" --background none --format json "$@" >"$work/$name.json" 2>/dev/null || true
  e=$(date +%s.%N)
  t_bimi=$(echo "$e - $s" | bc)
  t_svgo=$(seconds "$svgo" -q -f "$dir" -o "$svgo_out")

  node -e "
    const r=require('$work/$name.json'); const c={};
    for (const f of r.files) c[f.status]=(c[f.status]||0)+1;
    const done=r.files.filter(f=>f.output_bytes);
    const out=done.reduce((a,f)=>a+f.output_bytes,0);
    const ratios=done.map(f=>f.output_bytes/f.input_bytes).sort((a,b)=>a-b);
    const median=ratios.length?ratios[Math.floor(ratios.length/2)].toFixed(3):'n/a';
    console.log('bimi: converted '+(c.converted||0)+', refused '+(c.refused||0)+', unreadable '+(c.unreadable||0)+', output bytes '+out+', median output/input '+median);
    const refused=r.files.filter(f=>f.status!=='converted');
    const first=f=>f.changes.find(x=>x.severity==='error');
    // A reason is the error's message without its particulars (names in quotes, numbers, advice).
    const reason=f=>{ const e=first(f); if (!e) return f.status;
      return e.message.replace(/\"[^\"]*\"/g,'\"…\"').replace(/[0-9][0-9,.]*/g,'N').replace(/ \(use --force.*|; try:.*/,''); };
    const reasons={};
    for (const f of refused) { const k=reason(f); reasons[k]=(reasons[k]||0)+1; }
    const tally=Object.entries(reasons).sort((a,b)=>b[1]-a[1]||(a[0]<b[0]?-1:1));
    for (const [k,n] of tally) console.log('bimi: refused '+n+': '+k);
    for (const f of refused.slice(0,10)) {
      const why=(first(f)||{message:f.error||''}).message;
      console.log('  refused '+f.input.split('/').pop()+': '+why);
    }"
  read -r b_schema b_strict b_total <<<"$(validity "$bimi_out")"
  echo "bimi: schema-valid $b_schema/$b_total, strict-valid $b_strict/$b_total, time ${t_bimi}s (fidelity check included)"
  echo "bimi fidelity (bimi compare, 256 px, every output against its input): $(fidelity "$dir" "$bimi_out" "$@")"
  node -e "
    const r=require('$work/$name.json');
    const written=r.files.filter(f=>f.fidelity && f.status==='converted');
    const s=written.map(f=>f.fidelity.ssim).sort((a,b)=>a-b);
    const d=written.map(f=>f.fidelity.differing_share).sort((a,b)=>a-b);
    const q=(a,p)=>a[Math.min(a.length-1,Math.floor(a.length*p))];
    console.log('bimi own fidelity report (converted files): SSIM min '+s[0].toFixed(4)+', p1 '+q(s,0.01).toFixed(4)+', median '+q(s,0.5).toFixed(4)+'; differing pixels max '+(100*d[d.length-1]).toFixed(2)+'%, p99 '+(100*q(d,0.99)).toFixed(2)+'%');"

  local svgo_bytes
  svgo_bytes=$(cat "$svgo_out"/*.svg | wc -c)
  read -r s_schema s_strict s_total <<<"$(validity "$svgo_out")"
  echo "svgo: output bytes $svgo_bytes, schema-valid $s_schema/$s_total, strict-valid $s_strict/$s_total, time ${t_svgo}s"
  echo "svgo fidelity (bimi compare, 256 px, every output against its input): $(fidelity "$dir" "$svgo_out" "$@")"
  echo
}

echo "bimi $("$bimi" --version | head -1 | cut -d' ' -f2), svgo $("$svgo" --version), $(nproc) cores"
run_corpus simple-icons "$here/node_modules/simple-icons/icons"
run_corpus super-tiny-icons "$here/node_modules/super-tiny-icons/images/svg"
# iconify_set SET DIR: each icon of @iconify-json/SET written out as the SVG file it was made from.
iconify_set() {
  local set=$1 dir=$2
  mkdir -p "$dir"
  node -e "
    const fs=require('fs'); const set=require('$here/node_modules/@iconify-json/$set/icons.json');
    for (const [name, icon] of Object.entries(set.icons)) {
      const w=icon.width??set.width??16, h=icon.height??set.height??16, x=icon.left??0, y=icon.top??0;
      fs.writeFileSync('$dir/'+name+'.svg', '<svg xmlns=\"http://www.w3.org/2000/svg\" '+
        'xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"'+[x,y,w,h].join(' ')+'\">'+icon.body+'</svg>\\n');
    }"
}
# gilbarbara/logos (CC0), colour brand logos as design tools export them (gradients, masks, Figma
# blurs), from @iconify-json/logos.
iconify_set logos "$work/gilbarbara-logos-src"
run_corpus gilbarbara-logos "$work/gilbarbara-logos-src"
# devicon (MIT) and vscode-icons (MIT): technology logos and file-type icons from many editors
# (Illustrator, Inkscape, Figma, hand-written), from @iconify-json/devicon and vscode-icons.
for set in devicon vscode-icons; do
  iconify_set "$set" "$work/$set-src"
  run_corpus "$set" "$work/$set-src"
done
# The resvg test suite's effect areas (committed, see bench/corpora/resvg-suite/README.md).
for area in filters masking painting; do
  run_corpus "resvg-$area" "$here/corpora/resvg-suite/$area"
done
fonts=$(suite_fonts) || exit 2
run_corpus resvg-text "$here/corpora/resvg-suite/text" --fonts "$fonts"
