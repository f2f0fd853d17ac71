/**
 * The steps of each kind of tenant job and their bookkeeping, kept pure: the worker asks which step
 * is next, runs it, and records the outcome. A step that was `running` when its worker died is run
 * again (every step is idempotent); `done` steps are never repeated.
 */
import type { JobKind } from "./lifecycle";

export type StepState = "pending" | "running" | "done" | "failed";
export type JobStep = {
  key: string;
  label: string;
  state: StepState;
  detail?: string | null;
  error?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  /** how many times the step was started (a takeover after a crash starts it again) */
  runs?: number;
};

export const STEP_LABELS: Record<JobKind, ReadonlyArray<readonly [string, string]>> = {
  provision: [
    ["source", "Prepare the source database (heartbeat table, publication)"],
    ["topics", "Create topics with the planned partitions and retention"],
    ["connector", "Register the CDC connector and wait for it to run"],
    ["deployments", "Deploy the processors and wait until they are healthy"],
    ["access", "Give the requester access and alert on the lag SLO"],
  ],
  suspend: [
    ["connector-pause", "Pause the CDC connector"],
    ["processors-stop", "Stop the processors"],
  ],
  resume: [
    ["processors-start", "Start the processors"],
    ["connector-resume", "Resume the CDC connector"],
  ],
  offboard: [
    ["processors-stop", "Stop the processors"],
    ["connector-delete", "Delete the CDC connector"],
    ["source-release", "Drop the replication slot and publication"],
    ["topics-delete", "Delete the tenant's topics"],
    ["groups-delete", "Delete the consumer groups"],
    ["access-revoke", "Remove staff memberships"],
  ],
};

export function initialSteps(kind: JobKind): JobStep[] {
  return STEP_LABELS[kind].map(([key, label]) => ({ key, label, state: "pending" }));
}

/** The first step not done, or undefined when all are. */
export function nextStep(steps: readonly JobStep[]): JobStep | undefined {
  return steps.find((s) => s.state !== "done");
}

function update(steps: readonly JobStep[], key: string, change: (s: JobStep) => JobStep): JobStep[] {
  if (!steps.some((s) => s.key === key)) throw new Error(`no step ${key}`);
  return steps.map((s) => (s.key === key ? change(s) : s));
}

export const startStep = (steps: readonly JobStep[], key: string, at: Date): JobStep[] =>
  update(steps, key, (s) => ({
    ...s,
    state: "running",
    error: null,
    startedAt: at.toISOString(),
    finishedAt: null,
    runs: (s.runs ?? 0) + 1,
  }));

export const finishStep = (steps: readonly JobStep[], key: string, at: Date, detail: string): JobStep[] =>
  update(steps, key, (s) => ({ ...s, state: "done", detail, finishedAt: at.toISOString() }));

export const failStep = (steps: readonly JobStep[], key: string, at: Date, error: string): JobStep[] =>
  update(steps, key, (s) => ({ ...s, state: "failed", error, finishedAt: at.toISOString() }));

/** A retry runs the failed step (and the ones after it) again; done steps stay done. */
export function resetFailed(steps: readonly JobStep[]): JobStep[] {
  return steps.map((s) =>
    s.state === "failed" || s.state === "running" ? { ...s, state: "pending", error: null, finishedAt: null } : s,
  );
}

export function failedStep(steps: readonly JobStep[]): JobStep | undefined {
  return steps.find((s) => s.state === "failed");
}

/** Done steps ÷ all, for the progress bar. */
export function progress(steps: readonly JobStep[]): number {
  return steps.length === 0 ? 1 : steps.filter((s) => s.state === "done").length / steps.length;
}
