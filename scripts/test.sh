#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every ctest test (unit, namespace tests as
# root, printer conformance). Exits non-zero when any test fails. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j 1 --timeout 300
