#!/usr/bin/env bash
# Query benchmark: `ringdump query` and its peers over one synthesised capture store, measured in the same run.
#   scripts/bench/query.sh        -> $OUT/query.md (a table: each command, its wall time best of REPS, packets)
# The store: STORE_GIB GiB in FILE_MIB MiB pcap files (scripts/bench/make_store.py, RATE packets/s, QUEUES
# capture queues so the files are out of time order as multi-queue captures are), indexed with `ringdump
# --repair` (the writer will write the same index when it closes a file). Two windows: a narrow one of one
# minute in the middle of the store, and a wide one over the whole store, each with a filter matching one host.
# Candidates, each writing the matching packets of the window as one pcap:
#   query_narrow / query_wide           ringdump query -r DIR --after --before -w OUT FILTER
#   query_narrow_noindex                the same with the indexes moved away (first record + mtime, then scans)
#   tcpdump_each                        tcpdump -r FILE -w OUT.i FILTER for every file (no window, no merge)
#   mergecap_editcap_tcpdump            mergecap -F pcap -w - FILES | editcap -A -B - - | tcpdump -r - -w OUT FILTER
#   sequential_read                     dd bs=1M of the files the window touches to /dev/null: one read of them
# Wall time is the best of REPS; CPU time (user + system of the processes) is that repetition's.
# The page cache is left as it is (warm after the first repetition, when the store fits in memory): the
# figures are CPU and memory bound, not disk bound; what the index saves is reading at all.
# Environment (defaults): BUILD (build), OUT ($BUILD/bench-results), STORE_DIR ($BUILD/query-store),
# STORE_GIB (2), FILE_MIB (256), RATE (1000: a 2 GiB store spans 50 minutes), QUEUES (2), REPS (3),
# HOST (10.0.0.7), KEEP (unset: the store is deleted at the end), CANDIDATES (all of the above, in the order
# run; the ratios need all but query_narrow_noindex).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build}
OUT=${OUT:-$BUILD/bench-results}
STORE_DIR=${STORE_DIR:-$BUILD/query-store}
STORE_GIB=${STORE_GIB:-2}
FILE_MIB=${FILE_MIB:-256}
RATE=${RATE:-1000}
QUEUES=${QUEUES:-2}
REPS=${REPS:-3}
HOST=${HOST:-10.0.0.7}
CANDIDATES=${CANDIDATES:-query_narrow query_narrow_noindex query_wide tcpdump_each mergecap_editcap_tcpdump_narrow sequential_read_narrow sequential_read_wide}
R=$BUILD/tools/ringdump/ringdump
for t in "$R" tcpdump mergecap editcap python3; do
  command -v "$t" >/dev/null || { echo "query.sh: $t missing" >&2; exit 1; }
done
mkdir -p "$OUT"
SCRATCH=$(mktemp -d "$OUT/query-scratch.XXXXXX")
cleanup() { rm -rf "$SCRATCH"; [ -n "${KEEP:-}" ] || rm -rf "$STORE_DIR"; }
trap cleanup EXIT

files=$(( STORE_GIB * 1024 / FILE_MIB ))
need_kib=$(( STORE_GIB * 1024 * 1024 * 3 / 2 ))  # the store and the peers' outputs
avail_kib=$(df -k --output=avail "$(dirname "$STORE_DIR")" | tail -1)
[ "$avail_kib" -gt "$need_kib" ] || { echo "query.sh: $STORE_GIB GiB store needs ${need_kib} KiB, ${avail_kib} free" >&2; exit 1; }

params="$STORE_GIB $FILE_MIB $RATE $QUEUES"
if [ ! -f "$STORE_DIR/store.txt" ] || [ "$(cat "$STORE_DIR/params" 2>/dev/null)" != "$params" ]; then
  rm -rf "$STORE_DIR"
  mkdir -p "$STORE_DIR"
  echo "$params" >"$STORE_DIR/params"
  echo "query.sh: making a $STORE_GIB GiB store in $files files of $FILE_MIB MiB ($STORE_DIR)" >&2
  t0=$(date +%s.%N)
  python3 "$here/make_store.py" "$STORE_DIR" --files "$files" --file-bytes $(( FILE_MIB << 20 )) --rate "$RATE" \
    --queues "$QUEUES" >"$STORE_DIR/store.tmp"
  mv "$STORE_DIR/store.tmp" "$STORE_DIR/store.txt"
  echo "query.sh: store made in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2
fi
mapfile -t FILES < <(cut -d' ' -f1 "$STORE_DIR/store.txt")
first=$(head -1 "$STORE_DIR/store.txt" | cut -d' ' -f2)
last=$(tail -1 "$STORE_DIR/store.txt" | cut -d' ' -f3)
mid=$(echo "($first + $last) / 2" | bc)
NARROW_A=$mid; NARROW_B=$(( mid + 60 ))
WIDE_A=${first%.*}; WIDE_B=$(( ${last%.*} + 1 ))
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
FILTER="host $HOST"

# Index build (what --repair costs when the writer's index is missing).
t0=$(date +%s.%N)
"$R" --repair "${FILES[@]}" >/dev/null
index_s=$(echo "$(date +%s.%N) - $t0" | bc)
index_bytes=$(cat "${FILES[@]/%/.ridx}" | wc -c)

# Files the window touches, from make_store's first/last times (for sequential_read).
touching() { awk -v a="$1" -v b="$2" '$3 >= a && $2 < b { print $1 }' "$STORE_DIR/store.txt"; }

# CPU seconds (user + system) of every child process so far, from bash's `times`.
# (Called in this shell, not in $(...): a subshell's `times` would count its own children only.)
child_cpu() {
  times >"$SCRATCH/times"
  CPU=$(tail -1 "$SCRATCH/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); n += a[1] * 60 + a[2] } printf "%.3f", n }')
}
best() {  # NAME CMD...: wall time, best of REPS, and the CPU time of that repetition
  local name=$1; shift
  local b="" bc="" t0 c0 t c
  for _ in $(seq "$REPS"); do
    rm -f "$SCRATCH"/out*
    child_cpu; c0=$CPU
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>"$SCRATCH/err" || { echo "query.sh: $name failed: $(tail -2 "$SCRATCH/err")" >&2; return 1; }
    t=$(echo "$(date +%s.%N) - $t0" | bc)
    child_cpu; c=$(echo "$CPU - $c0" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; bc=$c; fi
  done
  local n
  n=$(for f in "$SCRATCH"/out*; do if [ -f "$f" ]; then tcpdump -r "$f" 2>/dev/null; fi; done | wc -l)
  printf '%s %s %s %s\n' "$name" "$b" "$bc" "$n" >>"$SCRATCH/results"
  echo "query.sh: $name ${b}s wall ${bc}s cpu ${n} packets" >&2
}

q_narrow() { "$R" query -r "$STORE_DIR" --after "$NARROW_A" --before "$NARROW_B" -w "$SCRATCH/out.pcap" "$FILTER"; }
q_wide() { "$R" query -r "$STORE_DIR" --after "$WIDE_A" --before "$WIDE_B" -w "$SCRATCH/out.pcap" "$FILTER"; }
q_narrow_noindex() {
  mkdir -p "$SCRATCH/ridx" && mv "$STORE_DIR"/*.ridx "$SCRATCH/ridx/"
  q_narrow; local rc=$?
  mv "$SCRATCH"/ridx/*.ridx "$STORE_DIR/"
  return $rc
}
tcpdump_each() {
  local i=0 f
  for f in "${FILES[@]}"; do tcpdump -r "$f" -w "$SCRATCH/out.$i" "$FILTER" 2>/dev/null; i=$((i + 1)); done
}
wireshark_tools() {  # A B
  mergecap -F pcap -w - "${FILES[@]}" | editcap -F pcap -A "$(iso "$1")" -B "$(iso "$2")" - - |
    tcpdump -r - -w "$SCRATCH/out.pcap" "$FILTER" 2>/dev/null
}
# read(2) of 1 MiB at a time into one buffer: the least any reader of the bytes does.
seq_read() { local f; for f in $(touching "$1" "$2"); do dd if="$f" of=/dev/null bs=1M status=none; done; }

: >"$SCRATCH/results"
cat "${FILES[@]}" >/dev/null  # the same page cache for every candidate
for c in $CANDIDATES; do
  case $c in
    query_narrow) best query_narrow q_narrow ;;
    query_narrow_noindex) best query_narrow_noindex q_narrow_noindex ;;
    query_wide) best query_wide q_wide ;;
    tcpdump_each) best tcpdump_each tcpdump_each ;;
    mergecap_editcap_tcpdump_narrow) best mergecap_editcap_tcpdump_narrow wireshark_tools "$NARROW_A" "$NARROW_B" ;;
    sequential_read_narrow) best sequential_read_narrow seq_read "$NARROW_A" "$NARROW_B" ;;
    sequential_read_wide) best sequential_read_wide seq_read "$WIDE_A" "$WIDE_B" ;;
    *) echo "query.sh: unknown candidate $c" >&2; exit 1 ;;
  esac
done

t() { awk -v n="$1" '$1 == n { print $2 }' "$SCRATCH/results"; }
peer=$(t tcpdump_each); w=$(t mergecap_editcap_tcpdump_narrow)
[ "$(echo "$w < $peer" | bc)" = 1 ] && peer=$w
speedup=$(echo "scale=1; $peer / $(t query_narrow)" | bc)
wide_ratio=$(echo "scale=2; $(t query_wide) / $(t sequential_read_wide)" | bc)
cpu() { awk -v n="$1" '$1 == n { print $3 }' "$SCRATCH/results"; }
wide_cpu_ratio=$(echo "scale=2; $(cpu query_wide) / $(cpu sequential_read_wide)" | bc)
{
  echo "## ringdump query, $STORE_GIB GiB store in $files files of $FILE_MIB MiB ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "Store: scripts/bench/make_store.py --rate $RATE --queues $QUEUES; $(awk '{n += $4} END {print n}' "$STORE_DIR/store.txt") packets,"
  echo "$(iso "${first%.*}") to $(iso "${last%.*}"). Index: ${index_bytes} bytes for the store, built by --repair in ${index_s} s."
  echo "Narrow window: $(iso "$NARROW_A") to $(iso "$NARROW_B"); wide: the whole store; filter \`$FILTER\`. Best of $REPS, warm page cache."
  echo
  echo "| candidate | wall s | CPU s | packets |"
  echo "|---|---:|---:|---:|"
  awk '{ printf "| %s | %.3f | %.3f | %s |\n", $1, $2, $3, $4 }' "$SCRATCH/results"
  echo
  echo "Narrow window: ringdump query is ${speedup}x faster than the fastest peer (goal: >= 20x)."
  echo "Wide window: ringdump query takes ${wide_ratio}x the wall time (${wide_cpu_ratio}x the CPU time) of one sequential read of the files (goal: <= 1)."
  echo "Load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
} | tee "$OUT/query.md"
