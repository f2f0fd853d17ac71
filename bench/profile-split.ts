/**
 * Where an update-processor's CPU time goes, from V8 .cpuprofile files (node --cpu-prof): each
 * sample's time is given to the nearest frame on its stack that names a part (a frame with no
 * part of its own — a builtin, a library helper — inherits its caller's), so zod called from
 * plan.ts counts as validation and pg's serializer called from apply.ts as SQL. JSON.parse is a
 * builtin without a frame of its own: its time is its caller's (decodeUpdate: planning), so "JSON"
 * only holds what shows as parse/stringify frames. Pure; the CLI is profile-summary.ts.
 */

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export const PARTS = [
  "kafkajs decode",
  "kafkajs client",
  "validation (zod)",
  "planning",
  "SQL (pg driver)",
  "commits",
  "JSON",
  "GC",
  "startup (module loading)",
  "idle (waiting on Kafka/Postgres)",
  "other",
] as const;
export type Part = (typeof PARTS)[number];

/** The part a frame names by itself, or undefined to inherit its caller's. Order matters: first match wins. */
export function partOf(frame: { functionName: string; url: string }): Part | undefined {
  const { functionName: fn, url } = frame;
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(idle)") return "idle (waiting on Kafka/Postgres)";
  if (fn === "(program)" || fn === "(root)") return "other";
  // tsx transpiling and node loading modules: once per process, before the first batch
  if (/\/node_modules\/tsx\/|^node:internal\/modules\//.test(url)) return "startup (module loading)";
  if (/\/kafkajs\/src\/consumer\/offsetManager\//.test(url) || /^commitOffsets/.test(fn)) return "commits";
  if (/\/kafkajs\/src\/protocol\//.test(url)) return "kafkajs decode";
  if (/\/kafkajs\//.test(url)) return "kafkajs client";
  if (/\/node_modules\/zod\//.test(url)) return "validation (zod)";
  if (/\/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres-[a-z-]+|pg-connection-string)\//.test(url))
    return "SQL (pg driver)";
  if (!url && (fn === "parse" || fn === "stringify" || fn === "JSONParse" || fn === "JSONStringify")) return "JSON";
  if (/\/pipeline\/update-processor\/(plan|isolate)\.ts/.test(url) || /\/lib\/contract\//.test(url)) return "planning";
  if (/\/pipeline\/update-processor\/apply\.ts/.test(url) || /\/pipeline\/shared\/event-trail/.test(url))
    return "SQL (pg driver)";
  return undefined;
}

/** Self time (µs) per part over one profile. */
export function splitProfile(profile: CpuProfile): Map<Part, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const resolved = new Map<number, Part>();
  const resolve = (id: number): Part => {
    const known = resolved.get(id);
    if (known) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const part = (node && partOf(node.callFrame)) ?? (up === undefined ? "other" : resolve(up));
    resolved.set(id, part);
    return part;
  };
  const totals = new Map<Part, number>(PARTS.map((p) => [p, 0]));
  profile.samples.forEach((id, i) => {
    const part = resolve(id);
    totals.set(part, totals.get(part)! + (profile.timeDeltas[i] ?? 0));
  });
  return totals;
}

export function addSplits(splits: Iterable<Map<Part, number>>): Map<Part, number> {
  const totals = new Map<Part, number>(PARTS.map((p) => [p, 0]));
  for (const split of splits) for (const [part, us] of split) totals.set(part, totals.get(part)! + us);
  return totals;
}

/** One line per part: seconds and share of the busy time (idle is shown apart, as a share of wall). */
export function splitLines(totals: Map<Part, number>): string[] {
  const idle = totals.get("idle (waiting on Kafka/Postgres)")!;
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const busy = all - idle;
  const lines = PARTS.filter((p) => p !== "idle (waiting on Kafka/Postgres)").map(
    (p) =>
      `${p.padEnd(26)} ${(totals.get(p)! / 1e6).toFixed(2).padStart(8)} s  ${((100 * totals.get(p)!) / busy).toFixed(1).padStart(5)}%`,
  );
  lines.push(
    `busy ${(busy / 1e6).toFixed(2)} s; idle (waiting on Kafka/Postgres) ${(idle / 1e6).toFixed(2)} s = ${((100 * idle) / all).toFixed(1)}% of the profiled wall time`,
  );
  return lines;
}
