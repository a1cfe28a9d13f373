#!/usr/bin/env bash
# The alert rules of deploy/prometheus: promtool's syntax check, then its unit tests (each alert fires on the
# series that should fire it, and only there). Skips (77) without promtool (Debian's prometheus package).
set -euo pipefail
dir=$(cd "$(dirname "$0")/../../deploy/prometheus" && pwd)
command -v promtool >/dev/null || { echo "SKIP: promtool not installed (apt-get install prometheus)"; exit 77; }
cd "$dir"
promtool check rules ringdump-rules.yml
promtool test rules ringdump-rules-test.yml ringdump-rules-retention-test.yml
