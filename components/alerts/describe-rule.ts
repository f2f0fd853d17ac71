/** An alert rule's condition in words (pure), as the rules table and the create dialog show it. */
export type RuleWords = {
  kind: string;
  stage: string | null;
  threshold: number;
  statuses: readonly string[];
  forMinutes: number;
};

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
