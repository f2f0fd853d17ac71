import { z } from "zod";
import { component, obj } from "./registry";

const entityProgress = obj({
  chunks: z.number(),
  chunksDone: z.number(),
  sourceCount: z.number(),
  targetCount: z.number(),
  sourceChecksum: z.string().nullable(),
  targetChecksum: z.string().nullable(),
  missing: z.number(),
  extra: z.number(),
  different: z.number(),
  settled: z.number().optional(),
});

export const reconcileRun = component(
  "ReconcileRun",
  obj({
    id: z.string(),
    status: z.string(),
    requestedBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    percent: z.number(),
    differences: z.number(),
    error: z.string().nullable(),
    entities: z.record(z.string(), entityProgress),
  }),
);

export const reconcileOverview = obj({
  runs: z.array(reconcileRun),
  canRun: z.string().nullable(),
  canResync: z.string().nullable(),
});
export const reconcileStarted = obj({
  run: reconcileRun,
  created: z.boolean().describe("false when a run was already queued or running: that one is returned"),
});
export const reconcileDifferences = obj({
  differences: z.array(
    obj({
      entity: z.string(),
      entityId: z.string(),
      kind: z.string(),
      memberId: z.string().nullable(),
      sourceVersion: z.string().nullable(),
      targetVersion: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
