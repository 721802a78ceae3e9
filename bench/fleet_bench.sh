#!/usr/bin/env bash
# Times `bimi domain` over a list of generated domains on loopback: NSD serves one zone holding every
# domain's DMARC, SPF and BIMI records (a mix: logo and certificate, logo only, p=none, no record),
# nginx serves the logo and a certificate over HTTPS with the test PKI. Prints domains per second and
# peak memory for the list in one run at several concurrencies, at two list sizes (memory should stay
# flat), beside today's loop of one process per domain on the first domains.
# Usage: bash bench/fleet_bench.sh [DOMAINS] [path/to/bimi]   (default 2000 domains; build first,
# with the tests, so that build/tests/vmc/test-pki exists)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
count=${1:-2000}
bimi=$(readlink -f "${2:-$root/build/cli/bimi}")
pki=$root/build/tests/vmc/test-pki
[ -x "$bimi" ] || { echo "build bimi first (bash scripts/build.sh)" >&2; exit 2; }
[ -f "$pki/live.pem" ] || { echo "build the tests first: the test PKI is made by the vmc_test_pki target" >&2; exit 2; }
for tool in /usr/sbin/nsd /usr/sbin/nginx /usr/bin/time; do [ -x "$tool" ] || { echo "missing $tool" >&2; exit 2; }; done

work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
dns_port=$(free_port)
https_port=$(free_port)
mkdir -p "$work/zones" "$work/nsd" "$work/www" "$work/nginx"
cp "$pki/logo.svg" "$pki/live.pem" "$work/www/"

# The zones: every domain under fleet.test, the parents the tree walk ends at, the logo host.
soa='@ 3600 IN SOA ns.test. admin.test. 1 3600 600 86400 60
@ 3600 IN NS ns.test.'
logo="https://logo.example.com:$https_port/logo.svg"
vmc="https://logo.example.com:$https_port/live.pem"
{
  echo '$ORIGIN fleet.test.'
  echo "$soa"
  for ((i = 0; i < count; i++)); do
    d=$(printf 'd%06d' "$i")
    echo "$d 3600 IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\""
    case $((i % 4)) in
      0) echo "_dmarc.$d 3600 IN TXT \"v=DMARC1; p=reject\""
         echo "default._bimi.$d 3600 IN TXT \"v=BIMI1; l=$logo; a=$vmc\"" ;;
      1) echo "_dmarc.$d 3600 IN TXT \"v=DMARC1; p=quarantine\""
         echo "default._bimi.$d 3600 IN TXT \"v=BIMI1; l=$logo\"" ;;
      2) echo "_dmarc.$d 3600 IN TXT \"v=DMARC1; p=none\""
         echo "default._bimi.$d 3600 IN TXT \"v=BIMI1; l=$logo\"" ;;
      3) echo "_dmarc.$d 3600 IN TXT \"v=DMARC1; p=reject\"" ;;
    esac
  done
} > "$work/zones/fleet.test.zone"
printf '$ORIGIN test.\n%s\n' "$soa" > "$work/zones/test.zone"
printf '$ORIGIN example.com.\n%s\nlogo 3600 IN A 127.0.0.1\n' "$soa" > "$work/zones/example.com.zone"
printf '$ORIGIN com.\n%s\n' "$soa" > "$work/zones/com.zone"
cat > "$work/nsd/nsd.conf" <<EOF
server:
  ip-address: 127.0.0.1
  port: $dns_port
  username: ""
  chroot: ""
  zonesdir: "$work/zones"
  database: ""
  zonelistfile: "$work/nsd/zone.list"
  xfrdfile: "$work/nsd/xfrd.state"
  xfrdir: "$work/nsd"
  pidfile: "$work/nsd/nsd.pid"
  logfile: "$work/nsd/nsd.log"
  server-count: 1
  verbosity: 1
  # Response rate limiting would drop most answers of a scan from one address (as it should on the
  # internet): off, so the bench measures bimi and not NSD's policy.
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: fleet.test
  zonefile: fleet.test.zone
zone:
  name: test
  zonefile: test.zone
zone:
  name: example.com
  zonefile: example.com.zone
zone:
  name: com
  zonefile: com.zone
EOF
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  types { image/svg+xml svg; application/pem-certificate-chain pem; }
  server {
    listen 127.0.0.1:$https_port ssl;
    ssl_certificate $pki/tls-server.pem;
    ssl_certificate_key $pki/tls-server.key;
    root $work/www;
  }
}
EOF
/usr/sbin/nsd -d -c "$work/nsd/nsd.conf" > "$work/nsd/out.log" 2>&1 & pids+=($!)
/usr/sbin/nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" > "$work/nginx/out.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do grep -q "nsd started" "$work/nsd/nsd.log" 2>/dev/null && break; sleep 0.1; done
grep -q "nsd started" "$work/nsd/nsd.log" || { echo "nsd did not start:"; cat "$work/nsd/out.log" "$work/nsd/nsd.log"; exit 1; }

common=(--dns-server "127.0.0.1:$dns_port" --ca-file "$pki/tls-ca.pem" --roots "$pki/root.pem" --allow-private
        --at 2024-06-01T00:00:00Z --timeout "${BIMI_BENCH_TIMEOUT:-5000}")
for ((i = 0; i < count; i++)); do [ -z "${BIMI_BENCH_KIND:-}" ] || [ $((i % 4)) -eq "$BIMI_BENCH_KIND" ] && printf "d%06d.fleet.test\n" "$i"; done > "$work/domains.txt"
head -n $((count / 10)) "$work/domains.txt" > "$work/tenth.txt"
# BIMI_BENCH_HOLD=SECONDS: keep the servers up that long and print how to reach them (to look closer).
if [ -n "${BIMI_BENCH_HOLD:-}" ]; then
  echo "servers up for ${BIMI_BENCH_HOLD}s; list: $work/domains.txt; options: ${common[*]}"
  sleep "$BIMI_BENCH_HOLD"
  exit 0
fi

verify() {
# Every verdict is the one its record mix calls for: 1 in 4 ready (logo only at quarantine), the
# others not (the certificate names other domains; p=none; no BIMI record).
  python3 - "$work/out.jsonl" <<'PY'
import json, sys
wrong = {}
for line in open(sys.argv[1]):
    report = json.loads(line)
    if "domain" not in report:
        continue
    kind = int(report["domain"][1:7]) % 4
    rules = [f["rule"] for s in report["steps"] for f in s["findings"] if f["severity"] == "error"]
    expected = {0: "san", 1: None, 2: "dmarc-policy-none", 3: "bimi-record-missing"}[kind]
    ok = report["ready"] if expected is None else (not report["ready"] and expected in rules)
    if not ok:
        wrong.setdefault(kind, []).append((report["domain"], rules[:3]))
print("  verdicts as expected:", "all" if not wrong else "NOT ALL: " + "; ".join(
    f"kind {k}: {len(v)} e.g. {v[0]}" for k, v in sorted(wrong.items())))
PY
}

# One run: seconds, peak resident memory (MiB) and the summary line.
measure() {
  local list=$1 concurrency=$2
  /usr/bin/time -f '%e %M' -o "$work/time" "$bimi" domain --domains-file "$list" --format jsonl --concurrency "$concurrency" \
    "${common[@]}" > "$work/out.jsonl" 2> "$work/err" || true
  grep -q "Command" "$work/time" && sed -i "/Command/d" "$work/time"
  read -r seconds kib < "$work/time"
  local n
  n=$(wc -l < "$list")
  printf '  %-28s %6d domains  %7.2f s  %8.0f domains/s  %6.1f MiB peak\n' "--concurrency $concurrency" "$n" "$seconds" \
    "$(echo "$n / ($seconds + 0.0001)" | bc -l)" "$(echo "$kib / 1024" | bc -l)"
  verify
}

echo "bimi domain over $count generated domains on loopback (NSD + nginx), $(nproc) cores"
echo "one run over the list:"
for c in ${BIMI_BENCH_CONCURRENCY:-1 8 32}; do measure "$work/domains.txt" "$c"; done
echo "memory as the list grows (--concurrency 32):"
measure "$work/tenth.txt" 32
measure "$work/domains.txt" 32
tail -n 1 "$work/out.jsonl"

echo "one process per domain (today's loop), first 100 domains:"
start=$(date +%s.%N)
head -n 100 "$work/domains.txt" | while read -r d; do "$bimi" domain "$d" "${common[@]}" > /dev/null || true; done
end=$(date +%s.%N)
printf '  %-28s %6d domains  %7.2f s  %8.0f domains/s\n' "loop" 100 "$(echo "$end - $start" | bc -l)" \
  "$(echo "100 / ($end - $start)" | bc -l)"
