#!/usr/bin/env bash
# A real Prometheus (Debian's package) scrapes a running capture (issue #17 item 2). Everything happens in a
# private namespace pair: ringdump captures NAME-b0 in NAME-b with --metrics-listen 127.0.0.1:9464 there and a
# -G 2 file set; Prometheus runs in the same namespace (listening on 127.0.0.1:9099 THERE, scraping every
# second, storage in a temporary directory); ringdump-gen sends 20000 frames of 1514 bytes from NAME-a
# (30 MB: whole 4 MiB chunks in every 2 s file, so the write latency histogram has observations). Then the
# test asks Prometheus' HTTP API (curl inside the namespace) whether what it scraped matches what was sent: the received
# counter summed over queues, its increase(), no drops, the capture ready, chunk writes in the latency
# histogram, files rotated, a store on disk. Nothing binds or sends outside the namespaces; all is removed.
# Exit 77 (ctest SKIP_RETURN_CODE) without root, prometheus, curl or python3.
# usage: prometheus_e2e.sh RINGDUMP RINGDUMP_GEN
set -uo pipefail
ringdump=${1:?usage: $0 RINGDUMP RINGDUMP_GEN}
gen=${2:?usage: $0 RINGDUMP RINGDUMP_GEN}
here=$(cd "$(dirname "$0")" && pwd)
netns_sh=$here/../../scripts/netns.sh
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; failed=1; }
failed=0
frames=20000
metrics_port=9464
prom_port=9099

[[ $(id -u) -eq 0 ]] || skip "needs root for network namespaces"
prometheus=$(command -v prometheus) || skip "prometheus is not installed (apt-get install prometheus)"
command -v curl >/dev/null || skip "curl is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"

name=rdprom$(( $$ % 100000 ))
work=$(mktemp -d)
cap_pid="" prom_pid=""
cleanup() {
  [[ -n "$prom_pid" ]] && kill "$prom_pid" 2>/dev/null && wait "$prom_pid" 2>/dev/null
  [[ -n "$cap_pid" ]] && kill -INT "$cap_pid" 2>/dev/null && wait "$cap_pid" 2>/dev/null
  "$netns_sh" down "$name" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
"$netns_sh" up "$name" >/dev/null || skip "cannot create namespaces"
inns() { ip netns exec "$name-b" "$@"; }

# PromQL -> the first sample's value ("" when the result is empty).
query() {
  inns curl -s --max-time 5 --get --data-urlencode "query=$1" "http://127.0.0.1:$prom_port/api/v1/query" |
    python3 -c 'import json,sys
r = json.load(sys.stdin)["data"]["result"]
print(r[0]["value"][1] if r else "")' 2>/dev/null
}
# Polls QUERY until python's CONDITION on its value v (a float) holds, for at most SECONDS.
wait_for() {
  local q=$1 cond=$2 seconds=$3 v
  for ((i = 0; i < seconds * 2; i++)); do
    v=$(query "$q")
    if [[ -n "$v" ]] && python3 -c "import sys; v = float(sys.argv[1]); sys.exit(0 if ($cond) else 1)" "$v"; then
      echo "$v"
      return 0
    fi
    sleep 0.5
  done
  echo "${v:-none}"
  return 1
}

mkdir -p "$work/set" "$work/tsdb"
timeout 120 ip netns exec "$name-b" "$ringdump" -i "$name-b0" --queues 2 -n -G 2 --max-files 100 \
  -w "$work/set/cap-%Y%m%d-%H%M%S.pcap" --metrics-listen "127.0.0.1:$metrics_port" 2>"$work/ringdump.err" &
cap_pid=$!

cat >"$work/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 900ms
  evaluation_interval: 1s
scrape_configs:
  - job_name: ringdump
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
EOF
timeout 120 ip netns exec "$name-b" "$prometheus" --config.file="$work/prometheus.yml" \
  --storage.tsdb.path="$work/tsdb" --web.listen-address="127.0.0.1:$prom_port" \
  --storage.tsdb.retention.time=1h >"$work/prometheus.log" 2>&1 &
prom_pid=$!

for ((i = 0; i < 60; i++)); do
  inns curl -sf --max-time 2 "http://127.0.0.1:$prom_port/-/ready" >/dev/null && break
  sleep 0.5
done
inns curl -sf --max-time 2 "http://127.0.0.1:$prom_port/-/ready" >/dev/null ||
  { tail -5 "$work/prometheus.log"; fail "prometheus did not become ready"; exit 1; }

# Two or three scrapes of the idle capture first: the counters' series start at 0 before the traffic.
v=$(wait_for 'count_over_time(ringdump_uptime_seconds[1m])' 'v >= 3' 30) ||
  { fail "prometheus did not scrape the capture three times (got $v); $(tail -3 "$work/ringdump.err")"; exit 1; }
echo "prometheus scraped the idle capture $v times"
v=$(wait_for 'ringdump_ready' 'v == 1' 10) || fail "ringdump_ready is $v, not 1"

timeout 30 ip netns exec "$name-a" "$gen" -i "$name-a0" --count $frames --rate 10000 --flows 8 --size 1514 \
  --seconds 10 -q || fail "ringdump-gen failed"

received=$(wait_for 'sum(ringdump_kernel_received_total)' "v == $frames" 20) ||
  fail "sum(ringdump_kernel_received_total) is $received, not $frames"
captured=$(wait_for 'sum(ringdump_packets_total)' "v == $frames" 10) ||
  fail "sum(ringdump_packets_total) is $captured, not $frames"
# increase() extrapolates to the window's ends: a little above the true count, never far from it.
increase=$(query 'sum(increase(ringdump_kernel_received_total[1m]))')
python3 -c "import sys; v = float(sys.argv[1]); sys.exit(0 if $frames * 0.9 <= v <= $frames * 1.5 else 1)" \
  "${increase:-0}" || fail "increase(ringdump_kernel_received_total[1m]) is '$increase', not about $frames"
rate=$(query 'max_over_time(sum(rate(ringdump_kernel_received_total[3s]))[1m:1s])')
python3 -c "import sys; v = float(sys.argv[1]); sys.exit(0 if 3000 <= v <= 20000 else 1)" "${rate:-0}" ||
  fail "the peak rate of received packets is '$rate'/s, the generator sent 10000/s"
drops=$(query 'sum(ringdump_kernel_drops_total) + sum(ringdump_sink_drops_total)')
[[ "$drops" == 0 ]] || fail "drops are '$drops', not 0"
written=$(query 'sum(ringdump_packets_written_total)')
[[ "$written" == "$frames" ]] || fail "sum(ringdump_packets_written_total) is '$written', not $frames"
labels=$(query 'count(ringdump_packets_total{interface="'"$name-b0"'"})')
[[ "$labels" == 2 ]] || fail "$labels series of ringdump_packets_total carry interface=\"$name-b0\", not 2"
chunks=$(wait_for 'sum(ringdump_write_latency_seconds_count)' 'v >= 1' 10) ||
  fail "no chunk write in ringdump_write_latency_seconds ($chunks)"
rotated=$(wait_for 'ringdump_files_rotated_total' 'v >= 1' 10) || fail "ringdump_files_rotated_total is $rotated"
store=$(wait_for 'ringdump_store_bytes' 'v > 0' 10) || fail "ringdump_store_bytes is $store"
span=$(query 'ringdump_newest_packet_timestamp_seconds - ringdump_store_oldest_packet_timestamp_seconds')
python3 -c "import sys; v = float(sys.argv[1]); sys.exit(0 if 0 <= v < 600 else 1)" "${span:--1}" ||
  fail "newest - oldest packet timestamp is '$span' s"
echo "prometheus saw: received $received, captured $captured, increase $increase, peak rate $rate/s, drops $drops," \
  "written $written, chunk writes $chunks, files rotated $rotated, store $store bytes, span ${span}s"

kill "$prom_pid" && wait "$prom_pid" 2>/dev/null
prom_pid=""
kill -INT "$cap_pid"
wait "$cap_pid" || fail "ringdump exited with $? ($(tail -3 "$work/ringdump.err"))"
cap_pid=""
exit $failed
