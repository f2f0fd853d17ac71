/**
 * The apps/v1 Deployment of one target (tenant × stage) in an environment's namespace, as SyncDeck
 * applies it with server-side apply. Pure: what the driver applies, and what drift is measured
 * against, is exactly this object.
 *
 * The pod template changes only when what runs changes (image, settings, a restart); a scale or a
 * stop keeps it, so Kubernetes scales the same ReplicaSet instead of rolling a new one. The template
 * carries the revision that last changed it (`syncdeck.io/revision`); the Deployment carries the
 * target's current revision.
 */
import crypto from "node:crypto";
import type { TargetKey, TargetSpec } from "../driver";

export const FIELD_MANAGER = "syncdeck";
export const CONTAINER = "processor";
export const METRICS_PORT = 9464;
export const LABEL = {
  name: "app.kubernetes.io/name",
  instance: "app.kubernetes.io/instance",
  component: "app.kubernetes.io/component",
  managedBy: "app.kubernetes.io/managed-by",
  tenant: "syncdeck.io/tenant",
  stage: "syncdeck.io/stage",
  revision: "syncdeck.io/revision",
  environment: "syncdeck.io/environment",
} as const;
export const ANNOTATION = {
  /** hash of what runs (image, env, resources, restart): equal hash, same template */
  templateHash: "syncdeck.io/template-hash",
  restartedAt: "syncdeck.io/restarted-at",
} as const;

export type KubernetesSettings = {
  namespace: string;
  /** image repository; the tag is the revision's version */
  image: string;
  /** a Secret in the namespace holding the processors' secret settings (referenced, never copied) */
  secretName: string | null;
  /** a ConfigMap in the namespace with the shared non-secret settings (KAFKA_BROKERS, …) */
  configMapName: string | null;
  cpuRequest: string;
  memoryRequest: string;
  memoryLimit: string;
  /** seconds without progress before Kubernetes marks a rollout failed (ProgressDeadlineExceeded) */
  progressDeadlineSeconds: number;
};

export type TemplateState = {
  /** the revision that last changed the pod template */
  revision: number;
  /** the restart annotation's value, kept until the next restart */
  restartedAt: string | null;
};

export type DeploymentManifest = {
  apiVersion: "apps/v1";
  kind: "Deployment";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: {
    replicas: number;
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
    selector: { matchLabels: Record<string, string> };
    strategy: { type: "RollingUpdate"; rollingUpdate: { maxUnavailable: number; maxSurge: number } };
    template: {
      metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds: number;
        automountServiceAccountToken: boolean;
        containers: Array<ContainerManifest>;
      };
    };
  };
};

export type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional: boolean }; fieldRef?: { fieldPath: string } };
};

type Probe = {
  httpGet: { path: string; port: string };
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  initialDelaySeconds: number;
};

export type ContainerManifest = {
  name: string;
  image: string;
  args: string[];
  env: EnvVar[];
  envFrom?: Array<{ configMapRef: { name: string; optional: boolean } }>;
  ports: Array<{ name: string; containerPort: number; protocol: "TCP" }>;
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  livenessProbe: Probe;
  readinessProbe: Probe;
};

/** `<tenant>-<stage>`: at most 57 characters (a tenant slug has at most 40), a valid label value too. */
export const deploymentName = (target: TargetKey) => `${target.tenant}-${target.stage}`;

export function selectorLabels(environmentId: string, target: TargetKey): Record<string, string> {
  return {
    [LABEL.managedBy]: FIELD_MANAGER,
    [LABEL.environment]: environmentId,
    [LABEL.tenant]: target.tenant,
    [LABEL.stage]: target.stage,
  };
}

/** The label selector of every object this driver manages in an environment. */
export const environmentSelector = (environmentId: string) =>
  `${LABEL.managedBy}=${FIELD_MANAGER},${LABEL.environment}=${environmentId}`;

/**
 * A tenant's own processor, or a pool's: it starts with the members read when the pool is applied
 * and then keeps them current from the tenants table (`--refresh-members`), so a tenant placed in
 * the pool or moved out needs no new pods; the next apply carries the list the pool has by then.
 */
const served = (target: TargetKey, spec: TargetSpec) =>
  spec.tenants
    ? ["--pool", target.tenant, "--tenants", spec.tenants.join(","), "--refresh-members"]
    : ["--tenant", target.tenant];

/** A pool nobody is placed in runs no pod: it would have no tenant to serve. */
export const replicasOf = (spec: TargetSpec) => (spec.tenants?.length === 0 ? 0 : spec.replicas);

function container(
  settings: KubernetesSettings,
  target: TargetKey,
  spec: TargetSpec,
  secretKeys: readonly string[],
): ContainerManifest {
  const settingsEnv = Object.entries(spec.config)
    .filter(([name]) => !secretKeys.includes(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value }));
  // Secret settings are references to the namespace's Secret: no secret value in the manifest.
  const secretEnv: EnvVar[] = settings.secretName
    ? [...secretKeys]
        .sort()
        .map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: settings.secretName!, key, optional: true } } }))
    : [];
  const probe = (failureThreshold: number, initialDelaySeconds: number): Probe => ({
    httpGet: { path: "/healthz", port: "metrics" },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold,
    initialDelaySeconds,
  });
  return {
    name: CONTAINER,
    image: `${settings.image}:${spec.version}`,
    // The instance id is the pod's name, which the processor's heartbeat then reports.
    args: ["processor", target.stage, ...served(target, spec), "--instance-id", "$(POD_NAME)"],
    env: [
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "PROCESSOR_VERSION", value: spec.version },
      { name: "SYNCDECK_METRICS_HOST", value: "0.0.0.0" },
      { name: "SYNCDECK_METRICS_PORT", value: String(METRICS_PORT) },
      ...settingsEnv,
      ...secretEnv,
    ],
    ...(settings.configMapName
      ? { envFrom: [{ configMapRef: { name: settings.configMapName, optional: true } }] }
      : {}),
    ports: [{ name: "metrics", containerPort: METRICS_PORT, protocol: "TCP" }],
    resources: {
      requests: { cpu: settings.cpuRequest, memory: settings.memoryRequest },
      limits: { memory: settings.memoryLimit },
    },
    livenessProbe: probe(3, 30),
    readinessProbe: probe(1, 5),
  };
}

/** A stable hash of what the pod template runs; equal hashes mean no new ReplicaSet is needed. */
export function templateHash(processor: ContainerManifest, restartedAt: string | null): string {
  return crypto.createHash("sha256").update(JSON.stringify({ processor, restartedAt })).digest("hex").slice(0, 16);
}

/**
 * The Deployment for `spec`. `live` is the template SyncDeck applied before (read from the live
 * Deployment): when what runs is unchanged and no restart is asked, its revision and restart
 * annotation are kept, so the template — and the pods — stay as they are.
 */
export function buildDeployment(input: {
  environmentId: string;
  target: TargetKey;
  spec: TargetSpec;
  settings: KubernetesSettings;
  secretKeys: readonly string[];
  live: (TemplateState & { hash: string }) | null;
  restartAt: Date | null;
}): DeploymentManifest {
  const { environmentId, target, spec, settings } = input;
  const processor = container(settings, target, spec, input.secretKeys);
  const keepRestart = input.restartAt ? input.restartAt.toISOString() : (input.live?.restartedAt ?? null);
  const hash = templateHash(processor, keepRestart);
  const unchanged = !input.restartAt && input.live !== null && input.live.hash === hash;
  const templateRevision = unchanged ? input.live!.revision : spec.revision;
  const name = deploymentName(target);
  const common = {
    [LABEL.name]: "syncdeck-processor",
    [LABEL.instance]: name,
    [LABEL.component]: target.stage,
    ...selectorLabels(environmentId, target),
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: settings.namespace, labels: { ...common, [LABEL.revision]: String(spec.revision) } },
    spec: {
      replicas: replicasOf(spec),
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: settings.progressDeadlineSeconds,
      selector: { matchLabels: selectorLabels(environmentId, target) },
      // one pod replaced at a time, so the consumer group keeps its other members
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: { ...common, [LABEL.revision]: String(templateRevision) },
          annotations: {
            [ANNOTATION.templateHash]: hash,
            ...(keepRestart ? { [ANNOTATION.restartedAt]: keepRestart } : {}),
          },
        },
        spec: {
          // the processor finishes its batch and commits on SIGTERM
          terminationGracePeriodSeconds: 60,
          automountServiceAccountToken: false,
          containers: [processor],
        },
      },
    },
  };
}

/** What SyncDeck applied before, read back from a live Deployment's template. */
export function templateStateOf(
  live:
    | { spec?: { template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } } } }
    | undefined,
): (TemplateState & { hash: string }) | null {
  const meta = live?.spec?.template?.metadata;
  const hash = meta?.annotations?.[ANNOTATION.templateHash];
  const revision = Number(meta?.labels?.[LABEL.revision]);
  if (!hash || !Number.isInteger(revision)) return null;
  return { hash, revision, restartedAt: meta?.annotations?.[ANNOTATION.restartedAt] ?? null };
}
