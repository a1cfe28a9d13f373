#!/usr/bin/env bash
# Part 4 of the benchmarks: reading a capture file. ringdump -r against tcpdump -r on the same file of N packets
# (made by make_pcap.py: UDP of 60/590/1514 bytes, every 10th frame TCP port 80, some VLAN-tagged), REPS rounds
# with the candidates interleaved:
#   print      -r F -n > /dev/null
#   print_v    -r F -n -v > /dev/null
#   filter     -r F -n 'tcp port 80' > /dev/null
#   copy       -r F -w OUT
#   copy_filt  -r F -w OUT 'tcp port 80'
# Candidates: ringdump, tcpdump (TZ as in the caller's environment, unset by default), tcpdump_TZ (TZ set).
# Figures: wall, user and system seconds (/usr/bin/time), lines or packets out (checked to be equal between the
# two tools, a difference is flagged in the csv).
#   scripts/bench/read.sh     -> $OUT/read.csv, $OUT/read.md
# Environment: BUILD (build-bench), OUT ($BUILD/bench-results), N (1000000), REPS (3), DIR (/dev/shm: the
# input and outputs, so the disk does not take part), RINGDUMP.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build-bench}
OUT=${OUT:-$BUILD/bench-results}
N=${N:-1000000}
REPS=${REPS:-3}
DIR=${DIR:-/dev/shm}
RINGDUMP=${RINGDUMP:-$BUILD/tools/ringdump/ringdump}
mkdir -p "$OUT"
work=$DIR/ringdump-read-bench.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
big=$work/big.pcap
python3 "$here/make_pcap.py" "$big" "$N"

# tcpdump_TZ: tcpdump with TZ set. With TZ unset, glibc's localtime() stats /etc/localtime for every packet
# (one newfstatat per line: most of tcpdump's system time when printing); users run it either way.
candidates=(tcpdump tcpdump_TZ)
if [[ -x $RINGDUMP ]] && "$RINGDUMP" -r "$big" -c 1 -n >/dev/null 2>&1; then
  candidates=(ringdump tcpdump tcpdump_TZ)
else
  echo "$0: ringdump -r does not work here ($RINGDUMP): tcpdump rows only" >&2
fi

csv=$OUT/read.csv
echo "task,candidate,rep,wall_s,user_s,sys_s,out_count,mpps" >"$csv"

run() {  # task candidate rep
  local task=$1 cand=$2 rep=$3 bin=tcpdump tz=${TZ-}
  [[ $cand == ringdump ]] && bin=$RINGDUMP
  [[ $cand == tcpdump_TZ ]] && tz=:/etc/localtime
  local args=(-r "$big" -n) out=/dev/null
  case $task in
    print) ;;
    print_v) args+=(-v) ;;
    filter) args+=('tcp port 80') ;;
    copy) args=(-r "$big" -w "$work/out.pcap") ;;
    copy_filt) args=(-r "$big" -w "$work/out.pcap" 'tcp port 80') ;;
  esac
  local lines
  if [[ -n $tz ]]; then
    lines=$(TZ=$tz /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" "${args[@]}" 2>/dev/null | wc -l)
  else
    lines=$(env -u TZ /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" "${args[@]}" 2>/dev/null | wc -l)
  fi
  if [[ $task == copy* ]]; then
    lines=$(capinfos -c -M "$work/out.pcap" | awk -F'\t|: *' '/Number of packets/{print $NF}')
    rm -f "$work/out.pcap"
  fi
  read -r wall user sys <"$work/time"
  echo "$task,$cand,$rep,$wall,$user,$sys,$lines,$(awk -v n="$N" -v w="$wall" 'BEGIN{printf "%.3f", (w > 0 ? n / w / 1e6 : 0)}')" |
    tee -a "$csv"
}

for rep in $(seq 1 "$REPS"); do
  for task in print print_v filter copy copy_filt; do
    for cand in "${candidates[@]}"; do run "$task" "$cand" "$rep"; done
  done
done
python3 "$here/summarize.py" "$csv" --group task,candidate --value wall_s,user_s,sys_s,out_count \
  --ratio ringdump:tcpdump --ratio ringdump:tcpdump_TZ >"$OUT/read.md"
cat "$OUT/read.md"
