/**
 * A tenant's move between a pool and dedicated processors, as a state machine (pure: the
 * observation and the clock come in). The placement is changed when the move starts; then each
 * step waits for what it names, at most `stepTimeoutMs`:
 *
 *   release   the old target let go of the tenant: the pool dropped its lane (its consumers left
 *             the tenant's groups, their offsets committed), or the dedicated processors stopped
 *   consume   the new target serves the tenant: every stage has a live instance of it
 *   catch-up  every stage's group has members and its lag is at most `maxLag` messages
 *
 * then SUCCEEDED; a step that does not happen in time makes the move FAILED, saying which and why.
 * No offsets move: a tenant's groups are the same whoever serves it (pipeline/shared/runner.ts),
 * so whoever serves it next reads on from what the previous one committed — nothing is lost, and
 * at worst a batch in flight is applied twice, which the idempotent apply makes harmless.
 */
export const MOVE_STEPS = ["release", "consume", "catch-up", "done"] as const;
export type MoveStep = (typeof MOVE_STEPS)[number];
export type MoveState = "RUNNING" | "SUCCEEDED" | "FAILED";

export interface MoveProgress {
  state: MoveState;
  step: MoveStep;
  stepStartedAt: Date;
  message: string;
}

/** What the worker saw of the tenant's processors just now. */
export interface MoveObservation {
  /** stages in which the old target still serves the tenant */
  oldServing: string[];
  /** stages in which the new target does not serve it yet */
  newMissing: string[];
  /** per stage: members in the tenant's group and its lag in messages (null: unknown) */
  groups: Array<{ stage: string; members: number; lag: number | null }>;
}

export interface MoveLimits {
  stepTimeoutMs: number;
  /** messages behind at most, per stage, to count as caught up */
  maxLag: number;
}

const STEP_WAITS: Record<Exclude<MoveStep, "done">, string> = {
  release: "waiting for the old target to release the tenant",
  consume: "waiting for the new target to consume",
  "catch-up": "waiting for the tenant's groups to catch up",
};

/** The move after one look at the tenant's processors; unchanged fields mean nothing to write. */
export function advanceMove(move: MoveProgress, seen: MoveObservation, now: Date, limits: MoveLimits): MoveProgress {
  if (move.state !== "RUNNING" || move.step === "done") return move;
  const next = (step: MoveStep, message: string): MoveProgress =>
    step === "done"
      ? { state: "SUCCEEDED", step, stepStartedAt: now, message }
      : advanceMove({ state: "RUNNING", step, stepStartedAt: now, message: STEP_WAITS[step] }, seen, now, limits);
  const waiting = (detail: string): MoveProgress => {
    if (now.getTime() - move.stepStartedAt.getTime() > limits.stepTimeoutMs)
      return {
        state: "FAILED",
        step: move.step,
        stepStartedAt: move.stepStartedAt,
        message: `${move.step} did not happen within ${Math.round(limits.stepTimeoutMs / 1000)} s: ${detail}`,
      };
    const message = `${STEP_WAITS[move.step as Exclude<MoveStep, "done">]}: ${detail}`;
    return message === move.message ? move : { ...move, message };
  };

  switch (move.step) {
    case "release":
      return seen.oldServing.length === 0
        ? next("consume", "")
        : waiting(`still serving ${seen.oldServing.join(", ")}`);
    case "consume":
      return seen.newMissing.length === 0
        ? next("catch-up", "")
        : waiting(`no live instance yet in ${seen.newMissing.join(", ")}`);
    case "catch-up": {
      const behind = seen.groups.filter((g) => g.members === 0 || g.lag === null || g.lag > limits.maxLag);
      if (behind.length === 0) {
        const lag = seen.groups.reduce((sum, g) => sum + (g.lag ?? 0), 0);
        return next("done", `moved; caught up (${lag} message(s) behind in all)`);
      }
      return waiting(
        behind
          .map((g) =>
            g.members === 0 ? `${g.stage} has no members` : `${g.stage} ${g.lag ?? "unknown"} message(s) behind`,
          )
          .join(", "),
      );
    }
  }
}

/** Share of the move done, for a progress bar: each step a quarter, a finished move whole. */
export function moveProgressPercent(move: Pick<MoveProgress, "state" | "step">): number {
  if (move.state === "SUCCEEDED") return 100;
  return Math.round((MOVE_STEPS.indexOf(move.step) + 1) * (100 / (MOVE_STEPS.length + 1)));
}
