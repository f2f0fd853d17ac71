#!/usr/bin/env node
/**
 * `npm run tools:k8s`: the parts of a real Kubernetes control plane the Kubernetes driver's tests
 * run against (test/k8s/control-plane.ts), cached in .cache/tools/bin:
 *   - etcd from Debian's etcd-server package (installed with apt-get when `etcd` is not on PATH);
 *   - kube-apiserver, kube-controller-manager and kube-scheduler, built with Go from the
 *     k8s.io/kubernetes module (its staging modules replaced by their published k8s.io/* versions);
 *   - kwok, which simulates nodes and pod status, since no kubelet can run containers here,
 *     and its stage config (kwok.stages.yaml) from the kwok module's "fast" stages.
 * Does nothing when the pinned versions are already there. Needs Go (GO=/path/to/go, else `go`
 * on PATH, else /usr/local/go/bin/go).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const KUBERNETES_VERSION = "v1.34.0";
export const KWOK_VERSION = "v0.8.0";
/** Each staging module (k8s.io/api, k8s.io/client-go, …) is published as v0.<minor>.<patch>. */
const STAGING_VERSION = KUBERNETES_VERSION.replace(/^v1\./, "v0.");
const COMMANDS = ["kube-apiserver", "kube-controller-manager", "kube-scheduler"];
/** The kwok stages that make a node Ready and a pod Running/Ready at once, finish and delete. */
const KWOK_STAGES = [
  "kustomize/stage/node/fast/node-initialize.yaml",
  "kustomize/stage/pod/fast/pod-ready.yaml",
  "kustomize/stage/pod/fast/pod-complete.yaml",
  "kustomize/stage/pod/fast/pod-delete.yaml",
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, ".cache/tools/bin");
const buildModule = path.join(root, ".cache/tools/k8s-build");
const stamp = path.join(bin, "k8s.version");
const wanted = `kubernetes ${KUBERNETES_VERSION} kwok ${KWOK_VERSION}`;
const log = (line) => console.log(`tools:k8s: ${line}`);

function fail(message) {
  console.error(`tools:k8s: ${message}`);
  process.exit(1);
}

function runs(command, args) {
  const result = spawnSync(command, args, { stdio: "ignore" });
  return !result.error && result.status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) fail(`cannot run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} exited ${result.status}`);
  return result;
}

function installed() {
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8").trim() !== wanted) return false;
  return (
    [...COMMANDS, "kwok"].every((name) => runs(path.join(bin, name), ["--version"])) &&
    fs.existsSync(path.join(bin, "kwok.stages.yaml"))
  );
}

function ensureEtcd() {
  if (runs("etcd", ["--version"])) return;
  if (process.getuid?.() !== 0)
    fail("etcd is missing: install Debian's etcd-server package (apt-get install -y etcd-server)");
  log("installing etcd-server with apt-get");
  if (!runs("apt-get", ["install", "-y", "-qq", "etcd-server"])) {
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "etcd-server"], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  }
  if (!runs("etcd", ["--version"])) fail("apt-get installed etcd-server but `etcd --version` does not run");
}

function goCommand() {
  if (process.env.GO) return process.env.GO;
  return runs("go", ["version"]) ? "go" : "/usr/local/go/bin/go";
}

function moduleInfo(go, module) {
  const result = spawnSync(go, ["mod", "download", "-json", module], { encoding: "utf8" });
  if (result.error) fail(`cannot run ${go}: ${result.error.message} (install Go, or set GO to its path)`);
  if (result.status !== 0) fail(`go mod download ${module} failed:\n${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * k8s.io/kubernetes cannot be required as it is published: its go.mod replaces every staging module
 * with a folder inside the repository. A scratch module takes those replace lines and points each
 * at the published module of the same release instead.
 */
function writeBuildModule(go) {
  const kubernetes = moduleInfo(go, `k8s.io/kubernetes@${KUBERNETES_VERSION}`);
  const kubernetesMod = fs.readFileSync(kubernetes.GoMod, "utf8");
  const staging = [...kubernetesMod.matchAll(/^\s*(k8s\.io\/[\w.-]+) => \.\/staging\/src\//gm)].map((m) => m[1]);
  if (staging.length < 20)
    fail(`expected the staging replaces in k8s.io/kubernetes ${KUBERNETES_VERSION}'s go.mod, found ${staging.length}`);
  const goLine = /^go (\S+)/m.exec(kubernetesMod)?.[1] ?? "1.24.0";
  fs.mkdirSync(buildModule, { recursive: true });
  fs.writeFileSync(
    path.join(buildModule, "go.mod"),
    [
      "module syncdeck.local/k8s-control-plane",
      "",
      `go ${goLine}`,
      "",
      `require k8s.io/kubernetes ${KUBERNETES_VERSION}`,
      "",
      ...COMMANDS.map((command) => `tool k8s.io/kubernetes/cmd/${command}`),
      "",
      "replace (",
      ...staging.map((module) => `\t${module} => ${module} ${STAGING_VERSION}`),
      ")",
      "",
    ].join("\n"),
  );
  log(`wrote ${path.relative(root, buildModule)}/go.mod with ${staging.length} staging replaces; resolving modules`);
  run(go, ["mod", "tidy"], { cwd: buildModule, env: { ...process.env, GOFLAGS: "-mod=mod" } });
}

/** What `kube-apiserver --version` and the discovery's /version say, as the release build sets them. */
function versionFlags() {
  const [major, minor] = KUBERNETES_VERSION.replace(/^v/, "").split(".");
  const vars = { gitVersion: KUBERNETES_VERSION, gitMajor: major, gitMinor: minor, gitTreeState: "clean" };
  const sets = Object.entries(vars).flatMap(([name, value]) => [
    `-X k8s.io/component-base/version.${name}=${value}`,
    `-X k8s.io/client-go/pkg/version.${name}=${value}`,
  ]);
  return ["-trimpath", `-ldflags=-s -w ${sets.join(" ")}`];
}

function buildControlPlane(go) {
  writeBuildModule(go);
  const started = Date.now();
  log(`building ${COMMANDS.join(", ")} ${KUBERNETES_VERSION}; several minutes on two cores`);
  run(
    go,
    ["build", ...versionFlags(), "-o", `${bin}/`, ...COMMANDS.map((command) => `k8s.io/kubernetes/cmd/${command}`)],
    {
      cwd: buildModule,
    },
  );
  log(`built the control plane in ${Math.round((Date.now() - started) / 1000)} s`);
}

function buildKwok(go) {
  const started = Date.now();
  log(`building sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}`);
  run(go, ["install", `sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}`], { env: { ...process.env, GOBIN: bin } });
  const kwok = moduleInfo(go, `sigs.k8s.io/kwok@${KWOK_VERSION}`);
  const stages = KWOK_STAGES.map((file) => `---\n${fs.readFileSync(path.join(kwok.Dir, file), "utf8").trim()}\n`).join(
    "",
  );
  fs.writeFileSync(path.join(bin, "kwok.stages.yaml"), stages);
  log(
    `built kwok and wrote kwok.stages.yaml (${KWOK_STAGES.length} stages) in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

const started = Date.now();
ensureEtcd();
if (installed()) {
  log(`${path.relative(root, bin)} has ${wanted}`);
} else {
  const go = goCommand();
  if (!runs(go, ["version"])) fail(`cannot run ${go} (install Go, or set GO to its path)`);
  fs.mkdirSync(bin, { recursive: true });
  fs.rmSync(stamp, { force: true });
  buildControlPlane(go);
  buildKwok(go);
  for (const name of [...COMMANDS, "kwok"]) {
    if (!runs(path.join(bin, name), ["--version"])) fail(`built ${name} but \`${name} --version\` does not run`);
  }
  fs.writeFileSync(stamp, `${wanted}\n`);
  log(`${wanted} ready in ${path.relative(root, bin)} after ${Math.round((Date.now() - started) / 1000)} s`);
}
