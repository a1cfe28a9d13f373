#!/usr/bin/env bash
# /metrics latency under hostile local load (issue #15 item 4), bounded to about 15 s (root).
# scripts/netns.sh makes two namespaces (198.18.0.0/24 only); ringdump captures NAME-b0 in NAME-b with
# --metrics-listen 127.0.0.1:9464 (loopback of NAME-b) while ringdump-gen sends bounded traffic from NAME-a.
# Inside NAME-b a client opens IDLE idle connections (connect, send nothing) and one slow-loris (sends
# "GET /met", never finishes), then times REQUESTS scrapes of /metrics one after another, each on a new
# connection, and prints p50/p99/max in milliseconds. The same scrapes without the load come first, as the
# baseline. All of it ends within the listener's 5 s header deadline, so the idle connections stay held.
#   scripts/bench/metrics_latency.sh     (BUILD=build, IDLE=200, REQUESTS=50, NAME=rdml)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BUILD=${BUILD:-$root/build}
IDLE=${IDLE:-200}
REQUESTS=${REQUESTS:-50}
NAME=${NAME:-rdml}
RINGDUMP=${RINGDUMP:-$BUILD/tools/ringdump/ringdump}
GEN=${GEN:-$BUILD/tools/ringdump-gen/ringdump-gen}
[[ $(id -u) == 0 ]] || { echo "$0: needs root (namespaces)" >&2; exit 1; }
for f in "$RINGDUMP" "$GEN"; do [[ -x $f ]] || { echo "$0: $f not built" >&2; exit 1; }; done

work=$(mktemp -d /tmp/metrics_latency.XXXXXX)
cleanup() {
  [[ -n ${cap_pid:-} ]] && kill -INT "$cap_pid" 2>/dev/null && wait "$cap_pid" 2>/dev/null || true
  "$root/scripts/netns.sh" down "$NAME" || true
  rm -rf "$work"
}
trap cleanup EXIT
"$root/scripts/netns.sh" up "$NAME"
ip -n "$NAME-b" link set lo up

ip netns exec "$NAME-b" timeout 30 "$RINGDUMP" -i "$NAME-b0" -w "$work/cap.pcap" \
  --metrics-listen 127.0.0.1:9464 2>"$work/cap.err" &
cap_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/cap.err" && break; sleep 0.05; done
grep -q "listening on" "$work/cap.err" || { cat "$work/cap.err" >&2; exit 1; }

# Traffic for the whole measurement: 40000 frames at 10000/s (4 s), bounded by --seconds too.
ip netns exec "$NAME-a" "$GEN" -i "$NAME-a0" --count 40000 --rate 10000 --size mix --seconds 10 -q &
gen_pid=$!

ip netns exec "$NAME-b" timeout 60 python3 - "$IDLE" "$REQUESTS" <<'PY'
import socket, sys, time
idle_count, requests = int(sys.argv[1]), int(sys.argv[2])
addr = ("127.0.0.1", 9464)

def scrape(pause=0.03):
    time.sleep(pause)  # paced: the scrapes span about 1.5 s of the load
    start = time.perf_counter()
    s = socket.create_connection(addr, timeout=5)
    s.sendall(b"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    elapsed = (time.perf_counter() - start) * 1000
    if not data.startswith(b"HTTP/1.1 200 "):
        raise SystemExit("bad answer: %r" % data[:80])
    return elapsed

def report(label, samples):
    samples = sorted(samples)
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    print("%-34s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms" % (label, len(samples), pick(0.5), pick(0.99), samples[-1]))

report("baseline (no idle connections)", [scrape() for _ in range(requests)])
idle = []
for _ in range(idle_count):
    s = socket.socket()
    s.setblocking(False)
    s.connect_ex(addr)
    idle.append(s)
loris = socket.create_connection(addr, timeout=5)
loris.sendall(b"GET /met")
time.sleep(0.2)  # the listener has accepted them all
start = time.perf_counter()
samples = [scrape() for _ in range(requests)]
held_for = time.perf_counter() - start + 0.2
worst = max(range(len(samples)), key=lambda i: samples[i])
report("%d idle + 1 slow-loris held" % idle_count, samples)
print("slowest scrape: number %d of %d" % (worst + 1, len(samples)))
# Still held? (the 5 s header deadline would close them): the slow-loris must not have been answered.
loris.setblocking(False)
try:
    still = loris.recv(1) == b"" and "closed" or "answered"
except BlockingIOError:
    still = "still open"
print("slow-loris after %.1f s: %s" % (held_for, still))
PY
wait "$gen_pid" || true
kill -INT "$cap_pid"
wait "$cap_pid" || true
cap_pid=
tail -3 "$work/cap.err"
