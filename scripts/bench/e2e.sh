#!/usr/bin/env bash
# Part 3 of the benchmarks (root): ringdump and its peers capturing the same generated traffic on a veth pair,
# side by side in one run. scripts/netns.sh makes two namespaces (198.18.0.0/24 only); ringdump-gen sends in
# NAME-a, the capture tool listens on NAME-b0 in NAME-b and writes to the disk and to tmpfs.
#   scripts/bench/e2e.sh              -> $OUT/e2e.csv (one row per run) and $OUT/e2e.md (min/median/max)
# Per run: packets offered (the generator's count), received by the interface (ip -s link, RX delta), written
# to the file (capinfos -c), the drops the tool itself reports, CPU seconds of the capture process and all its
# threads (cpuacct of a cgroup made for it: user and system), counted from the tool's ready line (cpu_s; setup
# costs go to e2e.setup.csv) and for the whole process, exec to exit (whole_cpu_s: what a user measuring the
# tool's /proc/PID/stat sees, ring allocation included), wall time. Per thread (thread_cpu.py polling
# /proc/PID/task/*/stat, io_uring workers included): e2e.threads.csv, and in e2e.csv the clock ticks of the main
# thread, the other threads of the tool, the iou-wrk threads, and the most threads seen at once. The tool is started and waited for until it says it is listening,
# the generator runs, then 1.5 s later the tool gets SIGINT (as ^C) and writes its summary.
# Busy server: the same at the fixed rate with the capture process in a cgroup limited to BUSY_PCT % of one core
# (cgroup v1 cpu.cfs_quota_us, or cgroup2 cpu.max).
# Environment (defaults): BUILD (build-bench), OUT ($BUILD/bench-results), DISK_DIR ($BUILD/bench-scratch),
# TMPFS_DIR (/dev/shm), REPS (3), CASES ("fixed max"), SIZES ("60 1514": frame bytes without FCS, i.e. 64 and 1518 on the wire),
# FIXED_PPS (200000), FIXED_COUNT (600000), MAX_COUNT (1000000), DESTS ("disk tmpfs"),
# CANDIDATES ("ringdump ringdump1 ringdump2 tcpdump tcpdump_B64M netsniff dumpcap page_cache_floor"; ringdump is
# the default configuration (`ringdump -i IF -w F`), ringdump1/2 `--queues 1|2`; also ringdump1_buffered:
# --no-direct-io, ringdump2_unordered: 2 queues with the binary RINGDUMP_UNORDERED names, e.g. one built
# before the time-order merge, netsniff_S64M: netsniff-ng with a 64 MiB ring like ringdump's, and page_cache_floor: no
# capture at all, the CPU the kernel alone takes to put the same number of pcap bytes into a file there with
# write(2) of 4 MiB from one reused buffer -- the least any tool writing through the page cache can spend;
# tmpfs only, since on the disk ringdump bypasses the page cache), BUSY_PCT (50; a list
# such as "50 25" runs each; 0: skip), BUSY_DESTS ("tmpfs"; where the busy runs write), BUSY_SIZES ($SIZES),
# NAME (rdbench: the namespace prefix), FLOWS (1: UDP flows the generator sends, by source port; with 1, hash
# fanout puts every packet on one queue).
set -euo pipefail
set -m  # background jobs keep SIGINT's default disposition (a non-interactive shell would ignore it)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build-bench}
OUT=${OUT:-$BUILD/bench-results}
DISK_DIR=${DISK_DIR:-$BUILD/bench-scratch}
TMPFS_DIR=${TMPFS_DIR:-/dev/shm}
REPS=${REPS:-3}
SIZES=${SIZES:-60 1514}
FIXED_PPS=${FIXED_PPS:-200000}
FIXED_COUNT=${FIXED_COUNT:-600000}
MAX_COUNT=${MAX_COUNT:-1000000}
DESTS=${DESTS:-disk tmpfs}
CANDIDATES=${CANDIDATES:-ringdump ringdump1 ringdump2 tcpdump tcpdump_B64M netsniff dumpcap page_cache_floor}
CASES=${CASES:-fixed max}
BUSY_PCT=${BUSY_PCT:-50}
BUSY_DESTS=${BUSY_DESTS:-tmpfs}
BUSY_SIZES=${BUSY_SIZES:-$SIZES}
NAME=${NAME:-rdbench}
FLOWS=${FLOWS:-1}
RINGDUMP=${RINGDUMP:-$BUILD/tools/ringdump/ringdump}
GEN=${GEN:-$BUILD/tools/ringdump-gen/ringdump-gen}

[[ $(id -u) == 0 ]] || { echo "$0: needs root (namespaces, cgroups)" >&2; exit 1; }
[[ -x $GEN ]] || { echo "$0: $GEN not built (ninja -C $BUILD ringdump-gen)" >&2; exit 1; }
if [[ ! -x $RINGDUMP ]]; then
  echo "$0: $RINGDUMP not built: ringdump rows are skipped" >&2
  CANDIDATES=$(tr ' ' '\n' <<<"$CANDIDATES" | grep -v '^ringdump' | tr '\n' ' ')
fi
for tool in tcpdump netsniff-ng dumpcap capinfos; do
  command -v $tool >/dev/null || { echo "$0: $tool is missing" >&2; exit 1; }
done

ns_gen=$NAME-a
ns_cap=$NAME-b
if_gen=$NAME-a0
if_cap=$NAME-b0
mkdir -p "$OUT" "$DISK_DIR"
work_tmpfs=$TMPFS_DIR/$NAME.$$
mkdir -p "$work_tmpfs"

# One cgroup for the capture process: CPU accounting and, for the busy case, a quota.
cgtype=$(stat -fc %T /sys/fs/cgroup)
cg=$NAME.$$
if [[ $cgtype == cgroup2fs ]]; then
  cg_dirs=(/sys/fs/cgroup/$cg)
else
  cg_dirs=(/sys/fs/cgroup/cpu/$cg /sys/fs/cgroup/cpuacct/$cg)
fi
cleanup() {
  "$root/scripts/netns.sh" down "$NAME" 2>/dev/null || true
  for d in "${cg_dirs[@]}"; do [[ -d $d ]] && rmdir "$d" 2>/dev/null || true; done
  rm -rf "$work_tmpfs" "$DISK_DIR"/e2e.*
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for d in "${cg_dirs[@]}"; do mkdir -p "$d"; done

set_quota() {  # percent of one core, 0: none
  if [[ $cgtype == cgroup2fs ]]; then
    if [[ $1 == 0 ]]; then echo "max 100000" >"${cg_dirs[0]}/cpu.max"; else echo "$(($1 * 1000)) 100000" >"${cg_dirs[0]}/cpu.max"; fi
  else
    echo 100000 >"${cg_dirs[0]}/cpu.cfs_period_us"
    if [[ $1 == 0 ]]; then echo -1 >"${cg_dirs[0]}/cpu.cfs_quota_us"; else echo $(($1 * 1000)) >"${cg_dirs[0]}/cpu.cfs_quota_us"; fi
  fi
}
cpu_reset() { [[ $cgtype == cgroup2fs ]] || echo 0 >"${cg_dirs[1]}/cpuacct.usage"; }
cpu_read() {  # -> "user_s sys_s total_s" since cpu_reset
  if [[ $cgtype == cgroup2fs ]]; then
    awk '/^user_usec/{u=$2} /^system_usec/{s=$2} END{printf "%.3f %.3f %.4f", u/1e6, s/1e6, (u+s)/1e6}' "${cg_dirs[0]}/cpu.stat"
  else
    # usage_user/usage_sys are in ticks (10 ms) underneath; usage (the total) is exact.
    printf "%.3f %.3f %.4f" "$(awk '{print $1/1e9}' "${cg_dirs[1]}/cpuacct.usage_user")" \
      "$(awk '{print $1/1e9}' "${cg_dirs[1]}/cpuacct.usage_sys")" "$(awk '{print $1/1e9}' "${cg_dirs[1]}/cpuacct.usage")"
  fi
}
procs_files() { for d in "${cg_dirs[@]}"; do printf '%s/cgroup.procs ' "$d"; done; }
cg_base_user=0
cg_base_sys=0
rx_packets() { ip -n "$ns_cap" -s -j link show "$if_cap" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["stats64"]["rx"]["packets"])'; }

command_for() {  # candidate file -> the capture command line
  case $1 in
    ringdump) echo "$RINGDUMP -i $if_cap -w $2" ;;
    ringdump1) echo "$RINGDUMP -i $if_cap -w $2 --queues 1" ;;
    ringdump2) echo "$RINGDUMP -i $if_cap -w $2 --queues 2" ;;
    ringdump2_unordered) echo "${RINGDUMP_UNORDERED:?set RINGDUMP_UNORDERED to a ringdump without OrderedSink} -i $if_cap -w $2 --queues 2" ;;
    ringdump1_buffered) echo "$RINGDUMP -i $if_cap -w $2 --queues 1 --no-direct-io" ;;
    tcpdump) echo "tcpdump -i $if_cap -w $2 -Z root" ;;
    tcpdump_B64M) echo "tcpdump -i $if_cap -w $2 -Z root -B 65536" ;;
    netsniff) echo "netsniff-ng --in $if_cap --out $2 --silent" ;;
    netsniff_S64M) echo "netsniff-ng --in $if_cap --out $2 --silent -S 64MiB" ;;
    dumpcap) echo "dumpcap -i $if_cap -w $2" ;;
    *) echo "unknown candidate $1" >&2; return 1 ;;
  esac
}

ready_pattern() {
  case $1 in
    ringdump* | tcpdump*) echo "listening on" ;;
    netsniff*) echo "Running!" ;;
    dumpcap) echo "Capturing on" ;;
  esac
}

# Drops and "received" as each tool reports them in its exit summary.
parse_summary() {  # candidate log -> "received dropped"
  python3 - "$1" "$2" <<'PY'
import re, sys
cand, log = sys.argv[1], open(sys.argv[2], errors="replace").read()
rec = drop = ""
if cand.startswith(("ringdump", "tcpdump")):
    m = re.search(r"(\d+) packets? received by filter", log); rec = m.group(1) if m else ""
    m = re.search(r"(\d+) packets? dropped by kernel", log); drop = m.group(1) if m else ""
    m = re.search(r"(\d+) packets? dropped by the writer", log)
    if m and drop != "": drop = str(int(drop) + int(m.group(1)))
elif cand == "dumpcap":
    m = re.search(r"Packets received/dropped on interface '[^']*': (\d+)/(\d+)", log)
    if m: rec, drop = m.group(1), m.group(2)
elif cand.startswith("netsniff"):
    m = re.search(r"(\d+)\s+packets incoming", log); rec = m.group(1) if m else ""
    m = re.search(r"(\d+)\s+packets failed filter", log); drop = m.group(1) if m else ""
print(rec or "NA", drop or "NA")
PY
}

count_file() {  # file -> packets in it (capinfos; NA if unreadable)
  local n
  n=$(capinfos -c -M "$1" 2>/dev/null | awk -F'\t|: *' '/Number of packets/{print $NF}') || true
  [[ -n $n ]] || n=$(tcpdump -r "$1" -n 2>/dev/null | wc -l) || true
  echo "${n:-NA}"
}

csv=$OUT/e2e.csv
echo "case,dest,size,candidate,rep,setup_wait_s,setup_cpu_user_s,setup_cpu_sys_s,setup_cpu_s" >"$OUT/e2e.setup.csv"
echo "case,dest,size,load,candidate,rep,offered,if_rx,written,written_pct,tool_received,tool_drops,cpu_user_s,cpu_sys_s,cpu_s,wall_s,loadavg,whole_cpu_s,main_ticks,threads_ticks,iouwrk_ticks,peak_threads" >"$csv"
threads_csv=$OUT/e2e.threads.csv
echo "case,dest,size,candidate,rep,tid,comm,utime_ticks,stime_ticks" >"$threads_csv"

# The thread_cpu.py table of one run -> "main_ticks threads_ticks iouwrk_ticks peak_threads" (ticks: 1/100 s).
thread_totals() {  # threads.csv tool_pid
  awk -F, -v pid="$2" 'NR > 1 {
      if ($2 == "PEAK_THREADS") { peak = $3; next }
      if ($2 == "ALL") next
      t = $3 + $4
      if ($1 == pid) main += t; else if ($2 ~ /^iou-wrk/) iou += t; else other += t
    } END { printf "%d %d %d %d", main, other, iou, peak }' "$1"
}

# The page_cache_floor row: CPU seconds (user, system) of writing `bytes` into `file` with write(2) from one
# 4 MiB buffer, no capture.
write_floor() {  # file bytes -> "user_s sys_s total_s"
  python3 - "$1" "$2" <<'PY'
import os, resource, sys
path, left = sys.argv[1], int(sys.argv[2])
buf = memoryview(b"\x5a" * (4 << 20))
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
r0 = resource.getrusage(resource.RUSAGE_SELF)
while left > 0:
    left -= os.write(fd, buf[:min(left, len(buf))])
os.close(fd)
r1 = resource.getrusage(resource.RUSAGE_SELF)
u, s = r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime
print(f"{u:.3f} {s:.3f} {u + s:.3f}")
PY
}

run_one() {  # case dest size candidate rep quota_pct
  local case=$1 dest=$2 size=$3 cand=$4 rep=$5 quota=$6
  local dir=$DISK_DIR
  [[ $dest == tmpfs ]] && dir=$work_tmpfs
  if [[ $cand == page_cache_floor ]]; then
    [[ $dest == tmpfs && $quota == 0 ]] || return 0
    local n=$FIXED_COUNT load=$FIXED_PPS floor
    [[ $case == max ]] && n=$MAX_COUNT load=max
    # The bytes a lossless capture writes: pcap header, and a 16-byte record header per frame.
    floor=$(write_floor "$dir/e2e.floor" $((24 + n * (size + 16))))
    rm -f "$dir/e2e.floor"
    read -r user sys total <<<"$floor"
    echo "$case,$dest,$size,$load,$cand,$rep,$n,NA,$n,100.00,NA,NA,$user,$sys,$total,NA,$(cut -d' ' -f1 /proc/loadavg),$total,NA,NA,NA,NA" |
      tee -a "$csv"
    return 0
  fi
  mkdir -p "$OUT/e2e-logs"
  local file=$dir/e2e.$cand.pcap log=$OUT/e2e-logs/$case.$dest.$size.$cand.$rep.log
  rm -f "$file"
  local rate=0 count=$MAX_COUNT load=max
  if [[ $case != max ]]; then rate=$FIXED_PPS count=$FIXED_COUNT load=$FIXED_PPS; fi
  set_quota "$quota"
  cpu_reset
  local rx0 t0 t1 pid
  rx0=$(rx_packets)
  t0=$(date +%s.%N)
  # The wrapper joins the cgroup, then becomes the tool (ip netns exec execs it): its pid is the tool's.
  # timeout bounds a tool that ignores SIGINT.
  sh -c 'for f in '"$(procs_files)"'; do echo $$ >$f; done; exec timeout -s INT -k 5 120 ip netns exec '"$ns_cap"' '"$(command_for "$cand" "$file")" \
    >"$log" 2>&1 &
  pid=$!
  # Per-thread CPU of the tool (timeout's child), from outside the cgroup.
  local tcsv=$OUT/e2e-logs/$case.$dest.$size.$cand.$rep.threads.csv
  python3 "$here/thread_cpu.py" "$pid" "$tcsv" --child &
  local sampler=$!
  # Ready when the tool says so (netsniff-ng sizes and populates a large ring first: seconds); CPU is counted
  # from then on, so setup costs are not charged to the capture (they are in the log: e2e.setup.csv).
  local waited=0
  until grep -qE "$(ready_pattern "$cand")" "$log" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
    if ((waited > 600)) || ! kill -0 "$pid" 2>/dev/null; then echo "$0: $cand did not start" >&2; break; fi
  done
  sleep 0.5
  local setup
  setup=$(cpu_read)
  echo "$case,$dest,$size,$cand,$rep,$(awk -v w="$waited" 'BEGIN{print w/10}'),$(tr ' ' ',' <<<"$setup")" >>"$OUT/e2e.setup.csv"
  ip netns exec "$ns_gen" "$GEN" -i "$if_gen" --count "$count" --size "$size" --rate "$rate" --seconds 30 \
    --dst-mac 02:00:00:00:00:99 --flows "$FLOWS" -q || echo "$0: generator failed" >&2
  sleep 1.5
  kill -INT "$pid" 2>/dev/null || true
  wait "$pid" || true
  t1=$(date +%s.%N)
  local rx1 written summary cpu
  rx1=$(rx_packets)
  wait "$sampler" || true
  local whole tool_pid
  whole=$(cpu_read)
  # From the ready line on: the whole process minus its setup.
  cpu=$(awk -v a="$setup" -v b="$whole" 'BEGIN{split(a, x, " "); split(b, y, " ");
    printf "%.3f %.3f %.4f", y[1] - x[1], y[2] - x[2], y[3] - x[3]}')
  tool_pid=$(awk -F, 'NR == 2 {print $1}' "$tcsv")
  awk -F, -v k="$case,$dest,$size,$cand,$rep" 'NR > 1 && $1 != "-" {print k "," $0}' "$tcsv" >>"$threads_csv"
  summary=$(parse_summary "$cand" "$log")
  written=$(count_file "$file")
  rm -f "$file"
  local pct=NA
  [[ $written =~ ^[0-9]+$ ]] && pct=$(awk -v w="$written" -v c="$count" 'BEGIN{printf "%.2f", 100*w/c}')
  read -r user sys total <<<"$cpu"
  read -r trec tdrop <<<"$summary"
  local row="$case,$dest,$size,$load,$cand,$rep,$count,$((rx1 - rx0)),$written,$pct,$trec,$tdrop,$user,$sys"
  row+=",$total,$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')"
  row+=",$(cut -d' ' -f1 /proc/loadavg)"
  row+=",$(cut -d' ' -f3 <<<"$whole"),$(thread_totals "$tcsv" "$tool_pid" | tr ' ' ',')"
  echo "$row" | tee -a "$csv"
}

"$root/scripts/netns.sh" up "$NAME"
for rep in $(seq 1 "$REPS"); do
  for dest in $DESTS; do
    for size in $SIZES; do
      for case in $CASES; do
        for cand in $CANDIDATES; do run_one "$case" "$dest" "$size" "$cand" "$rep" 0; done
      done
    done
  done
  for pct in $BUSY_PCT; do
    [[ $pct != 0 ]] || continue
    for dest in $BUSY_DESTS; do
      for size in $BUSY_SIZES; do
        for cand in $CANDIDATES; do run_one "busy${pct}pct" "$dest" "$size" "$cand" "$rep" "$pct"; done
      done
    done
  done
done
python3 "$here/summarize.py" "$csv" --group case,dest,size,candidate \
  --value written_pct,if_rx,written,tool_drops,cpu_s,whole_cpu_s \
  --ratio ringdump:tcpdump --ratio ringdump:ringdump1 \
  --ratio ringdump1:tcpdump --ratio ringdump1:tcpdump_B64M --ratio ringdump1:netsniff --ratio ringdump1:netsniff_S64M \
  --ratio ringdump1:dumpcap >"$OUT/e2e.md"
python3 "$here/summarize.py" "$csv" --group case,dest,size,candidate --value cpu_s --ratio-value cpu_s \
  --ratio ringdump1:tcpdump --ratio ringdump1:tcpdump_B64M --ratio page_cache_floor:tcpdump \
  --ratio ringdump1:page_cache_floor >>"$OUT/e2e.md"
# The whole process (setup and exit included), per thread: the ratios users see with /proc/PID/stat.
python3 "$here/summarize.py" "$csv" --group case,dest,size,candidate \
  --value whole_cpu_s,main_ticks,threads_ticks,iouwrk_ticks,peak_threads --ratio-value whole_cpu_s \
  --ratio ringdump:tcpdump --ratio ringdump1:tcpdump --ratio ringdump2:tcpdump >>"$OUT/e2e.md"
cat "$OUT/e2e.md"
