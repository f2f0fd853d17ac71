/**
 * The simulator's run loop: generated changes written to the source database in small
 * transactions at the target rate. index.ts wraps it in a process; the integration tests and the
 * demo call it directly.
 */
import pg from "pg";
import { createGenerator, seededRng, type OperationKind, type OperationMix, type SourceChange } from "./generator";
import { rateAt, TokenBucket, type Burst } from "./rate";
import { loadState, writeBatch } from "./source-writer";

export interface SimulatorOptions {
  sourceUrl: string;
  /** Changes per second. */
  rate: number;
  /** Fraction of changes that are faults, 0..1. */
  faultRate?: number;
  burst?: Burst;
  seed?: number;
  mix?: Partial<OperationMix>;
  /** Changes per transaction at most; default 10. */
  transactionSize?: number;
  /** Called after each committed transaction (tests record what was written). */
  onCommitted?: (changes: readonly SourceChange[]) => void;
  log?: (line: string) => void;
}

export interface SimulatorStats {
  written: number;
  transactions: number;
  faults: number;
  failedTransactions: number;
  byKind: Record<OperationKind, number>;
  elapsedMs: number;
  lastError?: string;
}

export interface RunningSimulator {
  stats(): SimulatorStats;
  /** Finishes the transaction in flight, then disconnects. Idempotent. */
  stop(): Promise<SimulatorStats>;
}

const IDLE_WAIT_MS = 20;
const RECONNECT_DELAY_MS = 1_000;

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const log = options.log ?? (() => {});
  const transactionSize = options.transactionSize ?? 10;
  const first = await connect(options.sourceUrl);
  let client: pg.Client | undefined = first;
  const generator = createGenerator({
    rng: seededRng(options.seed ?? Date.now()),
    now: () => new Date(),
    mix: options.mix,
    faultRate: options.faultRate,
    state: await loadState(first).catch(async (error: unknown) => {
      await first.end();
      throw error;
    }),
  });
  const started = performance.now();
  const bucket = new TokenBucket(started);
  const stats: SimulatorStats = {
    written: 0,
    transactions: 0,
    faults: 0,
    failedTransactions: 0,
    byKind: { "new-member": 0, "new-claim": 0, "claim-status": 0, "claim-reversal": 0, "member-address": 0, delete: 0 },
    elapsedMs: 0,
  };
  let running = true;

  async function writeOne(count: number): Promise<void> {
    const changes = Array.from({ length: count }, () => generator.next());
    bucket.take(count);
    try {
      client ??= await connect(options.sourceUrl);
      await writeBatch(client, changes);
    } catch (error) {
      stats.failedTransactions++;
      stats.lastError = (error as Error).message;
      log(`transaction of ${count} changes failed: ${stats.lastError}`);
      // The connection may be what broke (Postgres restarting): start afresh after a pause.
      await client?.end().catch(() => {});
      client = undefined;
      await sleep(RECONNECT_DELAY_MS);
      return;
    }
    stats.transactions++;
    stats.written += count;
    for (const change of changes) {
      stats.byKind[change.kind]++;
      if (change.fault) stats.faults++;
    }
    options.onCommitted?.(changes);
  }

  const loop = (async () => {
    while (running) {
      const now = performance.now();
      const available = bucket.refill(now, rateAt(now - started, options.rate, options.burst));
      if (available === 0) await sleep(IDLE_WAIT_MS);
      else await writeOne(Math.min(available, transactionSize));
    }
  })();

  let stopping: Promise<SimulatorStats> | undefined;
  const snapshot = (): SimulatorStats => ({
    ...stats,
    byKind: { ...stats.byKind },
    elapsedMs: performance.now() - started,
  });
  return {
    stats: snapshot,
    stop: () =>
      (stopping ??= (async () => {
        running = false;
        await loop;
        await client?.end().catch(() => {});
        return snapshot();
      })()),
  };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "syncdeck-source-simulator" });
  // An idle error (server restart) must not crash the process; the next write reconnects.
  client.on("error", () => {});
  await client.connect();
  return client;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
