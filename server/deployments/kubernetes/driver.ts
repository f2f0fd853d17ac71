/**
 * The `kubernetes` environment driver (server/deployments/driver.ts): one apps/v1 Deployment per
 * target in the environment's namespace, applied with server-side apply (field manager
 * `syncdeck`). Two watches (informers) on the namespace — Deployments and pods with SyncDeck's
 * labels — keep what `observe`, `status` and `drift` read current without polling the API.
 *
 *   create, scale, stop (0 replicas), roll back (the older revision's version and settings)
 *                → apply the Deployment built for the spec (manifest.ts)
 *   restart      → the same, with a new restartedAt annotation on the pod template
 *   observe      → one instance per pod: phase, restart count, last termination in words
 *   status/drift → status.ts and drift.ts on the watched Deployment and pods
 *   logs         → the pod log API with tailLines
 */
import * as k8s from "@kubernetes/client-node";
import type { DriftField, EnvironmentDriver, InstanceLog, InstanceReport, TargetKey, TargetSpec } from "../driver";
import { deploymentDrift } from "./drift";
import {
  buildDeployment,
  CONTAINER,
  deploymentName,
  environmentSelector,
  FIELD_MANAGER,
  LABEL,
  templateStateOf,
  type DeploymentManifest,
  type KubernetesSettings,
} from "./manifest";
import { instanceOfPod } from "./pods";
import { deploymentStatus, type KubernetesStatus } from "./status";

export type KubernetesDriver = Omit<EnvironmentDriver, "status" | "drift" | "logs"> & {
  /** resolves once both watches have listed the namespace */
  ready(): Promise<void>;
  /** null until both watches have listed the namespace (nothing is known yet) */
  status(target: TargetKey): KubernetesStatus | null;
  /**
   * Fields of the live Deployment that differ from what this driver applied (empty: in sync);
   * null until the watches have listed the namespace
   */
  drift(target: TargetKey): DriftField[] | null;
  /** one per pod; instanceId is the pod's name */
  logs(target: TargetKey, options?: { tailLines?: number }): Promise<InstanceLog[]>;
  /** none: pods serve their own /metrics, which Prometheus scrapes in the cluster */
  metricsTargets(): Array<{ instanceId: string; port: number }>;
};

const errorText = (error: unknown) => {
  if (error instanceof k8s.ApiException) {
    const body = typeof error.body === "string" ? error.body : JSON.stringify(error.body);
    const message = /"message":"([^"]*)"/.exec(body)?.[1];
    return `the Kubernetes API answered ${error.code}${message ? `: ${message}` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
};

export function createKubernetesDriver(options: {
  environmentId: string;
  kubeConfig: k8s.KubeConfig;
  settings: KubernetesSettings;
  /** settings a processor reads from the namespace's Secret (referenced, never copied) */
  secretKeys: readonly string[];
  log?: (line: string) => void;
}): KubernetesDriver {
  const { environmentId, kubeConfig, settings } = options;
  const namespace = settings.namespace;
  const log = options.log ?? (() => {});
  const apps = kubeConfig.makeApiClient(k8s.AppsV1Api);
  const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
  const selector = environmentSelector(environmentId);

  const deployments = k8s.makeInformer<k8s.V1Deployment>(
    kubeConfig,
    `/apis/apps/v1/namespaces/${namespace}/deployments`,
    () => apps.listNamespacedDeployment({ namespace, labelSelector: selector }),
    selector,
  );
  const pods = k8s.makeInformer<k8s.V1Pod>(
    kubeConfig,
    `/api/v1/namespaces/${namespace}/pods`,
    () => core.listNamespacedPod({ namespace, labelSelector: selector }),
    selector,
  );
  let closing = false;
  for (const [what, informer] of [
    ["Deployments", deployments],
    ["pods", pods],
  ] as const) {
    // A dropped watch (API server restart, expired resource version) lists again and re-watches.
    informer.on("error", (error: unknown) => {
      if (closing) return;
      log(`the watch on ${what} in ${namespace} failed (${errorText(error)}); watching again in 2 s`);
      setTimeout(() => void (closing ? undefined : informer.start().catch(() => {})), 2_000);
    });
  }
  let listed = false;
  const started = Promise.all([deployments.start(), pods.start()]).then(() => {
    listed = true;
  });
  started.catch((error: unknown) => log(`cannot watch namespace ${namespace}: ${errorText(error)}`));

  /** what this driver applied per Deployment, and the generation the API server gave it */
  const applied = new Map<string, { manifest: DeploymentManifest; generation: number; seen: boolean }>();
  const queues = new Map<string, Promise<void>>();
  const podsOf = (target: TargetKey) =>
    pods
      .list(namespace)
      .filter(
        (p) =>
          p.metadata?.labels?.[LABEL.tenant] === target.tenant && p.metadata?.labels?.[LABEL.stage] === target.stage,
      );
  const liveDeployment = (target: TargetKey) => deployments.get(deploymentName(target), namespace);

  const converge = async (target: TargetKey, spec: TargetSpec, restart: boolean) => {
    const name = deploymentName(target);
    // Read fresh, not from the watch: two applies in a row must see each other's template.
    const live = await apps.readNamespacedDeployment({ name, namespace }).catch((error: unknown) => {
      if (error instanceof k8s.ApiException && error.code === 404) return undefined;
      throw error;
    });
    const manifest = buildDeployment({
      environmentId,
      target,
      spec,
      settings,
      secretKeys: options.secretKeys,
      live: templateStateOf(live as Parameters<typeof templateStateOf>[0]),
      restartAt: restart ? new Date() : null,
    });
    const result = await apps.patchNamespacedDeployment(
      { name, namespace, body: manifest, fieldManager: FIELD_MANAGER, force: true },
      k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.ServerSideApply),
    );
    applied.set(name, { manifest, generation: result.metadata?.generation ?? 0, seen: false });
    log(
      `applied Deployment ${namespace}/${name} for revision ${spec.revision} (${spec.replicas} replica(s), ${manifest.spec.template.spec.containers[0]!.image})`,
    );
  };

  return {
    ready: () => started,
    apply(target, spec, applyOptions) {
      const key = deploymentName(target);
      // one change in flight per target, in the order asked
      const run = (queues.get(key) ?? Promise.resolve()).then(() =>
        converge(target, spec, applyOptions?.restart ?? false),
      );
      queues.set(
        key,
        run.catch(() => {}),
      );
      return run.catch((error: unknown) => {
        throw new Error(`applying Deployment ${namespace}/${key}: ${errorText(error)}`);
      });
    },
    observe(): InstanceReport[] {
      const byTarget = new Map<string, k8s.V1Pod[]>();
      for (const pod of pods.list(namespace)) {
        const labels = pod.metadata?.labels ?? {};
        const key = `${labels[LABEL.tenant]}/${labels[LABEL.stage]}`;
        byTarget.set(key, [...(byTarget.get(key) ?? []), pod]);
      }
      return [...byTarget.values()].flatMap((targetPods) => {
        const sorted = [...targetPods].sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
        const first = sorted[0]!.metadata!.labels!;
        const deployment = deployments.get(
          deploymentName({ tenant: first[LABEL.tenant]!, stage: first[LABEL.stage]! }),
          namespace,
        );
        return sorted.map((pod, index) => instanceOfPod(pod, index + 1, deployment));
      });
    },
    status: (target) =>
      listed ? deploymentStatus(deploymentName(target), liveDeployment(target), podsOf(target)) : null,
    drift(target) {
      if (!listed) return null;
      const mine = applied.get(deploymentName(target));
      const live = liveDeployment(target);
      if (!mine) return [];
      // Until the watch has delivered our own apply, comparing would call the watch's delay drift.
      if (live && (live.metadata?.generation ?? 0) >= mine.generation) mine.seen = true;
      if (!mine.seen) return [];
      return deploymentDrift(mine.manifest, live as Parameters<typeof deploymentDrift>[1]);
    },
    async logs(target, logOptions) {
      const tailLines = logOptions?.tailLines ?? 200;
      const targetPods = podsOf(target).sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
      return Promise.all(
        targetPods.map(async (pod): Promise<InstanceLog> => {
          const name = pod.metadata!.name!;
          try {
            const text = await core.readNamespacedPodLog({ name, namespace, container: CONTAINER, tailLines });
            const lines = String(text)
              .split("\n")
              .filter((line, i, all) => line !== "" || i < all.length - 1);
            return { instanceId: name, lines, empty: lines.length ? null : "the container has written nothing yet" };
          } catch (error) {
            return { instanceId: name, lines: [], empty: `no log from pod ${name}: ${errorText(error)}` };
          }
        }),
      );
    },
    metricsTargets: () => [],
    async close() {
      closing = true;
      await Promise.allSettled([deployments.stop(), pods.stop()]);
    },
  };
}
