/**
 * One replay job's work: read the next records of its selection in id order (the job's cursor),
 * produce them, then mark them replayed and move the cursor in one transaction. A crash between
 * produce and commit re-sends one batch on resume — harmless, the apply is idempotent. The job is
 * claimed and kept by the replay worker (server/workers/dlq-replay.worker.ts).
 */
import "server-only";
import type { Producer } from "kafkajs";
import pg from "pg";
import { parseRetrySchedule } from "@/lib/contract/retry-schedule";
import { planReplay, rateLimitWaitMs, type ReplayRow, type ReplayTarget } from "./replay-message";
import { selectionToSql, type FrozenSelection } from "./replay-selection";

export interface ReplayJobRow {
  id: string;
  tenant: string;
  target: ReplayTarget;
  selection: FrozenSelection;
  rate_per_sec: number;
  cursor: string;
  done: number;
  skipped: number;
  created_by: string;
}

export const REPLAY_ROW_COLUMNS = `id::text, tenant, topic, partition, "offset"::text AS offset, key, entity, error_class AS "errorClass",
  error_message AS "errorMessage", original_topic AS "originalTopic", original_partition AS "originalPartition",
  original_offset::text AS "originalOffset", first_failed_at AS "firstFailedAt", payload`;

export type ReplayDeps = {
  pool: pg.Pool;
  producer: Producer;
  batchSize?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
};

/** One batch of a job; returns false when the selection is exhausted. */
export async function replayBatch(
  deps: ReplayDeps,
  job: ReplayJobRow,
  batchSize: number,
): Promise<{ more: boolean; sent: number; skipped: number }> {
  const where = selectionToSql(job.tenant, job.selection, job.cursor);
  const { rows } = await deps.pool.query<ReplayRow>(
    `SELECT ${REPLAY_ROW_COLUMNS} FROM dlq_messages WHERE ${where.sql} ORDER BY dlq_messages.id LIMIT ${batchSize}`,
    where.params,
  );
  if (rows.length === 0) return { more: false, sent: 0, skipped: 0 };
  const now = deps.now?.() ?? new Date();
  const { delaysMs } = parseRetrySchedule(process.env);
  const byTopic = new Map<string, NonNullable<Parameters<Producer["send"]>[0]["messages"]>>();
  const sentIds: string[] = [];
  let skipped = 0;
  for (const row of rows) {
    const plan = planReplay(row, job.target, now, delaysMs);
    if (plan.kind === "skip") {
      skipped += 1;
      continue;
    }
    sentIds.push(row.id);
    const list = byTopic.get(plan.topic);
    if (list) list.push(plan.message);
    else byTopic.set(plan.topic, [plan.message]);
  }
  if (byTopic.size) {
    await deps.producer.sendBatch({
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      acks: -1,
    });
  }
  const last = rows[rows.length - 1]!.id;
  const client = await deps.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `UPDATE dlq_messages SET state = 'replayed', state_at = now(), state_by = $2, state_reason = $3, replay_count = replay_count + 1
       WHERE id = ANY($1::bigint[])`,
      [sentIds, job.created_by, `replay job ${job.id} (${job.target})`],
    );
    await client.query(
      `UPDATE dlq_replay_jobs SET cursor = $2::bigint, done = done + $3, skipped = skipped + $4, heartbeat_at = now() WHERE id = $1::uuid`,
      [job.id, last, sentIds.length, skipped],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  job.cursor = last;
  job.done += sentIds.length;
  job.skipped += skipped;
  return { more: rows.length === batchSize, sent: sentIds.length, skipped };
}

async function jobStatus(pool: pg.Pool, id: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ status: string }>("SELECT status FROM dlq_replay_jobs WHERE id = $1::uuid", [id]);
  return rows[0]?.status;
}

/** Runs a claimed job to its end (or until it is canceled), at most `rate_per_sec` messages a second. */
export async function runReplayJob(deps: ReplayDeps, job: ReplayJobRow): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const batchSize = Math.max(1, Math.min(deps.batchSize ?? 2_000, job.rate_per_sec));
  const started = Date.now();
  const startDone = job.done + job.skipped;
  try {
    for (;;) {
      if ((await jobStatus(deps.pool, job.id)) !== "running") return; // canceled
      const { more } = await replayBatch(deps, job, batchSize);
      if (!more) break;
      await sleep(rateLimitWaitMs(job.done + job.skipped - startDone, job.rate_per_sec, Date.now() - started));
    }
    await deps.pool.query(
      "UPDATE dlq_replay_jobs SET status = 'succeeded', finished_at = now() WHERE id = $1::uuid AND status = 'running'",
      [job.id],
    );
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    await deps.pool.query(
      "UPDATE dlq_replay_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1::uuid",
      [job.id, message.slice(0, 1_000)],
    );
  }
}
