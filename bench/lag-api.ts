/**
 * `npm run bench:lag-api`: the lag API as users hit it. Starts Postgres and the production console
 * (the lag sampler off), fills the sampler's tables with 10,000 consumer groups, signs in, then
 * sends the groups list (sorted, searched, paged) from 50 concurrent clients. Last line:
 *   lag-api: <G> groups, <N> requests from <C> clients, p50 <a> ms, p95 <b> ms, p99 <c> ms, <r> req/s
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { buildConsole, consoleBuildIsStale, startConsole } from "../scripts/stack/console";
import { startLocalStack } from "../scripts/stack/local-stack";
import { freePort } from "../scripts/stack/net";
import { signIn } from "./sign-in";
import { percentile } from "./stats";

const GROUPS = 10_000;
const CLIENTS = 50;
const REQUESTS_PER_CLIENT = 40;
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

function randomQuery(i: number): string {
  const sorts = ["status", "lag", "lagSeconds", "groupId"];
  const params = new URLSearchParams({ sort: sorts[i % sorts.length]!, page: String(1 + (i % 20)), pageSize: "50" });
  if (i % 3 === 0) params.set("q", `team${i % 97}.`);
  return params.toString();
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-bench-api-"));
  process.env.KAFKA_BROKERS ??= "127.0.0.1:9"; // no broker needed: the sampler is off
  process.env.KAFKA_CONNECT_URL ??= "http://127.0.0.1:9";
  const log = (line: string) => console.log(`[bench] ${line}`);
  const stack = await startLocalStack({ dataDir, demo: true, log });
  let console_: Awaited<ReturnType<typeof startConsole>> | undefined;
  try {
    await fillLagTables(stack.env.DATABASE_URL!);
    if (consoleBuildIsStale()) buildConsole();
    const port = await freePort();
    console_ = await startConsole({
      port,
      env: { ...stack.env, NEXTAUTH_URL: `http://localhost:${port}`, SYNCDECK_LAG_SAMPLER: "off" },
      log: () => undefined,
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    const cookie = await signIn(baseUrl);
    const get = async (i: number) => {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/lag/groups?${randomQuery(i)}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    const sequential: number[] = [];
    for (let i = 0; i < 200; i += 1) sequential.push(await get(i)); // also warms up paths and pools
    console.log(`one client at a time: p50 ${percentile(sequential, 50).toFixed(1)} ms, p95 ${percentile(sequential, 95).toFixed(1)} ms`);
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let r = 0; r < REQUESTS_PER_CLIENT; r += 1) latencies.push(await get(client * REQUESTS_PER_CLIENT + r));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const fmt = (p: number) => percentile(latencies, p).toFixed(1);
    console.log(
      `lag-api: ${GROUPS} groups, ${latencies.length} requests from ${CLIENTS} clients, p50 ${fmt(50)} ms, p95 ${fmt(95)} ms, p99 ${fmt(99)} ms, ${(latencies.length / seconds).toFixed(0)} req/s`,
    );
  } finally {
    await console_?.stop();
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
