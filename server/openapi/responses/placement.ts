import { z } from "zod";
import { MOVE_STEPS } from "@/server/tenants/move/move-steps";
import { component, obj } from "./registry";

export const tenantMove = component(
  "TenantMove",
  obj({
    id: z.string(),
    tenant: z.string(),
    environment: z.string(),
    from: z.string(),
    to: z.string(),
    state: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]),
    step: z.enum(MOVE_STEPS),
    steps: z.array(obj({ step: z.enum(MOVE_STEPS), status: z.enum(["done", "current", "failed", "pending"]) })),
    percent: z.number(),
    message: z.string(),
    requestedBy: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  }),
);

export const tenantMoves = obj({
  placement: z.string(),
  moves: z.array(tenantMove),
  cannotMove: z.string().nullable().describe("why the caller may not move the tenant; null when they may"),
});
