import "server-only";
import { timingSafeEqual } from "node:crypto";
import { getPrisma } from "@/server/db/client";
import type { LagStatus } from "./burrow-status";
import type { TopicLag } from "./evaluate-snapshot";
import { toPrometheusText } from "./prometheus";

/**
 * Scrapers authenticate with `Authorization: Bearer $SYNCDECK_METRICS_TOKEN`; without a configured
 * token the endpoint is off, since consumer group names and lag describe tenants' activity.
 */
export function metricsAuthorized(authorization: string | null, token = process.env.SYNCDECK_METRICS_TOKEN): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function getPrometheusMetrics(): Promise<string> {
  const rows = await getPrisma().$queryRaw<{ group_id: string; status: string; members: number; topics: TopicLag[] }[]>`
    SELECT group_id, status, members, topics FROM lag_group_state ORDER BY group_id`;
  return toPrometheusText(
    rows.map((r) => ({
      groupId: r.group_id,
      status: r.status as LagStatus,
      members: r.members,
      topics: r.topics.map((t) => ({ topic: t.topic, lag: t.lag, lagSeconds: t.lagSeconds, consumePerSecond: t.consumePerSecond })),
    })),
  );
}
