/**
 * Runs queued reconciliation runs in the background and queues them on a schedule. Any number of
 * console replicas may run it: a run is claimed with SKIP LOCKED and held by a lease that every
 * progress write renews (and is conditional on); a run whose worker stopped renewing is taken over
 * after `staleMs` and started again from its first chunk. Enqueueing allows one open run per
 * tenant, so a tenant is never reconciled twice at once.
 *
 * A run compares each entity in id ranges (chunks.ts): count and checksum per range on both sides,
 * rows only where they differ — memory stays bounded by the chunk size, and the run's progress is
 * the share of ranges done. Run while changes flow, a difference may be a change in flight; the
 * next run tells a loss from a delay.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import { evaluateReconcileDrift } from "@/server/alerts/evaluate-alerts";
import { configValue } from "@/server/config/value";
import type { PrismaClient } from "@/server/db/generated/client";
import {
  chunkBoundaries,
  chunkDigest,
  chunkRows,
  ENTITIES,
  type Entity,
  type SideReader,
} from "@/server/reconcile/chunk-queries";
import {
  addChunk,
  chunkDiffers,
  combineDigests,
  confirmedProgress,
  differenceRows,
  differingCount,
  persistingDifferences,
  planChunks,
  startProgress,
  type Chunk,
  type DifferenceRow,
  type EntityProgress,
} from "@/server/reconcile/chunks";
import { compareEntities } from "@/server/reconcile/compare";
import { enqueueReconcileRun, scheduleEveryMinutes } from "@/server/reconcile/runs";
import { sourceClient } from "@/lib/source-db/source-client";
import { reconcileSource } from "@/server/reconcile/source-target";
import { createStopSignal, runClaimLoop } from "@/server/lib/claim-loop";

export type ReconcileWorkerOptions = {
  db: PrismaClient;
  env: Record<string, string | undefined>;
  /** rows per id range (default 5 000) */
  chunkSize?: number;
  /** differing ids stored per entity and run; the counts stay complete (default 10 000) */
  maxStoredPerEntity?: number;
  staleMs?: number;
  pollMs?: number;
  /** how often the schedule looks for tenants due a run (default 60 s) */
  scheduleCheckMs?: number;
  /**
   * After the scan, differing id ranges are read again this much later and only ids that still
   * differ count (default SYNCDECK_RECONCILE_CONFIRM_SECONDS, 30 s; 0 skips the second reading).
   */
  confirmAfterMs?: number;
  /** finished runs kept per tenant (default 20) */
  keepRuns?: number;
  log?: (line: string) => void;
};

export type ReconcileWorker = { owner: string; stop(): Promise<void> };

class LeaseLost extends Error {}

type Claimed = { id: string; tenantId: string; was: string; requestedBy: string; requestedById: string | null };

export function startReconcileWorker(options: ReconcileWorkerOptions): ReconcileWorker {
  const { db, env } = options;
  const log = options.log ?? (() => {});
  const chunkSize = options.chunkSize ?? configValue("SYNCDECK_RECONCILE_CHUNK_ROWS", env);
  const maxStored = options.maxStoredPerEntity ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const confirmAfterMs = options.confirmAfterMs ?? configValue("SYNCDECK_RECONCILE_CONFIRM_SECONDS", env) * 1000;
  const everyMinutes = scheduleEveryMinutes(env);
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`.slice(0, 100);
  const signal = createStopSignal();

  const claim = async (): Promise<Claimed | undefined> => {
    const rows = await db.$queryRaw<Claimed[]>`
      WITH picked AS (
        SELECT id, status FROM reconcile_runs
        WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}))
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      UPDATE reconcile_runs r SET status = 'running', heartbeat_at = now(), lease_owner = ${owner}, started_at = now()
      FROM picked WHERE r.id = picked.id
      RETURNING r.id::text AS id, r.tenant_id::text AS "tenantId", picked.status AS was, r.requested_by AS "requestedBy", r.requested_by_id::text AS "requestedById"`;
    return rows[0];
  };

  /** Writes progress (renewing the lease); throws LeaseLost when another worker holds the run. */
  const save = async (runId: string, data: { entities?: Record<string, EntityProgress>; differences?: number }) => {
    const saved = await db.reconcileRun.updateMany({
      where: { id: runId, leaseOwner: owner, status: "running" },
      data: { ...data, heartbeatAt: new Date() },
    });
    if (saved.count !== 1) throw new LeaseLost(`run ${runId} was taken over`);
  };

  /** Scans one entity range by range; returns the ranges that differed and every id that differed. */
  async function compareEntity(
    runId: string,
    entity: Entity,
    chunks: readonly Chunk[],
    source: SideReader,
    target: SideReader,
    progressOf: () => Record<string, EntityProgress>,
    set: (p: EntityProgress) => void,
  ) {
    const scan = { entity, differing: [] as Chunk[], ids: new Set<string>() };
    const digests = { source: [] as string[], target: [] as string[] };
    let stored = 0;
    for (const chunk of chunks) {
      if (signal.stopped) throw new LeaseLost("the worker is stopping");
      const [s, t] = await Promise.all([chunkDigest(source, entity, chunk), chunkDigest(target, entity, chunk)]);
      digests.source.push(s.digest);
      digests.target.push(t.digest);
      let compared = null;
      if (chunkDiffers(s, t)) {
        const [sourceRows, targetRows] = await Promise.all([
          chunkRows(source, entity, chunk),
          chunkRows(target, entity, chunk),
        ]);
        compared = compareEntities(sourceRows, targetRows, Number.POSITIVE_INFINITY);
        const all = differenceRows(compared, sourceRows, targetRows);
        if (all.length > 0) scan.differing.push(chunk);
        for (const row of all) scan.ids.add(row.entityId);
        const rows = all.slice(0, Math.max(0, maxStored - stored));
        stored += rows.length;
        await storeDifferences(runId, entity, rows);
      }
      let next = addChunk(progressOf()[entity]!, s, t, compared);
      if (next.chunksDone === next.chunks)
        next = {
          ...next,
          sourceChecksum: combineDigests(digests.source),
          targetChecksum: combineDigests(digests.target),
        };
      set(next);
      const differences = Object.values(progressOf()).reduce((n, p) => n + differingCount(p), 0);
      await save(runId, { entities: progressOf(), differences });
    }
    return scan;
  }

  async function storeDifferences(runId: string, entity: Entity, rows: readonly DifferenceRow[]) {
    if (rows.length === 0) return;
    await db.reconcileDifference.createMany({
      data: rows.map((r) => ({
        runId,
        entity,
        entityId: r.entityId,
        kind: r.kind,
        memberId: r.memberId,
        sourceVersion: r.sourceVersion === null ? null : BigInt(r.sourceVersion),
        targetVersion: r.targetVersion === null ? null : BigInt(r.targetVersion),
      })),
      skipDuplicates: true,
    });
  }

  /**
   * The second reading: waits, reads each differing range again on both sides and keeps the ids
   * that differ in both readings, so a change that was in flight during the scan is not reported
   * (nor alerted on) as drift. The run's counts and stored ids become the confirmed ones.
   */
  async function confirm(
    runId: string,
    scans: Array<Awaited<ReturnType<typeof compareEntity>>>,
    sides: { source: SideReader; target: SideReader },
    progress: Record<string, EntityProgress>,
  ) {
    await signal.sleep(confirmAfterMs);
    if (signal.stopped) throw new LeaseLost("the worker is stopping");
    await db.reconcileDifference.deleteMany({ where: { runId } });
    for (const scan of scans) {
      const again: DifferenceRow[] = [];
      for (const chunk of scan.differing) {
        if (signal.stopped) throw new LeaseLost("the worker is stopping");
        const [sourceRows, targetRows] = await Promise.all([
          chunkRows(sides.source, scan.entity, chunk),
          chunkRows(sides.target, scan.entity, chunk),
        ]);
        again.push(
          ...differenceRows(compareEntities(sourceRows, targetRows, Number.POSITIVE_INFINITY), sourceRows, targetRows),
        );
      }
      const confirmed = persistingDifferences(scan.ids, again);
      progress[scan.entity] = confirmedProgress(progress[scan.entity]!, scan.ids.size, confirmed);
      await storeDifferences(runId, scan.entity, confirmed.slice(0, maxStored));
    }
    await save(runId, {
      entities: progress,
      differences: Object.values(progress).reduce((n, p) => n + differingCount(p), 0),
    });
  }

  async function run(claimed: Claimed): Promise<void> {
    const tenant = await db.tenant.findUniqueOrThrow({ where: { id: claimed.tenantId } });
    const progress: Record<string, EntityProgress> = {};
    const renew = setInterval(() => void save(claimed.id, {}).catch(() => undefined), Math.max(250, staleMs / 3));
    const clients: pg.Client[] = [];
    try {
      // a run taken over starts again: its stored differences may be half written
      await db.reconcileDifference.deleteMany({ where: { runId: claimed.id } });
      await save(claimed.id, { entities: {}, differences: 0 });
      if (claimed.was === "running") log(`${tenant.slug}: took run ${claimed.id} over; starting it again`);
      const sourceTarget = reconcileSource(tenant.slug, tenant.source, env);
      const targetUrl = env.DATABASE_URL;
      if (!targetUrl) throw new Error("DATABASE_URL is not set");
      // the source's own rules: TLS as registered, never a clear-text password
      const source = sourceClient(sourceTarget, { connectionTimeoutMillis: 20_000 });
      const target = new pg.Client({ connectionString: targetUrl, connectionTimeoutMillis: 20_000 });
      clients.push(source, target);
      await Promise.all([source.connect(), target.connect()]);
      const entities = ENTITIES.filter((e) => tenant.entities.length === 0 || tenant.entities.includes(e));
      const sides = {
        source: { side: "source", client: source, tenant: tenant.slug },
        target: { side: "target", client: target, tenant: tenant.slug },
      } satisfies Record<string, SideReader>;
      // every entity's ranges are planned before any is scanned, so the run reads 100 % only when all are done
      const plans: { entity: Entity; chunks: Chunk[] }[] = [];
      for (const entity of entities) {
        const chunks = planChunks(await chunkBoundaries(sides.source, entity, chunkSize));
        progress[entity] = startProgress(chunks.length);
        plans.push({ entity, chunks });
      }
      await save(claimed.id, { entities: progress });
      const scans = [];
      for (const { entity, chunks } of plans) {
        scans.push(
          await compareEntity(
            claimed.id,
            entity,
            chunks,
            sides.source,
            sides.target,
            () => progress,
            (p) => (progress[entity] = p),
          ),
        );
      }
      if (confirmAfterMs > 0 && scans.some((scan) => scan.ids.size > 0))
        await confirm(claimed.id, scans, sides, progress);
      const differences = Object.values(progress).reduce((n, p) => n + differingCount(p), 0);
      // the alert is raised (or resolved) before the run reads as finished, so whoever sees the result sees the alert too
      const alerts = await evaluateReconcileDrift(
        db,
        tenant.id,
        { differences, atMs: Date.now() },
        { consoleUrl: env.NEXTAUTH_URL },
      );
      await finish(claimed, "succeeded", { entities: progress, differences, error: null });
      const settled = Object.values(progress).reduce((n, p) => n + (p.settled ?? 0), 0);
      log(
        `${tenant.slug}: ${differences} differing id${differences === 1 ? "" : "s"}${settled ? ` (${settled} more were changes in flight)` : ""}${alerts.fired ? " — drift alert fired" : ""}${alerts.resolved ? " — drift alert resolved" : ""}`,
      );
    } catch (error) {
      if (error instanceof LeaseLost) {
        log(`${tenant.slug}: ${error.message}`);
        if (signal.stopped)
          await db.reconcileRun.updateMany({
            where: { id: claimed.id, leaseOwner: owner },
            data: { heartbeatAt: new Date(0), leaseOwner: null },
          });
        return;
      }
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      await finish(claimed, "failed", { entities: progress, error: message }).catch(() => undefined);
      log(`${tenant.slug}: run failed: ${message}`);
    } finally {
      clearInterval(renew);
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    }
  }

  async function finish(
    claimed: Claimed,
    status: "succeeded" | "failed",
    data: { entities: Record<string, EntityProgress>; differences?: number; error: string | null },
  ) {
    await db.$transaction(async (tx) => {
      const done = await tx.reconcileRun.updateMany({
        where: { id: claimed.id, leaseOwner: owner },
        data: { ...data, status, finishedAt: new Date(), leaseOwner: null },
      });
      if (done.count !== 1) throw new LeaseLost(`run ${claimed.id} was taken over`);
      await tx.auditEvent.create({
        data: {
          actorId: claimed.requestedById,
          actorEmail: claimed.requestedBy,
          actorRole: "reconciliation",
          tenantId: claimed.tenantId,
          action: `reconcile.${status}`,
          target: `reconcile-run:${claimed.id}`,
          after: { differences: data.differences ?? null, error: data.error },
          requestId: claimed.id,
          sourceAddress: owner.slice(0, 64),
        },
      });
      const keep = await tx.reconcileRun.findMany({
        where: { tenantId: claimed.tenantId },
        orderBy: { createdAt: "desc" },
        take: options.keepRuns ?? 20,
        select: { id: true },
      });
      await tx.reconcileRun.deleteMany({
        where: {
          tenantId: claimed.tenantId,
          status: { in: ["succeeded", "failed"] },
          id: { notIn: keep.map((r) => r.id) },
        },
      });
    });
  }

  /** Queues a run for every active tenant whose last run started longer ago than the schedule's period. */
  async function queueScheduled(): Promise<void> {
    if (everyMinutes === 0) return;
    const tenants = await db.tenant.findMany({ where: { status: "ACTIVE" }, select: { id: true, slug: true } });
    for (const tenant of tenants) {
      const queued = await enqueueReconcileRun(db, {
        tenantId: tenant.id,
        requestedBy: "schedule",
        unlessStartedWithinMs: everyMinutes * 60_000,
      });
      if (queued.created) log(`${tenant.slug}: scheduled run queued`);
    }
  }

  let nextSchedule = Date.now() + (options.scheduleCheckMs ?? 60_000);
  const loop = runClaimLoop(signal, {
    pollMs: options.pollMs ?? 1_000,
    onError: (error) => log(`reconcile worker: ${error instanceof Error ? error.message : String(error)}`),
    tick: async () => {
      if (Date.now() >= nextSchedule) {
        nextSchedule = Date.now() + (options.scheduleCheckMs ?? 60_000);
        await queueScheduled();
      }
      const claimed = await claim();
      if (claimed) await run(claimed);
      return claimed !== undefined;
    },
  });

  return {
    owner,
    async stop() {
      signal.stop();
      await loop;
    },
  };
}
