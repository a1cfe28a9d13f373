#!/usr/bin/env bash
# What serving /metrics costs the capture (issue #17): the same bounded capture, with and without a scraper
# fetching /metrics every second, runs interleaved in one invocation on a veth pair (scripts/netns.sh:
# 198.18.0.0/24, only inside the namespaces). Per run: packets written (the summary's "captured"), kernel
# drops, and the capture process's CPU seconds (utime + stime of /proc/PID/stat: every thread, from the ready
# line to just before SIGINT, so setup is not counted), wall seconds of the generator. Then, to bound the cost
# of one scrape directly, an idle capture is scraped SCRAPES times back to back and its CPU divided by that.
#   scripts/bench/metrics_overhead.sh      -> a table on stdout
# Environment (defaults): BUILD (build), REPS (3), COUNT (1000000 frames per run), SIZE (60 bytes),
# RATE (0: the generator's maximum), DEST (/dev/shm), SCRAPES (200), NAME (rdmov).
set -euo pipefail
set -m  # background jobs keep SIGINT's default disposition
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build}
REPS=${REPS:-3}
COUNT=${COUNT:-1000000}
SIZE=${SIZE:-60}
RATE=${RATE:-0}
DEST=${DEST:-/dev/shm}
SCRAPES=${SCRAPES:-200}
NAME=${NAME:-rdmov}
RINGDUMP=$BUILD/tools/ringdump/ringdump
GEN=$BUILD/tools/ringdump-gen/ringdump-gen
PORT=9464
[[ $(id -u) == 0 ]] || { echo "$0: needs root (namespaces)" >&2; exit 1; }
[[ -x $RINGDUMP && -x $GEN ]] || { echo "$0: build ringdump and ringdump-gen in $BUILD first" >&2; exit 1; }

work=$(mktemp -d "$DEST/$NAME.XXXXXX")
scraper=""
cleanup() {
  [[ -n "$scraper" ]] && kill "$scraper" 2>/dev/null
  "$root/scripts/netns.sh" down "$NAME" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$root/scripts/netns.sh" up "$NAME"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime, all threads, in clock ticks
hz=$(getconf CLK_TCK)

# start_capture FILE: ringdump on NAME-b0 with --metrics-listen; sets cap_pid once it is listening.
start_capture() {
  ip netns exec "$NAME-b" "$RINGDUMP" -i "$NAME-b0" -n -w "$1" --metrics-listen "127.0.0.1:$PORT" 2>"$1.err" &
  cap_pid=$!
  for ((i = 0; i < 100; i++)); do
    grep -q "listening on" "$1.err" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$0: ringdump did not start: $(cat "$1.err")" >&2
  exit 1
}

run() {  # MODE (none | scrape1s) REP: one bounded capture; prints a row
  local mode=$1 rep=$2 file=$work/run.pcap
  rm -f "$file"
  start_capture "$file"
  if [[ $mode == scrape1s ]]; then
    ip netns exec "$NAME-b" bash -c "while :; do curl -s -o /dev/null http://127.0.0.1:$PORT/metrics; sleep 1; done" &
    scraper=$!
  fi
  local t0 c0 t1 c1
  c0=$(cpu_ticks "$cap_pid")
  t0=$(date +%s.%N)
  ip netns exec "$NAME-a" "$GEN" -i "$NAME-a0" --count "$COUNT" --rate "$RATE" --size "$SIZE" --flows 64 -q
  t1=$(date +%s.%N)
  sleep 1.5  # the last ring blocks retire
  c1=$(cpu_ticks "$cap_pid")
  if [[ -n "$scraper" ]]; then kill "$scraper"; wait "$scraper" 2>/dev/null || true; scraper=""; fi
  kill -INT "$cap_pid"
  wait "$cap_pid" || true
  local written drops
  written=$(sed -n 's/^\([0-9]*\) packets captured$/\1/p' "$file.err")
  drops=$(sed -n 's/^\([0-9]*\) packets dropped by kernel$/\1/p' "$file.err")
  printf "| %s | %s | %s | %s | %.2f | %.2f |\n" "$mode" "$rep" "$written" "$drops" \
    "$(echo "($c1 - $c0) / $hz" | bc -l)" "$(echo "$t1 - $t0" | bc -l)"
}

echo "| mode | rep | packets written | kernel drops | capture CPU s | generator s |"
echo "|---|---|---|---|---|---|"
for ((rep = 1; rep <= REPS; rep++)); do
  run none "$rep"
  run scrape1s "$rep"
done

# The cost of one scrape, bounded directly: an idle capture, SCRAPES scrapes back to back, less the idle
# capture's own CPU over as long a time without scrapes.
file=$work/idle.pcap
start_capture "$file"
sleep 1
c0=$(cpu_ticks "$cap_pid")
t0=$(date +%s.%N)
ip netns exec "$NAME-b" bash -c "for ((i = 0; i < $SCRAPES; i++)); do curl -s -o /dev/null http://127.0.0.1:$PORT/metrics; done"
t1=$(date +%s.%N)
c1=$(cpu_ticks "$cap_pid")
sleep "$(echo "$t1 - $t0" | bc -l)"
c2=$(cpu_ticks "$cap_pid")
bytes=$(ip netns exec "$NAME-b" curl -s http://127.0.0.1:$PORT/metrics | wc -c)
kill -INT "$cap_pid"
wait "$cap_pid" || true
printf "\nidle capture, %d scrapes of %d bytes in %.1f s: %d ticks with scrapes, %d ticks idle as long: %.2f ms of capture CPU per scrape (tick %d ms)\n" \
  "$SCRAPES" "$bytes" "$(echo "$t1 - $t0" | bc -l)" "$((c1 - c0))" "$((c2 - c1))" \
  "$(echo "($c1 - $c0 - ($c2 - $c1)) * 1000 / $hz / $SCRAPES" | bc -l)" "$((1000 / hz))"
