/** The deployment API's JSON as the browser sees it (dates are ISO strings). */
import type { DriftFieldJson } from "./drift-words";

export type Health = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";

export type DeploymentJson = {
  id: string;
  environmentId: string;
  tenant: string;
  stage: string;
  revision: number;
  action: string;
  version: string;
  config: Record<string, string>;
  replicas: number;
  state: string;
  reason: string;
  rollbackOf: number | null;
  requestedBy: string;
  requestedById: string | null;
  approvedBy: string | null;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type TargetJson = {
  environmentId: string;
  /** the dedicated tenant's slug, or the pool's name */
  tenant: string;
  stage: string;
  pool: boolean;
  /** the served tenants the viewer may read; otherTenants counts the rest of a pool */
  tenants: string[];
  otherTenants: number;
  /** one consumer group per listed tenant */
  groups: Array<{ tenant: string; groupId: string; members: number | null }>;
  desired: DeploymentJson;
  inFlight: DeploymentJson | null;
  status: {
    health: Health;
    sync: "Synced" | "OutOfSync";
    reason: string;
    running: number;
    ready: number;
    /** fields changed outside SyncDeck, e.g. with kubectl */
    drift: DriftFieldJson[];
  };
  groupMembers: number | null;
  instances: Array<{
    instanceId: string;
    replica: number;
    revision: number;
    state: string;
    pid: number | null;
    restarts: number;
    lastExit: string | null;
    ready: boolean;
  }>;
  permissions: { deploy: boolean; approve: boolean; environmentDenied: string | null };
};

export type EnvironmentStatusJson = {
  environment: {
    id: string;
    name: string;
    driver: string;
    protected: boolean;
    agentSeenAt: string | null;
    agentReporting: boolean;
  };
  targets: TargetJson[];
};

export type HistoryJson = DeploymentJson & {
  changes: Array<{ field: string; from: string | number | null; to: string | number | null }>;
};

/** GET /api/tenants/{slug}/placement (server/tenants/move/service.ts) */
export type TenantMoveJson = {
  id: string;
  tenant: string;
  environment: string;
  from: string;
  to: string;
  state: "RUNNING" | "SUCCEEDED" | "FAILED";
  step: "release" | "consume" | "catch-up" | "done";
  steps: Array<{ step: TenantMoveJson["step"]; status: "done" | "current" | "failed" | "pending" }>;
  percent: number;
  message: string;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
};
export type TenantPlacementJson = { placement: string; moves: TenantMoveJson[]; cannotMove: string | null };
