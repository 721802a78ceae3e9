#!/usr/bin/env python3
"""bimi's check_host() against Debian's pyspf (python3-spf) on generated scenarios.

Both evaluate the same in-memory zones: the scenarios are generated from a fixed seed (records of
random mechanisms, qualifiers, includes, redirects, macros and a few syntax errors over a handful
of names with A, AAAA, MX and PTR records and some timeouts), pyspf runs with its DNS look-up
replaced by the zone, bimi through tests/auth/spf_oracle_driver. Every disagreement must fall in
a class explained in docs/spf.md; the script prints each and exits 1 on any other.
Usage: pyspf_oracle.py DRIVER [COUNT]   (exit 77: pyspf is not installed)
"""
import json
import random
import re
import subprocess
import sys

try:
    import spf
except ImportError:
    print("python3-spf is not installed")
    sys.exit(77)

reason_zone = ""
NAMES = ["d%d.example.com" % i for i in range(6)]
CLIENTS = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "198.51.100.7", "2001:db8::1"]


def term(rng):
    qualifier = rng.choice(["", "", "+", "-", "~", "?"])
    name = rng.choice(NAMES)
    body = rng.choice([
        "all", "ip4:192.0.2.%d" % rng.randint(1, 4), "ip4:192.0.2.0/%d" % rng.choice([24, 30, 32]),
        "ip6:2001:db8::/%d" % rng.choice([32, 64, 128]), "a", "a:" + name, "a/24", "a:%s//64" % name,
        "mx", "mx:" + name, "mx/24", "include:" + name, "include:" + name, "exists:" + name,
        "exists:%{i}." + name, "exists:%{l}.%{d}", "ptr", "ptr:" + name, "a:%{ir}.%{v}." + name,
    ])
    return qualifier + body


def record(rng):
    terms = [term(rng) for _ in range(rng.randint(0, 6))]
    roll = rng.random()
    if roll < 0.15:
        terms.append("redirect=" + rng.choice(NAMES))
    elif roll < 0.25:
        terms.append("exp=e." + rng.choice(NAMES))
    if rng.random() < 0.05:
        terms.insert(rng.randint(0, len(terms)), rng.choice(["a:", "ip4:300.1.1.1", "foo", "exists:%{z}.x.com", "mx//129"]))
    return " ".join(["v=spf1"] + terms)


def scenario(rng):
    zone = {}
    for name in NAMES:
        entries = []
        roll = rng.random()
        if roll < 0.8:
            entries.append(["TXT", record(rng)])
        elif roll < 0.85:
            entries += [["TXT", record(rng)], ["TXT", record(rng)]]
        for _ in range(rng.randint(0, 2)):
            entries.append(["A", rng.choice(CLIENTS[:4])])
        if rng.random() < 0.3:
            entries.append(["AAAA", "2001:db8::1"])
        for i in range(rng.randint(0, 3)):
            mx = "m%d.%s" % (i, name)
            entries.append(["MX", mx])
            zone[mx] = [["A", rng.choice(CLIENTS[:4])]]
        if rng.random() < 0.05:
            entries = [["TIMEOUT", ""]]
        if entries:
            zone[name] = entries
        zone["e." + name] = [["TXT", "%{i} is not allowed for %{d}"]]
    for ip in CLIENTS[:3]:
        reverse = ".".join(reversed(ip.split("."))) + ".in-addr.arpa"
        zone[reverse] = [["PTR", rng.choice(NAMES)]]
    tests = [{"ip": rng.choice(CLIENTS), "mail_from": "user@" + rng.choice(NAMES), "helo": "helo.example.org"}
             for _ in range(3)]
    return {"zone": zone, "tests": tests}


def pyspf_result(zone, test):
    def lookup(name, qtype, *args, **kwargs):
        entries = zone.get(name.lower().rstrip("."), [])
        found = [e for e in entries if e[0] == qtype]
        if not found and any(e[0] == "TIMEOUT" for e in entries):
            raise spf.TempError("DNS timeout")
        out = []
        for kind, value in found:
            if kind == "TXT":
                out.append(((name, kind), [value.encode()]))
            elif kind == "MX":
                out.append(((name, kind), (0, value)))
            else:
                out.append(((name, kind), value))
        return out
    spf.DNSLookup = lookup
    query = spf.query(i=test["ip"], s=test["mail_from"], h=test["helo"], querytime=0)
    result, _, message = query.check()
    return result, message


def main():
    driver = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    rng = random.Random(7208)
    scenarios = [scenario(rng) for _ in range(count)]
    run = subprocess.run([driver], input=json.dumps({"scenarios": scenarios}), capture_output=True, text=True, check=True)
    ours = run.stdout.splitlines()
    index = 0
    agree = 0
    unexplained = 0
    for s in scenarios:
        for test in s["tests"]:
            result, reason = ours[index].split("\t", 1)
            index += 1
            theirs, message = pyspf_result(s["zone"], test)
            if theirs == result:
                agree += 1
                continue
            global reason_zone
            reason_zone = json.dumps(s["zone"])
            why = explain(result, theirs, reason, message)
            if why is None:
                unexplained += 1
                why = "UNEXPLAINED"
                print("  zone: " + json.dumps(s["zone"]))
            print("%s %s: bimi %s (%s), pyspf %s (%s) -- %s" % (test["ip"], test["mail_from"], result, reason, theirs, message, why))
    total = index
    print("%d of %d agree with pyspf; %d disagreements unexplained" % (agree, total, unexplained))
    return 1 if unexplained else 0


def explain(ours, theirs, reason, message):
    """The class of a known disagreement (docs/spf.md), or None."""
    counts = re.search(r"\[(\d+) terms, (\d+) void\]$", reason)
    our_voids = int(counts.group(2)) if counts else 99
    if theirs == "permerror" and "Void lookup limit" in message and our_voids <= 2:
        return ("void counting: pyspf counts every empty answer, the address look-ups of MX and PTR names "
                "included; bimi counts a term once, by its own query (RFC 7208 §4.6.4 limits terms)")
    if theirs == "permerror" and "trivial recursion" in message:
        return ("self-include: pyspf refuses a record that includes itself before evaluating it; bimi "
                "evaluates terms in order (§4.6) and errs only if the include is reached")
    if theirs == "temperror" and "DNS timeout" in message and ours != "temperror" and "ptr" in reason_zone:
        return ("ptr: a DNS error on the address look-up of a PTR name skips that name (§5.5); pyspf "
                "returns temperror")
    return None


if __name__ == "__main__":
    sys.exit(main())
