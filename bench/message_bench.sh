#!/usr/bin/env bash
# Times `bimi message` over a corpus of messages signed at run time (default 2,000, over a handful
# of senders) against one DNS snapshot recorded from NSD and nginx on 127.0.0.1, beside mailauth's
# authenticate() on the same messages with a resolver answering from the same DNS data. Prints
# messages per second and peak memory of both (docs/message-speed.md).
# mailauth is installed with npm into a temporary directory (never committed); BIMI_BENCH_MAILAUTH
# names a directory where `npm install --prefix DIR mailauth` already ran, or "skip".
# Usage: bash bench/message_bench.sh [COUNT] [path/to/bimi]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
count=${1:-2000}
bimi=$(readlink -f "${2:-$root/build/cli/bimi}")
pki=$(dirname "$bimi")/../tests/vmc/test-pki
[ -x "$bimi" ] || { echo "build bimi first (bash scripts/build.sh)" >&2; exit 2; }
[ -f "$pki/live.pem" ] || { echo "the test PKI is missing: cmake --build build --target vmc_test_pki" >&2; exit 2; }
for tool in /usr/sbin/nsd /usr/sbin/nginx node; do
  command -v "$tool" >/dev/null || { echo "$tool missing: run scripts/setup.sh" >&2; exit 2; }
done
/usr/bin/python3 -c 'import dkim, nacl, dns' 2>/dev/null || { echo "dkimpy, pynacl or dnspython missing: run scripts/setup.sh" >&2; exit 2; }

mailauth=${BIMI_BENCH_MAILAUTH:-}
if [ -z "$mailauth" ]; then
  mailauth=$(mktemp -d)
  trap 'rm -rf "$mailauth"' EXIT
  npm install --prefix "$mailauth" --no-audit --no-fund --silent mailauth >/dev/null
elif [ "$mailauth" = skip ]; then
  mailauth=""
fi
echo "bimi $("$bimi" --version | head -1); mailauth ${mailauth:+$(node -p "require('$mailauth/node_modules/mailauth/package.json').version")}"
/usr/bin/python3 "$here/message_bench.py" --bimi "$bimi" --pki "$(readlink -f "$pki")" --mailauth "$mailauth" --count "$count"
