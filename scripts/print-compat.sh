#!/usr/bin/env bash
# How closely ringdump's printer reproduces tcpdump 4.99.3, and how fast it is.
#
# usage: scripts/print-compat.sh [--conformance [TIER]] [--differential] [--speed [N]] [--all] [BIN]
#   --conformance  tcpdump's own regression cases (/work/shared/tcpdump-tests/run.sh or
#                  $TCPDUMP_TESTS/run.sh), tiers 1..TIER (default 2)
#   --differential synthetic pcaps (tests/print/gen_pcaps.py) printed by BIN and by tcpdump with each
#                  display option; exit 77 (skip) without tcpdump
#   --speed        BIN -r big.pcap -n > /dev/null against tcpdump on N packets (default 1000000)
#   BIN            anything taking tcpdump's command line: ringdump, or the print_driver test tool
#                  (default: $PRINT_DRIVER, else build*/tools/ringdump/ringdump, else print_driver)
# Exit status: 0 when every selected check passes, 1 otherwise, 77 when nothing could run.
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
do_conf=0; do_diff=0; do_speed=0; tier=2; npk=1000000; BIN=""
while [ $# -gt 0 ]; do
  case $1 in
    --conformance) do_conf=1; if [[ ${2:-} =~ ^[123]$ ]]; then tier=$2; shift; fi ;;
    --differential) do_diff=1 ;;
    --speed) do_speed=1; if [[ ${2:-} =~ ^[0-9]+$ ]]; then npk=$2; shift; fi ;;
    --all) do_conf=1; do_diff=1; do_speed=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) BIN=$1 ;;
  esac
  shift
done
[ $((do_conf + do_diff + do_speed)) -eq 0 ] && { do_conf=1; do_diff=1; }
if [ -z "$BIN" ]; then
  BIN=${PRINT_DRIVER:-}
  for c in "$ROOT"/build*/tests/print/print_driver; do [ -z "$BIN" ] && [ -x "$c" ] && BIN=$c; done
fi
[ -x "$BIN" ] || { echo "print-compat: no printer binary (give BIN or set PRINT_DRIVER)"; exit 77; }

status=0; ran=0
if [ "$do_conf" -eq 1 ]; then
  RUN=${TCPDUMP_TESTS:-/work/shared/tcpdump-tests}/run.sh
  if [ -x "$RUN" ] || [ -f "$RUN" ]; then
    ran=1
    line=$(bash "$RUN" "$BIN" "$tier" | tail -1)
    echo "conformance: $line"
    # Every case of the selected tiers must pass.
    echo "$line" | awk -F'[ /;]+' '{ for (i = 1; i <= NF; i++) if ($i ~ /^tier[0-9]:$/ && $(i+1) != $(i+2)) bad = 1 }
                                 END { exit bad }' || status=1
  else
    echo "conformance: $RUN not found, skipped"
  fi
fi
if [ "$do_diff" -eq 1 ]; then
  bash "$ROOT/tests/print/differential.sh" "$BIN"
  rc=$?
  if [ $rc -eq 77 ]; then :; else ran=1; [ $rc -eq 0 ] || status=1; fi
fi
if [ "$do_speed" -eq 1 ] && command -v tcpdump >/dev/null; then
  ran=1
  big=${BIG_PCAP:-/tmp/ringdump-print-big.pcap}
  [ -s "$big" ] || python3 "$ROOT/tests/print/gen_pcaps.py" --big "$big" "$npk"
  t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
  best_t=999; best_r=999
  for _ in 1 2 3; do
    a=$(t tcpdump -r "$big" -n); b=$(t "$BIN" -r "$big" -n)
    best_t=$(echo "if ($a < $best_t) $a else $best_t" | bc); best_r=$(echo "if ($b < $best_r) $b else $best_r" | bc)
  done
  same=$( [ "$(tcpdump -r "$big" -n 2>/dev/null | md5sum)" = "$("$BIN" -r "$big" -n 2>/dev/null | md5sum)" ] && echo identical || echo DIFFERENT)
  printf 'speed: -r %s -n > /dev/null: tcpdump %.2f s, %s %.2f s, ratio %.1fx (output %s)\n' \
    "$(basename "$big")" "$best_t" "$(basename "$BIN")" "$best_r" "$(echo "$best_t / $best_r" | bc -l)" "$same"
fi
[ $ran -eq 0 ] && exit 77
exit $status
