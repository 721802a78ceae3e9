#!/usr/bin/env bash
# CPack's .deb packages: built from the build tree with their dependencies from dpkg-shlibdeps,
# holding the binary, the man pages and the completions; then, as root, installed with dpkg -i,
# used (`bimi --version`, `bimi check` on a sample, `man -w bimi`) and removed.
# Exits 77 (skipped) before installing when not root, or when a bimi package is already installed.
# usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

(cd "$work" && cpack --config "$build_dir/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/out/bimi_*.deb)
dev=$(ls "$work"/out/bimi-dev_*.deb)
depends=$(dpkg-deb --field "$deb" Depends)
echo "bimi Depends: $depends"
for library in libc6 libssl3 librsvg2-2 libxml2 libtinyxml2 libpotrace0 libcurl4 libc-ares2; do
  grep -q "$library" <<<"$depends" || fail "the package does not depend on $library"
done
contents=$(dpkg-deb --contents "$deb")
for file in ./usr/bin/bimi ./usr/share/man/man1/bimi.1.gz ./usr/share/man/man1/bimi-check.1.gz \
            ./usr/share/bash-completion/completions/bimi ./usr/share/zsh/vendor-completions/_bimi \
            ./usr/share/fish/vendor_completions.d/bimi.fish; do
  grep -q " $file\$" <<<"$contents" || fail "the package lacks $file"
done
dpkg-deb --contents "$dev" >"$work/dev-contents"
grep -q "/bimiConfig.cmake$" "$work/dev-contents" || fail "bimi-dev lacks the CMake package"
grep -q "/bimi-svgps.pc$" "$work/dev-contents" || fail "bimi-dev lacks the pkg-config files"

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing the .deb needs root (CI runs as root)"
  exit 77
fi
if [[ "$(dpkg-query -W -f='${Status}' bimi 2>/dev/null || true)" == *"install ok installed"* ]]; then
  echo "SKIP: a bimi package is already installed here; it is left alone"
  exit 77
fi

# dpkg waits for no lock: retry while another package operation holds it.
dpkg_() {
  local attempt
  for attempt in $(seq 1 60); do
    if dpkg "$@" >"$work/dpkg.log" 2>&1; then return 0; fi
    grep -q "lock" "$work/dpkg.log" || { cat "$work/dpkg.log"; return 1; }
    sleep 5
  done
  cat "$work/dpkg.log"
  return 1
}
remove() { dpkg_ -r bimi >/dev/null || true; rm -rf "$work"; }
trap remove EXIT
dpkg_ -i "$deb" || fail "dpkg -i failed"
/usr/bin/bimi --version | head -1
/usr/bin/bimi check "$source_dir/samples/compliant/example.svg" || fail "the installed bimi fails a compliant logo"
set +e
/usr/bin/bimi check "$source_dir/samples/needs-work/inkscape-export.svg" >/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "the installed bimi exits $code on a logo with findings, expected 1"
man -w bimi || fail "man -w bimi finds no page"
man -w bimi-check >/dev/null || fail "man -w bimi-check finds no page"
dpkg_ -r bimi || fail "dpkg -r failed"
[ ! -e /usr/bin/bimi ] || fail "/usr/bin/bimi is still there after dpkg -r"
echo "deb: built, installed, used and removed"
