/**
 * An agent's metrics port serves its processors' metrics with its own: the local driver runs two
 * real update-processor instances (child processes against the integration broker and Postgres),
 * each on its own loopback port, and one scrape of the agent's port shows both, told apart by
 * instance_id, next to one syncdeck_agent_processor_up per instance.
 */
import fs from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Admin, Kafka, Producer } from "kafkajs";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProducer } from "@/lib/kafka/client";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { testKafka, testTenant, waitFor } from "../../pipeline/shared/testing";
import { tenantTopics } from "@/lib/contract/topics";
import { serveAgentMetrics } from "./agent-metrics";
import { createLocalDriver, type LocalDriver } from "./local-driver";

const tenant = testTenant("it-agentm");
const topics = tenantTopics(tenant);
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let driver: LocalDriver | undefined;
let server: Awaited<ReturnType<typeof serveAgentMetrics>> | undefined;
let logDir: string;

const listenable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });

/** A port with the next two free as well (the agent's and its two instances'). */
async function freePortRun(): Promise<number> {
  for (let base = 20_000 + Math.floor(Math.random() * 30_000); ; base += 3) {
    if ((await listenable(base)) && (await listenable(base + 1)) && (await listenable(base + 2))) return base;
  }
}

beforeAll(async () => {
  kafka = testKafka();
  admin = kafka.admin();
  producer = createProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 2);
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), "it-agent-metrics-"));
});

afterAll(async () => {
  await server?.close();
  await driver?.close();
  await producer?.disconnect();
  await admin?.disconnect();
  fs.rmSync(logDir, { recursive: true, force: true });
});

type Sample = { value: string; labels?: Record<string, string> };
const samples = (families: ParsedFamily[], name: string) =>
  (families.find((f) => f.name === name)?.metrics ?? []) as Sample[];

describe("the agent's metrics port", () => {
  it("serves every running processor's metrics and each instance's up gauge", { timeout: 300_000 }, async () => {
    const base = await freePortRun();
    // the agent and its processors share the environment, the metrics token included
    const token = "agent-metrics-test-token";
    driver = createLocalDriver({
      environmentId: "it-metrics",
      env: { ...process.env, HEARTBEAT_INTERVAL_MS: "500", SYNCDECK_METRICS_TOKEN: token },
      logDir,
      metricsPortBase: base,
    });
    server = await serveAgentMetrics(driver, { port: base, host: "127.0.0.1" }, token);
    await driver.apply({ tenant, stage: "update-processor" }, { revision: 1, version: "it", config: {}, replicas: 2 });

    const messages = Array.from({ length: 10 }, (_, i) => ({
      key: `m-${i}`,
      partition: i % 2,
      value: JSON.stringify({
        tenant,
        entity: "member",
        op: "delete",
        id: `m-${i}`,
        memberId: `m-${i}`,
        sourceLsn: "1",
        sourceVersion: 1,
        sourceTsMs: Date.now(),
        cdcTopic: "x",
        cdcPartition: 0,
        cdcOffset: "0",
        data: null,
      }),
    }));
    await producer.send({ topic: topics.updates, acks: -1, messages });

    const scrape = async () =>
      parsePrometheusTextFormat(
        await (
          await fetch(`http://127.0.0.1:${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })
        ).text(),
      );
    const families = await waitFor(
      "both instances' metrics, with all ten messages consumed",
      async () => {
        const parsed = await scrape();
        const consumed = samples(parsed, "syncdeck_processor_messages_consumed_total").filter(
          (s) => s.labels?.tenant === tenant,
        );
        const total = consumed.reduce((sum, s) => sum + Number(s.value), 0);
        return consumed.length === 2 && total === 10 ? parsed : undefined;
      },
      240_000,
    ).catch((error) => {
      throw new Error(
        `${String(error)}\n${driver!
          .observe()
          .map((i) => i.logTail)
          .join("\n---\n")}`,
      );
    });

    const instances = driver
      .observe()
      .map((i) => i.instanceId)
      .sort();
    const consumed = samples(families, "syncdeck_processor_messages_consumed_total").filter(
      (s) => s.labels?.tenant === tenant,
    );
    expect(consumed.map((s) => s.labels?.instance_id).sort()).toEqual(instances);
    expect(
      samples(families, "syncdeck_agent_processor_up")
        .map((s) => [s.labels?.instance_id, s.value])
        .sort(),
    ).toEqual(instances.map((id) => [id, "1"]));
    // one HELP/TYPE per family however many processors: the parser would have split the family otherwise
    expect(families.filter((f) => f.name === "syncdeck_process_cpu_seconds_total")).toHaveLength(1);
    expect(
      samples(families, "syncdeck_process_cpu_seconds_total")
        .map((s) => s.labels?.instance_id)
        .sort(),
    ).toEqual(instances);
    expect(samples(families, "syncdeck_agent_process_cpu_seconds_total")).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${base}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${base}/healthz`)).status).toBe(200);
    server.stopping();
    expect((await fetch(`http://127.0.0.1:${base}/healthz`)).status).toBe(503);
  });
});
