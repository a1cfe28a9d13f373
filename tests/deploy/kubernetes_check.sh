#!/usr/bin/env bash
# The Kubernetes manifests (deploy/kubernetes) are well-formed YAML (yamllint), valid objects of their kinds
# (the Kubernetes API schemas of the npm package kubernetes-models) and keep the DaemonSet's promises
# (validate.mjs). Then the checker itself is checked: three broken copies of the DaemonSet must be refused.
# No cluster is involved. Skips (77) without yamllint, node or kubernetes-models (scripts/install-deps.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dir=$here/deploy/kubernetes

command -v yamllint >/dev/null || { echo "SKIP: yamllint not installed (apt-get install yamllint)"; exit 77; }
command -v node >/dev/null || { echo "SKIP: node not installed"; exit 77; }
models=${RINGDUMP_K8S_MODELS:-$(npm root -g 2>/dev/null || true)}
if [ ! -f "$models/kubernetes-models/apps/v1/DaemonSet.js" ] || [ ! -f "$models/yaml/dist/index.js" ]; then
  echo "SKIP: npm packages kubernetes-models and yaml not found in '$models' (scripts/install-deps.sh)"
  exit 77
fi

yamllint -s -c "$dir/.yamllint" "$dir"
node "$dir/validate.mjs" "$models" "$dir"/*.yaml

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
refused() {  # NAME SED-EXPRESSION: the DaemonSet edited so must fail the check
  sed -e "$2" "$dir/daemonset.yaml" >"$tmp/daemonset.yaml"
  cmp -s "$dir/daemonset.yaml" "$tmp/daemonset.yaml" && { echo "FAIL: mutation '$1' changed nothing"; exit 1; }
  if node "$dir/validate.mjs" "$models" "$dir/configmap.yaml" "$tmp/daemonset.yaml" >"$tmp/out" 2>&1; then
    echo "FAIL: the checker accepted a DaemonSet with $1"; exit 1
  fi
  echo "refused ($1): $(head -1 "$tmp/out")"
}
refused "an extra capability" 's/add: \["NET_RAW", "NET_ADMIN"\]/add: ["NET_RAW", "NET_ADMIN", "SYS_ADMIN"]/'
refused "a port that is not a number" 's/containerPort: 9100/containerPort: nine/'
refused "a writable root filesystem" 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/'
refused "an option missing from the ConfigMap" 's/\$RINGDUMP_MAX_AGE/$RINGDUMP_MAX_AGES/'
echo "ok: manifests valid, checker refuses the broken copies"
