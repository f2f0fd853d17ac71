/**
 * The Helm chart (deploy/helm/syncdeck) rendered with `helm template` and linted with `helm lint`;
 * the manifests are checked against the product: the containers run real `syncdeck` subcommands
 * with options the command accepts, the probes hit the health routes that exist, every environment
 * variable set is in the configuration catalogue (secret ones only from the Secret), pods run as
 * non-root, the agent's Role stays in its lane, migrations run as a hook, and no secret value is
 * rendered from the defaults.
 * Nothing is applied to a cluster: there is none here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { describeVariable } from "../../server/config/catalogue";
import { envNamesSet, one, parseManifests, podSpecOf, subcommandsOfHelp, type Manifest } from "./manifests";

const root = path.resolve(__dirname, "../..");
const chart = path.join(root, "deploy/helm/syncdeck");
const helm = path.join(root, ".cache/tools/bin/helm");

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function render(...set: string[]): Manifest[] {
  const result = run(helm, [
    "template",
    "syncdeck",
    chart,
    "--namespace",
    "syncdeck",
    ...set.flatMap((s) => ["--set", s]),
  ]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return parseManifests(result.stdout);
}

const workloads = (manifests: Manifest[]) => manifests.filter((m) => podSpecOf(m) !== undefined);
const SECRET_LIKE = /^(DATABASE_URL|SOURCE_DATABASE_SERVER_URL|NEXTAUTH_SECRET|.*_PASSWORD|.*_SECRET|.*_TOKEN)$/;

let defaults: Manifest[];
let full: Manifest[];
let subcommands: Set<string>;

beforeAll(() => {
  // .ci/run builds helm first (npm run tools:helm); this only covers a checkout that skipped it.
  if (!fs.existsSync(helm)) expect(run(process.execPath, ["scripts/tools/fetch-helm.mjs"]).status).toBe(0);
  expect(run(process.execPath, ["scripts/build-cli.mjs"]).status).toBe(0);
  const help = run(process.execPath, ["bin/syncdeck.js", "--help"]);
  expect(help.status).toBe(0);
  subcommands = subcommandsOfHelp(help.stdout);
  defaults = render();
  full = render(
    "ingress.enabled=true",
    "ingress.tls[0].secretName=syncdeck-tls",
    "ingress.tls[0].hosts[0]=syncdeck.example.com",
    "console.podDisruptionBudget.enabled=true",
    "agent.rbac.create=true",
    "console.withWorkers=true",
    "worker.only={lag,dlq}",
    "config.KAFKA_BROKERS=b-1.kafka.example.com:9096",
    "config.KAFKA_SSL=true",
    "config.KAFKA_SASL_MECHANISM=scram-sha-512",
    "config.KAFKA_SASL_USERNAME=syncdeck",
  );
}, 300_000);

describe("deploy/helm/syncdeck", () => {
  it("passes helm lint, with defaults and with every optional part on", () => {
    for (const set of [
      [],
      [
        "ingress.enabled=true",
        "agent.rbac.create=true",
        "secrets.create=true",
        "secrets.values.DATABASE_URL=postgres://x",
      ],
    ]) {
      const result = run(helm, ["lint", "--strict", chart, ...set.flatMap((s) => ["--set", s])]);
      expect(result.stdout + result.stderr).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
      expect(result.status).toBe(0);
    }
  });

  it("renders the console, worker, agent, migrations, config and PodDisruptionBudget; Ingress and Role only when asked", () => {
    const kinds = (ms: Manifest[]) => ms.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    expect(kinds(defaults)).toEqual(
      [
        "ConfigMap/syncdeck-config",
        "Deployment/syncdeck-agent",
        "Deployment/syncdeck-console",
        "Deployment/syncdeck-worker",
        "Job/syncdeck-migrate",
        "PodDisruptionBudget/syncdeck-console",
        "Service/syncdeck-console",
        "ServiceAccount/syncdeck-agent",
      ].sort(),
    );
    expect(kinds(full)).toEqual(
      expect.arrayContaining(["Ingress/syncdeck-console", "Role/syncdeck-agent", "RoleBinding/syncdeck-agent"]),
    );
    expect(full.some((m) => m.kind.startsWith("Cluster"))).toBe(false);
  });

  it("runs real syncdeck subcommands from the image's entrypoint, with options the command accepts", () => {
    for (const manifests of [defaults, full]) {
      for (const workload of workloads(manifests)) {
        for (const container of podSpecOf(workload)!.containers) {
          expect(
            container.command,
            `${workload.metadata.name} must keep the image's ENTRYPOINT (node bin/syncdeck.js)`,
          ).toBeUndefined();
          expect(container.image).toBe("syncdeck:0.1.0");
          const args = container.args!;
          expect(subcommands).toContain(args[0]);
          // --help after the options: the command parses them strictly and exits 2 on an unknown one.
          const parsed = run(process.execPath, ["bin/syncdeck.js", ...args, "--help"]);
          expect(parsed.stderr, `${args.join(" ")}`).toBe("");
          expect(parsed.status).toBe(0);
        }
      }
    }
    const args = (ms: Manifest[], name: string) => podSpecOf(one(ms, "Deployment", name))!.containers[0]!.args;
    expect(args(defaults, "-console")).toEqual(["console", "--port", "3000", "--host", "0.0.0.0"]);
    expect(args(full, "-console")).toEqual(["console", "--port", "3000", "--host", "0.0.0.0", "--with-workers"]);
    expect(args(defaults, "-worker")).toEqual(["worker", "--metrics-port", "9464"]);
    expect(args(full, "-worker")).toEqual(["worker", "--only", "lag,dlq", "--metrics-port", "9464"]);
    expect(args(defaults, "-agent")).toEqual([
      "agent",
      "--environment",
      "production",
      "--log-dir",
      "/tmp/processor-logs",
      "--metrics-port",
      "9465",
    ]);
    expect(podSpecOf(one(defaults, "Job", "-migrate"))!.containers[0]!.args).toEqual(["migrate"]);
  });

  it("probes the console on /api/healthz and /api/readyz, routes that exist, on the port it listens on", () => {
    const console_ = podSpecOf(one(defaults, "Deployment", "-console"))!.containers[0]! as Record<string, unknown>;
    const probe = (name: string) => (console_[name] as { httpGet: { path: string; port: string } }).httpGet;
    expect(probe("livenessProbe").path).toBe("/api/healthz");
    expect(probe("readinessProbe").path).toBe("/api/readyz");
    for (const route of ["healthz", "readyz"])
      expect(fs.readFileSync(path.join(root, "app/api", route, "route.ts"), "utf8")).toMatch(
        /export (async )?function GET|export const GET/,
      );
    const ports = console_["ports"] as { name: string; containerPort: number }[];
    expect(ports).toEqual([{ name: "http", containerPort: 3000, protocol: "TCP" }]);
    expect(probe("livenessProbe").port).toBe("http");
    const service = one(defaults, "Service", "-console").spec as {
      ports: { targetPort: string }[];
      selector: Record<string, string>;
    };
    expect(service.ports[0]!.targetPort).toBe("http");
    const podLabels = (
      one(defaults, "Deployment", "-console").spec as { template: { metadata: { labels: Record<string, string> } } }
    ).template.metadata.labels;
    expect(podLabels).toMatchObject(service.selector);
    const ingress = one(full, "Ingress", "-console").spec as {
      rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[];
    };
    expect(ingress.rules[0]!.http.paths[0]!.backend.service).toEqual({
      name: "syncdeck-console",
      port: { name: "http" },
    });
    const pdb = one(defaults, "PodDisruptionBudget", "-console").spec as {
      selector: { matchLabels: Record<string, string> };
    };
    expect(podLabels).toMatchObject(pdb.selector.matchLabels);
  });

  it("sets only environment variables the configuration catalogue knows, secret ones only from the Secret", () => {
    const configKeys = Object.keys(
      (parse(fs.readFileSync(path.join(chart, "values.yaml"), "utf8")) as { config: Record<string, unknown> }).config,
    );
    // Every config.* value filled in, so the ConfigMap holds each key the chart offers.
    const everyConfig = render(...configKeys.map((key) => `config.${key}=x`));
    const set = new Set([
      ...envNamesSet(defaults),
      ...envNamesSet(full),
      ...envNamesSet(everyConfig),
      ...envNamesSet(render("secrets.create=true", "secrets.values.DATABASE_URL=postgres://x")),
      ...configKeys,
    ]);
    expect([...set].filter((name) => describeVariable(name) === undefined)).toEqual([]);
    expect(set).toContain("DATABASE_URL");
    expect(set).toContain("NEXTAUTH_SECRET");
    const configMap = one(everyConfig, "ConfigMap", "-config").data as Record<string, string>;
    expect(Object.keys(configMap).sort()).toEqual(configKeys.sort());
    expect(Object.keys(configMap).filter((name) => describeVariable(name)!.spec.secret)).toEqual([]);
    for (const workload of workloads(everyConfig)) {
      for (const c of podSpecOf(workload)!.containers) {
        for (const e of (c.env as { name: string; valueFrom?: { secretKeyRef?: { key: string } } }[]) ?? []) {
          if (e.valueFrom?.secretKeyRef)
            expect(describeVariable(e.name)?.spec.secret, `${workload.metadata.name}: ${e.name}`).toBe(true);
        }
      }
    }
    const config = one(full, "ConfigMap", "-config").data as Record<string, string>;
    expect(config).toMatchObject({
      KAFKA_BROKERS: "b-1.kafka.example.com:9096",
      KAFKA_SSL: "true",
      NEXTAUTH_URL: "https://syncdeck.example.com",
    });
  });

  it("renders no secret value from the defaults: secrets come from a Secret by reference", () => {
    expect(defaults.filter((m) => m.kind === "Secret")).toEqual([]);
    for (const manifests of [defaults, full]) {
      for (const m of manifests) {
        if (m.kind === "ConfigMap")
          expect(Object.keys(m.data as object).filter((k) => SECRET_LIKE.test(k))).toEqual([]);
        for (const c of podSpecOf(m)?.containers ?? []) {
          for (const e of (c.env as {
            name: string;
            value?: string;
            valueFrom?: { secretKeyRef?: { name: string } };
          }[]) ?? []) {
            if (SECRET_LIKE.test(e.name)) {
              expect(e.value, `${m.metadata.name}: ${e.name}`).toBeUndefined();
              expect(e.valueFrom?.secretKeyRef?.name).toBe("syncdeck-secrets");
            }
          }
        }
      }
    }
    const existing = render("secrets.existingSecret=prod-syncdeck");
    expect(existing.filter((m) => m.kind === "Secret")).toEqual([]);
    const refs = JSON.stringify(existing).match(/"secretKeyRef":\{"name":"[^"]+"/g)!;
    expect(new Set(refs)).toEqual(new Set(['"secretKeyRef":{"name":"prod-syncdeck"']));
  });

  it("runs every pod as non-root with a read-only root filesystem, resources and no service account token", () => {
    for (const manifests of [defaults, full]) {
      for (const workload of workloads(manifests)) {
        const pod = podSpecOf(workload)!;
        expect(pod.securityContext).toMatchObject({
          runAsNonRoot: true,
          runAsUser: 1000,
          seccompProfile: { type: "RuntimeDefault" },
        });
        const isAgentWithRole = workload.metadata.name.endsWith("-agent") && manifests === full;
        expect(pod.automountServiceAccountToken, workload.metadata.name).toBe(isAgentWithRole ? true : false);
        for (const c of pod.containers) {
          expect(c.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
          });
          expect(c.resources).toMatchObject({
            requests: { cpu: expect.any(String), memory: expect.any(String) },
            limits: { memory: expect.any(String) },
          });
          expect((c.volumeMounts as { mountPath: string }[]).map((v) => v.mountPath)).toContain("/tmp");
        }
      }
    }
  });

  it("annotates the worker and agent pods for Prometheus, at the port the command serves its metrics on", () => {
    for (const [name, port] of [
      ["-worker", "9464"],
      ["-agent", "9465"],
    ] as const) {
      const deployment = one(defaults, "Deployment", name).spec as {
        template: { metadata: { annotations: Record<string, string> } };
      };
      expect(deployment.template.metadata.annotations).toMatchObject({
        "prometheus.io/scrape": "true",
        "prometheus.io/port": port,
        "prometheus.io/path": "/metrics",
      });
      const container = podSpecOf(one(defaults, "Deployment", name))!.containers[0]! as unknown as {
        args: string[];
        ports: { name: string; containerPort: number }[];
      };
      expect(container.args.slice(-2)).toEqual(["--metrics-port", port]);
      expect(container.ports).toEqual([{ name: "metrics", containerPort: Number(port), protocol: "TCP" }]);
    }
    const off = render("metrics.enabled=false");
    for (const name of ["-worker", "-agent"]) {
      const deployment = one(off, "Deployment", name).spec as {
        template: { metadata: { annotations: Record<string, string> } };
      };
      expect(deployment.template.metadata.annotations["prometheus.io/scrape"]).toBeUndefined();
      expect(podSpecOf(one(off, "Deployment", name))!.containers[0]!.args!.slice(-2)).toEqual(["--metrics-port", "0"]);
    }
  });

  it("limits the agent's Role to deployments, replicasets, pods and pods/log in its namespace, bound to its ServiceAccount", () => {
    const role = one(full, "Role", "-agent") as Manifest & {
      rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    };
    const allowed = new Set(["deployments", "replicasets", "pods", "pods/log"]);
    for (const rule of role.rules) {
      expect(rule.resources.every((r) => allowed.has(r))).toBe(true);
      expect(rule.apiGroups.every((g) => g === "" || g === "apps")).toBe(true);
      expect(rule.verbs.every((v) => ["get", "list", "watch", "create", "update", "patch", "delete"].includes(v))).toBe(
        true,
      );
    }
    expect(new Set(role.rules.flatMap((r) => r.resources))).toEqual(allowed);
    const binding = one(full, "RoleBinding", "-agent") as Manifest & {
      roleRef: { kind: string; name: string };
      subjects: { kind: string; name: string; namespace: string }[];
    };
    expect(binding.roleRef).toMatchObject({ kind: "Role", name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "syncdeck-agent", namespace: "syncdeck" }]);
    const agent = one(full, "Deployment", "-agent");
    expect(podSpecOf(agent)!.serviceAccountName).toBe("syncdeck-agent");
    expect((agent.spec as { replicas: number; strategy: { type: string } }).replicas).toBe(1);
    expect((agent.spec as { strategy: { type: string } }).strategy.type).toBe("Recreate");
  });

  it("runs migrations as a pre-install and pre-upgrade hook, after a chart-made Secret", () => {
    const job = one(defaults, "Job", "-migrate");
    expect(job.metadata.annotations!["helm.sh/hook"]!.split(",").sort()).toEqual(["pre-install", "pre-upgrade"]);
    expect(podSpecOf(job)!.restartPolicy).toBe("Never");
    const withSecret = render(
      "secrets.create=true",
      "secrets.values.DATABASE_URL=postgres://x",
      "secrets.values.NEXTAUTH_SECRET=y",
    );
    const secret = one(withSecret, "Secret", "-secrets");
    expect(secret.stringData).toEqual({ DATABASE_URL: "postgres://x", NEXTAUTH_SECRET: "y" });
    expect(Number(secret.metadata.annotations!["helm.sh/hook-weight"])).toBeLessThan(
      Number(job.metadata.annotations!["helm.sh/hook-weight"]),
    );
    expect(secret.metadata.annotations!["helm.sh/hook"]).toBe("pre-install,pre-upgrade");
  });
});
