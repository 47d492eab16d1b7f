#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, seeded from the conformance corpus and samples/.
#   Fuzz/run.sh [SECONDS] [TARGET...]        default 60 seconds, every target
# Needs the Swift toolchain's libFuzzer (swiftc -sanitize=fuzzer). Crashing inputs are written to
# Fuzz/artifacts/<target>/; copy each into Tests/Fixtures/fuzz/<target>/ once fixed (the regression test replays them).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
root=$(cd .. && pwd)
corpus=${MAILSLEUTH_CORPUS:-$root/../shared/corpus}

swift build --scratch-path "$root/.build-fuzz" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >/dev/null
fuzzer="$root/.build-fuzz/debug/mailsleuth-fuzz"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(message mime mbox rfc2047 address date received authres dkim-tags spf dmarc msg zone)
fi

# Seeds: whole messages for message-level targets, extracted field values for field-level targets.
seed_fields() { # $1 dir, $2 regex of field names
  mkdir -p "$1"
  [ -d "$corpus" ] || return 0
  grep -rhiE "^($2):" "$corpus" "$root/samples" 2>/dev/null | cut -d: -f2- | head -400 | split -l 1 - "$1/seed-" || true
}
seeds_for() {
  local work="work/$1"
  mkdir -p "$work"
  if [ "$seconds" -le 30 ]; then
    # A smoke run: small seeds only, so loading them does not outlast the run (whole-message targets run
    # at a few inputs per second under the sanitizers).
    case $1 in
      message|mime|received|mbox) echo "$work $root/samples"; return ;;
      # sort and sed read all of find's output: with head, find could die of SIGPIPE and pipefail end the run.
      msg) echo "$work"; if [ -d "${corpus}/outlook-msg" ]; then find "${corpus}/outlook-msg" -name '*.msg' -size -64k | sort | sed -n '1,3p' | while read -r f; do cp -f "$f" "$work/"; done; fi; return ;;
    esac
  fi
  case $1 in
    message|mime|received) echo "$work $root/samples ${corpus}/mikel-mail ${corpus}/mail-parser ${corpus}/stalwart-mail-auth/resources/dkim ${corpus}/mail-dkim-perl/t/corpus" ;;
    mbox) echo "$work ${corpus}/perceval-mbox ${corpus}/sisimai/mailbox" ;;
    msg) echo "$work ${corpus}/outlook-msg" ;;
    zone) echo "$work $root/samples $root/Tests/Fixtures/dns" ;;
    rfc2047) seed_fields "$work" "Subject|From|To"; echo "$work" ;;
    address) seed_fields "$work" "From|To|Cc|Reply-To|Sender"; echo "$work" ;;
    date) seed_fields "$work" "Date|Received"; echo "$work" ;;
    authres) seed_fields "$work" "Authentication-Results|ARC-Authentication-Results|Received-SPF"; echo "$work" ;;
    dkim-tags) seed_fields "$work" "DKIM-Signature|ARC-Seal|ARC-Message-Signature"; echo "$work" ;;
    spf) printf 'v=spf1 a mx include:%%{d} exists:%%{ir}.%%{l}._spf.%%{d} ip4:192.0.2.0/24 ip6:2001:db8::/32 redirect=_spf.%%{d} -all' > "$work/seed-1"; echo "$work" ;;
    dmarc) printf 'v=DMARC1; p=reject; sp=none; pct=50; rua=mailto:a@example.com; adkim=s; aspf=r; fo=1; np=quarantine; psd=y; t=y' > "$work/seed-1"; echo "$work" ;;
    *) echo "$work" ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  mkdir -p "artifacts/$target"
  dirs=$(seeds_for "$target")
  existing=""
  for d in $dirs; do [ -d "$d" ] && existing="$existing $d"; done
  echo "== $target ($seconds s)"
  # shellcheck disable=SC2086
  if ! MAILSLEUTH_FUZZ_TARGET=$target "$fuzzer" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=3072 \
       -print_final_stats=1 -artifact_prefix="artifacts/$target/" $existing 2>"work/$target.log"; then
    status=1
    echo "   CRASH or failure: see Fuzz/work/$target.log and Fuzz/artifacts/$target/"
  fi
  grep -E "^stat::number_of_executed_units|^stat::new_units_added|cov: " "work/$target.log" | tail -3 | sed 's/^/   /'
done
exit $status
