#!/usr/bin/env bash
# Part 1 of the benchmarks: bench/hot_path_bench (synthetic TPACKET_V3 blocks -> WalkBlock -> FileSink, against
# pcap_dump, the walk alone and memcpy), REPS repetitions, the FileSink writing to tmpfs (and, with
# DISK=1, a second pass onto the disk). Output: $OUT/hot_path.<dest>.json (Google Benchmark), hot_path.csv and
# hot_path.md with the ratios the targets speak of.
# Environment: BUILD (build-bench), OUT ($BUILD/bench-results), REPS (3), MIN_TIME (0.5 s per benchmark),
# TMPFS_DIR (/dev/shm), DISK_DIR ($BUILD/bench-scratch), DISK (1), FILTER (all benchmarks).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$here/../../build-bench}
OUT=${OUT:-$BUILD/bench-results}
REPS=${REPS:-3}
MIN_TIME=${MIN_TIME:-0.5}
TMPFS_DIR=${TMPFS_DIR:-/dev/shm}
DISK_DIR=${DISK_DIR:-$BUILD/bench-scratch}
DISK=${DISK:-1}
FILTER=${FILTER:-.}
bench=$BUILD/bench/hot_path_bench
[[ -x $bench ]] || { echo "$0: $bench not built (ninja -C $BUILD hot_path_bench)" >&2; exit 1; }
mkdir -p "$OUT" "$DISK_DIR"
dests=(tmpfs)
[[ $DISK == 1 ]] && dests+=(disk)
for dest in "${dests[@]}"; do
  dir=$TMPFS_DIR
  filter=$FILTER
  if [[ $dest == disk ]]; then dir=$DISK_DIR; filter='BM_WalkFileSink|BM_WalkPcapDump(_Vlan)?/'; fi
  RINGDUMP_BENCH_DIR=$dir timeout 1800 "$bench" --benchmark_filter="$filter" --benchmark_repetitions="$REPS" \
    --benchmark_min_time="$MIN_TIME" --benchmark_format=json --benchmark_out="$OUT/hot_path.$dest.json" \
    --benchmark_out_format=json >/dev/null
done
python3 - "$OUT" "${dests[@]}" >"$OUT/hot_path.md" <<'PY'
import json, statistics, sys
out, dests = sys.argv[1], sys.argv[2:]
rows = {}
for dest in dests:
    for b in json.load(open(f"{out}/hot_path.{dest}.json"))["benchmarks"]:
        if b.get("run_type") != "iteration" or b.get("error_occurred"):
            continue
        name = b["run_name"].replace("/real_time", "")
        key = (dest, name)
        r = rows.setdefault(key, {"mpps": [], "gbs": [], "wcpu": [], "pcpu": []})
        r["mpps"].append(b["items_per_second"] / 1e6)
        r["gbs"].append(b["bytes_per_second"] / 2**30)
        r["wcpu"].append(b.get("Mpps_per_worker_cpu", 0))
        r["pcpu"].append(b.get("Mpps_per_process_cpu", 0))
with open(f"{out}/hot_path.csv", "w") as f:
    f.write("dest,benchmark,n,mpps_median,gib_s_median,mpps_per_worker_cpu,mpps_per_process_cpu,mpps_min,mpps_max\n")
    for (dest, name), r in rows.items():
        m = statistics.median
        f.write(f"{dest},{name},{len(r['mpps'])},{m(r['mpps']):.3f},{m(r['gbs']):.3f},{m(r['wcpu']):.2f},"
                f"{m(r['pcpu']):.2f},{min(r['mpps']):.3f},{max(r['mpps']):.3f}\n")
print("| file on | benchmark | n | Mpps wall min / **median** / max | GiB/s (records) | Mpps per worker-CPU s | Mpps per process-CPU s |")
print("|---|---|---|---|---|---|---|")
med = {}
for (dest, name), r in rows.items():
    m = statistics.median
    med[(dest, name)] = (m(r["mpps"]), m(r["gbs"]), m(r["pcpu"]))
    wcpu = f"{m(r['wcpu']):.1f}" if m(r["wcpu"]) else "-"  # none for the threaded benchmarks
    print(f"| {dest} | {name} | {len(r['mpps'])} | {min(r['mpps']):.2f} / **{m(r['mpps']):.2f}** / {max(r['mpps']):.2f} "
          f"| {m(r['gbs']):.2f} | {wcpu} | {m(r['pcpu']):.1f} |")
print()
print("| file on | frame | FileSink / pcap_dump (wall) | FileSink / memcpy bandwidth | 2 workers / 1 worker |")
print("|---|---|---|---|---|")
for dest in dests:
    for size in (64, 512, 1500):
        def g(name, i=0):
            for d in (dest, "tmpfs"):
                if (d, name) in med:
                    return med[(d, name)][i]
            return None
        sink = g(f"BM_WalkFileSink/frame:{size}")
        dump = g(f"BM_WalkPcapDump/frame:{size}")
        copy = g(f"BM_Memcpy/frame:{size}", 1)
        sinkb = g(f"BM_WalkFileSink/frame:{size}", 1)
        t1 = g(f"BM_WalkFileSinkThreads/frame:{size}/workers:1")
        t2 = g(f"BM_WalkFileSinkThreads/frame:{size}/workers:2")
        fmt = lambda a, b: f"{a / b:.2f}" if a and b else "-"
        print(f"| {dest} | {size} | {fmt(sink, dump)} | {fmt(sinkb, copy)} | {fmt(t2, t1)} |")
print()
print("No I/O (the engine's own work: walk, encode, chunk buffers; the peer writes to /dev/null):")
print()
print("| frame | chunks Mpps wall | per worker-CPU s | chunks / pcap_dump to /dev/null | chunks / memcpy bandwidth | 2 workers / 1 worker |")
print("|---|---|---|---|---|---|")
for size in (64, 512, 1500):
    c = med.get(("tmpfs", f"BM_WalkChunks/frame:{size}"))
    d = med.get(("tmpfs", f"BM_WalkPcapDumpNull/frame:{size}"))
    m = med.get(("tmpfs", f"BM_Memcpy/frame:{size}"))
    t1 = med.get(("tmpfs", f"BM_WalkChunksThreads/frame:{size}/workers:1"))
    t2 = med.get(("tmpfs", f"BM_WalkChunksThreads/frame:{size}/workers:2"))
    w = statistics.median(rows[("tmpfs", f"BM_WalkChunks/frame:{size}")]["wcpu"]) if c else None
    fmt = lambda a, b, i=0: f"{a[i] / b[i]:.2f}" if a and b else "-"
    print(f"| {size} | {c[0]:.2f} | {w:.1f} | {fmt(c, d)} | {fmt(c, m, 1)} | {fmt(t2, t1)} |" if c else f"| {size} | - |")
print()
print("Scaling against the machine's own (no I/O, pinned threads; store 0 = memcpy, 1 = the engine's non-temporal copy):")
print()
print("| frame | engine 2 / 1 workers | memcpy 2 / 1 threads | stream copy 2 / 1 threads | engine / stream copy, 2 threads (Mpps) |")
print("|---|---|---|---|---|")
for size in (64, 512, 1500):
    e = [med.get(("tmpfs", f"BM_WalkChunksThreads/frame:{size}/workers:{n}")) for n in (1, 2)]
    mc = [med.get(("tmpfs", f"BM_MemcpyThreads/frame:{size}/workers:{n}/store:0")) for n in (1, 2)]
    sc = [med.get(("tmpfs", f"BM_MemcpyThreads/frame:{size}/workers:{n}/store:1")) for n in (1, 2)]
    fmt = lambda a, b: f"{a[0] / b[0]:.2f}" if a and b else "-"
    print(f"| {size} | {fmt(e[1], e[0])} | {fmt(mc[1], mc[0])} | {fmt(sc[1], sc[0])} | {fmt(e[1], sc[1])} |")
PY
cat "$OUT/hot_path.md"
