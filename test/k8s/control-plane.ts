/**
 * A real Kubernetes control plane for the Kubernetes driver's integration tests: etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler as built by `npm run tools:k8s`, on
 * free loopback ports in a scratch folder. No kubelet can run containers on these machines, so
 * kwok plays the one node and reports pod status as a kubelet would (its "fast" stages: a
 * scheduled pod is Running and Ready at once; plus pod-crash-loop.stage.yaml here). Everything
 * else — the API, admission, RBAC, the Deployment and ReplicaSet controllers, the scheduler — is
 * the real thing.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { freePorts } from "../../scripts/stack/net";
import { spawnManaged, sleep, tailLines, type ManagedProcess } from "../../scripts/stack/process";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, ".cache/tools/bin");
export const NODE_NAME = "kwok-node-0";
/** A pod whose first container runs this image crash-loops (pod-crash-loop.stage.yaml). */
export const CRASH_LOOP_IMAGE = "registry.invalid/syncdeck:crash-loop";
const ADMIN_TOKEN = crypto.randomBytes(24).toString("hex");

export type ControlPlane = {
  /** https://127.0.0.1:<port> */
  server: string;
  /** a kubeconfig file whose user is a cluster admin (system:masters) */
  kubeconfig: string;
  adminToken: string;
  /** the API server's self-signed certificate bundle, to trust in clients */
  caFile: string;
  dir: string;
  /** a kubeconfig file for another bearer token (e.g. a ServiceAccount's) */
  kubeconfigFor(token: string, name: string): string;
  stop(): Promise<void>;
};

const MISSING =
  "the Kubernetes control plane for these tests is not built: run `npm run tools:k8s` (builds kube-apiserver, kube-controller-manager, kube-scheduler and kwok into .cache/tools/bin and installs etcd-server)";

function findEtcd(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "etcd");
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`etcd is not on PATH; ${MISSING}`);
}

function tool(name: string): string {
  const file = path.join(BIN, name);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing; ${MISSING}`);
  return file;
}

function kubeconfigText(server: string, caFile: string, token: string, user: string): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "test", cluster: { server, "certificate-authority": caFile } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: user, context: { cluster: "test", user } }],
    "current-context": user,
  });
}

async function api(
  server: string,
  token: string,
  method: string,
  pathName: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  // The API server's certificate is self-signed; this harness talks to it only on loopback.
  const agent = new https.Agent({ rejectUnauthorized: false });
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${server}${pathName}`,
      { method, agent, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => {
          let json: unknown = text;
          try {
            json = JSON.parse(text);
          } catch {
            // a plain-text answer (e.g. /readyz) stays text
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
      },
    );
    request.on("error", reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  logs: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} within ${timeoutMs / 1000} s\n${logs()}`);
}

export async function startControlPlane(): Promise<ControlPlane> {
  const etcd = findEtcd();
  const apiserverBin = tool("kube-apiserver");
  const controllerManagerBin = tool("kube-controller-manager");
  const schedulerBin = tool("kube-scheduler");
  const kwokBin = tool("kwok");
  const stagesFile = tool("kwok.stages.yaml");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-k8s-"));
  const [etcdClient, etcdPeer, apiPort, cmPort, schedPort, kwokPort] = await freePorts(6);
  const processes: Array<{ name: string; process: ManagedProcess; log: string }> = [];
  const logs = () => processes.map((p) => `--- ${p.name} (${p.log}):\n${tailLines(p.log, 15).join("\n")}`).join("\n");
  const start = (name: string, command: string, args: string[]) => {
    const log = path.join(dir, `${name}.log`);
    const env = { ...process.env, HOME: dir };
    processes.push({ name, process: spawnManaged(command, args, { outputFile: log, cwd: dir, env }), log });
  };
  const stop = async () => {
    for (const p of [...processes].reverse()) await p.process.stop(10_000);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    start("etcd", etcd, [
      "--name=default",
      `--data-dir=${path.join(dir, "etcd")}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      "--log-level=warn",
    ]);

    const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const saKey = path.join(dir, "sa.key");
    const saPub = path.join(dir, "sa.pub");
    fs.writeFileSync(saKey, privateKey.export({ type: "pkcs1", format: "pem" }));
    fs.writeFileSync(saPub, publicKey.export({ type: "spki", format: "pem" }));
    const tokens = path.join(dir, "tokens.csv");
    fs.writeFileSync(tokens, `${ADMIN_TOKEN},admin,admin-uid,"system:masters"\n`);
    const certDir = path.join(dir, "pki");

    // WatchList=false: Debian's etcd 3.4.23 lacks the watch progress requests streaming lists need;
    // with the gate on, kwok's client had its watches ended every few seconds and lagged ~10 s per
    // pod change; off, clients fall back to list + watch at once.
    start("kube-apiserver", apiserverBin, [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      `--token-auth-file=${tokens}`,
      "--authorization-mode=RBAC",
      "--service-account-issuer=https://kubernetes.default.svc",
      `--service-account-key-file=${saPub}`,
      `--service-account-signing-key-file=${saKey}`,
      `--cert-dir=${certDir}`,
      `--secure-port=${apiPort}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      "--service-cluster-ip-range=10.96.0.0/16",
      "--enable-priority-and-fairness=false",
      "--feature-gates=WatchList=false",
      "--v=1",
    ]);
    const server = `https://127.0.0.1:${apiPort}`;
    await waitFor(
      "kube-apiserver was not ready",
      async () => (await api(server, ADMIN_TOKEN, "GET", "/readyz")).status === 200,
      90_000,
      logs,
    );

    const caFile = path.join(certDir, "apiserver.crt");
    const kubeconfig = path.join(dir, "admin.kubeconfig");
    fs.writeFileSync(kubeconfig, kubeconfigText(server, caFile, ADMIN_TOKEN, "admin"));
    const withKubeconfig = [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      "--leader-elect=false",
      "--bind-address=127.0.0.1",
    ];

    // The default client rate (20 requests/s) would take minutes to create a few hundred ReplicaSets and pods.
    start("kube-controller-manager", controllerManagerBin, [
      ...withKubeconfig,
      "--kube-api-qps=300",
      "--kube-api-burst=600",
      `--secure-port=${cmPort}`,
      `--service-account-private-key-file=${saKey}`,
      "--use-service-account-credentials=false",
      "--v=1",
    ]);
    start("kube-scheduler", schedulerBin, [
      ...withKubeconfig,
      "--kube-api-qps=300",
      "--kube-api-burst=600",
      `--secure-port=${schedPort}`,
      "--v=1",
    ]);

    const stages = path.join(dir, "kwok.stages.yaml");
    const crashLoop = fs
      .readFileSync(path.join(__dirname, "pod-crash-loop.stage.yaml"), "utf8")
      .replace("CRASH_LOOP_IMAGE", CRASH_LOOP_IMAGE);
    fs.writeFileSync(stages, `${fs.readFileSync(stagesFile, "utf8")}---\n${crashLoop}`);
    start("kwok", kwokBin, [
      `--kubeconfig=${kubeconfig}`,
      `--config=${stages}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      `--server-address=127.0.0.1:${kwokPort}`,
    ]);

    const node = await api(server, ADMIN_TOKEN, "POST", "/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: NODE_NAME,
        annotations: { "kwok.x-k8s.io/node": "fake" },
        labels: { "kubernetes.io/hostname": NODE_NAME, type: "kwok" },
      },
      status: {
        allocatable: { cpu: "64", memory: "256Gi", pods: "1000" },
        capacity: { cpu: "64", memory: "256Gi", pods: "1000" },
      },
    });
    if (node.status !== 201)
      throw new Error(`creating the kwok node answered ${node.status}: ${JSON.stringify(node.json)}`);
    await waitFor(
      "the kwok node was not Ready",
      async () => {
        const read = (await api(server, ADMIN_TOKEN, "GET", `/api/v1/nodes/${NODE_NAME}`)).json as {
          status?: { conditions?: Array<{ type: string; status: string }> };
        };
        return read.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      },
      60_000,
      logs,
    );
    // Pods need their namespace's default ServiceAccount, which the controller-manager creates.
    await waitFor(
      "the default ServiceAccount did not appear",
      async () =>
        (await api(server, ADMIN_TOKEN, "GET", "/api/v1/namespaces/default/serviceaccounts/default")).status === 200,
      60_000,
      logs,
    );

    return {
      server,
      kubeconfig,
      adminToken: ADMIN_TOKEN,
      caFile,
      dir,
      kubeconfigFor(token, name) {
        const file = path.join(dir, `${name}.kubeconfig`);
        fs.writeFileSync(file, kubeconfigText(server, caFile, token, name));
        return file;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}
