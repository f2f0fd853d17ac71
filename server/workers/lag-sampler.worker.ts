import "server-only";
import { Client } from "pg";
import type { Admin } from "kafkajs";
import type { PrismaClient } from "@/server/db/generated/client";
import { TENANT_SLUG_SOURCE } from "@/lib/contract/tenant-slug";
import { processLogger } from "@/lib/log/logger";
import { evaluateSnapshot, newSamplerMemory, type GroupLag, type SamplerMemory } from "@/server/lag/evaluate-snapshot";
import { recordSamplerRun, rollUpAndPrune, saveEvaluation } from "@/server/lag/lag-store";
import { readOffsetSnapshot, type OffsetSnapshot } from "@/server/lag/offset-snapshot";

/**
 * The background lag sampler. Every console replica runs one; a session-level Postgres advisory
 * lock makes exactly one of them the leader that samples, the others wait as standbys and take
 * over when the leader's connection goes (the lock is released with it). Its memory (end-offset
 * histories, status windows) lives in the leader: a new leader starts with empty histories, so
 * its first lag-seconds answers are lower bounds ("at least") until history accumulates.
 */
export type SamplerDeps = {
  databaseUrl: string;
  getAdmin: () => Promise<Admin>;
  db: PrismaClient;
  intervalMs?: number;
  /** a line of the worker's log; failures come with level "warn" */
  log?: (line: string, level?: "info" | "warn") => void;
  now?: () => number;
  /** runs in the leader after each stored sample (alert rules); its failure is logged, not fatal */
  afterSample?: (sample: {
    atMs: number;
    groups: GroupLag[];
    endOffsets: OffsetSnapshot["endOffsets"];
  }) => Promise<void>;
};

export type RunningSampler = { isLeader(): boolean; sampleNow(): Promise<void>; stop(): Promise<void> };

const LOCK_KEY = "syncdeck.lag-sampler";
const TENANT_GROUP = new RegExp(`^sync\\.(${TENANT_SLUG_SOURCE})\\.`);

export function startLagSampler(deps: SamplerDeps): RunningSampler {
  const intervalMs = deps.intervalMs ?? 5_000;
  const log =
    deps.log ?? ((line: string, level: "info" | "warn" = "info") => processLogger()[level]({ worker: "lag" }, line));
  const now = deps.now ?? Date.now;
  let lockClient: Client | null = null;
  let memory: SamplerMemory = newSamplerMemory();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastRollupAt = 0;
  let slo = new Map<string, number>();
  let sloLoadedAt = 0;

  async function tryLead(): Promise<boolean> {
    if (lockClient) return true;
    const client = new Client({ connectionString: deps.databaseUrl });
    client.on("error", () => undefined); // a dropped connection is noticed below
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [
        LOCK_KEY,
      ]);
      if (!rows[0]?.locked) {
        await client.end();
        return false;
      }
      client.on("end", () => {
        if (lockClient === client) {
          lockClient = null;
          log("lost the database connection: no longer the leader", "warn");
        }
      });
      lockClient = client;
      memory = newSamplerMemory();
      log("leader: sampling consumer lag");
      return true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async function loadSlo(at: number) {
    if (at - sloLoadedAt < 60_000) return;
    const tenants = await deps.db.tenant.findMany({ select: { slug: true, lagSloSeconds: true } });
    slo = new Map(tenants.map((t) => [t.slug, t.lagSloSeconds]));
    sloLoadedAt = at;
  }

  async function sampleOnce(): Promise<void> {
    if (!(await tryLead())) return;
    const started = now();
    try {
      await loadSlo(started);
      const snapshot = await readOffsetSnapshot(await deps.getAdmin(), { now });
      // Retry tier topics are judged by how overdue their oldest record is (server/lag/evaluate-snapshot.ts),
      // like every other topic by its own rule: no group is special-cased here.
      const groups = evaluateSnapshot(memory, snapshot, {
        sloSecondsFor: (groupId) => {
          const slug = TENANT_GROUP.exec(groupId)?.[1];
          return slug ? slo.get(slug) : undefined;
        },
        sampleIntervalMs: intervalMs,
      });
      await saveEvaluation(deps.db, snapshot.atMs, groups);
      await deps
        .afterSample?.({ atMs: snapshot.atMs, groups, endOffsets: snapshot.endOffsets })
        .catch((error: unknown) => log(`after-sample step failed: ${describeError(error)}`, "warn"));
      const partitions = [...snapshot.endOffsets.values()].reduce((sum, p) => sum + p.size, 0);
      await recordSamplerRun(deps.db, {
        at: snapshot.atMs,
        durationMs: now() - started,
        groups: groups.length,
        partitions,
        error: null,
      });
      if (started - lastRollupAt >= 60_000) {
        await rollUpAndPrune(deps.db, started);
        lastRollupAt = started;
      }
    } catch (error) {
      const message = describeError(error);
      log(`sample failed: ${message}`, "warn");
      await recordSamplerRun(deps.db, {
        at: started,
        durationMs: now() - started,
        groups: 0,
        partitions: 0,
        error: message,
      }).catch(() => undefined);
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sampleOnce()
        .catch((error: unknown) => log(`cannot take the sampler lock: ${describeError(error)}`, "warn"))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  running = sampleOnce()
    .catch(() => undefined)
    .finally(schedule);
  return {
    isLeader: () => lockClient !== null,
    sampleNow: () => (running = running.then(sampleOnce)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      const client = lockClient;
      lockClient = null;
      await client?.end().catch(() => undefined);
    },
  };
}

/** Some client errors (kafkajs, pg on a dropped socket) carry no message; say at least what they are. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return (
    error.message || `${error.name}${(error as { code?: string }).code ? ` ${(error as { code?: string }).code}` : ""}`
  );
}
