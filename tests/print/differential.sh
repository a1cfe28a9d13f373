#!/usr/bin/env bash
# Differential test: the printer against tcpdump on synthetic pcaps (gen_pcaps.py), for each display
# option tcpdump users reach for. Prints one line per differing (file, options) and a summary; exits 0
# when everything matches, 1 otherwise, 77 (skip) when tcpdump or python3 is missing.
# usage: differential.sh PRINTER [workdir]
set -u
BIN=${1:?usage: differential.sh PRINTER [workdir]}
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
echo "differential: $pass/$((pass + fail)) (file, options) combinations byte-identical"
[ "$fail" -eq 0 ]
