/** Request bodies of the deployment API (zod at the edge); processor settings are an allow-list. */
import { z } from "zod";
import { tenantSlugSchema } from "@/lib/contract/tenant-slug";
import { STAGES } from "@/lib/contract/topics";

/** The processor settings a deployment may set (pipeline/shared/processor-config.ts); nothing else reaches a process' environment. */
export const CONFIG_KEYS = [
  "CONSUMER_CONCURRENCY",
  "CONSUMER_MAX_BYTES",
  "CONSUMER_MAX_RATE",
  "CONSUMER_MAX_WAIT_MS",
  "HEARTBEAT_INTERVAL_MS",
  "TRAIL_RETENTION_DAYS",
] as const;
export const MAX_REPLICAS = 12;

const reason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);
const replicas = z
  .number({ error: "replicas must be a number" })
  .int("replicas must be a whole number")
  .min(0)
  .max(MAX_REPLICAS, `at most ${MAX_REPLICAS} replicas`);
const config = z.partialRecord(
  z.enum(CONFIG_KEYS, { error: `config keys are ${CONFIG_KEYS.join(", ")}` }),
  z.string().regex(/^[1-9][0-9]{0,9}$/, "config values are positive integers"),
);

export const createDeploymentInput = z.strictObject({
  environment: z.string().min(1).max(40),
  tenant: tenantSlugSchema(),
  stage: z.enum(STAGES, { error: `stage is one of ${STAGES.join(", ")}` }),
  version: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._+-]{1,60}$/, "version is letters, digits and . _ + - (at most 60)")
    .optional(),
  config: config.optional(),
  replicas: replicas.optional(),
  reason,
});

export const scaleInput = z.strictObject({ replicas, reason: reason.optional() });
export const actionInput = z.strictObject({ reason: reason.optional() });
export const rollbackInput = z.strictObject({
  revision: z.number().int().positive("revision is a positive whole number"),
  reason,
});

export const listDeploymentsQuery = z.object({
  environment: z.string().max(40).optional(),
  tenant: z.string().max(40).optional(),
  stage: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const promoteInput = z.strictObject({
  target: z
    .string({ error: "target is required" })
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "target is a tenant's slug or a pool's name"),
  from: z.string({ error: "from is required" }).min(1, "from names the environment to promote from").max(40),
  to: z.string({ error: "to is required" }).min(1, "to names the environment to promote to").max(40),
  reason,
});
