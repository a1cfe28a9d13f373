#!/usr/bin/env bash
# Part 2 of the benchmarks: the FileSink fed from memory, against fio and a plain write(2) loop, on the real
# disk and on tmpfs, in the same run and interleaved (REPS rounds: fio then writer_bench, per directory), so a
# busy neighbour hurts every candidate alike.
#   scripts/bench/writer.sh            -> $OUT/writer.csv and $OUT/writer.md
# Environment: BUILD (build-bench), OUT ($BUILD/bench-results), DISK_DIR (a directory on the disk, default
# $BUILD/bench-scratch), TMPFS_DIR (/dev/shm), MIB (512 per write), REPS (3).
# fio: sequential 4 MiB writes, psync, end_fsync, file removed afterwards; fallocate=none (FileSink does not
# preallocate; fio's default fallocate=native is also measured: on tmpfs it moves page allocation out of the
# timed writes, see docs/performance.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-$here/../../build-bench}
OUT=${OUT:-$BUILD/bench-results}
DISK_DIR=${DISK_DIR:-$BUILD/bench-scratch}
TMPFS_DIR=${TMPFS_DIR:-/dev/shm}
MIB=${MIB:-512}  # fio only; writer_bench writes 512 MiB per run
REPS=${REPS:-3}
bench=$BUILD/bench/writer_bench
[[ -x $bench ]] || { echo "$0: $bench not built (ninja -C $BUILD writer_bench)" >&2; exit 1; }
command -v fio >/dev/null || { echo "$0: fio is missing (apt-get install fio)" >&2; exit 1; }
mkdir -p "$OUT" "$DISK_DIR"
raw=$OUT/writer.raw.csv
echo "rep,dir,candidate,gib_s" >"$raw"
trap 'rm -f "$DISK_DIR"/fio.bench "$TMPFS_DIR"/fio.bench' EXIT

fio_run() {  # dir direct fallocate -> GiB/s
  timeout 300 fio --name=w --filename="$1/fio.bench" --rw=write --bs=4M --size=${MIB}M --direct="$2" \
    --ioengine=psync --end_fsync=1 --unlink=1 --fallocate="$3" --output-format=json 2>/dev/null |
    python3 -c "import json,sys; print(json.load(sys.stdin)['jobs'][0]['write']['bw_bytes']/2**30)"
}

for rep in $(seq 1 "$REPS"); do
  for dir in "$DISK_DIR" "$TMPFS_DIR"; do
    kind=disk; [[ $dir == "$TMPFS_DIR" ]] && kind=tmpfs
    for direct in 1 0; do
      mode=buffered; [[ $direct == 1 ]] && mode=direct
      echo "$rep,$kind,fio/$mode,$(fio_run "$dir" $direct none)" >>"$raw"
      echo "$rep,$kind,fio/$mode/fallocate,$(fio_run "$dir" $direct native)" >>"$raw"
    done
    json=$OUT/writer_bench.$kind.$rep.json
    RINGDUMP_BENCH_DIRS=$dir timeout 600 "$bench" --benchmark_filter='BM_FileSink|BM_WriteLoop' \
      --benchmark_format=json >"$json" 2>/dev/null
    python3 - "$json" "$rep" "$kind" >>"$raw" <<'PY'
import json, sys
path, rep, kind = sys.argv[1:]
for b in json.load(open(path))["benchmarks"]:
    name = b["name"].split("/")  # BM_FileSink, '', dir..., mode, threads, MiB, ...
    mode = "direct" if "/direct/" in b["name"] else "buffered"
    if name[0] in ("BM_FileSink", "BM_FileSinkSync"):
        threads = b["name"].split(f"/{mode}/")[1].split("/")[0]
        cand = f"{name[0][3:]}/{mode}/{threads}thr"
    else:
        cand = f"write(2)/{mode}"
    print(f"{rep},{kind},{cand},{b['bytes_per_second'] / 2**30}")
PY
  done
done
python3 "$here/summarize.py" "$raw" --group dir,candidate --value gib_s \
  --ratio "FileSink/direct/1thr:fio/direct" --ratio "FileSink/buffered/1thr:fio/buffered" \
  --ratio "FileSink/direct/1thr:write(2)/direct" --ratio "FileSinkSync/buffered/1thr:fio/buffered" \
  --ratio "FileSinkSync/direct/1thr:fio/direct" >"$OUT/writer.md"
cp "$raw" "$OUT/writer.csv"
cat "$OUT/writer.md"
