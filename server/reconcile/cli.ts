/**
 * `npm run reconcile -- --tenant <slug> --source-url postgresql://…/source_<tenant> [--limit N]`
 * compares the tenant's source database with the target (DATABASE_URL) and prints the result as
 * JSON. Exit code 0 = in sync, 1 = differences, 2 = usage or connection error.
 */
import "server-only";
import { parseArgs } from "node:util";
import { z } from "zod";
import { databaseUrlFromEnv } from "../db/client";
import { reconcileTenant } from "./reconcile";

const argsSchema = z.object({
  tenant: z.string({ error: "--tenant <slug> is required" }),
  "source-url": z
    .string({ error: "--source-url <postgresql://…> is required" })
    .regex(/^postgres(ql)?:\/\//, "--source-url must be a postgresql:// URL"),
  limit: z.coerce.number().int().positive().default(1_000),
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { tenant: { type: "string" }, "source-url": { type: "string" }, limit: { type: "string" } },
    strict: true,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    console.error(`reconcile: ${args.error.issues[0]?.message}`);
    return 2;
  }
  const result = await reconcileTenant({
    tenant: args.data.tenant,
    sourceUrl: args.data["source-url"],
    targetUrl: databaseUrlFromEnv(),
    limit: args.data.limit,
  });
  console.log(JSON.stringify(result, null, 2));
  return result.inSync ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`reconcile: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
