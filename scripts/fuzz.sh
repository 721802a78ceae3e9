#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in ./build-fuzz and runs each for the
# given number of seconds (default 60), seeded from the repository's fixtures. Crashes are kept
# in build-fuzz/crashes/<target>/; add each as a regression fixture once fixed.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_lint fuzz_parsers fuzz_convert fuzz_raster fuzz_visual_proof fuzz_certificate fuzz_verify fuzz_records fuzz_spf fuzz_dkim fuzz_snapshot fuzz_message fuzz_fleet fuzz_report_xml fuzz_report_containers)
build=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$build" -DBIMI_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

seeds() {
  case $1 in
    fuzz_lint|fuzz_convert) find fixtures samples bench/corpora -name '*.svg' -o -name '*.svgz' ;;
    fuzz_visual_proof) find fixtures/visual fixtures/drawing fixtures/convert samples -name '*.svg' ;;
    fuzz_parsers) find fixtures/convert fixtures/rules -name '*.svg' | head -50 ;;
    fuzz_raster) find fixtures/raster -name '*.png' -o -name '*.jpg' -o -name '*.webp' -o -name '*.gif' ;;
    fuzz_certificate|fuzz_verify) find fixtures -name '*.pem' ;;
    fuzz_records) find fixtures/records -name '*.txt' ;;
    fuzz_spf) find fixtures/spf -type f ;;
    fuzz_dkim|fuzz_message) find fixtures/auth -name '*.eml' ;;
    fuzz_snapshot) find fixtures/snapshots -name '*.json' ;;
    fuzz_fleet) find fixtures/fleet -type f ;;
    fuzz_report_xml) find fixtures/dmarc-reports -name '*.xml' ;;
    fuzz_report_containers) find fixtures/dmarc-reports -type f ! -name '*.py' ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$(pwd)/tests/sanitizers/lsan.supp:print_suppressions=0"
for target in "${targets[@]}"; do
  corpus=$build/corpus/$target
  crashes=$build/crashes/$target
  mkdir -p "$corpus" "$crashes"
  { seeds "$target" || true; } | while read -r f; do cp -n "$f" "$corpus/" 2>/dev/null || true; done || true
  echo "== $target for ${seconds}s"
  # 30 s per input: the sanitizers slow the renders and tracing about tenfold.
  "$build/fuzz/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" || true
done
