/**
 * Readiness in words, from what the checks found. Pure. The answer goes to unauthenticated probes
 * (load balancers, Kubernetes), so reasons come from a fixed vocabulary and migration names, never
 * an error message that could carry a host name or a URL.
 */
export type CheckName = "database" | "migrations" | "kafka";
export type CheckResult = { name: CheckName; ok: boolean; reason: string; ms: number };

/** Migrations are current when every folder is applied and none is recorded as failed. */
export function migrationsVerdict(
  folders: readonly string[],
  applied: readonly { name: string; finished: boolean }[],
): { ok: boolean; reason: string } {
  const failed = applied.filter((m) => !m.finished).map((m) => m.name);
  if (failed.length) return { ok: false, reason: `migration ${failed[0]} failed or is still running` };
  const done = new Set(applied.map((m) => m.name));
  const pending = folders.filter((name) => !done.has(name));
  if (pending.length)
    return {
      ok: false,
      reason: `${pending.length} pending migration(s): ${pending.slice(0, 3).join(", ")}${pending.length > 3 ? ", …" : ""} (run \`syncdeck migrate\`)`,
    };
  const unknown = applied.filter((m) => !folders.includes(m.name)).length;
  return {
    ok: true,
    reason: unknown
      ? `${folders.length} applied; the database also has ${unknown} from a newer version`
      : `${folders.length} applied`,
  };
}

/** A failure as a word that is safe to show anyone. */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/did not answer within/.test(text)) return "timed out";
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|Connection error|connect/i.test(text)) return "unreachable";
  if (/password authentication|SASL|auth/i.test(text)) return "authentication failed";
  return "failed";
}

export function readiness(checks: CheckResult[]): { ready: boolean; checks: CheckResult[] } {
  return { ready: checks.every((c) => c.ok), checks };
}
