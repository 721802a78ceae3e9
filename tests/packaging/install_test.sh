#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then a program outside the tree built against it twice,
# with find_package(bimi) and with pkg-config, and run. The installed man pages and completions
# are checked to be in place.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
consumer="$source_dir/tests/packaging/consumer"

cmake --install "$build_dir" --prefix "$prefix" >/dev/null

for file in bin/bimi share/man/man1/bimi.1.gz share/man/man1/bimi-check.1.gz \
            share/bash-completion/completions/bimi share/zsh/vendor-completions/_bimi \
            share/fish/vendor_completions.d/bimi.fish include/bimi/svgps/lint.hpp \
            'lib*/cmake/bimi/bimiConfig.cmake' 'lib*/pkgconfig/bimi-svgps.pc' 'lib*/libbimi_svgps.a'; do
  if ! compgen -G "$prefix/$file" >/dev/null; then
    echo "not installed: $file"
    exit 1
  fi
done
"$prefix/bin/bimi" --version | head -1

# find_package(bimi)
cmake -S "$consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/consumer" >"$work/cmake.out"
diff -u "$consumer/expected.txt" "$work/cmake.out"
echo "find_package(bimi): consumer built and ran"

# pkg-config
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(ls -d "$prefix"/lib*/pkgconfig | head -1)
modules="bimi-svgps bimi-vmc bimi-records bimi-auth bimi-net bimi-common"
pkg-config --exists --print-errors $modules
# shellcheck disable=SC2046
c++ -std=c++20 -o "$work/pkg-consumer" "$consumer/consumer.cpp" \
  $(pkg-config --cflags --libs $modules)
"$work/pkg-consumer" >"$work/pkg.out"
diff -u "$consumer/expected.txt" "$work/pkg.out"
echo "pkg-config: consumer built and ran"
