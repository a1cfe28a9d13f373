#!/usr/bin/env bash
# Installs what ringdump builds and tests with, from Debian's packages. Idempotent: does nothing when all
# packages are present. Why each one is there: docs/dependencies.md.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libpcap-dev liburing-dev libhwloc-dev zlib1g-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  tcpdump tshark wireshark-common netsniff-ng tcpreplay iproute2 procps iputils-ping gzip util-linux
  nftables python3 curl chromium clang libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
