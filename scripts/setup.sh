#!/usr/bin/env bash
# Installs the Debian 12 packages that bimi's build, tests and samples need.
# Idempotent: packages already present are left alone. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libtinyxml2-dev libcli11-dev libssl-dev zlib1g-dev libxml2-dev libxml2-utils
  libpotrace-dev potrace librsvg2-dev libcairo2-dev
  libgtest-dev libgmock-dev nlohmann-json3-dev libyaml-cpp-dev
  libpng-dev libjpeg-dev libwebp-dev libgif-dev libimagequant-dev libpolyclipping-dev
  libfontconfig-dev libfreetype-dev libharfbuzz-dev fonts-dejavu-core fonts-liberation2
  libpsl-dev libidn2-dev libsodium-dev publicsuffix libc-ares-dev libcurl4-openssl-dev
  libexpat1-dev libzip-dev chromium
  nsd nginx
  libmail-dmarc-perl
  python3 python3-jsonschema python3-spf python3-dkim python3-authres
  dpkg-dev file man-db pre-commit python3-junitparser zsh fish
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: installed ${missing[*]}"
