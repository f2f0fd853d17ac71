/** A move as the API and the page show it: its steps each done, current, failed or pending. Pure. */
import { MOVE_STEPS, moveProgressPercent, type MoveState, type MoveStep } from "./move-steps";

type MoveRow = {
  id: string;
  tenant: string;
  environmentId: string;
  fromPlacement: string;
  toPlacement: string;
  state: string;
  step: string;
  message: string;
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
};

export type MoveView = {
  id: string;
  tenant: string;
  environment: string;
  from: string;
  to: string;
  state: MoveState;
  step: MoveStep;
  steps: Array<{ step: MoveStep; status: "done" | "current" | "failed" | "pending" }>;
  percent: number;
  message: string;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
};

export function moveView(m: MoveRow): MoveView {
  const state = m.state as MoveState;
  const step = m.step as MoveStep;
  const at = MOVE_STEPS.indexOf(step);
  return {
    id: m.id,
    tenant: m.tenant,
    environment: m.environmentId,
    from: m.fromPlacement,
    to: m.toPlacement,
    state,
    step,
    steps: MOVE_STEPS.map((s, i) => ({
      step: s,
      status: i < at || state === "SUCCEEDED" ? "done" : i > at ? "pending" : state === "FAILED" ? "failed" : "current",
    })),
    percent: moveProgressPercent({ state, step }),
    message: m.message,
    requestedBy: m.requestedBy,
    startedAt: m.startedAt.toISOString(),
    finishedAt: m.finishedAt?.toISOString() ?? null,
  };
}
