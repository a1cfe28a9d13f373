#!/usr/bin/env bash
# Where a capture's CPU goes: `perf record -g` of one capture process (ringdump, or a peer) while ringdump-gen
# sends COUNT frames of SIZE bytes at RATE pps (0: as fast as it can) on a private veth pair, the file on DIR.
# Sampling is by the cpu-clock software event, so it works in a guest without a PMU.
#   scripts/bench/profile.sh                    -> $OUT/profile.<tool>.<size>.<dest>.txt (+ .data)
# Environment (defaults): BUILD (build-bench), OUT ($BUILD/bench-results), TOOL (ringdump: --queues 1; or
# tcpdump), SIZE (1514), COUNT (600000), RATE (200000), DIR (/dev/shm; the disk: $BUILD/bench-scratch),
# NAME (rdprof: the namespace prefix). Root; removes its namespaces and file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build-bench}
OUT=${OUT:-$BUILD/bench-results}
TOOL=${TOOL:-ringdump}
SIZE=${SIZE:-1514}
COUNT=${COUNT:-600000}
RATE=${RATE:-200000}
DIR=${DIR:-/dev/shm}
NAME=${NAME:-rdprof}
[[ $(id -u) == 0 ]] || { echo "$0: needs root (namespaces, perf -p)" >&2; exit 1; }
command -v perf >/dev/null || { echo "$0: perf not installed (apt-get install linux-perf)" >&2; exit 1; }
dest=tmpfs
[[ $(stat -f -c %T "$DIR") == tmpfs ]] || dest=disk
mkdir -p "$OUT" "$DIR"
file=$DIR/$NAME.$$.pcap
base=$OUT/profile.$TOOL.$SIZE.$dest
case $TOOL in
  ringdump) cmd=("$BUILD/tools/ringdump/ringdump" -i "$NAME-b0" -w "$file" --queues 1) ;;
  tcpdump) cmd=(tcpdump -i "$NAME-b0" -w "$file" -Z root) ;;
  *) echo "$0: TOOL must be ringdump or tcpdump" >&2; exit 2 ;;
esac
cleanup() {
  [[ -n ${pid:-} ]] && kill -INT "$pid" 2>/dev/null || true
  "$root/scripts/netns.sh" down "$NAME"
  rm -f "$file"
}
trap cleanup EXIT
"$root/scripts/netns.sh" up "$NAME"
timeout -s INT -k 5 120 ip netns exec "$NAME-b" "${cmd[@]}" 2>"$base.log" &
pid=$!
until grep -q "listening on" "$base.log" 2>/dev/null; do
  sleep 0.1
  kill -0 "$pid" 2>/dev/null || { echo "$0: $TOOL did not start:" >&2; cat "$base.log" >&2; exit 1; }
done
# ip netns exec and timeout exec the tool or wait for it: the tool is the newest process with its name.
tool_pid=$(pgrep -n -x "$(basename "${cmd[0]}")")
perf record -q -e cpu-clock -g -p "$tool_pid" -o "$base.data" 2>/dev/null &
perf_pid=$!
sleep 0.5
ip netns exec "$NAME-a" "$BUILD/tools/ringdump-gen/ringdump-gen" -i "$NAME-a0" --count "$COUNT" --size "$SIZE" \
  --rate "$RATE" --seconds 30 --dst-mac 02:00:00:00:00:99 -q
sleep 1
kill -INT "$perf_pid"
wait "$perf_pid" || true
kill -INT "$pid"
wait "$pid" || true
pid=
{
  echo "# $TOOL, $COUNT frames of $SIZE B at ${RATE} pps (0 = max), file on $dest ($DIR)"
  tail -4 "$base.log"
  echo
  echo "samples: $(perf script -i "$base.data" -F comm 2>/dev/null | wc -l) (cpu-clock at perf's default 4000 Hz: 0.25 ms each)"
  echo
  echo "## by object (kernel, the tool, libraries)"
  perf report -i "$base.data" --stdio --no-children --sort dso 2>/dev/null | grep -v '^#' | grep '%' | grep -v -- '--'
  echo
  echo "## by thread and symbol (self)"
  perf report -i "$base.data" --stdio --no-children --sort comm,sym 2>/dev/null | grep -v '^#' | grep '%' |
    grep -v -- '--' | head -40
} >"$base.txt"
cat "$base.txt"
