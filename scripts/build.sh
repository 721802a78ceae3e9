#!/usr/bin/env bash
# Configures and builds bimi in ./build (or $BIMI_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BIMI_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=${BIMI_BUILD_TYPE:-Release} ${BIMI_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
