import "server-only";
import { z } from "zod";
import type { Viewer } from "@/server/auth/access";
import { recordAudit, type RequestContext } from "@/server/audit/record-audit";
import { getPrisma } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { parseRetrySchedule } from "@/lib/contract/retry-schedule";
import { planReplay, type ReplayRow } from "./replay-message";
import { replayBodySchema, resolveBodySchema } from "./replay-body";
import { selectionToSql, type Selection } from "./replay-selection";
import { REPLAY_ROW_COLUMNS } from "./replay-job";
import type { Tenant } from "@/server/auth/resolve-tenant";

/** A dry run counts at most this many records; beyond it the UI says "more than". */
const COUNT_CAP = 1_000_000;
/** The newer-change check looks at this many records of the selection (oldest first). */
const NEWER_CHECK_LIMIT = 2_000;

export type ReplayPreview = {
  count: number;
  countCapped: boolean;
  sample: Array<{ id: string; entity: string | null; errorClass: string; topic: string | null; skip: string | null }>;
  newerApplied: Array<{ id: string; entity: string; messageLsn: string; appliedLsn: string }>;
  newerChecked: number;
};

export type ReplayJobView = {
  id: string;
  target: string;
  status: string;
  total: number;
  done: number;
  skipped: number;
  ratePerSec: number;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
};

const db = () => getPrisma();

async function countSelection(
  tenant: string,
  selection: Selection,
): Promise<{ count: number; capped: boolean; maxId: string | null }> {
  const where = selectionToSql(tenant, selection);
  const rows = await db().$queryRawUnsafe<Array<{ n: bigint; max_id: string | null }>>(
    `SELECT count(*) AS n, max(id)::text AS max_id FROM (SELECT id FROM dlq_messages WHERE ${where.sql} LIMIT ${COUNT_CAP + 1}) s`,
    ...where.params,
  );
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP, maxId: rows[0]?.max_id ?? null };
}

/** Records whose entity already has a newer (or the same) change applied in the target: replaying them changes nothing. */
async function newerApplied(tenant: string, selection: Selection) {
  const where = selectionToSql(tenant, selection);
  const t = `$${where.params.length + 1}`;
  return db().$queryRawUnsafe<ReplayPreview["newerApplied"]>(
    `SELECT d.id::text AS id, d.entity, d.source_lsn::text AS "messageLsn", coalesce(m.source_lsn, c.source_lsn)::text AS "appliedLsn"
     FROM (SELECT id, entity, source_lsn FROM dlq_messages WHERE ${where.sql} AND source_lsn IS NOT NULL ORDER BY id LIMIT ${NEWER_CHECK_LIMIT}) d
     LEFT JOIN target_members m ON d.entity LIKE 'member:%' AND m.tenant = ${t} AND m.member_id = substr(d.entity, 8)
     LEFT JOIN target_claims c ON d.entity LIKE 'claim:%' AND c.tenant = ${t} AND c.claim_id = substr(d.entity, 7)
     WHERE coalesce(m.source_lsn, c.source_lsn) >= d.source_lsn ORDER BY d.id LIMIT 200`,
    ...where.params,
    tenant,
  );
}

export async function previewReplay(tenant: string, body: z.infer<typeof replayBodySchema>): Promise<ReplayPreview> {
  const where = selectionToSql(tenant, body.selection);
  const [counted, sampleRows, newer] = await Promise.all([
    countSelection(tenant, body.selection),
    db().$queryRawUnsafe<ReplayRow[]>(
      `SELECT ${REPLAY_ROW_COLUMNS} FROM dlq_messages WHERE ${where.sql} ORDER BY dlq_messages.id LIMIT 20`,
      ...where.params,
    ),
    newerApplied(tenant, body.selection),
  ]);
  const now = new Date();
  return {
    count: counted.count,
    countCapped: counted.capped,
    sample: sampleRows.map((row) => {
      const plan = planReplay(
        { ...row, payload: row.payload ? Buffer.from(row.payload) : null },
        body.target,
        now,
        parseRetrySchedule(process.env).delaysMs,
      );
      return {
        id: row.id,
        entity: row.entity,
        errorClass: row.errorClass,
        topic: plan.kind === "send" ? plan.topic : null,
        skip: plan.kind === "skip" ? plan.reason : null,
      };
    }),
    newerApplied: newer,
    newerChecked: Math.min(counted.count, NEWER_CHECK_LIMIT),
  };
}

type Writer = Pick<ReturnType<typeof getPrisma>, "dlqReplayJob">;

export async function createReplayJobForTenant(
  tenant: string,
  createdBy: string,
  body: z.infer<typeof replayBodySchema>,
  writer: Writer = db(),
): Promise<ReplayJobView> {
  const counted = await countSelection(tenant, body.selection);
  if (counted.count === 0 || counted.maxId === null)
    throw new AppError("BAD_REQUEST", "the selection matches no dead-letter messages");
  const job = await writer.dlqReplayJob.create({
    data: {
      tenant,
      target: body.target,
      selection: { ...body.selection, maxId: counted.maxId },
      ratePerSec: body.ratePerSec,
      total: counted.count,
      createdBy,
    },
  });
  return toJobView(job);
}

function toJobView(job: Awaited<ReturnType<ReturnType<typeof getPrisma>["dlqReplayJob"]["create"]>>): ReplayJobView {
  return {
    id: job.id,
    target: job.target,
    status: job.status,
    total: job.total,
    done: job.done,
    skipped: job.skipped,
    ratePerSec: job.ratePerSec,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
  };
}

/**
 * POST …/dlq/replay: a dry run (nothing changes) or a queued replay job. Replay, cancel, resolve
 * and discard each commit together with their audit record: no change without its record, no
 * record of a change that did not happen. These take a tenant resolved for the viewer with dlq.replay
 * (dlq.read to list the jobs).
 */
export async function replayDlq(viewer: Viewer, context: RequestContext, tenant: Tenant, input: unknown) {
  const body = replayBodySchema.parse(input);
  if (body.dryRun) return { dryRun: true as const, preview: await previewReplay(tenant.slug, body) };
  const job = await db().$transaction(async (tx) => {
    const created = await createReplayJobForTenant(tenant.slug, viewer.email, body, tx);
    await recordAudit(
      viewer,
      context,
      {
        action: "dlq.replay",
        target: `replay job ${created.id}`,
        tenantId: tenant.id,
        after: { target: body.target, selection: body.selection, total: created.total, ratePerSec: body.ratePerSec },
      },
      tx,
    );
    return created;
  });
  return { dryRun: false as const, job };
}

export async function listReplayJobs(tenant: Tenant): Promise<{ jobs: ReplayJobView[] }> {
  const jobs = await db().dlqReplayJob.findMany({
    where: { tenant: tenant.slug },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
  return { jobs: jobs.map(toJobView) };
}

export async function cancelReplayJob(viewer: Viewer, context: RequestContext, tenant: Tenant, jobId: string) {
  if (!z.uuid().safeParse(jobId).success) throw new AppError("BAD_REQUEST", "the job id must be a UUID");
  await db().$transaction(async (tx) => {
    const result = await tx.dlqReplayJob.updateMany({
      where: { id: jobId, tenant: tenant.slug, status: { in: ["queued", "running"] } },
      data: { status: "canceled", finishedAt: new Date() },
    });
    if (result.count === 0)
      throw new AppError("CONFLICT", "no queued or running replay job with that id in this tenant");
    await recordAudit(
      viewer,
      context,
      { action: "dlq.replay_cancel", target: `replay job ${jobId}`, tenantId: tenant.id },
      tx,
    );
  });
  return { canceled: true };
}

/**
 * Resolve (the cause was handled elsewhere) or discard (the change is not wanted) with a reason:
 * the records leave the default view; the Kafka records stay where they are.
 */
export async function resolveDlq(viewer: Viewer, context: RequestContext, tenant: Tenant, input: unknown) {
  const body = resolveBodySchema.parse(input);
  const where = selectionToSql(tenant.slug, {
    ...body.selection,
    filter: body.selection.filter && { ...body.selection.filter, state: "open" },
  });
  const n = where.params.length;
  const state = body.action === "resolve" ? "resolved" : "discarded";
  const changed = await db().$transaction(async (tx) => {
    const count = await tx.$executeRawUnsafe(
      `UPDATE dlq_messages SET state = $${n + 1}, state_reason = $${n + 2}, state_by = $${n + 3}, state_at = now()
       WHERE ${where.sql} AND state <> $${n + 1}`,
      ...where.params,
      state,
      body.reason,
      viewer.email,
    );
    await recordAudit(
      viewer,
      context,
      {
        action: `dlq.${body.action}`,
        target: `${count} dead-letter message(s)`,
        tenantId: tenant.id,
        after: { selection: body.selection, reason: body.reason, count },
      },
      tx,
    );
    return count;
  });
  return { [state]: changed };
}
