/** Decisions of the tenant detail page, kept pure: when to poll, why Approve is off, the lag per stage. */
import { STAGES, type Stage } from "@/lib/contract/topics";

type Job = { status: string };

/** How often the detail page refreshes: every 2 s while something moves, else every 15 s for others' changes. */
export const pollInterval = (detail: Parameters<typeof shouldPoll>[0]): number => (shouldPoll(detail) ? 2_000 : 15_000);

/** Poll fast while something moves on its own: a job queued or running, or a tenant being provisioned. */
export function shouldPoll(detail: { tenant: { status: string }; jobs: readonly Job[] } | undefined): boolean {
  if (!detail) return false;
  const job = detail.jobs[0];
  return (
    job?.status === "queued" ||
    job?.status === "running" ||
    detail.tenant.status === "APPROVED" ||
    detail.tenant.status === "PROVISIONING"
  );
}

/** Why the Approve button is disabled, or null when it may be pressed. */
export function approveBlockedReason(input: {
  canApprove: boolean;
  mine: boolean;
  status: string;
  checks: ReadonlyArray<{ ok: boolean; label: string }> | undefined;
  checking: boolean;
}): string | null {
  if (input.mine) return "you requested this tenant; another admin must approve it";
  if (input.status !== "SUBMITTED")
    return `the request is ${input.status.toLowerCase().replaceAll("_", " ")}, not waiting for approval`;
  if (!input.canApprove) return "your role does not include tenant.approve";
  if (input.checking || !input.checks) return "the pre-flight checks are running";
  const failed = input.checks.filter((c) => !c.ok);
  if (failed.length) return `pre-flight check failed: ${failed.map((c) => c.label).join(", ")}`;
  return null;
}

export type StageLag = {
  stage: Stage;
  groupId: string;
  status: string;
  lag: number | null;
  lagSeconds: number | null;
  members: number | null;
};

/** One row per pipeline stage; a stage whose group has no lag sample yet shows NO_DATA. */
export function stageLags(
  slug: string,
  groups: ReadonlyArray<{ groupId: string; status: string; lag: number; lagSeconds: number; members: number }>,
): StageLag[] {
  return STAGES.map((stage) => {
    const groupId = `sync.${slug}.${stage}`;
    const group = groups.find((g) => g.groupId === groupId);
    return group
      ? { stage, groupId, status: group.status, lag: group.lag, lagSeconds: group.lagSeconds, members: group.members }
      : { stage, groupId, status: "NO_DATA", lag: null, lagSeconds: null, members: null };
  });
}

/** "3 of 5 steps" with the percentage for the progress bar. */
export function progressLabel(steps: ReadonlyArray<{ state: string }>): {
  done: number;
  total: number;
  percent: number;
} {
  const done = steps.filter((s) => s.state === "done").length;
  return { done, total: steps.length, percent: steps.length ? Math.round((done / steps.length) * 100) : 100 };
}
