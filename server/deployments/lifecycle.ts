/**
 * A deployment's lifecycle (DESIGN.md "Deployments"):
 *
 *   PENDING_APPROVAL → QUEUED → ROLLING_OUT → SUCCEEDED | FAILED | CANCELED
 *
 * PENDING_APPROVAL only in protected environments; CANCELED from any state before the rollout
 * finished (a refused approval, a cancel, or a newer deployment that replaced an unfinished one).
 * At most one deployment per target is *in flight* (not yet finished).
 */
export const DEPLOYMENT_STATES = [
  "PENDING_APPROVAL",
  "QUEUED",
  "ROLLING_OUT",
  "SUCCEEDED",
  "FAILED",
  "CANCELED",
] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export const DEPLOYMENT_ACTIONS = ["deploy", "scale", "restart", "stop", "rollback", "promote"] as const;
export type DeploymentAction = (typeof DEPLOYMENT_ACTIONS)[number];

const NEXT: Record<DeploymentState, readonly DeploymentState[]> = {
  PENDING_APPROVAL: ["QUEUED", "CANCELED"],
  QUEUED: ["ROLLING_OUT", "CANCELED"],
  ROLLING_OUT: ["SUCCEEDED", "FAILED", "CANCELED"],
  SUCCEEDED: [],
  FAILED: [],
  CANCELED: [],
};

export const IN_FLIGHT_STATES: readonly DeploymentState[] = ["PENDING_APPROVAL", "QUEUED", "ROLLING_OUT"];

export function isInFlight(state: DeploymentState): boolean {
  return IN_FLIGHT_STATES.includes(state);
}

export function canTransition(from: DeploymentState, to: DeploymentState): boolean {
  return NEXT[from].includes(to);
}

/** The state a new deployment starts in. */
export function initialState(environmentProtected: boolean): DeploymentState {
  return environmentProtected ? "PENDING_APPROVAL" : "QUEUED";
}

export type ApprovalDecision = { allowed: true } | { allowed: false; reason: string };

/** Four eyes: whoever approves a deployment to a protected environment did not request it. */
export function decideApproval(
  deployment: { state: DeploymentState; requestedById: string | null },
  approverId: string,
): ApprovalDecision {
  if (deployment.state !== "PENDING_APPROVAL")
    return { allowed: false, reason: `the deployment is ${deployment.state}, not waiting for approval` };
  if (deployment.requestedById === approverId)
    return { allowed: false, reason: "a deployment needs the approval of someone other than its requester" };
  return { allowed: true };
}
