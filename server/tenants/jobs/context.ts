/** What a tenant job's steps work with. */
import "server-only";
import type { Admin } from "kafkajs";
import type { ConnectClient } from "../../connect/connect-client";
import type { PrismaClient } from "../../db/generated/client";

export type TenantRow = Awaited<ReturnType<PrismaClient["tenant"]["findUniqueOrThrow"]>>;

export type JobContext = {
  db: PrismaClient;
  env: Record<string, string | undefined>;
  admin: Admin;
  connect: ConnectClient;
  tenant: TenantRow;
  job: { id: string; kind: string; attempt: number; requestedBy: string; requestedById: string | null };
  /** resolves after `ms`, or rejects once the job's lease is lost */
  wait(ms: number): Promise<void>;
  log(line: string): void;
  timeouts: { connectorMs: number; deploymentsMs: number; groupsMs: number };
};

/** A step does its work idempotently and returns what it did, in words. */
export type StepRun = (ctx: JobContext) => Promise<string>;

/** Polls `check` until it returns a value, or fails with `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  ctx: JobContext,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  describe: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${await describe()} after ${Math.round(timeoutMs / 1000)} s`);
    await ctx.wait(1_000);
  }
}
