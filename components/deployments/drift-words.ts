/**
 * A drifted field (a target's live object changed outside SyncDeck) in words for the page: the
 * field by the name people use, what it holds now and what SyncDeck applied. Pure.
 */
export type DriftFieldJson = { path: string; applied: string; live: string };

const CONTAINER_FIELD = /^spec\.template\.spec\.containers\[([^\]]+)\]\.(.+)$/;

export function driftFieldName(path: string): string {
  if (path === "spec.replicas") return "replicas";
  if (path === "(the Deployment)") return "the Deployment";
  const container = CONTAINER_FIELD.exec(path);
  if (container) {
    const field = container[2]!;
    const env = /^env\[([^\]]+)\](?:\.(.+))?$/.exec(field);
    if (env) return env[2] && env[2] !== "value" ? `setting ${env[1]} (${env[2]})` : `setting ${env[1]}`;
    return field === "image" ? "image" : `container ${container[1]}: ${field}`;
  }
  if (path.startsWith("metadata.labels.")) return `label ${path.slice("metadata.labels.".length)}`;
  return path;
}

/** JSON strings lose their quotes; "(absent)" and "present" stay words. */
function value(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "string" ? parsed : text;
  } catch {
    return text;
  }
}

export function driftFieldInWords(field: DriftFieldJson): string {
  if (field.live === "(absent)") return `${driftFieldName(field.path)} was removed`;
  if (field.applied === "(absent)") return `${driftFieldName(field.path)} was added (${value(field.live)})`;
  return `${driftFieldName(field.path)} is ${value(field.live)} (SyncDeck applied ${value(field.applied)})`;
}
