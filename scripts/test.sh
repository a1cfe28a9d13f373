#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every ctest test (unit, namespace tests as
# root, printer conformance, tcpdump's regression cases, 20 s of each fuzzer, the whole suite again under
# ASan+UBSan).
# Exits non-zero when any test fails. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DRINGDUMP_BUILD_TESTS=ON -DRINGDUMP_BUILD_BENCH=ON
# Every libFuzzer harness for 20 s (clang build in build-fuzz): a crash fails the suite.
scripts/fuzz.sh 20
# The whole suite (unit, namespace tests as root, printer conformance) built with AddressSanitizer +
# UndefinedBehaviorSanitizer (build-asan).
scripts/test-sanitizers.sh
# Everything, in the ordinary build: its closing line is the suite's.
(cd "${BUILD_DIR:-build}" && ctest --output-on-failure -j 1 --timeout 300)
