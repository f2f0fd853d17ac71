/**
 * Drift: the fields of a live Deployment that SyncDeck owns and that no longer hold what SyncDeck
 * applied (someone ran `kubectl scale`, `kubectl set image`, `kubectl edit`). Only what SyncDeck
 * sets is compared — the API server's defaults (imagePullPolicy, probe defaults, …) are not drift —
 * but a list SyncDeck owns (containers, env) with an item added or removed is. Pure.
 */
import type { DriftField } from "../driver";

export type { DriftField };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const show = (value: unknown) => (value === undefined ? "(absent)" : JSON.stringify(value));

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isNamedList = (value: unknown): value is Array<{ name: string } & Record<string, Json>> =>
  Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) && typeof item.name === "string");

function compare(path: string, applied: unknown, live: unknown, out: DriftField[]): void {
  if (isObject(applied)) {
    if (!isObject(live)) return void out.push({ path, applied: show(applied), live: show(live) });
    for (const key of Object.keys(applied)) compare(path ? `${path}.${key}` : key, applied[key], live[key], out);
    return;
  }
  if (isNamedList(applied)) {
    const liveItems = Array.isArray(live) ? (live as Array<Record<string, unknown>>) : [];
    const liveNames = liveItems.map((item) => String(item.name));
    for (const item of applied) {
      const match = liveItems.find((l) => l.name === item.name);
      if (!match) out.push({ path: `${path}[${item.name}]`, applied: "present", live: "(absent)" });
      else compare(`${path}[${item.name}]`, item, match, out);
    }
    for (const name of liveNames) {
      if (!applied.some((item) => item.name === name))
        out.push({ path: `${path}[${name}]`, applied: "(absent)", live: "present" });
    }
    return;
  }
  if (Array.isArray(applied)) {
    if (JSON.stringify(applied) !== JSON.stringify(live)) out.push({ path, applied: show(applied), live: show(live) });
    return;
  }
  if (applied !== live && String(applied) !== String(live ?? ""))
    out.push({ path, applied: show(applied), live: show(live) });
}

/** Paths under `spec` and the Deployment's labels, e.g. `spec.replicas` or `spec.template.spec.containers[processor].image`. */
export function deploymentDrift(
  applied: { metadata: { labels: Record<string, string> }; spec: object },
  live: { metadata?: { labels?: Record<string, string> }; spec?: object } | undefined,
): DriftField[] {
  if (!live) return [{ path: "(the Deployment)", applied: "present", live: "(absent)" }];
  const out: DriftField[] = [];
  compare("metadata.labels", applied.metadata.labels, live.metadata?.labels ?? {}, out);
  compare("spec", applied.spec, live.spec, out);
  return out;
}

export const driftInWords = (fields: readonly DriftField[]) =>
  fields.length === 0
    ? "in sync with what SyncDeck applied"
    : `changed outside SyncDeck: ${fields.map((f) => `${f.path} (applied ${f.applied}, live ${f.live})`).join("; ")}`;
