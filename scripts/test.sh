#!/usr/bin/env bash
# Installs what is missing, builds bimi and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir "${BIMI_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)"
