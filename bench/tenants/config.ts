/** The knobs of `npm run bench:tenants` (environment variables, see bench/tenants.ts). */

const int = (name: string, fallback: number, min = 1) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}`);
  return value;
};

/** tenants at LIGHT_RATE changes/s */
export const TENANTS = int("BENCH_TENANTS", 200);
export const LIGHT_RATE = int("BENCH_LIGHT_RATE", 2);
/** tenants at HEAVY_RATE changes/s, in the pools beside the light ones */
export const HEAVY_TENANTS = int("BENCH_HEAVY_TENANTS", 3, 0);
export const HEAVY_RATE = int("BENCH_HEAVY_RATE", 500);
/** tenants per pool process (each stage has ceil(all / POOL_SIZE) processes); default: one pool per stage */
export const POOL_SIZE = int("BENCH_POOL_SIZE", TENANTS + HEAVY_TENANTS);
/** partitions of each topic of a tenant */
export const PARTITIONS = int("BENCH_PARTITIONS", 1);
export const WARMUP_SECONDS = int("BENCH_WARMUP_SECONDS", 10);
/**
 * After the warm-up's backlog is processed, traffic resumes this long before the window opens. When
 * every tenant resumes in the same second, right after the processors worked off that backlog,
 * source-to-target p99 stays at 1.5-2.5 s for 8-11 s (measured per second of source time, 200 + 3
 * tenants, three runs), then falls below 1 s. A platform's tenants do not all go quiet and resume
 * together; this pause is the bench's own. At 5 s, that transient fell in every clean window.
 */
export const SETTLE_SECONDS = 20;
/** the clean measurement window */
export const SECONDS = int("BENCH_SECONDS", 60);
/** the window with one light tenant poisoned */
export const POISON_SECONDS = int("BENCH_POISON_SECONDS", 30);
/** poison messages/s on the poisoned tenant's updates topic, beside its normal changes */
export const POISON_RATE = int("BENCH_POISON_RATE", 100);
/** tenants run by dedicated processors (3 each) for the comparison; 0 skips it */
export const DEDICATED_TENANTS = int("BENCH_DEDICATED_TENANTS", 5, 0);
export const DEDICATED_SECONDS = int("BENCH_DEDICATED_SECONDS", 20);
/**
 * How long an idle consumer's fetch may wait at the broker (CONSUMER_MAX_WAIT_MS of every
 * processor the bench starts, pooled and dedicated alike, unless set). The broker answers as soon
 * as data arrives, so it costs no latency except to a paused partition (a retry waiting out its
 * tier, which resumes up to this late: pipeline/shared/runner.ts); a short one makes 600 idle
 * consumers poll the broker in a loop.
 */
export const MAX_WAIT_MS = process.env.CONSUMER_MAX_WAIT_MS || "5000";
/**
 * POOL_CONCURRENCY of the pool processes (the product's default 16), unless set: the Postgres
 * slots all of a pool's tenants share. A slot is held for a turn's database work (the figures below are
 * from when it was also held across the produce and offset commit), and 200 light tenants bring 400
 * one-message batches/s per stage: with
 * the default 3 slots the heavy tenants queue behind them (measured: 761 of 1,900 changes/s applied
 * at 200 tenants, p99 58 s; at 100 tenants 1,306 of 1,700 and p99 10 s with 3 slots, all of it and
 * p99 2.6 s with 12; at 200 tenants with 16, 1,458 of 1,900 and the update-processor caught up,
 * the cdc-processor — a produce, a trail insert and an offset commit per one-message batch — now
 * the one behind on a machine at load 18-23). Dedicated processors keep the default (one tenant each).
 */
export const POOL_CONCURRENCY = process.env.POOL_CONCURRENCY || "16";
