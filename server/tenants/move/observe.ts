/**
 * What the tenant-moves worker looks at (move-steps.ts decides): per stage, whether the old and
 * the new target serve the tenant — a live heartbeat of theirs for it: a pool's lane beats as
 * `<pool instance>/<tenant>` (and its row goes when the lane stops), a dedicated processor under
 * an instance id of its own; and while the tenant's own deployment of a stage is still in flight
 * (its dedicated processors starting or stopping), that stage is not settled either way — and the
 * tenant's groups' members and lag.
 */
import "server-only";
import type { Admin } from "kafkajs";
import { DEDICATED } from "@/lib/contract/placement";
import { consumerGroup, STAGES } from "@/lib/contract/topics";
import type { PrismaClient } from "@/server/db/generated/client";
import { IN_FLIGHT_STATES } from "@/server/deployments/lifecycle";
import { readTopicEndOffsets } from "@/server/lag/offset-snapshot";
import type { MoveObservation } from "./move-steps";

/** Stages in which `placement` has a heartbeat of `tenant` newer than `freshMs`. */
async function servingStages(db: PrismaClient, tenant: string, placement: string, freshMs: number): Promise<string[]> {
  const since = new Date(Date.now() - freshMs);
  const rows =
    placement === DEDICATED
      ? await db.$queryRaw<Array<{ stage: string }>>`
          SELECT DISTINCT stage FROM processor_heartbeats
           WHERE tenant = ${tenant} AND last_beat_at > ${since} AND position('/' IN instance_id) = 0`
      : await db.$queryRaw<Array<{ stage: string }>>`
          SELECT DISTINCT lane.stage FROM processor_heartbeats lane
            JOIN processor_heartbeats pool ON lane.instance_id = pool.instance_id || '/' || ${tenant}
           WHERE lane.tenant = ${tenant} AND pool.tenant = ${placement} AND lane.last_beat_at > ${since}`;
  return rows.map((r) => r.stage);
}

/** Messages the group is behind on the topics it committed offsets for. */
async function groupLag(admin: Admin, groupId: string): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    const ends = await readTopicEndOffsets(admin, topic);
    if (!ends) continue; // offsets kept for a topic deleted since
    for (const p of partitions) {
      const at = Number(p.offset);
      if (at >= 0) lag += Math.max(0, (ends.get(p.partition) ?? at) - at);
    }
  }
  return lag;
}

export async function observeMove(
  db: PrismaClient,
  admin: Admin,
  move: { tenant: string; environmentId: string; fromPlacement: string; toPlacement: string },
  freshMs: number,
): Promise<MoveObservation> {
  const [old, fresh, rolling] = await Promise.all([
    servingStages(db, move.tenant, move.fromPlacement, freshMs),
    servingStages(db, move.tenant, move.toPlacement, freshMs),
    db.deployment.findMany({
      where: { environmentId: move.environmentId, tenant: move.tenant, state: { in: [...IN_FLIGHT_STATES] } },
      select: { stage: true },
    }),
  ]);
  const inFlight = new Set(rolling.map((d) => d.stage));
  const groupIds = STAGES.map((stage) => consumerGroup(move.tenant, stage));
  const { groups } = await admin.describeGroups(groupIds);
  return {
    oldServing: STAGES.filter((s) => old.includes(s) || (move.fromPlacement === DEDICATED && inFlight.has(s))),
    newMissing: STAGES.filter((s) => !fresh.includes(s) || (move.toPlacement === DEDICATED && inFlight.has(s))),
    groups: await Promise.all(
      STAGES.map(async (stage, i) => ({
        stage,
        members: groups.find((g) => g.groupId === groupIds[i])?.members.length ?? 0,
        lag: await groupLag(admin, groupIds[i]!).catch(() => null),
      })),
    ),
  };
}
