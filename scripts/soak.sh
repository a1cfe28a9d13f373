#!/usr/bin/env bash
# Soak test (not in CI): hours of -C rotation under load with sequence-numbered traffic from ringdump-gen,
# inside a private namespace pair (scripts/netns.sh). Checks, while it runs:
#   - across the finished files, sequence numbers follow each other with no duplicate, and every gap is
#     covered by drops ringdump itself reports (one flow, so one queue keeps the order);
#   - RSS and open fds of ringdump sampled every 10 s stay flat (last quarter vs first quarter within 10 %).
# Finished files are checked and deleted as they appear, so disk use stays at a few files.
#   sudo scripts/soak.sh [MINUTES=60] [RATE=20000]     BUILD_DIR (default build-rel) names the binaries
# Prints a summary line and exits non-zero on any violation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-60}
rate=${2:-20000}
build=${BUILD_DIR:-$root/build-rel}
ringdump=$build/tools/ringdump/ringdump
gen=$build/tools/ringdump-gen/ringdump-gen
name=soak$$
name=${name:0:12}
dir=$(mktemp -d /var/tmp/ringdump-soak.XXXXXX)
samples=$dir/samples.txt
cleanup() {
  [ -n "${cap_pid:-}" ] && kill "$cap_pid" 2>/dev/null && wait "$cap_pid" 2>/dev/null || true
  [ -n "${gen_pid:-}" ] && kill "$gen_pid" 2>/dev/null || true
  "$root/scripts/netns.sh" down "$name" || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
}
trap cleanup EXIT
"$root/scripts/netns.sh" up "$name"

# The checker: reads finished files in rotation order, keeps only the last sequence number seen.
cat >"$dir/check.py" <<'PY'
import os, struct, sys
state_path, files = sys.argv[1], sys.argv[2:]
last, dups, gaps, records = -1, 0, 0, 0
if os.path.exists(state_path):
    last, dups, gaps, records = map(int, open(state_path).read().split())
for path in files:
    b = open(path, "rb").read()
    e = "<" if b[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    pos = 24
    while pos + 16 <= len(b):
        incl = struct.unpack(e + "I", b[pos + 8:pos + 12])[0]
        data = b[pos + 16:pos + 16 + incl]
        pos += 16 + incl
        i = data.find(b"RDSEQ")
        if i < 0 or len(data) < i + 13:
            continue
        seq = int.from_bytes(data[i + 5:i + 13], "big")
        records += 1
        if seq <= last:
            dups += 1
        elif seq != last + 1 and last >= 0:
            gaps += seq - last - 1
        last = max(last, seq)
    if pos != len(b):
        print(f"{path}: finished file does not end at a record boundary", file=sys.stderr)
        sys.exit(1)
open(state_path, "w").write(f"{last} {dups} {gaps} {records}")
PY

ip netns exec "$name-b" "$ringdump" -i "$name-b0" -n -w "$dir/soak.pcap" -C 20 --queues 1 2>"$dir/ringdump.err" &
cap_pid=$!
sleep 2
grep -q "listening on" "$dir/ringdump.err" || { cat "$dir/ringdump.err"; exit 1; }
# Bounded chunks of traffic, each continuing the sequence of the previous one.
(
  seq=0
  chunk=$((rate * 60))
  end=$(($(date +%s) + minutes * 60))
  while [ "$(date +%s)" -lt "$end" ]; do
    ip netns exec "$name-a" "$gen" -i "$name-a0" --count "$chunk" --seq-start "$seq" --rate "$rate" \
      --size 60,594,1514 --flows 1 --seconds $((chunk / rate * 2 + 30)) -q || exit 1
    seq=$((seq + chunk))
    echo "$seq" >"$dir/sent"
  done
) &
gen_pid=$!

check_finished() {
  # Finished files are the visible ones; the newest visible one may still be renamed-into: all are complete.
  local files
  files=$(cd "$dir" && ls -1 soak.pcap* 2>/dev/null | sort -V || true)
  [ -n "$files" ] || return 0
  (cd "$dir" && python3 check.py "$dir/state" $files) || return 1
  (cd "$dir" && rm -f $files)
}

violations=0
while kill -0 "$gen_pid" 2>/dev/null; do
  sleep 10
  rss=$(awk '/VmRSS/ {print $2}' /proc/$cap_pid/status)
  fds=$(ls /proc/$cap_pid/fd | wc -l)
  echo "$(date +%s) $rss $fds" >>"$samples"
  check_finished || violations=$((violations + 1))
done
wait "$gen_pid" || { echo "soak: generator failed"; violations=$((violations + 1)); }
sleep 2
kill -INT "$cap_pid"
wait "$cap_pid" || true
cap_pid=
check_finished || violations=$((violations + 1))
read -r last dups gaps records <"$dir/state" || true  # the state file has no final newline
sent=$(cat "$dir/sent")
dropped=$(grep -o '[0-9]* packets dropped by kernel' "$dir/ringdump.err" | awk '{print $1}' || echo 0)
flat=$(awk '{rss[NR]=$2; fd[NR]=$3} END {q=int(NR/4); if (q<1) {print "n/a"; exit}
  for(i=1;i<=q;i++){a+=rss[i]; fa+=fd[i]} for(i=NR-q+1;i<=NR;i++){b+=rss[i]; fb+=fd[i]}
  ok = (b <= a*1.10 && fb <= fa*1.10) ? "flat" : "GROWING";
  printf "%s rss_kb %d->%d fds %.1f->%.1f", ok, a/q, b/q, fa/q, fb/q}' "$samples")
echo "soak: ${minutes} min, sent $sent, records $records, duplicates $dups, gaps $gaps, kernel drops ${dropped:-0}, $flat"
[ "$dups" -eq 0 ] || violations=$((violations + 1))
[ "$gaps" -le "${dropped:-0}" ] || violations=$((violations + 1))
[[ $flat != GROWING* ]] || violations=$((violations + 1))
[ "$violations" -eq 0 ]
