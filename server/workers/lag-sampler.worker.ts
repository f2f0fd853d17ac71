import "server-only";
import { Client } from "pg";
import type { Admin } from "kafkajs";
import type { PrismaClient } from "@/server/db/generated/client";
import { TENANT_SLUG_SOURCE } from "@/lib/contract/tenant-slug";
import { processLogger } from "@/lib/log/logger";
import { DEFAULT_CLUSTER_ID } from "@/server/clusters/cluster-input";
import { evaluateSnapshot, newSamplerMemory, type GroupLag, type SamplerMemory } from "@/server/lag/evaluate-snapshot";
import {
  forgetCluster,
  recordClusterSample,
  recordSamplerRun,
  rollUpAndPrune,
  saveEvaluation,
} from "@/server/lag/lag-store";
import { readOffsetSnapshot, type OffsetSnapshot } from "@/server/lag/offset-snapshot";
import { withTimeout } from "@/server/lib/with-timeout";

/**
 * The background lag sampler. Every console replica runs one; per Kafka cluster, a session-level
 * Postgres advisory lock makes exactly one replica that cluster's leader, which samples it; the
 * others wait as standbys and take over when the leader's connection goes (the lock is released
 * with it). So the clusters' sampling can spread over the replicas, and a replica that is slow
 * with one cluster holds up no other. A cluster's memory (end-offset histories, status windows)
 * lives in its leader: a new leader starts with empty histories, so its first lag-seconds answers
 * are lower bounds ("at least") until history accumulates.
 *
 * Each cluster is sampled on its own timer with its own client and memory: a cluster that does
 * not answer is marked down (with why, and since when) within its probe deadline and never delays
 * another cluster's samples. The default cluster's leader also rolls up and prunes the history.
 */
export type SampledCluster = {
  id: string;
  getAdmin: () => Promise<Admin>;
  /** forget the cluster's client after a failure, so the next sample connects afresh */
  reset?: () => Promise<void>;
};

export type SamplerDeps = {
  databaseUrl: string;
  db: PrismaClient;
  /** the clusters to sample, asked again on every tick of the leader (added and removed ones follow) */
  clusters?: () => Promise<SampledCluster[]>;
  /** the one (default) cluster, when `clusters` is not given */
  getAdmin?: () => Promise<Admin>;
  intervalMs?: number;
  /** a cluster not answering a metadata request within this is down (default 5 s) */
  probeTimeoutMs?: number;
  /** a snapshot taking longer than this fails the sample (default 60 s) */
  sampleTimeoutMs?: number;
  /** a line of the worker's log; failures come with level "warn" */
  log?: (line: string, level?: "info" | "warn") => void;
  now?: () => number;
  /** runs in the leader after each stored sample of every cluster (alert rules); its failure is logged, not fatal */
  afterSample?: (sample: {
    atMs: number;
    groups: GroupLag[];
    endOffsets: OffsetSnapshot["endOffsets"];
    /** the cluster sampled, and its admin client (e.g. for end offsets the sample lacks) */
    cluster: string;
    getAdmin: () => Promise<Admin>;
  }) => Promise<void>;
};

export type RunningSampler = { isLeader(): boolean; sampleNow(): Promise<void>; stop(): Promise<void> };

const LOCK_KEY = "syncdeck.lag-sampler";
const TENANT_GROUP = new RegExp(`^sync\\.(${TENANT_SLUG_SOURCE})\\.`);

type ClusterLoop = {
  cluster: SampledCluster;
  memory: SamplerMemory;
  timer: NodeJS.Timeout | null;
  running: Promise<void>;
  stopped: boolean;
  /** the connection holding this cluster's leader lock, while this replica leads it */
  lock: Client | null;
};

/** The default cluster keeps the key of the single-leader sampler, so replicas of both kinds agree. */
const lockKeyOf = (clusterId: string) => (clusterId === DEFAULT_CLUSTER_ID ? LOCK_KEY : `${LOCK_KEY}:${clusterId}`);

export function startLagSampler(deps: SamplerDeps): RunningSampler {
  const intervalMs = deps.intervalMs ?? 5_000;
  const probeTimeoutMs = deps.probeTimeoutMs ?? 5_000;
  const sampleTimeoutMs = deps.sampleTimeoutMs ?? 60_000;
  const log =
    deps.log ?? ((line: string, level: "info" | "warn" = "info") => processLogger()[level]({ worker: "lag" }, line));
  const now = deps.now ?? Date.now;
  const listClusters =
    deps.clusters ??
    (async (): Promise<SampledCluster[]> => {
      if (!deps.getAdmin) throw new Error("the lag sampler needs clusters or getAdmin");
      return [{ id: DEFAULT_CLUSTER_ID, getAdmin: deps.getAdmin }];
    });
  const loops = new Map<string, ClusterLoop>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastRollupAt = 0;
  let slo = new Map<string, number>();
  let sloLoadedAt = 0;

  /** Takes the cluster's leader lock if no replica holds it; true while this replica leads the cluster. */
  async function tryLead(loop: ClusterLoop): Promise<boolean> {
    if (loop.lock) return true;
    const id = loop.cluster.id;
    const client = new Client({ connectionString: deps.databaseUrl });
    client.on("error", () => undefined); // a dropped connection is noticed below
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [
        lockKeyOf(id),
      ]);
      if (!rows[0]?.locked || loop.stopped) {
        await client.end();
        return false;
      }
      client.on("end", () => {
        if (loop.lock === client) {
          loop.lock = null;
          log(`cluster ${id}: lost the database connection: no longer its leader`, "warn");
        }
      });
      loop.lock = client;
      loop.memory = newSamplerMemory();
      log(
        id === DEFAULT_CLUSTER_ID
          ? "leader: sampling consumer lag"
          : `leader of cluster ${id}: sampling its consumer lag`,
      );
      return true;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  async function release(loop: ClusterLoop): Promise<void> {
    const client = loop.lock;
    loop.lock = null;
    await client?.end().catch(() => undefined);
  }

  async function loadSlo(at: number) {
    if (at - sloLoadedAt < 60_000) return;
    const tenants = await deps.db.tenant.findMany({ select: { slug: true, lagSloSeconds: true } });
    slo = new Map(tenants.map((t) => [t.slug, t.lagSloSeconds]));
    sloLoadedAt = at;
  }

  async function sampleCluster(loop: ClusterLoop): Promise<void> {
    if (!loop.lock || loop.stopped) return;
    const { id } = loop.cluster;
    const isDefault = id === DEFAULT_CLUSTER_ID;
    // the default cluster's lines read as they did before there were several
    const about = isDefault ? "" : `cluster ${id}: `;
    const started = now();
    let snapshot: OffsetSnapshot;
    try {
      const admin = await withTimeout(loop.cluster.getAdmin(), probeTimeoutMs, "the cluster");
      // A cheap request first: a cluster that is gone answers nothing, and must not wait for the snapshot's deadline.
      await withTimeout(admin.describeCluster(), probeTimeoutMs, "the cluster");
      snapshot = await withTimeout(readOffsetSnapshot(admin, { now }), sampleTimeoutMs, "the offset snapshot");
    } catch (error) {
      const reason = describeError(error);
      log(`${about}sample failed: ${reason}`, "warn");
      await recordClusterSample(deps.db, id, { ok: false, at: started, durationMs: now() - started, reason }).catch(
        (e: unknown) => log(`${about}cannot record the cluster's state: ${describeError(e)}`, "warn"),
      );
      // Not awaited: disconnecting a client whose connect still waits on a silent host takes that connect's timeouts.
      void loop.cluster.reset?.().catch(() => undefined);
      if (isDefault)
        await recordSamplerRun(deps.db, {
          at: started,
          durationMs: now() - started,
          groups: 0,
          partitions: 0,
          error: reason,
        }).catch(() => undefined);
      return;
    }
    try {
      await loadSlo(started);
      // Retry tier topics are judged by how overdue their oldest record is (server/lag/evaluate-snapshot.ts),
      // like every other topic by its own rule: no group is special-cased here.
      const groups = evaluateSnapshot(loop.memory, snapshot, {
        sloSecondsFor: (groupId) => {
          const slug = TENANT_GROUP.exec(groupId)?.[1];
          return slug ? slo.get(slug) : undefined;
        },
        sampleIntervalMs: intervalMs,
      });
      await saveEvaluation(deps.db, snapshot.atMs, groups, id);
      await deps
        .afterSample?.({
          atMs: snapshot.atMs,
          groups,
          endOffsets: snapshot.endOffsets,
          cluster: id,
          getAdmin: loop.cluster.getAdmin,
        })
        .catch((error: unknown) => log(`after-sample step failed on ${id}: ${describeError(error)}`, "warn"));
      const partitions = [...snapshot.endOffsets.values()].reduce((sum, p) => sum + p.size, 0);
      const durationMs = now() - started;
      await recordClusterSample(deps.db, id, {
        ok: true,
        at: snapshot.atMs,
        durationMs,
        groups: groups.length,
        partitions,
      });
      if (isDefault)
        await recordSamplerRun(deps.db, {
          at: snapshot.atMs,
          durationMs,
          groups: groups.length,
          partitions,
          error: null,
        });
    } catch (error) {
      // The cluster answered; what failed is on this side (the database): the cluster's state stays as it was.
      const message = describeError(error);
      log(`${about}sample failed: ${message}`, "warn");
      if (isDefault)
        await recordSamplerRun(deps.db, {
          at: started,
          durationMs: now() - started,
          groups: 0,
          partitions: 0,
          error: message,
        }).catch(() => undefined);
    }
  }

  function scheduleCluster(loop: ClusterLoop) {
    if (stopped || loop.stopped) return;
    loop.timer = setTimeout(() => {
      loop.running = loop.running.then(() => sampleCluster(loop)).finally(() => scheduleCluster(loop));
    }, intervalMs);
    loop.timer.unref();
  }

  /** Starts a loop for each new cluster, stops those of removed ones; returns every loop's current sample. */
  async function followClusters(): Promise<void> {
    const clusters = await listClusters();
    const wanted = new Map(clusters.map((c) => [c.id, c]));
    for (const [id, loop] of loops) {
      if (wanted.has(id)) {
        loop.cluster = wanted.get(id)!;
        continue;
      }
      loop.stopped = true;
      if (loop.timer) clearTimeout(loop.timer);
      loops.delete(id);
      await loop.running.catch(() => undefined);
      await loop.cluster.reset?.().catch(() => undefined);
      const led = loop.lock !== null;
      await release(loop);
      if (led) {
        await forgetCluster(deps.db, id);
        log(`cluster ${id}: no longer sampled`);
      }
    }
    for (const cluster of clusters) {
      if (loops.has(cluster.id)) continue;
      const loop: ClusterLoop = {
        cluster,
        memory: newSamplerMemory(),
        timer: null,
        running: Promise.resolve(),
        stopped: false,
        lock: null,
      };
      loops.set(cluster.id, loop);
      scheduleCluster(loop);
    }
  }

  async function tick(): Promise<void> {
    try {
      await followClusters();
    } catch (error) {
      log(`cannot list the clusters to sample: ${describeError(error)}`, "warn");
    }
    for (const loop of loops.values()) {
      if (loop.lock) continue;
      const led = await tryLead(loop).catch((error: unknown) => {
        log(`cannot take cluster ${loop.cluster.id}'s sampler lock: ${describeError(error)}`, "warn");
        return false;
      });
      // a cluster just taken over is sampled at once, then on its timer
      if (led) loop.running = loop.running.then(() => sampleCluster(loop));
    }
    if (!loops.get(DEFAULT_CLUSTER_ID)?.lock) return;
    const started = now();
    if (started - lastRollupAt >= 60_000) {
      await rollUpAndPrune(deps.db, started).catch((error: unknown) =>
        log(`rolling up lag samples failed: ${describeError(error)}`, "warn"),
      );
      lastRollupAt = started;
    }
  }

  /** Every cluster sampled once more, now (after what each is doing). */
  async function sampleAll(): Promise<void> {
    await tick();
    await Promise.all([...loops.values()].map((loop) => (loop.running = loop.running.then(() => sampleCluster(loop)))));
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => log(`cannot take the sampler lock: ${describeError(error)}`, "warn"))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  running = tick()
    .catch(() => undefined)
    .finally(schedule);
  return {
    /** whether this replica leads the default cluster (the one whose leader also delivers webhooks) */
    isLeader: () => (loops.get(DEFAULT_CLUSTER_ID)?.lock ?? null) !== null,
    sampleNow: () => (running = running.then(sampleAll)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => undefined);
      for (const loop of loops.values()) {
        loop.stopped = true;
        if (loop.timer) clearTimeout(loop.timer);
      }
      await Promise.all([...loops.values()].map((loop) => loop.running.catch(() => undefined)));
      await Promise.all([...loops.values()].map(release));
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
