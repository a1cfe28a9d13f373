#!/usr/bin/env bash
# Differential test: the printer against tcpdump on synthetic pcaps (gen_pcaps.py), for each display
# option tcpdump users reach for. Prints one line per differing (file, options) and a summary; exits 0
# when everything matches, 1 otherwise, 77 (skip) when tcpdump or python3 is missing.
# usage: differential.sh PRINTER [workdir]
set -u
BIN=${1:?usage: differential.sh PRINTER [workdir]}
if [[ $BIN == */* ]]; then BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN"); else BIN=$(command -v "$BIN"); fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TCPDUMP=${TCPDUMP:-$(command -v tcpdump || true)}
[ -x "$TCPDUMP" ] || { echo "differential: tcpdump not found, skipping"; exit 77; }
command -v python3 >/dev/null || { echo "differential: python3 not found, skipping"; exit 77; }
WORK=${2:-$(mktemp -d /tmp/print-diff.XXXXXX)}
mkdir -p "$WORK"
python3 "$HERE/gen_pcaps.py" "$WORK" || exit 1

OPTIONS=("-n" "-nn" "-n -v" "-n -vv" "-n -vvv" "-n -e" "-n -x" "-n -xx" "-n -X" "-n -XX" "-n -A"
         "-n -tttt" "-n -tt" "-n -ttt" "-n -ttttt" "-n -t" "-n -S" "-n -q" "-n -#" "-n -e -v -X"
         "-n -K -v" "-n --nano" "")
pass=0; fail=0
for f in "$WORK"/*.pcap; do
  for o in "${OPTIONS[@]}"; do
    # shellcheck disable=SC2086
    TZ=${TZ:-UTC} "$TCPDUMP" -r "$f" $o >"$WORK/expected" 2>/dev/null
    # shellcheck disable=SC2086
    TZ=${TZ:-UTC} "$BIN" -r "$f" $o >"$WORK/actual" 2>/dev/null
    if cmp -s "$WORK/expected" "$WORK/actual"; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "DIFF $(basename "$f") [$o]: $(diff "$WORK/expected" "$WORK/actual" | grep -c '^[<>]') lines"
      [ -n "${VERBOSE:-}" ] && diff "$WORK/expected" "$WORK/actual" | head -10
    fi
  done
done
# Local time zones for the default and -tttt timestamps.
for tz in America/New_York Asia/Kolkata Australia/Lord_Howe; do
  for o in "-n" "-n -tttt"; do
    # shellcheck disable=SC2086
    TZ=$tz "$TCPDUMP" -r "$WORK/ether.pcap" $o >"$WORK/expected" 2>/dev/null
    # shellcheck disable=SC2086
    TZ=$tz "$BIN" -r "$WORK/ether.pcap" $o >"$WORK/actual" 2>/dev/null
    if cmp -s "$WORK/expected" "$WORK/actual"; then pass=$((pass + 1)); else
      fail=$((fail + 1)); echo "DIFF TZ=$tz [$o]"; fi
  done
done

# The command itself: exit status, stdout, and stderr with the program name swapped.
cli() {
  local name=$1; shift
  (cd "$WORK" && "$TCPDUMP" "$@" >"$WORK/expected" 2>"$WORK/expected.err" </dev/null); local rc_t=$?
  (cd "$WORK" && "$BIN" "$@" >"$WORK/actual" 2>"$WORK/actual.err" </dev/null); local rc_r=$?
  sed -i 's/^tcpdump: /PROG: /' "$WORK/expected.err"; sed -i 's/^[a-z_]*: /PROG: /' "$WORK/actual.err"
  if [ $rc_t -eq $rc_r ] && cmp -s "$WORK/expected" "$WORK/actual" && cmp -s "$WORK/expected.err" "$WORK/actual.err"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "DIFF cli $name: exit $rc_t vs $rc_r"
    [ -n "${VERBOSE:-}" ] && diff "$WORK/expected.err" "$WORK/actual.err"
  fi
}
mkdir -p "$WORK/cli"
printf 'tcp port 80 or icmp # a comment\n' >"$WORK/cli/filter.txt"
printf 'garbage, not a capture file at all\n' >"$WORK/cli/garbage.pcap"
cli missing-file -n -r "$WORK/cli/no-such.pcap"
cli bad-file -n -r "$WORK/cli/garbage.pcap"
cli bad-filter -n -r "$WORK/ether.pcap" "tcp port"
cli filter -n -r "$WORK/ether.pcap" "udp or arp"
cli filter-file -n -r "$WORK/ether.pcap" -F "$WORK/cli/filter.txt"
cli filter-file-d -d -F "$WORK/cli/filter.txt"
cli filter-file-ddd -ddd -F "$WORK/cli/filter.txt"
cli count -n -c 5 -r "$WORK/ether.pcap"
cli count-filter -n -c 2 -r "$WORK/ether.pcap" icmp6
cli pcapng -n -r "$WORK/ether.pcapng"
cli pcapng-nano -n --nano -r "$WORK/ether.pcapng"
cli nano-as-micro -n -r "$WORK/ether-nano.pcap"
cli nano -n --time-stamp-precision=nano -r "$WORK/ether-nano.pcap"
cli sll2-e -n -e -r "$WORK/sll2.pcap"
# -w writes the matching packets: read both files back.
"$TCPDUMP" -r "$WORK/ether.pcap" -w "$WORK/cli/t.pcap" tcp 2>/dev/null
"$BIN" -r "$WORK/ether.pcap" -w "$WORK/cli/r.pcap" tcp 2>/dev/null
cli write-read -n -r "$WORK/cli/r.pcap"
if cmp -s <("$TCPDUMP" -n -r "$WORK/cli/t.pcap" 2>/dev/null) <("$TCPDUMP" -n -r "$WORK/cli/r.pcap" 2>/dev/null); then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "DIFF cli -w: files differ"; fi
if cmp -s <("$TCPDUMP" -n -r - <"$WORK/ether.pcap" 2>&1) <("$BIN" -n -r - <"$WORK/ether.pcap" 2>&1); then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "DIFF cli -r -"; fi

echo "differential: $pass/$((pass + fail)) (file, options) combinations byte-identical"
[ "$fail" -eq 0 ]
