/**
 * A processor instance's heartbeat row (processor_heartbeats): who runs, since when, what it did.
 * The console treats an instance whose last_beat_at is older than a few intervals as gone.
 */
import os from "node:os";
import type pg from "pg";
import { errorField, processLogger } from "@/lib/log/logger";
import type { ProcessorConfig } from "./processor-config";

export interface ProcessorCounts {
  consumed: number;
  applied: number;
  skipped: number;
  produced: number;
  retried: number;
  deadLettered: number;
  failed: number;
}

/** A tenant's pause after failures in a row: how much of it is left (0: running) and after how many. */
export type PauseState = { remainingMs: number; failures: number };
const NOT_PAUSED: PauseState = { remainingMs: 0, failures: 0 };

export class Heartbeat {
  readonly counts: ProcessorCounts = {
    consumed: 0,
    applied: 0,
    skipped: 0,
    produced: 0,
    retried: 0,
    deadLettered: 0,
    failed: 0,
  };
  private lastError: string | null = null;
  private pause: () => PauseState = () => NOT_PAUSED;
  private readonly startedAt = new Date();
  private timer: NodeJS.Timeout | undefined;
  private group: BeatGroup | undefined;
  private readonly listeners: Array<(delta: Partial<ProcessorCounts>) => void> = [];
  private readonly errorListeners: Array<(message: string) => void> = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: ProcessorConfig,
  ) {}

  add(delta: Partial<ProcessorCounts>): void {
    for (const [key, value] of Object.entries(delta) as Array<[keyof ProcessorCounts, number]>)
      this.counts[key] += value;
    for (const listener of this.listeners) listener(delta);
  }

  /** Also tells `listener` every count added (the processor's Prometheus counters). */
  onAdd(listener: (delta: Partial<ProcessorCounts>) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Where the beat reads whether the tenant's partitions are paused after failures (the tenant's
   * lane; a pool's own beat reports its longest-paused tenant), so the console can say so.
   */
  watchPause(read: () => PauseState): void {
    this.pause = read;
  }

  recordError(error: unknown): void {
    this.lastError = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2_000);
    for (const listener of this.errorListeners) listener(this.lastError);
  }

  /** Clears the last error if it is still `message` (a condition that has since passed). */
  clearError(message: string): void {
    if (this.lastError === message.slice(0, 2_000)) this.lastError = null;
  }

  /** Also tells `listener` every error recorded (a pool's own beat, naming the tenant). */
  onError(listener: (message: string) => void): void {
    this.errorListeners.push(listener);
  }

  /**
   * Beats now, then every interval: on a timer of its own, or in `group`'s one statement (a pool's
   * tenants, see BeatGroup). A failed beat is logged, never fatal: the database may be down briefly.
   */
  async start(group?: BeatGroup): Promise<void> {
    await this.beat();
    if (group) {
      this.group = group;
      group.add(this);
      return;
    }
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) => processLogger().warn({ err: errorField(error) }, "heartbeat failed"));
    }, this.config.heartbeatIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.group?.delete(this);
    await this.beat().catch(() => {});
  }

  async beat(): Promise<void> {
    await upsertBeats(this.pool, [this.row()]);
  }

  /** The row this beat writes now. */
  row(): BeatRow {
    const c = this.config;
    const pause = this.pause();
    return {
      instanceId: c.instanceId,
      tenant: c.tenant,
      stage: c.stage,
      version: c.version,
      startedAt: this.startedAt,
      counts: JSON.stringify(this.counts),
      lastError: this.lastError,
      pauseMs: Math.ceil(pause.remainingMs),
      failures: pause.failures,
    };
  }
}

interface BeatRow {
  instanceId: string;
  tenant: string;
  stage: string;
  version: string;
  startedAt: Date;
  counts: string;
  lastError: string | null;
  pauseMs: number;
  failures: number;
}

/**
 * The heartbeats of a pool's tenants, written every interval in one statement: with a row each on
 * its own timer, 200 tenants made 120 upserts a second per stage, all started together and so
 * due at the same moment, each queueing for a connection ahead of the tenants' work.
 */
export class BeatGroup {
  private readonly beats = new Set<Heartbeat>();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => {
      if (this.beats.size === 0) return;
      this.current = upsertBeats(
        this.pool,
        [...this.beats].map((b) => b.row()),
      ).catch((error: unknown) => processLogger().warn({ err: errorField(error) }, "heartbeats failed"));
    }, intervalMs);
    this.timer.unref();
  }

  add(beat: Heartbeat): void {
    this.beats.add(beat);
  }

  delete(beat: Heartbeat): void {
    this.beats.delete(beat);
  }

  /** Settles when no write is in flight (one started before a beat left could still write its row). */
  async settled(): Promise<void> {
    await this.current;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.current;
  }
}

/** One upsert for any number of instances' rows (arrays, so the statement text never changes). */
async function upsertBeats(pool: pg.Pool, rows: BeatRow[]): Promise<void> {
  await pool.query(
    `INSERT INTO processor_heartbeats (instance_id, tenant, stage, version, pid, host, started_at, last_beat_at, counts, last_error,
       paused_until, failures_in_row)
     SELECT r.instance_id, r.tenant, r.stage, r.version, $1, $2, r.started_at, now(), r.counts, r.last_error,
       CASE WHEN r.pause_ms > 0 THEN now() + make_interval(secs => r.pause_ms / 1000.0) END, r.failures
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[], $9::text[], $10::int[],
       $11::int[]) AS r(instance_id, tenant, stage, version, started_at, counts, last_error, pause_ms, failures)
     ON CONFLICT (instance_id) DO UPDATE SET tenant = EXCLUDED.tenant, stage = EXCLUDED.stage, version = EXCLUDED.version,
       pid = EXCLUDED.pid, host = EXCLUDED.host, started_at = EXCLUDED.started_at, last_beat_at = now(),
       counts = EXCLUDED.counts, last_error = EXCLUDED.last_error,
       paused_until = EXCLUDED.paused_until, failures_in_row = EXCLUDED.failures_in_row`,
    [
      process.pid,
      os.hostname(),
      rows.map((r) => r.instanceId),
      rows.map((r) => r.tenant),
      rows.map((r) => r.stage),
      rows.map((r) => r.version),
      rows.map((r) => r.startedAt),
      rows.map((r) => r.counts),
      rows.map((r) => r.lastError),
      rows.map((r) => r.pauseMs),
      rows.map((r) => r.failures),
    ],
  );
}
