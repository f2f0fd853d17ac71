/**
 * A rule's life between samples (pure): the condition must hold for `forMinutes` before the rule
 * fires; it resolves on the first sample where the condition no longer holds; a sample without data
 * for the rule changes nothing. A DLQ-growth rule's minutes are its window already, so it fires as
 * soon as the growth passes the threshold; a reconciliation-drift rule is judged once per finished
 * run, so it fires on the first run that finds drift.
 */
import type { Measurement, RuleSpec } from "./rule-condition";

export type RuleState = { pendingSince: number | null; firing: boolean };

export type Step = { state: RuleState; transition: "firing" | "resolved" | null };

export function stepRule(
  rule: Pick<RuleSpec, "kind" | "forMinutes">,
  state: RuleState,
  measurement: Measurement,
  atMs: number,
): Step {
  if (!measurement.known) return { state, transition: null };
  if (!measurement.holds) {
    return { state: { pendingSince: null, firing: false }, transition: state.firing ? "resolved" : null };
  }
  const pendingSince = state.pendingSince ?? atMs;
  if (state.firing) return { state: { pendingSince, firing: true }, transition: null };
  const holdMs = rule.kind === "dlq_growth" || rule.kind === "reconcile_drift" ? 0 : rule.forMinutes * 60_000;
  const fires = atMs - pendingSince >= holdMs;
  return { state: { pendingSince, firing: fires }, transition: fires ? "firing" : null };
}
