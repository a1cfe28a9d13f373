#!/usr/bin/env bash
# Re-runs every benchmark of docs/performance.md (root, ~1.5 h on 2 busy cores) and collects the tables in
# $OUT (build-bench/bench-results): hot_path.md, writer.md, e2e.md, read.md, machine.txt, and the profiles
# profile.{ringdump,tcpdump}.{60,1514}.tmpfs.txt.
# Builds build-bench (Release) first. Environment: see each script; REPS applies to all.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export BUILD=${BUILD:-$root/build-bench}
export OUT=${OUT:-$BUILD/bench-results}
# The project's dependencies, then the peers and tools only the benchmarks use (fio: the writer's ceiling;
# wireshark-common: dumpcap; linux-perf: the profiles quoted in docs/performance.md).
"$root/scripts/install-deps.sh"
need=()
for p in fio wireshark-common linux-perf; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi
cmake -S "$root" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C "$BUILD" -j2 hot_path_bench writer_bench ringdump-gen ringdump || echo "$0: build failed; running what exists" >&2
mkdir -p "$OUT"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  grep -m1 "model name" /proc/cpuinfo
  echo "kernel: $(uname -r)"
  echo "/work: $(findmnt -no SOURCE,FSTYPE,OPTIONS -T "$root")"
  echo "tmpfs: $(findmnt -no SOURCE,FSTYPE -T /dev/shm | head -1)"
  echo "loadavg at start: $(cat /proc/loadavg)"
  git -C "$root" rev-parse --short HEAD
} >"$OUT/machine.txt"
status=0
for part in hot_path writer e2e read; do
  echo "== $part" >&2
  "$here/$part.sh" >"$OUT/$part.stdout" 2>"$OUT/$part.stderr" || { echo "$0: $part failed (see $OUT/$part.stderr)" >&2; status=1; }
done
echo "== profiles" >&2
for tool in ringdump tcpdump; do
  for size in 60 1514; do
    TOOL=$tool SIZE=$size "$here/profile.sh" >>"$OUT/profile.stdout" 2>>"$OUT/profile.stderr" ||
      { echo "$0: profile $tool $size failed (see $OUT/profile.stderr)" >&2; status=1; }
  done
done
echo "loadavg at end: $(cat /proc/loadavg)" >>"$OUT/machine.txt"
exit $status
