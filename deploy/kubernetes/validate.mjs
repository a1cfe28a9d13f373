// Checks the manifests of deploy/kubernetes (tests/deploy/kubernetes_check.sh runs it):
//  1. every document against the Kubernetes API schema of its kind, with the npm package kubernetes-models
//     (validators generated from the Kubernetes OpenAPI definitions: types, enums, required fields; note
//     that unknown fields are NOT rejected by those schemas);
//  2. what this DaemonSet promises (README): host network, only NET_RAW and NET_ADMIN, a read-only root,
//     probes on /healthz and /readyz of the metrics port, scrape annotations naming that port, requests and
//     limits, the store on a hostPath, every $RINGDUMP_* the command uses defined by the ConfigMap.
// Usage: node validate.mjs MODELS_ROOT FILE.yaml...   (MODELS_ROOT: the node_modules holding
// kubernetes-models and yaml, e.g. `npm root -g`). Exit 0 when everything holds, 1 with one line per problem.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [root, ...files] = process.argv.slice(2);
const { parseAllDocuments } = await import(pathToFileURL(join(root, "yaml/dist/index.js")).href);
const problems = [];
const docs = [];
for (const file of files) {
  for (const d of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (d.errors.length) problems.push(`${file}: ${d.errors[0].message}`);
    const obj = d.toJS();
    if (obj) docs.push({ file, obj });
  }
}

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const dir = group ? join(root, "kubernetes-models", group, version) : join(root, "kubernetes-models", version);
  const module = await import(pathToFileURL(join(dir, `${kind}.js`)).href);
  return module[kind];
}

for (const { file, obj } of docs) {
  const where = `${file}: ${obj.kind}/${obj.metadata?.name}`;
  try {
    const Kind = await model(obj.apiVersion, obj.kind);
    new Kind(obj).validate();
  } catch (e) {
    problems.push(`${where}: ${e.message.split("\n")[0]}`);
  }
}

const configKeys = new Set(docs.filter((d) => d.obj.kind === "ConfigMap").flatMap((d) => Object.keys(d.obj.data ?? {})));
for (const { file, obj } of docs.filter((d) => d.obj.kind === "DaemonSet")) {
  const fail = (what) => problems.push(`${file}: DaemonSet/${obj.metadata.name}: ${what}`);
  const pod = obj.spec?.template?.spec ?? {};
  const annotations = obj.spec?.template?.metadata?.annotations ?? {};
  if (pod.hostNetwork !== true) fail("hostNetwork must be true (capture on the node's interfaces)");
  if (annotations["prometheus.io/scrape"] !== "true") fail("no prometheus.io/scrape: \"true\" annotation");
  for (const c of pod.containers ?? []) {
    const sc = c.securityContext ?? {};
    const caps = sc.capabilities ?? {};
    if (JSON.stringify(caps.drop) !== JSON.stringify(["ALL"])) fail(`${c.name}: capabilities.drop must be [ALL]`);
    if (JSON.stringify([...(caps.add ?? [])].sort()) !== JSON.stringify(["NET_ADMIN", "NET_RAW"]))
      fail(`${c.name}: capabilities.add must be exactly NET_RAW and NET_ADMIN, not ${JSON.stringify(caps.add)}`);
    if (sc.readOnlyRootFilesystem !== true) fail(`${c.name}: readOnlyRootFilesystem must be true`);
    if (sc.allowPrivilegeEscalation !== false) fail(`${c.name}: allowPrivilegeEscalation must be false`);
    if (sc.privileged === true) fail(`${c.name}: must not be privileged`);
    const port = (c.ports ?? []).find((p) => p.name === "metrics")?.containerPort;
    if (!port) fail(`${c.name}: no port named metrics`);
    if (String(port) !== annotations["prometheus.io/port"]) fail(`${c.name}: prometheus.io/port is not the metrics port`);
    for (const [probe, path] of [["livenessProbe", "/healthz"], ["readinessProbe", "/readyz"]]) {
      const get = c[probe]?.httpGet;
      if (!get || get.path !== path || get.port !== port) fail(`${c.name}: ${probe} must GET ${path} on port ${port}`);
    }
    for (const kind of ["requests", "limits"])
      for (const r of ["cpu", "memory"])
        if (!c.resources?.[kind]?.[r]) fail(`${c.name}: resources.${kind}.${r} missing`);
    const store = (c.volumeMounts ?? []).find((m) => m.mountPath === "/var/lib/ringdump");
    const volume = (pod.volumes ?? []).find((v) => v.name === store?.name);
    if (!volume?.hostPath && !volume?.persistentVolumeClaim) fail(`${c.name}: /var/lib/ringdump is not on a hostPath or local volume`);
    const script = [...(c.command ?? []), ...(c.args ?? [])].join(" ");
    for (const m of script.matchAll(/\$\{?(RINGDUMP_[A-Z_]+)/g))
      if (!configKeys.has(m[1])) fail(`${c.name}: $${m[1]} is not a key of the ConfigMap`);
    if (!/--metrics-listen/.test(script)) fail(`${c.name}: the command has no --metrics-listen`);
  }
}

for (const p of problems) console.log(p);
if (problems.length) process.exit(1);
console.log(`ok: ${docs.length} documents`);
