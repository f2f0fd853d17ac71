/**
 * What a tenant job leaves behind besides its steps: the tenant's timeline (started, taken over,
 * done or failed), the tenant's status after it, and the audit log. Jobs act for whoever started
 * them (the approver, the admin who suspended); the role says a job did it.
 */
import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import { statusAfterJob, type JobKind } from "../lifecycle";
import type { JobStep } from "../job-steps";
import type { TenantRow } from "./context";
import { LeaseLost } from "./lease";

const SYSTEM_ROLE = "tenant job";
const DONE_EVENT: Record<JobKind, string> = {
  provision: "provisioned",
  suspend: "suspended",
  resume: "resumed",
  offboard: "offboarded",
};

export type JobRow = { id: string; attempt: number; requestedBy: string; requestedById: string | null };

/** One run of a job by one worker: the job, its tenant, and who holds it. */
export type JobRun = { job: JobRow; tenant: TenantRow; kind: JobKind; owner: string };

export const jobTarget = (tenant: TenantRow) => `tenant:${tenant.slug}`;

export function auditJob(run: JobRun, action: string, after: object, writer: Pick<PrismaClient, "auditEvent">) {
  const { job, tenant, owner } = run;
  return writer.auditEvent.create({
    data: {
      actorId: job.requestedById,
      actorEmail: job.requestedBy,
      actorRole: SYSTEM_ROLE,
      tenantId: tenant.id,
      action,
      target: jobTarget(tenant),
      after,
      requestId: job.id,
      sourceAddress: owner.slice(0, 64),
    },
  });
}

/** The timeline's first word on this run: taken over from a worker that stopped renewing, or (a first provisioning) started. */
export async function recordJobStart(
  db: PrismaClient,
  run: JobRun,
  claimed: { was: string; previousOwner: string | null },
  nextLabel: string,
): Promise<void> {
  const { job, tenant, kind, owner } = run;
  if (claimed.was === "running") {
    const message = `${owner} took the ${kind} job over: ${claimed.previousOwner ?? "its worker"} stopped renewing its lease; continuing from "${nextLabel}"`;
    await db.tenantEvent.create({
      data: { tenantId: tenant.id, actor: job.requestedBy, kind: "taken_over", message: message.slice(0, 1000) },
    });
  } else if (kind === "provision") {
    await db.$transaction([
      db.tenant.update({ where: { id: tenant.id }, data: { status: "PROVISIONING" } }),
      db.tenantEvent.create({
        data: {
          tenantId: tenant.id,
          actor: job.requestedBy,
          kind: "provisioning",
          message: `provisioning started (attempt ${job.attempt})`,
        },
      }),
    ]);
  }
}

/** Ends the job in one transaction (steps, outcome, the tenant's status, timeline, audit); throws LeaseLost when it was taken over. */
export async function finishJob(
  db: PrismaClient,
  run: JobRun,
  steps: JobStep[],
  outcome: "succeeded" | "failed",
  error: string | null,
): Promise<void> {
  const { job, tenant, kind, owner } = run;
  const status = statusAfterJob(kind, outcome);
  await db.$transaction(async (tx) => {
    const done = await tx.tenantJob.updateMany({
      where: { id: job.id, leaseOwner: owner },
      data: { steps, status: outcome, error, finishedAt: new Date(), leaseOwner: null },
    });
    if (done.count !== 1) throw new LeaseLost(`job ${job.id} was taken over`);
    if (status) await tx.tenant.update({ where: { id: tenant.id }, data: { status } });
    const message =
      outcome === "succeeded"
        ? `${kind} done${status ? `: the tenant is ${status}` : ""}`
        : `${kind} failed at ${error}`;
    await tx.tenantEvent.create({
      data: {
        tenantId: tenant.id,
        actor: job.requestedBy,
        kind: outcome === "succeeded" ? DONE_EVENT[kind] : `${kind}_failed`,
        message: message.slice(0, 1000),
      },
    });
    await auditJob(run, `tenant.${kind}.${outcome}`, { status: status ?? tenant.status, error }, tx);
  });
}
