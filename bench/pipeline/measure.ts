/**
 * What the bench measures besides time: entities lost or applied twice, the event trail's span and
 * outcomes, dead-letter depth, and where the CPU went (user+system seconds per component, from
 * /proc; empty on systems without it).
 */
import fs from "node:fs";
import os from "node:os";
import type { Admin } from "kafkajs";
import type pg from "pg";
import { retryRetriable } from "@/lib/kafka/client";
import { tenantTopics } from "@/lib/contract/topics";
import type { Stack } from "./setup";
import type { Workload } from "./workload";

export async function lostEntities(pool: pg.Pool, work: Workload): Promise<number> {
  let lost = 0;
  const check = async (table: "target_members" | "target_claims", idColumn: string, prefix: string, lsns: number[]) => {
    const CHUNK = 100_000;
    for (let from = 0; from < lsns.length; from += CHUNK) {
      const slice = lsns.slice(from, from + CHUNK);
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM unnest($2::text[], $3::numeric[]) AS e(id, lsn)
         LEFT JOIN ${table} t ON t.tenant = $1 AND t.${idColumn} = e.id
         WHERE t.${idColumn} IS NULL OR t.source_lsn <> e.lsn`,
        [work.tenant, slice.map((_, i) => `${prefix}${from + i}`), slice.map(String)],
      );
      lost += rows[0]!.n;
    }
  };
  await check("target_members", "member_id", "M", work.memberLsn);
  await check("target_claims", "claim_id", "C-", work.claimLsn);
  return lost;
}

export async function duplicatedApplies(pool: pg.Pool, tenant: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
       SELECT count(*) AS n FROM event_trail WHERE tenant = $1 AND stage = 'update-processor' AND outcome = 'applied'
       GROUP BY entity_ref, source_lsn HAVING count(*) > 1) d`,
    [tenant],
  );
  return rows[0]!.n;
}

export async function trailSummary(pool: pg.Pool, tenant: string, committedAt: string) {
  const { rows } = await pool.query<{ rows: number; outcomes: string; first_ms: number; last_ms: number }>(
    `SELECT count(*)::int AS rows, string_agg(DISTINCT outcome, ',') AS outcomes,
       extract(epoch FROM min(${committedAt})) * 1000 AS first_ms, extract(epoch FROM max(${committedAt})) * 1000 AS last_ms
     FROM event_trail WHERE tenant = $1 AND stage = 'update-processor'`,
    [tenant],
  );
  return rows[0]!;
}

export async function dlqDepth(admin: Admin, tenant: string): Promise<number> {
  const ends = await retryRetriable(() => admin.fetchTopicOffsets(tenantTopics(tenant).dlq));
  return ends.reduce((sum, p) => sum + Number(p.high), 0);
}

const CLOCK_TICKS = 100;

function procStat(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" "); // [0] = field 3 (state)
  } catch {
    return undefined;
  }
}

const cpuOf = (pid: number) => {
  const f = procStat(pid);
  return f ? (Number(f[11]) + Number(f[12])) / CLOCK_TICKS : undefined;
};

export function childrenOf(parent: number): number[] {
  let entries: string[] = [];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => Number(procStat(pid)?.[1]) === parent);
}

/** The bench's own Postgres: its postmaster and every process under it (none for an external DATABASE_URL). */
export function postgresPids(stack: Stack): number[] {
  const postmaster = stack.postmasterPid?.();
  return postmaster ? [postmaster, ...childrenOf(postmaster)] : [];
}

export type CpuSnapshot = Map<string, Map<number, number>>;

export function cpuSnapshot(components: Record<string, number[]>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const [name, pids] of Object.entries(components)) {
    const perPid = new Map<number, number>();
    for (const pid of pids) {
      const cpu = cpuOf(pid);
      if (cpu !== undefined) perPid.set(pid, cpu);
    }
    snapshot.set(name, perPid);
  }
  return snapshot;
}

export function cpuReport(before: CpuSnapshot, after: CpuSnapshot, wallSeconds: number): string {
  const parts = [...after].map(([name, perPid]) => {
    let seconds = 0;
    for (const [pid, cpu] of perPid) seconds += cpu - (before.get(name)?.get(pid) ?? 0);
    return `${name} ${seconds.toFixed(1)}`;
  });
  return `CPU-seconds over ${wallSeconds.toFixed(1)} s wall (${(wallSeconds * os.cpus().length).toFixed(0)} available on ${os.cpus().length} cores): ${parts.join(", ")}`;
}

/** CPU-seconds the named components used between two snapshots (all of them when names is omitted). */
export function cpuSeconds(before: CpuSnapshot, after: CpuSnapshot, names?: string[]): number {
  let seconds = 0;
  for (const [name, perPid] of after) {
    if (names && !names.includes(name)) continue;
    for (const [pid, cpu] of perPid) seconds += cpu - (before.get(name)?.get(pid) ?? 0);
  }
  return seconds;
}
