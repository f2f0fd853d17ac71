/**
 * `npm run bench:lag-api`: the lag API as users hit it. Starts Postgres and the production console
 * (the lag sampler off), fills the sampler's tables with 10,000 consumer groups, signs in, then
 * sends the groups list (sorted, searched, paged) from 50 concurrent clients in a worker thread: first
 * polling at fixed intervals (open loop, as open consoles do), then saturating (closed loop, each
 * client sends again as soon as answered). Before that, the same clients measure the floor: the
 * console's emptiest route. Then the console's CPU per request, the real cost of a request here. Last
 * line, the saturated figure:
 *   lag-api: <G> groups, <N> requests from <C> clients, p50 <a> ms, p95 <b> ms, p99 <c> ms, <r> req/s
 */
import { Worker } from "node:worker_threads";
import { Client } from "pg";
import { withBenchConsole } from "./bench-console";
import { cpuTimes, describeCpu, percentile } from "./stats";

const GROUPS = 10_000;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 40;
/** poll intervals of the open-loop phase: 5 s is the lag page's own refresh; faster ones load it harder */
const POLL_INTERVALS_MS = [5_000, 1_000, 250];
const POLL_SECONDS = 20;
const STATUSES = ["OK", "OK", "OK", "OK", "WARN", "STALL", "STOP", "REWIND"];

async function fillLagTables(databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query("TRUNCATE lag_group_state");
    await db.query(
      `INSERT INTO lag_group_state (group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, topics, updated_at)
       SELECT 'bench.team' || (i % 97) || '.service-' || i, 'Stable', 1 + i % 4, (i * 7919) % 100000, ((i * 104729) % 3600)::float8,
              (i % 500)::float8, (ARRAY[${STATUSES.map((s) => `'${s}'`).join(",")}])[1 + i % ${STATUSES.length}], 'synthetic', '[]'::jsonb, now()
       FROM generate_series(1, $1) AS i`,
      [GROUPS],
    );
    await db.query(
      `INSERT INTO lag_sampler_status (id, sampled_at, duration_ms, groups, partitions, last_error) VALUES (1, now(), 100, $1, $1, NULL)
       ON CONFLICT (id) DO UPDATE SET sampled_at = now()`,
      [GROUPS],
    );
    await db.query("ANALYZE lag_group_state");
  } finally {
    await db.end();
  }
}

/**
 * The load generator runs in a worker thread with its own event loop, so the bench's main thread
 * (which owns the stack) never delays a client. Closed loop: `clients` requests in flight, each
 * client sending its next one when the last answered; latency from send to the last body byte.
 */
const CLIENT_LOOP = `
const { parentPort, workerData } = require("node:worker_threads");
const { urls, cookie, clients } = workerData;
const latencies = new Array(urls.length);
let next = 0;
const started = performance.now();
Promise.all(Array.from({ length: clients }, async () => {
  for (let i = next++; i < urls.length; i = next++) {
    const sent = performance.now();
    const response = await fetch(urls[i], { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error("HTTP " + response.status + " for " + urls[i]);
    latencies[i] = performance.now() - sent;
  }
})).then(() => parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 }));
`;

/**
 * Open loop: each of `clients` polls its own URLs every `intervalMs`, the starts staggered across the
 * interval, as consoles left open on the lag page do (they refresh every 5 s). A request's latency
 * counts from when it was due, so a late start is not hidden.
 */
const POLL_LOOP = `
const { parentPort, workerData } = require("node:worker_threads");
const { urls, cookie, clients, intervalMs, rounds } = workerData;
const latencies = [];
const origin = performance.now() + 50;
const sleepUntil = (t) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - performance.now())));
Promise.all(Array.from({ length: clients }, async (_, c) => {
  for (let round = 0; round < rounds; round++) {
    const due = origin + round * intervalMs + (c * intervalMs) / clients;
    await sleepUntil(due);
    const url = urls[(round * clients + c) % urls.length];
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error("HTTP " + response.status + " for " + url);
    latencies.push(performance.now() - due);
  }
})).then(() => parentPort.postMessage({ latencies }));
`;

function runPolling(
  urls: string[],
  cookie: string,
  clients: number,
  intervalMs: number,
  rounds: number,
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(POLL_LOOP, { eval: true, workerData: { urls, cookie, clients, intervalMs, rounds } });
    worker.once("message", (result: { latencies: number[] }) => {
      resolve(result.latencies);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

function runClients(
  urls: string[],
  cookie: string,
  clients: number,
): Promise<{ latencies: number[]; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_LOOP, { eval: true, workerData: { urls, cookie, clients } });
    worker.once("message", (result: { latencies: number[]; seconds: number }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

function randomQuery(i: number): string {
  const sorts = ["status", "lag", "lagSeconds", "groupId"];
  const params = new URLSearchParams({ sort: sorts[i % sorts.length]!, page: String(1 + (i % 20)), pageSize: "50" });
  if (i % 3 === 0) params.set("q", `team${i % 97}.`);
  return params.toString();
}

async function main() {
  process.env.KAFKA_BROKERS ??= "127.0.0.1:9"; // no broker needed: the sampler is off
  process.env.KAFKA_CONNECT_URL ??= "http://127.0.0.1:9";
  await withBenchConsole(
    "api",
    (env) => fillLagTables(env.DATABASE_URL!),
    async ({ loopbackUrl: baseUrl, cookie, pid: consolePid }) => {
      const lagUrls = Array.from(
        { length: CLIENTS * REQUESTS_PER_CLIENT },
        (_, i) => `${baseUrl}/api/lag/groups?${randomQuery(i)}`,
      );
      const sequential = (await runClients(lagUrls.slice(0, 200), cookie, 1)).latencies; // also warms up paths and pools
      console.log(
        `one client at a time: p50 ${percentile(sequential, 50).toFixed(1)} ms, p95 ${percentile(sequential, 95).toFixed(1)} ms`,
      );
      const fmt = (latencies: number[], p: number) => percentile(latencies, p).toFixed(1);
      // The floor: the same clients against the console's emptiest route (no session, no data).
      const healthz = lagUrls.map(() => `${baseUrl}/api/healthz`);
      await runClients(healthz.slice(0, 200), cookie, 1);
      const cpu = () => ({ console: cpuTimes([consolePid]), generator: cpuTimes([process.pid]) });
      const floorBefore = cpu();
      const floor = await runClients(healthz, cookie, CLIENTS);
      const floorCpu =
        ((cpu().console?.processesMs ?? NaN) - (floorBefore.console?.processesMs ?? NaN)) / healthz.length;
      console.log(
        `floor, GET /api/healthz from the same ${CLIENTS} clients: p50 ${fmt(floor.latencies, 50)} ms, p95 ${fmt(floor.latencies, 95)} ms, ` +
          `${(floor.latencies.length / floor.seconds).toFixed(0)} req/s, console cpu ${floorCpu.toFixed(2)} ms per request`,
      );
      for (const intervalMs of POLL_INTERVALS_MS) {
        const rounds = Math.round((POLL_SECONDS * 1000) / intervalMs);
        const polled = await runPolling(lagUrls, cookie, CLIENTS, intervalMs, rounds);
        console.log(
          `polling: ${CLIENTS} clients each every ${intervalMs} ms (${Math.round((CLIENTS * 1000) / intervalMs)} req/s), ${polled.length} requests, ` +
            `p50 ${fmt(polled, 50)} ms, p95 ${fmt(polled, 95)} ms, p99 ${fmt(polled, 99)} ms`,
        );
      }
      // Saturation: every client sends its next request the moment the last one answered.
      const before = cpu();
      const { latencies, seconds } = await runClients(lagUrls, cookie, CLIENTS);
      const after = cpu();
      if (before.console && after.console && before.generator && after.generator) {
        const perRequest = (from: number, to: number) => ((to - from) / latencies.length).toFixed(2);
        console.log(
          `cpu per request: console ${perRequest(before.console.processesMs, after.console.processesMs)} ms, load generator ${perRequest(before.generator.processesMs, after.generator.processesMs)} ms; ` +
            describeCpu(before.console, after.console, seconds * 1000).replace("this bench", "the console"),
        );
      }
      console.log(
        `lag-api: ${GROUPS} groups, ${latencies.length} requests from ${CLIENTS} clients, p50 ${fmt(latencies, 50)} ms, p95 ${fmt(latencies, 95)} ms, p99 ${fmt(latencies, 99)} ms, ${(latencies.length / seconds).toFixed(0)} req/s`,
      );
    },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
