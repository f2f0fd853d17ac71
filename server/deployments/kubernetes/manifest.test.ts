import { describe, expect, it } from "vitest";
import { ANNOTATION, buildDeployment, LABEL, templateStateOf, type KubernetesSettings } from "./manifest";

const settings: KubernetesSettings = {
  namespace: "syncdeck-prod",
  image: "registry.example.com/syncdeck",
  secretName: "syncdeck-secrets",
  configMapName: "syncdeck-config",
  cpuRequest: "100m",
  memoryRequest: "256Mi",
  memoryLimit: "512Mi",
  progressDeadlineSeconds: 300,
};
const target = { tenant: "acme", stage: "cdc-processor" };
const spec = { revision: 3, version: "1.4.2", config: { CONSUMER_CONCURRENCY: "4" }, replicas: 2 };
const build = (over: Partial<Parameters<typeof buildDeployment>[0]> = {}) =>
  buildDeployment({
    environmentId: "prod",
    target,
    spec,
    settings,
    secretKeys: ["DATABASE_URL", "KAFKA_SASL_PASSWORD"],
    live: null,
    restartAt: null,
    ...over,
  });

describe("buildDeployment", () => {
  it("names, labels and runs the target's processor from the revision's image", () => {
    const d = build();
    expect(d.metadata).toMatchObject({ name: "acme-cdc-processor", namespace: "syncdeck-prod" });
    expect(d.metadata.labels).toMatchObject({
      [LABEL.name]: "syncdeck-processor",
      [LABEL.instance]: "acme-cdc-processor",
      [LABEL.component]: "cdc-processor",
      [LABEL.managedBy]: "syncdeck",
      [LABEL.tenant]: "acme",
      [LABEL.stage]: "cdc-processor",
      [LABEL.revision]: "3",
    });
    const c = d.spec.template.spec.containers[0]!;
    expect(c.image).toBe("registry.example.com/syncdeck:1.4.2");
    expect(c.args).toEqual(["processor", "cdc-processor", "--tenant", "acme", "--instance-id", "$(POD_NAME)"]);
    expect(d.spec.replicas).toBe(2);
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "metrics" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/healthz", port: "metrics" });
    expect(c.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } });
    expect(c.envFrom).toEqual([{ configMapRef: { name: "syncdeck-config", optional: true } }]);
    // the selector never names the revision: it must stay the same for the Deployment's life
    expect(Object.keys(d.spec.selector.matchLabels)).not.toContain(LABEL.revision);
  });

  it("runs a pool's processor for the tenants placed in it, rolling its pods when they change, none when empty", () => {
    const pool = { tenant: "pool-small", stage: "update-processor" };
    const d = build({ target: pool, spec: { ...spec, tenants: ["acme", "globex"] } });
    expect(d.metadata.name).toBe("pool-small-update-processor");
    expect(d.spec.template.spec.containers[0]!.args).toEqual([
      "processor",
      "update-processor",
      "--pool",
      "pool-small",
      "--tenants",
      "acme,globex",
      "--refresh-members",
      "--instance-id",
      "$(POD_NAME)",
    ]);
    expect(d.spec.replicas).toBe(2);
    const live = templateStateOf(d)!;
    const joined = build({
      target: pool,
      spec: { ...spec, revision: 4, tenants: ["acme", "globex", "initech"] },
      live,
    });
    expect(joined.spec.template.metadata.annotations[ANNOTATION.templateHash]).not.toBe(live.hash);
    expect(build({ target: pool, spec: { ...spec, tenants: [] } }).spec.replicas).toBe(0);
  });

  it("gives settings as values and secrets only as references to the Secret", () => {
    const d = build({
      spec: { ...spec, config: { CONSUMER_CONCURRENCY: "4", DATABASE_URL: "postgresql://u:hunter2@db/x" } },
    });
    const env = d.spec.template.spec.containers[0]!.env;
    expect(env.find((e) => e.name === "CONSUMER_CONCURRENCY")).toEqual({ name: "CONSUMER_CONCURRENCY", value: "4" });
    expect(env.find((e) => e.name === "DATABASE_URL")).toEqual({
      name: "DATABASE_URL",
      valueFrom: { secretKeyRef: { name: "syncdeck-secrets", key: "DATABASE_URL", optional: true } },
    });
    expect(JSON.stringify(d)).not.toContain("hunter2");
  });

  it("keeps the pod template for a scale or stop, and changes it for a new version or a restart", () => {
    const first = build();
    const live = templateStateOf(first)!;
    const scaled = build({ spec: { ...spec, revision: 4, replicas: 5 }, live });
    expect(scaled.spec.template).toEqual(first.spec.template);
    expect(scaled.metadata.labels[LABEL.revision]).toBe("4");
    const upgraded = build({ spec: { ...spec, revision: 5, version: "1.5.0" }, live });
    expect(upgraded.spec.template.metadata.labels[LABEL.revision]).toBe("5");
    expect(upgraded.spec.template.metadata.annotations[ANNOTATION.templateHash]).not.toBe(live.hash);
    const restarted = build({ spec: { ...spec, revision: 6 }, live, restartAt: new Date("2026-12-04T10:00:00Z") });
    expect(restarted.spec.template.metadata.annotations[ANNOTATION.restartedAt]).toBe("2026-12-04T10:00:00.000Z");
    expect(restarted.spec.template.metadata.labels[LABEL.revision]).toBe("6");
    // the restart annotation stays on later applies, so they do not roll the pods again
    const after = build({ spec: { ...spec, revision: 7, replicas: 3 }, live: templateStateOf(restarted) });
    expect(after.spec.template).toEqual(restarted.spec.template);
  });
});
