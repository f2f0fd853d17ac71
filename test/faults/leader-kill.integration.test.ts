/**
 * A fault on a replicated cluster: three KRaft nodes (replication factor 3, min.insync.replicas 2),
 * the update path under load (idempotent producers with acks=all, update- and retry-processor child
 * processes as the local driver runs them), and the leader of the updates topic's partition 0
 * SIGKILLed — no controlled shutdown — then started again 20 s later. While it is down the flow
 * view's partition data (the console's own reader) shows the under-replicated partitions; after it
 * is back and the load has drained, reconciliation of source against target finds nothing lost,
 * regressed or duplicated, and the DLQ stays empty.
 *
 * The cluster is this file's own; source and target databases live on the integration setup's
 * Postgres. KEEP_FAULT_DIR=1 keeps the nodes' data and logs and the processors' logs, and prints
 * the reconciliation in full, to read the topic back after a failure.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logLevel, type Admin, type Kafka, type Producer } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { tailLines } from "../../scripts/stack/process";
import { waitDrained } from "./drain";
import { ensureTenantTopics } from "@/lib/kafka/ensure-topics";
import { testTenant, waitFor } from "../../pipeline/shared/testing";
import { tenantTopics, type Stage } from "@/lib/contract/topics";
import { createLocalDriver } from "../../scripts/stack/local-driver";
import { startKafkaCluster, type RunningKafkaCluster } from "../../scripts/stack/kafka";
import type { EnvironmentDriver } from "../../server/deployments/driver";
import { buildFlowGraph } from "../../server/flow/flow-graph";
import { topicReplication } from "../../server/flow/replication";
import { readTopicPartitions } from "../../server/flow/topic-partitions";
import { createKafka, createProducer, retryRetriable } from "@/lib/kafka/client";
import { reconcileTenant } from "../../server/reconcile/reconcile";
import { SourceLoad } from "./source-load";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "syncdeck-leader-kill-"));
const databaseUrl = process.env.DATABASE_URL!;
const STAGES: Stage[] = ["update-processor", "retry-processor"];
const RETRY_DELAYS_MS = [300, 600, 1200];
const tenant = testTenant("f-leader");
const topics = tenantTopics(tenant);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let cluster: RunningKafkaCluster | undefined;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let processors: EnvironmentDriver | undefined;
let source: pg.Pool | undefined;
let sourceUrl: string;
let load: SourceLoad | undefined;
const sourceDatabase = `faults_${tenant.replaceAll("-", "_")}`;

beforeAll(async () => {
  cluster = await startKafkaCluster({ dataDir: path.join(root, "kafka"), nodes: 3 });
  kafka = createKafka(
    { ...process.env, KAFKA_BROKERS: cluster.brokers, KAFKA_CLIENT_ID: "syncdeck-leader-kill" },
    { logLevel: logLevel.NOTHING },
  );
  admin = kafka.admin();
  // acks=all is what an idempotent kafkajs producer sends with; with min.insync.replicas=2 an
  // acknowledged change is on two brokers before the leader can die.
  producer = createProducer(kafka, { idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([admin.connect(), producer.connect()]);
  await ensureTenantTopics(admin, tenant, 3, { KAFKA_REPLICATION_FACTOR: "3" });

  const creator = new pg.Client({ connectionString: databaseUrl });
  await creator.connect();
  await creator.query(`CREATE DATABASE "${sourceDatabase}"`);
  await creator.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${sourceDatabase}`;
  sourceUrl = url.toString();
  source = new pg.Pool({ connectionString: sourceUrl, max: 2 });
  await source.query(fs.readFileSync(path.resolve("pipeline/shared/source-schema.sql"), "utf8"));

  processors = createLocalDriver({
    environmentId: "leader-kill",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: cluster.brokers,
      KAFKA_CLIENT_ID: "syncdeck-leader-kill",
      KAFKA_REPLICATION_FACTOR: "3",
      HEARTBEAT_INTERVAL_MS: "1000",
      CONSUMER_SESSION_TIMEOUT_MS: "10000",
      RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(","),
    },
    logDir: path.join(root, "logs"),
  });
  for (const stage of STAGES)
    await processors.apply({ tenant, stage }, { revision: 1, version: "faults", config: {}, replicas: 1 });
}, 240_000);

afterAll(async () => {
  await load?.stop();
  await processors?.close();
  await producer?.disconnect().catch(() => {});
  await admin?.disconnect().catch(() => {});
  await source?.end();
  const dropper = new pg.Client({ connectionString: databaseUrl });
  await dropper.connect();
  await dropper.query(`DROP DATABASE IF EXISTS "${sourceDatabase}" WITH (FORCE)`);
  await dropper.end();
  await cluster?.stop();
  if (!process.env.KEEP_FAULT_DIR) fs.rmSync(root, { recursive: true, force: true });
  else console.log(`kept ${root}`);
}, 120_000);

/** The processors' last log lines, for a failure in CI where the folder is gone. */
function processorLogTails(): string {
  const dir = path.join(root, "logs");
  if (!fs.existsSync(dir)) return "(no processor logs)";
  return fs
    .readdirSync(dir)
    .map((file) => `${file}:\n${tailLines(path.join(dir, file), 15).join("\n")}`)
    .join("\n");
}

/** What the flow view shows for the updates topic: its node's status and reason, and its partitions. */
async function updatesAsTheConsoleShowsIt() {
  const [updates] = await readTopicPartitions(admin, [topics.updates]);
  const replicas = updates!.partitions.flatMap((p) => (p.replicas ? [p.replicas] : []));
  const graph = buildFlowGraph({
    tenant,
    connector: { name: `sync.${tenant}.cdc`, state: "RUNNING", tasks: [], reason: null, freshness: null },
    topics: [
      {
        topic: topics.updates,
        role: "updates",
        partitions: updates!.partitions.length,
        messages: 0,
        inPerSecond: 1,
        replication: topicReplication(replicas),
      },
    ],
    stages: [],
    consumes: [],
  });
  return { node: graph.nodes.find((n) => n.id === `topic:${topics.updates}`)!, partitions: updates!.partitions };
}

describe("a replicated cluster under a broker fault", () => {
  it("loses, regresses and duplicates nothing when the updates topic's leader is SIGKILLed and back 20 s later", async () => {
    onTestFailed(() =>
      console.log(
        `load: ${load?.produced ?? 0} changes produced, ${load?.sendFailures ?? 0} failed sends repeated; processor logs of ${tenant}:\n${processorLogTails()}`,
      ),
    );
    const healthy = await updatesAsTheConsoleShowsIt();
    expect(healthy.partitions.every((p) => p.replicas?.replicas.length === 3 && p.replicas.isr.length === 3)).toBe(
      true,
    );
    expect(healthy.node.status).toBe("ok");

    load = new SourceLoad(tenant, source!, producer);
    load.start();
    await load.waitProduced(1_500, 90_000);

    const leaderId = healthy.partitions.find((p) => p.partition === 0)!.replicas!.leader!;
    const leader = cluster!.nodes.find((n) => n.nodeId === leaderId)!;
    await leader.kill();
    const killedAt = Date.now();

    // Until the controller fences the dead broker (its session times out) its partitions have no
    // reachable leader and reads of them fail; from then on the console shows every partition as
    // under-replicated, with the dead broker named as the replica waited for.
    const down = await waitFor(
      "under-replicated partitions in the flow view",
      async () => {
        const seen = await updatesAsTheConsoleShowsIt().catch(() => undefined);
        return seen?.node.status === "warn" ? seen : undefined;
      },
      45_000,
    );
    expect(down.node.reason).toMatch(/^3 of 3 partitions under-replicated$/);
    expect(
      down.partitions.every(
        (p) =>
          p.replicas!.outOfSync.includes(leaderId) && p.replicas!.leader !== leaderId && p.replicas!.isr.length === 2,
      ),
    ).toBe(true);
    const producedWhileDown = load.produced;

    await sleep(Math.max(0, 20_000 - (Date.now() - killedAt)));
    expect(load.produced, "the load went on with one broker down").toBeGreaterThan(producedWhileDown);
    await leader.start();
    await waitFor(
      "every replica back in sync",
      async () =>
        (await updatesAsTheConsoleShowsIt().catch(() => undefined))?.node.status === "ok" ? true : undefined,
      60_000,
    );

    await load.waitProduced(load.produced + 1_000, 90_000);
    await load.stop();
    await waitDrained(admin, tenant, RETRY_DELAYS_MS, 120_000);

    const result = await reconcileTenant({ tenant, sourceUrl, targetUrl: databaseUrl, limit: 20 });
    if (process.env.KEEP_FAULT_DIR)
      console.log(JSON.stringify({ tenant, members: result.members, claims: result.claims }));
    const summary = (e: typeof result.members) => ({
      lost: e.missingCount,
      regressed: e.versionDiffersCount,
      extra: e.extraCount,
    });
    expect({ members: summary(result.members), claims: summary(result.claims) }).toEqual({
      members: { lost: 0, regressed: 0, extra: 0 },
      claims: { lost: 0, regressed: 0, extra: 0 },
    });
    expect(result.members.sourceCount + result.claims.sourceCount).toBeGreaterThan(2_000);
    const target = new pg.Client({ connectionString: databaseUrl });
    await target.connect();
    try {
      const { rows } = await target.query<{ n: number }>(
        `SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
           SELECT count(*) AS n FROM event_trail WHERE tenant = $1 AND stage = 'update-processor' AND outcome = 'applied'
           GROUP BY entity_ref, source_lsn HAVING count(*) > 1) d`,
        [tenant],
      );
      expect(rows[0]!.n, "duplicated applies").toBe(0);
    } finally {
      await target.end();
    }
    const dlqEnds = await retryRetriable(() => admin.fetchTopicOffsets(topics.dlq));
    expect(
      dlqEnds.reduce((sum, p) => sum + Number(p.high), 0),
      "nothing in the DLQ",
    ).toBe(0);
  }, 400_000);
});
