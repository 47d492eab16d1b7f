#!/usr/bin/env bash
# The sweep benchmark, one command:  Benchmarks/run.sh   (COUNT=20000 by default; SCALE=0 skips the 2 GB run)
# 1. generates (or reuses) a deterministic signed mbox and its zone file in Benchmarks/out/,
# 2. builds mailsleuth in release mode,
# 3. measures sweep, dkimpy and the floor, checks accounting and agreement: Benchmarks/out/results.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-20000}"
OUT=Benchmarks/out
mkdir -p "$OUT"
python3 -c 'import dkim, nacl, authres' 2>/dev/null || python3 -m pip install --quiet dkimpy pynacl authres dnspython
python3 Benchmarks/generate.py --count "$COUNT" --out "$OUT" >/dev/null
swift build -c release --product mailsleuth
BIN="$(swift build -c release --show-bin-path)/mailsleuth"
SCALE_FLAG=()
[ "${SCALE:-1}" = 0 ] && SCALE_FLAG=(--no-scale)
python3 Benchmarks/measure.py --binary "$BIN" --mbox "$OUT/bench-$COUNT.mbox" --expected "$OUT/bench-$COUNT.expected.jsonl" \
  --zone "$OUT/bench.zone" --out "$OUT" "${SCALE_FLAG[@]}"
