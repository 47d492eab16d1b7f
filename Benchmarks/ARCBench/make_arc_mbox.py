#!/usr/bin/env python3
"""Writes the ARC benchmark input from the third-party corpus (read in place, never copied into the repo):
every case of the ARC interoperability suite plus the real Gmail chains of mailauth and stalwart, as one mbox
and a `name<TAB>TXT` key file, then times dkimpy's arc_verify over the same messages for comparison.

  python3 Benchmarks/ARCBench/make_arc_mbox.py CORPUS OUTDIR [--repeat N]
"""
import logging
import os
import sys
import time

import dkim
import yaml


def suite_cases(path):
    # Yams and PyYAML keep the last of repeated keys; rename repeats so all 175 texts are kept.
    out, seen = [], {}
    for line in open(path).read().split("\n"):
        if line.startswith("---"):
            seen = {}
        if line.startswith("  ") and not line.startswith("   ") and line.strip().endswith(":"):
            name = line.strip()[:-1]
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                line = "  %s#%d:" % (name, seen[name])
        out.append(line)
    for doc in yaml.safe_load_all("\n".join(out)):
        for test in doc["tests"].values():
            yield test["message"].encode(), doc["txt-records"]


def stalwart(path):
    data = open(path, "rb").read()
    head, _, message = data.partition(b"\n\n")
    records = {}
    for line in head.decode().split("\n"):
        name, _, value = line.partition(" ")
        records[name] = value
    return message, records


def main():
    corpus, outdir = sys.argv[1], sys.argv[2]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 5
    messages, keys = [], {}
    for message, records in suite_cases(os.path.join(corpus, "arc_test_suite/arc-draft-validation-tests.yml")):
        messages.append(message)
        keys.update({k: " ".join(v.split()) for k, v in records.items()})
    for name in ("001.txt", "002.txt"):
        message, records = stalwart(os.path.join(corpus, "stalwart-mail-auth/resources/arc", name))
        messages.append(message)
        keys.update(records)
    for name in ("arc-pass.eml", "arc-pass2.eml", "arc-fail.eml", "arc-fail2.eml", "arc-fail3.eml"):
        messages.append(open(os.path.join(corpus, "mailauth/test/fixtures", name), "rb").read())
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "arc.mbox"), "wb") as mbox:
        for message in messages:
            mbox.write(b"From bench@example.org Thu Jan  1 00:00:00 2024\n")
            body = message.replace(b"\r\n", b"\n")
            mbox.write(b"\n".join((b">" + l if l.startswith(b"From ") else l) for l in body.split(b"\n")) + b"\n")
    with open(os.path.join(outdir, "arc.keys"), "w") as out:
        for name, value in sorted(keys.items()):
            out.write("%s\t%s\n" % (name, value))
    logging.disable(logging.CRITICAL)

    def dnsfunc(name, timeout=5):
        return keys.get(name.decode().rstrip("."), "").encode()

    start = time.process_time()
    results = {}
    for _ in range(repeat):
        for message in messages:
            try:
                cv = dkim.arc_verify(message, dnsfunc=dnsfunc)[0]
            except Exception:
                cv = b"fail"
            results[cv] = results.get(cv, 0) + 1
    seconds = time.process_time() - start
    print("messages %d  dkimpy arc_verify: %.0f msgs/s (one core, CPU time)  results %r"
          % (len(messages), len(messages) * repeat / seconds, results))


if __name__ == "__main__":
    main()
