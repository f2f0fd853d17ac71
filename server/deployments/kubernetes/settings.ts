/**
 * A `kubernetes` environment's settings (validated when the environment is added or changed) and
 * where the driver's API credentials come from: the file `KUBECONFIG` names, else the pod's
 * service account when the agent runs inside the cluster.
 */
import * as k8s from "@kubernetes/client-node";
import { z } from "zod";
import { VARIABLES } from "@/server/config/catalogue";
import type { KubernetesSettings } from "./manifest";

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Kubernetes name: lowercase letters, digits and hyphens, at most 63 characters");
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, "must be a Kubernetes quantity such as 250m, 512Mi or 1Gi");

/** Settings are strings (environments keep a string map); numbers are parsed here. */
export const kubernetesSettingsSchema = z
  .object({
    namespace: dnsLabel,
    image: z.string().regex(/^[a-z0-9][a-z0-9._\-/:]*[a-z0-9]$/i, "must be an image repository without a tag, such as registry.example.com/syncdeck").refine((v) => !/:[^/]*$/.test(v) || /^[^/]+:\d+\//.test(v), "must not carry a tag: the tag is each revision's version"),
    secretName: dnsLabel.optional(),
    configMapName: dnsLabel.optional(),
    cpuRequest: quantity.optional(),
    memoryRequest: quantity.optional(),
    memoryLimit: quantity.optional(),
    progressDeadlineSeconds: z.string().regex(/^\d{2,5}$/, "must be a whole number of seconds (10 or more)").optional(),
  })
  .strict();

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

export function loadKubeConfig(env: { KUBECONFIG?: string; KUBERNETES_SERVICE_HOST?: string }): k8s.KubeConfig {
  const kubeConfig = new k8s.KubeConfig();
  const file = env.KUBECONFIG?.split(":").find((f) => f !== "");
  if (file) kubeConfig.loadFromFile(file);
  else if (env.KUBERNETES_SERVICE_HOST) kubeConfig.loadFromCluster();
  else throw new Error("the kubernetes driver needs KUBECONFIG (a kubeconfig file) or to run inside the cluster with a service account");
  return kubeConfig;
}
