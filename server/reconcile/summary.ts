/**
 * What `syncdeck reconcile` prints for one tenant's reconciliation, and the exit code of a whole
 * run. Pure; the command only reads and prints.
 */
import type { EntityReconciliation } from "./compare";
import type { TenantReconciliation } from "./reconcile";

export type TenantOutcome = { tenant: string; result: TenantReconciliation } | { tenant: string; error: string };

const SAMPLE = 5;

function entityLine(name: string, e: EntityReconciliation): string {
  if (e.inSync) return `  ${name}: in sync (${e.sourceCount} in source and target)`;
  const parts = [
    `${e.missingCount} missing in the target`,
    `${e.extraCount} only in the target`,
    `${e.versionDiffersCount} at another version`,
  ];
  const sample = [
    ...e.missing.map((id) => `missing ${id}`),
    ...e.extra.map((id) => `extra ${id}`),
    ...e.versionDiffers.map((d) => `${d.id} v${d.sourceVersion}≠v${d.targetVersion}`),
  ].slice(0, SAMPLE);
  return `  ${name}: DRIFT — ${parts.join(", ")} (source ${e.sourceCount}, target ${e.targetCount}); e.g. ${sample.join(", ")}`;
}

export function outcomeLines(outcome: TenantOutcome): string[] {
  if ("error" in outcome) return [`${outcome.tenant}: not checked: ${outcome.error}`];
  const { result } = outcome;
  return [
    `${outcome.tenant}: ${result.inSync ? "in sync" : "DRIFT"}`,
    entityLine("members", result.members),
    entityLine("claims", result.claims),
  ];
}

/** 0 = every tenant checked and in sync; 1 = drift found, or a tenant could not be checked (drift not ruled out). */
export function reconcileExitCode(outcomes: readonly TenantOutcome[]): 0 | 1 {
  return outcomes.every((o) => "result" in o && o.result.inSync) ? 0 : 1;
}
