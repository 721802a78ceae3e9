#!/bin/sh
# Compresses the man pages in $1 into $2 as Debian's policy asks; -n keeps time stamps and names
# out of the bytes, so the same pages always give the same files.
set -eu
rm -rf "$2"
mkdir -p "$2"
for page in "$1"/*.1; do
  gzip -n -9 -c "$page" >"$2/$(basename "$page").gz"
done
