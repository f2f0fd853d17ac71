import { z } from "zod";
import { component, json, obj } from "./registry";

const listRowFields = {
  id: z.string(),
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  key: z.string().nullable(),
  entity: z.string().nullable(),
  stage: z.string().nullable(),
  errorClass: z.string(),
  fingerprint: z.string(),
  errorMessage: z.string(),
  attempt: z.number(),
  dueAt: z.string().nullable(),
  writtenAt: z.string(),
  headerFormat: z.string(),
  state: z.string(),
  replayCount: z.number(),
};

export const dlqRecord = component(
  "DeadLetter",
  obj(listRowFields),
  "A dead letter or retry record as listed (no payload)",
);

export const dlqPage = obj({
  items: z.array(dlqRecord),
  nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last"),
});

const shownPayload = z.union([
  obj({ format: z.literal("json"), value: json }),
  obj({ format: z.literal("text"), value: z.string() }),
  obj({ format: z.literal("withheld"), reason: z.string() }),
  obj({ format: z.literal("empty") }),
]);

export const dlqDetail = obj({
  ...listRowFields,
  originalTopic: z.string().nullable(),
  originalPartition: z.number().nullable(),
  originalOffset: z.string().nullable(),
  firstFailedAt: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  payload: shownPayload,
  masked: z.boolean(),
  canUnmask: z.boolean(),
  stateReason: z.string().nullable(),
  stateBy: z.string().nullable(),
  stateAt: z.string().nullable(),
});

export const replayJob = component(
  "ReplayJob",
  obj({
    id: z.string(),
    target: z.string(),
    status: z.string(),
    total: z.number(),
    done: z.number(),
    skipped: z.number(),
    ratePerSec: z.number(),
    createdBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  }),
);

export const replayJobs = obj({ jobs: z.array(replayJob) });

const replayPreview = obj({
  count: z.number(),
  countCapped: z.boolean(),
  sample: z.array(
    obj({
      id: z.string(),
      entity: z.string().nullable(),
      errorClass: z.string(),
      topic: z.string().nullable(),
      skip: z.string().nullable(),
    }),
  ),
  newerApplied: z.array(obj({ id: z.string(), entity: z.string(), messageLsn: z.string(), appliedLsn: z.string() })),
  newerChecked: z.number(),
});

export const replayResult = z.union([
  obj({ dryRun: z.literal(true), preview: replayPreview }),
  obj({ dryRun: z.literal(false), job: replayJob }),
]);

export const replayCanceled = obj({ canceled: z.boolean() });

export const resolveResult = z
  .record(z.string(), z.number())
  .describe("how many records changed, by their new state (resolved or discarded)");

export const retryOverview = obj({
  waiting: z.array(dlqRecord),
  depth: z.number(),
  oldestWaitingAt: z.string().nullable(),
  groups: z.array(
    obj({
      errorClass: z.string(),
      fingerprint: z.string(),
      count: z.number(),
      sample: z.string(),
      maxAttempt: z.number(),
    }),
  ),
  series: z.array(obj({ at: z.string(), depth: z.number(), ageSeconds: z.number() })),
  positionKnown: z.boolean(),
  dlqClasses: z.array(obj({ errorClass: z.string(), count: z.number() })),
});
