/**
 * A `kubernetes` environment's settings (validated when the environment is added or changed) and
 * where the driver's API credentials come from: the file `KUBECONFIG` names, else the pod's
 * service account when the agent runs inside the cluster.
 */
import * as k8s from "@kubernetes/client-node";
import { VARIABLES } from "@/server/config/catalogue";
import type { KubernetesSettings } from "./manifest";
import { kubernetesSettingsSchema } from "./settings-schema";

export function kubernetesSettingsOf(settings: Record<string, string>): KubernetesSettings {
  const s = kubernetesSettingsSchema.parse(settings);
  return {
    namespace: s.namespace,
    image: s.image,
    secretName: s.secretName ?? null,
    configMapName: s.configMapName ?? null,
    cpuRequest: s.cpuRequest ?? "100m",
    memoryRequest: s.memoryRequest ?? "256Mi",
    memoryLimit: s.memoryLimit ?? "512Mi",
    progressDeadlineSeconds: Number(s.progressDeadlineSeconds ?? 300),
  };
}

/** The secret settings a processor reads: the Deployment references them in the Secret, by key. */
export const PROCESSOR_SECRET_KEYS: readonly string[] = Object.entries(VARIABLES)
  .filter(([, spec]) => spec.secret && (spec.readBy as readonly string[]).includes("processor"))
  .map(([name]) => name);

export function loadKubeConfig(env: Readonly<Record<string, string | undefined>>): k8s.KubeConfig {
  const kubeConfig = new k8s.KubeConfig();
  const file = env.KUBECONFIG?.split(":").find((f) => f !== "");
  if (file) kubeConfig.loadFromFile(file);
  else if (env.KUBERNETES_SERVICE_HOST) kubeConfig.loadFromCluster();
  else
    throw new Error(
      "the kubernetes driver needs KUBECONFIG (a kubeconfig file) or to run inside the cluster with a service account",
    );
  return kubeConfig;
}
