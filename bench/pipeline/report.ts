/** The lines the bench prints, one function per line; pure, so the figures and their words stay together. */
import os from "node:os";
import {
  fmt,
  LATENCY_SECONDS,
  NAIVE_UPDATES,
  POISON_EVERY,
  POISON_UPDATES,
  PROCESSORS,
  RATE,
  RETRY_DELAYS_MS,
  RETRY_FAILURES,
  RETRY_SPREAD_SECONDS,
  WARMUP_SECONDS,
} from "./config";
import { percentile } from "../stats";
import { POISON_KINDS } from "./workload";

export const machineLine = (load: string) => `machine: ${os.cpus().length} cores, ${load}`;

export const commitTimeLine = (commitTs: boolean) =>
  `target commit time: ${commitTs ? "pg_xact_commit_timestamp (track_commit_timestamp=on)" : "processed_at = transaction start (track_commit_timestamp is off: latency understated by the transaction's duration)"}`;

export function retryLine(
  retry: { forwarded: number; p50: number; p99: number; max: number; early: number; missing: number },
  load: string,
): string {
  return (
    `retry dispatch: ${fmt(retry.forwarded)} of ${fmt(RETRY_FAILURES)} retries over ${RETRY_SPREAD_SECONDS} s across tiers ${RETRY_DELAYS_MS.map((d) => `${d / 1000} s`).join(", ")} ` +
    `forwarded ${retry.p50.toFixed(0)} ms (p50), ${retry.p99.toFixed(0)} ms (p99), ${retry.max.toFixed(0)} ms (max) after their due time; early ${retry.early}, not forwarded ${retry.missing} (${load})`
  );
}

export function producedLine(
  updates: number,
  members: number,
  claims: number,
  topic: string,
  partitions: number,
  seconds: number,
): string {
  return `produced ${fmt(updates)} updates (${fmt(members)} members, ${fmt(claims)} claims) to ${topic} (${partitions} partitions) in ${seconds.toFixed(1)} s`;
}

export function throughputLine(
  t: {
    updates: number;
    seconds: number;
    sustained: number;
    steady: number;
    outcomes: string;
    lost: number;
    duplicated: number;
  },
  load: string,
): string {
  return (
    `throughput: ${fmt(t.updates)} updates applied by ${PROCESSORS} update-processor process(es) in ${t.seconds.toFixed(1)} s from spawn = ${fmt(t.sustained)}/s ` +
    `(${fmt(t.steady)}/s first to last commit); outcomes ${t.outcomes}; lost ${t.lost}, duplicated ${t.duplicated} (${load})`
  );
}

export function latencyLine(
  offered: number,
  latencies: number[],
  lost: number,
  duplicated: number,
  load: string,
): string {
  return (
    `latency: offered ${fmt(offered / LATENCY_SECONDS)}/s for ${LATENCY_SECONDS} s after ${WARMUP_SECONDS} s warm-up; ${fmt(latencies.length)} messages: ` +
    `p50 ${percentile(latencies, 50).toFixed(0)} ms, p90 ${percentile(latencies, 90).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms; ` +
    `lost ${lost}, duplicated ${duplicated} (${load})`
  );
}

export function latencySplitLine(waits: number[], inTx: number[]): string {
  return (
    `latency split: send → target transaction start (Kafka, fetch wait, decode) p50 ${percentile(waits, 50).toFixed(0)} / p99 ${percentile(waits, 99).toFixed(0)} ms; ` +
    `transaction start → commit p50 ${percentile(inTx, 50).toFixed(0)} / p99 ${percentile(inTx, 99).toFixed(0)} ms`
  );
}

type Pooled = { rate: number; seconds: number; lost: number; duplicated: number };

export function poisonLine(
  runSeconds: number[],
  clean: Pooled,
  poisoned: Pooled,
  deadLettered: number,
  load: string,
): string {
  const poisonCount = 2 * Math.floor(POISON_UPDATES / POISON_EVERY);
  return (
    `poison: 2 × ${fmt(POISON_UPDATES)} messages each way (clean, poisoned, poisoned, clean; each run ${runSeconds.map((s) => `${fmt(POISON_UPDATES / s)}/s`).join(", ")}): clean ${fmt(clean.rate)}/s (${clean.seconds.toFixed(1)} s), with 1 in ${POISON_EVERY} poison ` +
    `(${fmt(poisonCount)}: ${POISON_KINDS.join(", ")}) ${fmt(poisoned.rate)}/s (${poisoned.seconds.toFixed(1)} s); ` +
    `ratio ${(poisoned.rate / clean.rate).toFixed(2)} (drop ${(100 * (1 - poisoned.rate / clean.rate)).toFixed(1)}%); ` +
    `dead-lettered ${fmt(deadLettered)} (the unknown-member fifth goes to the retry topic); lost ${clean.lost + poisoned.lost}, duplicated ${clean.duplicated + poisoned.duplicated} (${load})`
  );
}

export function naiveLine(naive: { rate: number; lost: number }, sustained: number, load: string): string {
  return `naive baseline: ${fmt(naive.rate)} updates/s (one message at a time, one autocommit upsert per message, ${fmt(NAIVE_UPDATES)} updates; lost ${naive.lost}); ratio ${(sustained / naive.rate).toFixed(1)}x (${load})`;
}

/** The last line, the one the README quotes. */
export function summaryLine(sustained: number, p50: number, p99: number, lost: number, duplicated: number): string {
  return `pipeline: ${fmt(sustained)} updates/s sustained, p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms source-to-target at ${fmt(RATE)}/s, lost ${lost}, duplicated ${duplicated}`;
}

/** The side-by-side line: Debezium's JDBC sink against SyncDeck, from the same invocation. */
export function peerLine(sink: { rate: number; p99: number }, syncdeck: { rate: number; p99: number }): string {
  const p99 = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : "not measured");
  return `jdbc sink: ${fmt(sink.rate)} updates/s, p99 ${p99(sink.p99)}; SyncDeck: ${fmt(syncdeck.rate)} updates/s, p99 ${p99(syncdeck.p99)}; ratio ${(syncdeck.rate / sink.rate).toFixed(1)}×`;
}

/**
 * The same comparison by CPU per update (the applier's processes plus Postgres during the drain):
 * on a shared machine the load can differ between the two drains, the CPU each spent per update
 * much less.
 */
export function peerCpuLine(sinkUs: number, syncdeckUs: number): string {
  return `CPU per update (applier + Postgres): jdbc sink ${sinkUs.toFixed(0)} µs, SyncDeck ${syncdeckUs.toFixed(0)} µs; ratio ${(sinkUs / syncdeckUs).toFixed(1)}×`;
}

/** The fastest rate `cores` fully busy cores allow when every update costs `us` µs of CPU. */
export const ceilingPerSecond = (us: number, cores: number) => (cores * 1e6) / us;

/**
 * What the hardware allows (floor.ts): the read and write floors per update, the ceiling they put
 * on any applier, and where SyncDeck and the target (10× the sink, when it ran) stand against it.
 */
export function floorLine(
  floor: { readBrokerUs: number; readClientUs: number; writeTargetUs: number; writeWithTrailUs: number } | undefined,
  syncdeckRate: number,
  sinkRate?: number,
): string {
  if (!floor) return "floor: not measured (the broker or Postgres is external: its CPU is not visible to the bench)";
  const cores = os.cpus().length;
  const read = floor.readBrokerUs + floor.readClientUs;
  const us = (n: number) => `${n.toFixed(1)} µs`;
  const ceiling = (write: number) => fmt(ceilingPerSecond(read + write, cores));
  return (
    `floor: reading an update ${us(read)} CPU (broker ${us(floor.readBrokerUs)}, bare kafkajs consumer ${us(floor.readClientUs)}); ` +
    `Postgres writing it ${us(floor.writeTargetUs)} (target row only), ${us(floor.writeWithTrailUs)} (with its event-trail row); ` +
    `so ${cores} fully busy cores allow any applier at most ${ceiling(floor.writeTargetUs)}/s (target rows only), ` +
    `${ceiling(floor.writeWithTrailUs)}/s (with the trail); SyncDeck drained ${fmt(syncdeckRate)}/s` +
    (sinkRate ? `; 10× the jdbc sink is ${fmt(10 * sinkRate)}/s` : "")
  );
}
