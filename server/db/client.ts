/**
 * The process's one Prisma client, for the console's server code, its workers, the `syncdeck`
 * command and the scripts (the last run with `--conditions=react-server`, under which the
 * `server-only` marker is empty, as it is in the command's bundle).
 *
 * One client per process: each owns a pg pool (up to 10 connections), and `next dev` re-evaluates
 * modules on every hot reload — a client per evaluation would exhaust Postgres' connections
 * within minutes. The instance therefore lives on `globalThis`, which survives reloads.
 */
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { z } from "zod";
import { PrismaClient } from "./generated/client";
import { statementName } from "./named-statements";

const databaseEnv = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set; it must be the PostgreSQL connection URL (postgresql://…)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection URL"),
});

/** The validated connection URL; throws a message that never echoes the URL (it holds a password). */
export function databaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  const parsed = databaseEnv.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "DATABASE_URL is invalid");
  return parsed.data.DATABASE_URL;
}

const holder = globalThis as typeof globalThis & { __syncdeckPrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  holder.__syncdeckPrisma ??= new PrismaClient({
    // Registered hot statements go out named (prepared once per connection); adapter-pg hands the
    // result to pg as the query's name, where undefined means unnamed, as without a generator.
    adapter: new PrismaPg(
      { connectionString: databaseUrlFromEnv() },
      { statementNameGenerator: (query) => statementName(query.sql) as string },
    ),
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) fail short bursts of load
    // that Postgres itself rides out; wait longer before giving up on a transaction.
    transactionOptions: { maxWait: 10_000, timeout: 30_000 },
  });
  return holder.__syncdeckPrisma;
}

/** Closes the pool (end of a script, worker shutdown, test teardown); the next getPrisma() reconnects. */
export async function disconnectPrisma(): Promise<void> {
  const client = holder.__syncdeckPrisma;
  holder.__syncdeckPrisma = undefined;
  await client?.$disconnect();
}
