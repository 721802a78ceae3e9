#!/usr/bin/python3
"""Makes DKIM keys and signs messages with dkimpy (Debian's python3-dkim) for the `bimi message`
scenarios and benchmark.

  sign_message.py keys DIR
      Writes a fresh RSA 2048 key (DIR/rsa.pem) and ed25519 key (DIR/ed25519.key) and prints their
      DKIM key records (RFC 6376 §3.6.1, RFC 8463 §4) as JSON: {"rsa": "...", "ed25519": "..."}.
  sign_message.py sign DIR IN OUT --domain D --selector S [--algorithm rsa|ed25519]
                  [--headers from,to,...] [--length] [--time T] [--expires-after SECONDS]
      Signs message IN with the key of DIR as d=D s=S and writes the signed message to OUT. --time
      is the signing time t= (seconds since the epoch); --expires-after adds x= = t + SECONDS;
      --length adds l= (the body length).
  sign_message.py forward DIR IN OUT --sealer D --selector S [--time T]
      What a mailing list at D does (RFC 8617 §1): records what it saw in an Authentication-Results
      field (dkim, spf and dmarc pass for the author's domain), adds a footer to the body (which
      breaks the author's signature) and seals the result with an ARC set (i=1, cv=none) signed
      with the RSA key of DIR as d=D s=S.
  sign_message.py verify FILE --dns-server ADDRESS:PORT [--time T] [--arc]
      Exits 0 when dkimpy verifies the first signature of FILE (with --arc: its ARC chain) with the
      keys it looks up at the DNS server, 1 when not.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import time

import dkim
import nacl.signing

KEY_FILES = {"rsa": "rsa.pem", "ed25519": "ed25519.key"}
ALGORITHMS = {"rsa": b"rsa-sha256", "ed25519": b"ed25519-sha256"}


def make_keys(directory):
    os.makedirs(directory, exist_ok=True)
    pem = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
                         check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubout", "-outform", "DER"], input=pem, check=True,
                         capture_output=True).stdout
    signing = nacl.signing.SigningKey.generate()
    with open(os.path.join(directory, KEY_FILES["rsa"]), "wb") as f:
        f.write(pem)
    with open(os.path.join(directory, KEY_FILES["ed25519"]), "wb") as f:
        f.write(base64.b64encode(bytes(signing)))
    return {
        "rsa": "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode(),
        "ed25519": "v=DKIM1; k=ed25519; p=" + base64.b64encode(bytes(signing.verify_key)).decode(),
    }


class SigningClock:
    """dkimpy takes t= from the clock and has no x= option: both are set here for one signature."""

    def __init__(self, at, expires_after):
        self.at, self.expires_after = at, expires_after

    def __enter__(self):
        self.saved_time, self.saved_gen = time.time, dkim.DKIM.gen_header
        if self.at is not None:
            time.time = lambda: float(self.at)
        if self.expires_after is not None:
            expires = str(int(time.time()) + self.expires_after).encode()
            saved_gen = self.saved_gen

            def gen_header(dkim_self, fields, *rest):
                at = next(i for i, (name, _) in enumerate(fields) if name == b"h")
                return saved_gen(dkim_self, fields[:at] + [(b"x", expires)] + fields[at:], *rest)

            dkim.DKIM.gen_header = gen_header
        return self

    def __exit__(self, *exc):
        time.time, dkim.DKIM.gen_header = self.saved_time, self.saved_gen


def sign(message, key_dir, domain, selector, algorithm="rsa", headers=None, length=False, at=None,
         expires_after=None):
    with open(os.path.join(key_dir, KEY_FILES[algorithm]), "rb") as f:
        private = f.read()
    include = [h.encode() for h in headers] if headers else None
    with SigningClock(at, expires_after):
        signature = dkim.sign(message, selector.encode(), domain.encode(), private,
                              canonicalize=(b"relaxed", b"relaxed"), signature_algorithm=ALGORITHMS[algorithm],
                              include_headers=include, length=length)
    return signature + message


def forward(message, key_dir, sealer, selector, at=None):
    head, _, body = message.partition(b"\r\n\r\n")
    from_line = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"from:"))
    domain = from_line.rsplit(b"@", 1)[1].strip(b"> \t")
    results = (b"Authentication-Results: " + sealer.encode() + b"; dkim=pass header.d=" + domain +
               b"; spf=pass smtp.mailfrom=" + domain + b"; dmarc=pass header.from=" + domain + b"\r\n")
    changed = results + head + b"\r\n\r\n" + body + b"-- \r\nYou receive this list because you subscribed.\r\n"
    with open(os.path.join(key_dir, KEY_FILES["rsa"]), "rb") as f:
        private = f.read()
    seal = dkim.arc_sign(changed, selector.encode(), sealer.encode(), private, sealer.encode(),
                         timestamp=at)
    return b"".join(seal) + changed


def dns_txt(server):
    import dns.resolver

    host, _, port = server.rpartition(":")
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [host]
    resolver.port = int(port)
    resolver.lifetime = 3

    def lookup(name, timeout=5):
        try:
            answer = resolver.resolve(name.decode().rstrip("."), "TXT")
        except Exception:
            return b""
        return b"".join(b"".join(record.strings) for record in answer[:1])

    return lookup


def verify(message, server, at=None, arc=False):
    with SigningClock(at, None):
        if arc:
            result, _, _ = dkim.arc_verify(message, dnsfunc=dns_txt(server))
            return result == dkim.CV_Pass
        return dkim.verify(message, dnsfunc=dns_txt(server))


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    keys = commands.add_parser("keys")
    keys.add_argument("dir")
    signing = commands.add_parser("sign")
    signing.add_argument("dir")
    signing.add_argument("input")
    signing.add_argument("output")
    signing.add_argument("--domain", required=True)
    signing.add_argument("--selector", required=True)
    signing.add_argument("--algorithm", choices=sorted(KEY_FILES), default="rsa")
    signing.add_argument("--headers", default="")
    signing.add_argument("--length", action="store_true")
    signing.add_argument("--time", type=int)
    signing.add_argument("--expires-after", type=int)
    forwarding = commands.add_parser("forward")
    forwarding.add_argument("dir")
    forwarding.add_argument("input")
    forwarding.add_argument("output")
    forwarding.add_argument("--sealer", required=True)
    forwarding.add_argument("--selector", required=True)
    forwarding.add_argument("--time", type=int)
    checking = commands.add_parser("verify")
    checking.add_argument("file")
    checking.add_argument("--dns-server", required=True)
    checking.add_argument("--time", type=int)
    checking.add_argument("--arc", action="store_true")
    args = parser.parse_args()

    if args.command == "keys":
        json.dump(make_keys(args.dir), sys.stdout, sort_keys=True)
        print()
    elif args.command == "sign":
        with open(args.input, "rb") as f:
            message = f.read()
        headers = [h.strip().lower() for h in args.headers.split(",") if h.strip()] or None
        signed = sign(message, args.dir, args.domain, args.selector, args.algorithm, headers, args.length, args.time,
                      args.expires_after)
        with open(args.output, "wb") as f:
            f.write(signed)
    elif args.command == "forward":
        with open(args.input, "rb") as f:
            message = f.read()
        forwarded = forward(message, args.dir, args.sealer, args.selector, args.time)
        with open(args.output, "wb") as f:
            f.write(forwarded)
    else:
        with open(args.file, "rb") as f:
            sys.exit(0 if verify(f.read(), args.dns_server, args.time, args.arc) else 1)


if __name__ == "__main__":
    main()
