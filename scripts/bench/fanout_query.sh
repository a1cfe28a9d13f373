#!/usr/bin/env bash
# A fan-out query over 3 nodes (issue #17): three captures of the same veth traffic, each with its own store
# and its own /pcap endpoint on 127.0.0.1:948N inside the test namespace, then the same window and filter
# fetched (a) by `ringdump query --remote` x3 in parallel, merged into one pcapng, against (b) the peer way:
# `curl` of each node's /pcap one by one and `mergecap`. Prints wall seconds and packets of each, REPS times.
# Bounded: COUNT frames at the generator's rate, the namespaces removed at the end.
# usage: scripts/bench/fanout_query.sh     (BUILD=build COUNT=100000 SIZE=1514 REPS=3)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}; COUNT=${COUNT:-100000}; SIZE=${SIZE:-1514}; REPS=${REPS:-3}
R=$PWD/$BUILD/tools/ringdump/ringdump; G=$PWD/$BUILD/tools/ringdump-gen/ringdump-gen
NAME=fq$$; W=$(mktemp -d /tmp/fanout-query.XXXXXX)
cleanup() { for p in "${PIDS[@]:-}"; do kill -INT "$p" 2>/dev/null || true; done; sleep 1; scripts/netns.sh down "$NAME"; rm -rf "$W"; }
trap cleanup EXIT
PIDS=()
scripts/netns.sh up "$NAME"
for n in 1 2 3; do
  mkdir -p "$W/node$n"
  ip netns exec "$NAME-b" "$R" -i "$NAME-b0" -w "$W/node$n/cap.pcap" -C 50 --metrics-listen "127.0.0.1:948$n" udp \
    2>"$W/node$n.err" &
  PIDS+=($!)
done
for n in 1 2 3; do for i in $(seq 50); do grep -q "listening on" "$W/node$n.err" && break; sleep 0.1; done; done
ip netns exec "$NAME-a" "$G" -i "$NAME-a0" --count "$COUNT" --size "$SIZE" --flows 64 -q
sleep 2  # on disk everywhere
after=$(date -u -d '-10 min' +%Y-%m-%dT%H:%M:%SZ); before=$(date -u -d '+1 min' +%Y-%m-%dT%H:%M:%SZ)
echo "filter,rep,method,seconds,packets"
# One flow of the 64 (--flows: source ports 9..72), then every packet.
for filter in 'udp src port 16' 'udp'; do
enc=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$filter")
for rep in $(seq "$REPS"); do
  t0=$(date +%s.%N)
  ip netns exec "$NAME-b" "$R" query --remote http://127.0.0.1:9481 --remote http://127.0.0.1:9482 \
    --remote http://127.0.0.1:9483 --after "$after" --before "$before" -w "$W/fan.pcapng" "$filter" 2>/dev/null
  t1=$(date +%s.%N)
  for n in 1 2 3; do
    ip netns exec "$NAME-b" curl -s -o "$W/n$n.pcapng" \
      "http://127.0.0.1:948$n/pcap?format=pcapng&after=$after&before=$before&filter=$enc"
  done
  mergecap -w "$W/seq.pcapng" "$W"/n1.pcapng "$W"/n2.pcapng "$W"/n3.pcapng
  t2=$(date +%s.%N)
  echo "$filter,$rep,remote_x3,$(echo "$t1 - $t0" | bc),$(capinfos -Mc "$W/fan.pcapng" | awk '/Number of packets/{print $NF}')"
  echo "$filter,$rep,curl_each+mergecap,$(echo "$t2 - $t1" | bc),$(capinfos -Mc "$W/seq.pcapng" | awk '/Number of packets/{print $NF}')"
done
done
