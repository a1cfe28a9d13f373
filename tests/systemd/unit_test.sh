#!/usr/bin/env bash
# The shipped systemd units, checked the two ways they can break:
#  1. `systemd-analyze verify` on copies whose ExecStart names the ringdump under test (the unit files parse,
#     every directive is known, the command is executable);
#  2. each ExecStart expanded as systemd expands it (expand_exec.py: specifiers, ${VAR} as one argument, $VAR
#     split into words) with the example environment file plus the example's own extra arguments, then run:
#     a real capture on loopback in a private network namespace, which must exit 0 and leave a complete file
#     made with those arguments (snapshot length 256 from "-s 256").
# Exit 77 (ctest SKIP_RETURN_CODE) without root, python3 or ip netns; the verify part is skipped alone (with a
# notice) when systemd-analyze is missing.
# usage: unit_test.sh RINGDUMP
set -uo pipefail
ringdump=$(realpath "${1:?usage: $0 RINGDUMP}")
here=$(cd "$(dirname "$0")" && pwd)
units=$here/../../scripts/systemd
expand=$here/expand_exec.py
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; failed=1; }
failed=0

[[ $(id -u) -eq 0 ]] || skip "needs root for a network namespace"
command -v python3 >/dev/null || skip "python3 is not installed"
command -v tcpdump >/dev/null || skip "tcpdump is not installed (reads the file back)"

ns=rdunit$(( $$ % 100000 ))
work=$(mktemp -d)
cleanup() { ip netns del "$ns" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace"
ip -n "$ns" link set lo up

# The units with the binary under test and the state directory under $work.
mkdir -p "$work/units" "$work/state"
for f in "$units"/*.service "$units"/*.timer; do
  sed -e "s|/usr/local/bin/ringdump|$ringdump|g" -e "s|/var/lib/ringdump|$work/state|g" "$f" >"$work/units/$(basename "$f")"
done

# 1. systemd-analyze verify: no complaint at all about any unit.
if command -v systemd-analyze >/dev/null; then
  for unit in ringdump@lo.service ringdump-window@lo.service ringdump-window@lo.timer; do
    out=$(cd "$work/units" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "./$unit" 2>&1)
    rc=$?
    # The environment file is read only when the service starts, and ProtectSystem= etc. need no host
    # support to verify: any output is a real complaint.
    if [[ $rc -ne 0 || -n $out ]]; then fail "systemd-analyze verify $unit (rc $rc): $out"; else echo "ok: verify $unit"; fi
  done
else
  echo "NOTICE: systemd-analyze not installed: unit verification skipped"
fi

# 2a. ringdump@.service with the example environment file and its example extra arguments (plus --duration, so
# the capture ends by itself, and a filter, which the unit passes as one argument).
cp "$units/ringdump.env.example" "$work/lo.env"
cat >>"$work/lo.env" <<ENV
RINGDUMP_DIR=$work/state
RINGDUMP_EXTRA_ARGS=-s 256 --queues 4 --duration 3
RINGDUMP_FILTER=icmp and host 127.0.0.1
ENV
mapfile -d '' -t argv < <(python3 "$expand" -0 "$work/units/ringdump@.service" lo "$work/lo.env")
echo "ExecStart: ${argv[*]}"
[[ ${argv[0]} == "$ringdump" ]] || fail "ExecStart does not start with the binary: ${argv[0]}"
ip netns exec "$ns" ping -q -c 60 -i 0.05 127.0.0.1 >/dev/null 2>&1 &
ping_pid=$!
ip netns exec "$ns" timeout 20 "${argv[@]}" >"$work/out" 2>"$work/err"
rc=$?
wait "$ping_pid" 2>/dev/null
if [[ $rc -ne 0 ]]; then
  fail "ringdump@lo.service's command exited $rc: $(cat "$work/err")"
else
  files=("$work"/state/lo-*.pcap)
  if [[ ${#files[@]} -ne 1 || ! -f ${files[0]} ]]; then
    fail "expected one lo-*.pcap in the state directory, found: $(ls -A "$work/state")"
  else
    snaplen=$(od -An -t u4 -j 16 -N 4 "${files[0]}" | tr -d ' ')
    [[ $snaplen == 256 ]] || fail "snapshot length $snaplen, not 256: -s 256 from RINGDUMP_EXTRA_ARGS was not applied"
    packets=$(tcpdump -r "${files[0]}" -n 2>/dev/null | grep -c 'ICMP echo')
    [[ $packets -gt 0 ]] || fail "no ICMP echo in ${files[0]}"
    others=$(tcpdump -r "${files[0]}" -n 'not icmp' 2>/dev/null | wc -l)
    [[ $others -eq 0 ]] || fail "$others packets that are not ICMP: RINGDUMP_FILTER was not applied"
    head -1 "$work/state/lo-stats.csv" | grep -q '^time,queue,' || fail "no stats CSV header in lo-stats.csv"
    [[ $failed -eq 0 ]] && echo "ok: ringdump@lo.service captured $packets ICMP echo packets at snaplen 256"
  fi
fi

# 2b. ringdump-window@.service (no environment file): its command must start a capture; stopped after the
# "listening on" line with SIGINT, as the window's --duration would.
mapfile -d '' -t argv < <(python3 "$expand" -0 "$work/units/ringdump-window@.service" lo)
mkdir -p "$work/state/window"
ip netns exec "$ns" "${argv[@]}" >"$work/wout" 2>"$work/werr" &
pid=$!
for _ in $(seq 50); do grep -q "listening on" "$work/werr" && break; sleep 0.1; done
kill -INT "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [[ $rc -ne 0 ]] || ! grep -q "listening on lo" "$work/werr"; then
  fail "ringdump-window@lo.service's command (rc $rc): $(cat "$work/werr")"
else
  ls "$work"/state/window/lo-*.pcap >/dev/null 2>&1 || fail "ringdump-window@lo.service left no file"
  [[ $failed -eq 0 ]] && echo "ok: ringdump-window@lo.service started and stopped cleanly"
fi

exit $failed
