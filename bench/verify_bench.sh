#!/usr/bin/env bash
# Certificates verified per second: the real VMCs at their pinned times and the generated test PKI,
# in-process (bimi::vmc, every check but the logo lint) and as whole `bimi verify` runs.
#   bash bench/verify_bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-${BIMI_BUILD_DIR:-build}}"
cmake --build "$build" --target vmc_verify_bench vmc_test_pki bimi -j "$(nproc)" >/dev/null
pki="$build/tests/vmc/test-pki"
real=fixtures/real

echo "in-process (bimi::vmc::verify_certificate):"
"$build/vmc/vmc_verify_bench" --seconds 2 \
  cnn "$real/cnn-vmc.pem" "$real/cnn-logo.svg" cnn.com 2022-07-09T08:30:14Z -- \
  globalsign "$real/globalsign-vmc.pem" "$real/globalsign-logo.svg" globalsign.com 2025-06-01T00:00:00Z -- \
  test-pki-good "$pki/good.pem" "$pki/logo.svg" example.com 2024-06-01T00:00:00Z "$pki/root.pem" -- \
  test-pki-cmc "$pki/cmc.pem" "$pki/logo.svg" example.com 2024-06-01T00:00:00Z "$pki/root.pem" -- \
  test-pki-wrong-logo "$pki/wrong-logo.pem" "$pki/logo.svg" example.com 2024-06-01T00:00:00Z "$pki/root.pem"

runs=50
echo "whole process (bimi verify, including the logo lint), $runs runs each:"
for args in "$real/cnn-vmc.pem --logo $real/cnn-logo.svg --domain cnn.com --at 2022-07-09T08:30:14Z" \
            "$real/globalsign-vmc.pem --logo $real/globalsign-logo.svg --domain globalsign.com --at 2025-06-01T00:00:00Z"; do
  start=$(date +%s.%N)
  for _ in $(seq $runs); do
    # shellcheck disable=SC2086
    "$build/cli/bimi" verify $args >/dev/null
  done
  end=$(date +%s.%N)
  awk -v n=$runs -v s="$start" -v e="$end" -v name="${args%% *}" \
    'BEGIN { printf "%-40s %6.1f certificates/s\n", name, n / (e - s) }'
done
