#!/usr/bin/env python3
"""Builds a signed mbox for dkim-bench and times dkimpy on it.

  python3 Benchmarks/DKIMBench/make_mbox.py OUT_DIR [COUNT]

Writes OUT_DIR/signed.mbox and OUT_DIR/keys.tsv (TEST-ONLY keys from Tests/Fixtures/dkim/keys), then
verifies every message with dkimpy and prints its messages per second (one core).
"""
import base64
import os
import random
import subprocess
import sys
import time
from unittest import mock

import dkim

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KEY = os.path.join(ROOT, "Tests", "Fixtures", "dkim", "keys", "rsa-diff2048.pem")


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(out, exist_ok=True)
    with open(KEY, "rb") as f:
        private = f.read()
    public = base64.b64encode(subprocess.run(["openssl", "pkey", "-in", KEY, "-pubout", "-outform", "DER"],
                                             check=True, capture_output=True).stdout).decode()
    with open(os.path.join(out, "keys.tsv"), "w") as f:
        f.write(f"bench._domainkey.example.com\tv=DKIM1; k=rsa; p={public}\n")
    rng = random.Random(7)
    words = "the quick brown fox jumps over lazy dog mail forensic header body signature key domain".split()
    messages = []
    for n in range(count):
        lines = [" ".join(rng.choice(words) for _ in range(12)) for _ in range(rng.randint(20, 120))]
        body = ("\r\n".join(lines) + "\r\n").encode()
        head = (f"From: Sender {n} <sender{n}@example.com>\r\nTo: someone@example.net\r\nSubject: Message number {n}\r\n"
                f"Date: Tue, 14 Nov 2023 22:13:20 +0000\r\nMessage-ID: <{n}@example.com>\r\n\r\n").encode()
        with mock.patch("dkim.time.time", return_value=1700000000):
            signed = dkim.sign(head + body, b"bench", b"example.com", private,
                               include_headers=[b"from", b"to", b"subject", b"date", b"message-id"]) + head + body
        messages.append(signed)
    with open(os.path.join(out, "signed.mbox"), "wb") as f:
        for m in messages:
            f.write(b"From bench@example.com Tue Nov 14 22:13:20 2023\n" + m.replace(b"\r\n", b"\n") + b"\n")
    record = f"v=DKIM1; k=rsa; p={public}".encode()
    start = time.perf_counter()
    cpu = time.process_time()
    ok = 0
    for m in messages:
        ok += bool(dkim.verify(m.replace(b"\r\n", b"\n"), dnsfunc=lambda name, timeout=5: record))
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    size = sum(len(m) for m in messages) / 1e6
    print(f"dkimpy: {count} messages ({size:.1f} MB): {seconds:.3f} s wall = {count / seconds:.0f} msgs/s; "
          f"{cpu:.3f} s CPU = {count / cpu:.0f} msgs per CPU-second; 1 core, {ok} pass")


if __name__ == "__main__":
    main()
