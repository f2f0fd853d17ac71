import { z } from "zod";
import { component, json, obj } from "./registry";

export const tenantStatus = component(
  "TenantStatus",
  z.enum([
    "SUBMITTED",
    "APPROVED",
    "DECLINED",
    "PROVISIONING",
    "PROVISION_FAILED",
    "ACTIVE",
    "SUSPENDED",
    "OFFBOARDED",
  ]),
);

const volumePlan = obj({
  partitions: z.number(),
  plannedPerSecond: z.number(),
  explanation: z.string(),
  placement: z
    .union([z.literal("dedicated"), z.templateLiteral(["pool-", z.string()])])
    .describe('where the processors run once approved: "dedicated" or a pool'),
  placementExplanation: z.string().describe("the onboarding placement rule applied to the planned rate, in words"),
});

const jobStep = obj({
  key: z.string(),
  label: z.string(),
  state: z.enum(["failed", "running", "pending", "done"]),
  detail: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  startedAt: z.string().nullable().optional(),
  finishedAt: z.string().nullable().optional(),
  runs: z.number().optional(),
});

export const tenantSummary = component(
  "TenantSummary",
  obj({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: z.string(),
    partitions: z.number(),
    lagSloSeconds: z.number(),
    retentionHours: z.number(),
    expectedDailyChanges: z.number(),
    peakChangesPerSecond: z.number(),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
  }),
);

export const tenantList = obj({
  tenants: z.array(tenantSummary),
  page: z.number().int().describe("1-based page"),
  pageSize: z.number().int(),
  total: z.number().int().describe("rows over all pages"),
});

export const tenantDetail = component(
  "TenantDetail",
  obj({
    tenant: obj({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      status: tenantStatus,
      partitions: z.number(),
      retentionHours: z.number(),
      lagSloSeconds: z.number(),
      expectedDailyChanges: z.number(),
      peakChangesPerSecond: z.number(),
      entities: z.array(z.string()),
      environmentId: z.string().nullable(),
      placement: z.string().describe('"dedicated" or the pool serving the tenant'),
      contacts: z.array(obj({ name: z.string(), email: z.string() })),
      source: z.string(),
      sourceKind: z.enum(["unknown", "external", "managed"]),
      sourceInput: json,
      requestedBy: z.string().nullable(),
      declineReason: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
    plan: volumePlan,
    events: z.array(obj({ at: z.string(), actor: z.string(), kind: z.string(), message: z.string() })),
    jobs: z.array(
      obj({
        id: z.string(),
        kind: z.string(),
        status: z.string(),
        attempt: z.number(),
        error: z.string().nullable(),
        steps: z.array(jobStep),
        progress: z.number(),
        requestedBy: z.string(),
        createdAt: z.string(),
        finishedAt: z.string().nullable(),
        heartbeatAt: z.string().nullable(),
      }),
    ),
    staff: z.array(obj({ email: z.string(), name: z.string(), role: z.string(), disabled: z.boolean() })),
    staffVisible: z.boolean(),
    lag: z.array(
      obj({
        groupId: z.string(),
        lag: z.number(),
        lagSeconds: z.number(),
        status: z.string(),
        members: z.number(),
        updatedAt: z.string(),
      }),
    ),
    offboardPlan: obj({ deleted: z.array(z.string()), kept: z.array(z.string()) }),
    can: obj({
      approve: z.boolean(),
      decline: z.boolean(),
      assignSecret: z.boolean(),
      resubmit: z.boolean(),
      retry: z.boolean(),
      suspend: z.boolean(),
      resume: z.boolean(),
      offboard: z.boolean(),
      settings: z.boolean(),
    }),
  }),
  "A tenant's status, timeline, jobs with their steps, staff, lag, offboarding plan and what the viewer may do",
);

export const tenantRequests = obj({
  approver: z.boolean(),
  requests: z.array(
    obj({
      slug: z.string(),
      name: z.string(),
      status: tenantStatus,
      requestedBy: z.string().nullable(),
      createdAt: z.string(),
      updatedAt: z.string(),
      partitions: z.number(),
      peakChangesPerSecond: z.number(),
      expectedDailyChanges: z.number(),
      environmentId: z.string().nullable(),
      declineReason: z.string().nullable(),
      source: z.string(),
      mine: z.boolean(),
    }),
  ),
});

export const preflight = obj({
  checks: z.array(obj({ key: z.string(), label: z.string(), ok: z.boolean(), detail: z.string() })),
  plan: volumePlan,
});
