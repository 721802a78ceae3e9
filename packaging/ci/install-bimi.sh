#!/usr/bin/env bash
# Puts `bimi` on PATH for a CI job on Debian or Ubuntu.
# BIMI_INSTALL: source (build BIMI_SOURCE, a bimi checkout, and install it), deb (install the
# package BIMI_DEB with its dependencies), none (bimi is already installed).
set -euo pipefail
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
case "${BIMI_INSTALL:-source}" in
  none) ;;
  deb)
    [ -n "${BIMI_DEB:-}" ] || { echo "install-bimi: BIMI_DEB names no .deb" >&2; exit 2; }
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(realpath "$BIMI_DEB")"
    ;;
  source)
    bash "$BIMI_SOURCE/scripts/setup.sh"
    cmake -S "$BIMI_SOURCE" -B "${RUNNER_TEMP:-/tmp}/bimi-build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
    cmake --build "${RUNNER_TEMP:-/tmp}/bimi-build" -j "$(nproc)" --target bimi bimi_docs
    "${sudo_cmd[@]}" cmake --install "${RUNNER_TEMP:-/tmp}/bimi-build" --prefix /usr/local --component runtime
    ;;
  *) echo "install-bimi: BIMI_INSTALL is source, deb or none" >&2; exit 2 ;;
esac
bimi --version | head -1
