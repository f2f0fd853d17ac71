/**
 * The simulator's settings, from flags or the environment (flags win), validated with zod.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { assertTenantSlug } from "@/lib/contract/tenant-slug";
import { parseBurst } from "./rate";

const configSchema = z.object({
  tenant: z.string().transform((slug, ctx) => {
    try {
      return assertTenantSlug(slug);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  sourceUrl: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  rate: z.coerce.number().positive().max(100_000).default(50),
  faultRate: z.coerce.number().min(0).max(1).default(0),
  burst: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === "") return undefined;
      try {
        return parseBurst(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  seed: z.coerce.number().int().optional(),
  /** Changes per transaction at most: small, like an application's own transactions. */
  transactionSize: z.coerce.number().int().min(1).max(1_000).default(10),
});

export type SimulatorConfig = z.infer<typeof configSchema>;

export function parseConfig(argv: string[], env: Record<string, string | undefined>): SimulatorConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: { type: "string" },
      "source-url": { type: "string" },
      rate: { type: "string" },
      "fault-rate": { type: "string" },
      burst: { type: "string" },
      seed: { type: "string" },
      "transaction-size": { type: "string" },
    },
  });
  const result = configSchema.safeParse({
    tenant: values.tenant ?? env.SIMULATOR_TENANT,
    sourceUrl: values["source-url"] ?? env.SOURCE_DATABASE_URL,
    rate: values.rate ?? env.SIMULATOR_RATE,
    faultRate: values["fault-rate"] ?? env.SIMULATOR_FAULT_RATE,
    burst: values.burst ?? env.SIMULATOR_BURST,
    seed: values.seed ?? env.SIMULATOR_SEED,
    transactionSize: values["transaction-size"] ?? env.SIMULATOR_TRANSACTION_SIZE,
  });
  if (!result.success) {
    throw new Error(
      `invalid simulator settings: ${result.error.issues.map((issue) => `${issue.path.join(".") || "?"}: ${issue.message}`).join("; ")}`,
    );
  }
  return result.data;
}
