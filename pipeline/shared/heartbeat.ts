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

  /** Beats now, then every interval. A failed beat is logged, never fatal: the database may be down briefly. */
  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) => processLogger().warn({ err: errorField(error) }, "heartbeat failed"));
    }, this.config.heartbeatIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beat().catch(() => {});
  }

  async beat(): Promise<void> {
    const c = this.config;
    const pause = this.pause();
    await this.pool.query(
      `INSERT INTO processor_heartbeats (instance_id, tenant, stage, version, pid, host, started_at, last_beat_at, counts, last_error,
         paused_until, failures_in_row)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8, $9,
         CASE WHEN $10::int > 0 THEN now() + make_interval(secs => $10::int / 1000.0) END, $11)
       ON CONFLICT (instance_id) DO UPDATE SET tenant = EXCLUDED.tenant, stage = EXCLUDED.stage, version = EXCLUDED.version,
         pid = EXCLUDED.pid, host = EXCLUDED.host, started_at = EXCLUDED.started_at, last_beat_at = now(),
         counts = EXCLUDED.counts, last_error = EXCLUDED.last_error,
         paused_until = EXCLUDED.paused_until, failures_in_row = EXCLUDED.failures_in_row`,
      [
        c.instanceId,
        c.tenant,
        c.stage,
        c.version,
        process.pid,
        os.hostname(),
        this.startedAt,
        JSON.stringify(this.counts),
        this.lastError,
        Math.ceil(pause.remainingMs),
        pause.failures,
      ],
    );
  }
}
