#!/usr/bin/env bash
# The printer's conformance check: tcpdump's own regression cases (../shared/tcpdump-tests, tiers 1 and 2)
# run against ringdump; every case must pass byte for byte. Exits 77 (skipped) when the suite is not there.
#   scripts/conformance.sh [RINGDUMP_BINARY]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/tools/ringdump/ringdump}
suite=${TCPDUMP_TESTS:-$here/../shared/tcpdump-tests}
if [ ! -x "$suite/run.sh" ]; then
  echo "conformance: $suite/run.sh not found: skipped" >&2
  exit 77
fi
last=$("$suite/run.sh" "$bin" 2 | tail -n 1)
echo "$last"
# "tier1: P/N passed; tier2: P/N; tier3: P/N"
echo "$last" | awk '{
  n = split($0, parts, ";"); ok = 1; seen = 0
  for (i = 1; i <= n; i++) if (match(parts[i], /([0-9]+)\/([0-9]+)/)) {
    split(substr(parts[i], RSTART, RLENGTH), pn, "/"); if (pn[1] != pn[2]) ok = 0; seen += pn[2]
  }
  exit (ok && seen > 0) ? 0 : 1 }'
