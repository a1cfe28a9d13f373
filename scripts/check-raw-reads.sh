#!/usr/bin/env bash
# Every packet byte a dissector reads goes through Nd's checked accessors (nd.U8, nd.Be16, nd.Get, ...),
# as tcpdump's GET_ macros: this fails on a raw index or dereference of a packet pointer (bp[4], *cp++)
# in engine/print outside the core that defines the accessors or works on bytes already checked
# (dissect.hpp, ascii.cpp's dumps, in_cksum.cpp's sums, names.cpp's address formatting).
# usage: scripts/check-raw-reads.sh [engine/print directory]     (ctest: print_raw_reads)
set -u
shopt -s nullglob
DIR=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/engine/print}
PTR='(bp|cp|p|dp|sp|np|tp|ip|iph|ip6|oip|vend|data|hdr|opt|pptr|addr)'
core='/(dissect\.hpp|ascii\.cpp|in_cksum\.cpp|names\.cpp)$'
status=0
for f in "$DIR"/*.cpp "$DIR"/*.hpp; do
  [[ $f =~ $core ]] && continue
  # Index: NAME[...] not preceded by an identifier character, '.' or '>' (a member or a declaration).
  # Dereference: *NAME after an operator or a bracket (not a multiplication, not a pointer declaration).
  hits=$(grep -nE "(^|[^A-Za-z0-9_.>])$PTR\[|(^|[ (=!,])\*$PTR([^A-Za-z0-9_]|$)" "$f" | grep -vE '^[0-9]+:\s*//')
  if [ -n "$hits" ]; then
    status=1
    while IFS= read -r h; do echo "raw packet read: $(basename "$f"):$h"; done <<<"$hits"
  fi
done
[ $status -eq 0 ] && echo "check-raw-reads: no raw packet reads outside the core"
exit $status
