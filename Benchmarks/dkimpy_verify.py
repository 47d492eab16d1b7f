#!/usr/bin/env python3
"""The reference the sweep benchmark is measured against: dkimpy verifying every DKIM signature and the ARC
chain of every message of an mbox, with DNS answers read from the benchmark's zone file (no network).

  python3 Benchmarks/dkimpy_verify.py MBOX ZONE [--results FILE.jsonl]

Prints one JSON object with messages, seconds, messages/s and MB/s; --results writes one line per message
with each signature's result (pass/fail, header order) and the ARC chain's cv, for the agreement check.
"""
import argparse
import json
import re
import sys
import time

import dkim


def read_zone(path):
    """TXT records of a master file: name -> list of record strings (character-strings joined)."""
    records = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith(";") or line.startswith("$"):
                continue
            m = re.match(r'(\S+)\s+(?:\d+\s+)?(?:IN\s+)?TXT\s+(.*)$', line)
            if not m:
                continue
            name = m.group(1).rstrip(".").lower()
            value = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
            records.setdefault(name, []).append(value.encode())
    return records


def messages(path):
    """The messages of an mbox (mboxo/mboxrd 'From ' separated), as bytes with LF line ends."""
    with open(path, "rb") as f:
        current = []
        for line in f:
            if line.startswith(b"From "):
                if current:
                    yield finish(current)
                current = []
                continue
            current.append(line)
        if current:
            yield finish(current)


def finish(lines):
    if lines and lines[-1] == b"\n":
        lines = lines[:-1]  # the blank line before the next separator belongs to the mbox
    return b"".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mbox")
    parser.add_argument("zone")
    parser.add_argument("--results")
    args = parser.parse_args()
    zone = read_zone(args.zone)

    def dnsfunc(name, timeout=5):
        name = name.decode() if isinstance(name, bytes) else name
        found = zone.get(name.rstrip(".").lower())
        return found[0] if found else None

    out = open(args.results, "w") if args.results else None
    count = 0
    total = 0
    started = time.monotonic()
    for message in messages(args.mbox):
        count += 1
        total += len(message)
        d = dkim.DKIM(message, minkey=1024)
        signatures = [i for i, (name, _) in enumerate(d.headers) if name.lower() == b"dkim-signature"]
        results = []
        for idx in range(len(signatures)):
            try:
                ok = dkim.DKIM(message, minkey=1024).verify(idx=idx, dnsfunc=dnsfunc)
            except Exception:
                ok = False
            results.append("pass" if ok else "fail")
        arc = None
        if b"arc-seal" in message[:20000].lower():
            try:
                cv, _, _ = dkim.arc_verify(message, dnsfunc=dnsfunc)
                arc = cv.decode() if isinstance(cv, bytes) else str(cv)
            except Exception as error:
                arc = "error: %s" % error
        if out:
            out.write(json.dumps({"n": count - 1, "dkim": results, "arc": arc}) + "\n")
    seconds = time.monotonic() - started
    if out:
        out.close()
    print(json.dumps({"tool": "dkimpy %s" % getattr(dkim, "__version__", ""), "messages": count, "bytes": total,
                      "seconds": round(seconds, 3), "messagesPerSecond": round(count / seconds, 1),
                      "megabytesPerSecond": round(total / 1e6 / seconds, 2)}))


if __name__ == "__main__":
    main()
