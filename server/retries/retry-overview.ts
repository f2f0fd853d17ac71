import "server-only";
import { z } from "zod";
import { getPrisma } from "@/server/db/client";
import { getSharedAdmin, retryRetriable } from "@/lib/kafka/client";
import { consumerGroup, tenantTopics } from "@/lib/contract/topics";
import { LIST_COLUMNS, toListRow, type DlqListRow } from "./dlq-page";
import type { Tenant } from "@/server/auth/resolve-tenant";

export type FailureGroup = {
  errorClass: string;
  fingerprint: string;
  count: number;
  sample: string;
  maxAttempt: number;
};
export type RetryOverview = {
  waiting: DlqListRow[];
  depth: number;
  oldestWaitingAt: string | null;
  groups: FailureGroup[];
  series: Array<{ at: string; depth: number; ageSeconds: number }>;
  /** false when the retry-processor's position could not be read: then only not-yet-due records count */
  positionKnown: boolean;
  dlqClasses: Array<{ errorClass: string; count: number }>;
};

export const overviewQuery = z.object({ range: z.enum(["15m", "1h", "6h"]).default("1h") }).strict();
const MINUTES = { "15m": 15, "1h": 60, "6h": 360 } as const;

export type RetryPosition = { topic: string; partition: number; offset: string };

/** The tenant's retry topics (every tier, and the legacy one while it exists). */
async function retryTopicsOf(slug: string): Promise<string[]> {
  const admin = await getSharedAdmin();
  const pattern = tenantTopics(slug).retryPattern;
  return (await retryRetriable(() => admin.listTopics())).filter((t) => pattern.test(t)).sort();
}

/** Per retry topic partition, the retry-processor's committed offset: records at or past it are still waiting. */
async function retryPositions(slug: string): Promise<RetryPosition[] | null> {
  try {
    const admin = await getSharedAdmin();
    const topics = await retryTopicsOf(slug);
    if (topics.length === 0) return [];
    const offsets = await retryRetriable(() =>
      admin.fetchOffsets({ groupId: consumerGroup(slug, "retry-processor"), topics }),
    );
    return offsets.flatMap((t) =>
      t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset === "-1" ? "0" : p.offset })),
    );
  } catch {
    return null;
  }
}

/** SQL for "still waiting in retry", given the positions (parameters start at $3). */
export function waitingClause(positions: readonly RetryPosition[] | null): { sql: string; params: unknown[] } {
  if (!positions) return { sql: "due_at >= now()", params: [] };
  if (positions.length === 0) return { sql: "true", params: [] };
  return {
    sql: `("offset" >= coalesce((SELECT o FROM unnest($3::text[], $4::int[], $5::bigint[]) AS p(tp, pt, o) WHERE tp = topic AND pt = partition), 0))`,
    params: [positions.map((p) => p.topic), positions.map((p) => p.partition), positions.map((p) => p.offset)],
  };
}

/** What waits in the retry topics of a tenant resolved for the viewer with retry.read. */
export async function getRetryOverview(tenant: Tenant, input: unknown): Promise<RetryOverview> {
  const { range } = overviewQuery.parse(input);
  const prisma = getPrisma();
  const positions = await retryPositions(tenant.slug);
  const waiting = waitingClause(positions);
  const base = `FROM dlq_messages WHERE tenant = $1 AND kind = $2 AND state = 'open' AND ${waiting.sql}`;
  const args = [tenant.slug, "retry", ...waiting.params];
  const [rows, groups, totals, series, dlqClasses] = await Promise.all([
    prisma.$queryRawUnsafe<Parameters<typeof toListRow>[0][]>(
      `SELECT ${LIST_COLUMNS} ${base} ORDER BY due_at NULLS LAST, dlq_messages.id LIMIT 200`,
      ...args,
    ),
    prisma.$queryRawUnsafe<
      Array<{ errorClass: string; fingerprint: string; count: bigint; sample: string; maxAttempt: number }>
    >(
      `SELECT error_class AS "errorClass", fingerprint, count(*) AS count, min(left(error_message, 300)) AS sample, max(attempt) AS "maxAttempt"
       ${base} GROUP BY error_class, fingerprint ORDER BY count(*) DESC LIMIT 50`,
      ...args,
    ),
    prisma.$queryRawUnsafe<Array<{ depth: bigint; oldest: Date | null }>>(
      `SELECT count(*) AS depth, min(written_at) AS oldest ${base}`,
      ...args,
    ),
    // every retry topic of the tenant (one per delay tier), summed per sample
    prisma.$queryRaw<Array<{ at: Date; lag: bigint; lag_seconds: number }>>`
      SELECT at, sum(lag)::bigint AS lag, max(lag_seconds) AS lag_seconds FROM lag_group_samples
      WHERE group_id = ${consumerGroup(tenant.slug, "retry-processor")} AND topic ~ ${tenantTopics(tenant.slug).retryPattern.source}
        AND at > now() - make_interval(mins => ${MINUTES[range]}::int) GROUP BY at ORDER BY at`,
    prisma.$queryRaw<Array<{ errorClass: string; count: bigint }>>`
      SELECT error_class AS "errorClass", count(*) AS count FROM dlq_messages
      WHERE tenant = ${tenant.slug} AND kind = 'dlq' AND state = 'open' GROUP BY error_class ORDER BY count(*) DESC LIMIT 50`,
  ]);
  return {
    waiting: rows.map(toListRow),
    depth: Number(totals[0]?.depth ?? 0),
    oldestWaitingAt: totals[0]?.oldest?.toISOString() ?? null,
    groups: groups.map((g) => ({ ...g, count: Number(g.count) })),
    series: series.map((s) => ({ at: s.at.toISOString(), depth: Number(s.lag), ageSeconds: s.lag_seconds })),
    positionKnown: positions !== null,
    dlqClasses: dlqClasses.map((c) => ({ errorClass: c.errorClass, count: Number(c.count) })),
  };
}
