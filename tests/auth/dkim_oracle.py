#!/usr/bin/python3
"""Signs random messages with dkimpy (Debian's python3-dkim) for bimi's DKIM verifier to check.

Writes into OUTDIR: keys.json (key record by DNS name), and for each message N: N.eml (signed) and
N.mut.eml (the same with one byte changed), plus manifest.jsonl saying what dkimpy concluded for both.
Usage: dkim_oracle.py OUTDIR COUNT SEED
"""
import base64
import json
import os
import random
import subprocess
import sys

import dkim
import nacl.signing

out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
os.makedirs(out, exist_ok=True)


def rsa_key(bits):
    pem = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"],
                         check=True, capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubout", "-outform", "DER"], input=pem, check=True,
                         capture_output=True).stdout
    return pem, "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode()


def ed25519_key():
    signing = nacl.signing.SigningKey(bytes(rng.getrandbits(8) for _ in range(32)))
    private = base64.b64encode(bytes(signing))
    public = base64.b64encode(bytes(signing.verify_key)).decode()
    return private, "v=DKIM1; k=ed25519; p=" + public


keys = {}
signers = []
for name, (private, record), algorithm in [
    ("rsa", rsa_key(2048), b"rsa-sha256"),
    ("ed", ed25519_key(), b"ed25519-sha256"),
]:
    for domain in ["example.com", "mail.example.org"]:
        keys[f"{name}._domainkey.{domain}"] = record
        signers.append((name.encode(), domain.encode(), private, algorithm))
with open(os.path.join(out, "keys.json"), "w") as f:
    json.dump(keys, f, indent=1, sort_keys=True)


def dnsfunc(name, timeout=5):
    return keys.get(name.decode().rstrip("."), "").encode()


WORDS = ["logo", "brand", "mail", "report", "hello", "the", "quarterly", "update", "invoice", "=?utf-8?q?caf=C3=A9?="]


def text(n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def header(name, value):
    # Random spacing and folding: what relaxed canonicalization is for.
    sep = rng.choice([": ", ":", ":  ", ":\t"])
    if rng.random() < 0.3 and " " in value:
        words = value.split(" ")
        cut = rng.randrange(1, len(words)) if len(words) > 1 else 1
        value = " ".join(words[:cut]) + "\r\n" + rng.choice([" ", "\t", "   "]) + " ".join(words[cut:])
    if rng.random() < 0.2:
        value += rng.choice([" ", "\t", "  "])
    return f"{name}{sep}{value}\r\n"


def message():
    fields = [
        ("From", f"Brand <news@{rng.choice(['example.com', 'mail.example.org'])}>"),
        ("To", "someone@example.net"),
        ("Subject", text(rng.randint(1, 12))),
        ("Date", "Mon, 30 Nov 2026 12:00:00 +0000"),
        ("Message-ID", f"<{rng.getrandbits(64)}@example.com>"),
    ]
    for i in range(rng.randint(0, 4)):
        fields.append((rng.choice(["X-Campaign", "Reply-To", "List-Id", "X-Mailer"]), text(rng.randint(1, 6))))
    rng.shuffle(fields)
    head = "".join(header(n, v) for n, v in fields)
    lines = []
    for _ in range(rng.randint(0, 20)):
        line = text(rng.randint(0, 15))
        if rng.random() < 0.2:
            line = line.replace(" ", rng.choice(["  ", "\t", " \t "]))
        if rng.random() < 0.2:
            line += rng.choice([" ", "\t", "  \t"])
        lines.append(line)
    body = "\r\n".join(lines)
    if rng.random() < 0.7:
        body += "\r\n"
    if rng.random() < 0.3:
        body += "\r\n" * rng.randint(1, 3)
    return (head + "\r\n" + body).encode(), [n.encode() for n, _ in fields]


with open(os.path.join(out, "manifest.jsonl"), "w") as manifest:
    for n in range(count):
        msg, names = message()
        selector, domain, private, algorithm = rng.choice(signers)
        canon = (rng.choice([b"simple", b"relaxed"]), rng.choice([b"simple", b"relaxed"]))
        include = [b"from"] + [h.lower() for h in rng.sample(names, rng.randint(0, len(names))) if h.lower() != b"from"]
        signature = dkim.sign(msg, selector, domain, private, canonicalize=canon, signature_algorithm=algorithm,
                              include_headers=include)
        signed = signature + msg
        ok = "pass" if dkim.verify(signed, dnsfunc=dnsfunc) else "fail"
        # One byte changed, never a line ending or a colon (those change the message's structure,
        # which the two parsers are allowed to read differently).
        data = bytearray(signed)
        while True:
            at = rng.randrange(len(data))
            if data[at] not in b"\r\n:":
                break
        new = data[at]
        while new == data[at]:
            new = ord(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "))
        data[at] = new
        mutated = bytes(data)
        try:
            mutated_ok = "pass" if dkim.verify(mutated, dnsfunc=dnsfunc) else "fail"
        except (dkim.MessageFormatError, IndexError):
            mutated_ok = "malformed"  # a field line lost its name or a continuation line its indent
        region = "body" if at >= signed.index(b"\r\n\r\n") + 4 else "header"
        with open(os.path.join(out, f"{n}.eml"), "wb") as f:
            f.write(signed)
        with open(os.path.join(out, f"{n}.mut.eml"), "wb") as f:
            f.write(mutated)
        manifest.write(json.dumps({"n": n, "dkimpy": ok, "mutated_dkimpy": mutated_ok, "region": region,
                                   "offset": at, "algorithm": algorithm.decode(),
                                   "canonicalization": b"/".join(canon).decode()}) + "\n")
