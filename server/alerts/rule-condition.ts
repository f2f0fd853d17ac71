/**
 * What an alert rule measures, from one lag evaluation of a tenant (pure). The evaluator feeds it
 * each sample's per-stage lag and status and the DLQ's end offsets over time.
 */
import type { LagStatus } from "@/server/lag/burrow-status";
import type { Stage } from "@/lib/contract/topics";

export const ALERT_KINDS = ["lag_seconds", "status", "dlq_growth", "reconcile_drift"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type RuleSpec = {
  kind: AlertKind;
  stage: Stage | null;
  threshold: number;
  statuses: readonly string[];
  forMinutes: number;
};

export type StageObservation = { stage: Stage; status: LagStatus; lagSeconds: number; reason: string };

/** One tenant at one sample: its stages as evaluated, and the DLQ topic's total end offset then. */
export type TenantObservation = {
  atMs: number;
  stages: readonly StageObservation[];
  /** DLQ end offsets summed over partitions, oldest first, covering at least the longest window */
  dlqHistory: ReadonlyArray<{ atMs: number; end: number }>;
  /** differing ids found by a reconciliation run that just finished; absent in a lag sample */
  reconcileDifferences?: number;
};

/** `known: false` when the sample has nothing to judge by (stage not seen yet): neither fire nor resolve. */
export type Measurement = { known: boolean; holds: boolean; value: number; summary: string };

const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function stagesOf(rule: RuleSpec, observation: TenantObservation): readonly StageObservation[] {
  return rule.stage ? observation.stages.filter((s) => s.stage === rule.stage) : observation.stages;
}

/** DLQ messages added within the last `minutes` (a new leader knows less history: a lower bound). */
export function dlqGrowth(history: TenantObservation["dlqHistory"], atMs: number, minutes: number): number {
  if (history.length === 0) return 0;
  const since = atMs - minutes * 60_000;
  const latest = history[history.length - 1]!;
  const base = history.find((p) => p.atMs >= since) ?? latest;
  return Math.max(0, latest.end - base.end);
}

export function measure(rule: RuleSpec, observation: TenantObservation): Measurement {
  switch (rule.kind) {
    case "lag_seconds": {
      const worst = [...stagesOf(rule, observation)].sort((a, b) => b.lagSeconds - a.lagSeconds)[0];
      const value = worst?.lagSeconds ?? 0;
      return {
        known: worst !== undefined,
        holds: value > rule.threshold,
        value,
        summary: worst
          ? `${worst.stage} lag ${round(value)} s (threshold ${round(rule.threshold)} s)`
          : "no stage data",
      };
    }
    case "status": {
      const seen = stagesOf(rule, observation);
      const hits = seen.filter((s) => rule.statuses.includes(s.status));
      return {
        known: seen.length > 0,
        holds: hits.length > 0,
        value: hits.length,
        summary: hits.length
          ? hits.map((s) => `${s.stage} ${s.status}: ${s.reason}`).join("; ")
          : `no stage in ${rule.statuses.join("/")}`,
      };
    }
    case "dlq_growth": {
      const window = Math.max(1, rule.forMinutes);
      const value = dlqGrowth(observation.dlqHistory, observation.atMs, window);
      return {
        known: observation.dlqHistory.length > 0,
        holds: value > rule.threshold,
        value,
        summary: `${value} message${value === 1 ? "" : "s"} reached the DLQ in ${window} min (threshold ${round(rule.threshold)})`,
      };
    }
    case "reconcile_drift": {
      const value = observation.reconcileDifferences ?? 0;
      return {
        known: observation.reconcileDifferences !== undefined,
        holds: value > rule.threshold,
        value,
        summary: `reconciliation found ${value} id${value === 1 ? "" : "s"} differing between source and target (threshold ${round(rule.threshold)})`,
      };
    }
  }
}
