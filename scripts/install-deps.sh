#!/usr/bin/env bash
# Installs what ringdump builds and tests with, from Debian's packages. Idempotent: does nothing when all
# packages are present. Why each one is there: docs/dependencies.md.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libpcap-dev liburing-dev libhwloc-dev zlib1g-dev libzstd-dev liblz4-dev zstd lz4
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  tcpdump tshark wireshark-common netsniff-ng tcpreplay iproute2 procps iputils-ping gzip util-linux
  nftables python3 curl chromium clang libclang-rt-14-dev
  prometheus yamllint
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# npm packages for the Kubernetes manifest check (tests/deploy/kubernetes_check.sh): the API schemas.
NPM_PACKAGES=(kubernetes-models@5.1.0 yaml@2.9.1)

npm_deps() {
  command -v npm >/dev/null || return 0
  local root
  root=$(npm root -g)
  [ -f "$root/kubernetes-models/apps/v1/DaemonSet.js" ] && [ -f "$root/yaml/dist/index.js" ] && return 0
  echo "install-deps: npm install -g ${NPM_PACKAGES[*]}" >&2
  $SUDO npm install -g --no-audit --no-fund "${NPM_PACKAGES[@]}" >&2
}

# Debian's prometheus package starts a server on :9090 where an init system runs it; the tests start their
# own inside a network namespace and need none.
stop_prometheus_service() {
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now prometheus.service >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/prometheus ]; then
    $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1 || true
  fi
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  npm_deps
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
stop_prometheus_service
npm_deps
