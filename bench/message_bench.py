#!/usr/bin/python3
"""The `bimi message` benchmark (docs/message-speed.md): a corpus of signed messages over a handful
of domains, one DNS snapshot recorded from NSD and nginx on 127.0.0.1, then `bimi message` over the
whole corpus against the snapshot, and mailauth's authenticate() over the same messages with a
resolver that answers from the same DNS data. Prints messages per second and peak memory of both.

Usage: message_bench.py --bimi BIN --pki DIR --mailauth DIR [--count N] [--work DIR]
  --pki       the generated test PKI (build/tests/vmc/test-pki): logo, certificate, TLS server
  --mailauth  a directory where `npm install --prefix DIR mailauth` was run ("" to skip it)
"""
import argparse
import base64
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "net"))
import sign_message  # noqa: E402  (the scenarios' signer: dkimpy with chosen t=)

SIGNED_AT = 1717196400  # an hour before JUDGED_AT, when the test PKI's certificates are valid
JUDGED_AT = "2024-06-01T00:00:00Z"
SENDER_IP = "127.0.0.2"
HELO = "mta.esp.test"

# The handful of senders: (kind, author domain, DKIM signing domain, selector, algorithm). Two
# brands whose logo is shown, one with a policy of none, one without a BIMI record and one whose
# mail a third party signs unaligned.
KINDS = [
    ("shown-rsa", "example.com", "example.com", "s2048", "rsa"),
    ("shown-ed25519", "example.net", "example.net", "ed", "ed25519"),
    ("policy-none", "news.example.com", "example.com", "s2048", "rsa"),
    ("no-record", "example.org", "example.org", "s2048", "rsa"),
    ("third-party", "shop.example.org", "esp.test", "esp", "rsa"),
]
ZONES = ["example.com", "example.net", "example.org", "esp.test", "com", "net", "org", "test"]


def dns_data(keys, https_port):
    """Every TXT and A record of the benchmark's world, by name."""
    txt, a = {}, {}

    def bimi(domain):
        url = f"https://logo.{domain}:{https_port}"
        return f"v=BIMI1; l={url}/logo.svg; a={url}/live.pem;"

    for domain in ["example.com", "example.net", "example.org"]:
        txt[domain] = ["v=spf1 ip4:127.0.0.0/24 -all"]
        txt[f"_dmarc.{domain}"] = ["v=DMARC1; p=reject"]
        a[f"logo.{domain}"] = ["127.0.0.1"]
    txt["news.example.com"] = ["v=spf1 ip4:127.0.0.0/24 -all"]
    txt["_dmarc.news.example.com"] = ["v=DMARC1; p=none"]
    txt["default._bimi.example.com"] = [bimi("example.com")]
    txt["default._bimi.example.net"] = [bimi("example.net")]
    txt["shop.example.org"] = ["v=spf1 include:esp.test -all"]
    txt["esp.test"] = ["v=spf1 ip4:127.0.0.0/24 -all"]
    txt["_dmarc.esp.test"] = ["v=DMARC1; p=none"]
    txt["s2048._domainkey.example.com"] = [keys["rsa"]]
    txt["s2048._domainkey.example.org"] = [keys["rsa"]]
    txt["esp._domainkey.esp.test"] = [keys["rsa"]]
    txt["ed._domainkey.example.net"] = [keys["ed25519"]]
    a["mta.esp.test"] = [SENDER_IP]
    return {"txt": txt, "a": a}


def zone_of(name):
    return max((z for z in ZONES if name == z or name.endswith("." + z)), key=len)


def quoted(value):
    return " ".join('"' + value[i:i + 255] + '"' for i in range(0, max(len(value), 1), 255))


def write_zones(directory, data):
    texts = {z: f"$ORIGIN {z}.\n$TTL 60\n@ IN SOA ns.{z}. hostmaster.{z}. 1 3600 600 86400 60\n@ IN NS ns.{z}.\n"
                f"ns IN A 127.0.0.1\n" for z in ZONES}
    for name, values in data["txt"].items():
        texts[zone_of(name)] += "".join(f"{name}. IN TXT {quoted(v)}\n" for v in values)
    for name, values in data["a"].items():
        texts[zone_of(name)] += "".join(f"{name}. IN A {v}\n" for v in values)
    os.makedirs(directory, exist_ok=True)
    for zone, text in texts.items():
        with open(os.path.join(directory, zone + ".zone"), "w") as f:
            f.write(text)


def message(n, kind):
    _, author, *_ = kind
    return (f"From: Brand <news@{author}>\r\nTo: someone{n}@example.net\r\nSubject: Offer {n}\r\n"
            f"Date: Fri, 31 May 2024 23:00:00 +0000\r\nMessage-ID: <{n}.bench@{author}>\r\n\r\n"
            + "".join(f"Line {i} of message {n}: our autumn collection is here.\r\n" for i in range(n % 40))).encode()


def make_corpus(work, count, keys_dir):
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus, exist_ok=True)
    manifest = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        name, author, domain, selector, algorithm = kind
        signed = sign_message.sign(message(n, kind), keys_dir, domain, selector, algorithm,
                                   ["from", "to", "subject", "date", "message-id"], at=SIGNED_AT)
        mail_from = f"bounce@{author if name != 'third-party' else 'esp.test'}"
        # The trace fields the receiving host adds on delivery (RFC 5321 §4.4), as in any saved message.
        trace = (f"Return-Path: <{mail_from}>\r\nReceived: from {HELO} ({HELO} [{SENDER_IP}])\r\n"
                 f"\tby mx.receiver.test with ESMTPS; Sat, 01 Jun 2024 00:00:00 +0000\r\n").encode()
        path = os.path.join(corpus, f"{n}.eml")
        with open(path, "wb") as f:
            f.write(trace + signed)
        manifest.append({"file": path, "kind": name, "ip": SENDER_IP, "helo": HELO, "mail_from": mail_from})
    with open(os.path.join(work, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    return manifest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """NSD and nginx on 127.0.0.1 for the recording, as the loopback tests start them."""

    def __init__(self, work, pki, dns_port, https_port):
        self.work, self.pki, self.dns_port, self.https_port = work, pki, dns_port, https_port
        self.children = []

    def __enter__(self):
        d = self.work
        os.makedirs(f"{d}/nsd", exist_ok=True)
        os.makedirs(f"{d}/nginx", exist_ok=True)
        os.makedirs(f"{d}/www", exist_ok=True)
        for file in ["logo.svg", "live.pem"]:
            shutil.copy(os.path.join(self.pki, file), f"{d}/www/{file}")
        zones = "".join(f"zone:\n  name: {z}\n  zonefile: {z}.zone\n" for z in ZONES)
        with open(f"{d}/nsd/nsd.conf", "w") as f:
            f.write(f'server:\n  ip-address: 127.0.0.1\n  port: {self.dns_port}\n  username: ""\n  chroot: ""\n'
                    f'  zonesdir: "{d}/zones"\n  database: ""\n  zonelistfile: "{d}/nsd/zone.list"\n'
                    f'  xfrdfile: "{d}/nsd/xfrd.state"\n  xfrdir: "{d}/nsd"\n  pidfile: "{d}/nsd/nsd.pid"\n'
                    f'  logfile: "{d}/nsd/nsd.log"\n  server-count: 1\n  verbosity: 1\n'
                    f"remote-control:\n  control-enable: no\n{zones}")
        temp = "".join(f"  {k}_temp_path {d}/nginx/{k};\n" for k in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
        with open(f"{d}/nginx/nginx.conf", "w") as f:
            f.write(f"daemon off;\nmaster_process off;\npid {d}/nginx/nginx.pid;\nerror_log {d}/nginx/error.log warn;\n"
                    f"events {{ worker_connections 64; }}\nhttp {{\n  access_log off;\n{temp}"
                    f"  types {{ image/svg+xml svg; application/pem-certificate-chain pem; }}\n"
                    f"  server {{\n    listen 127.0.0.1:{self.https_port} ssl;\n"
                    f"    ssl_certificate {self.pki}/tls-server.pem;\n    ssl_certificate_key {self.pki}/tls-server.key;\n"
                    f"    root {d}/www;\n  }}\n}}\n")
        self.children.append(subprocess.Popen(["/usr/sbin/nsd", "-d", "-c", f"{d}/nsd/nsd.conf"],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.children.append(subprocess.Popen(["/usr/sbin/nginx", "-e", f"{d}/nginx/error.log", "-c",
                                               f"{d}/nginx/nginx.conf"], stdout=subprocess.DEVNULL,
                                              stderr=subprocess.DEVNULL))
        for _ in range(500):
            try:
                started = "nsd started" in open(f"{d}/nsd/nsd.log").read()
                socket.create_connection(("127.0.0.1", self.https_port), timeout=1).close()
                if started:
                    return self
            except OSError:
                pass
            time.sleep(0.01)
        raise SystemExit("nsd or nginx did not start: see " + d)

    def __exit__(self, *exc):
        for child in self.children:
            child.terminate()
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def bimi_arguments(bimi, entry, extra):
    return [bimi, "message", entry["file"], "--ip", entry["ip"], "--helo", entry["helo"],
            "--mail-from", entry["mail_from"], "--format", "json"] + extra


def record_snapshot(args, manifest, work, data, pki):
    """One recorded run per kind of message (the same questions for every message of a kind),
    merged into one snapshot."""
    dns_port, https_port = args.dns_port, args.https_port
    write_zones(os.path.join(work, "zones"), data)
    merged = {}
    firsts = {}
    for entry in manifest:
        firsts.setdefault(entry["kind"], entry)
    with Servers(work, pki, dns_port, https_port):
        for kind, entry in firsts.items():
            part = os.path.join(work, f"snapshot-{kind}.json")
            run = subprocess.run(bimi_arguments(args.bimi, entry, [
                "--dns-server", f"127.0.0.1:{dns_port}", "--ca-file", f"{pki}/tls-ca.pem", "--roots",
                f"{pki}/root.pem", "--at", JUDGED_AT, "--timeout", "1500", "--allow-private",
                "--record-dns", part]), capture_output=True, text=True)
            report = json.loads(run.stdout) if run.stdout.startswith("{") else {}
            print(f"  recorded {kind}: exit {run.returncode}, shown {report.get('shown')}, "
                  f"first broken {(report.get('first_broken') or {}).get('rule')}")
            with open(part) as f:
                snapshot = json.load(f)
            for key, value in snapshot.items():
                if isinstance(value, list):
                    entries = merged.setdefault(key, {})
                    for item in value:
                        entries[json.dumps(item, sort_keys=True)] = item
                else:
                    merged[key] = value
    document = {k: (sorted(v.values(), key=lambda i: json.dumps(i, sort_keys=True)) if isinstance(v, dict) else v)
                for k, v in merged.items()}
    path = os.path.join(work, "snapshot.json")
    with open(path, "w") as f:
        json.dump(document, f, indent=1)
    return path


def time_bimi(args):
    """Run in a child of its own, so its peak child memory is bimi's alone."""
    with open(args.manifest) as f:
        manifest = json.load(f)
    extra = ["--dns-snapshot", args.snapshot, "--roots", os.path.join(args.pki, "root.pem")]
    outcomes = {}
    start = time.monotonic()
    for entry in manifest:
        run = subprocess.run(bimi_arguments(args.bimi, entry, extra), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        key = f"{entry['kind']}:exit {run.returncode}"
        outcomes[key] = outcomes.get(key, 0) + 1
    seconds = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump({"messages": len(manifest), "seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
               "outcomes": outcomes, "max_rss_kb": usage.ru_maxrss}, sys.stdout)


def time_bimi_batch(args):
    """Every message judged in one run (`bimi message A.eml B.eml ...`), the SMTP facts read from each
    message's Received: and Return-Path: fields: the snapshot read once, decoded keys and the BIMI
    check of a sender shared."""
    with open(args.manifest) as f:
        manifest = json.load(f)
    command = [args.bimi, "message"] + [e["file"] for e in manifest] + [
        "--format", "jsonl", "--dns-snapshot", args.snapshot, "--roots", os.path.join(args.pki, "root.pem")]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    start = time.monotonic()
    run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    reports = [json.loads(line) for line in run.stdout.splitlines()]
    outcomes = {}
    for entry, report in zip(manifest, reports):
        key = f"{entry['kind']}:exit {0 if report['shown'] else 1}"
        outcomes[key] = outcomes.get(key, 0) + 1
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    json.dump({"messages": len(manifest), "seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
               "outcomes": outcomes, "max_rss_kb": usage.ru_maxrss}, sys.stdout)


def start_up_ms(bimi, runs=50):
    # `message --help`: the process and its libraries, no work (--version also opens librsvg).
    start = time.monotonic()
    for _ in range(runs):
        subprocess.run([bimi, "message", "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.monotonic() - start) * 1000 / runs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bimi", required=True)
    parser.add_argument("--pki", required=True)
    parser.add_argument("--mailauth", default="")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--work")
    parser.add_argument("--phase", choices=["all", "time-bimi", "time-bimi-batch"], default="all")
    parser.add_argument("--manifest")
    parser.add_argument("--snapshot")
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()
    if args.phase == "time-bimi":
        return time_bimi(args)
    if args.phase == "time-bimi-batch":
        return time_bimi_batch(args)

    work = args.work or tempfile.mkdtemp(prefix="bimi-message-bench-")
    os.makedirs(work, exist_ok=True)
    args.dns_port, args.https_port = free_port(), free_port()
    keys_dir = os.path.join(work, "keys")
    keys = sign_message.make_keys(keys_dir)
    data = dns_data(keys, args.https_port)
    with open(os.path.join(work, "dns.json"), "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    start = time.monotonic()
    manifest = make_corpus(work, args.count, keys_dir)
    print(f"corpus: {len(manifest)} messages over {len(KINDS)} kinds of sender, signed by dkimpy in "
          f"{time.monotonic() - start:.1f} s ({work})")
    # dkimpy's own verdict on one message of each kind, from the same DNS data.
    lookup = lambda name, timeout=5: "".join(data["txt"].get(name.decode().rstrip("."), [""])[:1]).encode()
    for entry in manifest[:len(KINDS)]:
        with open(entry["file"], "rb") as f:
            ok = sign_message.SigningClock(SIGNED_AT + 60, None)
            with ok:
                verified = sign_message.dkim.verify(f.read(), dnsfunc=lookup)
        print(f"  dkimpy verifies {entry['kind']}: {verified}")

    results = {}
    have_message = subprocess.run([args.bimi, "message", "--help"], capture_output=True).returncode == 0
    if have_message:
        snapshot = record_snapshot(args, manifest, work, data, args.pki)
        run = subprocess.run([sys.executable, __file__, "--phase", "time-bimi", "--bimi", args.bimi, "--pki", args.pki,
                              "--manifest", os.path.join(work, "manifest.json"), "--snapshot", snapshot],
                             capture_output=True, text=True, check=True)
        results["bimi message"] = json.loads(run.stdout)
        results["bimi message"]["start_up_ms"] = start_up_ms(args.bimi)
        run = subprocess.run([sys.executable, __file__, "--phase", "time-bimi-batch", "--bimi", args.bimi, "--pki", args.pki,
                              "--manifest", os.path.join(work, "manifest.json"), "--snapshot", snapshot],
                             capture_output=True, text=True, check=True)
        results["bimi message (one run)"] = json.loads(run.stdout)
        # One worker thread: the same single-core footing as mailauth's one Node.js thread.
        run = subprocess.run([sys.executable, __file__, "--phase", "time-bimi-batch", "--bimi", args.bimi, "--pki", args.pki,
                              "--manifest", os.path.join(work, "manifest.json"), "--snapshot", snapshot, "--jobs", "1"],
                             capture_output=True, text=True, check=True)
        results["bimi message (-j 1)"] = json.loads(run.stdout)
    else:
        print("bimi message: this bimi has no `message` command; skipped")
    if args.mailauth:
        run = subprocess.run(["node", os.path.join(HERE, "message_mailauth.js"), args.mailauth,
                              os.path.join(work, "manifest.json"), os.path.join(work, "dns.json")],
                             capture_output=True, text=True)
        if run.returncode != 0:
            raise SystemExit("mailauth run failed:\n" + run.stderr)
        results["mailauth authenticate()"] = json.loads(run.stdout)

    # CPU seconds as well as wall-clock: on a shared machine the CPU figures compare the tools fairly.
    print(f"\n{'tool':<26} {'messages':>8} {'seconds':>8} {'msg/s':>8} {'CPU s':>7} {'msg/CPU s':>10} {'peak RSS MiB':>13}")
    for tool, r in results.items():
        print(f"{tool:<26} {r['messages']:>8} {r['seconds']:>8.2f} {r['messages'] / r['seconds']:>8.1f} "
              f"{r['cpu_seconds']:>7.2f} {r['messages'] / r['cpu_seconds']:>10.1f} {r['max_rss_kb'] / 1024:>13.1f}")
    for tool, r in results.items():
        print(f"{tool}: " + ", ".join(f"{k} {v}" for k, v in sorted(r["outcomes"].items())))
    if "bimi message" in results:
        r = results["bimi message"]
        per_message = r["seconds"] * 1000 / r["messages"]
        print(f"bimi start-up (message --help): {r['start_up_ms']:.2f} ms of {per_message:.2f} ms per message")
    peer = results.get("mailauth authenticate()")
    for tool in ("bimi message (one run)", "bimi message (-j 1)"):
        if peer and tool in results:
            r = results[tool]
            print(f"{tool} against mailauth: {(r['messages'] / r['seconds']) / (peer['messages'] / peer['seconds']):.1f} times "
                  f"the messages per second, {(r['messages'] / r['cpu_seconds']) / (peer['messages'] / peer['cpu_seconds']):.1f} "
                  f"times the messages per CPU second")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
