#!/usr/bin/env bash
# A private test network for ringdump: two network namespaces joined by a veth pair.
#   scripts/netns.sh up NAME [MTU]   creates NAME-a (NAME-a0, 198.18.0.1/24) and NAME-b (NAME-b0, 198.18.0.2/24)
#   scripts/netns.sh down NAME       removes them
# IPv6 is disabled inside both namespaces before the link exists, so no router solicitations, MLD reports or
# DAD probes appear in a capture. Idempotent: `up` recreates a half-built pair, `down` ignores what is gone.
# Prints nothing on success. NAME: at most 12 characters (interface names are limited to 15).
# Only 198.18.0.0/24 (the benchmarking range, RFC 2544) is used, and only inside these namespaces.
set -euo pipefail

usage() {
  echo "usage: $0 up NAME [MTU] | down NAME" >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
cmd=$1
name=$2
mtu=${3:-1500}
[[ $name =~ ^[A-Za-z0-9_]{1,12}$ ]] || { echo "$0: NAME must be 1-12 characters [A-Za-z0-9_]: '$name'" >&2; exit 2; }
[[ $mtu =~ ^[0-9]+$ ]] || { echo "$0: MTU must be a number: '$mtu'" >&2; exit 2; }

ns_a=$name-a
ns_b=$name-b

down() {
  # Deleting a namespace destroys its end of the veth, which destroys the peer too.
  for ns in "$ns_a" "$ns_b"; do
    if ip netns list | awk '{print $1}' | grep -qx -- "$ns"; then
      ip netns del "$ns"
    fi
  done
}

quiet_ns() {
  local ns=$1
  [[ -d /proc/sys/net/ipv6 ]] || return 0  # a kernel without IPv6: nothing to switch off
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 >/dev/null
}

up() {
  down
  ip netns add "$ns_a"
  ip netns add "$ns_b"
  quiet_ns "$ns_a"
  quiet_ns "$ns_b"
  ip link add "$name-a0" netns "$ns_a" mtu "$mtu" type veth peer name "$name-b0" netns "$ns_b" mtu "$mtu"
  ip -n "$ns_a" addr add 198.18.0.1/24 dev "$name-a0"
  ip -n "$ns_b" addr add 198.18.0.2/24 dev "$name-b0"
  ip -n "$ns_a" link set lo up
  ip -n "$ns_b" link set lo up
  ip -n "$ns_a" link set "$name-a0" up
  ip -n "$ns_b" link set "$name-b0" up
}

case $cmd in
  up)
    trap 'down 2>/dev/null || true' ERR
    up
    trap - ERR
    ;;
  down) down ;;
  *) usage ;;
esac
