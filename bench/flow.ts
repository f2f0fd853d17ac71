/**
 * `npm run bench:flow`: the flow view of a tenant with 20 topics (17 cdc tables, updates, retry,
 * DLQ; 6 partitions each, with messages), as a person opens it. Starts Kafka and Postgres (no
 * Connect: the connector reads UNREACHABLE, which the page shows), creates the topics and the lag
 * sampler's rows, starts the production console, then times
 *   - GET /api/tenants/<t>/flow (sequential, after a warm-up), and
 *   - opening /flow/<t> in Chromium until all 20 topic nodes are drawn,
 * and, in this process, the pure graph build + layout. There is no naive baseline to compare with:
 * the figure that matters is the absolute time against the 1 s the issue allows.
 * Last line: flow: 20 topics, API p50 <a> ms p95 <b> ms, page to graph p50 <c> ms max <d> ms
 */
import { chromium } from "@playwright/test";
import { logLevel } from "kafkajs";
import { Client } from "pg";
import { buildFlowGraph, type FlowInput } from "../server/flow/flow-graph";
import { layoutFlow } from "../server/flow/flow-layout";
import { createKafka } from "@/lib/kafka/client";
import { withBenchConsole } from "./bench-console";
import { percentile } from "./stats";

const TENANT = "bench-flow";
const CDC_TABLES = Array.from({ length: 17 }, (_, i) => `table_${String.fromCharCode(97 + i)}`);
const TOPICS = [
  ...CDC_TABLES.map((t) => `sync.${TENANT}.cdc.${t}`),
  `sync.${TENANT}.updates`,
  `sync.${TENANT}.retry.1s`,
  `sync.${TENANT}.dlq`,
];
const PARTITIONS = 6;
const API_RUNS = 40;
const PAGE_RUNS = 8;

async function createTopics(brokers: string) {
  const kafka = createKafka(
    { ...process.env, KAFKA_BROKERS: brokers, KAFKA_CLIENT_ID: "syncdeck-bench" },
    { logLevel: logLevel.NOTHING },
  );
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    await admin.createTopics({
      topics: TOPICS.map((topic) => ({ topic, numPartitions: PARTITIONS })),
      waitForLeaders: true,
    });
    // A skewed updates topic (a hot member on partition 0) so the partition view has something to show.
    for (const topic of TOPICS) {
      const messages = Array.from({ length: 120 }, (_, i) => ({
        partition: topic.endsWith(".updates") && i % 2 === 0 ? 0 : i % PARTITIONS,
        value: `m${i}`,
      }));
      await producer.send({ topic, messages });
    }
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
}

/** The tenant row, and what the lag sampler would have written for its three groups. */
async function fillDatabase(databaseUrl: string) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO tenants (id, slug, name, status, updated_at) VALUES (gen_random_uuid(), $1, 'Bench Flow', 'ACTIVE', now()) ON CONFLICT (slug) DO NOTHING`,
      [TENANT],
    );
    const groups: Array<[string, string[]]> = [
      [`sync.${TENANT}.cdc-processor`, TOPICS.slice(0, 17)],
      [`sync.${TENANT}.update-processor`, [TOPICS[17]!]],
      [`sync.${TENANT}.retry-processor`, [TOPICS[18]!]],
    ];
    for (const [groupId, topics] of groups) {
      const lag = topics.map((topic) => ({
        topic,
        lag: 12,
        lagSeconds: 0.5,
        consumePerSecond: 20,
        partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({
          partition,
          committed: 18,
          end: 20,
          lag: 2,
          lagSeconds: 0.5,
          lagSecondsAtLeast: false,
          status: "OK",
          reason: "consuming",
        })),
      }));
      await db.query(
        `INSERT INTO lag_group_state (group_id, state, members, lag, lag_seconds, consume_per_second, status, reason, topics, updated_at)
         VALUES ($1, 'Stable', 1, 12, 0.5, 20, 'OK', 'consuming', $2::jsonb, now()) ON CONFLICT (group_id) DO NOTHING`,
        [groupId, JSON.stringify(lag)],
      );
      for (const topic of topics) {
        for (let s = 0; s < 12; s++) {
          await db.query(
            `INSERT INTO lag_group_samples (at, group_id, topic, lag, lag_seconds, end_sum, committed_sum, members, status)
             VALUES (now() - make_interval(secs => $1::int), $2, $3, 12, 0.5, $4, $5, 1, 'OK') ON CONFLICT DO NOTHING`,
            [(12 - s) * 5, groupId, topic, 1000 + s * 250, 990 + s * 250],
          );
        }
      }
    }
    await db.query(`INSERT INTO lag_sampler_status (id, sampled_at, duration_ms, groups, partitions, last_error) VALUES (1, now() + interval '1 hour', 50, 3, 120, NULL)
                    ON CONFLICT (id) DO UPDATE SET sampled_at = now() + interval '1 hour'`);
  } finally {
    await db.end();
  }
}

/** In-process: building and laying out the graph. */
function pureFigures() {
  const input: FlowInput = {
    tenant: TENANT,
    connector: { name: "c", state: "RUNNING", tasks: [{ id: 0, state: "RUNNING" }], reason: null, freshness: null },
    topics: TOPICS.map((topic, i) => ({
      topic,
      role: i < 17 ? "cdc" : i === 17 ? "updates" : i === 18 ? "retry" : "dlq",
      partitions: PARTITIONS,
      messages: 120,
      inPerSecond: 3,
    })),
    stages: (["cdc-processor", "update-processor", "retry-processor"] as const).map((stage) => ({
      stage,
      status: "OK",
      reason: "ok",
      lag: 0,
      lagSeconds: 0,
      alive: 1,
      total: 1,
      lastError: null,
    })),
    consumes: [],
  };
  const runs = 2_000;
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const graph = buildFlowGraph(input);
    layoutFlow(graph.nodes, graph.edges);
  }
  const ours = (performance.now() - started) / runs;
  console.log(`graph build + layout in process: ${(ours * 1000).toFixed(0)} µs per graph (${TOPICS.length} topics)`);
}

async function main() {
  pureFigures();
  process.env.KAFKA_CONNECT_URL ??= "http://127.0.0.1:9"; // no Connect: the connector shows UNREACHABLE
  const prepare = async (env: NodeJS.ProcessEnv) => {
    await createTopics(env.KAFKA_BROKERS!);
    await fillDatabase(env.DATABASE_URL!);
  };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    await withBenchConsole("flow", prepare, async ({ baseUrl, cookie }) => {
      const api: number[] = [];
      for (let i = 0; i < API_RUNS + 5; i++) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}/api/tenants/${TENANT}/flow`, { headers: { cookie } });
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
        const body = (await response.json()) as { graph: { nodes: unknown[] } };
        if (i >= 5) api.push(performance.now() - started); // the first few warm up pools and code paths
        if (body.graph.nodes.length < TOPICS.length) throw new Error("graph lacks topics");
      }
      const [name, value] = cookie.split("=");
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name: name!, value: value!, url: baseUrl }]);
      const page = await context.newPage();
      const render: number[] = [];
      for (let i = 0; i < PAGE_RUNS + 1; i++) {
        const started = performance.now();
        await page.goto(`${baseUrl}/flow/${TENANT}`);
        await page
          .locator('[data-testid^="flow-node-topic:"]')
          .nth(TOPICS.length - 1)
          .waitFor({ timeout: 30_000 });
        if (i > 0) render.push(performance.now() - started);
      }
      await page.screenshot({ path: "/tmp/flow-bench.png", fullPage: true });
      const fmt = (values: number[], p: number) => percentile(values, p).toFixed(0);
      console.log(
        `flow: ${TOPICS.length} topics, API p50 ${fmt(api, 50)} ms p95 ${fmt(api, 95)} ms, page to graph p50 ${fmt(render, 50)} ms max ${Math.max(...render).toFixed(0)} ms`,
      );
    });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
