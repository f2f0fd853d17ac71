import { z } from "zod";
import { DRIVERS } from "@/server/deployments/environment-input";
import { component, json, obj, timestamp } from "./registry";

export const deploymentState = component(
  "DeploymentState",
  z.enum(["QUEUED", "CANCELED", "PENDING_APPROVAL", "ROLLING_OUT", "SUCCEEDED", "FAILED"]),
);

const deploymentFields = {
  id: z.string(),
  message: z.string().nullable(),
  tenant: z.string(),
  environmentId: z.string(),
  stage: z.string(),
  revision: z.number(),
  action: z.string(),
  version: z.string(),
  config: json,
  replicas: z.number(),
  state: deploymentState,
  reason: z.string(),
  rollbackOf: z.number().nullable(),
  requestedById: z.string().nullable(),
  requestedBy: z.string(),
  approvedBy: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
};

export const deployment = component(
  "Deployment",
  obj(deploymentFields),
  "One revision of a tenant's stage in an environment",
);

const fieldChange = component(
  "FieldChange",
  obj({
    field: z.string(),
    from: z.union([z.string(), z.number()]).nullable(),
    to: z.union([z.string(), z.number()]).nullable(),
  }),
  "What a revision changes against the one before it",
);

const deploymentWithChanges = component(
  "DeploymentWithChanges",
  obj({ ...deploymentFields, changes: z.array(fieldChange) }),
);

export const deploymentList = obj({ deployments: z.array(deploymentWithChanges) });
export const deploymentChange = obj({ deployment, changes: z.array(fieldChange) });
export const deploymentDecision = obj({ deployment });
export const deploymentPromotion = obj({
  deployments: z.array(deployment),
  changes: z.array(obj({ stage: z.string(), changes: z.array(fieldChange) })),
  approval: z.enum(["required", "not required"]).describe("whether the destination's revisions wait for an admin"),
});
export const deploymentDetail = obj({ deployment, history: z.array(deploymentWithChanges) });

const driftField = component(
  "DriftField",
  obj({
    path: z.string().describe("the field of the live object, e.g. spec.replicas"),
    applied: z.string().describe("what SyncDeck applied (JSON)"),
    live: z.string().describe("what the platform holds now (JSON)"),
  }),
  "A field of a target's live object (e.g. its Kubernetes Deployment) changed outside SyncDeck",
);

export const deploymentLogs = obj({
  instances: z.array(
    obj({
      state: z.string(),
      instanceId: z.string(),
      replica: z.number(),
      pid: z.number().nullable(),
      restarts: z.number(),
      logTail: z.string(),
      logNote: z.string().nullable().describe("why logTail is empty, in the platform's words, when it says"),
      reportedAt: timestamp,
    }),
  ),
});

export const environmentList = obj({
  environments: z.array(
    obj({
      id: z.string(),
      name: z.string(),
      driver: z.string(),
      protected: z.boolean(),
      agentSeenAt: timestamp.nullable(),
    }),
  ),
});

export const createdEnvironment = obj({
  environment: obj({
    id: z.string(),
    title: z.string(),
    driver: z.enum(DRIVERS),
    settings: z.record(z.string(), z.string()),
    protected: z.boolean(),
  }),
  agentToken: z
    .string()
    .describe("the environment agent's token (SYNCDECK_AGENT_TOKEN), shown this once; only its hash is kept"),
});

export const done = obj({ ok: z.boolean() });

export const environmentStatus = obj({
  environment: obj({
    id: z.string(),
    name: z.string(),
    driver: z.string(),
    protected: z.boolean(),
    agentSeenAt: timestamp.nullable(),
    agentReporting: z.boolean(),
  }),
  targets: z.array(
    obj({
      permissions: obj({
        deploy: z.boolean(),
        approve: z.boolean(),
        environmentDenied: z
          .string()
          .nullable()
          .describe("why the viewer may change nothing in this environment (limited to others); null when they may"),
      }),
      environmentId: z.string(),
      tenant: z.string().describe("the dedicated tenant's slug, or the pool's name (pool-…)"),
      stage: z.string(),
      pool: z.boolean().describe("the target is a pool: one processor per stage serving several tenants"),
      tenants: z
        .array(z.string())
        .describe("the tenants the target serves that the caller may read (a pool's ACTIVE tenants)"),
      otherTenants: z.number().describe("tenants of the pool the caller may not read, counted, not named"),
      groups: z
        .array(obj({ tenant: z.string(), groupId: z.string(), members: z.number().nullable() }))
        .describe("one consumer group per listed tenant, with its members as last sampled"),
      desired: deployment,
      inFlight: deployment.nullable(),
      status: obj({
        health: z.enum(["Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"]),
        sync: z.enum(["Synced", "OutOfSync"]),
        reason: z.string(),
        running: z.number(),
        ready: z.number(),
        drift: z
          .array(driftField)
          .describe("fields changed outside SyncDeck (then sync is OutOfSync); empty when none or unknown"),
      }),
      groupMembers: z.number().nullable().describe("the fewest members of the target's groups; null when unsampled"),
      instances: z.array(
        obj({
          instanceId: z.string(),
          replica: z.number(),
          revision: z.number(),
          state: z.string(),
          pid: z.number().nullable(),
          restarts: z.number(),
          startedAt: timestamp.nullable(),
          lastExit: z.string().nullable(),
          lastExitAt: timestamp.nullable(),
          lastBeatAt: timestamp.nullable(),
          ready: z.boolean(),
        }),
      ),
    }),
  ),
});
