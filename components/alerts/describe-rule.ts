/** An alert rule's condition in words (pure), as the rules table and the create dialog show it. */
export type RuleWords = { kind: string; stage: string | null; threshold: number; statuses: readonly string[]; forMinutes: number };

const stageWords = (stage: string | null) => stage ?? "any stage";
const minutes = (n: number) => `${n} min`;

export function describeRule(rule: RuleWords): string {
  switch (rule.kind) {
    case "lag_seconds":
      return `${stageWords(rule.stage)}: lag > ${rule.threshold} s${rule.forMinutes ? ` for ${minutes(rule.forMinutes)}` : ""}`;
    case "status":
      return `${stageWords(rule.stage)}: status ${rule.statuses.join(" or ")}${rule.forMinutes ? ` for ${minutes(rule.forMinutes)}` : ""}`;
    case "dlq_growth":
      return `more than ${rule.threshold} new DLQ message${rule.threshold === 1 ? "" : "s"} within ${minutes(rule.forMinutes)}`;
    case "reconcile_drift":
      return `reconciliation finds more than ${rule.threshold} differing id${rule.threshold === 1 ? "" : "s"}`;
    default:
      return rule.kind;
  }
}

/** "3 min 20 s", "2 h 5 min": how long an alert fired (or has been firing). */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}
