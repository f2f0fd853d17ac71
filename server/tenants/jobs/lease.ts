/**
 * A tenant job is held by a lease: the worker that claimed it renews it with every write, and every
 * write is conditional on still holding it. A worker that stops renewing (killed mid-step) loses the
 * job to another after the stale time; it continues from the first step not done.
 */
import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import type { JobStep } from "../job-steps";

/** The job was taken over (or the worker is stopping): stop working on it, write nothing more. */
export class LeaseLost extends Error {}

export type ClaimedJob = { id: string; was: string; previousOwner: string | null };

/** The oldest job that is queued or whose worker stopped renewing its lease; `was` tells which. */
export async function claimTenantJob(
  db: PrismaClient,
  owner: string,
  staleMs: number,
): Promise<ClaimedJob | undefined> {
  const rows = await db.$queryRaw<ClaimedJob[]>`
    WITH picked AS (
      SELECT id, status, lease_owner FROM tenant_jobs
      WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}))
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    UPDATE tenant_jobs t SET status = 'running', heartbeat_at = now(), lease_owner = ${owner}
    FROM picked WHERE t.id = picked.id
    RETURNING t.id::text AS id, picked.status AS was, picked.lease_owner AS "previousOwner"`;
  return rows[0];
}

/** Writes the job's steps (or nothing) and renews the lease; throws LeaseLost when another worker holds it. */
export async function saveHeldJob(
  db: PrismaClient,
  jobId: string,
  owner: string,
  data: { steps?: JobStep[] },
): Promise<void> {
  const saved = await db.tenantJob.updateMany({
    where: { id: jobId, leaseOwner: owner },
    data: { ...data, heartbeatAt: new Date() },
  });
  if (saved.count !== 1) throw new LeaseLost(`job ${jobId} was taken over`);
}

/** Stopping on purpose: hands the job over at once instead of after the lease runs out. */
export async function handOverJob(db: PrismaClient, jobId: string, owner: string): Promise<void> {
  await db.tenantJob.updateMany({
    where: { id: jobId, leaseOwner: owner },
    data: { heartbeatAt: new Date(0), leaseOwner: null },
  });
}
