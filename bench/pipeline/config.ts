/** The bench's knobs (environment variables, see index.ts) and small helpers its parts share. */
import { randomUUID } from "node:crypto";
import os from "node:os";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
export const UPDATES = int("BENCH_UPDATES", 2_000_000);
export const PROCESSORS = int("BENCH_PROCESSORS", 2);
export const PARTITIONS = int("BENCH_PARTITIONS", 6);
export const RATE = int("BENCH_RATE", 5_000);
export const LATENCY_SECONDS = int("BENCH_LATENCY_SECONDS", 30);
export const WARMUP_SECONDS = 5;
export const NAIVE_UPDATES = int("BENCH_NAIVE_UPDATES", 20_000);
export const POISON_UPDATES = int("BENCH_POISON_UPDATES", 250_000);
export const POISON_EVERY = int("BENCH_POISON_EVERY", 100);
export const RETRY_FAILURES = int("BENCH_RETRY_FAILURES", 3_000);
export const RETRY_SPREAD_SECONDS = int("BENCH_RETRY_SPREAD_SECONDS", 20);
export const RETRY_DELAYS_MS = (process.env.BENCH_RETRY_DELAYS_MS || "1000,10000,30000").split(",").map(Number);
/** "retry": only retry dispatch; "throughput": only phase 1; "floor": phase 1 and the floor; "jdbc": throughput, latency, the JDBC sink peer and the floor */
export const ONLY = process.env.BENCH_ONLY;
export const PRODUCE_CHUNK = 5_000;
/** extra node flags for the update-processor children, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" */
export const PROCESSOR_NODE_ARGS = (process.env.BENCH_PROCESSOR_NODE_ARGS ?? "").split(" ").filter(Boolean);
/** makes this run's tenants unique */
export const suffix = randomUUID().replaceAll("-", "").slice(0, 8);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
export const load = () =>
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
