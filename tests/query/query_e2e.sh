#!/usr/bin/env bash
# `ringdump query` against tools we did not write: for every case the reference is tcpdump -r of each file
# with the same filter, merged by mergecap, sorted by reordercap (the files are out of time order, as
# multi-queue captures are) and cut to the window by editcap -A/-B; the outputs must be equal packet for
# packet (tcpdump -tt -xx of both: timestamps and bytes). Also: directory, glob and .gz PATHs, pcapng output,
# the printed output against tcpdump's, an unreadable file, bad time and filter messages, empty windows,
# indexes from --repair, and the file being written (.NAME.part, torn tail).
# usage: query_e2e.sh RINGDUMP   (exit 77: a peer tool is missing; KEEP=1 keeps the scratch directory)
set -uo pipefail
R=${1:?usage: query_e2e.sh RINGDUMP}
HERE=$(cd "$(dirname "$0")" && pwd)
MAKE_STORE="$HERE/../../scripts/bench/make_store.py"
for t in tcpdump mergecap reordercap editcap python3 gzip; do
  command -v "$t" >/dev/null || { echo "SKIP: $t missing (scripts/install-deps.sh)"; exit 77; }
done
T=$(mktemp -d /tmp/ringdump-query-e2e.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }

# reference OUT AFTER BEFORE FILTER FILE...: tcpdump per file, mergecap, reordercap, editcap -A/-B.
reference() {
  local out=$1 after=$2 before=$3 filter=$4; shift 4
  local parts=() i=0 f precision=micro
  [ "${REF_FORMAT:-pcap}" = nsecpcap ] && precision=nano
  for f in "$@"; do
    if [[ $f == *.gz ]]; then zcat "$f" | tcpdump --time-stamp-precision=$precision -r - -w "$T/ref.$i.pcap" "$filter" 2>/dev/null
    else tcpdump --time-stamp-precision=$precision -r "$f" -w "$T/ref.$i.pcap" "$filter" 2>/dev/null; fi
    parts+=("$T/ref.$i.pcap"); i=$((i + 1))
  done
  mergecap -F "${REF_FORMAT:-pcap}" -w "$T/ref.merged" "${parts[@]}" || return 1
  # reordercap writes no packets when its input is already in order
  reordercap -n "$T/ref.merged" "$T/ref.sorted" | grep -q ' 0 out of order' && cp "$T/ref.merged" "$T/ref.sorted"
  editcap -F "${REF_FORMAT:-pcap}" -A "$after" -B "$before" "$T/ref.sorted" "$out"
}
# Epoch seconds TS plus or minus NS nanoseconds, exactly (floating point would round).
ns_add() { python3 -c "import sys; s, f = sys.argv[1].split('.'); t = int(s) * 10**9 + int(f.ljust(9, '0')) + int(sys.argv[2]); print('%d.%09d' % divmod(t, 10**9))" "$1" "$2"; }
# Timestamps and bytes of every packet.
dump() { tcpdump -r "$1" -nn -tt --nano -xx 2>/dev/null; }
same() {  # NAME A B
  if cmp -s <(dump "$2") <(dump "$3") && [ "$(dump "$2" | grep -c '^[0-9]')" -gt 0 ]; then pass "$1"
  else fail "$1 ($(dump "$2" | grep -c '^[0-9]') vs $(dump "$3" | grep -c '^[0-9]') packets)"; fi
}

S=$T/store
# Files of 9 MB: more than one 4 MiB index interval each, so the reorder has to work across intervals.
python3 "$MAKE_STORE" "$S" --files 4 --file-bytes 9000000 --rate 1000 --queues 2 >"$T/store.txt"
FILES=("$S"/store.pcap0 "$S"/store.pcap1 "$S"/store.pcap2 "$S"/store.pcap3)
# A window across the boundary of files 1 and 2, and one host.
A=2026-12-04T09:15:24Z; B=2026-12-04T09:15:29Z; F='host 10.0.0.7'

reference "$T/ref.pcap" "$A" "$B" "$F" "${FILES[@]}"
"$R" query -r "$S" --after "$A" --before "$B" -w "$T/q.pcap" "$F" 2>/dev/null
same "directory, unindexed, across a file boundary, out-of-order files" "$T/q.pcap" "$T/ref.pcap"

# Every packet of a wide window (no filter): the disorder of the multi-queue files, at its densest.
reference "$T/refall.pcap" 2026-12-04T09:15:03Z 2026-12-04T09:15:30Z "" "${FILES[@]}"
"$R" query -r "$S" --after 2026-12-04T09:15:03Z --before 2026-12-04T09:15:30Z -w "$T/q.pcap" 2>/dev/null
same "every packet of a wide window, out-of-order files" "$T/q.pcap" "$T/refall.pcap"

"$R" query -r "$S" --after "$A" --before "$B" -n "$F" 2>/dev/null >"$T/q.txt"
tcpdump -r "$T/ref.pcap" -n 2>/dev/null >"$T/ref.txt"
if cmp -s "$T/q.txt" "$T/ref.txt" && [ -s "$T/ref.txt" ]; then pass "printed as tcpdump prints the reference"
else fail "printed output differs from tcpdump's"; diff "$T/q.txt" "$T/ref.txt" | head -5; fi

"$R" query -r "$S" --after "$A" --before "$B" -n -e -v -X "$F" 2>/dev/null >"$T/q.txt"
"$R" -r "$T/ref.pcap" -n -e -v -X 2>/dev/null >"$T/ref.txt"
if cmp -s "$T/q.txt" "$T/ref.txt" && [ -s "$T/ref.txt" ]; then pass "printed with -n -e -v -X as ringdump -r prints"
else fail "-n -e -v -X output differs from ringdump -r"; fi

"$R" query -r "$S" --after "$A" --before "$B" --pcapng -w "$T/q.pcapng" "$F" 2>/dev/null
same "pcapng output" "$T/q.pcapng" "$T/ref.pcap"
# One interface block per interface of each file that contributed (the window spans two files).
n=$(capinfos -I "$T/q.pcapng" 2>/dev/null | grep -c 'Interface #')
[ "$n" = 2 ] && pass "pcapng output: one interface block per input file" || fail "pcapng output: $n interface blocks"

# Files of different link types: pcap output refused (nothing written), pcapng keeps them apart.
M=$T/mixed; mkdir -p "$M"
python3 - "$M" <<'PY'
import struct, sys
ip = bytes([0x45, 0, 0, 28, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 7, 10, 1, 0, 1, 0x30, 0x39, 0, 53, 0, 8, 0, 0])
for name, lt, frame, t0 in (("eth.pcap", 1, bytes(12) + b"\x08\x00" + ip, 1796375700), ("raw.pcap", 101, ip, 1796375700)):
    with open(f"{sys.argv[1]}/{name}", "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, lt))
        for i in range(3):
            f.write(struct.pack("<IIII", t0 + i, 500000, len(frame), len(frame)) + frame)
PY
"$R" query -r "$M" -w "$T/mixed.pcap" 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "different link types (EN10MB, RAW).*--pcapng" "$T/err" && [ ! -e "$T/mixed.pcap" ] &&
  pass "different link types: pcap refused, nothing written" || fail "mixed link types to pcap: rc $rc $(cat "$T/err")"
"$R" query -r "$M" --pcapng -w "$T/mixed.pcapng" 'host 10.0.0.7' 2>/dev/null
enc=$(capinfos -I "$T/mixed.pcapng" 2>/dev/null | grep -E 'Encapsulation = |Number of packets = ' | tr -s ' ' | tr '\n' ' ')
[[ $enc == *"Ethernet"*"= 3"*"Raw IP"*"= 3"* ]] && [ "$(capinfos -I "$T/mixed.pcapng" | grep -c 'Interface #')" = 2 ] &&
  pass "different link types: pcapng with an interface block each" || fail "mixed pcapng: $enc"

# .gz from -z gzip, and a glob.
gzip "$S/store.pcap1"
"$R" query -r "$S/store.pcap*" --after "$A" --before "$B" -w "$T/q.pcap" "$F" 2>/dev/null
same "glob PATH with a .gz file" "$T/q.pcap" "$T/ref.pcap"
"$R" --repair "$S/store.pcap1.gz" >"$T/out" 2>&1
if [ -f "$S/.store.pcap1.gz.ridx" ] && grep -q "gzip, indexed in" "$T/out"; then pass "--repair indexes a .gz file"
else fail "--repair of a .gz file: $(cat "$T/out")"; fi
"$R" query -r "$S" --after "$A" --before "$B" -w "$T/q.pcap" "$F" 2>/dev/null
same "indexed .gz file" "$T/q.pcap" "$T/ref.pcap"
rm "$S/.store.pcap1.gz.ridx"
gzip -d "$S/store.pcap1.gz"

# Index from --repair: same answer, and the files outside the window are not opened.
"$R" --repair "${FILES[@]}" >/dev/null
"$R" query --query-stats -r "$S" --after "$A" --before "$B" -w "$T/q.pcap" "$F" 2>"$T/err"
same "indexed by --repair" "$T/q.pcap" "$T/ref.pcap"
if grep -q "4 files, 2 skipped, 0 scanned (no index), 2 read" "$T/err"; then pass "index: files outside the window left closed"
else fail "index did not narrow the files: $(grep query: "$T/err")"; fi

# Exact edges: a packet exactly at --after is in, exactly at --before is out.
first=$(tcpdump -r "$S/store.pcap2" -tt --nano -c 1 2>/dev/null | cut -d' ' -f1)
"$R" query -r "$S" --after "$first" --before "$first" -w "$T/q.pcap" 2>/dev/null; rc=$?
[ $rc -ne 0 ] && pass "empty window (--after = --before) is refused" || fail "--after = --before accepted"
"$R" query -r "$S" --after "$first" --before "$(ns_add "$first" 1)" -w "$T/q.pcap" 2>/dev/null
n=$(tcpdump -r "$T/q.pcap" 2>/dev/null | wc -l)
[ "$n" = 1 ] && pass "a packet exactly at --after is in" || fail "packet at --after: $n packets"
"$R" query -r "$S" --after "$(ns_add "$first" -500000000)" --before "$first" -w "$T/q.pcap" 2>/dev/null
last=$(tcpdump -r "$T/q.pcap" -tt --nano 2>/dev/null | tail -1 | cut -d' ' -f1)
[ "$last" != "$first" ] && pass "a packet exactly at --before is out" || fail "packet at --before included"

# Windows before and after the store: exit 0, a valid empty pcap.
for w in "--before 2026-12-04T09:14:00Z" "--after 2026-12-04T10:00:00Z"; do
  # shellcheck disable=SC2086
  "$R" query -r "$S" $w -w "$T/q.pcap" "$F" 2>/dev/null; rc=$?
  n=$(tcpdump -r "$T/q.pcap" 2>/dev/null | wc -l)
  [ $rc = 0 ] && [ "$n" = 0 ] && pass "window outside the store ($w): exit 0, no packets" || fail "outside ($w): rc $rc, $n packets"
done

# An unreadable file: named, the others still output, exit 1.
printf 'not a capture' >"$T/junk.pcap"
"$R" query -r "$S" -r "$T/junk.pcap" -r "$T/missing.pcap" --after "$A" --before "$B" -w "$T/q.pcap" "$F" 2>"$T/err"; rc=$?
if [ $rc = 1 ] && grep -q "junk.pcap" "$T/err" && grep -q "missing.pcap" "$T/err"; then pass "unreadable files named, exit 1"
else fail "unreadable: rc $rc: $(cat "$T/err")"; fi
same "the other files still output" "$T/q.pcap" "$T/ref.pcap"

# Bad time, bad filter: exit 1, a clear message, no -w file left behind (nor its temporary).
rm -f "$T/bad.pcap"
"$R" query -r "$S" --after yesterday -w "$T/bad.pcap" 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "invalid time 'yesterday'.*--after" "$T/err" && pass "bad time: exit 1, named" || fail "bad time: rc $rc $(cat "$T/err")"
"$R" query -r "$S" -w "$T/bad.pcap" 'host and' 2>"$T/err"; rc=$?
[ $rc = 1 ] && grep -q "syntax error" "$T/err" && pass "bad filter: exit 1, libpcap's message" || fail "bad filter: rc $rc $(cat "$T/err")"
[ -z "$(ls -A "$T" | grep -E '^\.?bad\.pcap')" ] && pass "no -w output left after an error" || fail "left: $(ls -A "$T")"

# Nanosecond pcapng store.
N=$T/nano
python3 "$MAKE_STORE" "$N" --files 2 --file-bytes 800000 --rate 3000 --queues 3 --nano --pcapng --name n.pcapng >/dev/null
REF_FORMAT=nsecpcap reference "$T/refn.pcap" 2026-12-04T09:15:00.5Z 2026-12-04T09:15:01.2Z "$F" "$N"/n.pcapng0 "$N"/n.pcapng1
"$R" query -r "$N" --after 2026-12-04T09:15:00.5Z --before 2026-12-04T09:15:01.2Z -w "$T/qn.pcap" "$F" 2>/dev/null
same "nanosecond pcapng store" "$T/qn.pcap" "$T/refn.pcap"

# The file being written: .NAME.part with a torn last record is read up to its last whole record.
head -c $(( $(stat -c %s "$S/store.pcap3") - 100 )) "$S/store.pcap3" >"$S/.store.pcap4.part"
rm "$S/store.pcap3" "$S/.store.pcap3.ridx"
"$R" query -r "$S" --after 2026-12-04T09:15:30Z -w "$T/q.pcap" 2>/dev/null; rc=$?
head -c $(( $(stat -c %s "$S/.store.pcap4.part") )) "$S/.store.pcap4.part" >"$T/part.pcap"
reference "$T/ref.pcap" 2026-12-04T09:15:30Z 2026-12-05T00:00:00Z "" "$S/store.pcap2" "$T/part.pcap"
[ $rc = 0 ] && same "live .part file up to its last whole record" "$T/q.pcap" "$T/ref.pcap" || fail "live file: rc $rc"

echo "$fails failure(s)"
[ $fails = 0 ]
