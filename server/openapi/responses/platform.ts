import { z } from "zod";
import { clusterState, samplerInfo } from "./lag";
import { obj } from "./registry";

const componentStatus = z.union([
  obj({ state: z.literal("up"), detail: z.string(), latencyMs: z.number() }),
  obj({ state: z.literal("down"), detail: z.string() }),
]);

export const platformStatus = obj({
  kafka: componentStatus,
  connect: componentStatus,
  database: componentStatus,
  checkedAt: z.string(),
  clusters: z.array(clusterState).describe("every Kafka cluster as the lag sampler last found it, the default first"),
});

export const healthz = obj({ ok: z.literal(true) });

export const readiness = obj({
  ready: z.boolean(),
  checks: z.array(
    obj({ name: z.enum(["database", "migrations", "kafka"]), ok: z.boolean(), reason: z.string(), ms: z.number() }),
  ),
});

export const tenantPipeline = obj({
  tenant: obj({ id: z.string(), slug: z.string(), name: z.string(), status: z.string(), lagSloSeconds: z.number() }),
  stages: z.array(
    obj({
      stage: z.enum(["cdc-processor", "update-processor", "retry-processor"]),
      groupId: z.string(),
      status: z.enum(["OK", "WARN", "REWIND", "STALL", "STOP", "ERR", "NO_DATA"]),
      reason: z.string(),
      lag: z.number(),
      lagSeconds: z.number(),
      members: z.number(),
      instances: obj({ alive: z.number(), total: z.number(), lastError: z.string().nullable() }),
      inPerSecond: z.number(),
      outPerSecond: z.number(),
      series: z.array(obj({ at: z.string(), inPerSecond: z.number(), outPerSecond: z.number() })),
    }),
  ),
  depth: obj({ retry: z.number().nullable(), retryLostToRetention: z.number().nullable(), dlq: z.number().nullable() }),
  warnings: z.array(z.string()),
  latency: obj({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    p99: z.number().nullable(),
    samples: z.number(),
  }),
  sampler: samplerInfo,
});

/** The document itself: described loosely, it is its own reference. */
export const openApiJson = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
