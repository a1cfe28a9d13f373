#!/usr/bin/env bash
# The README's demo: a private namespace pair joined by a veth, ringdump capturing to a file on one side,
# ringdump-gen (1000 frames of mixed sizes) and a few pings from the other, then ringdump's summary, the
# first lines of `tcpdump -r` and the file's counts. Everything is removed on exit, even on failure.
#   usage: sudo scripts/demo.sh [BUILD_DIR]     (default ./build)
# Traffic stays inside the two namespaces (198.18.0.0/24).
set -euo pipefail

build=${1:-./build}
here=$(cd "$(dirname "$0")" && pwd)
ringdump=$build/tools/ringdump/ringdump
gen=$build/tools/ringdump-gen/ringdump-gen
out=/tmp/ringdump-demo.pcap
name=rdd$$
log=$(mktemp /tmp/ringdump-demo.XXXXXX.log)
capture_pid=

for bin in "$ringdump" "$gen"; do
  [[ -x $bin ]] || { echo "demo: $bin not found: build first (cmake -S . -B $build && cmake --build $build)" >&2; exit 1; }
done
[[ $(id -u) -eq 0 ]] || { echo "demo: needs root (network namespaces, packet sockets)" >&2; exit 1; }

cleanup() {
  if [[ -n $capture_pid ]] && kill -0 "$capture_pid" 2>/dev/null; then
    kill -INT "$capture_pid" 2>/dev/null || true
    sleep 1
    kill -KILL "$capture_pid" 2>/dev/null || true
  fi
  "$here/netns.sh" down "$name" || true
  rm -f "$log"
}
trap cleanup EXIT

echo "== namespaces $name-a ($name-a0, 198.18.0.1) <-> $name-b ($name-b0, 198.18.0.2)"
"$here/netns.sh" up "$name"

rm -f "$out"
echo "== ringdump -i $name-b0 -w $out   (in $name-b)"
ip netns exec "$name-b" "$ringdump" -i "$name-b0" -w "$out" 2>"$log" &
capture_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$log" && break
  kill -0 "$capture_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$log" || { echo "demo: ringdump did not start:" >&2; cat "$log" >&2; exit 1; }
sed 's/^/   /' "$log"

echo "== ringdump-gen: 1000 UDP frames, mixed sizes (in $name-a)"
ip netns exec "$name-a" "$gen" -i "$name-a0" --count 1000 --size mix --rate 20000 2>&1 | sed 's/^/   /'
if command -v ping >/dev/null; then
  echo "== ping -c 3 198.18.0.2 (in $name-a)"
  ip netns exec "$name-a" ping -c 3 -i 0.2 -W 1 198.18.0.2 | sed 's/^/   /'
else
  echo "== (no ping installed: apt-get install iputils-ping; skipping the pings)"
fi

sleep 1.5  # let the last ring block be handed over before stopping
echo "== stopping ringdump (SIGINT); its summary:"
kill -INT "$capture_pid"
wait "$capture_pid" || true
capture_pid=
grep -v "listening on" "$log" | sed 's/^/   /'

echo "== tcpdump -r $out -nn | head"
tcpdump -r "$out" -nn -c 10 2>/dev/null | sed 's/^/   /'  # -c, not head: no SIGPIPE under pipefail

echo "== counts"
total=$(tcpdump -r "$out" -nn 2>/dev/null | wc -l)
printf '   %-22s %s\n' "packets:" "$total" \
  "UDP (ringdump-gen):" "$(tcpdump -r "$out" -nn udp 2>/dev/null | wc -l)" \
  "ICMP (ping):" "$(tcpdump -r "$out" -nn icmp 2>/dev/null | wc -l)" \
  "ARP:" "$(tcpdump -r "$out" -nn arp 2>/dev/null | wc -l)"
if command -v capinfos >/dev/null; then
  capinfos -E -c -d -u -x -y "$out" 2>/dev/null | sed 's/^/   /'
fi
echo "== file kept at $out; namespaces removed"
