/**
 * A real update-processor serving /metrics and /healthz against the broker and Postgres of the
 * integration setup: after it applied updates and dead-lettered a poison message, its counters
 * and histograms say so in the Prometheus text format (with the metrics token only); /healthz
 * answers 200 while it consumes and 503 once it stops.
 */
import { createServer } from "node:net";
import { KafkaJSNonRetriableError, type Admin, type Kafka, type Producer } from "kafkajs";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import { updateProcessorStage } from "../update-processor/stage";
import type { CanonicalUpdate } from "@/lib/contract/canonical-update";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { startProcessor, type RunningProcessor, type StageDefinition } from "./runner";
import { testKafka, testTenant, waitFor } from "./testing";
import { tenantTopics } from "@/lib/contract/topics";

const tenant = testTenant("it-metrics");
const topics = tenantTopics(tenant);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let pool: pg.Pool;
let processor: RunningProcessor | undefined;
let crashing: RunningProcessor | undefined;

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 1);
});

afterAll(async () => {
  await processor?.stop();
  await processor?.metricsServer?.close();
  await crashing?.stop();
  await crashing?.metricsServer?.close();
  await producer?.disconnect();
  await admin?.disconnect();
  await pool?.end();
});

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SOURCE_AGE_MS = 2_000;
const TOKEN = "processor-metrics-test-token";
const deleteOf = (id: string): CanonicalUpdate => ({
  tenant,
  entity: "member",
  op: "delete",
  id,
  memberId: id,
  sourceLsn: "7",
  sourceVersion: 1,
  sourceTsMs: Date.now() - SOURCE_AGE_MS,
  cdcTopic: topics.cdc("members"),
  cdcPartition: 0,
  cdcOffset: "7",
  data: null,
});

const family = (families: ParsedFamily[], name: string) => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} in the exposition`);
  return found;
};
const counterValue = (families: ParsedFamily[], name: string) => {
  const f = family(families, name);
  expect(f.type).toBe("COUNTER");
  const sample = f.metrics.find((m) => m.labels?.tenant === tenant && m.labels?.stage === "update-processor");
  return Number((sample as { value: string } | undefined)?.value ?? Number.NaN);
};
const buckets = (families: ParsedFamily[], name: string) => {
  const f = family(families, name);
  expect(f.type).toBe("HISTOGRAM");
  return (f.metrics[0] as { buckets: Record<string, string> }).buckets;
};

describe("a processor's /metrics and /healthz", () => {
  it("count what it consumed, applied and dead-lettered, time its batches and the source-to-target path, and turn unhealthy when it stops", async () => {
    const port = await freePort();
    processor = await startProcessor(updateProcessorStage, ["--tenant", tenant, "--metrics-port", String(port)], {
      ...process.env,
      HEARTBEAT_INTERVAL_MS: "300",
      SYNCDECK_METRICS_HOST: "127.0.0.1",
      SYNCDECK_METRICS_TOKEN: TOKEN,
    });
    expect(processor.metricsServer?.port).toBe(port);
    const base = `http://127.0.0.1:${port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);

    await producer.send({
      topic: topics.updates,
      acks: -1,
      messages: [
        ...["m-1", "m-2", "m-3"].map((id) => ({ key: id, value: JSON.stringify(deleteOf(id)) })),
        { key: "poison", value: "not json" },
      ],
    });
    await waitFor(
      "the heartbeat counting all four messages",
      async () => (processor!.heartbeat.counts.consumed >= 4 ? true : undefined),
      60_000,
    );

    // its labels name the tenant: like the console's, only with the token
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${base}/metrics`, { headers: { authorization: "Bearer wrong-token-of-same-len" } })).status,
    ).toBe(401);
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(await response.text());

    expect(counterValue(families, "syncdeck_processor_messages_consumed_total")).toBe(4);
    expect(counterValue(families, "syncdeck_processor_messages_applied_total")).toBe(3);
    expect(counterValue(families, "syncdeck_processor_messages_dead_lettered_total")).toBe(1);
    expect(counterValue(families, "syncdeck_processor_messages_retried_total")).toBe(0);

    const batch = buckets(families, "syncdeck_processor_batch_duration_seconds");
    expect(Object.keys(batch).length).toBeGreaterThan(5);
    expect(Number(batch["+Inf"])).toBeGreaterThanOrEqual(1);

    // every applied update was committed at its source ≥ 2 s earlier: none falls in a bucket below 1 s
    const sourceToTarget = buckets(families, "syncdeck_processor_source_to_target_seconds");
    expect(Number(sourceToTarget["+Inf"])).toBe(3);
    expect(Number(sourceToTarget["1"])).toBe(0);
    expect(Number(sourceToTarget["900"])).toBe(3);

    // the process' default metrics, under the product's prefix
    expect(family(families, "syncdeck_process_cpu_seconds_total").type).toBe("COUNTER");
    expect(family(families, "syncdeck_nodejs_eventloop_lag_seconds").type).toBe("GAUGE");

    await processor.stop();
    const stopped = await fetch(`${base}/healthz`);
    expect(stopped.status).toBe(503);
    expect(await stopped.text()).toContain("stopping");
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it("turn /healthz to 503 with the reason once the consumer crashed for good", async () => {
    // the runner's lifecycle with a consumer that cannot go on: kafkajs does not restart after a
    // non-retriable error of its own (a failure of the tenant's work pauses the tenant instead, tenant-lane.ts)
    const failing: StageDefinition = {
      stage: "retry-processor",
      subscriptions: (t) => [t.dlq],
      createBatchHandler: () => async (payload) => {
        if (!payload.batch.isEmpty()) throw new KafkaJSNonRetriableError("the handler cannot go on");
      },
    };
    const port = await freePort();
    crashing = await startProcessor(failing, ["--tenant", tenant, "--metrics-port", String(port)], {
      ...process.env,
      SYNCDECK_METRICS_HOST: "127.0.0.1",
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await producer.send({ topic: topics.dlq, acks: -1, messages: [{ key: "x", value: "x" }] });
    await crashing.crashed;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.text()).toMatch(/consumer crashed: .*the handler cannot go on/);
    const families = parsePrometheusTextFormat(await (await fetch(`${base}/metrics`)).text());
    const failures = family(families, "syncdeck_processor_batch_failures_total").metrics.find(
      (m) => m.labels?.stage === "retry-processor",
    );
    expect(Number((failures as { value: string }).value)).toBeGreaterThanOrEqual(1);
  });
});
