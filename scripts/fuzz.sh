#!/usr/bin/env bash
# Builds the libFuzzer harnesses (build-fuzz, clang, RINGDUMP_FUZZ=ON), seeds their corpora from the test
# captures and runs each harness for SECONDS seconds, one after the other (niced: the machine is shared).
#   scripts/fuzz.sh [SECONDS] [HARNESS...]      default 20 s each, all harnesses
# Exit status is non-zero when a harness finds a crash; the reproducer is copied to fuzz/crashes/.
# A summary line per harness (executions, coverage, crashes) goes to build-fuzz/fuzz-summary.txt.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_pcap_reader fuzz_printer fuzz_decap fuzz_cli_options fuzz_block_walk)
build=${RINGDUMP_FUZZ_BUILD:-$root/build-fuzz}

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRINGDUMP_FUZZ=ON -DRINGDUMP_SANITIZE=ON -DRINGDUMP_BUILD_TESTS=OFF -DRINGDUMP_BUILD_BENCH=OFF >/dev/null
ninja -C "$build" -j"${JOBS:-2}" "${harnesses[@]}"

corpus=$build/corpus
if [ ! -d "$corpus" ]; then
  python3 "$root/fuzz/make_seeds.py" "$corpus" /work/shared/tcpdump-tests/cases/*.pcap* \
    $(find "$root/tests" -name '*.pcap' -o -name '*.pcapng' 2>/dev/null)
fi

status=0
summary=$build/fuzz-summary.txt
for h in "${harnesses[@]}"; do
  mkdir -p "$corpus/$h" "$build/artifacts/$h"
  log=$build/$h.log
  set +e
  nice -n 10 "$build/fuzz/$h" "$corpus/$h" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$h/" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$(find "$build/artifacts/$h" -type f | wc -l)
  line="$(date -u +%FT%TZ) $h seconds=$seconds execs=${execs:-?} cov=${cov:-?} crashes=$crashes rc=$rc"
  echo "$line" | tee -a "$summary"
  if [ "$rc" -ne 0 ]; then
    status=1
    mkdir -p "$root/fuzz/crashes/$h"
    cp "$build/artifacts/$h"/* "$root/fuzz/crashes/$h/" 2>/dev/null || true
    grep -m3 -A12 'ERROR: \|runtime error' "$log" || tail -30 "$log"
  fi
done
exit $status
