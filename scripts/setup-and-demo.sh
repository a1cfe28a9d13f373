#!/usr/bin/env bash
# The README's first command: installs the dependencies, builds ringdump, and runs a real capture demo in a
# private network namespace pair (scripts/demo.sh), which it removes afterwards. Needs root (or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO scripts/demo.sh "${BUILD_DIR:-build}"
