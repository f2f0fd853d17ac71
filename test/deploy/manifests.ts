/**
 * Reading rendered Kubernetes manifests and the names they must agree with (the `syncdeck`
 * command's subcommands), for the chart test; the variables' names are checked against the
 * configuration catalogue (server/config/catalogue.ts).
 */
import { parseAllDocuments } from "yaml";

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  [key: string]: unknown;
};
export type Container = { name: string; image: string; command?: string[]; args?: string[]; [key: string]: unknown };
export type PodSpec = { containers: Container[]; securityContext?: Record<string, unknown>; [key: string]: unknown };

export function parseManifests(yamlText: string): Manifest[] {
  return parseAllDocuments(yamlText)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`invalid YAML in the rendered chart: ${doc.errors[0]!.message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

/** The pod template of a workload (Deployment, Job), or undefined for other kinds. */
export function podSpecOf(manifest: Manifest): PodSpec | undefined {
  const spec = manifest.spec as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
}

export const one = (manifests: Manifest[], kind: string, nameSuffix: string): Manifest => {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name.endsWith(nameSuffix));
  if (found.length !== 1)
    throw new Error(
      `expected one ${kind} named *${nameSuffix}, found ${found.map((m) => m.metadata.name).join(", ") || "none"}`,
    );
  return found[0]!;
};

/** Every environment variable name the manifests set: env entries, ConfigMap and Secret keys. */
export function envNamesSet(manifests: Manifest[]): Set<string> {
  const names = new Set<string>();
  for (const m of manifests) {
    if (m.kind === "ConfigMap") Object.keys((m.data as object) ?? {}).forEach((k) => names.add(k));
    if (m.kind === "Secret")
      Object.keys({ ...(m.data as object), ...(m.stringData as object) }).forEach((k) => names.add(k));
    for (const c of podSpecOf(m)?.containers ?? []) {
      for (const e of (c.env as { name: string; valueFrom?: { secretKeyRef?: { key: string } } }[]) ?? []) {
        names.add(e.name);
        if (e.valueFrom?.secretKeyRef) names.add(e.valueFrom.secretKeyRef.key);
      }
    }
  }
  return names;
}

/** Subcommands listed by `syncdeck --help` ("Commands:" then one indented name a line). */
export function subcommandsOfHelp(help: string): Set<string> {
  const after = help.split(/^Commands:$/m)[1] ?? "";
  return new Set([...after.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== "help"));
}
