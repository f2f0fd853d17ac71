/**
 * A tenant's states (DESIGN.md "Tenants") and which action may start from which state, as data:
 *   SUBMITTED → APPROVED | DECLINED(reason);  DECLINED → SUBMITTED (resubmit)
 *   APPROVED → PROVISIONING → ACTIVE | PROVISION_FAILED (retry → PROVISIONING)
 *   ACTIVE ⇄ SUSPENDED;  ACTIVE | SUSPENDED | PROVISION_FAILED → OFFBOARDED
 */
export const TENANT_STATUSES = [
  "SUBMITTED",
  "APPROVED",
  "DECLINED",
  "PROVISIONING",
  "PROVISION_FAILED",
  "ACTIVE",
  "SUSPENDED",
  "OFFBOARDED",
] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** Tenants whose pipeline exists: health, flow, lag and alerts show these. */
export const LIVE_STATUSES: readonly TenantStatus[] = ["ACTIVE", "SUSPENDED"];

export type TenantAction =
  "approve" | "decline" | "resubmit" | "retry" | "suspend" | "resume" | "offboard" | "settings";

const FROM: Record<TenantAction, readonly TenantStatus[]> = {
  approve: ["SUBMITTED"],
  decline: ["SUBMITTED"],
  resubmit: ["DECLINED"],
  retry: ["PROVISION_FAILED", "ACTIVE", "SUSPENDED"],
  suspend: ["ACTIVE"],
  resume: ["SUSPENDED"],
  offboard: ["ACTIVE", "SUSPENDED", "PROVISION_FAILED"],
  settings: ["SUBMITTED", "DECLINED", "APPROVED", "PROVISIONING", "PROVISION_FAILED", "ACTIVE", "SUSPENDED"],
};

export type Decision = { allowed: true } | { allowed: false; reason: string };

export function decideAction(action: TenantAction, status: TenantStatus): Decision {
  if (FROM[action].includes(status)) return { allowed: true };
  return {
    allowed: false,
    reason: `cannot ${action} a tenant that is ${status}; allowed from ${FROM[action].join(", ")}`,
  };
}

/** Four eyes: whoever asked for a tenant never approves it. */
export function decideApprover(requestedById: string | null, approverId: string): Decision {
  if (requestedById !== null && requestedById === approverId) {
    return { allowed: false, reason: "you requested this tenant; another admin must approve it" };
  }
  return { allowed: true };
}

/** The status a finished job leaves the tenant in (undefined: unchanged). */
export function statusAfterJob(kind: JobKind, outcome: "succeeded" | "failed"): TenantStatus | undefined {
  if (outcome === "failed") return kind === "provision" ? "PROVISION_FAILED" : undefined;
  return ({ provision: "ACTIVE", suspend: "SUSPENDED", resume: "ACTIVE", offboard: "OFFBOARDED" } as const)[kind];
}

export const JOB_KINDS = ["provision", "suspend", "resume", "offboard"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
