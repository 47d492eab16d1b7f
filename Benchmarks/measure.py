#!/usr/bin/env python3
"""Measures `mailsleuth sweep` on the generated mbox next to dkimpy and next to the floor, and checks that
every message is accounted for and that DKIM/ARC verdicts agree with dkimpy's. Called by Benchmarks/run.sh.

Writes Benchmarks/out/results.json and Benchmarks/out/results.md (both git-ignored).
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
AT = "2024-05-01T00:00:00Z"  # judge signatures at a fixed time: the same verdicts on every run


def timed(command, time_file, stdout=None):
    """Runs `command` under /usr/bin/time -v; returns (exit status, wall seconds, peak RSS in MB).
    The CPU seconds (user + system) are read back by cpu_seconds(time_file)."""
    started = time.monotonic()
    with open(stdout or os.devnull, "wb") as out:
        status = subprocess.call(["/usr/bin/time", "-v", "-o", time_file] + command, stdout=out)
    wall = time.monotonic() - started
    rss_kb = 0
    with open(time_file) as f:
        for line in f:
            if "Maximum resident set size" in line:
                rss_kb = int(line.split(":")[1])
    return status, wall, rss_kb / 1024


def cpu_seconds(time_file):
    """User + system CPU seconds from a /usr/bin/time -v report: a measure that a busy machine does not distort."""
    total = 0.0
    with open(time_file) as f:
        for line in f:
            if "User time (seconds)" in line or "System time (seconds)" in line:
                total += float(line.split(":")[1])
    return total


def sweep(binary, mbox, zone, out, tag, jobs=None):
    rows = os.path.join(out, "sweep-%s.jsonl" % tag)
    summary = os.path.join(out, "sweep-%s-summary.json" % tag)
    command = [binary, "sweep", mbox, "--dns-zone", zone, "--format", "jsonl", "--output", rows, "--summary", summary,
               "--quiet", "--at", AT]
    if jobs:
        command += ["--jobs", str(jobs)]
    time_file = os.path.join(out, "sweep-%s.time" % tag)
    status, wall, rss = timed(command, time_file)
    size = os.path.getsize(mbox)
    with open(summary) as f:
        total = json.load(f).get("total")
    cpu = cpu_seconds(time_file)
    return {"exitStatus": status, "seconds": round(wall, 3), "messages": total, "peakRSSMB": round(rss, 1),
            "cpuSeconds": round(cpu, 2), "messagesPerCPUSecond": round(total / cpu, 1) if cpu else None,
            "messagesPerSecond": round(total / wall, 1) if wall else None, "megabytesPerSecond": round(size / 1e6 / wall, 2),
            "rows": rows}


def openssl_speed():
    """Verifies/s of one core for RSA-1024, RSA-2048 and Ed25519, from `openssl speed`."""
    text = subprocess.run(["openssl", "speed", "-seconds", "3", "rsa1024", "rsa2048", "ed25519"], capture_output=True,
                          text=True).stdout
    speeds = {}
    for line in text.splitlines():
        m = re.match(r"\s*rsa\s+(\d+)\s+bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", line)
        if m:
            speeds["rsa%s" % m.group(1)] = float(m.group(3))
        m = re.match(r"\s*253 bits EdDSA \(Ed25519\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", line)
        if m:
            speeds["ed25519"] = float(m.group(2))
    return speeds, text


def wall(command):
    """Runs `command`; returns (wall seconds, CPU seconds of the child), the latter undistorted by a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def crypto_floor(expected_path, speeds, cores):
    """Seconds of pure signature verification for the mbox's mix of keys, on all cores at openssl's speed."""
    per_key = {"rsa2048": "rsa2048", "rsa-sha1": "rsa2048", "rsa1024": "rsa1024", "ed25519": "ed25519"}
    seconds = 0.0
    verifications = 0
    with open(expected_path) as f:
        for line in f:
            facts = json.loads(line)
            keys = [per_key.get(k, "rsa2048") for k in facts["signatures"]]
            keys += ["rsa2048"] * (2 * facts["arcHops"])  # each ARC set: one AMS and one AS, RSA-2048
            for key in keys:
                if key in speeds and speeds[key] > 0:
                    seconds += 1 / speeds[key]
                    verifications += 1
    return seconds / cores, verifications


def agreement(sweep_rows, dkimpy_rows, count):
    """Per signature and per ARC chain: does mailsleuth's verdict match dkimpy's?"""
    stats = {"messages": 0, "dkimSignatures": 0, "dkimAgree": 0, "arcChains": 0, "arcAgree": 0, "examples": []}
    with open(sweep_rows) as ours, open(dkimpy_rows) as theirs:
        for line_ours, line_theirs in zip(ours, theirs):
            stats["messages"] += 1
            report = json.loads(line_ours)
            reference = json.loads(line_theirs)
            auth = report.get("authentication") or {}
            results = auth.get("dkim") or []
            for i, expected in enumerate(reference["dkim"]):
                stats["dkimSignatures"] += 1
                got = results[i] if i < len(results) else {}
                code = got.get("result")
                valid = got.get("cryptographicallyValid")
                passed = code == "pass" or (code == "policy" and valid is True)
                # A signature mailsleuth did not report, or could not check (temperror, none), never agrees.
                checked = code in ("pass", "fail", "policy", "permerror", "neutral")
                if checked and passed == (expected == "pass"):
                    stats["dkimAgree"] += 1
                elif len(stats["examples"]) < 10:
                    stats["examples"].append({"message": reference["n"], "signature": i, "dkimpy": expected, "mailsleuth": code})
            if reference.get("arc"):
                stats["arcChains"] += 1
                code = (auth.get("arc") or {}).get("result")
                if code == reference["arc"]:
                    stats["arcAgree"] += 1
                elif len(stats["examples"]) < 10:
                    stats["examples"].append({"message": reference["n"], "arc": True, "dkimpy": reference["arc"], "mailsleuth": code})
    stats["allAccountedFor"] = stats["messages"] == count
    return stats


def fresh(target, source):
    """True when `target` exists and was made after `source` (a regenerated mbox invalidates it)."""
    return os.path.exists(target) and os.path.getsize(target) > 0 and os.path.getmtime(target) >= os.path.getmtime(source)


def cut_mbox(source, target, limit):
    """The first messages of `source` up to about `limit` bytes, cut at a message boundary."""
    if fresh(target, source):
        return target
    written = 0
    with open(source, "rb") as f, open(target + ".part", "wb") as out:
        for line in f:
            if line.startswith(b"From ") and written >= limit:
                break
            out.write(line)
            written += len(line)
    os.replace(target + ".part", target)
    return target


def repeat_mbox(source, target, times):
    if fresh(target, source) and os.path.getsize(target) == times * os.path.getsize(source):
        return target
    with open(target + ".part", "wb") as out:
        for _ in range(times):
            with open(source, "rb") as f:
                while True:
                    block = f.read(1 << 20)
                    if not block:
                        break
                    out.write(block)
    os.replace(target + ".part", target)
    return target


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--mbox", required=True)
    parser.add_argument("--expected", required=True)
    parser.add_argument("--zone", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--no-scale", action="store_true", help="skip the 200 MB / 2 GB peak RSS comparison")
    args = parser.parse_args()
    out = args.out
    cores = os.cpu_count() or 1
    with open(args.expected) as f:
        count = sum(1 for _ in f)
    size = os.path.getsize(args.mbox)
    results = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cores": cores, "mbox": os.path.basename(args.mbox),
               "messages": count, "megabytes": round(size / 1e6, 1)}

    print("measure: raw read and SHA-256 of %s" % args.mbox, file=sys.stderr)
    wall(["cat", args.mbox])  # warm the page cache, so every tool below reads from memory
    cat_wall, cat_cpu = wall(["cat", args.mbox])
    sha_wall, sha_cpu = wall(["openssl", "dgst", "-sha256", args.mbox])
    results.update({"catSeconds": round(cat_wall, 3), "catCPUSeconds": round(cat_cpu, 3),
                    "sha256Seconds": round(sha_wall, 3), "sha256CPUSeconds": round(sha_cpu, 3)})

    print("measure: mailsleuth sweep", file=sys.stderr)
    results["sweep"] = sweep(args.binary, args.mbox, args.zone, out, "main")

    print("measure: dkimpy", file=sys.stderr)
    dkimpy_rows = os.path.join(out, "dkimpy.jsonl")
    dkimpy_json = os.path.join(out, "dkimpy.json")
    status, seconds, rss = timed([sys.executable, os.path.join(HERE, "dkimpy_verify.py"), args.mbox, args.zone,
                                  "--results", dkimpy_rows], os.path.join(out, "dkimpy.time"), stdout=dkimpy_json)
    with open(dkimpy_json) as f:
        reference = json.load(f)
    dkimpy_cpu = cpu_seconds(os.path.join(out, "dkimpy.time"))
    reference.update({"exitStatus": status, "wallSeconds": round(seconds, 3), "peakRSSMB": round(rss, 1),
                      "cpuSeconds": round(dkimpy_cpu, 2), "messagesPerCPUSecond": round(count / dkimpy_cpu, 1) if dkimpy_cpu else None})
    results["dkimpy"] = reference
    if reference.get("messagesPerSecond") and results["sweep"]["messagesPerSecond"]:
        results["speedup"] = round(results["sweep"]["messagesPerSecond"] / reference["messagesPerSecond"], 1)
    if reference.get("messagesPerCPUSecond") and results["sweep"]["messagesPerCPUSecond"]:
        # What the wall-clock speed-up would be on an otherwise idle machine: sweep uses every core, dkimpy one.
        results["speedupIdleEstimate"] = round(results["sweep"]["messagesPerCPUSecond"] * cores / reference["messagesPerCPUSecond"], 1)

    print("measure: openssl speed (the floor)", file=sys.stderr)
    speeds, text = openssl_speed()
    with open(os.path.join(out, "openssl-speed.txt"), "w") as f:
        f.write(text)
    floor_seconds, verifications = crypto_floor(args.expected, speeds, cores)
    results["floor"] = {"opensslVerifiesPerSecondOneCore": speeds, "verifications": verifications,
                        "cryptoSecondsAllCores": round(floor_seconds, 3),
                        "cryptoMessagesPerSecondAllCores": round(count / floor_seconds, 1) if floor_seconds else None,
                        "sha256MegabytesPerCPUSecond": round(size / 1e6 / max(results["sha256CPUSeconds"], 1e-3), 1),
                        "readMegabytesPerSecond": round(size / 1e6 / max(results["catSeconds"], 1e-3), 1)}

    print("measure: agreement with dkimpy", file=sys.stderr)
    results["agreement"] = agreement(results["sweep"]["rows"], dkimpy_rows, count)

    if not args.no_scale:
        print("measure: peak RSS on about 200 MB and on about 2 GB", file=sys.stderr)
        small = cut_mbox(args.mbox, os.path.join(out, "scale-200MB.mbox"), 200_000_000)
        large = repeat_mbox(args.mbox, os.path.join(out, "scale-2GB.mbox"), max(1, round(2_000_000_000 / size)))
        results["scale"] = {"small": sweep(args.binary, small, args.zone, out, "200MB"),
                            "large": sweep(args.binary, large, args.zone, out, "2GB")}
        results["scale"]["small"]["megabytes"] = round(os.path.getsize(small) / 1e6)
        results["scale"]["large"]["megabytes"] = round(os.path.getsize(large) / 1e6)
        small_rss = results["scale"]["small"]["peakRSSMB"]
        if small_rss:
            results["scale"]["rssRatio"] = round(results["scale"]["large"]["peakRSSMB"] / small_rss, 3)

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(markdown(results))
    print(markdown(results))


def markdown(r):
    s, d, fl, a = r["sweep"], r["dkimpy"], r["floor"], r["agreement"]
    lines = ["| What | Messages/s (wall) | MB/s (wall) | Messages per CPU-second | Peak RSS |", "|---|---:|---:|---:|---:|",
             "| mailsleuth sweep (%d cores) | %s | %s | %s | %s MB |" % (r["cores"], s["messagesPerSecond"], s["megabytesPerSecond"],
                                                                     s["messagesPerCPUSecond"], s["peakRSSMB"]),
             "| dkimpy (1 process) | %s | %s | %s | %s MB |" % (d.get("messagesPerSecond"), d.get("megabytesPerSecond"),
                                                              d.get("messagesPerCPUSecond"), d.get("peakRSSMB")),
             "| floor: signature verification only, openssl speed, all cores | %s | | | |" % fl["cryptoMessagesPerSecondAllCores"],
             "| floor: SHA-256 of the mbox (openssl dgst), one core | | | %s MB per CPU-second | |" % fl["sha256MegabytesPerCPUSecond"],
             "| floor: cat > /dev/null | | %s | | |" % fl["readMegabytesPerSecond"],
             "",
             "%d messages, %.1f MB; sweep accounted for %s messages (exit %s); speed-up over dkimpy: **%sx** wall clock, "
             "%sx estimated on an idle machine (CPU-seconds x cores)." % (
                 r["messages"], r["megabytes"], s["messages"], s["exitStatus"], r.get("speedup"), r.get("speedupIdleEstimate")),
             "Agreement with dkimpy: DKIM %d/%d signatures, ARC %d/%d chains." % (a["dkimAgree"], a["dkimSignatures"],
                                                                                  a["arcAgree"], a["arcChains"])]
    if "scale" in r:
        sc = r["scale"]
        lines.append("Peak RSS: %s MB on %s MB, %s MB on %s MB (ratio %s)." % (
            sc["small"]["peakRSSMB"], sc["small"]["megabytes"], sc["large"]["peakRSSMB"], sc["large"]["megabytes"], sc.get("rssRatio")))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
