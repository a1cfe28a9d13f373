#!/usr/bin/env bash
# End to end over the real binary, in a private namespace pair (root): a 2-queue capture to a file with
# --stats-interval/--stats-file and --metrics-listen (scraped with curl when installed); then `ringdump --info`
# against capinfos on the same file (pcap, and pcapng with its direction flags and statistics block when
# --pcapng works), and `ringdump stats plot` rendered in headless Chromium (the DOM carries the CSV's totals). Exit 77 (ctest SKIP_RETURN_CODE) when root, capinfos, or the binary's --info is missing; the
# Chromium part is skipped alone when Chromium is missing.
# usage: stats_e2e.sh RINGDUMP RINGDUMP_GEN
set -uo pipefail
ringdump=${1:?usage: $0 RINGDUMP RINGDUMP_GEN}
gen=${2:?usage: $0 RINGDUMP RINGDUMP_GEN}
here=$(cd "$(dirname "$0")" && pwd)
netns_sh=$here/../../scripts/netns.sh
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; failed=1; }
failed=0

[[ $(id -u) -eq 0 ]] || skip "needs root for network namespaces"
command -v capinfos >/dev/null || skip "capinfos is not installed (wireshark-common)"
info_probe=$("$ringdump" --info /dev/null 2>&1)
grep -q "shorter than a file header" <<<"$info_probe" || skip "this ringdump has no --info yet"

name=rdrep$(( $$ % 100000 ))
work=$(mktemp -d)
cleanup() { "$netns_sh" down "$name" >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
"$netns_sh" up "$name" >/dev/null || skip "cannot create namespaces"
ip -n "$name-b" link set lo up  # for --metrics-listen on 127.0.0.1 inside the namespace

# capture FILE STATS [extra ringdump options]: 40000 frames at 20000/s on 8 flows, a 4-second capture.
capture() {
  local file=$1 stats=$2
  shift 2
  timeout 30 ip netns exec "$name-b" "$ringdump" -i "$name-b0" --queues 2 -w "$file" --stats-interval 0.5 \
    --stats-file "$stats" --duration 4 "$@" 2>"$file.err" &
  local pid=$!
  sleep 1
  timeout 20 ip netns exec "$name-a" "$gen" -i "$name-a0" --count 40000 --rate 20000 --flows 8 --size mix \
    --seconds 10 -q
  if [[ " $* " == *" --metrics-listen "* ]] && command -v curl >/dev/null; then
    local metrics
    metrics=$(ip netns exec "$name-b" curl -s --max-time 5 http://127.0.0.1:9464/metrics)
    local scraped
    scraped=$(awk '/^ringdump_kernel_received_total/ {n += $2} END {print n + 0}' <<<"$metrics")
    [[ "$scraped" == 40000 ]] || fail "/metrics: kernel_received summed over queues is '$scraped', not 40000"
    [[ $failed == 0 ]] && echo "/metrics served the counters ($scraped packets received)"
  fi
  wait "$pid" || fail "ringdump exited with $? ($(cat "$file.err"))"
}

# Compares `ringdump --info FILE` with capinfos on the figures both print.
compare_info() {
  local file=$1 ours theirs before=$failed
  ours=$("$ringdump" --info "$file") || { fail "--info $file"; return; }
  theirs=$(TZ=UTC capinfos -M -c -d -u -a -e -y -i -z -x "$file") || { fail "capinfos $file"; return; }
  field() { sed -n "s/^$2: *//p" <<<"$1" | head -1; }
  local -A pairs=(["Number of packets"]="Number of packets" ["Capture duration"]="Capture duration"
    ["First packet time"]="First packet time" ["Last packet time"]="Last packet time"
    ["Average packet size"]="Average packet size")
  for k in "${!pairs[@]}"; do
    local a b
    a=$(field "$ours" "$k" | sed 's/ UTC$//')
    b=$(field "$theirs" "${pairs[$k]}")
    [[ "$a" == "$b" ]] || fail "$file: $k: ringdump '$a', capinfos '$b'"
  done
  local size rate
  size=$(field "$ours" "Data size" | cut -d' ' -f1)
  [[ "$size bytes" == "$(field "$theirs" "Data size")" ]] || fail "$file: data size $size vs $(field "$theirs" "Data size")"
  rate=$(field "$ours" "Data byte rate" | sed 's|/s$|/sec|')
  [[ "$rate" == "$(field "$theirs" "Data byte rate")" ]] || fail "$file: byte rate $rate vs $(field "$theirs" "Data byte rate")"
  [[ $failed == "$before" ]] && echo "--info agrees with capinfos on $file ($(field "$ours" "Number of packets") packets)"
}

capture "$work/out.pcap" "$work/stats.csv" --metrics-listen 127.0.0.1:9464
captured=$(sed -n 's/^\([0-9]*\) packets captured$/\1/p' "$work/out.pcap.err")
last_total=$(grep ',total,' "$work/stats.csv" | tail -1 | cut -d, -f13)
[[ -n "$captured" && "$captured" == "$last_total" ]] || fail "last total row packets_total '$last_total' != summary '$captured'"
[[ "$captured" == 40000 ]] || fail "captured $captured of 40000 frames"
head -1 "$work/stats.csv" | grep -q '^time,queue,interval_s,packets,' || fail "CSV header"
rows=$(($(wc -l <"$work/stats.csv") - 1))
(( rows >= 3 * 7 )) || fail "only $rows rows for a 4 s capture at 0.5 s"
compare_info "$work/out.pcap"

capture "$work/out.pcapng" "$work/stats-ng.csv" --pcapng --nano
if [[ $(head -c4 "$work/out.pcapng" | od -An -tx1 | tr -d ' ') == 0a0d0d0a ]]; then
  compare_info "$work/out.pcapng"
  "$ringdump" --info "$work/out.pcapng" | grep -q "^  Statistics: *received 40000, dropped by interface 0" ||
    fail "--info shows no interface statistics block with 40000 received in $work/out.pcapng"
  if command -v tshark >/dev/null; then
    inbound=$(tshark -r "$work/out.pcapng" -T fields -e frame.packet_flags_direction 2>/dev/null | grep -c '^0x00000001$')
    [[ "$inbound" == 40000 ]] || fail "pcapng: $inbound of 40000 frames flagged inbound (epb_flags)"
  fi
else
  echo "note: --pcapng does not write pcapng yet; pcapng --info checked by unit tests only"
fi

"$ringdump" stats plot "$work/stats.csv" -o "$work/report.html" || fail "stats plot"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$chromium" ]]; then
  echo "note: Chromium is not installed; report not rendered"
else
  dom=$(timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/profile" --dump-dom "file://$work/report.html" \
    2>/dev/null)
  grep -q 'data-rendered="true"' <<<"$dom" || fail "report did not render"
  grep -q "<tr data-queue=\"total\"><td>total</td><td>$captured</td>" <<<"$dom" || fail "summary total is not $captured"
  points=$(grep -o '<circle [^>]*data-value' <<<"$dom" | wc -l)
  (( points == 3 * rows )) || fail "$points points drawn for $rows rows in 3 charts"
  [[ -n "${RINGDUMP_KEEP_SCREENSHOT:-}" ]] && timeout 90 "$chromium" --headless --no-sandbox --disable-gpu \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --window-size=1000,1250 --screenshot="$RINGDUMP_KEEP_SCREENSHOT" \
    "file://$work/report.html" >/dev/null 2>&1
  echo "report rendered: $points points, total $captured packets"
fi
exit $failed
